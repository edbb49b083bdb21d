//! The inspector for several selected entities. Services, or teams, are edited together:
//! each field they share shows its value, or "mixed" where they differ, and a change sets
//! it on all of them as one undo step. A selection of different kinds lists what it holds.

use egui::{ComboBox, Grid, RichText, Ui};

use super::super::DocView;
use super::form::{
    COLUMN_GAP, domain_options, field_width, form_label, heading, labelled, seal_when_done,
    team_options, typed_number,
};
use crate::app::state::Selection;
use crate::app::views::theme;
use crate::edit::actions;
use crate::format::{count, entity_label, field_words};
use crate::model::{
    Demand, Lifecycle, OperatingModel, OutOfHours, Service, ServiceKind, Team, TeamKind,
};

/// A change of one field, to set on every selected entity.
type Change<T> = (&'static str, Box<dyn Fn(&mut T)>);

/// The value every item has, or `None` when they differ.
fn shared<T, V: PartialEq>(items: &[T], value: impl Fn(&T) -> V) -> Option<V> {
    let first = value(items.first()?);
    items
        .iter()
        .all(|item| value(item) == first)
        .then_some(first)
}

/// A combo box showing the shared value, or "mixed"; returns the value picked.
fn pick<V: Clone + PartialEq>(
    ui: &mut Ui,
    label: &str,
    current: Option<V>,
    options: &[(V, String)],
) -> Option<V> {
    let label = form_label(ui, label);
    let text = match &current {
        Some(value) => options
            .iter()
            .find(|(v, _)| v == value)
            .map_or_else(String::new, |(_, text)| text.clone()),
        None => "— mixed —".to_owned(),
    };
    let mut picked = None;
    ComboBox::from_id_salt(label.id)
        .selected_text(text)
        .width(field_width(ui))
        .truncate()
        .show_ui(ui, |ui| {
            for (value, text) in options {
                let selected = current.as_ref() == Some(value);
                if ui.selectable_label(selected, text).clicked() {
                    picked = Some(value.clone());
                }
            }
        })
        .response
        .labelled_by(label.id);
    ui.end_row();
    picked
}

/// A number typed for all of them; `None` (emptied) when `optional` allows it. Returns the
/// value typed.
fn number(
    ui: &mut Ui,
    dv: DocView,
    label: &str,
    current: Option<Option<f64>>,
    (unset, range): (&str, std::ops::RangeInclusive<f64>),
) -> Option<Option<f64>> {
    let label = form_label(ui, label).id;
    let mut value = current.flatten();
    let (response, changed) =
        typed_number(ui, label, &mut value, (unset, current.is_none()), range);
    seal_when_done(dv, &response);
    ui.end_row();
    changed.then_some(value)
}

/// The heading over several entities: how many, and their names.
fn several(ui: &mut Ui, kind: &str, names: impl Iterator<Item = String>) {
    let names: Vec<String> = names.collect();
    heading(ui, kind, &names.join(", "));
}

/// Sets the changed field on every one of `ids`, as one undo step.
fn commit<T>(
    dv: DocView,
    (one, many, ids): (&str, &str, &[&str]),
    change: Option<Change<T>>,
    build: impl FnOnce(
        &crate::model::Model,
        &[&str],
        Box<dyn Fn(&mut T)>,
    ) -> Result<crate::edit::Edit, String>,
) {
    if let Some((field, apply)) = change {
        let label = format!(
            "Change {} of {}",
            field_words(field),
            count(ids.len(), one, many)
        );
        let edit = build(dv.model(), ids, apply);
        dv.edit(&label, edit, Some(format!("{many}:{field}")));
    }
}

pub(super) fn services(ui: &mut Ui, dv: DocView, ids: &[&str]) {
    let services: Vec<Service> = ids
        .iter()
        .filter_map(|id| dv.model().service(id).cloned())
        .collect();
    several(
        ui,
        &count(services.len(), "service", "services"),
        services.iter().map(|s| s.name.clone()),
    );
    let currency = dv.model().settings.currency.clone();
    let mut teams = vec![(None, "— no owner —".to_owned())];
    teams.extend(
        team_options(dv.model())
            .into_iter()
            .map(|(id, t)| (Some(id), t)),
    );
    let mut change: Option<Change<Service>> = None;
    Grid::new("bulk-services")
        .num_columns(2)
        .spacing([COLUMN_GAP, 8.0])
        .show(ui, |ui| {
            let kinds = labelled(&ServiceKind::ALL, ServiceKind::label);
            if let Some(kind) = pick(ui, "Kind", shared(&services, |s| s.kind), &kinds) {
                change = Some(("kind", Box::new(move |s| s.kind = kind)));
            }
            if let Some(owner) = pick(ui, "Owner", shared(&services, |s| s.owner.clone()), &teams) {
                change = Some(("owner", Box::new(move |s| s.owner = owner.clone())));
            }
            let exposure = shared(&services, |s| s.exposure_per_hour);
            let label = format!("Exposure / hour ({currency})");
            if let Some(value) = number(ui, dv, &label, exposure, ("not set", 0.0..=1e12)) {
                change = Some((
                    "exposure_per_hour",
                    Box::new(move |s| s.exposure_per_hour = value),
                ));
            }
            let availability = shared(&services, |s| s.availability);
            let unset = ("from exposure bands", 0.01..=100.0);
            if let Some(value) = number(ui, dv, "Availability (%)", availability, unset) {
                change = Some(("availability", Box::new(move |s| s.availability = value)));
            }
            let demands = labelled(&Demand::ALL, Demand::label);
            if let Some(demand) = pick(
                ui,
                "Feature demand",
                shared(&services, |s| s.demand),
                &demands,
            ) {
                change = Some(("demand", Box::new(move |s| s.demand = demand)));
            }
            let callouts = shared(&services, |s| Some(s.callouts_per_year));
            if let Some(Some(value)) =
                number(ui, dv, "Callouts / year", callouts, ("", 0.0..=100_000.0))
            {
                change = Some((
                    "callouts_per_year",
                    Box::new(move |s| s.callouts_per_year = value),
                ));
            }
            let mut models = vec![(None, "Recommended".to_owned())];
            models.extend(
                OperatingModel::ALL
                    .iter()
                    .map(|m| (Some(*m), m.label().to_owned())),
            );
            let current = shared(&services, |s| s.operating_model);
            if let Some(model) = pick(ui, "Operating model", current, &models) {
                change = Some((
                    "operating_model",
                    Box::new(move |s| s.operating_model = model),
                ));
            }
            let mut levels = vec![(None, "By availability".to_owned())];
            levels.extend(
                OutOfHours::ALL
                    .iter()
                    .map(|l| (Some(*l), l.label().to_owned())),
            );
            let current = shared(&services, |s| s.out_of_hours);
            if let Some(level) = pick(ui, "Out of hours", current, &levels) {
                change = Some(("out_of_hours", Box::new(move |s| s.out_of_hours = level)));
            }
            let lifecycles = labelled(&Lifecycle::ALL, Lifecycle::label);
            let current = shared(&services, |s| s.lifecycle);
            if let Some(lifecycle) = pick(ui, "Lifecycle", current, &lifecycles) {
                change = Some(("lifecycle", Box::new(move |s| s.lifecycle = lifecycle)));
            }
        });
    commit(
        dv,
        ("service", "services", ids),
        change,
        |model, ids, apply| actions::update_services_and_place(model, ids, apply),
    );
}

pub(super) fn teams(ui: &mut Ui, dv: DocView, ids: &[&str]) {
    let teams: Vec<Team> = ids
        .iter()
        .filter_map(|id| dv.model().team(id).cloned())
        .collect();
    several(
        ui,
        &count(teams.len(), "team", "teams"),
        teams.iter().map(|t| t.name.clone()),
    );
    let mut domains = vec![(None, "— no domain —".to_owned())];
    domains.extend(
        domain_options(dv.model())
            .into_iter()
            .map(|(id, d)| (Some(id), d)),
    );
    let mut change: Option<Change<Team>> = None;
    Grid::new("bulk-teams")
        .num_columns(2)
        .spacing([COLUMN_GAP, 8.0])
        .show(ui, |ui| {
            let kinds = labelled(&TeamKind::ALL, TeamKind::label);
            if let Some(kind) = pick(ui, "Kind", shared(&teams, |t| t.kind), &kinds) {
                change = Some(("kind", Box::new(move |t| t.kind = kind)));
            }
            let members = shared(&teams, |t| Some(f64::from(t.members)));
            if let Some(Some(value)) = number(ui, dv, "Members", members, ("", 0.0..=1000.0)) {
                let members = value.round() as u32;
                change = Some(("members", Box::new(move |t| t.members = members)));
            }
            if let Some(domain) = pick(ui, "Domain", shared(&teams, |t| t.domain.clone()), &domains)
            {
                change = Some(("domain", Box::new(move |t| t.domain = domain.clone())));
            }
        });
    commit(dv, ("team", "teams", ids), change, |model, ids, apply| {
        actions::update_teams_and_place(model, ids, apply)
    });
}

/// A selection of different kinds, or of domains: what it holds, each a link.
pub(super) fn mixed(ui: &mut Ui, dv: DocView, selection: &[Selection]) {
    heading(ui, "Selection", &count(selection.len(), "thing", "things"));
    ui.label(
        RichText::new("Select services only, or teams only, to edit them together.")
            .color(theme::MUTED_INK),
    );
    ui.add_space(6.0);
    for item in selection {
        match item {
            Selection::Entity(id) => {
                let name = dv.model().display_name(id).to_owned();
                if ui.link(entity_label(&name, id)).clicked() {
                    dv.pick(ui, id);
                }
            }
            Selection::Dependency { from, to } => {
                ui.label(format!("{from} depends on {to}"));
            }
            Selection::Ownership { service } => {
                ui.label(format!("the owner of {service}"));
            }
            Selection::Interaction { from, to } => {
                ui.label(format!("{from} works with {to}"));
            }
        }
    }
}
