//! An edge's marks: a line along its routed path, with a diamond at the owner or an arrow
//! at the service depended on, or dashed with its mode for an interaction; a loop for a
//! service that depends on itself.

use std::collections::HashMap;

use super::{CAPTION_MIN_PX, Focus, Highlight, crossing, focused, outline_point};
use crate::layout::Rect;
use crate::layout::sizes::SERVICE_RADIUS;
use crate::layout::text;
use crate::model::Position;
use crate::scene::marks::{Anchor, Marks, Pen, Role, Shape};
use crate::scene::palette::{self, Rgb};
use crate::scene::{EdgeKind, Scene, View};

/// A dependency from a service to itself: a small loop above its right shoulder.
const SELF_LOOP_RADIUS: f64 = 12.0;

/// An edge's path on screen; straight between outlines while one of its nodes is dragged.
pub(super) fn edge_path(
    scene: &Scene,
    view: &View,
    highlight: &Highlight,
    e: usize,
) -> Vec<Position> {
    let edge = &scene.edges[e];
    if edge.path.is_empty() {
        // A service that depends on itself: a loop over its right shoulder.
        let centre = highlight.centre(&scene.nodes[edge.from], edge.from);
        return vec![view.to_screen(Position {
            x: centre.x + SERVICE_RADIUS,
            y: centre.y - SERVICE_RADIUS,
        })];
    }
    let moved = highlight.is_dragged(edge.from) || highlight.is_dragged(edge.to);
    if !moved {
        return edge.path.iter().map(|p| view.to_screen(*p)).collect();
    }
    let at = |i: usize| {
        let mut node = scene.nodes[i].clone();
        node.centre = highlight.centre(&scene.nodes[i], i);
        node
    };
    let (from, to) = (at(edge.from), at(edge.to));
    let (a, b) = (
        outline_point(&from, from.centre, to.centre),
        outline_point(&to, to.centre, from.centre),
    );
    vec![view.to_screen(a), view.to_screen(b)]
}

/// `path` with its end at `end` (0 for the start) moved out of `rect`.
fn clear_of(path: &mut Vec<Position>, rect: &Rect, start: bool) {
    let inside =
        |p: Position| p.x > rect.min_x && p.x < rect.max_x && p.y > rect.min_y && p.y < rect.max_y;
    if start {
        path.reverse();
    }
    while path.len() > 2 && inside(path[path.len() - 2]) {
        path.pop();
    }
    let n = path.len();
    if n >= 2 && inside(path[n - 1]) {
        path[n - 1] = crossing(inside, path[n - 1], path[n - 2]);
    }
    if start {
        path.reverse();
    }
}

/// Draws edge `e` along `path` (output pixels): a line, with a diamond at the owner or an
/// arrow at the service depended on, or dashed with its mode for an interaction.
pub(super) fn draw_edge(
    marks: &mut Marks,
    scene: &Scene,
    e: usize,
    mut path: Vec<Position>,
    zoom: f64,
    highlight: &Highlight,
    grown: &HashMap<usize, Rect>,
) {
    let edge = &scene.edges[e];
    let focus = highlight.edge(e);
    let selected = highlight.selected_edge == Some(e);
    let pen = |width: f64, rgb: Rgb| {
        let width = (width * zoom).clamp(1.0, 5.0);
        if selected {
            Pen::new(width + 2.0, palette::SELECTION)
        } else if focus == Focus::Related {
            Pen::new(width + 1.5, palette::RELATED)
        } else {
            Pen::new(width, focused(rgb, focus))
        }
    };
    if let [centre] = path[..] {
        let pen = pen(1.6, palette::DEPENDENCY_EDGE);
        marks.push(
            Role::DependsOn,
            Shape::Circle {
                centre,
                radius: SELF_LOOP_RADIUS * zoom,
                fill: None,
                stroke: Some(pen),
            },
        );
        return;
    }
    if let Some(rect) = grown.get(&edge.from) {
        clear_of(&mut path, rect, true);
    }
    if let Some(rect) = grown.get(&edge.to) {
        clear_of(&mut path, rect, false);
    }
    let n = path.len();
    if n < 2 {
        return;
    }
    let direction = |a: Position, b: Position| {
        let length = ((b.x - a.x).powi(2) + (b.y - a.y).powi(2)).sqrt().max(1e-9);
        ((b.x - a.x) / length, (b.y - a.y) / length)
    };
    let role = match edge.kind {
        EdgeKind::Ownership => Role::Owns,
        EdgeKind::Dependency => Role::DependsOn,
        EdgeKind::Interaction(_) => Role::Interaction,
    };
    match edge.kind {
        EdgeKind::Ownership => {
            let pen = pen(2.0, palette::OWNERSHIP_EDGE);
            let size = (7.0 * zoom).clamp(3.0, 12.0);
            let (dx, dy) = direction(path[0], path[1]);
            let a = path[0];
            let point = |along: f64, side: f64| Position {
                x: a.x + dx * along - dy * side,
                y: a.y + dy * along + dx * side,
            };
            let diamond = vec![
                a,
                point(size, size * 0.7),
                point(2.0 * size, 0.0),
                point(size, -size * 0.7),
            ];
            path[0] = diamond[2];
            marks.push(role, Shape::Line { points: path, pen });
            marks.push(
                Role::Marker,
                Shape::Polygon {
                    points: diamond,
                    fill: Some(pen.paint),
                    stroke: None,
                },
            );
        }
        EdgeKind::Dependency => {
            let pen = pen(1.6, palette::DEPENDENCY_EDGE);
            let size = (9.0 * zoom).clamp(5.0, 16.0);
            let tip = path[n - 1];
            let (dx, dy) = direction(path[n - 2], tip);
            let base = Position {
                x: tip.x - dx * size,
                y: tip.y - dy * size,
            };
            let side = (-dy * size * 0.45, dx * size * 0.45);
            path[n - 1] = base;
            marks.push(role, Shape::Line { points: path, pen });
            marks.push(
                Role::Marker,
                Shape::Polygon {
                    points: vec![
                        tip,
                        Position {
                            x: base.x + side.0,
                            y: base.y + side.1,
                        },
                        Position {
                            x: base.x - side.0,
                            y: base.y - side.1,
                        },
                    ],
                    fill: Some(pen.paint),
                    stroke: None,
                },
            );
        }
        EdgeKind::Interaction(mode) => {
            let pen = pen(2.2, palette::interaction_colour(mode));
            let dash = (8.0 * zoom).clamp(3.0, 14.0);
            let middle = if n == 2 {
                Position {
                    x: (path[0].x + path[1].x) / 2.0,
                    y: (path[0].y + path[1].y) / 2.0,
                }
            } else {
                path[n / 2]
            };
            marks.push(
                role,
                Shape::Line {
                    points: path,
                    pen: pen.dashed(dash, dash * 0.7),
                },
            );
            let px = 11.0 * zoom;
            if px >= CAPTION_MIN_PX {
                let px = px.min(28.0);
                let row = f64::from(text::row_height(px as f32));
                marks.text(
                    Role::Caption,
                    Position {
                        x: middle.x,
                        y: middle.y - 10.0 * zoom - row,
                    },
                    Anchor::Middle,
                    mode.label(),
                    px,
                    pen.paint,
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(x: f64, y: f64) -> Position {
        Position { x, y }
    }

    /// A path from a card grown to x 0…100 out to x 300: its start moves to the grown
    /// card's edge, x 100, and the point inside it goes.
    #[test]
    fn an_edge_starts_at_the_edge_of_a_card_grown_round_its_name() {
        let grown = Rect {
            min_x: 0.0,
            min_y: -20.0,
            max_x: 100.0,
            max_y: 20.0,
        };
        let mut path = vec![at(40.0, 0.0), at(80.0, 0.0), at(300.0, 0.0)];
        clear_of(&mut path, &grown, true);
        assert_eq!(path.len(), 2);
        assert!((path[0].x - 100.0).abs() < 1e-6, "{path:?}");
        assert_eq!(path[1], at(300.0, 0.0));
    }
}
