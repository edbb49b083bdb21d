//! The domain form: its name, what its teams cost, its domain rota, and its teams.

use egui::{RichText, Ui};

use super::super::DocView;
use super::form::{commit_field, entity_form, entity_links, heading};
use crate::app::views::theme;
use crate::edit::actions;
use crate::format::{count, money};

pub(super) fn domain(ui: &mut Ui, dv: DocView, id: &str) {
    let Some(original) = dv.model().domain(id).cloned() else {
        return;
    };
    heading(ui, "Domain", &original.name);
    let mut edited = original.clone();
    let changed = entity_form(ui, dv, id, &mut edited.name, |_, _| {});
    commit_field(dv, ("domain", id, &original.name), changed, |model| {
        actions::update_domain(model, edited)
    });
    let currency = dv.model().settings.currency.clone();
    ui.add_space(8.0);
    if let Some(figures) = dv.analysis().domain(id) {
        ui.label(format!(
            "Teams' line items: {} a year",
            money(figures.annual_cost, &currency)
        ));
    }
    match dv.analysis().rota(&format!("domain:{id}")) {
        Some(rota) => {
            let health = if rota.healthy {
                "healthy"
            } else {
                "understaffed"
            };
            ui.label(format!(
                "Domain rota: {}, 1 week in {}, {health}, covering {}, {} a year",
                count(rota.pool as usize, "person", "people"),
                rota.frequency_weeks,
                count(rota.services.len(), "service", "services"),
                money(rota.annual_cost, &currency)
            ));
        }
        None => {
            ui.label(
                RichText::new("No domain rota: no domain-level service needs one.")
                    .color(theme::MUTED_INK),
            );
        }
    }
    let teams = dv
        .model()
        .teams
        .iter()
        .filter(|t| t.domain.as_deref() == Some(id));
    let teams = teams.map(|t| (&t.id, &t.name));
    let empty = "none yet: set a team's domain, or connect a team to this domain";
    entity_links(ui, dv, "Teams", teams, empty);
}
