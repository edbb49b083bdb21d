//! Edges that go round cards: an edge whose straight line would pass under another node's
//! shape is led round it, corner by corner, clear of every shape by a margin, and its
//! corners are rounded into gentle curves. Each edge is worked out once, when the scene is
//! built; the canvas and every export draw the same path.
//!
//! The route is found greedily, as a person would draw it: follow the straight line to the
//! first shape in the way, pass that shape (with any shapes touching it) on its nearer
//! side, and carry on from there.

use rustc_hash::FxHashMap;

use crate::layout::Rect;
use crate::model::Position;

/// How far an edge keeps from a shape it passes.
pub const CLEARANCE: f64 = 10.0;
/// Detours tried before an edge is left straight.
const MAX_DETOURS: usize = 96;
/// Grid cell for finding the shapes along a segment, in canvas units.
const CELL: f64 = 128.0;
/// Points added at each rounded corner.
const CORNER_POINTS: usize = 5;

/// The shapes of a scene, bucketed in a grid so that a segment only looks at those near it.
/// The grid is looked up for every step of every edge's route, so its cells are hashed with
/// the quick hasher the analysis uses rather than the default, built to resist attack.
pub struct Obstacles {
    rects: Vec<Rect>,
    cells: FxHashMap<(i64, i64), Vec<usize>>,
}

fn at(x: f64, y: f64) -> Position {
    Position { x, y }
}

fn distance(a: Position, b: Position) -> f64 {
    ((a.x - b.x).powi(2) + (a.y - b.y).powi(2)).sqrt()
}

/// Whether the segment from `p` to `q` passes through the inside of `rect` (slab clipping;
/// touching its edge or a corner does not count).
pub fn crosses(p: Position, q: Position, rect: &Rect) -> bool {
    let (mut t0, mut t1) = (0.0_f64, 1.0_f64);
    for (start, delta, low, high) in [
        (p.x, q.x - p.x, rect.min_x, rect.max_x),
        (p.y, q.y - p.y, rect.min_y, rect.max_y),
    ] {
        if delta.abs() < 1e-9 {
            if start <= low + 1e-6 || start >= high - 1e-6 {
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
        if t1 - t0 <= 1e-9 {
            return false;
        }
    }
    true
}

/// Where along `p → q` (0 to 1) the segment enters `rect`, if it crosses it.
fn entry(p: Position, q: Position, rect: &Rect) -> Option<f64> {
    if !crosses(p, q, rect) {
        return None;
    }
    let mut t0 = 0.0_f64;
    for (start, delta, low, high) in [
        (p.x, q.x - p.x, rect.min_x, rect.max_x),
        (p.y, q.y - p.y, rect.min_y, rect.max_y),
    ] {
        if delta.abs() > 1e-9 {
            let (a, b) = ((low - start) / delta, (high - start) / delta);
            t0 = t0.max(a.min(b));
        }
    }
    Some(t0)
}

impl Obstacles {
    pub fn new(rects: Vec<Rect>) -> Obstacles {
        let mut cells: FxHashMap<(i64, i64), Vec<usize>> = FxHashMap::default();
        for (i, rect) in rects.iter().enumerate() {
            for cell in rect.expand(CLEARANCE).cells(CELL) {
                cells.entry(cell).or_default().push(i);
            }
        }
        Obstacles { rects, cells }
    }

    /// The obstacles whose cells the segment's box touches, other than `skip`.
    fn near(&self, p: Position, q: Position, skip: [usize; 2]) -> Vec<usize> {
        let span = Rect {
            min_x: p.x.min(q.x),
            min_y: p.y.min(q.y),
            max_x: p.x.max(q.x),
            max_y: p.y.max(q.y),
        };
        let mut near: Vec<usize> = Vec::new();
        let length = distance(p, q);
        if length > 4.0 * CELL {
            // A long segment: only the cells along it, not its whole box.
            let steps = (length / (CELL / 2.0)).ceil() as usize;
            for step in 0..=steps {
                let t = step as f64 / steps as f64;
                let point = at(p.x + (q.x - p.x) * t, p.y + (q.y - p.y) * t);
                for cell in Rect::around(point, CELL, CELL).cells(CELL) {
                    near.extend(self.cells.get(&cell).into_iter().flatten());
                }
            }
        } else {
            for cell in span.cells(CELL) {
                near.extend(self.cells.get(&cell).into_iter().flatten());
            }
        }
        near.sort_unstable();
        near.dedup();
        near.retain(|i| !skip.contains(i));
        near
    }

    /// The first obstacle (padded by the clearance) that `p → q` passes through, and where.
    fn first_in_way(&self, p: Position, q: Position, skip: [usize; 2]) -> Option<(usize, f64)> {
        self.near(p, q, skip)
            .into_iter()
            .filter_map(|i| entry(p, q, &self.rects[i].expand(CLEARANCE)).map(|t| (i, t)))
            .min_by(|a, b| a.1.total_cmp(&b.1))
    }

    /// Whether `p → q` is clear of every obstacle but `skip`.
    pub fn clear(&self, p: Position, q: Position, skip: [usize; 2]) -> bool {
        self.first_in_way(p, q, skip).is_none()
    }

    /// The obstacle `first` padded, grown by every padded obstacle it touches (and those
    /// they touch, a few rounds), so that a detour passes the whole cluster.
    fn cluster(&self, first: usize, skip: [usize; 2]) -> Rect {
        let mut around = self.rects[first].expand(CLEARANCE);
        for _ in 0..4 {
            let before = around;
            for cell in around.cells(CELL) {
                for &i in self.cells.get(&cell).into_iter().flatten() {
                    let padded = self.rects[i].expand(CLEARANCE);
                    if !skip.contains(&i) && padded.overlaps(&around) {
                        around = around.union(&padded);
                    }
                }
            }
            if around == before {
                break;
            }
        }
        around.expand(1.0)
    }

    /// The route from the centre of shape `from` to the centre of shape `to`, clear of
    /// every other shape where a few detours find a way; the straight line otherwise.
    pub fn route(&self, from: usize, to: usize) -> Vec<Position> {
        let (a, b) = (self.rects[from].centre(), self.rects[to].centre());
        let skip = [from, to];
        let mut path = vec![a];
        let mut detours = 0;
        let mut target = b;
        let mut pending: Vec<Position> = Vec::new();
        loop {
            let here = *path.last().expect("a path starts somewhere");
            match self.first_in_way(here, target, skip) {
                None => {
                    path.push(target);
                    match pending.pop() {
                        Some(next) => target = next,
                        None => break,
                    }
                }
                Some((hit, _)) => {
                    detours += 1;
                    if detours > MAX_DETOURS {
                        return vec![a, b];
                    }
                    let around = self.cluster(hit, skip);
                    let corners = detour(here, target, &around);
                    // Head for the first corner; the rest, then the target, follow.
                    pending.push(target);
                    for corner in corners.iter().rev() {
                        pending.push(*corner);
                    }
                    target = pending.pop().expect("a detour has a corner");
                }
            }
        }
        simplify(path, self, skip)
    }
}

/// The corners of `rect` to pass, in order, going from `p` round `rect` to `q` on the side
/// that is shorter.
fn detour(p: Position, q: Position, rect: &Rect) -> Vec<Position> {
    let corners = [
        at(rect.min_x, rect.min_y),
        at(rect.max_x, rect.min_y),
        at(rect.max_x, rect.max_y),
        at(rect.min_x, rect.max_y),
    ];
    let side = |c: Position| (q.x - p.x) * (c.y - p.y) - (q.y - p.y) * (c.x - p.x);
    let mut best: Option<(f64, Vec<Position>)> = None;
    for sign in [1.0, -1.0] {
        let mut chosen: Vec<Position> = corners
            .iter()
            .copied()
            .filter(|c| side(*c) * sign > 0.0)
            .collect();
        if chosen.is_empty() {
            continue;
        }
        // Along the direction of travel.
        let along = |c: &Position| (c.x - p.x) * (q.x - p.x) + (c.y - p.y) * (q.y - p.y);
        chosen.sort_by(|a, b| along(a).total_cmp(&along(b)));
        let mut length = 0.0;
        let mut previous = p;
        for c in &chosen {
            length += distance(previous, *c);
            previous = *c;
        }
        length += distance(previous, q);
        if best.as_ref().is_none_or(|(shortest, _)| length < *shortest) {
            best = Some((length, chosen));
        }
    }
    best.map(|(_, corners)| corners).unwrap_or_default()
}

/// Drops corners the path does not need: a corner whose neighbours see each other.
fn simplify(path: Vec<Position>, obstacles: &Obstacles, skip: [usize; 2]) -> Vec<Position> {
    let mut kept: Vec<Position> = Vec::with_capacity(path.len());
    let mut i = 0;
    while i < path.len() {
        kept.push(path[i]);
        let mut next = i + 1;
        // The farthest later point this one sees directly.
        for j in (i + 2..path.len()).rev() {
            if obstacles.clear(path[i], path[j], skip) {
                next = j;
                break;
            }
        }
        i = next;
    }
    kept
}

/// The path with each inner corner rounded, by at most `radius`.
pub fn rounded_corners(path: &[Position], radius: f64) -> Vec<Position> {
    if path.len() < 3 {
        return path.to_vec();
    }
    let mut out = vec![path[0]];
    for k in 1..path.len() - 1 {
        let (prev, corner, next) = (path[k - 1], path[k], path[k + 1]);
        let r = radius
            .min(distance(prev, corner) / 2.0)
            .min(distance(corner, next) / 2.0);
        let towards = |from: Position, to: Position| {
            let d = distance(from, to).max(1e-9);
            at(
                from.x + (to.x - from.x) / d * r,
                from.y + (to.y - from.y) / d * r,
            )
        };
        let (start, end) = (towards(corner, prev), towards(corner, next));
        for step in 0..=CORNER_POINTS {
            let t = step as f64 / CORNER_POINTS as f64;
            let u = 1.0 - t;
            out.push(at(
                u * u * start.x + 2.0 * u * t * corner.x + t * t * end.x,
                u * u * start.y + 2.0 * u * t * corner.y + t * t * end.y,
            ));
        }
    }
    out.push(path[path.len() - 1]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn card(x: f64, y: f64) -> Rect {
        Rect::around(at(x, y), 60.0, 40.0)
    }

    /// Whether any segment of `path` passes through `rect`.
    fn passes(path: &[Position], rect: &Rect) -> bool {
        path.windows(2).any(|w| crosses(w[0], w[1], rect))
    }

    #[test]
    fn a_segment_crosses_a_box_it_passes_through_but_not_one_beside_it() {
        let rect = card(50.0, 0.0);
        assert!(crosses(at(0.0, 0.0), at(100.0, 0.0), &rect));
        assert!(!crosses(at(0.0, 30.0), at(100.0, 30.0), &rect));
        assert!(
            !crosses(at(0.0, 0.0), at(15.0, 0.0), &rect),
            "it stops short"
        );
        assert!(
            !crosses(at(0.0, 20.0), at(100.0, 20.0), &rect),
            "along its edge"
        );
    }

    /// Three cards in a row: the edge from the first to the third goes round the middle
    /// one; the edge between neighbours stays straight.
    #[test]
    fn an_edge_goes_round_a_card_in_its_way() {
        let obstacles = Obstacles::new(vec![card(0.0, 0.0), card(150.0, 0.0), card(300.0, 0.0)]);
        assert_eq!(obstacles.route(0, 1), [at(0.0, 0.0), at(150.0, 0.0)]);
        let path = obstacles.route(0, 2);
        assert!(path.len() > 2, "{path:?}");
        assert!(!passes(&path, &card(150.0, 0.0)), "{path:?}");
        assert_eq!(path[0], at(0.0, 0.0));
        assert_eq!(*path.last().unwrap(), at(300.0, 0.0));
        let smooth = rounded_corners(&path, CLEARANCE);
        assert!(!passes(&smooth, &card(150.0, 0.0)), "rounding keeps clear");
    }

    /// A wall of touching cards between the ends: the route passes the whole wall.
    #[test]
    fn a_route_passes_a_cluster_of_touching_cards_whole() {
        let mut rects = vec![card(0.0, 0.0), card(400.0, 0.0)];
        for k in -3..=3 {
            rects.push(Rect::around(at(200.0, f64::from(k) * 45.0), 60.0, 40.0));
        }
        let obstacles = Obstacles::new(rects.clone());
        let path = obstacles.route(0, 1);
        for rect in &rects[2..] {
            assert!(!passes(&path, rect), "{path:?} passes {rect:?}");
        }
    }
}
