//! Edges that go around cards: an edge whose straight line would cross another node's shape
//! is bent, to one side or the other and as little as will clear it, into a gentle curve.

use std::collections::HashMap;

use egui::{Pos2, Rect, Vec2};

/// How many points a bent edge is drawn with.
const SAMPLES: usize = 16;
/// Bends tried, in canvas units of the curve's control point from the straight line.
const BENDS: [f32; 5] = [70.0, 140.0, 220.0, 320.0, 440.0];
/// Grid cell for finding the shapes near an edge, in canvas units.
const CELL: f32 = 240.0;
/// Longer edges stay straight: they cross a big model from side to side, where a bend would
/// not make them easier to follow, and looking along them would slow every rebuild down.
const LONGEST_ROUTED: f32 = 1500.0;

/// The points of the quadratic curve from `a` to `b` whose control point is `bend` off the
/// straight line's middle.
pub fn curve(a: Pos2, b: Pos2, bend: Vec2) -> Vec<Pos2> {
    let control = a + (b - a) / 2.0 + bend;
    (0..=SAMPLES)
        .map(|i| {
            let t = i as f32 / SAMPLES as f32;
            let u = 1.0 - t;
            (a.to_vec2() * (u * u) + control.to_vec2() * (2.0 * u * t) + b.to_vec2() * (t * t))
                .to_pos2()
        })
        .collect()
}

/// Whether the segment from `p` to `q` crosses `rect` (slab clipping).
pub fn crosses(p: Pos2, q: Pos2, rect: Rect) -> bool {
    let d = q - p;
    let (mut t0, mut t1) = (0.0_f32, 1.0_f32);
    for (start, delta, low, high) in [
        (p.x, d.x, rect.min.x, rect.max.x),
        (p.y, d.y, rect.min.y, rect.max.y),
    ] {
        if delta.abs() < 1e-6 {
            if start < low || start > high {
                return false;
            }
            continue;
        }
        let (mut near, mut far) = ((low - start) / delta, (high - start) / delta);
        if near > far {
            std::mem::swap(&mut near, &mut far);
        }
        t0 = t0.max(near);
        t1 = t1.min(far);
        if t0 > t1 {
            return false;
        }
    }
    true
}

/// The shapes of a canvas, bucketed in a grid so an edge only looks at those near it.
pub struct Shapes {
    rects: Vec<Rect>,
    cells: HashMap<(i32, i32), Vec<usize>>,
}

impl Shapes {
    pub fn new(rects: Vec<Rect>) -> Self {
        let mut cells: HashMap<(i32, i32), Vec<usize>> = HashMap::new();
        for (i, rect) in rects.iter().enumerate() {
            for key in super::grid_cells(*rect, CELL) {
                cells.entry(key).or_default().push(i);
            }
        }
        Shapes { rects, cells }
    }

    /// The bend that takes the edge from shape `from` to shape `to` clear of every other
    /// shape: none when the straight line is clear or when no tried bend clears them all.
    pub fn bend(&self, from: usize, to: usize) -> Vec2 {
        let (a, b) = (self.rects[from].center(), self.rects[to].center());
        if (b - a).length() > LONGEST_ROUTED {
            return Vec2::ZERO;
        }
        let reach = Rect::from_two_pos(a, b).expand(BENDS[BENDS.len() - 1] / 2.0 + 10.0);
        let mut near: Vec<usize> = super::grid_cells(reach, CELL)
            .filter_map(|key| self.cells.get(&key))
            .flatten()
            .copied()
            .filter(|&i| i != from && i != to && self.rects[i].intersects(reach))
            .collect();
        near.sort_unstable();
        near.dedup();
        let clear = |points: &[Pos2]| {
            points.windows(2).all(|w| {
                near.iter()
                    .all(|&i| !crosses(w[0], w[1], self.rects[i].expand(6.0)))
            })
        };
        if clear(&[a, b]) {
            return Vec2::ZERO;
        }
        let normal = (b - a).normalized().rot90();
        BENDS
            .iter()
            .flat_map(|size| [normal * *size, -normal * *size])
            .find(|bend| clear(&curve(a, b, *bend)))
            .unwrap_or(Vec2::ZERO)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use egui::{pos2, vec2};

    #[test]
    fn a_segment_crosses_a_box_it_passes_through_but_not_one_beside_it() {
        let card = Rect::from_center_size(pos2(50.0, 0.0), vec2(20.0, 20.0));
        assert!(crosses(pos2(0.0, 0.0), pos2(100.0, 0.0), card));
        assert!(!crosses(pos2(0.0, 20.0), pos2(100.0, 20.0), card));
        assert!(
            !crosses(pos2(0.0, 0.0), pos2(30.0, 0.0), card),
            "it stops short"
        );
    }

    /// Three cards in a row: the edge from the first to the third would cross the middle
    /// one, so it bends; the edge between neighbours stays straight.
    #[test]
    fn an_edge_bends_round_a_card_in_its_way() {
        let card = |x: f32| Rect::from_center_size(pos2(x, 0.0), vec2(60.0, 40.0));
        let shapes = Shapes::new(vec![card(0.0), card(150.0), card(300.0)]);
        assert_eq!(shapes.bend(0, 1), Vec2::ZERO);
        let bend = shapes.bend(0, 2);
        assert!(bend.length() > 0.0);
        let points = curve(pos2(0.0, 0.0), pos2(300.0, 0.0), bend);
        assert!(points.windows(2).all(|w| !crosses(w[0], w[1], card(150.0))));
    }
}
