//! Bar charts (egui_plot) for costs: one series for a model, two side by side for a
//! comparison. Charts are read-only: no zooming or dragging to get lost in. Rows are named,
//! the biggest few are drawn and the rest are summed in a line of text below, so one huge
//! "others" bar never sets the scale; the legend sits above the plot, clear of the bars.

use egui::{Color32, RichText, Ui};
use egui_plot::{Bar, BarChart, Plot};

use crate::app::views::theme;
use crate::format::{count, grouped, money};

/// One set of bars: the `index`-th value of every row, drawn in `colour`.
pub struct Series<'a> {
    pub name: &'a str,
    pub colour: Color32,
}

/// A chart row: its label, then one value per series.
pub type Row = (String, Vec<f64>);

/// How many rows a chart draws; the rest are summed in a line of text.
pub const MAX_ROWS: usize = 12;

/// Longest row label on the axis before it is cut (the full name is in the bar's tooltip).
const LABEL_CHARS: usize = 28;

/// The rows a chart draws, biggest first, and what the rows it leaves out add up to.
#[derive(Debug, PartialEq)]
pub struct TopRows {
    pub shown: Vec<Row>,
    /// How many rows were left out, and their sum per series.
    pub rest: Option<(usize, Vec<f64>)>,
}

/// Keeps the [`MAX_ROWS`] biggest rows (by the sum of their values) and sums the rest.
pub fn top_rows(mut rows: Vec<Row>) -> TopRows {
    let total = |r: &Row| r.1.iter().map(|v| v.abs()).sum::<f64>();
    rows.sort_by(|a, b| total(b).total_cmp(&total(a)));
    if rows.len() <= MAX_ROWS {
        return TopRows {
            shown: rows,
            rest: None,
        };
    }
    let rest = rows.split_off(MAX_ROWS);
    let lanes = rest[0].1.len();
    let sums = (0..lanes)
        .map(|k| rest.iter().map(|r| r.1[k]).sum())
        .collect();
    TopRows {
        shown: rows,
        rest: Some((rest.len(), sums)),
    }
}

/// A cost chart of the biggest of `rows` (see [`bars`]), or `empty` in muted ink when there
/// are none, with "and N others: …" below when rows were left out.
pub fn cost_chart(
    ui: &mut Ui,
    id: &str,
    rows: Vec<Row>,
    series: &[Series],
    currency: &str,
    empty: &str,
) {
    let TopRows { shown, rest } = top_rows(rows);
    if shown.is_empty() {
        ui.label(RichText::new(empty).color(theme::MUTED_INK));
        return;
    }
    bars(ui, id, &shown, series, currency);
    if let Some((left_out, sums)) = rest {
        let amounts: Vec<String> = series
            .iter()
            .zip(&sums)
            .map(|(s, sum)| {
                if series.len() > 1 {
                    format!("{} {}", s.name, money(*sum, currency))
                } else {
                    money(*sum, currency)
                }
            })
            .collect();
        ui.label(
            RichText::new(format!(
                "and {}: {}",
                count(left_out, "other", "others"),
                amounts.join(", ")
            ))
            .color(theme::MUTED_INK),
        );
    }
}

/// A row of colour swatches with the series' names.
fn legend(ui: &mut Ui, series: &[Series]) {
    ui.horizontal(|ui| {
        for s in series {
            let (rect, _) = ui.allocate_exact_size(egui::vec2(12.0, 12.0), egui::Sense::hover());
            ui.painter().rect_filled(rect, 2.0, s.colour);
            ui.label(s.name);
            ui.add_space(8.0);
        }
    });
}

/// `text` cut to `limit` characters, with an ellipsis when cut.
pub(super) fn shorten(text: &str, limit: usize) -> String {
    if text.chars().count() <= limit {
        return text.to_owned();
    }
    let kept: String = text.chars().take(limit.saturating_sub(1)).collect();
    format!("{}…", kept.trim_end())
}

/// Horizontal bars in the order given, one row per label (top to bottom), one bar per
/// series in each row, under a legend when there is more than one series.
pub fn bars(ui: &mut Ui, id: &str, rows: &[Row], series: &[Series], currency: &str) {
    if series.len() > 1 {
        legend(ui, series);
    }
    let lanes = series.len().max(1) as f64;
    let lane = 0.8 / lanes;
    let row_height = 12.0 + 10.0 * lanes as f32;
    let height = (rows.len() as f32 * row_height + 36.0).clamp(80.0, 420.0);
    let names: Vec<String> = rows
        .iter()
        .map(|(label, _)| shorten(label, LABEL_CHARS))
        .collect();
    let tooltip_currency = currency.to_owned();
    Plot::new(id)
        .height(height)
        .allow_zoom(false)
        .allow_drag(false)
        .allow_scroll(false)
        .allow_boxed_zoom(false)
        .allow_double_click_reset(false)
        .show_grid([true, false])
        .include_x(0.0)
        .y_axis_min_width(60.0)
        .x_axis_label(format!("{currency} a year"))
        .x_axis_formatter(|mark, _| grouped(mark.value))
        .y_axis_formatter(move |mark, _| {
            let row = -mark.value;
            if (row - row.round()).abs() < 1e-6 && row >= 0.0 {
                names.get(row.round() as usize).cloned().unwrap_or_default()
            } else {
                String::new()
            }
        })
        .label_formatter(|_| None)
        .show(ui, |plot_ui| {
            for (k, s) in series.iter().enumerate() {
                let offset = (k as f64 - (lanes - 1.0) / 2.0) * lane;
                let bars = rows
                    .iter()
                    .enumerate()
                    .map(|(row, (label, values))| {
                        let name = if series.len() > 1 {
                            format!("{}: {label}", s.name)
                        } else {
                            label.clone()
                        };
                        Bar::new(-(row as f64) - offset, values[k])
                            .width(lane * 0.95)
                            .name(name)
                            .fill(s.colour)
                    })
                    .collect();
                let currency = tooltip_currency.clone();
                plot_ui.bar_chart(
                    BarChart::new(s.name, bars)
                        .horizontal()
                        .color(s.colour)
                        .element_formatter(Box::new(move |bar, _| {
                            format!("{}\n{}", bar.name, money(bar.value, &currency))
                        })),
                );
            }
        });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn top_rows_keeps_the_biggest_and_sums_the_rest() {
        let rows: Vec<Row> = (0..20)
            .map(|i| (format!("r{i}"), vec![f64::from(i)]))
            .collect();
        let top = top_rows(rows);
        assert_eq!(top.shown.len(), MAX_ROWS);
        assert_eq!(top.shown[0], ("r19".to_owned(), vec![19.0]));
        assert_eq!(top.shown[MAX_ROWS - 1], ("r8".to_owned(), vec![8.0]));
        // Left out: r0 to r7, 0 + 1 + … + 7 = 28.
        assert_eq!(top.rest, Some((8, vec![28.0])));
    }

    #[test]
    fn a_short_list_is_drawn_whole() {
        let rows = vec![
            ("a".to_owned(), vec![1.0, 2.0]),
            ("b".to_owned(), vec![5.0, 0.0]),
        ];
        let top = top_rows(rows);
        assert_eq!(top.shown[0].0, "b", "5 before 3");
        assert_eq!(top.rest, None);
    }

    #[test]
    fn long_labels_are_cut_with_an_ellipsis() {
        assert_eq!(shorten("Shop", 10), "Shop");
        assert_eq!(shorten("Needs attention (what-if)", 10), "Needs att…");
        assert_eq!(shorten("Needs attention (what-if)", 10).chars().count(), 10);
    }
}
