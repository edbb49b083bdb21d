//! The Assess view (SPEC 7.6): the workshop activity of going through the estate with the
//! client, a row per service, setting exposure and demand while the figures move. A header
//! says how many services are assessed and shows the headline figures; a filter bar narrows
//! the rows; the table (egui_extras, drawing only the rows in view, so 10,000 services
//! scroll as fast as 10) sorts by any column and edits like a spreadsheet; under it, the
//! current row's recommendation with its reason and the findings about it.
//!
//! The sort, the filter and the selected rows are the view's state, changed by commands;
//! what is drawn from them — the rows in order, kept in place while their values change —
//! and what is being typed live here, in an [`AssessSlot`] per tab.

mod cells;
mod grid;

use std::collections::{HashMap, HashSet};

use egui::{Align, Layout, RichText, Ui};

use super::DocView;
use crate::analysis::{FindingCode, Severity};
use crate::app::state::{
    AssessCommand, Column, DocumentId, Filter, Scope, ViewCommand, assessed, rows,
};
use crate::app::views::panels::headline::{self, Sizes};
use crate::app::views::theme;
use crate::format::{count, entity_label, grouped};
use crate::model::positions_by_id;

pub use grid::Editing;

/// What the Assess view of one tab keeps between frames.
pub struct AssessSlot {
    /// The document, revision and ordering the rows were worked out for.
    doc: Option<DocumentId>,
    revision: u64,
    ordered: u64,
    /// The services' ids in model order at that revision, and where each one is.
    ids: Vec<String>,
    index: HashMap<String, usize>,
    /// The rows shown, in order, as indices into the model's services.
    rows: Vec<usize>,
    /// Whether the rows would now come in another order, or others would show.
    stale: bool,
    /// Owner names by team id.
    teams: HashMap<String, String>,
    /// The owner and domain filters' choices, as (id, label): made once per revision rather
    /// than every frame, as a big estate has thousands of teams.
    team_choices: Vec<(String, String)>,
    domain_choices: Vec<(String, String)>,
    assessed: (usize, usize),
    /// The cursor's column (its row is the view's selection).
    column: Column,
    /// Where a Shift+click or Shift+arrow range starts.
    anchor: Option<String>,
    editing: Option<Editing>,
    /// A row to bring into view this frame.
    scroll_to: Option<usize>,
    /// The Find requests already carried out (they focus the filter box).
    find_seen: u64,
    /// The table has had the keyboard at least once.
    focused: bool,
}

impl Default for AssessSlot {
    fn default() -> Self {
        AssessSlot {
            doc: None,
            revision: 0,
            ordered: 0,
            ids: Vec::new(),
            index: HashMap::new(),
            rows: Vec::new(),
            stale: false,
            teams: HashMap::new(),
            team_choices: Vec::new(),
            domain_choices: Vec::new(),
            assessed: (0, 0),
            column: Column::Exposure,
            anchor: None,
            editing: None,
            scroll_to: None,
            find_seen: 0,
            focused: false,
        }
    }
}

impl AssessSlot {
    /// Works the rows out again after a new sort or filter, or another document; after an
    /// edit, rows keep their places (removed ones go, new ones join at the end), and
    /// [`AssessSlot::stale`] says whether sorting again would change anything.
    fn refresh(&mut self, dv: DocView) {
        let (model, analysis) = (dv.model(), dv.analysis());
        let assess = dv.view.assess();
        let same_doc = self.doc == Some(dv.doc.id());
        if same_doc && self.revision == dv.doc.revision() && self.ordered == assess.ordered() {
            return;
        }
        let fresh = rows(model, analysis, assess.sort(), assess.filter());
        if !same_doc || self.ordered != assess.ordered() {
            self.rows = fresh;
            self.stale = false;
        } else {
            let same_services = self.ids.len() == model.services.len()
                && self
                    .ids
                    .iter()
                    .zip(&model.services)
                    .all(|(a, s)| *a == s.id);
            if !same_services {
                let now = positions_by_id(&model.services, |s| s.id.as_str());
                let before: HashSet<&str> = self.ids.iter().map(String::as_str).collect();
                let mut kept: Vec<usize> = self
                    .rows
                    .iter()
                    .filter_map(|&i| now.get(self.ids[i].as_str()).copied())
                    .collect();
                kept.extend(
                    (0..model.services.len())
                        .filter(|&i| !before.contains(model.services[i].id.as_str())),
                );
                self.rows = kept;
            }
            self.stale = self.rows != fresh;
        }
        self.ids = model.services.iter().map(|s| s.id.clone()).collect();
        self.index = self.ids.iter().cloned().zip(0..).collect();
        self.teams = model
            .teams
            .iter()
            .map(|t| (t.id.clone(), t.name.clone()))
            .collect();
        self.team_choices = model
            .teams
            .iter()
            .map(|t| (t.id.clone(), entity_label(&t.name, &t.id)))
            .collect();
        self.domain_choices = model
            .domains
            .iter()
            .map(|d| (d.id.clone(), entity_label(&d.name, &d.id)))
            .collect();
        self.assessed = assessed(analysis);
        self.doc = Some(dv.doc.id());
        self.revision = dv.doc.revision();
        self.ordered = assess.ordered();
    }

    /// The cursor: the entity the view selected last, when it is a service shown in the
    /// table, as its place among the rows.
    fn cursor(&self, dv: DocView) -> Option<usize> {
        let index = *self.index.get(dv.view.selected().entities().last()?)?;
        self.rows.iter().position(|&i| i == index)
    }

    /// The owner's name of service `index`.
    fn owner_name(&self, dv: DocView, index: usize) -> Option<&str> {
        let owner = dv.model().services[index].owner.as_deref()?;
        self.teams.get(owner).map(String::as_str)
    }
}

/// How large the table is drawn: in the editor, or for a room in presentation mode.
#[derive(Clone, Copy)]
pub struct Scale {
    pub text: f32,
    pub row: f32,
}

impl Scale {
    pub const EDITOR: Scale = Scale {
        text: 15.0,
        row: 26.0,
    };
    pub const PRESENTING: Scale = Scale {
        text: 19.0,
        row: 34.0,
    };
}

/// The whole Assess view of `dv`, in `ui`, with the headline figures at `sizes`.
pub fn show(ui: &mut Ui, dv: DocView, slot: &mut AssessSlot, scale: Scale, sizes: Sizes) {
    slot.refresh(dv);
    if scale.text != Scale::EDITOR.text {
        let style = ui.style_mut();
        for (text_style, font) in style.text_styles.iter_mut() {
            if *text_style != egui::TextStyle::Small {
                font.size *= scale.text / Scale::EDITOR.text;
            }
        }
    }
    header(ui, dv, slot, sizes);
    filter_bar(ui, dv, slot);
    egui::Panel::bottom(egui::Id::new(("assess-detail", dv.view.id())))
        .resizable(false)
        .show(ui, |ui| detail(ui, dv, slot));
    grid::table(ui, dv, slot, scale);
}

/// The title, "N of M assessed" with its bar, and the headline figures.
fn header(ui: &mut Ui, dv: DocView, slot: &AssessSlot, sizes: Sizes) {
    let (done, total) = slot.assessed;
    ui.add_space(6.0);
    ui.horizontal(|ui| {
        ui.heading(RichText::new("Assess").strong());
        let summary = if total == 0 {
            "No services yet: add one with S".to_owned()
        } else {
            format!("{} of {} assessed", grouped(done as f64), grouped(total as f64))
        };
        let colour = if done == total { theme::GREEN } else { theme::INK };
        ui.label(RichText::new(summary).size(18.0).strong().color(colour))
            .on_hover_text(
                "A service is assessed when its availability is set or follows from its exposure, and its demand is known",
            );
        if total > 0 {
            let share = done as f32 / total as f32;
            ui.add(
                egui::ProgressBar::new(share)
                    .desired_width(160.0)
                    .fill(if done == total {
                        theme::GREEN_BAR
                    } else {
                        theme::AMBER_BAR
                    }),
            );
        }
    });
    ui.add_space(2.0);
    headline::headline(ui, dv.analysis(), sizes);
    ui.add_space(4.0);
}

/// Text, owner and domain filters, "not assessed only", how many rows show, and a way to
/// put edited rows in order again.
fn filter_bar(ui: &mut Ui, dv: DocView, slot: &mut AssessSlot) {
    let model = dv.model();
    let mut filter = dv.view.assess().filter().clone();
    let before = filter.clone();
    ui.horizontal_wrapped(|ui| {
        let label = ui.label("Filter");
        let search = ui
            .add(
                egui::TextEdit::singleline(&mut filter.text)
                    .hint_text("name, id or owner (Ctrl+F)")
                    .desired_width(200.0),
            )
            .labelled_by(label.id);
        if dv.view.assess().find_requests() != slot.find_seen {
            slot.find_seen = dv.view.assess().find_requests();
            search.request_focus();
        }
        if search.has_focus()
            && ui.input(|i| i.key_pressed(egui::Key::ArrowDown) || i.key_pressed(egui::Key::Enter))
        {
            grid::focus(ui.ctx(), dv);
        }
        scope_choice(
            ui,
            "Owner",
            &mut filter.owner,
            "no owner",
            &slot.team_choices,
        );
        if !slot.domain_choices.is_empty() {
            scope_choice(
                ui,
                "Domain",
                &mut filter.domain,
                "no domain",
                &slot.domain_choices,
            );
        }
        ui.checkbox(&mut filter.unassessed_only, "Not assessed only")
            .on_hover_text("Only the services whose availability or demand is still assumed");
        if filter.is_active() && ui.small_button("Clear").clicked() {
            filter = Filter::default();
        }
        ui.separator();
        let total = model.services.len();
        let shown = if slot.rows.len() == total {
            count(total, "service", "services")
        } else {
            format!(
                "Showing {} of {}",
                grouped(slot.rows.len() as f64),
                count(total, "service", "services")
            )
        };
        ui.label(RichText::new(shown).color(theme::MUTED_INK));
        if slot.stale
            && ui
                .button("⟳ Sort and filter again")
                .on_hover_text(
                    "Edited rows keep their place until you ask: put them in order by the sort and filter now",
                )
                .clicked()
        {
            dv.tx
                .view(dv.view.id(), ViewCommand::Assess(AssessCommand::Reorder));
        }
        let selected = dv.view.assess().selected().len();
        if selected > 1 {
            ui.label(
                RichText::new(format!(
                    "{selected} rows selected: a value you set goes to all of them"
                ))
                .color(theme::SELECTION),
            );
        }
    });
    if filter != before {
        dv.tx.view(
            dv.view.id(),
            ViewCommand::Assess(AssessCommand::Filter(filter)),
        );
        ui.ctx().request_repaint();
    }
}

/// A combo box over any team (or domain), none, or one of `options`.
fn scope_choice(
    ui: &mut Ui,
    name: &str,
    scope: &mut Scope,
    nobody: &str,
    options: &[(String, String)],
) {
    let any = format!("any {}", name.to_lowercase());
    let current = match scope {
        Scope::Any => any.clone(),
        Scope::Nobody => nobody.to_owned(),
        Scope::Is(id) => options
            .iter()
            .find(|(o, _)| o == id)
            .map_or_else(|| id.clone(), |(_, l)| l.clone()),
    };
    let label = ui.label(name);
    egui::ComboBox::from_id_salt(("assess-scope", name))
        .selected_text(current)
        .width(170.0)
        .truncate()
        .show_ui(ui, |ui| {
            ui.selectable_value(scope, Scope::Any, any);
            ui.selectable_value(scope, Scope::Nobody, nobody);
            for (id, text) in options {
                ui.selectable_value(scope, Scope::Is(id.clone()), text);
            }
        })
        .response
        .labelled_by(label.id);
}

/// Under the table: the current row's recommendation with its reason and what was assumed,
/// the override if there is one, the findings about it, and why the last value was refused.
fn detail(ui: &mut Ui, dv: DocView, slot: &AssessSlot) {
    ui.add_space(4.0);
    let current = slot
        .cursor(dv)
        .map(|row| slot.rows[row])
        .map(|index| (&dv.model().services[index], &dv.analysis().services[index]));
    match current {
        None => {
            ui.label(
                RichText::new(
                    "Click a row, or press ↓, to see why its recommendation is what it is. Type in a cell to set it; Enter, Tab and the arrows move on; Shift or Ctrl selects several rows, and a value set on one is set on all.",
                )
                .color(theme::MUTED_INK),
            );
        }
        Some((service, figures)) => {
            ui.horizontal_wrapped(|ui| {
                ui.label(RichText::new(&service.name).strong());
                ui.label(figures.recommendation_reason().to_string());
                if figures.operating_model != figures.recommended_operating_model {
                    ui.label(
                        RichText::new(format!(
                            "It is run {} by override.",
                            figures.operating_model.label()
                        ))
                        .strong(),
                    );
                }
            });
            let findings: Vec<_> = dv
                .analysis()
                .findings
                .iter()
                .filter(|f| *f.subject == *service.id && f.code != FindingCode::NotAssessed)
                .collect();
            for finding in findings.iter().take(3) {
                ui.horizontal_wrapped(|ui| {
                    ui.colored_label(theme::severity_colour(finding.severity), "●");
                    ui.label(finding.message.to_string());
                });
            }
            if findings.len() > 3 {
                ui.label(
                    RichText::new(format!(
                        "and {} more: the canvas lists them with their fixes (▦ Assess on the toolbar goes back to it)",
                        findings.len() - 3
                    ))
                    .color(theme::MUTED_INK),
                );
            } else if findings.iter().any(|f| f.severity != Severity::Info) {
                ui.label(
                    RichText::new(
                        "Their fixes are on the canvas: ▦ Assess on the toolbar goes back to it.",
                    )
                    .small()
                    .color(theme::MUTED_INK),
                );
            }
        }
    }
    if let Some(message) = dv.doc.edit_error() {
        ui.with_layout(Layout::left_to_right(Align::Center), |ui| {
            ui.colored_label(theme::RED, message);
        });
    }
    ui.add_space(4.0);
}
