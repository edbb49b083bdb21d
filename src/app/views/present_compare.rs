//! Presentation mode (F5) on a comparison tab: the window shows the comparison as the room
//! should see it — a title naming both models with the date, the change table (B − A) in
//! the words of `opmodel compare`, and both diagrams side by side on one scale, drawn from
//! the same scene as the canvas and the deck. Esc leaves.

use std::sync::Arc;

use egui::{Align, Color32, Id, Layout, Rect, RichText, Ui, pos2, vec2};

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
use crate::scene::{Options, Scene};

const MARGIN: f32 = 24.0;
const CAPTION_PX: f32 = 13.0;
const TITLE_PX: f32 = 24.0;
const TABLE_PX: f32 = 15.0;
const DIAGRAM_TITLE_PX: f32 = 17.0;

/// What a presented comparison is drawn from, made again only when either model changes.
struct Presented {
    revisions: (u64, u64),
    figures: Table,
    scenes: [Scene; 2],
    lines: [String; 2],
}

impl Presented {
    fn of(a: &Document, b: &Document) -> Presented {
        let comparison = Comparison {
            reports: vec![a.analysis().clone(), b.analysis().clone()],
            deltas: vec![delta(a.model(), b.model(), a.analysis(), b.analysis())],
        };
        let (figures, _) = compare_parts(&[a.model(), b.model()], &comparison);
        let scene = |doc: &Document| {
            Scene::build(
                doc.model(),
                doc.analysis(),
                &layout::positions(doc.model()),
                Options::default(),
            )
        };
        Presented {
            revisions: (a.revision(), b.revision()),
            figures,
            scenes: [scene(a), scene(b)],
            lines: [
                picture::figures_line(a.analysis()),
                picture::figures_line(b.analysis()),
            ],
        }
    }
}

/// The comparison of `a` (the baseline) and `b` filling `ui`.
pub fn show(ui: &mut Ui, a: &Document, b: &Document) {
    let id = Id::new(("presented-comparison", a.id(), b.id()));
    let revisions = (a.revision(), b.revision());
    let presented = ui
        .ctx()
        .data(|d| d.get_temp::<Arc<Presented>>(id))
        .filter(|p| p.revisions == revisions)
        .unwrap_or_else(|| {
            let fresh = Arc::new(Presented::of(a, b));
            ui.ctx().data_mut(|d| d.insert_temp(id, fresh.clone()));
            fresh
        });
    let area = ui.available_rect_before_wrap();
    ui.painter()
        .rect_filled(area, 0.0, theme::CANVAS_BACKGROUND);
    let names = [a.model().name.as_str(), b.model().name.as_str()].map(|n| {
        if n.trim().is_empty() {
            "Untitled model"
        } else {
            n.trim()
        }
    });
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
                        RichText::new(format!("A  {}    ·    B  {}", names[0], names[1]))
                            .size(TITLE_PX)
                            .color(theme::INK),
                    )
                    .truncate(),
                );
            });
            ui.with_layout(Layout::right_to_left(Align::Min), |ui| {
                ui.label(
                    RichText::new("Esc leaves")
                        .size(CAPTION_PX)
                        .color(theme::MUTED_INK),
                );
            });
        });
    });
    let body_top = heading.max.y + 8.0;
    let table_width = (area.width() * 0.3).clamp(300.0, 420.0);
    let table_rect = Rect::from_min_max(
        pos2(area.min.x + MARGIN, body_top),
        pos2(area.min.x + MARGIN + table_width, area.max.y - MARGIN),
    );
    ui.scope_builder(egui::UiBuilder::new().max_rect(table_rect), |ui| {
        change_table(ui, &presented.figures);
    });
    let diagrams = Rect::from_min_max(
        pos2(table_rect.max.x + MARGIN, body_top),
        pos2(area.max.x - MARGIN * 0.5, area.max.y - MARGIN * 0.5),
    );
    draw_diagrams(ui, diagrams, &presented, names);
}

/// The figures of both models and the change, as a grid.
fn change_table(ui: &mut Ui, figures: &Table) {
    egui::Grid::new("presented-change-table")
        .striped(true)
        .spacing(vec2(18.0, 6.0))
        .show(ui, |ui| {
            for (k, header) in figures.headers().iter().enumerate() {
                cell(ui, header, figures.is_right_aligned(k), theme::MUTED_INK);
            }
            ui.end_row();
            for row in figures.rows() {
                for (k, value) in row.iter().enumerate() {
                    // An unchanged figure fades, so the changes stand out.
                    let unchanged = k + 1 == row.len() && value == "0";
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

/// Both diagrams in `room`, side by side or one over the other, whichever draws them
/// larger, each under its letter, name and figures, on the scale that fits the larger.
fn draw_diagrams(ui: &Ui, room: Rect, presented: &Presented, names: [&str; 2]) {
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
        let fits: Vec<(SceneRect, SceneRect)> = presented
            .scenes
            .iter()
            .zip(columns)
            .map(|(scene, column)| {
                let bounds = scene
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
    let (columns, views) = if down[0].zoom > across[0].zoom {
        (stacked, down)
    } else {
        (side_by_side, across)
    };
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
            format!("{} · {}", letter(i), names[i]),
            egui::FontId::proportional(DIAGRAM_TITLE_PX),
            theme::INK,
        );
        painter.text(
            column.min + vec2(0.0, DIAGRAM_TITLE_PX + 6.0),
            egui::Align2::LEFT_TOP,
            &presented.lines[i],
            egui::FontId::proportional(CAPTION_PX),
            theme::MUTED_INK,
        );
    }
    let mut marks = Marks::default();
    for (scene, view) in presented.scenes.iter().zip(views) {
        if scene.bounds.is_some() {
            picture::diagram(&mut marks, scene, &view);
        }
    }
    let shapes = ui.fonts_mut(|fonts| paint::shapes(fonts, &marks.list));
    ui.painter().extend(shapes);
}
