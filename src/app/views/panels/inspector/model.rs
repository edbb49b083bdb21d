//! The inspector with nothing selected: the model's name and description, its size, the way
//! to its settings, and a hint for getting started.

use egui::{RichText, TextEdit, Ui};

use super::super::DocView;
use super::form::{heading, seal_when_done};
use crate::app::state::UiCommand;
use crate::app::views::theme;
use crate::edit::actions;
use crate::format::count;

pub(super) fn model_info(ui: &mut Ui, dv: DocView) {
    heading(ui, "Model", &dv.model().name);
    let (mut name, mut description) = (dv.model().name.clone(), dv.model().description.clone());
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
        dv.edit(
            "Edit model details",
            Ok(actions::set_info(&name, &description)),
            Some(key.to_owned()),
        );
    }
    seal_when_done(dv, &name_response);
    seal_when_done(dv, &description_response);
    ui.add_space(8.0);
    let model = dv.model();
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
        dv.tx.ui(UiCommand::Settings);
    }
    ui.add_space(12.0);
    ui.label(RichText::new("Select a team, service or domain on the canvas to edit it; Shift+click, or drag over empty canvas, to select several. Press T, S or D to add one and type its name; C to connect two. Drag with the middle button, or with Space held, to pan. Ctrl+Shift+P lists every command.").color(theme::MUTED_INK));
}
