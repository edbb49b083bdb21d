//! Where everything of a scene is, by the cells of a coarse square grid: the canvas asks
//! for what lies in the view each frame and draws only that, so a 10,000-service model
//! costs a frame what the few dozen shapes on screen cost.

use std::collections::HashMap;

use crate::layout::Rect;
use crate::model::Position;

/// The side of a cell, in canvas units: about a team block.
const CELL: f64 = 256.0;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Item {
    Node(u32),
    Edge(u32),
    Area(u32),
}

/// The items of a scene by grid cell.
#[derive(Clone, Debug, Default)]
pub struct Grid {
    cells: HashMap<(i64, i64), Vec<Item>>,
}

/// What lies in a rectangle: indices of nodes, edges and areas, each once, ascending.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Found {
    pub nodes: Vec<usize>,
    pub edges: Vec<usize>,
    pub areas: Vec<usize>,
}

fn cell_of(p: Position) -> (i64, i64) {
    ((p.x / CELL).floor() as i64, (p.y / CELL).floor() as i64)
}

impl Grid {
    fn add(&mut self, cell: (i64, i64), item: Item) {
        let list = self.cells.entry(cell).or_default();
        if list.last() != Some(&item) {
            list.push(item);
        }
    }

    fn add_rect(&mut self, rect: &Rect, item: Item) {
        for cell in rect.cells(CELL) {
            self.add(cell, item);
        }
    }

    pub fn add_node(&mut self, index: usize, rect: &Rect) {
        self.add_rect(rect, Item::Node(index as u32));
    }

    pub fn add_area(&mut self, index: usize, rect: &Rect) {
        self.add_rect(rect, Item::Area(index as u32));
    }

    /// An edge along its path: every cell a point every half cell along it falls in.
    pub fn add_edge(&mut self, index: usize, path: &[Position]) {
        let item = Item::Edge(index as u32);
        for pair in path.windows(2) {
            let (a, b) = (pair[0], pair[1]);
            let length = ((b.x - a.x).powi(2) + (b.y - a.y).powi(2)).sqrt();
            let steps = (length / (CELL / 2.0)).ceil().max(1.0) as usize;
            for step in 0..=steps {
                let t = step as f64 / steps as f64;
                let at = Position {
                    x: a.x + (b.x - a.x) * t,
                    y: a.y + (b.y - a.y) * t,
                };
                self.add(cell_of(at), item);
            }
        }
        if let [only] = path {
            self.add(cell_of(*only), item);
        }
    }

    /// Everything in the cells `rect` touches and their neighbours (an edge sampled along
    /// its length may cross a corner of a cell it was not filed under).
    pub fn within(&self, rect: &Rect) -> Found {
        let mut items: Vec<Item> = rect
            .expand(CELL)
            .cells(CELL)
            .filter_map(|cell| self.cells.get(&cell))
            .flatten()
            .copied()
            .collect();
        items.sort_unstable();
        items.dedup();
        let mut found = Found::default();
        for item in items {
            match item {
                Item::Node(i) => found.nodes.push(i as usize),
                Item::Edge(i) => found.edges.push(i as usize),
                Item::Area(i) => found.areas.push(i as usize),
            }
        }
        found
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(x: f64, y: f64) -> Position {
        Position { x, y }
    }

    #[test]
    fn finds_what_lies_in_a_view_and_not_what_is_far() {
        let mut grid = Grid::default();
        grid.add_node(0, &Rect::around(at(100.0, 100.0), 50.0, 50.0));
        grid.add_node(1, &Rect::around(at(5000.0, 5000.0), 50.0, 50.0));
        // A long edge that passes the view without either end in it.
        grid.add_edge(0, &[at(-3000.0, 300.0), at(3000.0, 300.0)]);
        grid.add_edge(1, &[at(5000.0, 5000.0), at(6000.0, 5000.0)]);
        grid.add_area(0, &Rect::around(at(0.0, 0.0), 400.0, 400.0));
        let view = Rect::around(at(0.0, 200.0), 400.0, 400.0);
        let found = grid.within(&view);
        assert_eq!(found.nodes, [0]);
        assert_eq!(found.edges, [0]);
        assert_eq!(found.areas, [0]);
    }
}
