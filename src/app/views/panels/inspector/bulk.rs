//! The inspector for several selected entities. Services, or teams, are edited together:
//! each field they share shows its value, or "mixed" where they differ, and a change sets
//! it on all of them as one undo step. A selection of different kinds lists what it holds.

use egui::{ComboBox, Grid, RichText, Ui};

use super::super::DocView;
use super::form::{
    COLUMN_GAP, domain_options, field_width, form_label, heading, labelled, or_none,
    seal_when_done, team_options, typed_number,
};
use crate::app::state::Selection;
use crate::app::views::theme;
use crate::edit::{Edit, actions};
use crate::format::{count, entity_label, field_words};
use crate::model::{
    Demand, Lifecycle, Model, OperatingModel, OutOfHours, Service, ServiceKind, Team, TeamKind,
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

/// A combo box over `$field` of every one of `$items`, labelled `$label` and offering
/// `$options`: what is picked becomes the `$change` that sets it on all of them.
macro_rules! pick_field {
    ($ui:expr, $change:expr, $items:expr, $field:ident, $label:expr, $options:expr) => {
        let current = shared($items, |item| item.$field.clone());
        if let Some(value) = pick($ui, $label, current, $options) {
            let field = stringify!($field);
            *$change = Some((field, Box::new(move |item| item.$field = value.clone())));
        }
    };
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

/// The entities of `ids` that `find` finds, as they are now.
fn found<'m, T: Clone + 'm>(ids: &[&str], find: impl Fn(&str) -> Option<&'m T>) -> Vec<T> {
    ids.iter().filter_map(|id| find(id)).cloned().collect()
}

/// Edits `items`, the entities of `ids` (`one` and `many` name their kind), together: a
/// heading with how many there are and their names, the grid of the fields they share that
/// `rows` draws, and the change a row asks for, set on every one of them by `build` as one
/// undo step.
fn together<T>(
    (ui, dv): (&mut Ui, DocView),
    (one, many, ids): (&str, &str, &[&str]),
    (items, name): (&[T], fn(&T) -> &str),
    rows: impl FnOnce(&mut Ui, &mut Option<Change<T>>),
    build: impl FnOnce(&Model, &[&str], Box<dyn Fn(&mut T)>) -> Result<Edit, String>,
) {
    let names: Vec<&str> = items.iter().map(name).collect();
    heading(ui, &count(items.len(), one, many), &names.join(", "));
    let mut change = None;
    Grid::new(format!("bulk-{many}"))
        .num_columns(2)
        .spacing([COLUMN_GAP, 8.0])
        .show(ui, |ui| rows(ui, &mut change));
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
    let services = found(ids, |id| dv.model().service(id));
    let currency = dv.model().settings.currency.clone();
    let teams = or_none("— no owner —", &team_options(dv.model()));
    let kind = ("service", "services", ids);
    let rows = |ui: &mut Ui, change: &mut Option<Change<Service>>| {
        let kinds = labelled(&ServiceKind::ALL, ServiceKind::label);
        pick_field!(ui, change, &services, kind, "Kind", &kinds);
        pick_field!(ui, change, &services, owner, "Owner", &teams);
        let exposure = shared(&services, |s| s.exposure_per_hour);
        let label = format!("Exposure / hour ({currency})");
        if let Some(value) = number(ui, dv, &label, exposure, ("not set", 0.0..=1e12)) {
            *change = Some((
                "exposure_per_hour",
                Box::new(move |s| s.exposure_per_hour = value),
            ));
        }
        let availability = shared(&services, |s| s.availability);
        let unset = ("from exposure bands", 0.01..=100.0);
        if let Some(value) = number(ui, dv, "Availability (%)", availability, unset) {
            *change = Some(("availability", Box::new(move |s| s.availability = value)));
        }
        let demands = labelled(&Demand::ALL, Demand::label);
        pick_field!(ui, change, &services, demand, "Feature demand", &demands);
        let callouts = shared(&services, |s| Some(s.callouts_per_year));
        if let Some(Some(value)) =
            number(ui, dv, "Callouts / year", callouts, ("", 0.0..=100_000.0))
        {
            *change = Some((
                "callouts_per_year",
                Box::new(move |s| s.callouts_per_year = value),
            ));
        }
        let models = or_none(
            "Recommended",
            &labelled(&OperatingModel::ALL, OperatingModel::label),
        );
        pick_field!(
            ui,
            change,
            &services,
            operating_model,
            "Operating model",
            &models
        );
        let levels = or_none(
            "By availability",
            &labelled(&OutOfHours::ALL, OutOfHours::label),
        );
        pick_field!(ui, change, &services, out_of_hours, "Out of hours", &levels);
        let lifecycles = labelled(&Lifecycle::ALL, Lifecycle::label);
        pick_field!(ui, change, &services, lifecycle, "Lifecycle", &lifecycles);
    };
    let build = actions::update_services_and_place;
    together((ui, dv), kind, (&services, |s| &s.name), rows, build);
}

pub(super) fn teams(ui: &mut Ui, dv: DocView, ids: &[&str]) {
    let teams = found(ids, |id| dv.model().team(id));
    let domains = or_none("— no domain —", &domain_options(dv.model()));
    let kind = ("team", "teams", ids);
    let rows = |ui: &mut Ui, change: &mut Option<Change<Team>>| {
        let kinds = labelled(&TeamKind::ALL, TeamKind::label);
        pick_field!(ui, change, &teams, kind, "Kind", &kinds);
        let members = shared(&teams, |t| Some(f64::from(t.members)));
        if let Some(Some(value)) = number(ui, dv, "Members", members, ("", 0.0..=1000.0)) {
            let members = value.round() as u32;
            *change = Some(("members", Box::new(move |t| t.members = members)));
        }
        pick_field!(ui, change, &teams, domain, "Domain", &domains);
    };
    let build = actions::update_teams_and_place;
    together((ui, dv), kind, (&teams, |t| &t.name), rows, build);
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
