//! Modal dialogs: errors, unsaved changes, the built-in file prompt and "compare with".

use std::path::PathBuf;

use egui::{Id, Modal, RichText};

use super::{AfterDialog, Dialog, OpmodelApp, Purpose, theme};

impl OpmodelApp {
    pub(super) fn dialogs(&mut self, ctx: &egui::Context) {
        let Some(dialog) = self.dialog.take() else {
            return;
        };
        let mut keep = true;
        let mut then: Option<AfterDialog> = None;
        let doc_name = |app: &OpmodelApp, id: u64| {
            app.document(id)
                .map_or_else(String::new, |d| d.model.name.clone())
        };
        let mut dialog = dialog;
        Modal::new(Id::new("opmodel-dialog")).show(ctx, |ui| {
            ui.set_max_width(560.0);
            match &mut dialog {
                Dialog::Error { title, message } => {
                    ui.heading(title.as_str());
                    ui.add_space(6.0);
                    ui.label(message.as_str());
                    ui.add_space(10.0);
                    if ui.button("OK").clicked()
                        || ui.input(|i| {
                            i.key_pressed(egui::Key::Enter) || i.key_pressed(egui::Key::Escape)
                        })
                    {
                        keep = false;
                    }
                }
                Dialog::Unsaved { doc, then: pending } => {
                    let (doc, pending) = (*doc, pending.clone());
                    ui.heading("Save changes?");
                    ui.label(format!(
                        "“{}” has changes that are not saved.",
                        doc_name(self, doc)
                    ));
                    ui.add_space(10.0);
                    ui.horizontal(|ui| {
                        if ui.button("Save").clicked() {
                            keep = false;
                            let pending = pending.clone();
                            then = Some(Box::new(move |app| app.save(doc, Some(pending))));
                        }
                        if ui.button("Don't save").clicked() {
                            keep = false;
                            let pending = pending.clone();
                            then = Some(Box::new(move |app| {
                                app.discarded.insert(doc);
                                app.resume(pending);
                            }));
                        }
                        if ui.button("Cancel").clicked()
                            || ui.input(|i| i.key_pressed(egui::Key::Escape))
                        {
                            keep = false;
                            then = Some(Box::new(|app| app.quitting = false));
                        }
                    });
                }
                Dialog::Path {
                    purpose,
                    text,
                    problem,
                } => {
                    let saving = matches!(purpose, Purpose::SaveAs { .. });
                    ui.heading(if saving {
                        "Save the model as"
                    } else {
                        "Open a model"
                    });
                    let label = ui.label("Path of the .ron file").id;
                    let field = ui
                        .add(
                            egui::TextEdit::singleline(text)
                                .desired_width(520.0)
                                .id(Id::new("path-field")),
                        )
                        .labelled_by(label);
                    if !field.has_focus() && problem.is_none() && text.is_empty() {
                        field.request_focus();
                    }
                    if let Some(problem) = problem.as_ref() {
                        ui.colored_label(theme::RED, problem.as_str());
                    }
                    if !saving {
                        let nearby = self.recent.nearby_models();
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
                    let enter = field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
                    ui.horizontal(|ui| {
                        let confirm =
                            ui.button(if saving { "Save" } else { "Open" }).clicked() || enter;
                        if confirm {
                            let path = PathBuf::from(text.trim());
                            if text.trim().is_empty() {
                                *problem = Some("Type the path of a file.".to_owned());
                            } else if !saving && !path.is_file() {
                                *problem = Some(format!("There is no file at {}.", path.display()));
                            } else {
                                keep = false;
                                let purpose = purpose.clone();
                                then = Some(Box::new(move |app| app.file_chosen(purpose, path)));
                            }
                        }
                        if ui.button("Cancel").clicked()
                            || ui.input(|i| i.key_pressed(egui::Key::Escape))
                        {
                            keep = false;
                            then = Some(Box::new(|app| app.quitting = false));
                        }
                    });
                }
                Dialog::CompareWith { doc } => {
                    let doc = *doc;
                    ui.heading(format!("Compare “{}” with…", doc_name(self, doc)));
                    ui.add_space(6.0);
                    let others: Vec<(u64, String)> = self
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
                            keep = false;
                            then = Some(Box::new(move |app| app.open_comparison(doc, other)));
                        }
                    }
                    ui.separator();
                    ui.horizontal(|ui| {
                        if ui.button("Open a file…").clicked() {
                            keep = false;
                            then = Some(Box::new(move |app| {
                                app.choose_file(Purpose::Compare { with: doc })
                            }));
                        }
                        if ui.button("Cancel").clicked()
                            || ui.input(|i| i.key_pressed(egui::Key::Escape))
                        {
                            keep = false;
                        }
                    });
                }
            }
        });
        if keep {
            self.dialog = Some(dialog);
        }
        if let Some(then) = then {
            then(self);
        }
    }
}
