//! The inspector: one form per kind of entity — service, team, domain, relation, or the
//! model itself when nothing is selected — editing every stored field, and explaining the
//! selected service's figures (why it is where it is). Changes are asked for as they are
//! made, one undo step per field, and applied with the frame's other commands.

mod bulk;
mod compliance;
mod domain;
mod form;
mod model;
mod relation;
mod service;
mod team;

use egui::{RichText, ScrollArea, Ui};

use super::{DocView, fix_list};
use crate::analysis::Finding;
use crate::app::state::{Selection, UiCommand};
use crate::app::views::theme;
use crate::edit::fixes::Fix;
use crate::model::EntityKind;

/// Shows the inspector for the view's selection.
pub fn show(ui: &mut Ui, dv: DocView) {
    ScrollArea::vertical()
        .auto_shrink([false, false])
        .show(ui, |ui| {
            form::fit_fields(ui);
            // Long names wrap rather than widen the panel and shift the canvas.
            ui.style_mut().wrap_mode = Some(egui::TextWrapMode::Wrap);
            if dv.view.selected().len() > 1 {
                several(ui, dv);
                return;
            }
            match dv.view.selection().cloned() {
                None => model::model_info(ui, dv),
                Some(Selection::Entity(id)) => match dv.model().entity_kind(&id) {
                    Some(EntityKind::Service) => service::service(ui, dv, &id),
                    Some(EntityKind::Team) => team::team(ui, dv, &id),
                    Some(EntityKind::Domain) => domain::domain(ui, dv, &id),
                    None => {
                        ui.label("The selection no longer exists.");
                    }
                },
                Some(Selection::Dependency { from, to }) => {
                    relation::dependency(ui, dv, &from, &to)
                }
                Some(Selection::Ownership { service }) => relation::ownership(ui, dv, &service),
                Some(Selection::Interaction { from, to }) => {
                    relation::interaction(ui, dv, &from, &to)
                }
            }
            let delete = match dv.view.selection() {
                None => None,
                Some(Selection::Entity(_)) => Some("🗑 Delete"),
                Some(Selection::Dependency { .. }) => Some("🗑 Remove the dependency"),
                Some(Selection::Ownership { .. }) => Some("🗑 Remove the owner"),
                Some(Selection::Interaction { .. }) => Some("🗑 Remove the interaction"),
            };
            if let Some(text) = delete {
                ui.add_space(12.0);
                if ui
                    .button(RichText::new(text).color(theme::RED))
                    .on_hover_text(UiCommand::Delete.tooltip())
                    .clicked()
                {
                    dv.tx.ui(UiCommand::Delete);
                }
            }
        });
    if let Some(message) = dv.doc.edit_error() {
        ui.separator();
        ui.colored_label(theme::RED, message);
    }
}

/// The inspector for several things: services or teams edited together, else a list; and
/// one button that deletes them all.
fn several(ui: &mut Ui, dv: DocView) {
    let selected = dv.view.selected();
    let ids: Vec<&str> = selected.entities().collect();
    let kinds: Vec<Option<EntityKind>> = ids.iter().map(|id| dv.model().entity_kind(id)).collect();
    let all = |kind| ids.len() == selected.len() && kinds.iter().all(|k| *k == Some(kind));
    if all(EntityKind::Service) {
        bulk::services(ui, dv, &ids);
    } else if all(EntityKind::Team) {
        bulk::teams(ui, dv, &ids);
    } else {
        bulk::mixed(ui, dv, selected.all());
    }
    ui.add_space(12.0);
    let text = format!("🗑 Delete all {}", selected.len());
    if ui
        .button(RichText::new(text).color(theme::RED))
        .on_hover_text(UiCommand::Delete.tooltip())
        .clicked()
    {
        dv.tx.ui(UiCommand::Delete);
    }
}

/// The findings about the selection, each with its one-click fixes behind a toggle.
fn findings_about(ui: &mut Ui, dv: DocView, related: Vec<Finding>) {
    if related.is_empty() {
        return;
    }
    ui.add_space(8.0);
    ui.label(RichText::new("Findings").strong());
    let mut apply: Option<Fix> = None;
    for finding in &related {
        let open = ui
            .horizontal_top(|ui| {
                ui.colored_label(theme::severity_colour(finding.severity), "•");
                let open = fix_list::toggle(ui, dv.doc, finding, "inspector");
                ui.add(egui::Label::new(finding.message.to_string()).wrap());
                open
            })
            .inner;
        if open && let Some(fix) = fix_list::list(ui, dv.doc, finding) {
            apply = Some(fix);
        }
    }
    if let Some(fix) = apply {
        dv.apply_fix(fix);
    }
}
