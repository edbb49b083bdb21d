//! Presentation mode (F5) on a comparison tab: the window shows the comparison as the room
//! should see it — a title naming the baseline and an option with the date, the change
//! table (B − A) in the words of `opmodel compare`, and both diagrams side by side on one
//! scale, drawn from the same scene as the canvas and the deck. Two diagrams are as many as
//! a projector draws legibly, so a comparison of three models or more shows A against one
//! option at a time, and the arrow keys or a presenter's Page Up and Page Down step through
//! the options like slides. Esc leaves.

use std::sync::Arc;

use egui::{Align, Color32, Id, Key, Layout, Rect, RichText, Ui, pos2, vec2};

use super::canvas::paint;
use super::theme;
use crate::app::state::Document;
use crate::compare::{Comparison, delta};
use crate::format;
use crate::layout::{self, Rect as SceneRect};
use crate::model::Position;
use crate::render::picture;
use crate::report::{Table, compare_parts, letter};
use crate::scene::marks::Marks;
use crate::scene::{Options, Scene, View};

const MARGIN: f32 = 24.0;
const CAPTION_PX: f32 = 13.0;
const TITLE_PX: f32 = 24.0;
const TABLE_PX: f32 = 15.0;
const DIAGRAM_TITLE_PX: f32 = 17.0;

/// What a presented comparison is drawn from, made again only when a model changes.
struct Presented {
    revisions: Vec<u64>,
    /// Every model's figures and every option's change, as `opmodel compare` gives them.
    figures: Table,
    scenes: Vec<Scene>,
    lines: Vec<String>,
}

impl Presented {
    fn of(docs: &[&Document]) -> Presented {
        let a = docs[0];
        let comparison = Comparison {
            reports: docs.iter().map(|d| d.analysis().clone()).collect(),
            deltas: docs[1..]
                .iter()
                .map(|b| delta(a.model(), b.model(), a.analysis(), b.analysis()))
                .collect(),
        };
        let models: Vec<_> = docs.iter().map(|d| d.model()).collect();
        let (figures, _) = compare_parts(&models, &comparison);
        let scene = |doc: &&Document| {
            Scene::build(
                doc.model(),
                doc.analysis(),
                &layout::positions(doc.model()),
                Options::default(),
            )
        };
        Presented {
            revisions: docs.iter().map(|d| d.revision()).collect(),
            figures,
            scenes: docs.iter().map(scene).collect(),
            lines: docs
                .iter()
                .map(|d| picture::figures_line(d.analysis()))
                .collect(),
        }
    }
}

/// The comparison of `docs` (the baseline first, then 1 to 7 options) filling `ui`: A
/// against the option the presenter has stepped to.
pub fn show(ui: &mut Ui, docs: &[&Document]) {
    if docs.len() < 2 {
        return;
    }
    let ids: Vec<_> = docs.iter().map(|d| d.id()).collect();
    let id = Id::new(("presented-comparison", &ids));
    let revisions: Vec<u64> = docs.iter().map(|d| d.revision()).collect();
    let presented = ui
        .ctx()
        .data(|d| d.get_temp::<Arc<Presented>>(id))
        .filter(|p| p.revisions == revisions)
        .unwrap_or_else(|| {
            let fresh = Arc::new(Presented::of(docs));
            ui.ctx().data_mut(|d| d.insert_temp(id, fresh.clone()));
            fresh
        });
    let option = stepped_option(ui, id, docs.len());
    let shown = [0, option];
    let area = ui.available_rect_before_wrap();
    ui.painter()
        .rect_filled(area, 0.0, theme::CANVAS_BACKGROUND);
    let names = shown.map(|k| {
        let name = docs[k].model().name.trim();
        if name.is_empty() {
            "Untitled model"
        } else {
            name
        }
    });
    let letters = shown.map(letter);
    let heading = Rect::from_min_size(
        area.min + vec2(MARGIN, MARGIN * 0.75),
        vec2(area.width() - 2.0 * MARGIN, 64.0),
    );
    ui.scope_builder(egui::UiBuilder::new().max_rect(heading), |ui| {
        ui.horizontal(|ui| {
            ui.vertical(|ui| {
                ui.spacing_mut().item_spacing.y = 2.0;
                ui.label(
                    RichText::new(format!("COMPARISON · {}", format::today().to_uppercase()))
                        .size(CAPTION_PX)
                        .color(theme::MUTED_INK),
                );
                ui.add(
                    egui::Label::new(
                        RichText::new(format!(
                            "A  {}    ·    {}  {}",
                            names[0], letters[1], names[1]
                        ))
                        .size(TITLE_PX)
                        .color(theme::INK),
                    )
                    .truncate(),
                );
            });
            ui.with_layout(Layout::right_to_left(Align::Min), |ui| {
                let options = docs.len() - 1;
                let keys = if options > 1 {
                    format!("Option {option} of {options}: ← → for the others · Esc leaves")
                } else {
                    "Esc leaves".to_owned()
                };
                ui.label(RichText::new(keys).size(CAPTION_PX).color(theme::MUTED_INK));
            });
        });
    });
    let body_top = heading.max.y + 8.0;
    let table_width = (area.width() * 0.3).clamp(300.0, 420.0);
    let table_rect = Rect::from_min_max(
        pos2(area.min.x + MARGIN, body_top),
        pos2(area.min.x + MARGIN + table_width, area.max.y - MARGIN),
    );
    let table = ui
        .scope_builder(egui::UiBuilder::new().max_rect(table_rect), |ui| {
            change_table(ui, &presented.figures, &shown_columns(docs.len(), option));
        })
        .response
        .rect;
    // The diagrams take the room beside the table or the room under it, whichever draws
    // them larger: a wide window keeps them beside, a tall one puts them under.
    let beside = Rect::from_min_max(
        pos2(table.max.x + MARGIN, body_top),
        pos2(area.max.x - MARGIN * 0.5, area.max.y - MARGIN * 0.5),
    );
    let under = Rect::from_min_max(
        pos2(area.min.x + MARGIN, table.max.y + MARGIN),
        pos2(area.max.x - MARGIN * 0.5, area.max.y - MARGIN * 0.5),
    );
    let (columns, views) = [beside, under]
        .map(|room| arrangement(room, &presented, shown))
        .into_iter()
        .max_by(|(_, x), (_, y)| x[0].zoom.total_cmp(&y[0].zoom))
        .expect("two rooms");
    draw_diagrams(ui, &columns, views, &presented, shown, names);
}

/// The option on screen, 1 to `models` − 1, stepped by the arrow keys and by a presenter's
/// Page Down and Page Up, and kept per comparison while the window is open.
fn stepped_option(ui: &Ui, id: Id, models: usize) -> usize {
    let key = id.with("option");
    let (forward, back) = ui.input(|i| {
        let pressed = |keys: [Key; 2]| keys.iter().any(|k| i.key_pressed(*k));
        (
            pressed([Key::ArrowRight, Key::PageDown]),
            pressed([Key::ArrowLeft, Key::PageUp]),
        )
    });
    let mut option = ui.ctx().data(|d| d.get_temp::<usize>(key)).unwrap_or(1);
    if forward {
        option += 1;
    }
    if back {
        option = option.saturating_sub(1);
    }
    let option = option.clamp(1, models - 1);
    ui.ctx().data_mut(|d| d.insert_temp(key, option));
    option
}

/// The columns of the figures table of `models` that show A, option `option` and its
/// change: the table has the figure, every model, then every option's change.
fn shown_columns(models: usize, option: usize) -> [usize; 4] {
    [0, 1, 1 + option, models + option]
}

/// The figures of A and the option, and the change, as a grid of the table's `columns`.
fn change_table(ui: &mut Ui, figures: &Table, columns: &[usize]) {
    egui::Grid::new("presented-change-table")
        .striped(true)
        .spacing(vec2(18.0, 6.0))
        .show(ui, |ui| {
            for &k in columns {
                let header = &figures.headers()[k];
                cell(ui, header, figures.is_right_aligned(k), theme::MUTED_INK);
            }
            ui.end_row();
            for row in figures.rows() {
                for (shown, &k) in columns.iter().enumerate() {
                    let value = &row[k];
                    // An unchanged figure fades, so the changes stand out.
                    let unchanged = shown + 1 == columns.len() && value == "0";
                    let colour = if unchanged {
                        theme::MUTED_INK
                    } else {
                        theme::INK
                    };
                    cell(ui, value, figures.is_right_aligned(k), colour);
                }
                ui.end_row();
            }
        });
}

fn cell(ui: &mut Ui, text: &str, right: bool, colour: Color32) {
    let layout = if right {
        Layout::right_to_left(Align::Center)
    } else {
        Layout::left_to_right(Align::Center)
    };
    ui.with_layout(layout, |ui| {
        ui.label(RichText::new(text).size(TABLE_PX).color(colour));
    });
}

/// Where both diagrams go in `room`, side by side or one over the other, whichever draws
/// them larger, and the views that fit them on the one scale that fits the larger.
fn arrangement(room: Rect, presented: &Presented, shown: [usize; 2]) -> ([Rect; 2], Vec<View>) {
    let title_height = DIAGRAM_TITLE_PX + CAPTION_PX + 16.0;
    let side_by_side = {
        let half = (room.width() - MARGIN) / 2.0;
        [0, 1].map(|i| {
            let left = room.min.x + i as f32 * (half + MARGIN);
            Rect::from_min_max(pos2(left, room.min.y), pos2(left + half, room.max.y))
        })
    };
    let stacked = {
        let half = (room.height() - MARGIN) / 2.0;
        [0, 1].map(|i| {
            let top = room.min.y + i as f32 * (half + MARGIN);
            Rect::from_min_max(pos2(room.min.x, top), pos2(room.max.x, top + half))
        })
    };
    let views = |columns: &[Rect; 2]| {
        let fits: Vec<(SceneRect, SceneRect)> = shown
            .iter()
            .zip(columns)
            .map(|(&k, column)| {
                let bounds = presented.scenes[k]
                    .bounds
                    .unwrap_or_else(|| SceneRect::around(Position::default(), 1.0, 1.0));
                let area = SceneRect {
                    min_x: f64::from(column.min.x),
                    min_y: f64::from(column.min.y + title_height),
                    max_x: f64::from(column.max.x),
                    max_y: f64::from(column.max.y),
                };
                (bounds, area)
            })
            .collect();
        picture::on_one_scale(&fits)
    };
    let (across, down) = (views(&side_by_side), views(&stacked));
    if down[0].zoom > across[0].zoom {
        (stacked, down)
    } else {
        (side_by_side, across)
    }
}

/// Both diagrams in their `columns`, each under its letter, name and figures.
fn draw_diagrams(
    ui: &Ui,
    columns: &[Rect; 2],
    views: Vec<View>,
    presented: &Presented,
    shown: [usize; 2],
    names: [&str; 2],
) {
    let painter = ui.painter();
    for (i, column) in columns.iter().enumerate() {
        let painter = painter.with_clip_rect(*column);
        if i == 1 {
            let rule = egui::Stroke::new(1.0, theme::GREY);
            if columns[1].min.x > columns[0].min.x {
                ui.painter()
                    .vline(column.min.x - MARGIN / 2.0, column.y_range(), rule);
            } else {
                ui.painter()
                    .hline(column.x_range(), column.min.y - MARGIN / 2.0, rule);
            }
        }
        painter.text(
            column.min,
            egui::Align2::LEFT_TOP,
            format!("{} · {}", letter(shown[i]), names[i]),
            egui::FontId::proportional(DIAGRAM_TITLE_PX),
            theme::INK,
        );
        painter.text(
            column.min + vec2(0.0, DIAGRAM_TITLE_PX + 6.0),
            egui::Align2::LEFT_TOP,
            &presented.lines[shown[i]],
            egui::FontId::proportional(CAPTION_PX),
            theme::MUTED_INK,
        );
    }
    let mut marks = Marks::default();
    for (scene, view) in shown.iter().map(|&k| &presented.scenes[k]).zip(views) {
        if scene.bounds.is_some() {
            picture::diagram(&mut marks, scene, &view);
        }
    }
    let shapes = ui.fonts_mut(|fonts| paint::shapes(fonts, &marks.list));
    ui.painter().extend(shapes);
}
