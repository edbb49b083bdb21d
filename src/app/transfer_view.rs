//! Drawing import and export: the export dialog (format, file, Browse…) and the import
//! notes panel under a freshly imported model, whose notes link to the entities they name.
//! Both only draw and turn what the user does into answers or commands.

use std::path::{Path, PathBuf};

use egui::{Id, Key, RichText, Ui};

use super::document::Document;
use super::files::Picker;
use super::theme;
use super::transfer::{ExportFormat, export_target};
use super::workspace::{Answer, Command, Workspace};

/// The export dialog. Choosing a format changes the file's extension; typing a known
/// extension chooses the format.
pub fn export_dialog(
    ui: &mut Ui,
    ws: &Workspace,
    doc: u64,
    format: &mut ExportFormat,
    text: &mut String,
    problem: &mut Option<String>,
) -> Option<Answer> {
    let mut answer = None;
    let name = ws
        .document(doc)
        .map_or_else(String::new, |d| d.model.name.clone());
    ui.heading(format!("Export “{name}”"));
    ui.add_space(4.0);
    if let Some(typed) = ExportFormat::from_path(Path::new(text.trim())) {
        *format = typed;
    }
    let before = *format;
    ui.horizontal_wrapped(|ui| {
        for choice in ExportFormat::ALL {
            ui.radio_value(format, choice, choice.label());
        }
    });
    if *format != before {
        let typed = PathBuf::from(text.trim());
        if !typed.as_os_str().is_empty() {
            let renamed = if ExportFormat::from_path(&typed).is_some() {
                typed.with_extension(format.extension())
            } else {
                export_target(&typed, *format).0
            };
            *text = renamed.display().to_string();
        }
    }
    ui.add_space(4.0);
    let label = ui.label("File to write").id;
    let field = ui
        .add(
            egui::TextEdit::singleline(text)
                .desired_width(520.0)
                .id(Id::new("export-path-field")),
        )
        .labelled_by(label);
    let enter = field.lost_focus() && ui.input(|i| i.key_pressed(Key::Enter));
    let (path, chosen) = export_target(Path::new(text.trim()), *format);
    if path.is_file() {
        ui.label(
            RichText::new(format!("{} exists and will be replaced.", path.display()))
                .color(theme::MUTED_INK),
        );
    }
    if let Some(problem) = problem.as_ref() {
        ui.colored_label(theme::RED, problem.as_str());
    }
    ui.add_space(8.0);
    ui.horizontal(|ui| {
        if ui.button("Export").clicked() || enter {
            let folder = path.parent().filter(|f| !f.as_os_str().is_empty());
            if text.trim().is_empty() {
                *problem = Some("Type the path of the file to write.".to_owned());
            } else if path.is_dir() {
                *problem = Some(format!("{} is a folder; add a file name.", path.display()));
            } else if folder.is_some_and(|f| !f.is_dir()) {
                *problem = Some(format!(
                    "There is no folder {}.",
                    folder.unwrap_or(Path::new("")).display()
                ));
            } else {
                answer = Some(Answer::Export {
                    doc,
                    format: chosen,
                    path: path.clone(),
                });
            }
        }
        if ws.picker == Picker::Native && ui.button("Browse…").clicked() {
            answer = Some(Answer::BrowseExport {
                doc,
                format: *format,
                typed: path.clone(),
            });
        }
        if ui.button("Cancel").clicked() || ui.input(|i| i.key_pressed(Key::Escape)) {
            answer = Some(Answer::Close);
        }
    });
    answer
}

/// The import notes under a freshly imported model: the counts, then the notes grouped by
/// reason, each entity a link that selects and centres it.
pub fn import_notes(ui: &mut Ui, doc: &Document) -> Option<Command> {
    let notes = doc.import_notes.as_ref()?;
    let mut command = None;
    ui.add_space(4.0);
    ui.horizontal(|ui| {
        ui.label(RichText::new("Import notes").strong());
        ui.label(RichText::new(notes.source.display().to_string()).color(theme::MUTED_INK));
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            if ui
                .button("Dismiss")
                .on_hover_text("Close the import notes")
                .clicked()
            {
                command = Some(Command::DismissImportNotes(doc.id));
            }
        });
    });
    ui.label(notes.counts.as_str());
    if notes.groups.is_empty() {
        ui.label(
            RichText::new("Nothing was skipped or guessed: everything was imported as written.")
                .color(theme::MUTED_INK),
        );
    }
    egui::ScrollArea::vertical()
        .auto_shrink([false, true])
        .show(ui, |ui| {
            for (reason, group) in &notes.groups {
                let title = format!("{} ({})", capitalised(reason.label()), group.len());
                egui::CollapsingHeader::new(title)
                    .id_salt(("import-note-group", *reason))
                    .default_open(true)
                    .show(ui, |ui| {
                        for linked in group {
                            ui.horizontal_wrapped(|ui| {
                                let subject = linked.note.subject.as_str();
                                match &linked.entity {
                                    Some(selection) => {
                                        if ui
                                            .link(subject)
                                            .on_hover_text("Select it and centre it on the canvas")
                                            .clicked()
                                        {
                                            command = Some(Command::Reveal {
                                                doc: doc.id,
                                                selection: selection.clone(),
                                            });
                                        }
                                    }
                                    None => {
                                        ui.label(RichText::new(subject).color(theme::MUTED_INK));
                                    }
                                }
                                if !linked.note.detail.is_empty() {
                                    ui.label(format!("— {}", linked.note.detail));
                                }
                            });
                        }
                    });
            }
        });
    command
}

fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map_or_else(String::new, |first| {
        first.to_uppercase().chain(chars).collect()
    })
}
