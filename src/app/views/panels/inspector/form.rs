//! What every form of the inspector is made of: headings, the id field (checked as it is
//! typed, applied with every reference on Enter), combo boxes over values and ids, optional
//! numbers, and [`Form`], which turns a changed field into one undoable edit per field.

use egui::{ComboBox, DragValue, Grid, RichText, TextEdit, Ui};

use super::super::DocView;
use crate::app::views::canvas::NAME_TABBED_OUT;
use crate::app::views::theme;
use crate::edit::{Edit, actions};
use crate::format::entity_label;
use crate::model::Model;

/// The widest the value column gets, on a wide panel.
const FIELD_WIDTH: f32 = 170.0;

/// The narrowest the value column gets, on a panel dragged narrow.
const NARROWEST_FIELD: f32 = 100.0;

/// The widest a form's label is drawn before it wraps onto a second line ("Peak exposure /
/// hour (GBP)" does).
const LABEL_WIDTH: f32 = 150.0;

/// Sizes the value column to what the panel leaves beside the labels, so that the panel
/// keeps its width whatever is selected; the text fields and lists take it from the style.
pub(super) fn fit_fields(ui: &mut Ui) {
    let field =
        (ui.available_width() - LABEL_WIDTH - COLUMN_GAP).clamp(NARROWEST_FIELD, FIELD_WIDTH);
    let spacing = ui.spacing_mut();
    spacing.text_edit_width = field;
    spacing.combo_width = field;
}

/// A form's label, wrapped within the label column.
pub(super) fn form_label(ui: &mut Ui, text: &str) -> egui::Response {
    ui.scope(|ui| {
        ui.set_max_width(LABEL_WIDTH);
        ui.add(egui::Label::new(text).wrap())
    })
    .inner
}

/// The value column's width, as [`fit_fields`] set it.
pub(super) fn field_width(ui: &Ui) -> f32 {
    ui.spacing().text_edit_width
}

/// The gap between a form's labels and its values.
pub(super) const COLUMN_GAP: f32 = 10.0;

/// Ends coalescing of a field's edits when the user lets go of it.
pub(super) fn seal_when_done(dv: DocView, response: &egui::Response) {
    if response.lost_focus() || response.drag_stopped() {
        dv.seal();
    }
}

pub(super) fn heading(ui: &mut Ui, kind: &str, title: &str) {
    ui.label(
        RichText::new(kind.to_uppercase())
            .small()
            .color(theme::MUTED_INK),
    );
    ui.add(egui::Label::new(RichText::new(title).heading()).wrap());
    ui.add_space(4.0);
}

/// The id field: checked as it is typed, applied (with every reference) on Enter or when
/// focus leaves.
pub(super) fn id_field(ui: &mut Ui, dv: DocView, id: &str, label: egui::Id) {
    let key = egui::Id::new(("id-field", dv.doc.id(), id.to_owned()));
    let mut text = ui
        .data(|d| d.get_temp::<String>(key))
        .unwrap_or_else(|| id.to_owned());
    let response = ui
        .add(TextEdit::singleline(&mut text).desired_width(field_width(ui)))
        .labelled_by(label);
    let problem = (text != id)
        .then(|| actions::check_id(dv.model(), &text).err())
        .flatten();
    if response.lost_focus() {
        ui.data_mut(|d| d.remove::<String>(key));
        if text != id && problem.is_none() {
            let label = format!("Rename {id} to {text}");
            dv.edit(&label, actions::rename(dv.model(), id, &text), None);
            // After the rename, in the same frame: only then is there a `text` to select.
            dv.select(Some(crate::app::state::Selection::Entity(text)));
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

/// A combo box over a fixed set of values.
pub(super) fn choice<T: Clone + PartialEq>(
    ui: &mut Ui,
    label: &str,
    value: &mut T,
    options: &[(T, String)],
) -> bool {
    let label = form_label(ui, label);
    let current = options
        .iter()
        .find(|(v, _)| v == value)
        .map_or_else(String::new, |(_, l)| l.clone());
    let mut changed = false;
    let response = ComboBox::from_id_salt(label.id)
        .selected_text(current)
        .width(field_width(ui))
        .truncate()
        .show_ui(ui, |ui| {
            for (option, text) in options {
                changed |= ui.selectable_value(value, option.clone(), text).changed();
            }
        })
        .response
        .labelled_by(label.id);
    focus_if_tabbed_to(ui, &response);
    changed
}

/// Gives `response` the keyboard when Tab has just left a name typed on the canvas: the
/// first field a form draws after the name takes it (see [`NAME_TABBED_OUT`]).
fn focus_if_tabbed_to(ui: &Ui, response: &egui::Response) {
    let key = egui::Id::new(NAME_TABBED_OUT);
    if ui.data_mut(|d| d.remove_temp::<bool>(key)).is_some() {
        response.request_focus();
    }
}

/// A combo box over optional team, domain or service ids, `none` first.
pub(super) fn id_choice(
    ui: &mut Ui,
    label: &str,
    value: &mut Option<String>,
    none: &str,
    options: &[(String, String)],
) -> bool {
    choice(ui, label, value, &or_none(none, options))
}

/// `options` as optional values, led by `none` for no value.
pub(super) fn or_none<T: Clone>(
    none: impl Into<String>,
    options: &[(T, String)],
) -> Vec<(Option<T>, String)> {
    let values = options
        .iter()
        .map(|(v, text)| (Some(v.clone()), text.clone()));
    std::iter::once((None, none.into())).chain(values).collect()
}

pub(super) fn team_options(model: &Model) -> Vec<(String, String)> {
    model
        .teams
        .iter()
        .map(|t| (t.id.clone(), entity_label(&t.name, &t.id)))
        .collect()
}

pub(super) fn domain_options(model: &Model) -> Vec<(String, String)> {
    model
        .domains
        .iter()
        .map(|d| (d.id.clone(), entity_label(&d.name, &d.id)))
        .collect()
}

/// An entity's fields in a two-column grid: which one changed this frame, and the widgets
/// whose edits merge into one undo step until the user lets go of them.
#[derive(Default)]
pub(super) struct Form {
    changed: Option<&'static str>,
    sealing: Vec<egui::Response>,
}

impl Form {
    /// A labelled text or number row.
    pub(super) fn row(
        &mut self,
        ui: &mut Ui,
        field: &'static str,
        label: &str,
        add: impl FnOnce(&mut Ui) -> egui::Response,
    ) {
        let label = form_label(ui, label).id;
        let response = add(ui).labelled_by(label);
        self.end_row(ui, field, response.changed(), Some(response));
    }

    /// A labelled row of a number dragged from nothing up to `most`.
    pub(super) fn drag_row<N: egui::emath::Numeric>(
        &mut self,
        ui: &mut Ui,
        (field, label): (&'static str, &str),
        value: &mut N,
        most: f64,
    ) {
        self.row(ui, field, label, |ui| {
            ui.add(DragValue::new(value).range(0.0..=most).speed(0.1))
        });
    }

    /// A labelled [`typed_number`] row.
    pub(super) fn number_row(
        &mut self,
        ui: &mut Ui,
        (field, label): (&'static str, &str),
        value: &mut Option<f64>,
        (unset, mixed): (&str, bool),
        range: std::ops::RangeInclusive<f64>,
    ) {
        let label = form_label(ui, label).id;
        let (response, changed) = typed_number(ui, label, value, (unset, mixed), range);
        focus_if_tabbed_to(ui, &response);
        self.end_row(ui, field, changed, Some(response));
    }

    /// A labelled [`choice`] row.
    pub(super) fn choice<T: Clone + PartialEq>(
        &mut self,
        ui: &mut Ui,
        (field, label): (&'static str, &str),
        value: &mut T,
        options: &[(T, String)],
    ) {
        let changed = choice(ui, label, value, options);
        self.end_row(ui, field, changed, None);
    }

    /// Ends a row: `field` is the one that changed, if it did, and `sealing` the widget whose
    /// edits merge into one undo step until it is let go.
    fn end_row(
        &mut self,
        ui: &mut Ui,
        field: &'static str,
        changed: bool,
        sealing: Option<egui::Response>,
    ) {
        if changed {
            self.changed = Some(field);
        }
        self.sealing.extend(sealing);
        ui.end_row();
    }
}

/// The id and name rows every entity has, then `rows`; returns the field that changed. A
/// new name is applied here, as [`actions::set_name`] does: an id that still follows the
/// name follows it, and the selection with it. Its keystrokes are one undo step, keyed by
/// kind rather than id, so the step holds together while the id changes under it.
pub(super) fn entity_form(
    ui: &mut Ui,
    dv: DocView,
    id: &str,
    name: &mut String,
    rows: impl FnOnce(&mut Ui, &mut Form),
) -> Option<&'static str> {
    let mut form = Form::default();
    let kind = dv.model().entity_kind(id);
    // Keyed by kind, not id: the name field keeps the keyboard while its id follows it.
    Grid::new(("entity-form", kind))
        .num_columns(2)
        .spacing([COLUMN_GAP, 8.0])
        .show(ui, |ui| {
            let label = form_label(ui, "Id").id;
            id_field(ui, dv, id, label);
            ui.end_row();
            form.row(ui, "name", "Name", |ui| {
                ui.add(TextEdit::singleline(name).desired_width(field_width(ui)))
            });
            rows(ui, &mut form);
        });
    // A form with no field after the name leaves the keyboard where Tab put it.
    ui.data_mut(|d| d.remove_temp::<bool>(egui::Id::new(NAME_TABBED_OUT)));
    for response in &form.sealing {
        seal_when_done(dv, response);
    }
    if form.changed != Some("name") {
        return form.changed;
    }
    let old = dv.model().display_name(id).to_owned();
    let label = format!("Rename {old}");
    let merge_key = kind.map(|k| format!("{}:name", k.label()));
    match actions::set_name(dv.model(), id, name) {
        Ok((edit, _)) => dv.edit(&label, Ok(edit), merge_key),
        Err(message) => dv.edit(&label, Err(message), None),
    }
    None
}

/// A number typed straight in, shown grouped (`500,000`); empty means none (`unset` says
/// what that means). While it has the keyboard, what is typed stays as typed; each entry
/// that reads as a number in `range`, or an empty one, changes `value`. `mixed` shows that
/// the selected entities differ. Returns whether `value` changed.
pub(super) fn typed_number(
    ui: &mut Ui,
    label: egui::Id,
    value: &mut Option<f64>,
    (unset, mixed): (&str, bool),
    range: std::ops::RangeInclusive<f64>,
) -> (egui::Response, bool) {
    let key = ui.id().with(("typed-number", label));
    let shown = || match value {
        Some(v) if !mixed => crate::format::grouped_decimal(*v),
        _ => String::new(),
    };
    let mut text = ui.data(|d| d.get_temp::<String>(key)).unwrap_or_else(shown);
    let hint = if mixed { "mixed" } else { unset };
    let response = ui
        .add(
            TextEdit::singleline(&mut text)
                .hint_text(RichText::new(hint).color(theme::MUTED_INK))
                .desired_width(field_width(ui)),
        )
        .labelled_by(label);
    let mut changed = false;
    if response.changed() {
        let typed = if text.trim().is_empty() {
            Some(None)
        } else {
            crate::format::parse_grouped(&text)
                .filter(|v| range.contains(v))
                .map(Some)
        };
        if let Some(typed) = typed
            && (typed != *value || mixed)
        {
            *value = typed;
            changed = true;
        }
    }
    if response.has_focus() {
        ui.data_mut(|d| d.insert_temp(key, text));
    } else {
        ui.data_mut(|d| d.remove::<String>(key));
    }
    (response, changed)
}

/// Asks for the edit of a changed field, as one undo step per field.
pub(super) fn commit_field(
    dv: DocView,
    (kind, id, name): (&str, &str, &str),
    field: Option<&str>,
    edit: impl FnOnce(&Model) -> Result<Edit, String>,
) {
    if let Some(field) = field {
        let label = format!("Change {} of {name}", crate::format::field_words(field));
        let edit = edit(dv.model());
        dv.edit(&label, edit, Some(format!("{kind}:{id}:{field}")));
    }
}

pub(super) fn labelled<T: Copy>(values: &[T], label: fn(T) -> &'static str) -> Vec<(T, String)> {
    values.iter().map(|v| (*v, label(*v).to_owned())).collect()
}

/// The links an inspector lists with a button that removes each.
pub(super) enum Link {
    Dependency,
    Interaction,
}

/// A small 🗙 button that removes the `link` `from` → `to`, in a step named as it reads: "Web
/// no longer works with Ops".
pub(super) fn remove_button(ui: &mut Ui, dv: DocView, link: Link, (from, to): (&str, &str)) {
    let (hint, verb, remove): (_, _, fn(&Model, &str, &str) -> _) = match link {
        Link::Dependency => ("dependency", "depends on", actions::remove_dependency),
        Link::Interaction => ("interaction", "works with", actions::remove_interaction),
    };
    let hint = format!("Remove this {hint}");
    if ui.small_button("🗙").on_hover_text(hint).clicked() {
        let model = dv.model();
        let (from_name, to_name) = (model.display_name(from), model.display_name(to));
        let label = format!("{from_name} no longer {verb} {to_name}");
        dv.edit(&label, remove(model, from, to), None);
    }
}

/// A heading over links to the entities `ids` (each shown as its label), a click selecting
/// and centring one; `empty` says why there are none.
pub(super) fn entity_links<'a>(
    ui: &mut Ui,
    dv: DocView,
    heading: &str,
    entities: impl Iterator<Item = (&'a String, &'a String)>,
    empty: &str,
) {
    ui.add_space(6.0);
    ui.label(RichText::new(heading).strong());
    let mut none = true;
    for (id, name) in entities {
        none = false;
        if ui.link(entity_label(name, id)).clicked() {
            dv.pick(ui, id);
        }
    }
    if none {
        ui.label(RichText::new(empty).color(theme::MUTED_INK));
    }
}
