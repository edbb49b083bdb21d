//! The built-in file prompt, where no desktop file dialog is available: a path typed (or
//! picked from the models nearby) for opening, saving as, or importing.

use std::path::PathBuf;

use egui::{Id, Key, RichText, Ui};

use super::{Draft, cancel, pressed};
use crate::app::state::{Answer, Purpose, Workspace};
use crate::app::views::theme;

/// The built-in file prompt. It takes the keyboard focus as it opens, so the path can be
/// typed (or Enter pressed) at once.
pub(super) fn prompt(
    ui: &mut Ui,
    ws: &Workspace,
    purpose: &Purpose,
    draft: &mut Draft,
) -> Option<Answer> {
    let Draft { text, problem, .. } = draft;
    let mut answer = None;
    let saving = matches!(purpose, Purpose::SaveAs { .. } | Purpose::NewRoadmap);
    let importing = matches!(purpose, Purpose::Import);
    let (heading, what, button) = match (saving, importing) {
        _ if *purpose == Purpose::NewRoadmap => (
            "Save the new roadmap as",
            "Path of the .roadmap.ron file",
            "Save",
        ),
        (true, _) => ("Save the model as", "Path of the .ron file", "Save"),
        (_, true) => (
            "Import a Backstage catalog or a CSV sheet",
            "Path of a .yaml, .yml or .csv file, or of a folder of catalog files",
            "Import",
        ),
        _ => ("Open a model", "Path of the .ron file", "Open"),
    };
    ui.heading(heading);
    let enter = path_field(ui, what, text, "path-field");
    if let Some(problem) = problem.as_ref() {
        ui.colored_label(theme::RED, problem.as_str());
    }
    if !saving && !importing {
        let nearby = ws.recent().nearby_models();
        if !nearby.is_empty() {
            ui.label(RichText::new("Models nearby:").color(theme::MUTED_INK));
            egui::ScrollArea::vertical()
                .max_height(160.0)
                .show(ui, |ui| {
                    for path in nearby {
                        if ui.link(path.display().to_string()).clicked() {
                            // A click opens it: the link names a model that exists.
                            *text = path.display().to_string();
                            answer = Some(Answer::PathChosen {
                                purpose: purpose.clone(),
                                path: path.clone(),
                            });
                        }
                    }
                });
        }
    }
    ui.add_space(8.0);
    ui.horizontal(|ui| {
        let confirm = (ui.button(button).clicked() || enter) && answer.is_none();
        if confirm {
            let path = PathBuf::from(text.trim());
            if text.trim().is_empty() {
                *problem = Some("Type the path of a file.".to_owned());
            } else if importing && !path.exists() {
                *problem = Some(format!("There is no file or folder at {}.", path.display()));
            } else if !saving && !importing && !path.is_file() {
                *problem = Some(format!("There is no file at {}.", path.display()));
            } else {
                answer = Some(Answer::PathChosen {
                    purpose: purpose.clone(),
                    path,
                });
            }
        }
        cancel(ui, &mut answer);
    });
    answer
}

/// A one-line field for a path under its label, and whether Enter was pressed in it: read
/// at once, before the field asks for the focus again, which would clear "lost focus". The
/// field takes the keyboard whenever nothing else has it, so after a refused path the user
/// types on at once.
pub(super) fn path_field(ui: &mut egui::Ui, label: &str, text: &mut String, id: &str) -> bool {
    let label = ui.label(label).id;
    let field = ui
        .add(
            egui::TextEdit::singleline(text)
                .desired_width(520.0)
                .id(Id::new(id)),
        )
        .labelled_by(label);
    let enter = field.lost_focus() && pressed(ui, Key::Enter);
    if !field.has_focus() && ui.memory(|m| m.focused().is_none()) {
        field.request_focus();
    }
    enter
}
