//! The overview map in the canvas corner, shown while part of the model is out of view:
//! every area as a block, the visible part as a frame. Clicking or dragging on it moves the
//! view there. It draws a handful of shapes whatever the size of the model.

use egui::{Color32, Pos2, Rect, Shape, Stroke, StrokeKind, Vec2, vec2};

use crate::app::views::theme;

/// The map's size on screen.
pub fn size() -> Vec2 {
    vec2(236.0, 148.0)
}

/// Maps canvas positions within `world` onto the map `area`, keeping proportions.
#[derive(Clone, Copy, Debug)]
pub struct Projection {
    world: Rect,
    area: Rect,
    scale: f32,
}

impl Projection {
    pub fn new(world: Rect, area: Rect) -> Self {
        let inner = area.shrink(6.0);
        let scale =
            (inner.width() / world.width().max(1.0)).min(inner.height() / world.height().max(1.0));
        Projection { world, area, scale }
    }

    /// The map's place on screen.
    pub fn area(&self) -> Rect {
        self.area
    }

    pub fn to_map(self, p: Pos2) -> Pos2 {
        self.area.center() + (p - self.world.center()) * self.scale
    }

    pub fn to_world(self, p: Pos2) -> Pos2 {
        self.world.center() + (p - self.area.center()) / self.scale
    }
}

/// The map's shapes: a backing, one block per area and the frame of the visible part.
pub fn shapes(projection: &Projection, areas: &[Rect], visible: Rect) -> Vec<Shape> {
    let mut shapes = Vec::with_capacity(areas.len() + 3);
    shapes.push(Shape::rect_filled(
        projection.area,
        6.0,
        Color32::from_white_alpha(235),
    ));
    shapes.extend(areas.iter().map(|area| {
        let block = Rect::from_min_max(projection.to_map(area.min), projection.to_map(area.max));
        Shape::rect_filled(block.expand(0.5), 1.0, theme::GREY)
    }));
    let frame = Rect::from_min_max(
        projection.to_map(visible.min),
        projection.to_map(visible.max),
    )
    .intersect(projection.area);
    shapes.push(Shape::rect_stroke(
        frame,
        2.0,
        Stroke::new(2.0, theme::SELECTION),
        StrokeKind::Inside,
    ));
    shapes.push(Shape::rect_stroke(
        projection.area,
        6.0,
        Stroke::new(1.0, theme::GREY),
        StrokeKind::Inside,
    ));
    shapes
}

#[cfg(test)]
mod tests {
    use super::*;
    use egui::pos2;

    /// A world 1,000 × 500 on a map 206 × 106 inside its 6 px margin: the scale is
    /// min(200 / 1,000, 100 / 500) = 0.2, so the world's corner (0, 0) lands 500 × 0.2 = 100
    /// left and 250 × 0.2 = 50 above the map's centre (110, 60).
    #[test]
    fn the_projection_keeps_proportions_and_round_trips() {
        let world = Rect::from_min_max(pos2(0.0, 0.0), pos2(1000.0, 500.0));
        let area = Rect::from_min_size(pos2(0.0, 0.0), vec2(212.0, 112.0));
        let map = Projection::new(world, area);
        assert_eq!(map.to_map(pos2(0.0, 0.0)), pos2(6.0, 6.0));
        let back = map.to_world(pos2(56.0, 31.0));
        assert!((back - pos2(250.0, 125.0)).length() < 1e-3);
    }
}
