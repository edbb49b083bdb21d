//! Presentation mode (F5): the canvas fills the window with larger type, a compact strip
//! over its top edge shows the live figures, and clicking a node opens its "why" card over
//! the canvas. Editing, undo and the figures keep working; Esc leaves.

use egui::{Align2, Color32, Frame, Id, Margin, Rect, RichText, Stroke, Ui, vec2};

use super::canvas::Canvas;
use super::panels::explain;
use super::panels::headline::{Sizes, headline};
use super::theme;
use crate::analysis::Analysis;
use crate::app::state::{Document, DocumentView};
use crate::format::money;
use crate::model::{EntityKind, Model};

/// Screen height kept clear of nodes at the top of the canvas for the strip.
pub const STRIP_HEIGHT: f32 = 76.0;
const CARD_WIDTH: f32 = 420.0;

const NAME_PX: f32 = 20.0;
/// What the strip's figures take, about, on a wide screen; the name has the rest, within
/// these bounds, and a longer name is cut with "…".
const FIGURES_WIDTH: f32 = 940.0;
const NAME_WIDTH: (f32, f32) = (200.0, 520.0);

/// The model's name, cut to `width`, over the date, as a caption is over a figure.
fn title(ui: &mut Ui, model: &Model, width: f32) {
    ui.vertical(|ui| {
        ui.set_max_width(width);
        ui.spacing_mut().item_spacing.y = 0.0;
        ui.label(
            RichText::new(crate::format::today().to_uppercase())
                .size(Sizes::STRIP.caption)
                .color(theme::MUTED_INK),
        );
        let name = model.name.trim();
        let name = if name.is_empty() {
            "Untitled model"
        } else {
            name
        };
        ui.add(egui::Label::new(RichText::new(name).size(NAME_PX).color(theme::INK)).truncate());
    });
}

/// The figures strip over the top of `canvas`: the model's name over today's date, the
/// [`headline`] figures, and how to leave.
pub fn strip(ui: &Ui, canvas: Rect, model: &Model, analysis: &Analysis) {
    egui::Area::new(Id::new("presentation-strip"))
        .fixed_pos(canvas.min + vec2(12.0, 8.0))
        .interactable(false)
        .show(ui.ctx(), |ui| {
            Frame::new()
                .fill(Color32::from_white_alpha(240))
                .stroke(Stroke::new(1.0, theme::GREY))
                .corner_radius(8.0)
                .inner_margin(Margin::symmetric(16, 8))
                .show(ui, |ui| {
                    ui.set_max_width(canvas.width() - 24.0);
                    ui.horizontal(|ui| {
                        let room =
                            (canvas.width() - FIGURES_WIDTH).clamp(NAME_WIDTH.0, NAME_WIDTH.1);
                        title(ui, model, room);
                        headline(ui, analysis, Sizes::STRIP);
                        ui.label(
                            RichText::new("Esc leaves")
                                .size(Sizes::STRIP.caption)
                                .color(theme::MUTED_INK),
                        );
                    });
                });
        });
}

/// The "why" card of the entity `view` selects, over the side of `area` away from where
/// `canvas` drew it; returns whether its close button was pressed.
/// Text a room can read from the back: every text style of `ui` a third larger, for what
/// presentation mode shows without a canvas (a roadmap).
pub fn larger_text(ui: &mut Ui) {
    for font in ui.style_mut().text_styles.values_mut() {
        font.size *= 1.35;
    }
}

pub fn why_card(ui: &Ui, area: Rect, doc: &Document, view: &DocumentView, canvas: &Canvas) -> bool {
    let Some(id) = view.selected_entity() else {
        return false;
    };
    let Some(kind) = doc.model().entity_kind(id) else {
        return false;
    };
    let analysis = doc.analysis();
    let currency = &analysis.currency;
    let mut close = false;
    // On the side of the canvas away from the node, so the card does not hide it.
    let node_on_right = canvas
        .screen_position(id)
        .is_some_and(|p| p.x > area.center().x);
    let (pivot, corner) = if node_on_right {
        (Align2::LEFT_TOP, area.left_top() + vec2(12.0, 0.0))
    } else {
        (Align2::RIGHT_TOP, area.right_top() - vec2(12.0, 0.0))
    };
    egui::Area::new(Id::new("presentation-why-card"))
        .pivot(pivot)
        .fixed_pos(corner + vec2(0.0, STRIP_HEIGHT + 8.0))
        .show(ui.ctx(), |ui| {
            let figures = analysis.service(id);
            let (fill, stroke) = figures.map_or((Color32::WHITE, theme::GREY), |f| {
                theme::cover_colours(f.cover)
            });
            Frame::new()
                .fill(fill.gamma_multiply(0.97))
                .stroke(Stroke::new(2.0, stroke))
                .corner_radius(8.0)
                .inner_margin(14.0)
                .show(ui, |ui| {
                    ui.set_width(CARD_WIDTH);
                    ui.horizontal(|ui| {
                        ui.label(
                            RichText::new(doc.model().display_name(id))
                                .size(22.0)
                                .strong()
                                .color(theme::INK),
                        );
                        ui.with_layout(egui::Layout::right_to_left(egui::Align::Min), |ui| {
                            close = ui
                                .button(RichText::new("🗙").size(16.0))
                                .on_hover_text("Close")
                                .clicked();
                        });
                    });
                    let rows: Vec<(String, String)> = match (kind, figures) {
                        (EntityKind::Service, Some(figures)) => {
                            let exposure =
                                doc.model().service(id).and_then(|s| s.exposure_per_hour);
                            explain::service_rows(analysis, figures, exposure, currency)
                                .into_iter()
                                .map(|(label, value)| (label.to_owned(), value))
                                .collect()
                        }
                        (EntityKind::Team, _) => explain::team_lines(analysis, id, currency)
                            .into_iter()
                            .map(|line| (String::new(), line))
                            .collect(),
                        (EntityKind::Domain, _) => analysis
                            .domain(id)
                            .map(|d| {
                                let line = format!(
                                    "Teams' line items: {} a year",
                                    money(d.annual_cost, currency)
                                );
                                (String::new(), line)
                            })
                            .into_iter()
                            .collect(),
                        (EntityKind::Service, None) => Vec::new(),
                    };
                    for (label, value) in rows {
                        ui.horizontal_wrapped(|ui| {
                            if !label.is_empty() {
                                ui.label(
                                    RichText::new(format!("{label}:"))
                                        .size(16.0)
                                        .color(theme::MUTED_INK),
                                );
                            }
                            ui.label(RichText::new(value).size(16.0).color(theme::INK));
                        });
                    }
                    for finding in analysis.findings.iter().filter(|f| &*f.subject == id) {
                        ui.horizontal_wrapped(|ui| {
                            ui.colored_label(theme::severity_colour(finding.severity), "●");
                            ui.label(RichText::new(finding.message.to_string()).size(16.0));
                        });
                    }
                });
        });
    close
}
