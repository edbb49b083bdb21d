//! Semantic zoom for big models: zoomed out, each domain — and what lies outside every
//! domain — is drawn as one box with its name, team and service counts, annual cost,
//! on-call coverage and error count, instead of the hundreds of shapes that would be too
//! small to read. A box keeps its name, counts and cost whatever the name's length: the
//! name gives up lines first, then the coverage and the errors.

use super::marks::{Anchor, Marks, Paint, Role};
use super::palette;
use super::{Summary, TextScale};
use crate::format::{money, share};
use crate::layout::Rect;
use crate::layout::text::{self, Shaped};
use crate::model::Position;

/// Below this zoom a big model is drawn as boxes.
pub const OVERVIEW_ZOOM: f64 = 0.3;
/// Models with at most this many services stay legible shape by shape at any fit, so they
/// are never summarised.
pub const MIN_SERVICES: usize = 100;
/// Inside a box, round its text.
const PADDING: f64 = 8.0;

/// Where each area's box goes (by the index of its extent in `extents`): a grid over the
/// space the areas take up together, in their left-to-right, top-to-bottom order, with
/// cells about half as wide again as they are tall — so that areas laid out as tall,
/// narrow columns still get boxes wide enough to read.
pub fn grid(extents: &[Rect]) -> Vec<Rect> {
    let Some(world) = extents.iter().copied().reduce(|a, b| a.union(&b)) else {
        return Vec::new();
    };
    let mut order: Vec<usize> = (0..extents.len()).collect();
    order.sort_by(|&a, &b| {
        let (a, b) = (extents[a].centre(), extents[b].centre());
        a.x.total_cmp(&b.x).then(a.y.total_cmp(&b.y))
    });
    let count = extents.len();
    let aspect = world.width().max(1.0) / world.height().max(1.0);
    let columns = ((count as f64 * aspect / 1.5).sqrt().round() as usize).clamp(1, count);
    let rows = count.div_ceil(columns);
    let cell = (world.width() / columns as f64, world.height() / rows as f64);
    let mut boxes = vec![world; count];
    for (slot, &area) in order.iter().enumerate() {
        let min = Position {
            x: world.min_x + (slot % columns) as f64 * cell.0,
            y: world.min_y + (slot / columns) as f64 * cell.1,
        };
        let margin = (cell.0 * 0.05, cell.1 * 0.05);
        boxes[area] = Rect {
            min_x: min.x + margin.0,
            min_y: min.y + margin.1,
            max_x: min.x + cell.0 - margin.0,
            max_y: min.y + cell.1 - margin.1,
        };
    }
    boxes
}

/// The figures of a box, in the order they give way when room is short (the first two
/// never do): counts, cost, coverage, errors.
pub fn lines(summary: &Summary, currency: &str) -> [String; 4] {
    let plural = crate::format::count;
    let counts = format!(
        "{} · {}",
        plural(summary.teams, "team", "teams"),
        plural(summary.services, "service", "services")
    );
    let coverage = if summary.needing_cover == 0 {
        "On-call: none needed".to_owned()
    } else {
        format!(
            "On-call {}",
            share(summary.covered as f64 / summary.needing_cover as f64)
        )
    };
    [
        counts,
        format!("{} a year", money(summary.annual_cost, currency)),
        coverage,
        plural(summary.errors, "error", "errors"),
    ]
}

/// The text of a box on screen: the name, wrapped between words, then the figures that
/// fit. Returns whether the name shows whole.
pub fn box_text(
    marks: &mut Marks,
    area: &Rect,
    name: &Shaped,
    figures: &[String; 4],
    errors: usize,
    scale: TextScale,
) -> bool {
    let inner = area.expand(-PADDING);
    if inner.width() <= 0.0 || inner.height() <= 0.0 {
        return false;
    }
    let name_px = scale.min_px + 4.0;
    // Figures a little smaller than names, never below the editor's smallest text.
    let line_px = (scale.min_px - 2.0).max(TextScale::EDITOR.min_px);
    let name_row = f64::from(text::row_height(name_px));
    let line_row = f64::from(text::row_height(line_px));
    // The name may take two rows only if the counts and cost still fit under it.
    let name_rows = if 2.0 * name_row + 2.0 * line_row <= inner.height() {
        2
    } else {
        1
    };
    let wrapped = name.wrap(name_px, inner.width() as f32, name_rows);
    let ink = Paint::solid(palette::INK);
    let mut top = inner.min_y;
    marks.centred_lines(
        Role::DomainSummary,
        inner.centre().x,
        top,
        &wrapped.lines,
        f64::from(name_px),
        ink,
    );
    top += wrapped.lines.len() as f64 * name_row + 2.0;
    for (k, line) in figures.iter().enumerate() {
        let paint = if k == 3 && errors > 0 {
            Paint::solid(palette::RED)
        } else {
            ink
        };
        let shown = text::wrap(line, line_px, inner.width() as f32, 1);
        if top + line_row > inner.max_y + 0.5 || shown.lines.is_empty() {
            break;
        }
        let width = f64::from(shown.width());
        marks.push(
            Role::DomainSummary,
            super::marks::Shape::Text {
                at: Position {
                    x: inner.centre().x,
                    y: top,
                },
                anchor: Anchor::Middle,
                text: shown.lines[0].text.clone(),
                px: f64::from(line_px),
                paint,
                width,
            },
        );
        top += line_row;
    }
    !wrapped.cut
}

#[cfg(test)]
mod tests {
    use super::*;

    fn column(i: usize) -> Rect {
        Rect {
            min_x: i as f64 * 100.0,
            min_y: 0.0,
            max_x: i as f64 * 100.0 + 100.0,
            max_y: 1000.0,
        }
    }

    /// Four tall columns 100 × 1,000 side by side: a world 400 × 1,000, aspect 0.4, so
    /// √(4 × 0.4 / 1.5) ≈ 1.03 → one column of four rows, each cell 400 × 250.
    #[test]
    fn tall_narrow_areas_get_wide_boxes() {
        let boxes = grid(&(0..4).map(column).collect::<Vec<_>>());
        assert_eq!(boxes[0].centre(), Position { x: 200.0, y: 125.0 });
        assert_eq!(boxes[3].centre(), Position { x: 200.0, y: 875.0 });
        assert_eq!(boxes[1].width(), 360.0);
    }

    fn summary() -> Summary {
        Summary {
            teams: 4,
            services: 25,
            annual_cost: 123_456.0,
            needing_cover: 10,
            covered: 9,
            errors: 2,
        }
    }

    #[test]
    fn the_figures_read_as_counts_cost_coverage_and_errors() {
        let lines = lines(&summary(), "GBP");
        assert_eq!(lines[0], "4 teams · 25 services");
        assert_eq!(lines[1], "GBP 123,456 a year");
        assert_eq!(lines[2], "On-call 90.0 %");
        assert_eq!(lines[3], "2 errors");
    }

    /// A box just tall enough for one row of name and two rows of figures keeps the name,
    /// the counts and the cost, however long the name is.
    #[test]
    fn a_box_keeps_its_name_counts_and_cost_whatever_the_name() {
        let scale = TextScale::PRESENTING;
        let name_row = f64::from(text::row_height(scale.min_px + 4.0));
        let line_row = f64::from(text::row_height(scale.min_px - 2.0));
        let height = name_row + 2.0 + 2.0 * line_row + 2.0 * PADDING + 1.0;
        let area = Rect::around(Position { x: 0.0, y: 0.0 }, 200.0, height);
        let name = Shaped::new(&"Customer identity and accounts ".repeat(20));
        let mut marks = Marks::default();
        let whole = box_text(
            &mut marks,
            &area,
            &name,
            &lines(&summary(), "GBP"),
            2,
            scale,
        );
        assert!(!whole, "the name is cut");
        let texts: Vec<String> = marks
            .list
            .iter()
            .filter_map(|m| match &m.shape {
                super::super::marks::Shape::Text { text, .. } => Some(text.clone()),
                _ => None,
            })
            .collect();
        assert_eq!(texts.len(), 3, "{texts:?}");
        assert!(texts[0].ends_with('…'));
        assert_eq!(texts[1], "4 teams · 25 services");
        assert_eq!(texts[2], "GBP 123,456 a year");
        for mark in &marks.list {
            let bounds = mark.bounds();
            assert!(
                bounds.min_x >= area.min_x && bounds.max_x <= area.max_x,
                "{texts:?}"
            );
            assert!(bounds.max_y <= area.max_y, "{texts:?}");
        }
    }
}
