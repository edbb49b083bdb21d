//! The canvas's drawing backend: marks of the scene as egui shapes. Text is laid out by
//! egui in the same face the scene measured it in, one row per mark, so it lands exactly
//! where the scene placed it.

use egui::epaint::{CircleShape, CornerRadius, PathShape, PathStroke, RectShape, StrokeKind};
use egui::{Color32, FontFamily, FontId, Pos2, Rect, Shape, Stroke, pos2};

use crate::model::Position;
use crate::scene::marks::{Anchor, Mark, Paint, Pen, Shape as Drawn};

fn point(p: Position) -> Pos2 {
    pos2(p.x as f32, p.y as f32)
}

/// A palette colour with its opacity, as egui's.
pub fn colour(paint: Paint) -> Color32 {
    let alpha = (paint.opacity.clamp(0.0, 1.0) * 255.0).round() as u8;
    Color32::from_rgba_unmultiplied(paint.rgb.0, paint.rgb.1, paint.rgb.2, alpha)
}

fn stroke(pen: Pen) -> Stroke {
    Stroke::new(pen.width as f32, colour(pen.paint))
}

/// An outline through `points` (closed), dashed as `pen` says, as shapes.
fn dashed(points: &[Pos2], pen: Pen, closed: bool, out: &mut Vec<Shape>) {
    let mut path: Vec<Pos2> = points.to_vec();
    if closed && let Some(first) = points.first() {
        path.push(*first);
    }
    match pen.dash {
        Some((on, off)) => out.extend(Shape::dashed_line(
            &path,
            stroke(pen),
            on as f32,
            off as f32,
        )),
        None if closed => out.push(Shape::closed_line(points.to_vec(), stroke(pen))),
        None => out.push(Shape::line(path, stroke(pen))),
    }
}

fn circle_points(centre: Pos2, radius: f32) -> Vec<Pos2> {
    (0..48)
        .map(|i| {
            let angle = std::f32::consts::TAU * i as f32 / 48.0;
            centre + radius * egui::vec2(angle.cos(), angle.sin())
        })
        .collect()
}

/// The egui shapes of `marks`, text laid out with `fonts`.
pub fn shapes(fonts: &mut egui::epaint::FontsView<'_>, marks: &[Mark]) -> Vec<Shape> {
    let mut out = Vec::with_capacity(marks.len() + marks.len() / 4);
    for mark in marks {
        match &mark.shape {
            Drawn::Rect {
                min,
                max,
                radius,
                fill,
                stroke: pen,
            } => {
                let rect = Rect::from_min_max(point(*min), point(*max));
                let corner = CornerRadius::same(radius.clamp(0.0, 255.0) as u8);
                let solid = pen.filter(|p| p.dash.is_none());
                out.push(
                    RectShape::new(
                        rect,
                        corner,
                        fill.map_or(Color32::TRANSPARENT, colour),
                        solid.map_or(Stroke::NONE, stroke),
                        StrokeKind::Middle,
                    )
                    .into(),
                );
                if let Some(pen) = pen.filter(|p| p.dash.is_some()) {
                    let corners = [
                        rect.left_top(),
                        rect.right_top(),
                        rect.right_bottom(),
                        rect.left_bottom(),
                    ];
                    dashed(&corners, pen, true, &mut out);
                }
            }
            Drawn::Circle {
                centre,
                radius,
                fill,
                stroke: pen,
            } => {
                let solid = pen.filter(|p| p.dash.is_none());
                out.push(Shape::Circle(CircleShape {
                    center: point(*centre),
                    radius: *radius as f32,
                    fill: fill.map_or(Color32::TRANSPARENT, colour),
                    stroke: solid.map_or(Stroke::NONE, stroke),
                }));
                if let Some(pen) = pen.filter(|p| p.dash.is_some()) {
                    dashed(
                        &circle_points(point(*centre), *radius as f32),
                        pen,
                        true,
                        &mut out,
                    );
                }
            }
            Drawn::Polygon {
                points,
                fill,
                stroke: pen,
            } => {
                let points: Vec<Pos2> = points.iter().map(|p| point(*p)).collect();
                let solid = pen.filter(|p| p.dash.is_none());
                out.push(Shape::Path(PathShape {
                    points: points.clone(),
                    closed: true,
                    fill: fill.map_or(Color32::TRANSPARENT, colour),
                    stroke: PathStroke::from(solid.map_or(Stroke::NONE, stroke)),
                }));
                if let Some(pen) = pen.filter(|p| p.dash.is_some()) {
                    dashed(&points, pen, true, &mut out);
                }
            }
            Drawn::Line { points, pen } => {
                let points: Vec<Pos2> = points.iter().map(|p| point(*p)).collect();
                dashed(&points, *pen, false, &mut out);
            }
            // The canvas clips to itself.
            Drawn::Clip(_) => {}
            Drawn::Text {
                at,
                anchor,
                text,
                px,
                paint,
                ..
            } => {
                let ink = colour(*paint);
                let galley = fonts.layout_no_wrap(
                    text.clone(),
                    FontId::new(*px as f32, FontFamily::Proportional),
                    ink,
                );
                let left = match anchor {
                    Anchor::Start => at.x as f32,
                    Anchor::Middle => at.x as f32 - galley.size().x / 2.0,
                };
                out.push(Shape::galley(pos2(left, at.y as f32), galley, ink));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scene::marks::{Marks, Role};
    use crate::scene::palette::Rgb;

    /// Marks as shapes on a context with egui's default fonts.
    fn painted(marks: &Marks) -> Vec<Shape> {
        let ctx = egui::Context::default();
        let mut output = ctx.run_ui(egui::RawInput::default(), |_| {});
        output.textures_delta.clear();
        ctx.fonts_mut(|fonts| shapes(fonts, &marks.list))
    }

    #[test]
    fn a_dashed_outline_is_drawn_as_dashes_over_a_plain_fill() {
        let mut marks = Marks::default();
        let rect = crate::layout::Rect {
            min_x: 0.0,
            min_y: 0.0,
            max_x: 100.0,
            max_y: 50.0,
        };
        let pen = Pen::new(1.5, Rgb(0, 0, 0)).dashed(6.0, 4.0);
        marks.rect(
            Role::OutsideArea,
            rect,
            8.0,
            Some(Paint::solid(Rgb(1, 2, 3))),
            Some(pen),
        );
        let shapes = painted(&marks);
        let Shape::Rect(fill) = &shapes[0] else {
            panic!("{:?}", shapes[0]);
        };
        assert_eq!(fill.stroke, Stroke::NONE, "the outline is not drawn solid");
        // 300 units of outline in dashes of 6 and gaps of 4: 30 dashes.
        assert_eq!(shapes.len() - 1, 30);
    }

    /// Text centred on a point is laid out by egui as wide as the scene measured it.
    #[test]
    fn centred_text_lands_where_the_scene_measured_it() {
        let mut marks = Marks::default();
        let at = Position { x: 200.0, y: 10.0 };
        marks.text(
            Role::Label,
            at,
            Anchor::Middle,
            "Order management",
            14.0,
            Paint::solid(Rgb(0, 0, 0)),
        );
        let Shape::Text(text) = &painted(&marks)[0] else {
            panic!("text");
        };
        let measured = crate::layout::text::width("Order management", 14.0);
        assert!(
            (text.galley.size().x - measured).abs() < 0.5,
            "{} vs {measured}",
            text.galley.size().x
        );
        assert!((text.pos.x + text.galley.size().x / 2.0 - 200.0).abs() < 0.5);
    }
}
