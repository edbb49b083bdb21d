//! The inspector: edits every stored field of the selected team, service, domain or
//! relation, and explains the selected service's figures (why it is where it is). Changes
//! are asked for as they are made (applied by the workspace at the end of the frame), one
//! undo step per field; ids are checked as they are typed.

use egui::{ComboBox, DragValue, Grid, RichText, ScrollArea, TextEdit, Ui};

use super::commands::UiCommand;
use super::compliance;
use super::document::Document;
use super::explain;
use super::fix_list;
use super::selection::Selection;
use super::theme;
use crate::analysis::{Finding, ServiceFigures};
use crate::edit::Edit;
use crate::edit::actions;
use crate::edit::fixes::{self, Fix};
use crate::format::{count, entity_label, money, percent};
use crate::model::{
    Demand, InteractionMode, Lifecycle, Model, OperatingModel, OutOfHours, ServiceKind, Team,
    TeamKind,
};

/// Width of the value column, so the panel does not grow with its content.
const FIELD_WIDTH: f32 = 170.0;

/// Shows the inspector for the document's selection; returns a command a button asked for.
pub fn show(ui: &mut Ui, doc: &mut Document) -> Option<UiCommand> {
    let mut command = None;
    ScrollArea::vertical()
        .auto_shrink([false, false])
        .show(ui, |ui| {
            match doc.selection.clone() {
                None => model_info(ui, doc, &mut command),
                Some(Selection::Entity(id)) => match doc.model.entity_kind(&id) {
                    Some(crate::model::EntityKind::Service) => service(ui, doc, &id),
                    Some(crate::model::EntityKind::Team) => team(ui, doc, &id),
                    Some(crate::model::EntityKind::Domain) => domain(ui, doc, &id),
                    None => {
                        ui.label("The selection no longer exists.");
                    }
                },
                Some(Selection::Dependency { from, to }) => dependency(ui, doc, &from, &to),
                Some(Selection::Ownership { service }) => ownership(ui, doc, &service),
                Some(Selection::Interaction { from, to }) => interaction(ui, doc, &from, &to),
            }
            let delete = match &doc.selection {
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
                    command = Some(UiCommand::Delete);
                }
            }
        });
    if let Some(message) = &doc.edit_error {
        ui.separator();
        ui.colored_label(theme::RED, message);
    }
    command
}

/// Ends coalescing of a field's edits when the user lets go of it.
fn seal_when_done(doc: &mut Document, response: &egui::Response) {
    if response.lost_focus() || response.drag_stopped() {
        doc.request_seal();
    }
}

fn heading(ui: &mut Ui, kind: &str, title: &str) {
    ui.label(
        RichText::new(kind.to_uppercase())
            .small()
            .color(theme::MUTED_INK),
    );
    ui.heading(title);
    ui.add_space(4.0);
}

/// The id field: checked as it is typed, applied (with every reference) on Enter or when
/// focus leaves.
fn id_field(ui: &mut Ui, doc: &mut Document, id: &str, label: egui::Id) {
    let key = egui::Id::new(("id-field", doc.id, id.to_owned()));
    let mut text = ui
        .data(|d| d.get_temp::<String>(key))
        .unwrap_or_else(|| id.to_owned());
    let response = ui
        .add(TextEdit::singleline(&mut text).desired_width(FIELD_WIDTH))
        .labelled_by(label);
    let problem = (text != id)
        .then(|| actions::check_id(&doc.model, &text).err())
        .flatten();
    if response.lost_focus() {
        ui.data_mut(|d| d.remove::<String>(key));
        if text != id && problem.is_none() {
            let label = format!("Rename {id} to {text}");
            doc.request(&label, actions::rename(&doc.model, id, &text), None);
            doc.selection = Some(Selection::Entity(text));
            return;
        }
    } else if response.has_focus() {
        ui.data_mut(|d| d.insert_temp(key, text));
    }
    if let Some(problem) = problem.filter(|_| response.has_focus()) {
        ui.end_row();
        ui.label("");
        ui.colored_label(theme::RED, problem);
    }
}

fn model_info(ui: &mut Ui, doc: &mut Document, command: &mut Option<UiCommand>) {
    heading(ui, "Model", &doc.model.name.clone());
    let (mut name, mut description) = (doc.model.name.clone(), doc.model.description.clone());
    let label = ui.label("Name").id;
    let name_response = ui
        .add(TextEdit::singleline(&mut name).desired_width(f32::INFINITY))
        .labelled_by(label);
    ui.label("Description");
    let description_response = ui.add(
        TextEdit::multiline(&mut description)
            .desired_rows(3)
            .desired_width(f32::INFINITY),
    );
    if name_response.changed() || description_response.changed() {
        let key = if name_response.changed() {
            "model:name"
        } else {
            "model:description"
        };
        doc.request(
            "Edit model details",
            Ok(actions::set_info(&name, &description)),
            Some(key.to_owned()),
        );
    }
    seal_when_done(doc, &name_response);
    seal_when_done(doc, &description_response);
    ui.add_space(8.0);
    let model = &doc.model;
    ui.label(format!(
        "{} · {} · {} · {}",
        count(model.domains.len(), "domain", "domains"),
        count(model.teams.len(), "team", "teams"),
        count(model.services.len(), "service", "services"),
        count(model.dependencies.len(), "dependency", "dependencies")
    ));
    ui.add_space(8.0);
    if ui
        .button("⚙ Model settings…")
        .on_hover_text(UiCommand::Settings.tooltip())
        .clicked()
    {
        *command = Some(UiCommand::Settings);
    }
    ui.add_space(12.0);
    ui.label(RichText::new("Select a team, service or domain on the canvas to edit it. Right-click the canvas to add things; press C to connect them.").color(theme::MUTED_INK));
}

/// A combo box over a fixed set of values.
fn choice<T: Copy + PartialEq>(
    ui: &mut Ui,
    label: &str,
    value: &mut T,
    options: &[(T, String)],
) -> bool {
    let label = ui.label(label);
    let current = options
        .iter()
        .find(|(v, _)| v == value)
        .map_or_else(String::new, |(_, l)| l.clone());
    let mut changed = false;
    ComboBox::from_id_salt(label.id)
        .selected_text(current)
        .width(FIELD_WIDTH)
        .truncate()
        .show_ui(ui, |ui| {
            for (option, text) in options {
                changed |= ui.selectable_value(value, *option, text).changed();
            }
        })
        .response
        .labelled_by(label.id);
    changed
}

/// A combo box over optional team, domain or service ids.
fn id_choice(
    ui: &mut Ui,
    label: &str,
    value: &mut Option<String>,
    none: &str,
    options: &[(String, String)],
) -> bool {
    let label = ui.label(label);
    let current = value
        .as_ref()
        .and_then(|id| {
            options
                .iter()
                .find(|(o, _)| o == id)
                .map(|(_, l)| l.clone())
        })
        .unwrap_or_else(|| none.to_owned());
    let mut changed = false;
    ComboBox::from_id_salt(label.id)
        .selected_text(current)
        .width(FIELD_WIDTH)
        .truncate()
        .show_ui(ui, |ui| {
            changed |= ui.selectable_value(value, None, none).changed();
            for (id, text) in options {
                changed |= ui.selectable_value(value, Some(id.clone()), text).changed();
            }
        })
        .response
        .labelled_by(label.id);
    changed
}

fn team_options(model: &Model) -> Vec<(String, String)> {
    model
        .teams
        .iter()
        .map(|t| (t.id.clone(), entity_label(&t.name, &t.id)))
        .collect()
}

fn domain_options(model: &Model) -> Vec<(String, String)> {
    model
        .domains
        .iter()
        .map(|d| (d.id.clone(), entity_label(&d.name, &d.id)))
        .collect()
}

/// An optional number: a checkbox to set it, and the value when set.
fn optional_number(
    ui: &mut Ui,
    value: &mut Option<f64>,
    unset_text: &str,
    default: f64,
    make: impl FnOnce(&mut f64) -> DragValue<'_>,
) -> egui::Response {
    ui.horizontal(|ui| {
        let mut set = value.is_some();
        let mut response = ui.checkbox(&mut set, "");
        if response.changed() {
            *value = set.then_some(default);
        }
        match value {
            Some(number) => response = response.union(ui.add(make(number))),
            None => {
                ui.label(RichText::new(unset_text).color(theme::MUTED_INK));
            }
        }
        response
    })
    .inner
}

/// An entity's fields in a two-column grid: which one changed this frame, and the widgets
/// whose edits merge into one undo step until the user lets go of them.
#[derive(Default)]
struct Form {
    changed: Option<&'static str>,
    sealing: Vec<egui::Response>,
}

impl Form {
    /// A labelled text or number row.
    fn row(
        &mut self,
        ui: &mut Ui,
        field: &'static str,
        label: &str,
        add: impl FnOnce(&mut Ui) -> egui::Response,
    ) {
        let label = ui.label(label).id;
        let response = add(ui).labelled_by(label);
        if response.changed() {
            self.changed = Some(field);
        }
        self.sealing.push(response);
        ui.end_row();
    }

    /// A row drawn by [`choice`] or [`id_choice`], which label themselves.
    fn pick(&mut self, ui: &mut Ui, field: &'static str, add: impl FnOnce(&mut Ui) -> bool) {
        if add(ui) {
            self.changed = Some(field);
        }
        ui.end_row();
    }
}

/// The id and name rows every entity has, then `rows`; returns the field that changed.
fn entity_form(
    ui: &mut Ui,
    doc: &mut Document,
    id: &str,
    name: &mut String,
    rows: impl FnOnce(&mut Ui, &mut Form),
) -> Option<&'static str> {
    let mut form = Form::default();
    Grid::new(("entity-form", id))
        .num_columns(2)
        .spacing([10.0, 8.0])
        .show(ui, |ui| {
            let label = ui.label("Id").id;
            id_field(ui, doc, id, label);
            ui.end_row();
            form.row(ui, "name", "Name", |ui| {
                ui.add(TextEdit::singleline(name).desired_width(FIELD_WIDTH))
            });
            rows(ui, &mut form);
        });
    for response in &form.sealing {
        seal_when_done(doc, response);
    }
    form.changed
}

/// Asks for the edit of a changed field, as one undo step per field.
fn commit_field(
    doc: &mut Document,
    (kind, id, name): (&str, &str, &str),
    field: Option<&str>,
    edit: impl FnOnce(&Model) -> Result<Edit, String>,
) {
    if let Some(field) = field {
        let label = format!("Change {} of {name}", crate::format::field_words(field));
        let edit = edit(&doc.model);
        doc.request(&label, edit, Some(format!("{kind}:{id}:{field}")));
    }
}

fn labelled<T: Copy>(values: &[T], label: fn(T) -> &'static str) -> Vec<(T, String)> {
    values.iter().map(|v| (*v, label(*v).to_owned())).collect()
}

fn service(ui: &mut Ui, doc: &mut Document, id: &str) {
    let Some(original) = doc.model.service(id).cloned() else {
        return;
    };
    heading(
        ui,
        &format!("{} service", original.kind.label()),
        &original.name,
    );
    let currency = doc.model.settings.currency.clone();
    let teams = team_options(&doc.model);
    let figures = doc.analysis.service(id).cloned();
    let recommended = figures
        .as_ref()
        .map_or("", |f| f.recommended_operating_model.label());
    let mut models = vec![(None, format!("Recommended ({recommended})"))];
    models.extend(
        OperatingModel::ALL
            .iter()
            .map(|m| (Some(*m), m.label().to_owned())),
    );
    let level = figures.as_ref().map_or("", |f| {
        crate::analysis::out_of_hours_level(f.operating_model, f.availability).label()
    });
    let mut levels = vec![(None, format!("By availability ({level})"))];
    levels.extend(
        OutOfHours::ALL
            .iter()
            .map(|l| (Some(*l), l.label().to_owned())),
    );

    let mut edited = original.clone();
    let changed = entity_form(ui, doc, id, &mut edited.name, |ui, form| {
        let kinds = labelled(&ServiceKind::ALL, ServiceKind::label);
        form.pick(ui, "kind", |ui| {
            choice(ui, "Kind", &mut edited.kind, &kinds)
        });
        form.pick(ui, "owner", |ui| {
            id_choice(ui, "Owner", &mut edited.owner, "— no owner —", &teams)
        });
        form.row(ui, "exposure_per_hour", "Exposure / hour", |ui| {
            optional_number(
                ui,
                &mut edited.exposure_per_hour,
                "not set",
                10_000.0,
                |v| {
                    DragValue::new(v)
                        .range(0.0..=1e12)
                        .speed(100.0)
                        .prefix(format!("{currency} "))
                        .custom_formatter(|v, _| crate::format::grouped(v))
                        .custom_parser(crate::format::parse_grouped)
                },
            )
        });
        form.row(ui, "availability", "Availability", |ui| {
            optional_number(
                ui,
                &mut edited.availability,
                "from exposure bands",
                99.0,
                |v| {
                    DragValue::new(v)
                        .range(0.01..=100.0)
                        .speed(0.01)
                        .max_decimals(4)
                        .suffix(" %")
                },
            )
        });
        let demands = labelled(&Demand::ALL, Demand::label);
        form.pick(ui, "demand", |ui| {
            choice(ui, "Feature demand", &mut edited.demand, &demands)
        });
        form.row(ui, "callouts_per_year", "Callouts / year", |ui| {
            ui.add(
                DragValue::new(&mut edited.callouts_per_year)
                    .range(0.0..=100_000.0)
                    .speed(0.1),
            )
        });
        form.pick(ui, "operating_model", |ui| {
            choice(ui, "Operating model", &mut edited.operating_model, &models)
        });
        form.pick(ui, "out_of_hours", |ui| {
            choice(ui, "Out of hours", &mut edited.out_of_hours, &levels)
        });
        let lifecycles = labelled(&Lifecycle::ALL, Lifecycle::label);
        form.pick(ui, "lifecycle", |ui| {
            choice(ui, "Lifecycle", &mut edited.lifecycle, &lifecycles)
        });
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
    commit_field(doc, ("service", id, &original.name), changed, |model| {
        actions::update_service_and_place(model, edited)
    });
    compliance::tags(ui, doc, id);
    dependencies(ui, doc, id);
    if let Some(figures) = doc.analysis.service(id).cloned() {
        explain_service(ui, doc, &figures);
    }
    let related = fixes::findings_about_service(&doc.analysis, id)
        .into_iter()
        .cloned()
        .collect();
    findings_about(ui, doc, related);
}

fn dependencies(ui: &mut Ui, doc: &mut Document, id: &str) {
    ui.add_space(8.0);
    ui.label(RichText::new("Depends on").strong());
    let depends_on: Vec<String> = doc
        .model
        .dependencies
        .iter()
        .filter(|d| d.from == id)
        .map(|d| d.to.clone())
        .collect();
    if depends_on.is_empty() {
        ui.label(RichText::new("nothing").color(theme::MUTED_INK));
    }
    for to in &depends_on {
        ui.horizontal(|ui| {
            if ui
                .small_button("🗙")
                .on_hover_text("Remove this dependency")
                .clicked()
            {
                let label = format!(
                    "{} no longer depends on {}",
                    doc.model.display_name(id),
                    doc.model.display_name(to)
                );
                doc.request(&label, actions::remove_dependency(&doc.model, id, to), None);
            }
            if ui
                .link(entity_label(doc.model.display_name(to), to))
                .clicked()
            {
                doc.select_and_centre(Selection::Entity(to.clone()));
            }
        });
    }
    let mut new_dependency: Option<String> = None;
    let candidates: Vec<(String, String)> = doc
        .model
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
            doc.model.display_name(id),
            doc.model.display_name(&to)
        );
        doc.request(&label, actions::add_dependency(&doc.model, id, &to), None);
    }
    let used_by: Vec<String> = doc
        .model
        .dependencies
        .iter()
        .filter(|d| d.to == id)
        .map(|d| d.from.clone())
        .collect();
    if !used_by.is_empty() {
        ui.label(RichText::new("Depended on by").strong());
        for from in used_by {
            if ui
                .link(entity_label(doc.model.display_name(&from), &from))
                .clicked()
            {
                doc.select_and_centre(Selection::Entity(from));
            }
        }
    }
}

/// Why the service is where it is: each figure with where it comes from.
fn explain_service(ui: &mut Ui, doc: &mut Document, figures: &ServiceFigures) {
    ui.add_space(10.0);
    ui.label(RichText::new("Why it is where it is").strong());
    let (fill, stroke) = theme::cover_colours(figures.cover);
    egui::Frame::new()
        .fill(fill)
        .stroke(egui::Stroke::new(1.0, stroke))
        .corner_radius(6.0)
        .inner_margin(8.0)
        .show(ui, |ui| {
            let rows = explain::service_rows(&doc.analysis, figures, &doc.model.settings.currency);
            for (label, value) in rows {
                ui.horizontal_wrapped(|ui| {
                    ui.label(RichText::new(format!("{label}:")).color(theme::MUTED_INK));
                    ui.label(RichText::new(value).color(theme::INK));
                });
            }
        });
}

/// The findings about the selection, each with its one-click fixes behind a toggle.
fn findings_about(ui: &mut Ui, doc: &mut Document, related: Vec<Finding>) {
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
                let open = fix_list::toggle(ui, doc, finding, "inspector");
                ui.add(egui::Label::new(finding.message.to_string()).wrap());
                open
            })
            .inner;
        if open && let Some(fix) = fix_list::list(ui, doc, finding) {
            apply = Some(fix);
        }
    }
    if let Some(fix) = apply {
        doc.request(&fix.label, Ok(fix.edit), None);
    }
}

fn team(ui: &mut Ui, doc: &mut Document, id: &str) {
    let Some(original) = doc.model.team(id).cloned() else {
        return;
    };
    heading(
        ui,
        &format!("{} team", original.kind.label()),
        &original.name,
    );
    let domains = domain_options(&doc.model);
    let mut edited: Team = original.clone();
    let changed = entity_form(ui, doc, id, &mut edited.name, |ui, form| {
        let kinds = labelled(&TeamKind::ALL, TeamKind::label);
        form.pick(ui, "kind", |ui| {
            choice(ui, "Kind", &mut edited.kind, &kinds)
        });
        form.row(ui, "members", "Members", |ui| {
            ui.add(
                DragValue::new(&mut edited.members)
                    .range(0..=1000)
                    .speed(0.1),
            )
        });
        form.pick(ui, "domain", |ui| {
            id_choice(ui, "Domain", &mut edited.domain, "— no domain —", &domains)
        });
    });
    commit_field(doc, ("team", id, &original.name), changed, |model| {
        actions::update_team_and_place(model, edited)
    });

    ui.add_space(8.0);
    for line in explain::team_lines(&doc.analysis, id, &doc.model.settings.currency) {
        ui.label(line);
    }
    ui.add_space(6.0);
    ui.label(RichText::new("Services").strong());
    let owned: Vec<(String, String)> = doc
        .model
        .services
        .iter()
        .filter(|s| s.owner.as_deref() == Some(id))
        .map(|s| (s.id.clone(), entity_label(&s.name, &s.id)))
        .collect();
    if owned.is_empty() {
        ui.label(RichText::new("none yet").color(theme::MUTED_INK));
    }
    for (service, label) in owned {
        if ui.link(label).clicked() {
            doc.select_and_centre(Selection::Entity(service));
        }
    }
    interactions(ui, doc, id);
    let related = doc
        .analysis
        .findings
        .iter()
        .filter(|f| &*f.subject == id)
        .cloned()
        .collect();
    findings_about(ui, doc, related);
}

fn interactions(ui: &mut Ui, doc: &mut Document, id: &str) {
    ui.add_space(6.0);
    ui.label(RichText::new("Interactions").strong());
    let current: Vec<(String, String, InteractionMode)> = doc
        .model
        .interactions
        .iter()
        .filter(|i| i.from == id || i.to == id)
        .map(|i| (i.from.clone(), i.to.clone(), i.mode))
        .collect();
    for (from, to, mode) in &current {
        let other = if from == id { to } else { from };
        ui.horizontal(|ui| {
            if ui
                .small_button("🗙")
                .on_hover_text("Remove this interaction")
                .clicked()
            {
                let label = format!(
                    "{} no longer works with {}",
                    doc.model.display_name(from),
                    doc.model.display_name(to)
                );
                doc.request(
                    &label,
                    actions::remove_interaction(&doc.model, from, to),
                    None,
                );
            }
            ui.colored_label(theme::interaction_colour(*mode), mode.label());
            ui.label("with");
            if ui.link(doc.model.display_name(other).to_owned()).clicked() {
                doc.select_and_centre(Selection::Entity(other.clone()));
            }
        });
    }
    let candidates: Vec<(String, String)> = doc
        .model
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
            actions::add_interaction(&doc.model, id, &partner, InteractionMode::Collaboration);
        let label = format!(
            "{} collaborates with {}",
            doc.model.display_name(id),
            doc.model.display_name(&partner)
        );
        doc.request(&label, edit, None);
        doc.canvas.show_interactions = true;
    }
}

fn domain(ui: &mut Ui, doc: &mut Document, id: &str) {
    let Some(original) = doc.model.domain(id).cloned() else {
        return;
    };
    heading(ui, "Domain", &original.name);
    let mut edited = original.clone();
    let changed = entity_form(ui, doc, id, &mut edited.name, |_, _| {});
    commit_field(doc, ("domain", id, &original.name), changed, |model| {
        actions::update_domain(model, edited)
    });
    let currency = doc.model.settings.currency.clone();
    ui.add_space(8.0);
    if let Some(figures) = doc.analysis.domain(id) {
        ui.label(format!(
            "Teams' line items: {} a year",
            money(figures.annual_cost, &currency)
        ));
    }
    match doc.analysis.rota(&format!("domain:{id}")) {
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
    ui.add_space(6.0);
    ui.label(RichText::new("Teams").strong());
    let teams: Vec<(String, String)> = doc
        .model
        .teams
        .iter()
        .filter(|t| t.domain.as_deref() == Some(id))
        .map(|t| (t.id.clone(), entity_label(&t.name, &t.id)))
        .collect();
    if teams.is_empty() {
        ui.label(
            RichText::new("none yet: set a team's domain, or connect a team to this domain")
                .color(theme::MUTED_INK),
        );
    }
    for (team, label) in teams {
        if ui.link(label).clicked() {
            doc.select_and_centre(Selection::Entity(team));
        }
    }
}

fn relation_heading(ui: &mut Ui, doc: &mut Document, kind: &str, from: &str, verb: &str, to: &str) {
    heading(ui, kind, "");
    ui.horizontal_wrapped(|ui| {
        if ui.link(doc.model.display_name(from).to_owned()).clicked() {
            doc.select_and_centre(Selection::Entity(from.to_owned()));
        }
        ui.label(verb);
        if ui.link(doc.model.display_name(to).to_owned()).clicked() {
            doc.select_and_centre(Selection::Entity(to.to_owned()));
        }
    });
    ui.add_space(8.0);
}

fn dependency(ui: &mut Ui, doc: &mut Document, from: &str, to: &str) {
    relation_heading(ui, doc, "Dependency", from, "depends on", to);
    let (a, b) = (
        doc.analysis.service(from).map(|s| s.availability),
        doc.analysis.service(to).map(|s| s.availability),
    );
    if let (Some(a), Some(b)) = (a, b) {
        let colour = if b < a { theme::AMBER } else { theme::INK };
        ui.colored_label(colour, format!("{} → {}", percent(a), percent(b)));
    }
}

fn ownership(ui: &mut Ui, doc: &mut Document, service: &str) {
    let Some(owner) = doc.model.service(service).and_then(|s| s.owner.clone()) else {
        return;
    };
    relation_heading(ui, doc, "Ownership", &owner, "owns", service);
}

fn interaction(ui: &mut Ui, doc: &mut Document, from: &str, to: &str) {
    relation_heading(ui, doc, "Interaction", from, "works with", to);
    let Some((index, current)) = doc
        .model
        .interactions
        .iter()
        .enumerate()
        .find(|(_, i)| i.from == from && i.to == to)
    else {
        return;
    };
    let mut edited = current.clone();
    let modes: Vec<(InteractionMode, String)> = InteractionMode::ALL
        .iter()
        .map(|m| (*m, m.label().to_owned()))
        .collect();
    if choice(ui, "Mode", &mut edited.mode, &modes) {
        let edit = Edit::Replace {
            index,
            entity: crate::edit::Entity::Interaction(edited),
        };
        doc.request("Change interaction mode", Ok(edit), None);
    }
}
