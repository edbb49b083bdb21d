//! A scene seen through a view, as marks in output pixels: areas, then edges, then shapes,
//! then names on top. Only what the view shows is drawn (see [`super::grid`]); far enough
//! out, a big model is drawn as one box per area (see [`super::overview`]).
//!
//! Sizes follow the zoom, and strokes and markers stay within a readable range of pixels
//! whatever it is. The selection, when there is one, is outlined and the rest of the
//! picture steps back; exports draw with no selection.

mod edges;
mod nodes;

use std::collections::HashMap;

use super::marks::{Marks, Paint, Pen, Role, area_paint};
use super::palette::{self, Rgb};
use super::{EdgeKind, Look, Node, Scene, View, overview};
use crate::layout::Rect;
use crate::layout::labels::{self, AREA_INSET, Label, Placed, Spot};
use crate::layout::sizes::{DOMAIN_NAME_PX, SERVICE_NAME_PX, TEAM_NAME_PX};
use crate::layout::text::Shaped;
use crate::model::{Position, ServiceKind};
use edges::{draw_edge, edge_path};
use nodes::draw_node;

/// Small text (captions, badges) is drawn only at this size or larger.
pub const CAPTION_MIN_PX: f64 = 12.0;

/// A node's or edge's part in the current selection: the selection's neighbourhood is
/// highlighted and the rest dimmed, so a room sees at once what one thing touches.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Focus {
    /// Nothing is selected.
    #[default]
    Plain,
    /// The selection itself, or something next to it: its owner, dependencies, dependents.
    Related,
    /// Not connected to the selection.
    Dimmed,
}

/// What the editor adds to a picture: the selection and its neighbourhood, the node under
/// the pointer, and the nodes being dragged together (by an offset in canvas units). Exports
/// use the default: nothing.
#[derive(Clone, Debug, Default)]
pub struct Highlight {
    /// Per node and per edge, by index; empty when nothing is selected.
    pub nodes: Vec<Focus>,
    pub edges: Vec<Focus>,
    /// The selected nodes: one, or several picked together.
    pub selected_nodes: Vec<usize>,
    pub selected_edge: Option<usize>,
    pub hovered: Option<usize>,
    pub dragged: Option<(Vec<usize>, Position)>,
}

impl Highlight {
    fn node(&self, i: usize) -> Focus {
        self.nodes.get(i).copied().unwrap_or_default()
    }

    fn edge(&self, i: usize) -> Focus {
        self.edges.get(i).copied().unwrap_or_default()
    }

    /// Whether node `i` is being dragged.
    fn is_dragged(&self, i: usize) -> bool {
        self.dragged.as_ref().is_some_and(|(d, _)| d.contains(&i))
    }

    /// Where node `i` is drawn: moved by the drag, if it is one of those dragged.
    fn centre(&self, node: &Node, i: usize) -> Position {
        match &self.dragged {
            Some((d, by)) if d.contains(&i) => Position {
                x: node.centre.x + by.x,
                y: node.centre.y + by.y,
            },
            _ => node.centre,
        }
    }
}

/// What was drawn.
#[derive(Clone, Debug, Default)]
pub struct Drawn {
    pub marks: Marks,
    /// Whether the picture shows one box per area.
    pub overview: bool,
    /// Each node whose name was laid out (or each domain whose box was drawn), with
    /// whether its name shows whole.
    pub named: Vec<(usize, bool)>,
    /// Where each node's shape is on screen, for the nodes drawn.
    pub shapes: Vec<(usize, Rect)>,
    /// Each area's box on screen, in the overview.
    pub boxes: Vec<(usize, Rect)>,
    /// Each edge drawn, by index, along its path on screen.
    pub paths: Vec<(usize, Vec<Position>)>,
    /// Where each node's name went on screen, and how.
    pub labels: Vec<(usize, Rect, Spot)>,
}

pub fn hexagon(centre: Position, radius: f64) -> Vec<Position> {
    (0..6)
        .map(|i| {
            let angle = std::f64::consts::FRAC_PI_3 * f64::from(i);
            Position {
                x: centre.x + radius * angle.cos(),
                y: centre.y + radius * angle.sin(),
            }
        })
        .collect()
}

/// Whether `p` (canvas units) lies within `node`'s outline grown by `tolerance`.
pub fn outline_contains(node: &Node, p: Position, tolerance: f64) -> bool {
    let (dx, dy) = (p.x - node.centre.x, p.y - node.centre.y);
    match node.look {
        Look::Service {
            kind: ServiceKind::Digital,
            ..
        } => (dx * dx + dy * dy).sqrt() <= node.size.0 / 2.0 + tolerance,
        Look::Service {
            kind: ServiceKind::Foundational,
            ..
        } => {
            // A hexagon with corners left and right: within its flat top and bottom and
            // its four slanted sides.
            let r = node.size.0 / 2.0 * 1.1 + tolerance * 2.0 / 3f64.sqrt();
            let half_height = r * 3f64.sqrt() / 2.0;
            dy.abs() <= half_height && 3f64.sqrt() * dx.abs() + dy.abs() <= r * 3f64.sqrt()
        }
        _ => dx.abs() <= node.size.0 / 2.0 + tolerance && dy.abs() <= node.size.1 / 2.0 + tolerance,
    }
}

/// Where the segment from `inside` (within `node`) towards `outside` crosses its outline.
pub fn outline_point(node: &Node, inside: Position, outside: Position) -> Position {
    crossing(|p| outline_contains(node, p, 0.0), inside, outside)
}

/// Where the segment from `a` (where `inside` holds) to `b` stops being inside, by halving.
fn crossing(inside: impl Fn(Position) -> bool, a: Position, b: Position) -> Position {
    if inside(b) || !inside(a) {
        return a;
    }
    let lerp = |t: f64| Position {
        x: a.x + (b.x - a.x) * t,
        y: a.y + (b.y - a.y) * t,
    };
    let (mut low, mut high) = (0.0, 1.0);
    for _ in 0..40 {
        let middle = (low + high) / 2.0;
        if inside(lerp(middle)) {
            low = middle;
        } else {
            high = middle;
        }
    }
    lerp(high)
}

/// A colour stepped back when its node or edge is out of focus.
fn focused(rgb: Rgb, focus: Focus) -> Rgb {
    match focus {
        Focus::Dimmed => palette::dimmed(rgb),
        Focus::Plain | Focus::Related => rgb,
    }
}

/// Draws `scene` as `view` shows it, with `highlight`.
pub fn draw(scene: &Scene, view: &View, highlight: &Highlight) -> Drawn {
    let mut drawn = Drawn::default();
    let visible = view.visible();
    if view.summarise && scene.summarised_when_far && view.zoom < overview::OVERVIEW_ZOOM {
        draw_overview(scene, view, &visible, &mut drawn);
        return drawn;
    }
    let found = scene.within(&visible);
    let zoom = view.zoom;
    let mut marks = Marks::default();
    // Areas' boxes, drawn under everything once their members' names are placed: a box
    // grows into half the gap round it to hold a name that needs the room.
    let mut boxes: Vec<(usize, Rect)> = Vec::new();
    let mut titles: Vec<(usize, Rect)> = Vec::new();
    for &a in &found.areas {
        let area = &scene.areas[a];
        let Some(rect) = area.rect.filter(|r| r.overlaps(&visible)) else {
            continue;
        };
        boxes.push((a, view.rect_to_screen(&rect)));
        if area.domain.is_none() {
            let band = Rect {
                max_y: rect.min_y + super::OUTSIDE_TITLE_BAND,
                ..rect
            };
            titles.push((a, view.rect_to_screen(&band).expand(-4.0)));
        }
    }
    let rooms = labels::room_for_names(
        &boxes.iter().map(|(_, r)| *r).collect::<Vec<_>>(),
        crate::layout::areas::AREA_GAP / 2.0 * zoom - AREA_INSET,
    );
    let room_of: HashMap<usize, Rect> = boxes
        .iter()
        .zip(&rooms)
        .map(|((a, _), room)| (*a, room.expand(-AREA_INSET)))
        .collect();

    // Shapes, drawn into their own list: names are placed against them.
    let nodes: Vec<usize> = found.nodes.clone();
    let mut shapes = Marks::default();
    let mut obstacles: Vec<Rect> = Vec::with_capacity(nodes.len());
    let mut labelled: Vec<(usize, Rect, Option<Rect>)> = Vec::with_capacity(nodes.len());
    // Where each node's marks start in `shapes`, and where they end.
    let mut drawn_from: Vec<usize> = Vec::with_capacity(nodes.len() + 1);
    for &i in &nodes {
        let node = &scene.nodes[i];
        let centre = view.to_screen(highlight.centre(node, i));
        drawn_from.push(shapes.list.len());
        let (shape, room) = draw_node(&mut shapes, node, i, centre, zoom, highlight);
        obstacles.push(shape);
        drawn.shapes.push((i, shape));
        labelled.push((i, shape, room));
    }
    // Edges' ends, which names keep clear of so that every arrow is seen to arrive.
    let paths: Vec<(usize, Vec<Position>)> = found
        .edges
        .iter()
        .map(|&e| (e, edge_path(scene, view, highlight, e)))
        .collect();
    let mut ends: Vec<Rect> = Vec::new();
    for (e, path) in &paths {
        if let [first, .., last] = &path[..] {
            let marker = match scene.edges[*e].kind {
                EdgeKind::Ownership => (7.0 * zoom).clamp(3.0, 12.0) * 2.0,
                _ => (9.0 * zoom).clamp(5.0, 16.0),
            };
            ends.push(Rect::around(*first, marker, marker));
            ends.push(Rect::around(*last, marker, marker));
        }
    }

    // Names.
    let focus_first = |i: usize| -> u64 {
        if highlight.selected_nodes.contains(&i) {
            0
        } else {
            match highlight.node(i) {
                Focus::Related => 1,
                Focus::Plain => 2,
                Focus::Dimmed => 3,
            }
        }
    };
    let title_name = Shaped::new(crate::layout::areas::OUTSIDE_TITLE);
    let mut label_list: Vec<Label> = labelled
        .iter()
        .map(|&(i, shape, room)| {
            let node = &scene.nodes[i];
            Label {
                name: &node.name,
                shape,
                room,
                canvas_px: match node.look {
                    Look::Domain => DOMAIN_NAME_PX,
                    Look::Team { .. } => TEAM_NAME_PX,
                    Look::Service { .. } => SERVICE_NAME_PX,
                },
                rank: (focus_first(i) << 40) | node.rank,
                within: node.area.and_then(|a| room_of.get(&a).copied()),
            }
        })
        .collect();
    for (_, band) in &titles {
        obstacles.push(*band);
        label_list.push(Label {
            name: &title_name,
            shape: *band,
            room: Some(*band),
            canvas_px: DOMAIN_NAME_PX,
            rank: 0,
            within: None,
        });
    }
    let frame = Rect {
        min_y: view.frame.min_y + view.reserved_top,
        ..view.frame
    };
    let placed = labels::place(&label_list, &obstacles, &ends, frame, zoom, view.text);
    let mut grown: HashMap<usize, Rect> = HashMap::new();
    for (k, &(i, _, _)) in labelled.iter().enumerate() {
        drawn
            .named
            .push((i, placed[k].as_ref().is_some_and(|p| p.whole)));
        if let Some(p) = &placed[k] {
            drawn.labels.push((i, p.rect, p.spot));
        }
        if let Some(p) = &placed[k]
            && p.spot == Spot::Card
        {
            grown.insert(i, p.rect);
        }
    }

    // Each box grown round its members' names.
    for (k, &(i, _, _)) in labelled.iter().enumerate() {
        let (Some(p), Some(a)) = (&placed[k], scene.nodes[i].area) else {
            continue;
        };
        if let Some((_, rect)) = boxes.iter_mut().find(|(b, _)| *b == a) {
            *rect = rect.union(&p.rect.expand(AREA_INSET));
        }
    }
    for &(a, on_screen) in &boxes {
        draw_area(&mut marks, scene.areas[a].domain.is_some(), on_screen, zoom);
    }

    // Edges, their ends moved out to any card grown round its name.
    drawn.paths = paths.clone();
    for (e, path) in paths {
        draw_edge(&mut marks, scene, e, path, zoom, highlight, &grown);
    }
    // A card grown round its name is drawn instead of the card, not over it.
    drawn_from.push(shapes.list.len());
    for (k, &(i, _, _)) in labelled.iter().enumerate() {
        if !grown.contains_key(&i) {
            marks.list.extend(
                shapes.list[drawn_from[k]..drawn_from[k + 1]]
                    .iter()
                    .cloned(),
            );
        }
    }
    for (k, &(i, _, _)) in labelled.iter().enumerate() {
        if let Some(p) = &placed[k] {
            draw_label(&mut marks, &scene.nodes[i], p, highlight.node(i));
        }
    }
    for (t, _) in titles.iter().enumerate() {
        if let Some(p) = &placed[labelled.len() + t] {
            let paint = Paint::solid(palette::MUTED_INK);
            if p.spot == Spot::Card {
                marks.rect(
                    Role::Label,
                    p.rect,
                    6.0,
                    Some(palette::CANVAS_BACKGROUND.into()),
                    None,
                );
            }
            marks.centred_lines(
                Role::Label,
                p.text_top.x,
                p.text_top.y,
                &p.lines,
                f64::from(p.px),
                paint,
            );
        }
    }
    drawn.marks = marks;
    drawn
}

/// An area's box, painted as [`area_paint`] says.
fn draw_area(marks: &mut Marks, domain: bool, on_screen: Rect, zoom: f64) {
    let radius = (18.0 * zoom).clamp(4.0, 24.0);
    let role = if domain {
        Role::DomainArea
    } else {
        Role::OutsideArea
    };
    let (fill, pen) = area_paint(domain, (6.0, 4.0));
    marks.rect(role, on_screen, radius, Some(fill), Some(pen));
}

/// One box per area, with its name and figures.
fn draw_overview(scene: &Scene, view: &View, visible: &Rect, drawn: &mut Drawn) {
    drawn.overview = true;
    let mut marks = Marks::default();
    for (a, area) in scene.areas.iter().enumerate() {
        let Some(rect) = scene.overview_boxes.get(a).filter(|r| r.overlaps(visible)) else {
            continue;
        };
        let on_screen = view.rect_to_screen(rect);
        let (fill, stroke) = match area.domain {
            Some(_) => (
                palette::DOMAIN_SUMMARY_FILL,
                Pen::new(2.0, palette::DOMAIN_HEADER),
            ),
            None => (
                palette::GREY_FILL,
                Pen::new(2.0, palette::OUTSIDE_STROKE).dashed(6.0, 4.0),
            ),
        };
        marks.rect(
            Role::DomainSummary,
            on_screen,
            10.0,
            Some(fill.into()),
            Some(stroke),
        );
        let name = Shaped::new(&area.name);
        let figures = overview::lines(&area.summary, &scene.currency);
        let whole = overview::box_text(
            &mut marks,
            &on_screen,
            &name,
            &figures,
            area.summary.errors,
            view.text,
        );
        if let Some(domain) = area.domain.as_deref().and_then(|d| scene.node(d)) {
            drawn.named.push((domain, whole));
        }
        drawn.boxes.push((a, on_screen));
    }
    drawn.marks = marks;
}

/// A placed name: on its card or header, on a card grown round it, or beside its shape on
/// a light backing.
fn draw_label(marks: &mut Marks, node: &Node, placed: &Placed, focus: Focus) {
    // A grown card looks like the card: its fill, its outline and its corners.
    let (inside, fill, outline, radius) = match node.look {
        Look::Domain => (
            Rgb(255, 255, 255),
            palette::DOMAIN_HEADER,
            palette::DOMAIN_HEADER,
            placed.rect.height() / 2.0,
        ),
        Look::Team { kind, .. } => {
            let fill = palette::team_fill(kind);
            (palette::INK, fill, fill.darker(), 6.0)
        }
        Look::Service { .. } => (
            palette::INK,
            palette::CANVAS_BACKGROUND,
            palette::CANVAS_BACKGROUND,
            6.0,
        ),
    };
    let px = f64::from(placed.px);
    let ink = match placed.spot {
        Spot::Inside | Spot::Card => focused(inside, focus),
        Spot::Outside => focused(palette::INK, focus),
    };
    match placed.spot {
        Spot::Inside => {}
        Spot::Card => marks.rect(
            Role::Label,
            placed.rect,
            radius,
            Some(focused(fill, focus).into()),
            Some(Pen::new(1.5, focused(outline, focus))),
        ),
        // Wider than the name each side, so that edges passing close by stay clear of it.
        Spot::Outside => marks.rect(
            Role::LabelBacking,
            Rect {
                min_x: placed.rect.min_x - 4.0,
                max_x: placed.rect.max_x + 4.0,
                ..placed.rect.expand(2.0)
            },
            3.0,
            Some(palette::CANVAS_BACKGROUND.into()),
            None,
        ),
    }
    marks.centred_lines(
        Role::Label,
        placed.text_top.x,
        placed.text_top.y,
        &placed.lines,
        px,
        ink.into(),
    );
}
