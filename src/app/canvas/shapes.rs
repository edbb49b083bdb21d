//! How nodes and edges look on the canvas: teams as coloured cards, domains as dark headers,
//! services as circles (digital), squares (COTS) or hexagons (foundational) tinted by their
//! cover state; ownership edges end in a diamond at the owner, dependencies in an arrow,
//! interactions are dashed.

use egui::epaint::{CornerRadius, RectShape, StrokeKind};
use egui::{Align2, Color32, FontFamily, FontId, Pos2, Rect, Shape, Stroke, Vec2, vec2};
use egui_graphs::{DisplayEdge, DisplayNode, DrawContext, EdgeProps, Node, NodeProps};
use petgraph::Directed;
use petgraph::stable_graph::DefaultIx;

use crate::analysis::Cover;
use crate::app::theme;
use crate::layout::sizes;
use crate::model::{InteractionMode, ServiceKind, TeamKind};

/// Canvas-unit sizes of the node kinds, shared with the layout (see [`sizes`]).
pub const TEAM_SIZE: Vec2 = vec2(
    sizes::TEAM_CARD_MIN_WIDTH as f32,
    sizes::TEAM_CARD_HEIGHT as f32,
);
pub const SERVICE_RADIUS: f32 = sizes::SERVICE_RADIUS as f32;
/// Service labels wrap at this width (canvas units) so neighbours do not overlap.
const LABEL_WIDTH: f32 = sizes::SERVICE_LABEL_WIDTH as f32;

fn vec2_of((width, height): (f64, f64)) -> Vec2 {
    vec2(width as f32, height as f32)
}

/// What a node stands for and how it should look.
#[derive(Clone, Debug, PartialEq)]
pub struct NodeData {
    pub id: String,
    pub look: Look,
    /// Small secondary text: the team kind and size, or the availability.
    pub caption: String,
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Look {
    Domain,
    /// `understaffed`: the team's own or operations rota is below the minimum size.
    Team {
        kind: TeamKind,
        understaffed: bool,
    },
    Service {
        kind: ServiceKind,
        cover: Cover,
    },
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EdgeKind {
    Ownership,
    Dependency,
    Interaction(InteractionMode),
}

#[derive(Clone, Debug)]
pub struct NodeShape {
    pos: Pos2,
    data: NodeData,
    label: String,
    selected: bool,
    dragged: bool,
    hovered: bool,
}

impl From<NodeProps<NodeData>> for NodeShape {
    fn from(props: NodeProps<NodeData>) -> Self {
        NodeShape {
            pos: props.location(),
            label: props.label.clone(),
            selected: props.selected,
            dragged: props.dragged,
            hovered: props.hovered,
            data: props.payload,
        }
    }
}

/// Below this zoom labels would overlap their neighbours, so only shapes are drawn.
fn legible(zoom: f32) -> bool {
    zoom >= 0.3
}

/// Screen text size for a canvas text size, kept legible whatever the zoom.
fn text_px(canvas_px: f32, zoom: f32) -> f32 {
    (canvas_px * zoom).clamp(9.0, 34.0)
}

fn text(
    ctx: &DrawContext,
    at: Pos2,
    anchor: Align2,
    body: &str,
    px: f32,
    colour: Color32,
) -> Shape {
    let galley = ctx.ctx.fonts_mut(|fonts| {
        fonts.layout_no_wrap(
            body.to_owned(),
            FontId::new(px, FontFamily::Proportional),
            colour,
        )
    });
    let rect = anchor.anchor_size(at, galley.size());
    Shape::galley(rect.min, galley, colour)
}

/// A label of at most two lines, wrapped to `width`, with a light backing so it stays
/// readable over edges.
fn backed_text(ctx: &DrawContext, at: Pos2, body: &str, px: f32, width: f32) -> Vec<Shape> {
    let mut job = egui::text::LayoutJob::simple(
        body.to_owned(),
        FontId::new(px, FontFamily::Proportional),
        theme::INK,
        width,
    );
    job.wrap.max_rows = 2;
    job.wrap.break_anywhere = false;
    job.halign = egui::Align::Center;
    let galley = ctx.ctx.fonts_mut(|fonts| fonts.layout_job(job));
    // Centred rows are laid out around x = 0, so the galley is placed at the centre.
    let rect = galley.rect.translate(at.to_vec2());
    vec![
        Shape::rect_filled(
            rect.expand(2.0),
            3.0,
            theme::CANVAS_BACKGROUND.gamma_multiply(0.85),
        ),
        Shape::galley(at, galley, theme::INK),
    ]
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
        match self.data.look {
            Look::Domain => vec2_of(sizes::domain_header_size(&self.label)) / 2.0,
            Look::Team { .. } => vec2_of(sizes::team_card_size(&self.label)) / 2.0,
            Look::Service { .. } => Vec2::splat(SERVICE_RADIUS),
        }
    }

    fn outline(&self, base: Stroke, zoom: f32) -> Stroke {
        let width = |w: f32| (w * zoom).clamp(1.0, 6.0);
        if self.selected || self.dragged {
            Stroke::new(width(4.0), theme::SELECTION)
        } else if self.hovered {
            Stroke::new(base.width + width(1.5), base.color)
        } else {
            base
        }
    }
}

impl DisplayNode<NodeData, EdgeKind, Directed, DefaultIx> for NodeShape {
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
        let centre = ctx.meta.canvas_to_screen_pos(self.pos);
        let half = self.half_size() * zoom;
        let stroke_px = (1.5 * zoom).clamp(1.0, 3.0);
        let mut shapes = Vec::with_capacity(4);
        match self.data.look {
            Look::Domain => {
                let rect = Rect::from_center_size(centre, half * 2.0);
                let stroke = self.outline(Stroke::new(stroke_px, theme::DOMAIN_HEADER), zoom);
                shapes.push(
                    RectShape::new(
                        rect,
                        CornerRadius::same(u8::MAX),
                        theme::DOMAIN_HEADER,
                        stroke,
                        StrokeKind::Outside,
                    )
                    .into(),
                );
                if legible(zoom) {
                    shapes.push(text(
                        ctx,
                        centre,
                        Align2::CENTER_CENTER,
                        &self.label,
                        text_px(16.0, zoom),
                        Color32::WHITE,
                    ));
                }
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
                        fill,
                        self.outline(base, zoom),
                        StrokeKind::Outside,
                    )
                    .into(),
                );
                let caption_px = 11.5 * zoom;
                if caption_px >= 7.0 {
                    shapes.push(text(
                        ctx,
                        centre - vec2(0.0, 6.0 * zoom),
                        Align2::CENTER_CENTER,
                        &self.label,
                        text_px(15.0, zoom),
                        theme::INK,
                    ));
                    shapes.push(text(
                        ctx,
                        centre + vec2(0.0, 13.0 * zoom),
                        Align2::CENTER_CENTER,
                        &self.data.caption,
                        caption_px,
                        theme::MUTED_INK,
                    ));
                } else if legible(zoom) {
                    shapes.push(text(
                        ctx,
                        centre,
                        Align2::CENTER_CENTER,
                        &self.label,
                        text_px(15.0, zoom),
                        theme::INK,
                    ));
                }
            }
            Look::Service { kind, cover } => {
                let (fill, edge) = theme::cover_colours(cover);
                let heavy = matches!(cover, Cover::Uncovered | Cover::Understaffed);
                let base = Stroke::new(
                    if heavy {
                        (3.0 * zoom).clamp(2.0, 5.0)
                    } else {
                        stroke_px
                    },
                    edge,
                );
                let stroke = self.outline(base, zoom);
                let radius = half.x;
                shapes.push(match kind {
                    ServiceKind::Digital => Shape::Circle(egui::epaint::CircleShape {
                        center: centre,
                        radius,
                        fill,
                        stroke,
                    }),
                    ServiceKind::Cots => RectShape::new(
                        Rect::from_center_size(centre, Vec2::splat(radius * 1.8)),
                        (4.0 * zoom) as u8,
                        fill,
                        stroke,
                        StrokeKind::Outside,
                    )
                    .into(),
                    ServiceKind::Foundational => {
                        Shape::convex_polygon(hexagon(centre, radius * 1.1), fill, stroke)
                    }
                });
                let caption_px = 11.0 * zoom;
                if caption_px >= 7.0 {
                    shapes.push(text(
                        ctx,
                        centre,
                        Align2::CENTER_CENTER,
                        &self.data.caption,
                        caption_px,
                        theme::INK,
                    ));
                }
                if legible(zoom) {
                    shapes.extend(backed_text(
                        ctx,
                        centre + vec2(0.0, radius * 1.15 + 2.0),
                        &self.label,
                        text_px(14.0, zoom),
                        LABEL_WIDTH * zoom,
                    ));
                }
            }
        }
        shapes
    }

    fn update(&mut self, props: &NodeProps<NodeData>) {
        self.pos = props.location();
        self.selected = props.selected;
        self.dragged = props.dragged;
        self.hovered = props.hovered;
        if self.label != props.label {
            self.label.clone_from(&props.label);
        }
        if self.data != props.payload {
            self.data = props.payload.clone();
        }
    }

    fn is_inside(&self, pos: Pos2) -> bool {
        match self.data.look {
            Look::Service { .. } => (pos - self.pos).length() <= SERVICE_RADIUS * 1.1,
            _ => Rect::from_center_size(self.pos, self.half_size() * 2.0).contains(pos),
        }
    }
}

#[derive(Clone, Debug)]
pub struct EdgeShape {
    kind: EdgeKind,
    selected: bool,
}

impl From<EdgeProps<EdgeKind>> for EdgeShape {
    fn from(props: EdgeProps<EdgeKind>) -> Self {
        EdgeShape {
            kind: props.payload,
            selected: props.selected,
        }
    }
}

type CanvasNode = Node<NodeData, EdgeKind, Directed, DefaultIx, NodeShape>;

/// A dependency from a service to itself is drawn as a small loop above its right shoulder.
fn self_loop_centre(node: Pos2) -> Pos2 {
    node + vec2(SERVICE_RADIUS, -SERVICE_RADIUS)
}

const SELF_LOOP_RADIUS: f32 = 12.0;

impl EdgeShape {
    /// The edge's end points in canvas units: boundary to boundary, dependencies nudged
    /// sideways so that a → b and b → a do not overlap.
    fn ends(&self, start: &CanvasNode, end: &CanvasNode) -> Option<(Pos2, Pos2)> {
        let dir = end.location() - start.location();
        if dir.length() < 1e-3 {
            return None;
        }
        let from = start.display().closest_boundary_point(dir);
        let to = end.display().closest_boundary_point(-dir);
        let nudge = match self.kind {
            EdgeKind::Dependency => dir.normalized().rot90() * 5.0,
            _ => Vec2::ZERO,
        };
        Some((from + nudge, to + nudge))
    }
}

fn distance_to_segment(p: Pos2, a: Pos2, b: Pos2) -> f32 {
    let ab = b - a;
    let t = ((p - a).dot(ab) / ab.length_sq().max(1e-6)).clamp(0.0, 1.0);
    (a + ab * t - p).length()
}

impl DisplayEdge<NodeData, EdgeKind, Directed, DefaultIx, NodeShape> for EdgeShape {
    fn shapes(&mut self, start: &CanvasNode, end: &CanvasNode, ctx: &DrawContext) -> Vec<Shape> {
        let zoom = ctx.meta.zoom;
        let width = |w: f32| (w * zoom).clamp(1.0, 5.0) + if self.selected { 2.0 } else { 0.0 };
        let colour = |c: Color32| if self.selected { theme::SELECTION } else { c };
        let Some((from, to)) = self.ends(start, end) else {
            let centre = ctx
                .meta
                .canvas_to_screen_pos(self_loop_centre(start.location()));
            let stroke = Stroke::new(width(1.6), colour(theme::DEPENDENCY_EDGE));
            return vec![Shape::circle_stroke(
                centre,
                SELF_LOOP_RADIUS * zoom,
                stroke,
            )];
        };
        let (a, b) = (
            ctx.meta.canvas_to_screen_pos(from),
            ctx.meta.canvas_to_screen_pos(to),
        );
        let dir = (b - a).normalized();
        match self.kind {
            EdgeKind::Ownership => {
                let stroke = Stroke::new(width(2.0), colour(theme::OWNERSHIP_EDGE));
                let size = (7.0 * zoom).clamp(3.0, 12.0);
                let tip = a + dir * size * 2.0;
                let side = dir.rot90() * size * 0.7;
                vec![
                    Shape::line_segment([tip, b], stroke),
                    Shape::convex_polygon(
                        vec![a, a + dir * size + side, tip, a + dir * size - side],
                        stroke.color,
                        Stroke::NONE,
                    ),
                ]
            }
            EdgeKind::Dependency => {
                let stroke = Stroke::new(width(1.6), colour(theme::DEPENDENCY_EDGE));
                let size = (9.0 * zoom).clamp(5.0, 16.0);
                let base = b - dir * size;
                let side = dir.rot90() * size * 0.45;
                vec![
                    Shape::line_segment([a, base], stroke),
                    Shape::convex_polygon(
                        vec![b, base + side, base - side],
                        stroke.color,
                        Stroke::NONE,
                    ),
                ]
            }
            EdgeKind::Interaction(mode) => {
                let stroke = Stroke::new(width(2.2), colour(theme::interaction_colour(mode)));
                let dash = (8.0 * zoom).clamp(3.0, 14.0);
                let mut shapes = Shape::dashed_line(&[a, b], stroke, dash, dash * 0.7);
                let px = 11.0 * zoom;
                if px >= 8.0 {
                    shapes.push(text(
                        ctx,
                        a + (b - a) / 2.0,
                        Align2::CENTER_BOTTOM,
                        mode.label(),
                        px,
                        stroke.color,
                    ));
                }
                shapes
            }
        }
    }

    fn update(&mut self, props: &EdgeProps<EdgeKind>) {
        self.kind = props.payload;
        self.selected = props.selected;
    }

    fn is_inside(&self, start: &CanvasNode, end: &CanvasNode, pos: Pos2) -> bool {
        match self.ends(start, end) {
            Some((from, to)) => distance_to_segment(pos, from, to) <= 6.0,
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
