//! Modal dialogs: errors, unsaved changes, "compare with", replacing a file, a file changed
//! on disk, and a hand-written file; the built-in file prompt (`path.rs`), the export dialog
//! (`export.rs`), recovered work (`recover.rs`) and what an import left not assessed
//! (`assess.rs`). Each only draws and turns the user's
//! choice into an [`Answer`] command; what is typed into a dialog is kept in a [`Draft`]
//! until the dialog closes.

mod assess;
mod export;
mod path;
mod recover;

use egui::{Id, Key, Modal, RichText, Ui};

use std::path::PathBuf;

use crate::app::state::{Answer, Command, Dialog, DocumentId, ExportFormat, Pending, Workspace};
use crate::app::views::theme;
use crate::compare::MOST_MODELS;
use crate::format::count;

/// What is typed into the open dialog: a path, why it was refused, and the chosen format.
#[derive(Clone, Debug, Default)]
pub struct Draft {
    text: String,
    problem: Option<String>,
    format: Option<ExportFormat>,
}

impl Draft {
    /// A fresh draft, holding what `dialog` first offers.
    fn offered_by(dialog: &Dialog) -> Draft {
        match dialog {
            Dialog::Path { suggested, .. } => Draft {
                text: suggested.clone(),
                ..Draft::default()
            },
            Dialog::Export {
                format, suggested, ..
            } => Draft {
                text: suggested.clone(),
                format: Some(*format),
                ..Draft::default()
            },
            _ => Draft::default(),
        }
    }
}

fn pressed(ui: &Ui, key: Key) -> bool {
    ui.input(|i| i.key_pressed(key))
}

/// Whether `button` was clicked, or `key` (Enter for the answer a dialog leads with, Escape
/// for the one that puts it off) pressed for it.
fn chosen(button: &egui::Response, key: Key) -> bool {
    button.clicked() || button.ctx.input(|i| i.key_pressed(key))
}

fn doc_name(ws: &Workspace, id: DocumentId) -> String {
    ws.document(id)
        .map_or_else(String::new, |d| d.model().name.clone())
}

/// A Cancel button that Escape also presses.
fn cancel(ui: &mut Ui, answer: &mut Option<Answer>) {
    if chosen(&ui.button("Cancel"), Key::Escape) {
        *answer = Some(Answer::Close);
    }
}

/// What is in the way of a save, for [`save_over`]: a file (with the words of the button
/// that replaces it, and a tooltip for Save elsewhere…), or a file changed on disk, which can
/// also be reloaded.
enum Over<'a> {
    File(&'a str, Option<&'a str>),
    ChangedFile,
}

/// The answers to saving over a file: replace it, reload it (a file changed on disk), save
/// elsewhere, or cancel.
fn save_over(
    ui: &mut Ui,
    (doc, path, then): (DocumentId, &PathBuf, &Option<Pending>),
    over: Over,
) -> Option<Answer> {
    let mut answer = None;
    let (replace, elsewhere_tip) = match over {
        Over::File(replace, tip) => (replace, tip),
        Over::ChangedFile => ("Overwrite", None),
    };
    ui.add_space(10.0);
    ui.horizontal(|ui| {
        if ui.button(replace).clicked() {
            answer = Some(Answer::Replace {
                doc,
                path: path.clone(),
                then: then.clone(),
            });
        }
        if matches!(over, Over::ChangedFile)
            && ui
                .button("Reload")
                .on_hover_text("Open what is on disk now; your changes are dropped")
                .clicked()
        {
            answer = Some(Answer::ReloadFromDisk { doc });
        }
        let elsewhere = ui.button("Save elsewhere…");
        let elsewhere = match elsewhere_tip {
            Some(tip) => elsewhere.on_hover_text(tip),
            None => elsewhere,
        };
        if elsewhere.clicked() {
            answer = Some(Answer::SaveElsewhere {
                doc,
                then: then.clone(),
            });
        }
        cancel(ui, &mut answer);
    });
    answer
}

/// Draws the open dialog, if any, with what was typed into it so far (`kept`, if it was
/// typed into this same dialog); returns what is typed now, and sends the answer given.
pub fn show(
    ctx: &egui::Context,
    ws: &Workspace,
    kept: Option<(u64, Draft)>,
) -> Option<(u64, Draft)> {
    let dialog = ws.dialog()?;
    let serial = ws.dialog_serial();
    let mut draft = match kept {
        Some((drawn, draft)) if drawn == serial => draft,
        _ => Draft::offered_by(dialog),
    };
    let mut answer: Option<Answer> = None;
    Modal::new(Id::new("opmodel-dialog")).show(ctx, |ui| {
            ui.set_max_width(560.0);
            match dialog {
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
                Dialog::Path { purpose, .. } => answer = path::prompt(ui, ws, purpose, &mut draft),
                Dialog::CompareWith { doc } => {
                    let doc = *doc;
                    ui.heading(format!("Compare “{}” with…", doc_name(ws, doc)));
                    ui.add_space(6.0);
                    let others: Vec<(DocumentId, String)> = ws
                        .documents()
                        .iter()
                        .filter(|d| d.id() != doc)
                        .map(|d| (d.id(), format!("{} ({})", d.model().name, d.file_label())))
                        .collect();
                    if others.is_empty() {
                        ui.label(RichText::new("No other model is open.").color(theme::MUTED_INK));
                    }
                    let all: Vec<DocumentId> = std::iter::once(doc)
                        .chain(others.iter().map(|(other, _)| *other))
                        .take(MOST_MODELS)
                        .collect();
                    for (other, label) in others {
                        if ui.button(label).clicked() {
                            answer = Some(Answer::Compare(vec![doc, other]));
                        }
                    }
                    if all.len() > 2 {
                        ui.add_space(4.0);
                        if ui
                            .button(format!("All {} side by side", count(all.len(), "model", "models")))
                            .on_hover_text("This model is the baseline; at most 8 models")
                            .clicked()
                        {
                            answer = Some(Answer::Compare(all));
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
                    let over = Over::File("Replace", None);
                    answer = save_over(ui, (*doc, path, then), over);
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
                    let keep = "Keep the hand-written file as it is";
                    answer = save_over(ui, (*doc, path, then), Over::File("Save anyway", Some(keep)));
                }
                Dialog::Conflict { doc, path, then } => {
                    ui.heading("The file changed on disk");
                    ui.label(format!(
                        "{} was changed by another program since you opened or saved it. Saving now would throw those changes away.",
                        path.display()
                    ));
                    answer = save_over(ui, (*doc, path, then), Over::ChangedFile);
                }
                Dialog::Recover => answer = recover::offer(ui, ws),
                Dialog::NotAssessed { doc } => answer = assess::prompt(ui, ws, *doc),
                Dialog::Export { source, .. } => {
                    answer = export::dialog(ui, ws, *source, &mut draft);
                }
            }
        });
    if let Some(answer) = answer {
        ws.push(Command::Answer(answer));
    }
    Some((serial, draft))
}
