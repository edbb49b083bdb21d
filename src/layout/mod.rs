//! Where things sit on the canvas, worked out without any GUI: the one font and its text
//! measure ([`text`]), the sizes nodes are drawn at ([`sizes`]), where names go without
//! overlapping ([`labels`]), the tinted area of each
//! domain ([`areas`]), a free spot for a new node ([`placement`]), the arrangement of a
//! model opened without positions ([`arrange`]) and the auto-layout the user asks for
//! ([`auto`]), which [`crowding`] helps fit to a screen.
//!
//! Positions are stable: a model is arranged once, when it opens, and from then on a node
//! moves only when the user drags it, asks for an auto-layout, or moves it (or its team)
//! into another domain. Every position this module makes is rounded to 0.1 canvas units, so
//! saved files stay small and their diffs stable.

pub mod areas;
pub mod arrange;
pub mod auto;
pub mod crowding;
#[cfg(test)]
pub mod fixtures;
pub mod labels;
pub mod placement;
pub mod sizes;
pub mod text;

use std::collections::HashMap;

use crate::model::Position;

pub use areas::{domain_area, domain_areas};
pub use arrange::{fill_missing, positions};
pub use placement::{free_spot, regroup, rehome_service};

/// An axis-aligned rectangle in canvas units.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Rect {
    pub min_x: f64,
    pub min_y: f64,
    pub max_x: f64,
    pub max_y: f64,
}

impl Rect {
    /// A `width` × `height` rectangle centred on `centre`.
    pub fn around(centre: Position, width: f64, height: f64) -> Rect {
        Rect {
            min_x: centre.x - width / 2.0,
            min_y: centre.y - height / 2.0,
            max_x: centre.x + width / 2.0,
            max_y: centre.y + height / 2.0,
        }
    }

    pub fn width(&self) -> f64 {
        self.max_x - self.min_x
    }

    pub fn height(&self) -> f64 {
        self.max_y - self.min_y
    }

    pub fn centre(&self) -> Position {
        Position {
            x: (self.min_x + self.max_x) / 2.0,
            y: (self.min_y + self.max_y) / 2.0,
        }
    }

    pub fn union(&self, other: &Rect) -> Rect {
        Rect {
            min_x: self.min_x.min(other.min_x),
            min_y: self.min_y.min(other.min_y),
            max_x: self.max_x.max(other.max_x),
            max_y: self.max_y.max(other.max_y),
        }
    }

    /// Grown by `margin` on every side.
    pub fn expand(&self, margin: f64) -> Rect {
        Rect {
            min_x: self.min_x - margin,
            min_y: self.min_y - margin,
            max_x: self.max_x + margin,
            max_y: self.max_y + margin,
        }
    }

    pub fn translate(&self, dx: f64, dy: f64) -> Rect {
        Rect {
            min_x: self.min_x + dx,
            min_y: self.min_y + dy,
            max_x: self.max_x + dx,
            max_y: self.max_y + dy,
        }
    }

    /// Whether the two share any area (touching edges do not count).
    /// The cells of a square grid `cell` wide that this rectangle touches, by column and
    /// row: the key to find neighbours without testing every pair.
    pub fn cells(&self, cell: f64) -> impl Iterator<Item = (i64, i64)> + use<> {
        let span = |min: f64, max: f64| (min / cell).floor() as i64..=(max / cell).floor() as i64;
        let (columns, rows) = (span(self.min_x, self.max_x), span(self.min_y, self.max_y));
        columns.flat_map(move |x| rows.clone().map(move |y| (x, y)))
    }

    pub fn overlaps(&self, other: &Rect) -> bool {
        self.min_x < other.max_x
            && other.min_x < self.max_x
            && self.min_y < other.max_y
            && other.min_y < self.max_y
    }
}

/// `position` rounded to 0.1 canvas units, the precision positions are saved with.
pub fn rounded(position: Position) -> Position {
    let tenth = |v: f64| (v * 10.0).round() / 10.0;
    Position {
        x: tenth(position.x),
        y: tenth(position.y),
    }
}

/// Positions by id, as the layout functions take and give them.
pub type Positions = HashMap<String, Position>;
