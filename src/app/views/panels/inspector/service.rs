//! The service form: kind, owner, exposure, availability, demand, callouts, operating model,
//! out-of-hours cover and lifecycle; its compliance tags and dependencies; why its figures
//! are what they are; and the findings about it.

use egui::{RichText, Ui};

use super::super::{DocView, explain};
use super::form::{
    Link, commit_field, entity_form, heading, id_choice, labelled, or_none, remove_button,
    team_options,
};
use super::{compliance, findings_about};
use crate::analysis::ServiceFigures;
use crate::app::views::theme;
use crate::edit::{actions, fixes};
use crate::format::entity_label;
use crate::model::{Demand, Lifecycle, OperatingModel, OutOfHours, ServiceKind};

pub(super) fn service(ui: &mut Ui, dv: DocView, id: &str) {
    let Some(original) = dv.model().service(id).cloned() else {
        return;
    };
    let kind = format!("{} service", original.kind.label());
    heading(ui, &kind, &original.name);
    let currency = dv.model().settings.currency.clone();
    let owners = or_none("— no owner —", &team_options(dv.model()));
    let figures = dv.analysis().service(id).cloned();
    let recommended = figures
        .as_ref()
        .map_or("", |f| f.recommended_operating_model.label());
    let models = or_none(
        format!("Recommended ({recommended})"),
        &labelled(&OperatingModel::ALL, OperatingModel::label),
    );
    let level = figures.as_ref().map_or("", |f| {
        crate::analysis::out_of_hours_level(f.operating_model, f.availability).label()
    });
    let levels = or_none(
        format!("By availability ({level})"),
        &labelled(&OutOfHours::ALL, OutOfHours::label),
    );

    let mut edited = original.clone();
    let changed = entity_form(ui, dv, id, &mut edited.name, |ui, form| {
        let kinds = labelled(&ServiceKind::ALL, ServiceKind::label);
        form.choice(ui, ("kind", "Kind"), &mut edited.kind, &kinds);
        form.choice(ui, ("owner", "Owner"), &mut edited.owner, &owners);
        form.number_row(
            ui,
            (
                "exposure_per_hour",
                &format!("Exposure / hour ({currency})"),
            ),
            &mut edited.exposure_per_hour,
            ("not set", false),
            0.0..=1e12,
        );
        // What an hour down costs in the peak season (Model settings › Peak season); the
        // service then needs the availability of this exposure (SPEC 8.2).
        form.number_row(
            ui,
            (
                "peak_exposure_per_hour",
                &format!("Peak exposure / hour ({currency})"),
            ),
            &mut edited.peak_exposure_per_hour,
            ("no peak", false),
            0.0..=1e12,
        );
        form.number_row(
            ui,
            ("availability", "Availability (%)"),
            &mut edited.availability,
            ("from exposure bands", false),
            0.01..=100.0,
        );
        let demands = labelled(&Demand::ALL, Demand::label);
        form.choice(
            ui,
            ("demand", "Feature demand"),
            &mut edited.demand,
            &demands,
        );
        let callouts = ("callouts_per_year", "Callouts / year");
        form.drag_row(ui, callouts, &mut edited.callouts_per_year, 100_000.0);
        form.choice(
            ui,
            ("operating_model", "Operating model"),
            &mut edited.operating_model,
            &models,
        );
        form.choice(
            ui,
            ("out_of_hours", "Out of hours"),
            &mut edited.out_of_hours,
            &levels,
        );
        let lifecycles = labelled(&Lifecycle::ALL, Lifecycle::label);
        form.choice(
            ui,
            ("lifecycle", "Lifecycle"),
            &mut edited.lifecycle,
            &lifecycles,
        );
        if edited.lifecycle == Lifecycle::Inception {
            ui.label("");
            ui.label(
                RichText::new("Not live yet: needs no out-of-hours cover")
                    .small()
                    .color(theme::MUTED_INK),
            );
            ui.end_row();
        }
    });
    commit_field(dv, ("service", id, &original.name), changed, |model| {
        actions::update_service_and_place(model, edited)
    });
    compliance::tags(ui, dv, id);
    dependencies(ui, dv, id);
    if let Some(figures) = dv.analysis().service(id).cloned() {
        explain_service(ui, dv, &figures);
    }
    let related = fixes::findings_about_service(dv.analysis(), id)
        .into_iter()
        .cloned()
        .collect();
    findings_about(ui, dv, related);
}

/// The services at the far end of `id`'s dependencies: those it depends on when `outward`,
/// else those that depend on it.
fn far_ends(dv: DocView, id: &str, outward: bool) -> Vec<String> {
    let links = dv.model().dependencies.iter();
    let ends = links.map(|d| {
        if outward {
            (&d.from, &d.to)
        } else {
            (&d.to, &d.from)
        }
    });
    ends.filter(|(near, _)| *near == id)
        .map(|(_, far)| far.clone())
        .collect()
}

pub(super) fn dependencies(ui: &mut Ui, dv: DocView, id: &str) {
    ui.add_space(8.0);
    ui.label(RichText::new("Depends on").strong());
    let depends_on = far_ends(dv, id, true);
    if depends_on.is_empty() {
        ui.label(RichText::new("nothing").color(theme::MUTED_INK));
    }
    for to in &depends_on {
        ui.horizontal(|ui| {
            remove_button(ui, dv, Link::Dependency, (id, to));
            if ui
                .link(entity_label(dv.model().display_name(to), to))
                .clicked()
            {
                dv.pick(ui, to);
            }
        });
    }
    let mut new_dependency: Option<String> = None;
    let candidates: Vec<(String, String)> = dv
        .model()
        .services
        .iter()
        .filter(|s| s.id != id && !depends_on.contains(&s.id))
        .map(|s| (s.id.clone(), entity_label(&s.name, &s.id)))
        .collect();
    if !candidates.is_empty()
        && ui
            .horizontal(|ui| {
                id_choice(
                    ui,
                    "Add a dependency",
                    &mut new_dependency,
                    "choose a service…",
                    &candidates,
                )
            })
            .inner
        && let Some(to) = new_dependency
    {
        let label = format!(
            "{} depends on {}",
            dv.model().display_name(id),
            dv.model().display_name(&to)
        );
        dv.edit(&label, actions::add_dependency(dv.model(), id, &to), None);
    }
    let used_by = far_ends(dv, id, false);
    if !used_by.is_empty() {
        ui.label(RichText::new("Depended on by").strong());
        for from in used_by {
            if ui
                .link(entity_label(dv.model().display_name(&from), &from))
                .clicked()
            {
                dv.pick(ui, &from);
            }
        }
    }
}

/// Why the service is where it is: each figure with where it comes from.
pub(super) fn explain_service(ui: &mut Ui, dv: DocView, figures: &ServiceFigures) {
    ui.add_space(10.0);
    ui.label(RichText::new("Why it is where it is").strong());
    let (fill, stroke) = theme::cover_colours(figures.cover);
    egui::Frame::new()
        .fill(fill)
        .stroke(egui::Stroke::new(1.0, stroke))
        .corner_radius(6.0)
        .inner_margin(8.0)
        .show(ui, |ui| {
            let model = dv.model();
            let exposure = model.service(&figures.id).and_then(|s| s.exposure_per_hour);
            let rows =
                explain::service_rows(dv.analysis(), figures, exposure, &model.settings.currency);
            for (label, value) in rows {
                ui.horizontal_wrapped(|ui| {
                    ui.label(RichText::new(format!("{label}:")).color(theme::MUTED_INK));
                    ui.label(RichText::new(value).color(theme::INK));
                });
            }
        });
}
