//! Every user command in one table, with its menu text, tooltip and keyboard shortcuts, so
//! the menus, the toolbar, the help and the shortcuts stay in step. The table declares the
//! enum and the list of all commands together, so a command cannot be left out of the list.

use egui::{Key, KeyboardShortcut, Modifiers};

const fn command(key: Key) -> KeyboardShortcut {
    KeyboardShortcut::new(Modifiers::COMMAND, key)
}

const fn command_shift(key: Key) -> KeyboardShortcut {
    KeyboardShortcut::new(Modifiers::COMMAND.plus(Modifiers::SHIFT), key)
}

const fn plain(key: Key) -> KeyboardShortcut {
    KeyboardShortcut::new(Modifiers::NONE, key)
}

/// Declares [`UiCommand`], its [`UiCommand::ALL`] list and its text, tooltip and shortcut
/// lookups from one table. `also:` gives a second shortcut for the same command.
macro_rules! ui_commands {
    ($($name:ident: $text:literal, $tooltip:expr, $shortcut:expr $(, also: $also:expr)?;)*) => {
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub enum UiCommand {
            $($name,)*
        }

        impl UiCommand {
            /// Every command, in table order.
            pub const ALL: &'static [UiCommand] = &[$(UiCommand::$name,)*];

            pub fn text(self) -> &'static str {
                match self {
                    $(UiCommand::$name => $text,)*
                }
            }

            pub fn tooltip(self) -> &'static str {
                match self {
                    $(UiCommand::$name => $tooltip,)*
                }
            }

            pub fn shortcut(self) -> Option<KeyboardShortcut> {
                match self {
                    $(UiCommand::$name => Some($shortcut),)*
                }
            }

            /// Another shortcut for the same command (Ctrl+Y for redo, Backspace for delete).
            fn alternative(self) -> Option<KeyboardShortcut> {
                match self {
                    $(UiCommand::$name => ui_commands!(@also $($also)?),)*
                }
            }
        }
    };
    (@also) => { None };
    (@also $also:expr) => { Some($also) };
}

ui_commands! {
    New: "New model", "Start an empty model in this tab", command(Key::N);
    NewTab: "New model in a tab", "Start an empty model in a new tab", command(Key::T);
    Open: "Open…", "Open a .ron model in this tab", command(Key::O);
    OpenInNewTab: "Open in a new tab…", "Open a .ron model in a new tab", command_shift(Key::O);
    Save: "Save", "Save the model", command(Key::S);
    SaveAs: "Save as…", "Save the model to a new file", command_shift(Key::S);
    Import: "Import…",
        "Import a Backstage catalog file (.yaml, .yml) or a CSV sheet into a new tab",
        command(Key::I);
    ImportFolder: "Import a catalog folder…",
        "Import every Backstage catalog file in a folder into a new tab", command_shift(Key::I);
    Export: "Export…", "Write this model as an SVG or PNG picture, a Mermaid or DOT diagram, or a CSV sheet",
        command(Key::E);
    CloseTab: "Close tab", "Close this tab", command(Key::W);
    Quit: "Quit", "Close every tab and the window, asking about unsaved changes", command(Key::Q);
    Undo: "Undo", "Undo the last change", command(Key::Z);
    Redo: "Redo", "Redo the last undone change", command_shift(Key::Z), also: command(Key::Y);
    AddTeam: "Add team", "Add a product team", plain(Key::T);
    AddService: "Add service",
        "Add a digital service, owned by the selected team if one is selected", plain(Key::S);
    AddDomain: "Add domain", "Add a product domain", plain(Key::D);
    Delete: "Delete", "Delete the selection and everything that refers to it",
        plain(Key::Delete), also: plain(Key::Backspace);
    ConnectMode: "Connect",
        "Connect two things: service → service is a dependency, team → service sets the owner, team → domain sets the domain, team → team is an interaction",
        plain(Key::C);
    Escape: "Cancel", "Leave connect mode and clear the selection", plain(Key::Escape);
    FitView: "Fit to view", "Zoom so the whole model fits", plain(Key::F);
    AutoLayout: "Auto-layout", "Arrange the canvas with a force-directed layout (undoable)",
        plain(Key::L);
    ToggleInteractions: "Show interactions", "Show or hide team interactions on the canvas",
        plain(Key::I);
    ToggleLegend: "Show legend", "Show or hide the legend in the canvas corner", plain(Key::G);
    Settings: "Model settings…", "Currency, pay, rota rules and exposure bands",
        command(Key::Comma);
    DuplicateScenario: "Duplicate as scenario",
        "Make an editable what-if copy, compared live against this model", command(Key::D);
    CompareWith: "Compare with…", "Compare this model with another open model or a file",
        command(Key::K);
    Present: "Present",
        "Show the canvas alone, with larger type and the figures over it (Esc leaves)",
        plain(Key::F5);
    Find: "Find…", "Find a team, service or domain by name or id and centre it", command(Key::F);
}

impl UiCommand {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_two_commands_share_a_shortcut() {
        let mut seen: Vec<(KeyboardShortcut, UiCommand)> = Vec::new();
        for &command in UiCommand::ALL {
            for shortcut in [command.shortcut(), command.alternative()]
                .into_iter()
                .flatten()
            {
                if let Some((_, other)) = seen.iter().find(|(s, _)| *s == shortcut) {
                    panic!("{command:?} and {other:?} share {shortcut:?}");
                }
                seen.push((shortcut, command));
            }
        }
        // Two commands have a second shortcut.
        assert_eq!(seen.len(), UiCommand::ALL.len() + 2);
    }

    #[test]
    fn every_command_has_a_text_of_its_own() {
        let mut names: Vec<&str> = UiCommand::ALL.iter().map(|c| c.text()).collect();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), UiCommand::ALL.len());
    }
}
