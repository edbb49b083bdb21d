//! The import notes panel under a freshly imported model: the counts, then the notes
//! grouped by reason, each entity a link that selects and centres it.

use std::path::Path;

use egui::{RichText, Ui};

use super::figures::capitalised;
use crate::app::state::{Command, CommandSender, Document, Selection};
use crate::app::views::theme;

/// The import notes under a freshly imported model: the counts, then the notes grouped by
/// reason, each entity a link that selects and centres it.
pub fn show(ui: &mut Ui, doc: &Document, tx: &CommandSender) {
    let Some(notes) = doc.import_notes() else {
        return;
    };
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
                tx.send(Command::DismissImportNotes(doc.id()));
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
                                let reference = linked.note.subject.as_str();
                                let subject = shown_subject(
                                    reference,
                                    linked.entity.as_ref(),
                                    doc,
                                    &notes.source,
                                );
                                match &linked.entity {
                                    Some(selection) => {
                                        if ui
                                            .link(subject)
                                            .on_hover_text(format!(
                                                "{reference}: select it and centre it on the canvas"
                                            ))
                                            .clicked()
                                        {
                                            tx.send(Command::Reveal {
                                                doc: doc.id(),
                                                selection: selection.clone(),
                                            });
                                        }
                                    }
                                    None => {
                                        ui.label(RichText::new(subject).color(theme::MUTED_INK))
                                            .on_hover_text(reference);
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
}

/// What a note is about, in the words of the canvas: an imported entity by its name; a
/// skipped one as "ui-kit (component)" rather than `component:default/ui-kit`; a file by its
/// path within the catalog imported.
fn shown_subject(
    reference: &str,
    entity: Option<&Selection>,
    doc: &Document,
    source: &Path,
) -> String {
    if let Some(Selection::Entity(id)) = entity {
        return doc.model().display_name(id).to_owned();
    }
    unlinked_subject(reference, source)
}

/// A catalog reference as "name (kind)", or a file's path within the catalog `source`.
fn unlinked_subject(reference: &str, source: &Path) -> String {
    if let Some((kind, rest)) = reference.split_once(':')
        && !kind.is_empty()
        && kind.chars().all(|c| c.is_ascii_alphabetic())
        && let Some((namespace, name)) = rest.split_once('/')
    {
        return if namespace == "default" {
            format!("{name} ({kind})")
        } else {
            format!("{namespace}/{name} ({kind})")
        };
    }
    let folder = if source.is_dir() {
        source
    } else {
        source.parent().unwrap_or(source)
    };
    Path::new(reference).strip_prefix(folder).map_or_else(
        |_| reference.to_owned(),
        |inside| inside.display().to_string(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn references_read_as_names_and_files_as_paths_inside_the_catalog() {
        let folder = tempfile::tempdir().unwrap();
        let catalog = folder.path();
        assert_eq!(
            unlinked_subject("component:default/ui-kit", catalog),
            "ui-kit (component)"
        );
        assert_eq!(
            unlinked_subject("group:finance/payments", catalog),
            "finance/payments (group)"
        );
        let file = catalog.join("teams").join("a.yaml");
        assert_eq!(
            unlinked_subject(&file.display().to_string(), catalog),
            Path::new("teams").join("a.yaml").display().to_string()
        );
        // A sheet or a file named alone: paths within its folder.
        assert_eq!(
            unlinked_subject(&file.display().to_string(), &catalog.join("teams/a.yaml")),
            "a.yaml"
        );
        assert_eq!(
            unlinked_subject("/elsewhere/b.yaml", catalog),
            "/elsewhere/b.yaml"
        );
    }
}
