//! How crowded a picture is when fitted to a screen: the auto-layout's last judge between
//! packings that fit a screen about as large. Names are drawn at a fixed size on screen
//! whatever the zoom, so whether a service's name has room where it naturally sits (under
//! its shape) depends on the screen the whole is fitted to. This counts, for a projector
//! in presentation mode and the editor on a full-HD screen, the services whose name the
//! one label placement ([`super::labels`]) leaves out, each name kept inside the
//! room round its area's box, as the canvas and the deck would.

use std::collections::HashMap;

use super::Rect;
use super::areas::{AREA_GAP, AREA_PADDING};
use super::sizes::{DOMAIN_NAME_PX, SERVICE_NAME_PX, SERVICE_RADIUS, TEAM_NAME_PX, footprint};
use crate::layout::labels::{AREA_INSET, Label, TextScale, place, room_for_names};
use crate::layout::text::Shaped;
use crate::model::{EntityKind, Position};

/// The screens judged: a 1280 × 720 projector less the presentation mode's figures strip,
/// and the canvas of the editor on a full-HD screen, between its side panels and above
/// its legend.
const SCREENS: [((f64, f64), TextScale); 2] = [
    ((1264.0, 620.0), TextScale::PRESENTING),
    ((1150.0, 780.0), TextScale::EDITOR),
];

/// A node of a picture: its kind, name, centre, and the area it belongs to (any number
/// that the members of one area share).
pub type Node<'a> = (EntityKind, &'a str, Position, usize);

/// How many services' names would be left out on the screens judged, for the nodes of a
/// picture.
pub fn crowded_names(nodes: &[Node]) -> usize {
    SCREENS
        .iter()
        .map(|&(screen, scale)| crowded_on(nodes, screen, scale))
        .sum()
}

/// How many services' names would be left out on a screen of `screen` pixels showing text
/// at `scale`.
fn crowded_on(nodes: &[Node], screen: (f64, f64), scale: TextScale) -> usize {
    let Some(bounds) = nodes
        .iter()
        .map(|(kind, name, at, _)| footprint(*kind, name, *at))
        .reduce(|a, b| a.union(&b))
    else {
        return 0;
    };
    let zoom = (screen.0 / bounds.width().max(1.0)).min(screen.1 / bounds.height().max(1.0));
    let to_screen = |at: Position| Position {
        x: (at.x - bounds.min_x) * zoom,
        y: (at.y - bounds.min_y) * zoom,
    };
    let names: Vec<Shaped> = nodes
        .iter()
        .map(|(_, name, _, _)| Shaped::new(name))
        .collect();
    // Each area's box, and the room it may grow into to hold its members' names, as drawn.
    let mut boxes: HashMap<usize, Rect> = HashMap::new();
    for (kind, name, at, area) in nodes {
        let covered = footprint(*kind, name, *at);
        boxes
            .entry(*area)
            .and_modify(|b| *b = b.union(&covered))
            .or_insert(covered);
    }
    let areas: Vec<usize> = boxes.keys().copied().collect();
    let on_screen: Vec<Rect> = areas
        .iter()
        .map(|a| {
            let b = boxes[a].expand(AREA_PADDING);
            let (min, max) = (
                to_screen(Position {
                    x: b.min_x,
                    y: b.min_y,
                }),
                to_screen(Position {
                    x: b.max_x,
                    y: b.max_y,
                }),
            );
            Rect {
                min_x: min.x,
                min_y: min.y,
                max_x: max.x,
                max_y: max.y,
            }
        })
        .collect();
    let rooms: HashMap<usize, Rect> = areas
        .iter()
        .zip(room_for_names(
            &on_screen,
            AREA_GAP / 2.0 * zoom - AREA_INSET,
        ))
        .map(|(a, room)| (*a, room.expand(-AREA_INSET)))
        .collect();
    let labels: Vec<Label> = nodes
        .iter()
        .zip(&names)
        .enumerate()
        .map(|(i, ((kind, name, at, area), shaped))| {
            let at = to_screen(*at);
            let (shape, room, px, tier) = match kind {
                EntityKind::Service => {
                    let side = 2.0 * SERVICE_RADIUS * zoom;
                    (Rect::around(at, side, side), None, SERVICE_NAME_PX, 2)
                }
                EntityKind::Team | EntityKind::Domain => {
                    let card = footprint(*kind, name, Position::default());
                    let shape = Rect::around(at, card.width() * zoom, card.height() * zoom);
                    let (px, tier) = match kind {
                        EntityKind::Domain => (DOMAIN_NAME_PX, 0),
                        _ => (TEAM_NAME_PX, 1),
                    };
                    (shape, Some(shape), px, tier)
                }
            };
            Label {
                name: shaped,
                shape,
                room,
                canvas_px: px,
                rank: (tier << 32) | i as u64,
                within: rooms.get(area).copied(),
            }
        })
        .collect();
    let shapes: Vec<Rect> = labels.iter().map(|l| l.shape).collect();
    // A fit leaves a little room round the picture, which names at its edges may take.
    let view = Rect {
        min_x: 0.0,
        min_y: 0.0,
        max_x: screen.0,
        max_y: screen.1,
    }
    .expand(40.0);
    let placed = place(&labels, &shapes, &[], view, zoom, scale);
    nodes
        .iter()
        .zip(&placed)
        .filter(|((kind, ..), found)| *kind == EntityKind::Service && found.is_none())
        .count()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(x: f64, y: f64) -> Position {
        Position { x, y }
    }

    /// Services named "Alpha" all at the origin, and one far away that sets the zoom: the
    /// picture is 3,220 wide (110 either side of the two centres), so it fits the projector
    /// at zoom ≈ 0.39 and the editor at ≈ 0.36. Round a shape, the spots below, right and
    /// left keep clear of each other, and the leaning ones run into them. Above the shape
    /// is outside its area: the box reaches 30 + 16 above the centre, 18 px on the
    /// projector, and may grow by half the 80 gap less 2, 14 px; a name above needs the
    /// shape's 10 px, a gap of 3 and a row of 19 px, 32 px. On each screen three names find
    /// a place, and the rest are left out.
    #[test]
    fn names_are_left_out_when_every_place_round_the_shape_is_taken() {
        let crowd = |count: usize| {
            let mut nodes = vec![(EntityKind::Service, "Alpha", at(0.0, 0.0), 0); count];
            nodes.push((EntityKind::Service, "Far", at(3000.0, 0.0), 1));
            crowded_names(&nodes)
        };
        assert_eq!(crowd(1), 0);
        assert_eq!(crowd(3), 0);
        assert_eq!(crowd(4), 1 + 1, "one on each screen");
        assert_eq!(crowd(6), 3 + 3, "three on each screen");
    }
}
