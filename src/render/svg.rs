//! The model as an SVG picture, drawn as the editor's canvas draws it: domain areas, team
//! cards coloured by kind, services shaped by kind and tinted by cover, ownership and
//! dependency edges, with the model's name, annual cost and coverage above and the legend
//! below. The PNG export rasterises this same SVG, so the two never drift apart.
//!
//! Positions are the saved layout, else the editor's automatic arrangement. Sizes are the
//! canvas's, in pixels at 100 %; no text is smaller than [`MIN_TEXT_PX`].

use std::collections::{HashMap, HashSet};
use std::fmt::Write;

use super::palette::{self, Rgb};
use super::text::{self, FONT_FAMILY};
use crate::analysis::{Analysis, Cover, RotaKind, analyze};
use crate::format;
use crate::layout;
use crate::model::{Model, ServiceKind, TeamKind};

/// The smallest text in the picture, so it stays readable when projected.
pub const MIN_TEXT_PX: f32 = 12.0;

const TEAM_SIZE: Size = Size(180.0, 54.0);
const DOMAIN_SIZE: Size = Size(220.0, 40.0);
const SERVICE_RADIUS: f32 = 26.0;
/// Service labels wrap at this width, so two services side by side keep apart.
const LABEL_WIDTH: f32 = 140.0;
const LABEL_PX: f32 = 14.0;
const TEAM_NAME_PX: f32 = 14.0;
const CAPTION_PX: f32 = MIN_TEXT_PX;
const LEGEND_PX: f32 = 14.0;
const LEGEND_ROW: f32 = 24.0;
const MARGIN: f32 = 24.0;
const TITLE_PX: f32 = 26.0;
const SUBTITLE_PX: f32 = 16.0;
const LINE_HEIGHT: f32 = 1.2;

#[derive(Clone, Copy, Debug)]
struct Size(f32, f32);

/// An axis-aligned box: left, top, right, bottom.
#[derive(Clone, Copy, Debug, PartialEq)]
struct Bounds {
    left: f32,
    top: f32,
    right: f32,
    bottom: f32,
}

impl Bounds {
    fn centred(x: f32, y: f32, size: Size) -> Bounds {
        Bounds {
            left: x - size.0 / 2.0,
            top: y - size.1 / 2.0,
            right: x + size.0 / 2.0,
            bottom: y + size.1 / 2.0,
        }
    }

    fn union(self, other: Bounds) -> Bounds {
        Bounds {
            left: self.left.min(other.left),
            top: self.top.min(other.top),
            right: self.right.max(other.right),
            bottom: self.bottom.max(other.bottom),
        }
    }

    fn expand(self, by: f32) -> Bounds {
        Bounds {
            left: self.left - by,
            top: self.top - by,
            right: self.right + by,
            bottom: self.bottom + by,
        }
    }

    fn overlaps(&self, other: &Bounds) -> bool {
        self.left < other.right
            && other.left < self.right
            && self.top < other.bottom
            && other.top < self.bottom
    }

    fn width(&self) -> f32 {
        self.right - self.left
    }

    fn height(&self) -> f32 {
        self.bottom - self.top
    }
}

/// A number for an SVG attribute: one decimal is finer than a projector shows.
struct N(f32);

impl std::fmt::Display for N {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let rounded = (self.0 * 10.0).round() / 10.0;
        if rounded == 0.0 {
            f.write_str("0")
        } else {
            write!(f, "{rounded}")
        }
    }
}

/// Text escaped for XML content and attribute values.
pub(crate) fn xml_escape(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    for c in raw.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            // XML 1.0 allows no other control characters.
            c if c.is_control() && !matches!(c, '\t' | '\n' | '\r') => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// What sits where: a node's centre and how far its outline reaches.
#[derive(Clone, Copy)]
enum Outline {
    Box(Size),
    Round(f32),
}

#[derive(Clone, Copy)]
struct Node {
    x: f32,
    y: f32,
    outline: Outline,
}

impl Node {
    /// Where a line leaving the centre in direction `(dx, dy)` (unit length) meets the outline.
    fn boundary(&self, dx: f32, dy: f32) -> (f32, f32) {
        let reach = match self.outline {
            Outline::Round(radius) => radius,
            Outline::Box(Size(w, h)) => {
                let along_x = if dx.abs() > 1e-6 {
                    w / 2.0 / dx.abs()
                } else {
                    f32::INFINITY
                };
                let along_y = if dy.abs() > 1e-6 {
                    h / 2.0 / dy.abs()
                } else {
                    f32::INFINITY
                };
                along_x.min(along_y)
            }
        };
        (self.x + dx * reach, self.y + dy * reach)
    }
}

/// The model drawn as an SVG document.
pub fn svg(model: &Model) -> String {
    svg_with(model, &analyze(model))
}

/// [`svg`] with an analysis already made for this model.
pub fn svg_with(model: &Model, analysis: &Analysis) -> String {
    Picture::new(model, analysis).render()
}

struct Picture<'a> {
    model: &'a Model,
    analysis: &'a Analysis,
    nodes: HashMap<&'a str, Node>,
}

impl<'a> Picture<'a> {
    fn new(model: &'a Model, analysis: &'a Analysis) -> Self {
        let positions = layout::positions(model);
        let at = |id: &str| {
            positions
                .get(id)
                .map_or((0.0, 0.0), |p| (p.x as f32, p.y as f32))
        };
        let mut nodes = HashMap::with_capacity(positions.len());
        for domain in &model.domains {
            let (x, y) = at(&domain.id);
            let outline = Outline::Box(DOMAIN_SIZE);
            nodes.insert(domain.id.as_str(), Node { x, y, outline });
        }
        for team in &model.teams {
            let (x, y) = at(&team.id);
            let outline = Outline::Box(TEAM_SIZE);
            nodes.insert(team.id.as_str(), Node { x, y, outline });
        }
        for service in &model.services {
            let (x, y) = at(&service.id);
            let outline = match service.kind {
                ServiceKind::Cots => Outline::Box(Size(2.0 * SERVICE_RADIUS, 2.0 * SERVICE_RADIUS)),
                _ => Outline::Round(SERVICE_RADIUS),
            };
            nodes.insert(service.id.as_str(), Node { x, y, outline });
        }
        Picture {
            model,
            analysis,
            nodes,
        }
    }

    fn render(&self) -> String {
        let mut body = String::with_capacity(512 + 700 * self.nodes.len());
        let mut extent: Option<Bounds> = None;
        let mut grow = |b: Bounds| extent = Some(extent.map_or(b, |e| e.union(b)));

        for area in self.domain_areas() {
            grow(area);
            let _ = writeln!(
                body,
                r#"<rect class="domain-area" x="{}" y="{}" width="{}" height="{}" rx="18" fill="{}" fill-opacity="{:.3}" stroke="{}" stroke-width="1.5"/>"#,
                N(area.left),
                N(area.top),
                N(area.width()),
                N(area.height()),
                palette::DOMAIN_FILL.hex(),
                palette::DOMAIN_FILL_OPACITY,
                palette::DOMAIN_STROKE.hex()
            );
        }
        self.edges(&mut body, &mut grow);
        for domain in &self.model.domains {
            let node = self.nodes[domain.id.as_str()];
            let b = Bounds::centred(node.x, node.y, DOMAIN_SIZE);
            grow(b);
            let colour = palette::DOMAIN_HEADER.hex();
            let _ = writeln!(
                body,
                r#"<rect class="domain" x="{}" y="{}" width="{}" height="{}" rx="20" fill="{colour}" stroke="{colour}" stroke-width="1.5"/>"#,
                N(b.left),
                N(b.top),
                N(b.width()),
                N(b.height()),
            );
            let name = text::wrap(&domain.name, 16.0, DOMAIN_SIZE.0 - 24.0, 1);
            centred_lines(&mut body, node.x, node.y, &name, 16.0, Rgb(255, 255, 255));
        }
        let understaffed: HashSet<&str> = self
            .analysis
            .rotas
            .iter()
            .filter(|r| !r.healthy && matches!(r.kind, RotaKind::Team | RotaKind::Ops))
            .map(|r| &*r.owner)
            .collect();
        for team in &self.model.teams {
            let node = self.nodes[team.id.as_str()];
            let b = Bounds::centred(node.x, node.y, TEAM_SIZE);
            grow(b);
            let fill = palette::team_fill(team.kind);
            let (stroke, width) = if understaffed.contains(team.id.as_str()) {
                (palette::AMBER, 3.0)
            } else {
                (fill.darker(), 1.5)
            };
            let _ = writeln!(
                body,
                r#"<rect class="team" x="{}" y="{}" width="{}" height="{}" rx="8" fill="{}" stroke="{}" stroke-width="{width}"/>"#,
                N(b.left),
                N(b.top),
                N(b.width()),
                N(b.height()),
                fill.hex(),
                stroke.hex(),
            );
            let name = text::wrap(&team.name, TEAM_NAME_PX, TEAM_SIZE.0 - 16.0, 2);
            let name_height = name.len() as f32 * TEAM_NAME_PX * LINE_HEIGHT;
            let caption = format!("{} · {} people", team.kind.label(), team.members);
            let caption = text::wrap(&caption, CAPTION_PX, TEAM_SIZE.0 - 16.0, 1);
            let block = name_height + CAPTION_PX * LINE_HEIGHT;
            let name_centre = node.y - block / 2.0 + name_height / 2.0;
            centred_lines(
                &mut body,
                node.x,
                name_centre,
                &name,
                TEAM_NAME_PX,
                palette::INK,
            );
            let caption_centre = node.y + block / 2.0 - CAPTION_PX * LINE_HEIGHT / 2.0;
            centred_lines(
                &mut body,
                node.x,
                caption_centre,
                &caption,
                CAPTION_PX,
                palette::MUTED_INK,
            );
        }
        let mut labels = LabelSpace::default();
        let mut label_text = String::new();
        for (service, figures) in self.model.services.iter().zip(&self.analysis.services) {
            let node = self.nodes[service.id.as_str()];
            let (fill, stroke) = palette::cover_colours(figures.cover);
            let width = if matches!(figures.cover, Cover::Uncovered | Cover::Understaffed) {
                3.0
            } else {
                1.5
            };
            let paint = format!(
                r#"fill="{}" stroke="{}" stroke-width="{width}""#,
                fill.hex(),
                stroke.hex()
            );
            let r = SERVICE_RADIUS;
            let _ = match service.kind {
                ServiceKind::Digital => writeln!(
                    body,
                    r#"<circle class="service" cx="{}" cy="{}" r="{}" {paint}/>"#,
                    N(node.x),
                    N(node.y),
                    N(r)
                ),
                ServiceKind::Cots => writeln!(
                    body,
                    r#"<rect class="service" x="{}" y="{}" width="{}" height="{}" rx="4" {paint}/>"#,
                    N(node.x - r * 0.9),
                    N(node.y - r * 0.9),
                    N(r * 1.8),
                    N(r * 1.8)
                ),
                ServiceKind::Foundational => writeln!(
                    body,
                    r#"<polygon class="service" points="{}" {paint}/>"#,
                    hexagon(node.x, node.y, r * 1.1)
                ),
            };
            grow(Bounds::centred(node.x, node.y, Size(2.2 * r, 2.2 * r)));
            let caption = [format::trimmed(figures.availability, 3)];
            centred_lines(
                &mut body,
                node.x,
                node.y,
                &caption,
                CAPTION_PX,
                palette::INK,
            );

            let lines = text::wrap(&service.name, LABEL_PX, LABEL_WIDTH, 2);
            if lines.is_empty() {
                continue;
            }
            let widest = lines
                .iter()
                .map(|l| text::width(l, LABEL_PX))
                .fold(0.0, f32::max);
            let height = lines.len() as f32 * LABEL_PX * LINE_HEIGHT;
            let top = node.y + r * 1.15 + 2.0;
            let wanted = Bounds {
                left: node.x - widest / 2.0 - 2.0,
                top,
                right: node.x + widest / 2.0 + 2.0,
                bottom: top + height,
            };
            let Some(place) = labels.place(wanted) else {
                continue;
            };
            grow(place);
            let _ = writeln!(
                label_text,
                r#"<rect class="label-backing" x="{}" y="{}" width="{}" height="{}" rx="3" fill="{}" fill-opacity="0.85"/>"#,
                N(place.left),
                N(place.top),
                N(place.width()),
                N(place.height()),
                palette::CANVAS_BACKGROUND.hex()
            );
            let centre = (place.top + place.bottom) / 2.0;
            centred_lines(
                &mut label_text,
                node.x,
                centre,
                &lines,
                LABEL_PX,
                palette::INK,
            );
        }
        body.push_str(&label_text);

        let content = extent.unwrap_or(Bounds {
            left: 0.0,
            top: 0.0,
            right: 0.0,
            bottom: 0.0,
        });
        let (heading, heading_width) = self.heading();
        let heading_height = TITLE_PX * LINE_HEIGHT + SUBTITLE_PX * LINE_HEIGHT + 16.0;
        let (legend, legend_size) = legend();
        let width = content.width().max(heading_width).max(legend_size.0) + 2.0 * MARGIN;
        let content_top = MARGIN + heading_height;
        let legend_top = content_top + content.height() + 20.0;
        let height = legend_top + legend_size.1 + MARGIN;

        let mut out = String::with_capacity(body.len() + 4096);
        let _ = writeln!(
            out,
            r#"<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}" viewBox="0 0 {w} {h}" font-family="{FONT_FAMILY}, sans-serif">"#,
            w = N(width.ceil()),
            h = N(height.ceil()),
        );
        let _ = writeln!(out, "<title>{}</title>", xml_escape(&self.model.name));
        let _ = writeln!(
            out,
            r#"<rect width="100%" height="100%" fill="{}"/>"#,
            palette::CANVAS_BACKGROUND.hex()
        );
        let _ = writeln!(
            out,
            r#"<g transform="translate({} {})">"#,
            N(MARGIN),
            N(MARGIN)
        );
        out.push_str(&heading);
        out.push_str("</g>\n");
        let _ = writeln!(
            out,
            r#"<g class="canvas" transform="translate({} {})">"#,
            N(MARGIN - content.left),
            N(content_top - content.top)
        );
        out.push_str(&body);
        out.push_str("</g>\n");
        let _ = writeln!(
            out,
            r#"<g class="legend" transform="translate({} {})">"#,
            N(MARGIN),
            N(legend_top)
        );
        out.push_str(&legend);
        out.push_str("</g>\n</svg>\n");
        out
    }

    /// The model's name, then its annual cost and coverage; returns the SVG and its width.
    fn heading(&self) -> (String, f32) {
        let title = self.model.name.trim();
        let title = if title.is_empty() {
            "Untitled model"
        } else {
            title
        };
        let figures = format!(
            "Annual on-call cost {} · Ownership {} · On-call cover {}",
            format::money(self.analysis.totals.annual_cost, &self.analysis.currency),
            format::share(self.analysis.coverage.ownership),
            format::share(self.analysis.coverage.on_call),
        );
        let mut out = String::new();
        let _ = writeln!(
            out,
            r#"<text class="title" x="0" y="{}" font-size="{TITLE_PX}" font-weight="bold" fill="{}">{}</text>"#,
            N(TITLE_PX),
            palette::INK.hex(),
            xml_escape(title)
        );
        let _ = writeln!(
            out,
            r#"<text class="figures" x="0" y="{}" font-size="{SUBTITLE_PX}" fill="{}">{}</text>"#,
            N(TITLE_PX * LINE_HEIGHT + SUBTITLE_PX + 4.0),
            palette::MUTED_INK.hex(),
            xml_escape(&figures)
        );
        let width = text::width(title, TITLE_PX).max(text::width(&figures, SUBTITLE_PX));
        (out, width)
    }

    /// The tinted area behind each domain's header, its teams and their services, as the
    /// canvas draws it.
    fn domain_areas(&self) -> Vec<Bounds> {
        let mut owned: HashMap<&str, Vec<&str>> = HashMap::new();
        for service in &self.model.services {
            if let Some(owner) = &service.owner {
                owned.entry(owner).or_default().push(&service.id);
            }
        }
        let mut teams_of: HashMap<&str, Vec<&str>> = HashMap::new();
        for team in &self.model.teams {
            if let Some(domain) = &team.domain {
                teams_of.entry(domain).or_default().push(&team.id);
            }
        }
        let reach = Size(SERVICE_RADIUS * 3.0, SERVICE_RADIUS * 3.8);
        self.model
            .domains
            .iter()
            .map(|domain| {
                let header = self.nodes[domain.id.as_str()];
                let mut area = Bounds::centred(header.x, header.y, DOMAIN_SIZE);
                for team in teams_of.get(domain.id.as_str()).into_iter().flatten() {
                    let node = self.nodes[team];
                    area = area.union(Bounds::centred(node.x, node.y, TEAM_SIZE));
                    for service in owned.get(team).into_iter().flatten() {
                        let node = self.nodes[service];
                        area = area.union(Bounds::centred(node.x, node.y + 12.0, reach));
                    }
                }
                area.expand(14.0)
            })
            .collect()
    }

    /// Ownership edges (a diamond at the owner) and dependencies (an arrow at the service
    /// depended on), drawn boundary to boundary as the canvas does.
    fn edges(&self, out: &mut String, grow: &mut impl FnMut(Bounds)) {
        for service in &self.model.services {
            let Some(owner) = service.owner.as_deref().and_then(|o| self.nodes.get(o)) else {
                continue;
            };
            let Some(ends) = ends(owner, &self.nodes[service.id.as_str()], 0.0) else {
                continue;
            };
            let ((ax, ay), (bx, by), (dx, dy)) = ends;
            let size = 7.0;
            let (tx, ty) = (ax + dx * size * 2.0, ay + dy * size * 2.0);
            let (sx, sy) = (-dy * size * 0.7, dx * size * 0.7);
            let (mx, my) = (ax + dx * size, ay + dy * size);
            let colour = palette::OWNERSHIP_EDGE.hex();
            let _ = writeln!(
                out,
                r#"<g class="owns"><line x1="{}" y1="{}" x2="{}" y2="{}" stroke="{colour}" stroke-width="2"/><polygon points="{},{} {},{} {},{} {},{}" fill="{colour}"/></g>"#,
                N(tx),
                N(ty),
                N(bx),
                N(by),
                N(ax),
                N(ay),
                N(mx + sx),
                N(my + sy),
                N(tx),
                N(ty),
                N(mx - sx),
                N(my - sy),
            );
        }
        let colour = palette::DEPENDENCY_EDGE.hex();
        for dependency in &self.model.dependencies {
            let (Some(from), Some(to)) = (
                self.nodes.get(dependency.from.as_str()),
                self.nodes.get(dependency.to.as_str()),
            ) else {
                continue;
            };
            let Some(((ax, ay), (bx, by), (dx, dy))) = ends(from, to, 5.0) else {
                let (cx, cy) = (from.x + SERVICE_RADIUS, from.y - SERVICE_RADIUS);
                grow(Bounds::centred(cx, cy, Size(26.0, 26.0)));
                let _ = writeln!(
                    out,
                    r#"<circle class="depends-on" cx="{}" cy="{}" r="12" fill="none" stroke="{colour}" stroke-width="1.6"/>"#,
                    N(cx),
                    N(cy)
                );
                continue;
            };
            let size = 9.0;
            let (basex, basey) = (bx - dx * size, by - dy * size);
            let (sx, sy) = (-dy * size * 0.45, dx * size * 0.45);
            let _ = writeln!(
                out,
                r#"<g class="depends-on"><line x1="{}" y1="{}" x2="{}" y2="{}" stroke="{colour}" stroke-width="1.6"/><polygon points="{},{} {},{} {},{}" fill="{colour}"/></g>"#,
                N(ax),
                N(ay),
                N(basex),
                N(basey),
                N(bx),
                N(by),
                N(basex + sx),
                N(basey + sy),
                N(basex - sx),
                N(basey - sy),
            );
        }
    }
}

/// The two ends of an edge, outline to outline, moved `nudge` to the side so that a → b and
/// b → a stay apart, and the unit direction; `None` for two nodes in the same place.
#[allow(clippy::type_complexity)]
fn ends(from: &Node, to: &Node, nudge: f32) -> Option<((f32, f32), (f32, f32), (f32, f32))> {
    let (dx, dy) = (to.x - from.x, to.y - from.y);
    let length = (dx * dx + dy * dy).sqrt();
    if length < 1e-3 {
        return None;
    }
    let (dx, dy) = (dx / length, dy / length);
    let (ax, ay) = from.boundary(dx, dy);
    let (bx, by) = to.boundary(-dx, -dy);
    let (nx, ny) = (-dy * nudge, dx * nudge);
    Some(((ax + nx, ay + ny), (bx + nx, by + ny), (dx, dy)))
}

fn hexagon(x: f32, y: f32, radius: f32) -> String {
    (0..6)
        .map(|i| {
            let angle = std::f32::consts::FRAC_PI_3 * i as f32;
            format!(
                "{},{}",
                N(x + radius * angle.cos()),
                N(y + radius * angle.sin())
            )
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// Lines of text centred on `(x, centre_y)`.
fn centred_lines(out: &mut String, x: f32, centre_y: f32, lines: &[String], px: f32, colour: Rgb) {
    let step = px * LINE_HEIGHT;
    let first_baseline = centre_y - step * lines.len() as f32 / 2.0 + step / 2.0 + px * 0.35;
    for (i, line) in lines.iter().enumerate() {
        let _ = writeln!(
            out,
            r#"<text x="{}" y="{}" font-size="{px}" text-anchor="middle" fill="{}">{}</text>"#,
            N(x),
            N(first_baseline + step * i as f32),
            colour.hex(),
            xml_escape(line)
        );
    }
}

/// Where the service labels already are, so that no label is drawn over another: a label
/// that would overlap moves down a little, and one with no free place nearby is left out.
#[derive(Default)]
struct LabelSpace {
    cells: HashMap<(i32, i32), Vec<Bounds>>,
}

impl LabelSpace {
    const CELL: f32 = 160.0;
    const TRIES: usize = 4;

    fn cells_of(b: &Bounds) -> impl Iterator<Item = (i32, i32)> {
        let (x0, x1) = (
            (b.left / Self::CELL).floor() as i32,
            (b.right / Self::CELL).floor() as i32,
        );
        let (y0, y1) = (
            (b.top / Self::CELL).floor() as i32,
            (b.bottom / Self::CELL).floor() as i32,
        );
        (x0..=x1).flat_map(move |x| (y0..=y1).map(move |y| (x, y)))
    }

    fn first_overlap(&self, b: &Bounds) -> Option<Bounds> {
        Self::cells_of(b)
            .filter_map(|cell| self.cells.get(&cell))
            .flatten()
            .find(|other| other.overlaps(b))
            .copied()
    }

    fn place(&mut self, wanted: Bounds) -> Option<Bounds> {
        let mut b = wanted;
        for _ in 0..Self::TRIES {
            match self.first_overlap(&b) {
                None => {
                    for cell in Self::cells_of(&b) {
                        self.cells.entry(cell).or_default().push(b);
                    }
                    return Some(b);
                }
                Some(other) => {
                    let shift = other.bottom - b.top + 1.0;
                    b.top += shift;
                    b.bottom += shift;
                }
            }
        }
        None
    }
}

/// The legend: what the shapes, colours and lines mean; returns the SVG and its size.
fn legend() -> (String, (f32, f32)) {
    let mut out = String::new();
    let mut right: f32 = 0.0;
    let r = 7.0;
    let ink = palette::INK.hex();
    let mut y = LEGEND_ROW / 2.0 + 8.0;
    let mut x = 12.0;
    let mut label = |out: &mut String, x: &mut f32, y: f32, words: &str| {
        let _ = writeln!(
            out,
            r#"<text x="{}" y="{}" font-size="{LEGEND_PX}" fill="{ink}">{}</text>"#,
            N(*x),
            N(y + LEGEND_PX * 0.35),
            xml_escape(words)
        );
        *x += text::width(words, LEGEND_PX) + 14.0;
        right = right.max(*x);
    };
    for (kind, words) in [
        (ServiceKind::Digital, "Digital"),
        (ServiceKind::Cots, "COTS"),
        (ServiceKind::Foundational, "Foundational"),
    ] {
        let cx = x + r;
        let stroke = format!(
            r#"fill="none" stroke="{}" stroke-width="1.5""#,
            palette::INK.hex()
        );
        let _ = match kind {
            ServiceKind::Digital => writeln!(
                out,
                r#"<circle cx="{}" cy="{}" r="{r}" {stroke}/>"#,
                N(cx),
                N(y)
            ),
            ServiceKind::Cots => writeln!(
                out,
                r#"<rect x="{}" y="{}" width="{}" height="{}" rx="2" {stroke}/>"#,
                N(cx - r),
                N(y - r),
                N(2.0 * r),
                N(2.0 * r)
            ),
            ServiceKind::Foundational => writeln!(
                out,
                r#"<polygon points="{}" {stroke}/>"#,
                hexagon(cx, y, r * 1.1)
            ),
        };
        x += 2.0 * r + 5.0;
        label(&mut out, &mut x, y, words);
    }
    y += LEGEND_ROW;
    x = 12.0;
    for (cover, words) in [
        (Cover::Covered, "covered"),
        (Cover::Understaffed, "understaffed"),
        (Cover::Uncovered, "uncovered / no owner"),
        (Cover::NotRequired, "no cover needed"),
    ] {
        let (fill, stroke) = palette::cover_colours(cover);
        let _ = writeln!(
            out,
            r#"<circle cx="{}" cy="{}" r="{r}" fill="{}" stroke="{}" stroke-width="2"/>"#,
            N(x + r),
            N(y),
            fill.hex(),
            stroke.hex()
        );
        x += 2.0 * r + 5.0;
        label(&mut out, &mut x, y, words);
    }
    y += LEGEND_ROW;
    x = 12.0;
    for kind in TeamKind::ALL {
        let fill = palette::team_fill(kind);
        let _ = writeln!(
            out,
            r#"<rect x="{}" y="{}" width="22" height="14" rx="3" fill="{}" stroke="{}"/>"#,
            N(x),
            N(y - 7.0),
            fill.hex(),
            fill.darker().hex()
        );
        x += 27.0;
        label(&mut out, &mut x, y, kind.label());
    }
    y += LEGEND_ROW;
    x = 12.0;
    let owns = palette::OWNERSHIP_EDGE.hex();
    let _ = writeln!(
        out,
        r#"<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="{owns}" stroke-width="2"/><polygon points="{},{} {},{} {},{} {},{}" fill="{owns}"/>"#,
        N(x),
        N(y),
        N(x + 34.0),
        N(y),
        N(x),
        N(y),
        N(x + 6.0),
        N(y - 4.0),
        N(x + 12.0),
        N(y),
        N(x + 6.0),
        N(y + 4.0)
    );
    x += 40.0;
    label(&mut out, &mut x, y, "owns");
    let depends = palette::DEPENDENCY_EDGE.hex();
    let _ = writeln!(
        out,
        r#"<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="{depends}" stroke-width="2"/><polygon points="{},{} {},{} {},{}" fill="{depends}"/>"#,
        N(x),
        N(y),
        N(x + 26.0),
        N(y),
        N(x + 34.0),
        N(y),
        N(x + 26.0),
        N(y - 4.0),
        N(x + 26.0),
        N(y + 4.0)
    );
    x += 40.0;
    label(&mut out, &mut x, y, "depends on");
    let _ = writeln!(
        out,
        r#"<rect x="{}" y="{}" width="26" height="16" rx="5" fill="{}" fill-opacity="{:.3}" stroke="{}" stroke-width="1.5"/>"#,
        N(x),
        N(y - 8.0),
        palette::DOMAIN_FILL.hex(),
        palette::DOMAIN_FILL_OPACITY,
        palette::DOMAIN_STROKE.hex()
    );
    x += 32.0;
    label(&mut out, &mut x, y, "domain");
    let size = (right + 12.0, y + LEGEND_ROW / 2.0 + 8.0);
    let backing = format!(
        r##"<rect width="{}" height="{}" rx="6" fill="#ffffff" fill-opacity="0.92" stroke="{}"/>"##,
        N(size.0),
        N(size.1),
        palette::GREY.hex()
    );
    (backing + "\n" + &out, size)
}
