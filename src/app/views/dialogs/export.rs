//! File › Export… and Export deck…: the format and the file to write, with Browse… for the
//! desktop's own save dialog. Choosing a format changes the file's extension; typing a known
//! extension chooses the format. A comparison or a roadmap tab writes its deck, a PDF.

use std::path::{Path, PathBuf};

use egui::{RichText, Ui};

use super::Draft;
use crate::app::state::{
    Answer, ExportFormat, ExportSource, Picker, View, Workspace, export_target,
};
use crate::app::views::theme;

/// The export dialog. Choosing a format changes the file's extension; typing a known
/// extension chooses the format.
pub(super) fn dialog(
    ui: &mut Ui,
    ws: &Workspace,
    source: ExportSource,
    draft: &mut Draft,
) -> Option<Answer> {
    let Draft {
        text,
        problem,
        format,
    } = draft;
    let format = format.get_or_insert(ExportFormat::Svg);
    let mut answer = None;
    ui.heading(heading(ws, source));
    ui.add_space(4.0);
    let deck = matches!(source, ExportSource::Deck(_));
    if let Some(typed) = ExportFormat::from_path(Path::new(text.trim()))
        && !deck
    {
        *format = typed;
    }
    let before = *format;
    if !deck {
        ui.horizontal_wrapped(|ui| {
            for choice in ExportFormat::ALL {
                ui.radio_value(format, choice, choice.label());
            }
        });
    }
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
    let enter = super::path::path_field(ui, "File to write", text, "export-path-field");
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
                    source,
                    format: if deck { ExportFormat::Pdf } else { chosen },
                    path: path.clone(),
                });
            }
        }
        if ws.picker() == Picker::Native && ui.button("Browse…").clicked() {
            answer = Some(Answer::BrowseExport {
                source,
                format: *format,
                typed: path.clone(),
            });
        }
        super::cancel(ui, &mut answer);
    });
    answer
}

/// "Export “Shop”", or for a comparison or a roadmap, the deck it writes.
fn heading(ws: &Workspace, source: ExportSource) -> String {
    match source {
        ExportSource::Document(doc) => {
            let name = ws
                .document(doc)
                .map_or_else(String::new, |d| d.model().name.clone());
            format!("Export “{name}”")
        }
        ExportSource::Deck(view) => match ws.tabs().iter().find(|t| t.id() == view) {
            Some(View::Roadmap(roadmap)) => {
                format!("Export the deck of the roadmap “{}”", roadmap.plan.name)
            }
            _ => "Export the comparison deck (PDF)".to_owned(),
        },
    }
}
