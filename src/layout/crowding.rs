//! How crowded a picture is when fitted to a screen: the auto-layout's last judge between
//! packings that fit a screen about as large. Names are drawn at a fixed size on screen
//! whatever the zoom, so whether a service's name has room where it naturally sits (under
//! its shape) depends on the screen the whole is fitted to. This counts, for a projector
//! in presentation mode, the services whose name finds no place round its shape clear of
//! every shape and every name placed before it, as the canvas places them; the canvas
//! leaves those names out.

use std::collections::HashMap;

use super::Rect;
use super::sizes::{SERVICE_RADIUS, TEAM_CARD_HEIGHT, footprint, team_card_size, text_width};
use crate::model::{EntityKind, Position};

/// The screen judged: a 1280 × 720 projector less the presentation mode's figures strip.
const SCREEN: (f64, f64) = (1264.0, 620.0);
/// Names on that screen, in pixels (presentation mode's smallest).
const NAME_PX: f64 = 16.0;
/// A name wider than this many times its size wraps onto two rows, as the canvas does.
const ROW_IN_SIZES: f64 = 7.0;
/// The grid that finds overlaps without testing every pair, in screen pixels.
const CELL: f64 = 64.0;

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
    let mut shapes = Vec::new();
    let mut names = Vec::new();
    for (kind, name, at) in nodes {
        let at = screen(*at);
        match kind {
            EntityKind::Service => {
                let radius = SERVICE_RADIUS * zoom;
                let shape = Rect::around(at, 2.0 * radius, 2.0 * radius);
                shapes.push(shape);
                names.push((shape, name_of(name)));
            }
            EntityKind::Team | EntityKind::Domain => {
                // Cards grow on screen to hold a name that is larger than they are.
                let card = team_card_size(name);
                let width = (card.0 * zoom).max(text_width(name, NAME_PX) + 12.0);
                let height = (TEAM_CARD_HEIGHT * zoom).max(NAME_PX * 1.6);
                shapes.push(Rect::around(at, width, height));
            }
        }
    }
    let mut taken: HashMap<(i64, i64), Vec<Rect>> = HashMap::new();
    for shape in &shapes {
        for cell in shape.cells(CELL) {
            taken.entry(cell).or_default().push(*shape);
        }
    }
    let mut left_out = 0;
    for (shape, name) in names {
        let free = |rect: &Rect| {
            !rect.cells(CELL).any(|cell| {
                taken
                    .get(&cell)
                    .is_some_and(|rects| rects.iter().any(|r| *r != shape && r.overlaps(rect)))
            })
        };
        match name_spots(&shape, &name).find(free) {
            Some(spot) => {
                for cell in spot.cells(CELL) {
                    taken.entry(cell).or_default().push(spot);
                }
            }
            None => left_out += 1,
        }
    }
    left_out
}

/// A service's name on screen, in two rows (wrapped between words, as the canvas does) or
/// in one: width and height in pixels.
struct Name {
    rows: [(f64, f64); 2],
}

fn name_of(name: &str) -> Name {
    let width = text_width(name, NAME_PX);
    let row = NAME_PX * 1.25;
    let longest = name
        .split_whitespace()
        .map(|word| text_width(word, NAME_PX))
        .fold(0.0, f64::max);
    let two_rows = if width <= ROW_IN_SIZES * NAME_PX {
        (width, row)
    } else {
        (longest.max(width / 2.0), 2.0 * row)
    };
    Name {
        rows: [two_rows, (width, row)],
    }
}

/// The places the canvas tries for a name round its shape, best first: below, above,
/// right, left, then below or above leaning right or left; two rows first, then one.
fn name_spots(shape: &Rect, name: &Name) -> impl Iterator<Item = Rect> + use<> {
    let shape = *shape;
    name.rows.into_iter().flat_map(move |(width, height)| {
        let gap = 3.0;
        let centre = shape.centre();
        let (x, y) = (centre.x - width / 2.0, centre.y - height / 2.0);
        let (below, above) = (shape.max_y + gap, shape.min_y - gap - height);
        let (right, left) = (centre.x, centre.x - width);
        [
            (x, below),
            (x, above),
            (shape.max_x + gap, y),
            (shape.min_x - gap - width, y),
            (right, below),
            (left, below),
            (right, above),
            (left, above),
        ]
        .map(|(min_x, min_y)| Rect {
            min_x,
            min_y,
            max_x: min_x + width,
            max_y: min_y + height,
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(x: f64, y: f64) -> Position {
        Position { x, y }
    }

    /// Services named "Alpha" all at the origin, and one far away that sets the zoom: the
    /// picture is 3,140 wide (70 either side of the two centres), so it fits 1,264 px at
    /// zoom ≈ 0.40. Each name is one row 5 × 16 × 0.56 = 45 px wide. Round a shape, the
    /// spots below, above, right and left keep clear of each other, and the leaning ones
    /// run into them: four names find a place, and the rest are left out.
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
