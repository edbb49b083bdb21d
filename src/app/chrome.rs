//! The window's chrome: menus, toolbar, tabs and status bar, all driven by [`UiCommand`].

use egui::{Button, RichText, Ui};

use super::commands::UiCommand;
use super::document::Document;
use super::workspace::Command;
use super::{OpmodelApp, Tab, theme};
use crate::files::fingerprint::DiskState;

impl OpmodelApp {
    pub(super) fn command_item(&mut self, ui: &mut Ui, command: UiCommand, enabled: bool) {
        let shortcut = command
            .shortcut()
            .map(|s| ui.ctx().format_shortcut(&s))
            .unwrap_or_default();
        let text = match (command, self.workspace.active_document()) {
            (UiCommand::Undo, Some(doc)) => doc
                .history
                .undo_label()
                .map_or_else(|| "Undo".to_owned(), |l| format!("Undo {l}")),
            (UiCommand::Redo, Some(doc)) => doc
                .history
                .redo_label()
                .map_or_else(|| "Redo".to_owned(), |l| format!("Redo {l}")),
            _ => command.text().to_owned(),
        };
        let response = ui
            .add_enabled(enabled, Button::new(text).shortcut_text(shortcut))
            .on_hover_text(command.tooltip());
        if response.clicked() {
            self.workspace.push(Command::Ui(command));
            ui.close();
        }
    }

    pub(super) fn menus(&mut self, ui: &mut Ui) {
        let has_doc = self.workspace.active_document().is_some();
        let can_undo = self
            .active_document()
            .is_some_and(|d| d.history.undo_label().is_some());
        let can_redo = self
            .active_document()
            .is_some_and(|d| d.history.redo_label().is_some());
        let has_selection = self
            .active_document()
            .is_some_and(|d| d.selection.is_some());
        ui.menu_button("File", |ui| {
            for command in [
                UiCommand::New,
                UiCommand::NewTab,
                UiCommand::Open,
                UiCommand::OpenInNewTab,
            ] {
                self.command_item(ui, command, true);
            }
            ui.menu_button("Open recent", |ui| {
                if self.workspace.recent.paths().is_empty() {
                    ui.label("No recent files");
                }
                for path in self.workspace.recent.paths().to_vec() {
                    if ui.button(path.display().to_string()).clicked() {
                        self.workspace.push(Command::OpenRecent(path));
                        ui.close();
                    }
                }
            });
            ui.separator();
            self.command_item(ui, UiCommand::Save, has_doc);
            self.command_item(ui, UiCommand::SaveAs, has_doc);
            ui.separator();
            self.command_item(ui, UiCommand::Import, true);
            self.command_item(ui, UiCommand::ImportFolder, true);
            self.command_item(ui, UiCommand::Export, has_doc);
            ui.separator();
            self.command_item(ui, UiCommand::CloseTab, true);
            self.command_item(ui, UiCommand::Quit, true);
        });
        ui.menu_button("Edit", |ui| {
            self.command_item(ui, UiCommand::Undo, can_undo);
            self.command_item(ui, UiCommand::Redo, can_redo);
            ui.separator();
            for command in [
                UiCommand::AddTeam,
                UiCommand::AddService,
                UiCommand::AddDomain,
                UiCommand::ConnectMode,
            ] {
                self.command_item(ui, command, has_doc);
            }
            self.command_item(ui, UiCommand::Delete, has_selection);
        });
        ui.menu_button("View", |ui| {
            for command in [
                UiCommand::FitView,
                UiCommand::AutoLayout,
                UiCommand::ToggleInteractions,
                UiCommand::ToggleLegend,
                UiCommand::Find,
                UiCommand::Present,
            ] {
                self.command_item(ui, command, has_doc);
            }
        });
        ui.menu_button("Model", |ui| {
            for command in [
                UiCommand::Settings,
                UiCommand::DuplicateScenario,
                UiCommand::CompareWith,
            ] {
                self.command_item(ui, command, has_doc);
            }
        });
        ui.menu_button("Help", |ui| {
            ui.label(RichText::new("Keyboard shortcuts").strong());
            egui::Grid::new("shortcut-help")
                .num_columns(2)
                .show(ui, |ui| {
                    for command in UiCommand::ALL {
                        if let Some(shortcut) = command.shortcut() {
                            ui.label(ui.ctx().format_shortcut(&shortcut));
                            ui.label(command.text());
                            ui.end_row();
                        }
                    }
                });
            ui.separator();
            ui.label("Drag empty canvas to pan; mouse wheel to zoom; drag a node to move it.");
            ui.label(format!("Opmodel {}", env!("CARGO_PKG_VERSION")));
        });
    }

    pub(super) fn tool_button(
        &mut self,
        ui: &mut Ui,
        command: UiCommand,
        icon: &str,
        enabled: bool,
        selected: bool,
    ) {
        let text = format!("{icon} {}", command.text());
        let shortcut = command
            .shortcut()
            .map(|s| ui.ctx().format_shortcut(&s))
            .unwrap_or_default();
        let response = ui
            .add_enabled(enabled, Button::new(text).selected(selected))
            .on_hover_text(format!("{} ({shortcut})", command.tooltip()));
        if response.clicked() {
            self.workspace.push(Command::Ui(command));
        }
    }

    pub(super) fn toolbar(&mut self, ui: &mut Ui) {
        let doc = self.workspace.active_document();
        let has_doc = doc.is_some();
        let can_undo = doc.is_some_and(|d| d.history.undo_label().is_some());
        let can_redo = doc.is_some_and(|d| d.history.redo_label().is_some());
        let has_selection = doc.is_some_and(|d| d.selection.is_some());
        let connecting = doc.is_some_and(|d| d.canvas.connect_mode);
        let interactions = doc.is_some_and(|d| d.canvas.show_interactions);
        ui.horizontal_wrapped(|ui| {
            self.tool_button(ui, UiCommand::AddTeam, "✚", has_doc, false);
            self.tool_button(ui, UiCommand::AddService, "✚", has_doc, false);
            self.tool_button(ui, UiCommand::AddDomain, "✚", has_doc, false);
            self.tool_button(ui, UiCommand::ConnectMode, "⛓", has_doc, connecting);
            self.tool_button(ui, UiCommand::Delete, "🗑", has_selection, false);
            ui.separator();
            self.tool_button(ui, UiCommand::Undo, "⟲", can_undo, false);
            self.tool_button(ui, UiCommand::Redo, "⟳", can_redo, false);
            ui.separator();
            self.tool_button(ui, UiCommand::FitView, "⛶", has_doc, false);
            self.tool_button(ui, UiCommand::AutoLayout, "⊞", has_doc, false);
            self.tool_button(
                ui,
                UiCommand::ToggleInteractions,
                "⇄",
                has_doc,
                interactions,
            );
            ui.separator();
            self.tool_button(
                ui,
                UiCommand::Settings,
                "⚙",
                has_doc,
                self.workspace.settings_open,
            );
            self.tool_button(ui, UiCommand::DuplicateScenario, "⎘", has_doc, false);
            self.tool_button(ui, UiCommand::CompareWith, "⚖", has_doc, false);
        });
    }

    pub(super) fn tab_label(&self, tab: &Tab) -> String {
        self.tab_label_within(tab, usize::MAX)
    }

    /// [`Self::tab_label`] with names cut in the middle to `chars` characters (three quarters
    /// of that each in a comparison), so that both the start of a name and its end
    /// ("(what-if)", "— retail-v2.ron") still show.
    fn tab_label_within(&self, tab: &Tab, chars: usize) -> String {
        match tab {
            Tab::Document(id) => self.workspace.document(*id).map_or_else(String::new, |d| {
                let marker = if d.is_dirty() { " •" } else { "" };
                let what_if = if d.scenario_of.is_some() { "⎘ " } else { "" };
                let name = shorten_middle(&self.tab_name(d), chars);
                format!("{what_if}{name}{marker}")
            }),
            Tab::Comparison { a, b, .. } => {
                let name = |id: &u64| {
                    self.workspace.document(*id).map_or_else(String::new, |d| {
                        shorten_middle(&self.tab_name(d), chars / 4 * 3)
                    })
                };
                format!("⚖ {} vs {}", name(a), name(b))
            }
        }
    }

    /// The model's name, and where it comes from when another open model has the same name:
    /// "Retail — retail.ron" next to "Retail — retail-v2.ron", or "Retail — what-if copy".
    fn tab_name(&self, doc: &Document) -> String {
        let name_taken = self
            .workspace
            .documents
            .iter()
            .any(|other| other.id != doc.id && other.model.name == doc.model.name);
        if !name_taken {
            return doc.model.name.clone();
        }
        let origin = match (&doc.path, doc.scenario_of) {
            (Some(_), _) => doc.file_label(),
            (None, Some(_)) => "what-if copy".to_owned(),
            (None, None) => "not saved yet".to_owned(),
        };
        format!("{} — {origin}", doc.model.name)
    }

    pub(super) fn tab_bar(&mut self, ui: &mut Ui) {
        let mut close = None;
        egui::ScrollArea::horizontal().show(ui, |ui| {
            ui.horizontal(|ui| {
                for index in 0..self.workspace.tabs.len() {
                    let label = self.tab_label_within(&self.workspace.tabs[index], TAB_LABEL_CHARS);
                    let file = match &self.workspace.tabs[index] {
                        Tab::Document(id) => self.workspace.document(*id).map(|d| {
                            d.path.as_ref().map_or_else(
                                || "Not saved yet".to_owned(),
                                |p| p.display().to_string(),
                            )
                        }),
                        Tab::Comparison { .. } => Some("Comparison".to_owned()),
                    };
                    ui.group(|ui| {
                        ui.spacing_mut().item_spacing.x = 4.0;
                        let tab = ui
                            .selectable_label(index == self.workspace.active, label)
                            .on_hover_text(format!(
                                "{}\n{}",
                                self.tab_label(&self.workspace.tabs[index]),
                                file.unwrap_or_default()
                            ));
                        if tab.clicked() {
                            self.workspace.push(Command::SelectTab(index));
                        }
                        if ui
                            .small_button("🗙")
                            .on_hover_text("Close this tab")
                            .clicked()
                        {
                            close = Some(index);
                        }
                    });
                }
            })
        });
        if let Some(index) = close {
            self.workspace.push(Command::CloseTab(index));
        }
    }

    pub(super) fn status_bar(&mut self, ui: &mut Ui) {
        ui.horizontal(|ui| {
            let mut cancel = None;
            for job in self.workspace.jobs.running() {
                ui.spinner();
                ui.label(job.describe());
                if job.cancellable()
                    && ui
                        .small_button("Cancel")
                        .on_hover_text("Stop waiting for this file; nothing changes")
                        .clicked()
                {
                    cancel = Some(job.id);
                }
                ui.separator();
            }
            if let Some(id) = cancel {
                self.workspace.push(Command::CancelJob(id));
            }
            ui.label(&self.workspace.status);
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                if let Some(doc) = self.workspace.active_document() {
                    let place = doc
                        .path
                        .as_ref()
                        .map_or_else(|| "Not saved yet".to_owned(), |p| p.display().to_string());
                    ui.label(RichText::new(place).color(theme::MUTED_INK));
                    let errors = doc.analysis.count(crate::analysis::Severity::Error);
                    let colour = if errors > 0 { theme::RED } else { theme::GREEN };
                    ui.colored_label(colour, crate::format::count(errors, "error", "errors"));
                }
            });
        });
    }
}

impl OpmodelApp {
    /// A strip above the canvas when the active document's file changed on disk since it
    /// was opened or saved.
    pub(super) fn disk_banner(&mut self, ui: &mut Ui) {
        let Some(doc) = self.workspace.active_document() else {
            return;
        };
        let Some((state, false)) = doc.disk_state.clone() else {
            return;
        };
        let (id, dirty, file) = (doc.id, doc.is_dirty(), doc.file_label());
        let text = match state {
            DiskState::Missing => format!("{file} is no longer on disk. Save to write it again."),
            _ => format!("{file} was changed on disk by another program since you opened it."),
        };
        let mut answer = None;
        egui::Panel::top("disk-banner").show(ui, |ui| {
            ui.horizontal(|ui| {
                ui.colored_label(theme::RED, "●");
                ui.label(text);
                if state == DiskState::Changed {
                    let reload = if dirty {
                        "Reload (discard my changes)"
                    } else {
                        "Reload"
                    };
                    if ui.button(reload).clicked() {
                        answer = Some(Command::Answer(super::Answer::ReloadFromDisk { doc: id }));
                    }
                }
                if ui
                    .button("Keep mine")
                    .on_hover_text("Keep the model on screen; saving will ask before overwriting")
                    .clicked()
                {
                    answer = Some(Command::KeepMine(id));
                }
            });
        });
        if let Some(command) = answer {
            self.workspace.push(command);
        }
    }
}

/// Longest name in a tab before it is cut short (the full name is in its tooltip).
const TAB_LABEL_CHARS: usize = 40;

/// `text` cut to `limit` characters by an ellipsis in the middle, half the rest each side.
fn shorten_middle(text: &str, limit: usize) -> String {
    let length = text.chars().count();
    if length <= limit {
        return text.to_owned();
    }
    let kept = limit.saturating_sub(1);
    let tail = kept / 2;
    let head: String = text.chars().take(kept - tail).collect();
    let end: String = text.chars().skip(length - tail).collect();
    format!("{}…{}", head.trim_end(), end.trim_start())
}

#[cfg(test)]
mod tests {
    use super::shorten_middle;

    #[test]
    fn tab_names_are_cut_in_the_middle_keeping_their_ends() {
        assert_eq!(shorten_middle("Shop", 10), "Shop");
        // 20 characters: 19 kept, 9 from the end ("(what-if)"), 10 from the start
        // ("Harbour & ", its space dropped).
        assert_eq!(
            shorten_middle("Harbour & Hart (fashion retailer) (what-if)", 20),
            "Harbour &…(what-if)"
        );
    }
}
