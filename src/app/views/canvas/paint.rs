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

/// A closed outline through `points`, dashed as `pen` says.
fn dashed_outline(points: &[Pos2], pen: Pen, out: &mut Vec<Shape>) {
    let mut path = points.to_vec();
    path.extend(points.first());
    run(&path, 0.0, pen, out);
}

/// How far outside the clip a line is still drawn: past the longest dash, the widest pen's
/// joins and its anti-aliasing, so that what is left out could not have shown.
const CLIP_MARGIN: f32 = 32.0;

/// An open line through `points` as shapes, only the runs of it that can show within
/// `clip`: an edge routed across a big model is long, and tessellating all of it every
/// frame cost more than the rest of the canvas. Each run keeps the line's dash pattern,
/// and its ends lie beyond the margin, so the pixels within `clip` are those of the whole.
fn line_within(points: &[Pos2], pen: Pen, clip: Rect, out: &mut Vec<Shape>) {
    let reach = clip.expand(CLIP_MARGIN);
    let shows = |a: Pos2, b: Pos2| reach.intersects(Rect::from_two_pos(a, b));
    let mut along = 0.0;
    let mut start: Option<(usize, f32)> = None;
    for (i, pair) in points.windows(2).enumerate() {
        match (shows(pair[0], pair[1]), start) {
            (true, None) => start = Some((i, along)),
            (false, Some((from, from_along))) => {
                run(&points[from..=i], from_along, pen, out);
                start = None;
            }
            _ => {}
        }
        along += pair[0].distance(pair[1]);
    }
    if let Some((from, from_along)) = start {
        run(&points[from..], from_along, pen, out);
    }
}

/// The part of a line from `along` pixels into it, with its dashes where the whole
/// line's fall (a dash begins every dash and gap from the line's start).
fn run(points: &[Pos2], along: f32, pen: Pen, out: &mut Vec<Shape>) {
    match pen.dash {
        Some((on, off)) => {
            let period = (on + off) as f32;
            Shape::dashed_line_many_with_offset(
                points,
                stroke(pen),
                &[on as f32],
                &[off as f32],
                (period - along % period) % period,
                out,
            );
        }
        None => out.push(Shape::line(points.to_vec(), stroke(pen))),
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
    shapes_within(fonts, marks, Rect::EVERYTHING)
}

/// The egui shapes of `marks` as far as they can show within `clip` (where the painter
/// clips them), text laid out with `fonts`.
pub fn shapes_within(
    fonts: &mut egui::epaint::FontsView<'_>,
    marks: &[Mark],
    clip: Rect,
) -> Vec<Shape> {
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
                    dashed_outline(&corners, pen, &mut out);
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
                    dashed_outline(
                        &circle_points(point(*centre), *radius as f32),
                        pen,
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
                    dashed_outline(&points, pen, &mut out);
                }
            }
            Drawn::Line { points, pen } => {
                let points: Vec<Pos2> = points.iter().map(|p| point(*p)).collect();
                line_within(&points, *pen, clip, &mut out);
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

    /// The segments of line shapes (a solid line's or a dash's) that reach into `clip`.
    fn segments_in(shapes: &[Shape], clip: Rect) -> Vec<[Pos2; 2]> {
        let mut segments = Vec::new();
        for shape in shapes {
            let points = match shape {
                Shape::LineSegment { points, .. } => points.to_vec(),
                Shape::Path(path) => path.points.clone(),
                other => panic!("{other:?}"),
            };
            segments.extend(
                points
                    .windows(2)
                    .map(|pair| [pair[0], pair[1]])
                    .filter(|[a, b]| clip.intersects(Rect::from_two_pos(*a, *b))),
            );
        }
        segments
    }

    /// A long edge zig-zagging across a big model, seen through a small window: only the
    /// stretch near the window is drawn, and within it the very segments and dashes of the
    /// whole line, solid or dashed.
    #[test]
    fn a_long_line_is_drawn_only_near_the_view_with_the_same_pixels() {
        let zigzag: Vec<Pos2> = (0..400)
            .map(|i| {
                pos2(
                    i as f32 * 37.0 - 5000.0,
                    if i % 2 == 0 { 0.0 } else { 23.0 },
                )
            })
            .collect();
        let window = Rect::from_min_max(pos2(-100.0, -50.0), pos2(300.0, 50.0));
        for pen in [
            Pen::new(2.0, Rgb(0, 0, 0)),
            Pen::new(2.2, Rgb(0, 0, 0)).dashed(8.0, 5.6),
        ] {
            let mut whole = Vec::new();
            line_within(&zigzag, pen, Rect::EVERYTHING, &mut whole);
            let mut near = Vec::new();
            line_within(&zigzag, pen, window, &mut near);
            let points = |shapes: &[Shape]| -> usize {
                shapes
                    .iter()
                    .map(|s| match s {
                        Shape::Path(path) => path.points.len(),
                        _ => 2,
                    })
                    .sum()
            };
            // The window and its margin span 12 of the line's 400 segments.
            assert!(points(&near) * 20 < points(&whole), "{pen:?}");
            let (a, b) = (segments_in(&whole, window), segments_in(&near, window));
            assert!(!a.is_empty());
            assert_eq!(a.len(), b.len(), "{pen:?}");
            for (a, b) in a.iter().zip(&b) {
                // Dashes measured 5,000 pixels along in single precision: a hundredth of a
                // pixel either way.
                let apart = a[0].distance(b[0]).max(a[1].distance(b[1]));
                assert!(apart < 0.05, "{a:?} {b:?} {apart}");
            }
        }
    }

    /// Text centred on a point is laid out by egui as wide as the scene measured it.
    #[test]
    fn centred_text_lands_where_the_scene_measured_it() {
        let marks =
            crate::scene::marks::centred_name(Position { x: 200.0, y: 10.0 }, "Order management");
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
