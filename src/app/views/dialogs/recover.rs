//! The offer to restore work left by an editor that did not exit cleanly: each recovered
//! copy with Restore and Discard, or all at once, or later.

use std::time::SystemTime;

use egui::{Key, RichText, Ui};

use super::chosen;
use crate::app::state::{Answer, Workspace};
use crate::app::views::theme;
use crate::files::recovery;

/// The offer to restore work left by an editor that did not exit cleanly.
pub(super) fn offer(ui: &mut Ui, ws: &Workspace) -> Option<Answer> {
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
            for session in ws.autosave().stale() {
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
        let later = ui
            .button("Decide later")
            .on_hover_text("Keep the copies and ask again at the next start");
        if chosen(&later, Key::Escape) {
            answer = Some(Answer::DecideLater);
        }
    });
    answer
}
