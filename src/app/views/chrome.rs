//! The window's chrome: menus, toolbar, tabs, status bar and the "changed on disk" banner,
//! all driven by the [`UiCommand`] table and sending commands.

use egui::{Button, RichText, Ui};

use super::shortcuts::shortcut_text;
use super::theme;
use crate::app::state::{Answer, Command, Document, UiCommand, View, Window, Workspace};
use crate::files::fingerprint::DiskState;

fn command_item(ui: &mut Ui, ws: &Workspace, command: UiCommand, enabled: bool) {
    let shortcut = shortcut_text(ui.ctx(), command);
    let text = match (command, ws.active_document()) {
        (UiCommand::Undo, Some(doc)) => doc
            .history()
            .undo_label()
            .map_or_else(|| "Undo".to_owned(), |l| format!("Undo {l}")),
        (UiCommand::Redo, Some(doc)) => doc
            .history()
            .redo_label()
            .map_or_else(|| "Redo".to_owned(), |l| format!("Redo {l}")),
        _ => command.text().to_owned(),
    };
    let response = ui
        .add_enabled(enabled, Button::new(text).shortcut_text(shortcut))
        .on_hover_text(command.tooltip());
    if response.clicked() {
        ws.sender().ui(command);
        ui.close();
    }
}

/// Whether there is an active document, something to undo and redo, and a selection.
fn what_is_active(ws: &Workspace) -> (bool, bool, bool, bool) {
    let doc = ws.active_document();
    (
        doc.is_some(),
        doc.is_some_and(|d| d.history().undo_label().is_some()),
        doc.is_some_and(|d| d.history().redo_label().is_some()),
        ws.active_view().is_some_and(|v| v.selection().is_some()),
    )
}

pub(super) fn menus(ui: &mut Ui, ws: &Workspace) {
    let (has_doc, can_undo, can_redo, has_selection) = what_is_active(ws);
    ui.menu_button("File", |ui| {
        for command in [
            UiCommand::New,
            UiCommand::NewTab,
            UiCommand::Open,
            UiCommand::OpenInNewTab,
        ] {
            command_item(ui, ws, command, true);
        }
        ui.menu_button("Open recent", |ui| {
            if ws.recent().paths().is_empty() {
                ui.label("No recent files");
            }
            for path in ws.recent().paths() {
                if ui.button(path.display().to_string()).clicked() {
                    ws.push(Command::OpenRecent(path.clone()));
                    ui.close();
                }
            }
        });
        ui.separator();
        command_item(ui, ws, UiCommand::Save, has_doc);
        command_item(ui, ws, UiCommand::SaveAs, has_doc);
        ui.separator();
        command_item(ui, ws, UiCommand::Import, true);
        command_item(ui, ws, UiCommand::ImportFolder, true);
        command_item(ui, ws, UiCommand::Export, has_doc);
        command_item(ui, ws, UiCommand::ExportDeck, has_doc);
        ui.separator();
        command_item(ui, ws, UiCommand::CloseTab, true);
        command_item(ui, ws, UiCommand::Quit, true);
    });
    ui.menu_button("Edit", |ui| {
        command_item(ui, ws, UiCommand::Undo, can_undo);
        command_item(ui, ws, UiCommand::Redo, can_redo);
        ui.separator();
        for command in [
            UiCommand::AddTeam,
            UiCommand::AddService,
            UiCommand::AddDomain,
            UiCommand::ConnectMode,
        ] {
            command_item(ui, ws, command, has_doc);
        }
        command_item(ui, ws, UiCommand::Delete, has_selection);
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
            command_item(ui, ws, command, has_doc);
        }
    });
    ui.menu_button("Model", |ui| {
        for command in [
            UiCommand::Settings,
            UiCommand::DuplicateScenario,
            UiCommand::CompareWith,
        ] {
            command_item(ui, ws, command, has_doc);
        }
    });
    ui.menu_button("Help", |ui| {
        ui.label(RichText::new("Keyboard shortcuts").strong());
        egui::Grid::new("shortcut-help")
            .num_columns(2)
            .show(ui, |ui| {
                for command in UiCommand::ALL {
                    if command.shortcut().is_some() {
                        ui.label(shortcut_text(ui.ctx(), *command));
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

fn tool_button(
    ui: &mut Ui,
    ws: &Workspace,
    command: UiCommand,
    icon: &str,
    (enabled, selected): (bool, bool),
) {
    tool_button_labelled(ui, ws, command, icon, (enabled, selected), true);
}

/// A toolbar button, with its command's name after the icon when `labelled`; its tooltip
/// names the command and its shortcut either way.
fn tool_button_labelled(
    ui: &mut Ui,
    ws: &Workspace,
    command: UiCommand,
    icon: &str,
    (enabled, selected): (bool, bool),
    labelled: bool,
) {
    let text = if labelled {
        format!("{icon} {}", command.text())
    } else {
        icon.to_owned()
    };
    let shortcut = shortcut_text(ui.ctx(), command);
    let tooltip = if labelled {
        format!("{} ({shortcut})", command.tooltip())
    } else {
        format!("{}: {} ({shortcut})", command.text(), command.tooltip())
    };
    let response = ui
        .add_enabled(enabled, Button::new(text).selected(selected))
        .on_hover_text(tooltip);
    if response.clicked() {
        ws.sender().ui(command);
    }
}

/// The width the toolbar takes with every button named; on a narrower window the undo and
/// view buttons show their icons alone and the model's commands go into a "More" menu, so
/// that the toolbar stays one row (down to about 900 px).
const FULL_TOOLBAR_WIDTH: f32 = 1600.0;

pub(super) fn toolbar(ui: &mut Ui, ws: &Workspace) {
    let (has_doc, can_undo, can_redo, has_selection) = what_is_active(ws);
    let modes = ws.active_view().map(|v| v.modes()).unwrap_or_default();
    let settings = ws.is_open(Window::Settings);
    let full = ui.available_width() >= FULL_TOOLBAR_WIDTH;
    ui.horizontal(|ui| {
        tool_button(ui, ws, UiCommand::AddTeam, "✚", (has_doc, false));
        tool_button(ui, ws, UiCommand::AddService, "✚", (has_doc, false));
        tool_button(ui, ws, UiCommand::AddDomain, "✚", (has_doc, false));
        tool_button(
            ui,
            ws,
            UiCommand::ConnectMode,
            "⛓",
            (has_doc, modes.connecting),
        );
        tool_button(ui, ws, UiCommand::Delete, "🗑", (has_selection, false));
        ui.separator();
        let undo = [
            (UiCommand::Undo, "⟲", can_undo, false),
            (UiCommand::Redo, "⟳", can_redo, false),
        ];
        for (command, icon, enabled, selected) in undo {
            tool_button_labelled(ui, ws, command, icon, (enabled, selected), full);
        }
        ui.separator();
        let view = [
            (UiCommand::FitView, "⛶", has_doc, false),
            (UiCommand::AutoLayout, "⊞", has_doc, false),
            (
                UiCommand::ToggleInteractions,
                "⇄",
                has_doc,
                modes.interactions,
            ),
        ];
        for (command, icon, enabled, selected) in view {
            tool_button_labelled(ui, ws, command, icon, (enabled, selected), full);
        }
        ui.separator();
        let model = [
            (UiCommand::Settings, "⚙", has_doc, settings),
            (UiCommand::DuplicateScenario, "⎘", has_doc, false),
            (UiCommand::CompareWith, "⚖", has_doc, false),
        ];
        if full {
            for (command, icon, enabled, selected) in model {
                tool_button(ui, ws, command, icon, (enabled, selected));
            }
        } else {
            ui.menu_button("More", |ui| {
                for (command, icon, enabled, selected) in model {
                    tool_button(ui, ws, command, icon, (enabled, selected));
                }
            })
            .response
            .on_hover_text("Model settings, duplicate as scenario, compare with…");
        }
    });
}

/// [`View`]'s label in the tab bar, with names cut in the middle to `chars` characters
/// (three quarters of that each in a comparison), so that both the start of a name and its
/// end ("(what-if)", "— retail-v2.ron") still show.
fn tab_label(ws: &Workspace, tab: &View, chars: usize) -> String {
    match tab {
        View::Document(view) => ws.document(view.doc()).map_or_else(String::new, |d| {
            let marker = if d.is_dirty() { " •" } else { "" };
            let what_if = if d.scenario_of().is_some() {
                "⎘ "
            } else {
                ""
            };
            let name = shorten_middle(&tab_name(ws, d), chars);
            format!("{what_if}{name}{marker}")
        }),
        View::Comparison { a, b, .. } => {
            let name = |id| {
                ws.document(id).map_or_else(String::new, |d| {
                    shorten_middle(&tab_name(ws, d), chars / 4 * 3)
                })
            };
            format!("⚖ {} vs {}", name(*a), name(*b))
        }
    }
}

/// The model's name, and where it comes from when another open model has the same name:
/// "Retail — retail.ron" next to "Retail — retail-v2.ron", or "Retail — what-if copy".
fn tab_name(ws: &Workspace, doc: &Document) -> String {
    let name = &doc.model().name;
    let name_taken = ws
        .documents()
        .iter()
        .any(|other| other.id() != doc.id() && other.model().name == *name);
    if !name_taken {
        return name.clone();
    }
    let origin = match (doc.path(), doc.scenario_of()) {
        (Some(_), _) => doc.file_label(),
        (None, Some(_)) => "what-if copy".to_owned(),
        (None, None) => "not saved yet".to_owned(),
    };
    format!("{name} — {origin}")
}

/// Where a document lives, or that it does not yet.
fn place(doc: &Document) -> String {
    doc.path()
        .map_or_else(|| "Not saved yet".to_owned(), |p| p.display().to_string())
}

pub(super) fn tab_bar(ui: &mut Ui, ws: &Workspace) {
    egui::ScrollArea::horizontal().show(ui, |ui| {
        ui.horizontal(|ui| {
            for (index, tab) in ws.tabs().iter().enumerate() {
                let label = tab_label(ws, tab, TAB_LABEL_CHARS);
                let file = match tab {
                    View::Document(view) => ws.document(view.doc()).map(place),
                    View::Comparison { .. } => Some("Comparison".to_owned()),
                };
                ui.group(|ui| {
                    ui.spacing_mut().item_spacing.x = 4.0;
                    let clicked = ui
                        .selectable_label(index == ws.active_index(), label)
                        .on_hover_text(format!(
                            "{}\n{}",
                            tab_label(ws, tab, usize::MAX),
                            file.unwrap_or_default()
                        ))
                        .clicked();
                    if clicked {
                        ws.push(Command::SelectTab(index));
                    }
                    if ui
                        .small_button("🗙")
                        .on_hover_text("Close this tab")
                        .clicked()
                    {
                        ws.push(Command::CloseTab(index));
                    }
                });
            }
        })
    });
}

pub(super) fn status_bar(ui: &mut Ui, ws: &Workspace) {
    ui.horizontal(|ui| {
        for job in ws
            .jobs()
            .running()
            .iter()
            .filter(|j| j.shows_in_status_bar())
        {
            ui.spinner();
            ui.label(job.describe());
            if job.cancellable()
                && ui
                    .small_button("Cancel")
                    .on_hover_text("Stop waiting for this file; nothing changes")
                    .clicked()
            {
                ws.push(Command::CancelJob(job.id));
            }
            ui.separator();
        }
        ui.label(ws.status());
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            if let Some(doc) = ws.active_document() {
                ui.label(RichText::new(place(doc)).color(theme::MUTED_INK));
                let errors = doc.analysis().count(crate::analysis::Severity::Error);
                let colour = if errors > 0 { theme::RED } else { theme::GREEN };
                ui.colored_label(colour, crate::format::count(errors, "error", "errors"));
            }
        });
    });
}

/// A strip above the canvas when the active document's file changed on disk since it was
/// opened or saved.
pub(super) fn disk_banner(ui: &mut Ui, ws: &Workspace) {
    let Some(doc) = ws.active_document() else {
        return;
    };
    let Some((state, false)) = doc.disk_state() else {
        return;
    };
    let (id, dirty, file) = (doc.id(), doc.is_dirty(), doc.file_label());
    let text = match state {
        DiskState::Missing => format!("{file} is no longer on disk. Save to write it again."),
        _ => format!("{file} was changed on disk by another program since you opened it."),
    };
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
                    ws.push(Command::Answer(Answer::ReloadFromDisk { doc: id }));
                }
            }
            if ui
                .button("Keep mine")
                .on_hover_text("Keep the model on screen; saving will ask before overwriting")
                .clicked()
            {
                ws.push(Command::KeepMine(id));
            }
        });
    });
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
