//! Bar charts (egui_plot) for costs: one series for a model, two side by side for a
//! comparison. Charts are read-only: no zooming or dragging to get lost in.

use egui::{Color32, Ui};
use egui_plot::{Bar, BarChart, Legend, Plot};

use crate::format::grouped;

/// One set of bars: a value per label.
pub struct Series<'a> {
    pub name: &'a str,
    pub colour: Color32,
    pub values: Vec<f64>,
}

/// How many labelled rows a chart shows before folding the rest into "others".
pub const MAX_ROWS: usize = 12;

/// Horizontal bars, one row per label (top to bottom), one bar per series in each row.
pub fn horizontal_bars(ui: &mut Ui, id: &str, labels: &[String], series: &[Series]) {
    if labels.is_empty() {
        return;
    }
    let lanes = series.len().max(1) as f64;
    let lane = 0.8 / lanes;
    let row_height = 12.0 + 10.0 * lanes as f32;
    let height = (labels.len() as f32 * row_height + 36.0).clamp(80.0, 420.0);
    let names: Vec<String> = labels.to_vec();
    let multiple = series.len() > 1;
    let mut plot = Plot::new(id)
        .height(height)
        .allow_zoom(false)
        .allow_drag(false)
        .allow_scroll(false)
        .allow_boxed_zoom(false)
        .allow_double_click_reset(false)
        .show_grid([true, false])
        .include_x(0.0)
        .y_axis_min_width(90.0)
        .x_axis_formatter(|mark, _| grouped(mark.value))
        .y_axis_formatter(move |mark, _| {
            let row = -mark.value;
            if (row - row.round()).abs() < 1e-6 && row >= 0.0 {
                names.get(row.round() as usize).cloned().unwrap_or_default()
            } else {
                String::new()
            }
        });
    if multiple {
        plot = plot.legend(Legend::default().position(egui_plot::Corner::RightBottom));
    }
    plot.show(ui, |plot_ui| {
        for (k, s) in series.iter().enumerate() {
            let offset = (k as f64 - (lanes - 1.0) / 2.0) * lane;
            let bars = s
                .values
                .iter()
                .enumerate()
                .map(|(row, value)| {
                    Bar::new(-(row as f64) - offset, *value)
                        .width(lane * 0.95)
                        .name(format!("{}: {}", labels[row], grouped(*value)))
                        .fill(s.colour)
                })
                .collect();
            plot_ui.bar_chart(BarChart::new(s.name, bars).horizontal().color(s.colour));
        }
    });
}

/// Keeps the biggest rows and folds the rest into one "others" row; rows are labels with
/// one value per series.
pub fn top_rows(mut rows: Vec<(String, Vec<f64>)>) -> Vec<(String, Vec<f64>)> {
    rows.sort_by(|a, b| {
        let total = |r: &(String, Vec<f64>)| r.1.iter().map(|v| v.abs()).sum::<f64>();
        total(b).total_cmp(&total(a))
    });
    if rows.len() > MAX_ROWS {
        let rest = rows.split_off(MAX_ROWS - 1);
        let lanes = rest[0].1.len();
        let sums = (0..lanes)
            .map(|k| rest.iter().map(|r| r.1[k]).sum())
            .collect();
        rows.push((format!("{} others", rest.len()), sums));
    }
    rows
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn top_rows_folds_the_tail_into_others() {
        let rows: Vec<(String, Vec<f64>)> = (0..20)
            .map(|i| (format!("r{i}"), vec![f64::from(i)]))
            .collect();
        let top = top_rows(rows);
        assert_eq!(top.len(), MAX_ROWS);
        assert_eq!(top[0], ("r19".to_owned(), vec![19.0]));
        let others: f64 = (0..9).map(f64::from).sum();
        assert_eq!(top[MAX_ROWS - 1], ("9 others".to_owned(), vec![others]));
    }
}
