//! The window's chrome: menus, toolbar, tabs, status bar and the "changed on disk" banner,
//! all driven by the [`UiCommand`] table and sending commands.

use egui::{Button, RichText, Ui};

use super::shortcuts::shortcut_text;
use super::theme;
use crate::app::state::{
    Answer, Command, Document, DocumentId, UiCommand, View, ViewId, ViewMode, Window, Workspace,
};
use crate::files::fingerprint::DiskState;
use crate::format::count;
use crate::report::letter;

/// A menu item for `command`, greyed out when it can do nothing now.
fn command_item(ui: &mut Ui, ws: &Workspace, command: UiCommand) {
    let enabled = ws.can_run(command);
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

/// Whether the active tab shows the Assess table instead of the canvas.
fn assessing(ws: &Workspace) -> bool {
    ws.active_view()
        .is_some_and(|v| v.mode() == ViewMode::Assess)
}

pub(super) fn menus(ui: &mut Ui, ws: &Workspace) {
    let items = |ui: &mut Ui, commands: &[UiCommand]| {
        for command in commands {
            command_item(ui, ws, *command);
        }
    };
    ui.menu_button("File", |ui| {
        items(
            ui,
            &[
                UiCommand::New,
                UiCommand::NewTab,
                UiCommand::Open,
                UiCommand::OpenInNewTab,
                UiCommand::NewRoadmap,
            ],
        );
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
        items(ui, &[UiCommand::Save, UiCommand::SaveAs]);
        ui.separator();
        items(
            ui,
            &[
                UiCommand::Import,
                UiCommand::ImportFolder,
                UiCommand::Export,
                UiCommand::ExportDeck,
            ],
        );
        ui.separator();
        items(ui, &[UiCommand::CloseTab, UiCommand::Quit]);
    });
    ui.menu_button("Edit", |ui| {
        items(ui, &[UiCommand::Undo, UiCommand::Redo]);
        ui.separator();
        items(
            ui,
            &[
                UiCommand::Cut,
                UiCommand::Copy,
                UiCommand::Paste,
                UiCommand::Duplicate,
                UiCommand::Rename,
                UiCommand::Delete,
                UiCommand::SelectAll,
            ],
        );
        ui.separator();
        items(
            ui,
            &[
                UiCommand::AddTeam,
                UiCommand::AddService,
                UiCommand::AddDomain,
                UiCommand::ConnectMode,
            ],
        );
        ui.separator();
        items(ui, &[UiCommand::Palette]);
    });
    ui.menu_button("View", |ui| {
        items(
            ui,
            &[
                UiCommand::Assess,
                UiCommand::FitView,
                UiCommand::AutoLayout,
                UiCommand::ToggleInteractions,
                UiCommand::ToggleLegend,
                UiCommand::Find,
                UiCommand::Present,
            ],
        );
    });
    ui.menu_button("Model", |ui| {
        items(
            ui,
            &[
                UiCommand::Settings,
                UiCommand::DuplicateScenario,
                UiCommand::CompareWith,
            ],
        );
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
        ui.label(
            "Click to select, Shift or Ctrl+click to add; drag empty canvas for a rubber band; \
             drag with the middle button or with Space held to pan; mouse wheel to zoom; \
             drag a node to move it; double-click a node or press F2 to rename it.",
        );
        ui.label("Every command is also in the command palette (Ctrl+Shift+P).");
        ui.label(format!("Opmodel {}", env!("CARGO_PKG_VERSION")));
    });
}

/// A toolbar button for `command` with its name after the icon, greyed out when it can do
/// nothing now, and drawn pressed while `selected`.
fn tool_button(ui: &mut Ui, ws: &Workspace, command: UiCommand, icon: &str, selected: bool) {
    tool_button_labelled(ui, ws, command, icon, selected, true);
}

/// A toolbar button, with its command's name after the icon when `labelled`; its tooltip
/// names the command and its shortcut either way.
fn tool_button_labelled(
    ui: &mut Ui,
    ws: &Workspace,
    command: UiCommand,
    icon: &str,
    selected: bool,
    labelled: bool,
) {
    let enabled = ws.can_run(command);
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

/// The toolbar's groups of buttons, each with its icon, between separators: editing, undo,
/// the view, and the model's commands.
const EDITING: [(UiCommand, &str); 5] = [
    (UiCommand::AddTeam, "✚"),
    (UiCommand::AddService, "✚"),
    (UiCommand::AddDomain, "✚"),
    (UiCommand::ConnectMode, "⛓"),
    (UiCommand::Delete, "🗑"),
];
const HISTORY: [(UiCommand, &str); 2] = [(UiCommand::Undo, "⟲"), (UiCommand::Redo, "⟳")];
const VIEWING: [(UiCommand, &str); 3] = [
    (UiCommand::FitView, "⛶"),
    (UiCommand::AutoLayout, "⊞"),
    (UiCommand::ToggleInteractions, "⇄"),
];
const MODEL: [(UiCommand, &str); 3] = [
    (UiCommand::Settings, "⚙"),
    (UiCommand::DuplicateScenario, "⎘"),
    (UiCommand::CompareWith, "⚖"),
];

/// The width the toolbar takes with every button named, measured in the buttons' font; on
/// a narrower window the undo and view buttons show their icons alone and the model's
/// commands go into a "More" menu, so that the toolbar stays one row (down to about 900 px).
fn full_toolbar_width(ui: &Ui) -> f32 {
    let font = egui::TextStyle::Button.resolve(ui.style());
    let (padding, gap) = (ui.spacing().button_padding.x, TOOLBAR_GAP);
    let buttons = [&EDITING[..], &HISTORY, &VIEWING, &MODEL].concat();
    let named: f32 = ui.fonts_mut(|fonts| {
        buttons
            .iter()
            .map(|(command, icon)| {
                let text = format!("{icon} {}", command.text());
                let galley = fonts.layout_no_wrap(text, font.clone(), egui::Color32::BLACK);
                galley.size().x + 2.0 * padding
            })
            .sum()
    });
    // Three separators, each a few pixels wide, between the four groups.
    let separators = 3.0 * SEPARATOR_WIDTH;
    named + separators + gap * (buttons.len() + 3 - 1) as f32
}

/// The room egui's separator takes in a row.
const SEPARATOR_WIDTH: f32 = 6.0;

/// The gap between toolbar buttons: a little tighter than elsewhere, so that every button
/// is named on a 1600-pixel screen.
const TOOLBAR_GAP: f32 = 6.0;

pub(super) fn toolbar(ui: &mut Ui, ws: &Workspace) {
    let modes = ws.active_view().map(|v| v.modes()).unwrap_or_default();
    let settings = ws.is_open(Window::Settings);
    ui.spacing_mut().item_spacing.x = TOOLBAR_GAP;
    let full = ui.available_width() >= full_toolbar_width(ui);
    let pressed = |command: UiCommand| match command {
        UiCommand::ConnectMode => modes.connecting,
        UiCommand::ToggleInteractions => modes.interactions,
        UiCommand::Settings => settings,
        _ => false,
    };
    ui.horizontal(|ui| {
        for (command, icon) in EDITING {
            tool_button(ui, ws, command, icon, pressed(command));
        }
        for group in [&HISTORY[..], &VIEWING] {
            ui.separator();
            for &(command, icon) in group {
                tool_button_labelled(ui, ws, command, icon, pressed(command), full);
            }
        }
        ui.separator();
        if full {
            for (command, icon) in MODEL {
                tool_button(ui, ws, command, icon, pressed(command));
            }
        } else {
            ui.menu_button("More", |ui| {
                for (command, icon) in MODEL {
                    tool_button(ui, ws, command, icon, pressed(command));
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
        View::Comparison { docs, .. } => {
            let name = |id: &DocumentId| {
                ws.document(*id).map_or_else(String::new, |d| {
                    shorten_middle(&tab_name(ws, d), chars / 4 * 3)
                })
            };
            match &docs[..] {
                [a, b] => format!("⚖ {} vs {}", name(a), name(b)),
                [a, others @ ..] => format!(
                    "⚖ {} vs {}",
                    name(a),
                    count(others.len(), "other", "others")
                ),
                [] => String::new(),
            }
        }
        View::Roadmap(view) => format!("⏱ {}", shorten_middle(&view.roadmap.name, chars)),
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

/// What a comparison compares, for its tab's tooltip: "Comparison: A Retail, B Retail v2…".
fn compared_names(ws: &Workspace, docs: &[DocumentId]) -> String {
    let names: Vec<String> = (docs.iter().enumerate())
        .filter_map(|(i, id)| {
            let doc = ws.document(*id)?;
            Some(format!("{} {}", letter(i), tab_name(ws, doc)))
        })
        .collect();
    format!("Comparison: {}", names.join(", "))
}

/// Where a document lives, or that it does not yet.
fn place(doc: &Document) -> String {
    doc.path()
        .map_or_else(|| "Not saved yet".to_owned(), |p| p.display().to_string())
}

/// The tabs in a row that scrolls sideways when they do not fit, and at their right the
/// active tab's choice of the canvas or the Assess table (kept off the toolbar so that the
/// toolbar stays one row on a 1600-pixel screen).
pub(super) fn tab_bar(ui: &mut Ui, ws: &Workspace) {
    ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
        tool_button(ui, ws, UiCommand::Assess, "▦", assessing(ws));
        ui.with_layout(egui::Layout::left_to_right(egui::Align::Center), |ui| {
            tabs(ui, ws);
        });
    });
}

/// A tab that becomes active (a new one, or one asked for again) is scrolled into view.
fn tabs(ui: &mut Ui, ws: &Workspace) {
    let seen_id = egui::Id::new("tab-bar-active");
    let active = ws.tabs().get(ws.active_index()).map(View::id);
    let newly_active = ui.data_mut(|d| {
        let seen = d.get_temp::<Option<ViewId>>(seen_id);
        d.insert_temp(seen_id, active);
        seen != Some(active)
    });
    egui::ScrollArea::horizontal().show(ui, |ui| {
        ui.horizontal(|ui| {
            for (index, tab) in ws.tabs().iter().enumerate() {
                let label = tab_label(ws, tab, TAB_LABEL_CHARS);
                let file = match tab {
                    View::Document(view) => ws.document(view.doc()).map(place),
                    View::Comparison { docs, .. } => Some(compared_names(ws, docs)),
                    View::Roadmap(view) => Some(format!("Roadmap: {}", view.path.display())),
                };
                ui.group(|ui| {
                    ui.spacing_mut().item_spacing.x = 4.0;
                    let response = ui
                        .selectable_label(index == ws.active_index(), label)
                        .on_hover_text(format!(
                            "{}\n{}",
                            tab_label(ws, tab, usize::MAX),
                            file.unwrap_or_default()
                        ));
                    if newly_active && index == ws.active_index() {
                        response.scroll_to_me(None);
                    }
                    if response.clicked() {
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
