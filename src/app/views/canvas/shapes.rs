//! How nodes and edges look on the canvas: teams as coloured cards, domains as dark headers,
//! services as circles (digital), squares (COTS) or hexagons (foundational) tinted by their
//! cover state; ownership edges end in a diamond at the owner, dependencies in an arrow,
//! interactions are dashed. A service in inception is outlined dashed, one being retired is
//! washed out, and a service's compliance tags are badges under it. Names are not drawn here but by [`super::labels`], which sees
//! every label at once and keeps them apart; a shape only carries the small caption that fits
//! inside it.

use egui::epaint::{CornerRadius, RectShape, StrokeKind};
use egui::{Align2, Color32, FontFamily, FontId, Pos2, Rect, Shape, Stroke, Vec2, pos2, vec2};
use egui_graphs::{DisplayEdge, DisplayNode, DrawContext, EdgeProps, Node, NodeProps};
use petgraph::Directed;
use petgraph::stable_graph::DefaultIx;

use crate::analysis::Cover;
use crate::app::views::theme;
use crate::layout::sizes;
use crate::model::{InteractionMode, Lifecycle, ServiceKind, TeamKind};

/// Canvas-unit sizes of the node kinds, shared with the layout (see [`sizes`]): a team
/// card's width grows with its name.
pub const TEAM_SIZE: Vec2 = vec2(
    sizes::TEAM_CARD_MIN_WIDTH as f32,
    sizes::TEAM_CARD_HEIGHT as f32,
);
pub const DOMAIN_SIZE: Vec2 = vec2(
    sizes::DOMAIN_HEADER_MIN_WIDTH as f32,
    sizes::DOMAIN_HEADER_HEIGHT as f32,
);
pub const SERVICE_RADIUS: f32 = sizes::SERVICE_RADIUS as f32;
/// Text sizes in canvas units, before the zoom and the presentation scale.
pub const TEAM_NAME_PX: f32 = 15.0;
pub const DOMAIN_NAME_PX: f32 = 16.0;
pub const SERVICE_NAME_PX: f32 = 14.0;
/// Captions inside a shape are drawn only when they reach this size on screen.
const CAPTION_MIN_PX: f32 = 12.0;
/// Compliance badges' text size in canvas units; like captions, they are hidden rather than
/// drawn smaller than [`CAPTION_MIN_PX`] on screen.
const BADGE_PX: f32 = 12.0;

/// What a node stands for and how it should look.
#[derive(Clone, Debug, PartialEq)]
pub struct NodeData {
    pub id: String,
    pub look: Look,
    /// Small secondary text: the team kind and size, or the availability.
    pub caption: String,
    /// A service's compliance tags, drawn as badges under it.
    pub badges: Vec<String>,
    /// The shape's size in canvas units.
    pub size: Vec2,
    /// Whether the node stands out or steps back while something is selected.
    pub focus: Focus,
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Look {
    Domain,
    /// A whole domain in the zoomed-out overview: a box over its area, with its figures.
    DomainSummary,
    /// `understaffed`: the team's own or operations rota is below the minimum size.
    Team {
        kind: TeamKind,
        understaffed: bool,
    },
    Service {
        kind: ServiceKind,
        cover: Cover,
        lifecycle: Lifecycle,
    },
}

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

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EdgeKind {
    Ownership,
    Dependency,
    Interaction(InteractionMode),
}

/// What an edge stands for, its part in the current selection, and how it bends round the
/// shapes in its way (see [`super::routes`]).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct EdgeData {
    pub kind: EdgeKind,
    pub focus: Focus,
    /// The curve's control point from the straight line's middle, in canvas units.
    pub bend: Vec2,
}

#[derive(Clone, Debug)]
pub struct NodeShape {
    pos: Pos2,
    data: NodeData,
    selected: bool,
    dragged: bool,
    hovered: bool,
}

impl From<NodeProps<NodeData>> for NodeShape {
    fn from(props: NodeProps<NodeData>) -> Self {
        NodeShape {
            pos: props.location(),
            selected: props.selected,
            dragged: props.dragged,
            hovered: props.hovered,
            data: props.payload,
        }
    }
}

/// The canvas-unit size of a team card whose name is `name_width` wide at [`TEAM_NAME_PX`]:
/// at least [`TEAM_SIZE`], and wide enough for the name with a margin either side.
pub fn team_card_size(name_width: f32) -> Vec2 {
    vec2(TEAM_SIZE.x.max(name_width + 32.0), TEAM_SIZE.y)
}

/// A colour stepped back towards the canvas background, for things outside the focus.
pub fn faded(colour: Color32, focus: Focus) -> Color32 {
    match focus {
        Focus::Dimmed => colour.lerp_to_gamma(theme::CANVAS_BACKGROUND, 0.78),
        Focus::Plain | Focus::Related => colour,
    }
}

/// Text centred on `at`, in one line; `None` when it would be smaller than a caption may be
/// or wider than `room`.
fn caption(
    ctx: &DrawContext,
    at: Pos2,
    body: &str,
    px: f32,
    room: f32,
    colour: Color32,
) -> Option<Shape> {
    if px < CAPTION_MIN_PX || body.is_empty() {
        return None;
    }
    let galley = ctx.ctx.fonts_mut(|fonts| {
        fonts.layout_no_wrap(
            body.to_owned(),
            FontId::new(px.min(28.0), FontFamily::Proportional),
            colour,
        )
    });
    if galley.size().x > room {
        return None;
    }
    let rect = Align2::CENTER_CENTER.anchor_size(at, galley.size());
    Some(Shape::galley(rect.min, galley, colour))
}

pub fn hexagon(centre: Pos2, radius: f32) -> Vec<Pos2> {
    (0..6)
        .map(|i| {
            let angle = std::f32::consts::FRAC_PI_3 * i as f32;
            centre + radius * vec2(angle.cos(), angle.sin())
        })
        .collect()
}

impl NodeShape {
    fn half_size(&self) -> Vec2 {
        self.data.size / 2.0
    }

    fn outline(&self, base: Stroke, zoom: f32) -> Stroke {
        let width = |w: f32| (w * zoom).clamp(1.0, 6.0);
        if self.selected || self.dragged {
            Stroke::new(width(4.0).max(3.0), theme::SELECTION)
        } else if self.data.focus == Focus::Related {
            Stroke::new(width(3.0).max(2.5), theme::RELATED)
        } else if self.hovered {
            Stroke::new(base.width + width(1.5), base.color)
        } else {
            Stroke::new(base.width, faded(base.color, self.data.focus))
        }
    }
}

impl DisplayNode<NodeData, EdgeData, Directed, DefaultIx> for NodeShape {
    fn closest_boundary_point(&self, dir: Vec2) -> Pos2 {
        let dir = if dir.length_sq() > 0.0 {
            dir.normalized()
        } else {
            Vec2::X
        };
        match self.data.look {
            Look::Service {
                kind: ServiceKind::Digital | ServiceKind::Foundational,
                ..
            } => self.pos + dir * SERVICE_RADIUS,
            _ => {
                let half = self.half_size();
                let scale_x = if dir.x.abs() > 1e-6 {
                    half.x / dir.x.abs()
                } else {
                    f32::INFINITY
                };
                let scale_y = if dir.y.abs() > 1e-6 {
                    half.y / dir.y.abs()
                } else {
                    f32::INFINITY
                };
                self.pos + dir * scale_x.min(scale_y)
            }
        }
    }

    fn shapes(&mut self, ctx: &DrawContext) -> Vec<Shape> {
        let zoom = ctx.meta.zoom;
        let focus = self.data.focus;
        let centre = ctx.meta.canvas_to_screen_pos(self.pos);
        let half = self.half_size() * zoom;
        let stroke_px = (1.5 * zoom).clamp(1.0, 3.0);
        let mut shapes = Vec::with_capacity(3);
        match self.data.look {
            Look::DomainSummary => {
                let rect = Rect::from_center_size(centre, half * 2.0);
                let stroke = self.outline(Stroke::new(2.0, theme::DOMAIN_HEADER), zoom);
                shapes.push(
                    RectShape::new(
                        rect,
                        CornerRadius::same(10),
                        faded(theme::DOMAIN_SUMMARY_FILL, focus),
                        stroke,
                        StrokeKind::Inside,
                    )
                    .into(),
                );
            }
            Look::Domain => {
                let rect = Rect::from_center_size(centre, half * 2.0);
                let fill = faded(theme::DOMAIN_HEADER, focus);
                let stroke = self.outline(Stroke::new(stroke_px, theme::DOMAIN_HEADER), zoom);
                shapes.push(
                    RectShape::new(
                        rect,
                        CornerRadius::same(u8::MAX),
                        fill,
                        stroke,
                        StrokeKind::Outside,
                    )
                    .into(),
                );
            }
            Look::Team { kind, understaffed } => {
                let rect = Rect::from_center_size(centre, half * 2.0);
                let fill = theme::team_fill(kind);
                let base = if understaffed {
                    Stroke::new((3.0 * zoom).clamp(2.0, 5.0), theme::AMBER)
                } else {
                    Stroke::new(stroke_px, theme::darker(fill))
                };
                let radius = (8.0 * zoom).clamp(2.0, 16.0) as u8;
                shapes.push(
                    RectShape::new(
                        rect,
                        CornerRadius::same(radius),
                        faded(fill, focus),
                        self.outline(base, zoom),
                        StrokeKind::Outside,
                    )
                    .into(),
                );
                shapes.extend(caption(
                    ctx,
                    centre + vec2(0.0, 14.0 * zoom),
                    &self.data.caption,
                    11.5 * zoom,
                    rect.width() - 8.0,
                    faded(theme::MUTED_INK, focus),
                ));
            }
            Look::Service {
                kind,
                cover,
                lifecycle,
            } => {
                let (mut fill, mut edge) = theme::cover_colours(cover);
                if lifecycle == Lifecycle::Retiring {
                    (fill, edge) = (theme::retiring(fill), theme::retiring(edge));
                }
                let heavy = matches!(cover, Cover::Uncovered | Cover::Understaffed);
                let base = Stroke::new(
                    if heavy {
                        (3.0 * zoom).clamp(2.0, 5.0)
                    } else {
                        stroke_px
                    },
                    edge,
                );
                let mut stroke = self.outline(base, zoom);
                let fill = faded(fill, focus);
                let radius = half.x;
                let dashed = lifecycle == Lifecycle::Inception;
                let solid = if dashed { Stroke::NONE } else { stroke };
                if dashed {
                    // A dashed outline needs a little more weight to read as one shape.
                    stroke.width = stroke.width.max(2.0);
                }
                shapes.push(match kind {
                    ServiceKind::Digital => Shape::Circle(egui::epaint::CircleShape {
                        center: centre,
                        radius,
                        fill,
                        stroke: solid,
                    }),
                    ServiceKind::Cots => RectShape::new(
                        Rect::from_center_size(centre, Vec2::splat(radius * 1.8)),
                        (4.0 * zoom) as u8,
                        fill,
                        solid,
                        StrokeKind::Outside,
                    )
                    .into(),
                    ServiceKind::Foundational => {
                        Shape::convex_polygon(hexagon(centre, radius * 1.1), fill, solid)
                    }
                });
                if dashed {
                    let dash = (6.0 * zoom).clamp(3.0, 10.0);
                    let outline = service_outline(kind, centre, radius);
                    shapes.extend(Shape::dashed_line(&outline, stroke, dash, dash * 0.7));
                }
                shapes.extend(badges(
                    ctx,
                    centre + vec2(0.0, radius + BADGE_GAP),
                    &self.data.badges,
                    zoom,
                    focus,
                ));
                shapes.extend(caption(
                    ctx,
                    centre,
                    &self.data.caption,
                    11.0 * zoom,
                    radius * 1.8,
                    faded(theme::INK, focus),
                ));
            }
        }
        shapes
    }

    fn update(&mut self, props: &NodeProps<NodeData>) {
        self.pos = props.location();
        self.selected = props.selected;
        self.dragged = props.dragged;
        self.hovered = props.hovered;
        if self.data != props.payload {
            self.data = props.payload.clone();
        }
    }

    fn is_inside(&self, pos: Pos2) -> bool {
        match self.data.look {
            Look::Service { .. } => (pos - self.pos).length() <= SERVICE_RADIUS * 1.1,
            _ => Rect::from_center_size(self.pos, self.data.size).contains(pos),
        }
    }
}

/// The screen rectangle a node's shape covers, for keeping labels off it.
pub fn screen_rect(centre: Pos2, data: &NodeData, zoom: f32) -> Rect {
    let size = match data.look {
        Look::Service {
            kind: ServiceKind::Foundational,
            ..
        } => data.size * 1.1,
        _ => data.size,
    };
    let shape = Rect::from_center_size(centre, size * zoom);
    match badge_px(&data.badges, zoom) {
        Some(px) => {
            // The badges' width is estimated from their length, close enough to keep the
            // name off them; they are drawn at their measured width.
            let characters: usize = data.badges.iter().map(|t| t.chars().count()).sum();
            let gaps = data.badges.len() as f32 - 1.0;
            let width = characters as f32 * px * 0.62
                + data.badges.len() as f32 * 2.0 * BADGE_PADDING * px
                + gaps * BADGE_SPACING * px;
            let top = centre.y + size.x / 2.0 * zoom + BADGE_GAP;
            let row = Rect::from_center_size(
                pos2(centre.x, top + badge_height(px) / 2.0),
                vec2(width, badge_height(px)),
            );
            shape.union(row)
        }
        None => shape,
    }
}

/// Space between a service's shape and its badges, and inside and between badges (the
/// last two as a share of the text size).
const BADGE_GAP: f32 = 5.0;
const BADGE_PADDING: f32 = 0.4;
const BADGE_SPACING: f32 = 0.3;

/// The badges' text size on screen, or `None` when there are none or they would be too small
/// to read.
fn badge_px(tags: &[String], zoom: f32) -> Option<f32> {
    let px = (BADGE_PX * zoom).min(24.0);
    (!tags.is_empty() && BADGE_PX * zoom >= CAPTION_MIN_PX).then_some(px)
}

fn badge_height(px: f32) -> f32 {
    px * 1.4
}

/// A service's outline as a closed path, for drawing it dashed.
fn service_outline(kind: ServiceKind, centre: Pos2, radius: f32) -> Vec<Pos2> {
    let mut points = match kind {
        ServiceKind::Digital => (0..48)
            .map(|i| {
                let angle = std::f32::consts::TAU * i as f32 / 48.0;
                centre + radius * vec2(angle.cos(), angle.sin())
            })
            .collect(),
        ServiceKind::Cots => {
            let r = Rect::from_center_size(centre, Vec2::splat(radius * 1.8));
            vec![
                r.left_top(),
                r.right_top(),
                r.right_bottom(),
                r.left_bottom(),
            ]
        }
        ServiceKind::Foundational => hexagon(centre, radius * 1.1),
    };
    points.push(points[0]);
    points
}

/// Compliance tags as rounded badges in one row centred under a service, top at `top`; none
/// when their text would be too small to read.
fn badges(ctx: &DrawContext, top: Pos2, tags: &[String], zoom: f32, focus: Focus) -> Vec<Shape> {
    let Some(px) = badge_px(tags, zoom) else {
        return Vec::new();
    };
    let ink = faded(theme::COMPLIANCE_INK, focus);
    let font = FontId::new(px, FontFamily::Proportional);
    let galleys: Vec<_> = ctx.ctx.fonts_mut(|fonts| {
        tags.iter()
            .map(|tag| fonts.layout_no_wrap(tag.clone(), font.clone(), ink))
            .collect()
    });
    let padding = vec2(BADGE_PADDING * px, (badge_height(px) - px) / 2.0);
    let spacing = BADGE_SPACING * px;
    let width: f32 = galleys
        .iter()
        .map(|g| g.size().x + 2.0 * padding.x + spacing)
        .sum::<f32>()
        - spacing;
    let mut x = top.x - width / 2.0;
    let mut shapes = Vec::with_capacity(2 * galleys.len());
    for galley in galleys {
        let size = vec2(galley.size().x + 2.0 * padding.x, badge_height(px));
        let rect = Rect::from_min_size(pos2(x, top.y), size);
        shapes.push(
            RectShape::new(
                rect,
                CornerRadius::same((size.y / 2.0) as u8),
                faded(theme::COMPLIANCE_FILL, focus),
                Stroke::new(1.0, ink),
                StrokeKind::Inside,
            )
            .into(),
        );
        let text_at = Align2::CENTER_CENTER.anchor_size(rect.center(), galley.size());
        shapes.push(Shape::galley(text_at.min, galley, ink));
        x += size.x + spacing;
    }
    shapes
}

#[derive(Clone, Debug)]
pub struct EdgeShape {
    data: EdgeData,
    selected: bool,
}

impl From<EdgeProps<EdgeData>> for EdgeShape {
    fn from(props: EdgeProps<EdgeData>) -> Self {
        EdgeShape {
            data: props.payload,
            selected: props.selected,
        }
    }
}

type CanvasNode = Node<NodeData, EdgeData, Directed, DefaultIx, NodeShape>;

/// A dependency from a service to itself is drawn as a small loop above its right shoulder.
fn self_loop_centre(node: Pos2) -> Pos2 {
    node + vec2(SERVICE_RADIUS, -SERVICE_RADIUS)
}

const SELF_LOOP_RADIUS: f32 = 12.0;

impl EdgeShape {
    /// The edge's points in canvas units, boundary to boundary: a straight line (a
    /// dependency nudged sideways so that a → b and b → a do not overlap), or a curve round
    /// the shapes in its way.
    fn path(&self, start: &CanvasNode, end: &CanvasNode) -> Option<Vec<Pos2>> {
        let (a, b) = (start.location(), end.location());
        let dir = b - a;
        if dir.length() < 1e-3 {
            return None;
        }
        if self.data.bend != Vec2::ZERO {
            let control = a + dir / 2.0 + self.data.bend;
            let from = start.display().closest_boundary_point(control - a);
            let to = end.display().closest_boundary_point(control - b);
            let bend = control - (from + (to - from) / 2.0);
            return Some(super::routes::curve(from, to, bend));
        }
        let from = start.display().closest_boundary_point(dir);
        let to = end.display().closest_boundary_point(-dir);
        let nudge = match self.data.kind {
            EdgeKind::Dependency => dir.normalized().rot90() * 5.0,
            _ => Vec2::ZERO,
        };
        Some(vec![from + nudge, to + nudge])
    }

    /// The colour and width of the line: the selection's colour when the edge is selected,
    /// the focus colour when it touches the selected node, faded when it does not.
    fn stroke(&self, width: f32, colour: Color32, zoom: f32) -> Stroke {
        let width = (width * zoom).clamp(1.0, 5.0);
        if self.selected {
            Stroke::new(width + 2.0, theme::SELECTION)
        } else if self.data.focus == Focus::Related {
            Stroke::new(width + 1.5, theme::RELATED)
        } else {
            Stroke::new(width, faded(colour, self.data.focus))
        }
    }
}

fn distance_to_segment(p: Pos2, a: Pos2, b: Pos2) -> f32 {
    let ab = b - a;
    let t = ((p - a).dot(ab) / ab.length_sq().max(1e-6)).clamp(0.0, 1.0);
    (a + ab * t - p).length()
}

impl DisplayEdge<NodeData, EdgeData, Directed, DefaultIx, NodeShape> for EdgeShape {
    fn shapes(&mut self, start: &CanvasNode, end: &CanvasNode, ctx: &DrawContext) -> Vec<Shape> {
        let zoom = ctx.meta.zoom;
        let Some(path) = self.path(start, end) else {
            let centre = ctx
                .meta
                .canvas_to_screen_pos(self_loop_centre(start.location()));
            let stroke = self.stroke(1.6, theme::DEPENDENCY_EDGE, zoom);
            return vec![Shape::circle_stroke(
                centre,
                SELF_LOOP_RADIUS * zoom,
                stroke,
            )];
        };
        let mut points: Vec<Pos2> = path
            .iter()
            .map(|p| ctx.meta.canvas_to_screen_pos(*p))
            .collect();
        let last = points.len() - 1;
        let (a, b) = (points[0], points[last]);
        let first_dir = (points[1] - a).normalized();
        let last_dir = (b - points[last - 1]).normalized();
        match self.data.kind {
            EdgeKind::Ownership => {
                let stroke = self.stroke(2.0, theme::OWNERSHIP_EDGE, zoom);
                let size = (7.0 * zoom).clamp(3.0, 12.0);
                let side = first_dir.rot90() * size * 0.7;
                let diamond = vec![
                    a,
                    a + first_dir * size + side,
                    a + first_dir * size * 2.0,
                    a + first_dir * size - side,
                ];
                points[0] = diamond[2];
                vec![
                    Shape::line(points, stroke),
                    Shape::convex_polygon(diamond, stroke.color, Stroke::NONE),
                ]
            }
            EdgeKind::Dependency => {
                let stroke = self.stroke(1.6, theme::DEPENDENCY_EDGE, zoom);
                let size = (9.0 * zoom).clamp(5.0, 16.0);
                let base = b - last_dir * size;
                let side = last_dir.rot90() * size * 0.45;
                points[last] = base;
                vec![
                    Shape::line(points, stroke),
                    Shape::convex_polygon(
                        vec![b, base + side, base - side],
                        stroke.color,
                        Stroke::NONE,
                    ),
                ]
            }
            EdgeKind::Interaction(mode) => {
                let stroke = self.stroke(2.2, theme::interaction_colour(mode), zoom);
                let dash = (8.0 * zoom).clamp(3.0, 14.0);
                let middle = points[points.len() / 2];
                let middle = if points.len() == 2 {
                    a + (b - a) / 2.0
                } else {
                    middle
                };
                let mut shapes = Shape::dashed_line(&points, stroke, dash, dash * 0.7);
                shapes.extend(caption(
                    ctx,
                    middle - vec2(0.0, 10.0 * zoom),
                    mode.label(),
                    11.0 * zoom,
                    f32::INFINITY,
                    stroke.color,
                ));
                shapes
            }
        }
    }

    fn update(&mut self, props: &EdgeProps<EdgeData>) {
        self.data = props.payload;
        self.selected = props.selected;
    }

    fn is_inside(&self, start: &CanvasNode, end: &CanvasNode, pos: Pos2) -> bool {
        match self.path(start, end) {
            Some(points) => points
                .windows(2)
                .any(|w| distance_to_segment(pos, w[0], w[1]) <= 6.0),
            None => {
                let distance = (pos - self_loop_centre(start.location())).length();
                (distance - SELF_LOOP_RADIUS).abs() <= 5.0
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::distance_to_segment;
    use egui::pos2;

    #[test]
    fn distance_to_segment_clamps_to_the_ends() {
        let (a, b) = (pos2(0.0, 0.0), pos2(10.0, 0.0));
        assert_eq!(distance_to_segment(pos2(5.0, 3.0), a, b), 3.0);
        assert_eq!(distance_to_segment(pos2(-4.0, 3.0), a, b), 5.0);
    }
}
