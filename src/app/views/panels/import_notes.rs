//! The import notes panel under a freshly imported model: the counts, then the notes
//! grouped by reason, each entity a link that selects and centres it.

use egui::{RichText, Ui};

use crate::app::state::{Command, CommandSender, Document};
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
                                let subject = linked.note.subject.as_str();
                                match &linked.entity {
                                    Some(selection) => {
                                        if ui
                                            .link(subject)
                                            .on_hover_text("Select it and centre it on the canvas")
                                            .clicked()
                                        {
                                            tx.send(Command::Reveal {
                                                doc: doc.id(),
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
}

fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map_or_else(String::new, |first| {
        first.to_uppercase().chain(chars).collect()
    })
}
