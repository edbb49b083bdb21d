//! File › Export…: the format and the file to write, with Browse… for the desktop's own
//! save dialog. Choosing a format changes the file's extension; typing a known extension
//! chooses the format.

use std::path::{Path, PathBuf};

use egui::{Key, RichText, Ui};

use super::Draft;
use crate::app::state::{Answer, DocumentId, ExportFormat, Picker, Workspace, export_target};
use crate::app::views::theme;

/// The export dialog. Choosing a format changes the file's extension; typing a known
/// extension chooses the format.
pub(super) fn dialog(
    ui: &mut Ui,
    ws: &Workspace,
    doc: DocumentId,
    draft: &mut Draft,
) -> Option<Answer> {
    let Draft {
        text,
        problem,
        format,
    } = draft;
    let format = format.get_or_insert(ExportFormat::Svg);
    let mut answer = None;
    let name = ws
        .document(doc)
        .map_or_else(String::new, |d| d.model().name.clone());
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
    let (_, enter) = super::path::path_field(ui, "File to write", text, "export-path-field");
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
        if ws.picker() == Picker::Native && ui.button("Browse…").clicked() {
            answer = Some(Answer::BrowseExport {
                doc,
                format: *format,
                typed: path.clone(),
            });
        }
        if ui.button("Cancel").clicked() || super::pressed(ui, Key::Escape) {
            answer = Some(Answer::Close);
        }
    });
    answer
}
