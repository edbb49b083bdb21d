//! How crowded a picture is when fitted to a screen: the auto-layout's last judge between
//! packings that fit a screen about as large. Names are drawn at a fixed size on screen
//! whatever the zoom, so whether a service's name has room where it naturally sits (under
//! its shape) depends on the screen the whole is fitted to. This counts, for a projector
//! in presentation mode, the services whose name the one label placement
//! ([`crate::scene::labels`]) leaves out, as the canvas and the deck would.

use super::Rect;
use super::sizes::{DOMAIN_NAME_PX, SERVICE_NAME_PX, SERVICE_RADIUS, TEAM_NAME_PX, footprint};
use crate::layout::text::Shaped;
use crate::model::{EntityKind, Position};
use crate::scene::labels::{Label, TextScale, place};

/// The screen judged: a 1280 × 720 projector less the presentation mode's figures strip.
const SCREEN: (f64, f64) = (1264.0, 620.0);

/// How many services' names would be left out on the projector, for the nodes of a picture
/// (kind, name and centre).
pub fn crowded_names(nodes: &[(EntityKind, &str, Position)]) -> usize {
    let Some(bounds) = nodes
        .iter()
        .map(|(kind, name, at)| footprint(*kind, name, *at))
        .reduce(|a, b| a.union(&b))
    else {
        return 0;
    };
    let zoom = (SCREEN.0 / bounds.width().max(1.0)).min(SCREEN.1 / bounds.height().max(1.0));
    let screen = |at: Position| Position {
        x: (at.x - bounds.min_x) * zoom,
        y: (at.y - bounds.min_y) * zoom,
    };
    let names: Vec<Shaped> = nodes.iter().map(|(_, name, _)| Shaped::new(name)).collect();
    let labels: Vec<Label> = nodes
        .iter()
        .zip(&names)
        .enumerate()
        .map(|(i, ((kind, name, at), shaped))| {
            let at = screen(*at);
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
            }
        })
        .collect();
    let shapes: Vec<Rect> = labels.iter().map(|l| l.shape).collect();
    // A fit leaves a little room round the picture, which names at its edges may take.
    let view = Rect {
        min_x: 0.0,
        min_y: 0.0,
        max_x: SCREEN.0,
        max_y: SCREEN.1,
    }
    .expand(40.0);
    let placed = place(&labels, &shapes, &[], view, zoom, TextScale::PRESENTING);
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
    /// picture is 3,140 wide (70 either side of the two centres), so it fits 1,264 px at
    /// zoom ≈ 0.40. Round a shape, the spots below, above, right and left keep clear of
    /// each other, and the leaning ones run into them: four names find a place, and the
    /// rest are left out.
    #[test]
    fn names_are_left_out_when_every_place_round_the_shape_is_taken() {
        let crowd = |count: usize| {
            let mut nodes = vec![(EntityKind::Service, "Alpha", at(0.0, 0.0)); count];
            nodes.push((EntityKind::Service, "Far", at(3000.0, 0.0)));
            crowded_names(&nodes)
        };
        assert_eq!(crowd(1), 0);
        assert_eq!(crowd(4), 0);
        assert_eq!(crowd(6), 2);
    }
}
