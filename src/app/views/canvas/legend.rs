//! The legend in the canvas corner: what the shapes, colours and lines mean, so a room
//! looking at a projector can read the picture without asking.

use egui::epaint::StrokeKind;
use egui::{Align2, Color32, FontId, Painter, Pos2, Rect, Shape, Stroke, pos2, vec2};

use super::shapes::hexagon;
use crate::analysis::Cover;
use crate::app::views::theme;
use crate::model::{InteractionMode, TeamKind};

const ROW: f32 = 22.0;
const FONT: f32 = 13.0;
const ROWS: f32 = 6.0;
/// The legend's height, and its distance from the canvas edges.
pub const HEIGHT: f32 = ROW * ROWS + 16.0;
pub const MARGIN: f32 = 10.0;
/// Narrower canvases have no room for the legend.
pub const MIN_CANVAS_WIDTH: f32 = 480.0;

/// Paints the legend in the bottom-left corner of `canvas`; returns where it is.
pub fn paint(painter: &Painter, canvas: Rect) -> Rect {
    let area = Rect::from_min_size(
        pos2(canvas.left() + MARGIN, canvas.bottom() - HEIGHT - MARGIN),
        vec2(0.0, HEIGHT),
    );
    let backing = painter.add(Shape::Noop);
    let mut right = area.left();
    let font = FontId::proportional(FONT);
    let mut cursor = area.min + vec2(12.0, 8.0 + ROW / 2.0);
    let mut write = |painter: &Painter, at: &mut Pos2, text: &str| {
        let rect = painter.text(*at, Align2::LEFT_CENTER, text, font.clone(), theme::INK);
        at.x = rect.right() + 14.0;
        right = right.max(rect.right());
    };

    let r = 7.0;
    let icon = |at: &mut Pos2| {
        let centre = *at + vec2(r, 0.0);
        at.x += 2.0 * r + 5.0;
        centre
    };
    for (shape, label) in [
        ("circle", "Digital"),
        ("square", "COTS"),
        ("hexagon", "Foundational"),
    ] {
        let centre = icon(&mut cursor);
        let stroke = Stroke::new(1.5, theme::INK);
        painter.add(match shape {
            "circle" => Shape::circle_stroke(centre, r, stroke),
            "square" => Shape::rect_stroke(
                Rect::from_center_size(centre, vec2(2.0 * r, 2.0 * r)),
                2.0,
                stroke,
                StrokeKind::Inside,
            ),
            _ => Shape::closed_line(hexagon(centre, r * 1.1), stroke),
        });
        write(painter, &mut cursor, label);
    }
    cursor = pos2(area.left() + 12.0, cursor.y + ROW);
    for (cover, label) in [
        (Cover::Covered, "covered"),
        (Cover::Understaffed, "understaffed"),
        (Cover::Uncovered, "uncovered / no owner"),
        (Cover::NotRequired, "no cover needed"),
    ] {
        let (fill, stroke) = theme::cover_colours(cover);
        let centre = icon(&mut cursor);
        painter.circle(centre, r, fill, Stroke::new(2.0, stroke));
        write(painter, &mut cursor, label);
    }

    cursor = pos2(area.left() + 12.0, cursor.y + ROW);
    for kind in TeamKind::ALL {
        let rect = Rect::from_min_size(cursor - vec2(0.0, 7.0), vec2(22.0, 14.0));
        painter.rect(
            rect,
            3.0,
            theme::team_fill(kind),
            Stroke::new(1.0, theme::darker(theme::team_fill(kind))),
            StrokeKind::Inside,
        );
        cursor.x += 27.0;
        write(painter, &mut cursor, kind.label());
    }

    cursor = pos2(area.left() + 12.0, cursor.y + ROW);
    let line = |painter: &Painter, at: &mut Pos2, colour: Color32, dashed: bool| {
        let (a, b) = (*at, *at + vec2(34.0, 0.0));
        if dashed {
            painter.extend(Shape::dashed_line(
                &[a, b],
                Stroke::new(2.0, colour),
                6.0,
                4.0,
            ));
        } else {
            painter.line_segment([a, b], Stroke::new(2.0, colour));
        }
        at.x += 40.0;
        (a, b)
    };
    let (a, _) = line(painter, &mut cursor, theme::OWNERSHIP_EDGE, false);
    painter.add(Shape::convex_polygon(
        vec![
            a,
            a + vec2(6.0, -4.0),
            a + vec2(12.0, 0.0),
            a + vec2(6.0, 4.0),
        ],
        theme::OWNERSHIP_EDGE,
        Stroke::NONE,
    ));
    write(painter, &mut cursor, "owns");
    let (_, b) = line(painter, &mut cursor, theme::DEPENDENCY_EDGE, false);
    painter.add(Shape::convex_polygon(
        vec![b, b + vec2(-8.0, -4.0), b + vec2(-8.0, 4.0)],
        theme::DEPENDENCY_EDGE,
        Stroke::NONE,
    ));
    write(painter, &mut cursor, "depends on");
    line(
        painter,
        &mut cursor,
        theme::interaction_colour(InteractionMode::Collaboration),
        true,
    );
    write(painter, &mut cursor, "interaction (toggle with I)");
    painter.rect(
        Rect::from_min_size(cursor - vec2(0.0, 8.0), vec2(26.0, 16.0)),
        5.0,
        theme::DOMAIN_FILL,
        Stroke::new(1.5, theme::DOMAIN_STROKE),
        StrokeKind::Inside,
    );
    cursor.x += 32.0;
    write(painter, &mut cursor, "domain");

    cursor = pos2(area.left() + 12.0, cursor.y + ROW);
    let (fill, _) = theme::cover_colours(Cover::Covered);
    for (stroke, label) in [
        (theme::SELECTION, "selected"),
        (
            theme::RELATED,
            "owner, dependency or dependent of the selection",
        ),
    ] {
        let centre = icon(&mut cursor);
        painter.circle(centre, r, fill, Stroke::new(3.0, stroke));
        write(painter, &mut cursor, label);
    }
    let centre = icon(&mut cursor);
    painter.circle(
        centre,
        r,
        super::shapes::faded(fill, super::shapes::Focus::Dimmed),
        Stroke::new(
            1.5,
            super::shapes::faded(theme::GREEN, super::shapes::Focus::Dimmed),
        ),
    );
    write(painter, &mut cursor, "not connected to it");

    cursor = pos2(area.left() + 12.0, cursor.y + ROW);
    let centre = icon(&mut cursor);
    painter.circle_filled(centre, r, fill);
    let outline: Vec<Pos2> = (0..=24)
        .map(|i| {
            let angle = std::f32::consts::TAU * i as f32 / 24.0;
            centre + r * vec2(angle.cos(), angle.sin())
        })
        .collect();
    painter.extend(Shape::dashed_line(
        &outline,
        Stroke::new(2.0, theme::GREEN),
        3.0,
        2.0,
    ));
    write(painter, &mut cursor, "inception: not live yet");
    let centre = icon(&mut cursor);
    painter.circle(
        centre,
        r,
        theme::retiring(fill),
        Stroke::new(1.5, theme::retiring(theme::GREEN)),
    );
    write(painter, &mut cursor, "retiring");
    let badge = painter.layout_no_wrap("PCI-DSS".to_owned(), font.clone(), theme::COMPLIANCE_INK);
    let rect = Rect::from_min_size(
        cursor - vec2(0.0, badge.size().y / 2.0 + 2.0),
        badge.size() + vec2(12.0, 4.0),
    );
    painter.rect(
        rect,
        rect.height() / 2.0,
        theme::COMPLIANCE_FILL,
        Stroke::new(1.0, theme::COMPLIANCE_INK),
        StrokeKind::Inside,
    );
    painter.galley(rect.min + vec2(6.0, 2.0), badge, theme::COMPLIANCE_INK);
    cursor.x = rect.right() + 5.0;
    write(painter, &mut cursor, "compliance scope tag");
    let area = Rect::from_min_max(area.min, pos2(right + 12.0, area.max.y));
    painter.set(
        backing,
        Shape::Rect(egui::epaint::RectShape::new(
            area,
            6.0,
            Color32::from_white_alpha(235),
            Stroke::new(1.0, theme::GREY),
            StrokeKind::Inside,
        )),
    );
    area
}
