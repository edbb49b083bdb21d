//! Every user command in one enum, with its menu text, tooltip and keyboard shortcut, so the
//! menus, the toolbar and the shortcuts stay in step. Commands raised during a frame are
//! queued and run once, at the end of the frame.

use egui::{Key, KeyboardShortcut, Modifiers};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum UiCommand {
    New,
    NewTab,
    Open,
    OpenInNewTab,
    Save,
    SaveAs,
    CloseTab,
    Undo,
    Redo,
    AddTeam,
    AddService,
    AddDomain,
    Delete,
    ConnectMode,
    Escape,
    FitView,
    AutoLayout,
    ToggleInteractions,
    ToggleLegend,
    Settings,
    DuplicateScenario,
    CompareWith,
    Present,
    Find,
}

const fn command(key: Key) -> KeyboardShortcut {
    KeyboardShortcut::new(Modifiers::COMMAND, key)
}

const fn command_shift(key: Key) -> KeyboardShortcut {
    KeyboardShortcut::new(Modifiers::COMMAND.plus(Modifiers::SHIFT), key)
}

const fn plain(key: Key) -> KeyboardShortcut {
    KeyboardShortcut::new(Modifiers::NONE, key)
}

impl UiCommand {
    pub const ALL: [UiCommand; 24] = [
        UiCommand::New,
        UiCommand::NewTab,
        UiCommand::Open,
        UiCommand::OpenInNewTab,
        UiCommand::Save,
        UiCommand::SaveAs,
        UiCommand::CloseTab,
        UiCommand::Undo,
        UiCommand::Redo,
        UiCommand::AddTeam,
        UiCommand::AddService,
        UiCommand::AddDomain,
        UiCommand::Delete,
        UiCommand::ConnectMode,
        UiCommand::Escape,
        UiCommand::FitView,
        UiCommand::AutoLayout,
        UiCommand::ToggleInteractions,
        UiCommand::ToggleLegend,
        UiCommand::Settings,
        UiCommand::DuplicateScenario,
        UiCommand::CompareWith,
        UiCommand::Present,
        UiCommand::Find,
    ];

    pub fn text(self) -> &'static str {
        match self {
            UiCommand::New => "New model",
            UiCommand::NewTab => "New model in a tab",
            UiCommand::Open => "Open…",
            UiCommand::OpenInNewTab => "Open in a new tab…",
            UiCommand::Save => "Save",
            UiCommand::SaveAs => "Save as…",
            UiCommand::CloseTab => "Close tab",
            UiCommand::Undo => "Undo",
            UiCommand::Redo => "Redo",
            UiCommand::AddTeam => "Add team",
            UiCommand::AddService => "Add service",
            UiCommand::AddDomain => "Add domain",
            UiCommand::Delete => "Delete",
            UiCommand::ConnectMode => "Connect",
            UiCommand::Escape => "Cancel",
            UiCommand::FitView => "Fit to view",
            UiCommand::AutoLayout => "Auto-layout",
            UiCommand::ToggleInteractions => "Show interactions",
            UiCommand::ToggleLegend => "Show legend",
            UiCommand::Settings => "Model settings…",
            UiCommand::DuplicateScenario => "Duplicate as scenario",
            UiCommand::CompareWith => "Compare with…",
            UiCommand::Present => "Present",
            UiCommand::Find => "Find…",
        }
    }

    pub fn tooltip(self) -> &'static str {
        match self {
            UiCommand::New => "Start an empty model in this tab",
            UiCommand::NewTab => "Start an empty model in a new tab",
            UiCommand::Open => "Open a .ron model in this tab",
            UiCommand::OpenInNewTab => "Open a .ron model in a new tab",
            UiCommand::Save => "Save the model",
            UiCommand::SaveAs => "Save the model to a new file",
            UiCommand::CloseTab => "Close this tab",
            UiCommand::Undo => "Undo the last change",
            UiCommand::Redo => "Redo the last undone change",
            UiCommand::AddTeam => "Add a product team",
            UiCommand::AddService => {
                "Add a digital service, owned by the selected team if one is selected"
            }
            UiCommand::AddDomain => "Add a product domain",
            UiCommand::Delete => "Delete the selection and everything that refers to it",
            UiCommand::ConnectMode => {
                "Connect two things: service → service is a dependency, team → service sets the owner, team → domain sets the domain, team → team is an interaction"
            }
            UiCommand::Escape => "Leave connect mode and clear the selection",
            UiCommand::FitView => "Zoom so the whole model fits",
            UiCommand::AutoLayout => "Arrange the canvas with a force-directed layout (undoable)",
            UiCommand::ToggleInteractions => "Show or hide team interactions on the canvas",
            UiCommand::ToggleLegend => "Show or hide the legend in the canvas corner",
            UiCommand::Settings => "Currency, pay, rota rules and exposure bands",
            UiCommand::DuplicateScenario => {
                "Make an editable what-if copy, compared live against this model"
            }
            UiCommand::CompareWith => "Compare this model with another open model or a file",
            UiCommand::Present => {
                "Show the canvas alone, with larger type and the figures over it (Esc leaves)"
            }
            UiCommand::Find => "Find a team, service or domain by name or id and centre it",
        }
    }

    pub fn shortcut(self) -> Option<KeyboardShortcut> {
        Some(match self {
            UiCommand::New => command(Key::N),
            UiCommand::NewTab => command(Key::T),
            UiCommand::Open => command(Key::O),
            UiCommand::OpenInNewTab => command_shift(Key::O),
            UiCommand::Save => command(Key::S),
            UiCommand::SaveAs => command_shift(Key::S),
            UiCommand::CloseTab => command(Key::W),
            UiCommand::Undo => command(Key::Z),
            UiCommand::Redo => command_shift(Key::Z),
            UiCommand::AddTeam => plain(Key::T),
            UiCommand::AddService => plain(Key::S),
            UiCommand::AddDomain => plain(Key::D),
            UiCommand::Delete => plain(Key::Delete),
            UiCommand::ConnectMode => plain(Key::C),
            UiCommand::Escape => plain(Key::Escape),
            UiCommand::FitView => plain(Key::F),
            UiCommand::AutoLayout => plain(Key::L),
            UiCommand::ToggleInteractions => plain(Key::I),
            UiCommand::ToggleLegend => plain(Key::G),
            UiCommand::Settings => command(Key::Comma),
            UiCommand::DuplicateScenario => command(Key::D),
            UiCommand::CompareWith => command(Key::K),
            UiCommand::Present => plain(Key::F5),
            UiCommand::Find => command(Key::F),
        })
    }

    /// Other shortcuts for the same command: Ctrl+Y for redo, Backspace for delete.
    fn alternative(self) -> Option<KeyboardShortcut> {
        match self {
            UiCommand::Redo => Some(command(Key::Y)),
            UiCommand::Delete => Some(plain(Key::Backspace)),
            _ => None,
        }
    }

    /// Shortcuts without a modifier would eat typed letters, so they only apply while no
    /// text field has the keyboard.
    fn is_plain(self) -> bool {
        self.shortcut().is_some_and(|s| s.modifiers.is_none())
    }

    /// The commands whose shortcuts were pressed this frame (consumed, so widgets do not
    /// see them). Longer shortcuts are tried first, so Ctrl+Shift+S is not taken for Ctrl+S.
    pub fn pressed(ctx: &egui::Context) -> Vec<UiCommand> {
        let typing = ctx.egui_wants_keyboard_input();
        let mut candidates: Vec<(UiCommand, KeyboardShortcut)> = UiCommand::ALL
            .iter()
            .filter(|c| !(typing && c.is_plain()))
            .flat_map(|c| {
                [c.shortcut(), c.alternative()]
                    .into_iter()
                    .flatten()
                    .map(move |s| (*c, s))
            })
            .collect();
        candidates.sort_by_key(|(_, s)| {
            std::cmp::Reverse(s.modifiers.shift as u8 + s.modifiers.command as u8)
        });
        let mut pressed = Vec::new();
        ctx.input_mut(|input| {
            for (command, shortcut) in candidates {
                if input.consume_shortcut(&shortcut) && !pressed.contains(&command) {
                    pressed.push(command);
                }
            }
        });
        pressed
    }
}
