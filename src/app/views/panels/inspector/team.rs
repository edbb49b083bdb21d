//! The team form: kind, members and domain; what the team costs and carries; the services it
//! owns, its interactions with other teams, and the findings about it.

use egui::{RichText, Ui};

use super::super::{DocView, explain};
use super::findings_about;
use super::form::{
    Link, commit_field, domain_options, entity_form, entity_links, heading, id_choice, labelled,
    or_none, remove_button,
};
use crate::app::views::theme;
use crate::edit::actions;
use crate::format::entity_label;
use crate::model::{InteractionMode, Team, TeamKind};

pub(super) fn team(ui: &mut Ui, dv: DocView, id: &str) {
    let Some(original) = dv.model().team(id).cloned() else {
        return;
    };
    let kind = format!("{} team", original.kind.label());
    heading(ui, &kind, &original.name);
    let domains = or_none("— no domain —", &domain_options(dv.model()));
    let mut edited: Team = original.clone();
    let changed = entity_form(ui, dv, id, &mut edited.name, |ui, form| {
        let kinds = labelled(&TeamKind::ALL, TeamKind::label);
        form.choice(ui, ("kind", "Kind"), &mut edited.kind, &kinds);
        form.drag_row(ui, ("members", "Members"), &mut edited.members, 1000.0);
        form.choice(ui, ("domain", "Domain"), &mut edited.domain, &domains);
    });
    commit_field(dv, ("team", id, &original.name), changed, |model| {
        actions::update_team_and_place(model, edited)
    });

    ui.add_space(8.0);
    for line in explain::team_lines(dv.analysis(), id, &dv.model().settings.currency) {
        ui.label(line);
    }
    let owned = dv.model().services_of(id).map(|s| (&s.id, &s.name));
    entity_links(ui, dv, "Services", owned, "none yet");
    interactions(ui, dv, id);
    let related = dv
        .analysis()
        .findings
        .iter()
        .filter(|f| &*f.subject == id)
        .cloned()
        .collect();
    findings_about(ui, dv, related);
}

fn interactions(ui: &mut Ui, dv: DocView, id: &str) {
    ui.add_space(6.0);
    ui.label(RichText::new("Interactions").strong());
    let current: Vec<(String, String, InteractionMode)> = dv
        .model()
        .interactions
        .iter()
        .filter(|i| i.from == id || i.to == id)
        .map(|i| (i.from.clone(), i.to.clone(), i.mode))
        .collect();
    for (from, to, mode) in &current {
        let other = if from == id { to } else { from };
        ui.horizontal(|ui| {
            remove_button(ui, dv, Link::Interaction, (from, to));
            ui.colored_label(theme::interaction_colour(*mode), mode.label());
            ui.label("with");
            if ui.link(dv.model().display_name(other).to_owned()).clicked() {
                dv.pick(ui, other);
            }
        });
    }
    let candidates: Vec<(String, String)> = dv
        .model()
        .teams
        .iter()
        .filter(|t| t.id != id && !current.iter().any(|(f, to, _)| f == &t.id || to == &t.id))
        .map(|t| (t.id.clone(), entity_label(&t.name, &t.id)))
        .collect();
    let mut partner: Option<String> = None;
    if !candidates.is_empty()
        && ui
            .horizontal(|ui| {
                id_choice(
                    ui,
                    "Add an interaction",
                    &mut partner,
                    "choose a team…",
                    &candidates,
                )
            })
            .inner
        && let Some(partner) = partner
    {
        let edit =
            actions::add_interaction(dv.model(), id, &partner, InteractionMode::Collaboration);
        let label = format!(
            "{} collaborates with {}",
            dv.model().display_name(id),
            dv.model().display_name(&partner)
        );
        dv.edit(&label, edit, None);
        dv.show_interactions();
    }
}
