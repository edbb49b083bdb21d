//! Modal dialogs: errors, unsaved changes, the built-in file prompt, "compare with",
//! replacing a file, a file changed on disk, and recovered work. Each only draws and turns
//! the user's choice into an [`Answer`] command.

use std::path::PathBuf;
use std::time::SystemTime;

use egui::{Id, Key, Modal, RichText, Ui};

use super::workspace::{Answer, Command, Dialog, Purpose, Workspace};
use super::{OpmodelApp, theme, transfer_view};
use crate::files::recovery;

fn pressed(ui: &Ui, key: Key) -> bool {
    ui.input(|i| i.key_pressed(key))
}

fn doc_name(ws: &Workspace, id: u64) -> String {
    ws.document(id)
        .map_or_else(String::new, |d| d.model.name.clone())
}

/// A Cancel button that Escape also presses.
fn cancel(ui: &mut Ui, answer: &mut Option<Answer>) {
    if ui.button("Cancel").clicked() || pressed(ui, Key::Escape) {
        *answer = Some(Answer::Close);
    }
}

impl OpmodelApp {
    pub(super) fn dialogs(&mut self, ctx: &egui::Context) {
        let Some(mut dialog) = self.workspace.dialog.take() else {
            return;
        };
        let mut answer: Option<Answer> = None;
        let ws = &self.workspace;
        Modal::new(Id::new("opmodel-dialog")).show(ctx, |ui| {
            ui.set_max_width(560.0);
            match &mut dialog {
                Dialog::Error { title, message } => {
                    ui.heading(title.as_str());
                    ui.add_space(6.0);
                    ui.label(message.as_str());
                    ui.add_space(10.0);
                    if ui.button("OK").clicked() || pressed(ui, Key::Enter) || pressed(ui, Key::Escape)
                    {
                        answer = Some(Answer::Close);
                    }
                }
                Dialog::Unsaved { doc, then } => {
                    ui.heading("Save changes?");
                    ui.label(format!(
                        "“{}” has changes that are not saved.",
                        doc_name(ws, *doc)
                    ));
                    ui.add_space(10.0);
                    ui.horizontal(|ui| {
                        if ui.button("Save").clicked() {
                            answer = Some(Answer::SaveFirst {
                                doc: *doc,
                                then: then.clone(),
                            });
                        }
                        if ui.button("Don't save").clicked() {
                            answer = Some(Answer::Discard {
                                doc: *doc,
                                then: then.clone(),
                            });
                        }
                        cancel(ui, &mut answer);
                    });
                }
                Dialog::Path {
                    purpose,
                    text,
                    problem,
                } => answer = path_prompt(ui, ws, purpose, text, problem),
                Dialog::CompareWith { doc } => {
                    let doc = *doc;
                    ui.heading(format!("Compare “{}” with…", doc_name(ws, doc)));
                    ui.add_space(6.0);
                    let others: Vec<(u64, String)> = ws
                        .documents
                        .iter()
                        .filter(|d| d.id != doc)
                        .map(|d| (d.id, format!("{} ({})", d.model.name, d.file_label())))
                        .collect();
                    if others.is_empty() {
                        ui.label(RichText::new("No other model is open.").color(theme::MUTED_INK));
                    }
                    for (other, label) in others {
                        if ui.button(label).clicked() {
                            answer = Some(Answer::Compare { a: doc, b: other });
                        }
                    }
                    ui.separator();
                    ui.horizontal(|ui| {
                        if ui.button("Open a file…").clicked() {
                            answer = Some(Answer::CompareWithFile { doc });
                        }
                        cancel(ui, &mut answer);
                    });
                }
                Dialog::ConfirmReplace { doc, path, then } => {
                    ui.heading("Replace the file?");
                    ui.label(format!(
                        "{} already exists. Replacing it overwrites what it holds with “{}”.",
                        path.display(),
                        doc_name(ws, *doc)
                    ));
                    ui.add_space(10.0);
                    ui.horizontal(|ui| {
                        let replace = ui.button("Replace");
                        if replace.clicked() {
                            answer = Some(Answer::Replace {
                                doc: *doc,
                                path: path.clone(),
                                then: then.clone(),
                            });
                        }
                        if ui.button("Save elsewhere…").clicked() {
                            answer = Some(Answer::SaveElsewhere {
                                doc: *doc,
                                then: then.clone(),
                            });
                        }
                        cancel(ui, &mut answer);
                    });
                }
                Dialog::DropsHandWritten {
                    doc,
                    path,
                    then,
                    parts,
                } => {
                    ui.heading("Save over a hand-written file?");
                    let what = match (parts.comments, parts.header) {
                        (0, _) => "its `#![enable(implicit_some)]` header".to_owned(),
                        (n, false) => crate::format::count(n, "comment", "comments"),
                        (n, true) => format!(
                            "{} and its `#![enable(implicit_some)]` header",
                            crate::format::count(n, "comment", "comments")
                        ),
                    };
                    ui.label(format!(
                        "{} was written by hand. Opmodel writes the model in its own layout, so saving drops {what}. The model itself is kept whole.",
                        path.display()
                    ));
                    ui.add_space(10.0);
                    ui.horizontal(|ui| {
                        if ui.button("Save anyway").clicked() {
                            answer = Some(Answer::Replace {
                                doc: *doc,
                                path: path.clone(),
                                then: then.clone(),
                            });
                        }
                        if ui
                            .button("Save elsewhere…")
                            .on_hover_text("Keep the hand-written file as it is")
                            .clicked()
                        {
                            answer = Some(Answer::SaveElsewhere {
                                doc: *doc,
                                then: then.clone(),
                            });
                        }
                        cancel(ui, &mut answer);
                    });
                }
                Dialog::Conflict { doc, path, then } => {
                    ui.heading("The file changed on disk");
                    ui.label(format!(
                        "{} was changed by another program since you opened or saved it. Saving now would throw those changes away.",
                        path.display()
                    ));
                    ui.add_space(10.0);
                    ui.horizontal(|ui| {
                        if ui.button("Overwrite").clicked() {
                            answer = Some(Answer::Replace {
                                doc: *doc,
                                path: path.clone(),
                                then: then.clone(),
                            });
                        }
                        if ui
                            .button("Reload")
                            .on_hover_text("Open what is on disk now; your changes are dropped")
                            .clicked()
                        {
                            answer = Some(Answer::ReloadFromDisk { doc: *doc });
                        }
                        if ui.button("Save elsewhere…").clicked() {
                            answer = Some(Answer::SaveElsewhere {
                                doc: *doc,
                                then: then.clone(),
                            });
                        }
                        cancel(ui, &mut answer);
                    });
                }
                Dialog::Recover => answer = recover(ui, ws),
                Dialog::Export {
                    doc,
                    format,
                    text,
                    problem,
                } => answer = transfer_view::export_dialog(ui, ws, *doc, format, text, problem),
            }
        });
        let keeps_open = matches!(
            answer,
            None | Some(Answer::Restore(_) | Answer::DiscardRecovered(_))
        );
        if keeps_open {
            self.workspace.dialog = Some(dialog);
        }
        if let Some(answer) = answer {
            self.workspace.push(Command::Answer(answer));
        }
    }
}

/// The built-in file prompt. It takes the keyboard focus as it opens, so the path can be
/// typed (or Enter pressed) at once.
fn path_prompt(
    ui: &mut Ui,
    ws: &Workspace,
    purpose: &Purpose,
    text: &mut String,
    problem: &mut Option<String>,
) -> Option<Answer> {
    let mut answer = None;
    let saving = matches!(purpose, Purpose::SaveAs { .. });
    let importing = matches!(purpose, Purpose::Import);
    let (heading, what, button) = match (saving, importing) {
        (true, _) => ("Save the model as", "Path of the .ron file", "Save"),
        (_, true) => (
            "Import a Backstage catalog or a CSV sheet",
            "Path of a .yaml, .yml or .csv file, or of a folder of catalog files",
            "Import",
        ),
        _ => ("Open a model", "Path of the .ron file", "Open"),
    };
    ui.heading(heading);
    let label = ui.label(what).id;
    let field = ui
        .add(
            egui::TextEdit::singleline(text)
                .desired_width(520.0)
                .id(Id::new("path-field")),
        )
        .labelled_by(label);
    // Read before asking for the focus again, which would clear "lost focus".
    let enter = field.lost_focus() && pressed(ui, Key::Enter);
    if !field.has_focus() && ui.memory(|m| m.focused().is_none()) {
        field.request_focus();
    }
    if let Some(problem) = problem.as_ref() {
        ui.colored_label(theme::RED, problem.as_str());
    }
    if !saving && !importing {
        let nearby = ws.recent.nearby_models();
        if !nearby.is_empty() {
            ui.label(RichText::new("Models nearby:").color(theme::MUTED_INK));
            egui::ScrollArea::vertical()
                .max_height(160.0)
                .show(ui, |ui| {
                    for path in nearby {
                        if ui.link(path.display().to_string()).clicked() {
                            *text = path.display().to_string();
                        }
                    }
                });
        }
    }
    ui.add_space(8.0);
    ui.horizontal(|ui| {
        let confirm = ui.button(button).clicked() || enter;
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

/// The offer to restore work left by an editor that did not exit cleanly.
fn recover(ui: &mut Ui, ws: &Workspace) -> Option<Answer> {
    let mut answer = None;
    ui.heading("Recover unsaved work?");
    ui.label(
        "Opmodel did not close normally last time. These models had changes that were not saved:",
    );
    ui.add_space(6.0);
    let now = SystemTime::now();
    egui::ScrollArea::vertical()
        .max_height(360.0)
        .show(ui, |ui| {
            for session in &ws.autosave.stale {
                for tab in &session.tabs {
                    let snapshot = &tab.snapshot;
                    ui.group(|ui| {
                        ui.set_min_width(520.0);
                        ui.label(RichText::new(&snapshot.name).strong());
                        let file = snapshot
                            .path
                            .as_ref()
                            .map_or_else(|| "never saved".to_owned(), |p| p.display().to_string());
                        ui.label(RichText::new(file).color(theme::MUTED_INK));
                        ui.horizontal(|ui| {
                            ui.label(format!("saved {}", recovery::age(snapshot.saved_at, now)));
                            if ui.button("Restore").clicked() {
                                answer = Some(Answer::Restore(tab.file.clone()));
                            }
                            if ui
                                .button("Discard")
                                .on_hover_text("Delete this copy for good")
                                .clicked()
                            {
                                answer = Some(Answer::DiscardRecovered(tab.file.clone()));
                            }
                        });
                    });
                }
            }
        });
    ui.add_space(10.0);
    ui.horizontal(|ui| {
        if ui.button("Restore all").clicked() {
            answer = Some(Answer::RestoreAll);
        }
        if ui.button("Discard all").clicked() {
            answer = Some(Answer::DiscardAll);
        }
        if ui
            .button("Decide later")
            .on_hover_text("Keep the copies and ask again at the next start")
            .clicked()
            || pressed(ui, Key::Escape)
        {
            answer = Some(Answer::DecideLater);
        }
    });
    answer
}
