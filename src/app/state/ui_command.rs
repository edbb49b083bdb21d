//! Every user command in one table, with its menu text, tooltip and keyboard shortcuts, so
//! the menus, the toolbar, the help and the shortcuts stay in step (as rerun's `UICommand`
//! does). The table declares the enum and the list of all commands together, so a command
//! cannot be left out of the list. Shortcuts are plain data here; the views turn them into
//! egui's (see `views::shortcuts`).

/// The modifier keys of a shortcut. "Command" is Ctrl, or ⌘ on a Mac.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Modifiers {
    None,
    Command,
    CommandShift,
}

/// A key combination: modifiers and a key named as egui names its keys ("T", "F5",
/// "Delete", "Comma").
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Shortcut {
    pub modifiers: Modifiers,
    pub key: &'static str,
}

const fn command(key: &'static str) -> Shortcut {
    Shortcut {
        modifiers: Modifiers::Command,
        key,
    }
}

const fn command_shift(key: &'static str) -> Shortcut {
    Shortcut {
        modifiers: Modifiers::CommandShift,
        key,
    }
}

const fn plain(key: &'static str) -> Shortcut {
    Shortcut {
        modifiers: Modifiers::None,
        key,
    }
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

            pub fn shortcut(self) -> Option<Shortcut> {
                match self {
                    $(UiCommand::$name => Some($shortcut),)*
                }
            }

            /// Another shortcut for the same command (Ctrl+Y for redo, Backspace for delete).
            pub fn alternative(self) -> Option<Shortcut> {
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
    New: "New model", "Start an empty model in this tab", command("N");
    NewTab: "New model in a tab", "Start an empty model in a new tab", command("T");
    Open: "Open…", "Open a .ron model in this tab", command("O");
    OpenInNewTab: "Open in a new tab…", "Open a .ron model in a new tab", command_shift("O");
    NewRoadmap: "New roadmap…",
        "Make a roadmap of the open saved models, a phase each, spread over a year",
        command_shift("R");
    Save: "Save", "Save the model", command("S");
    SaveAs: "Save as…", "Save the model to a new file", command_shift("S");
    Import: "Import…",
        "Import a Backstage catalog file (.yaml, .yml) or a CSV sheet into a new tab",
        command("I");
    ImportFolder: "Import a catalog folder…",
        "Import every Backstage catalog file in a folder into a new tab", command_shift("I");
    Export: "Export…",
        "Write this model as an SVG or PNG picture, a PDF deck, a Mermaid or DOT diagram, or a CSV sheet",
        command("E");
    ExportDeck: "Export deck…",
        "Write this model as a PDF deck to send after the workshop: the model, its cost, findings with their fixes, cost drivers and assumptions",
        command_shift("E");
    CloseTab: "Close tab", "Close this tab", command("W");
    Quit: "Quit", "Close every tab and the window, asking about unsaved changes", command("Q");
    Undo: "Undo", "Undo the last change", command("Z");
    Redo: "Redo", "Redo the last undone change", command_shift("Z"), also: command("Y");
    SelectAll: "Select all", "Select every team, service and domain", command("A");
    Copy: "Copy",
        "Copy the selected teams, services and domains, with the dependencies, owners and interactions among them (a domain brings its teams and their services)",
        command("C");
    Cut: "Cut", "Copy the selection, then delete it", command("X");
    Paste: "Paste",
        "Paste copied teams, services and domains in free space near the pointer; ids already in use are numbered",
        command("V");
    Duplicate: "Duplicate",
        "Copy the selection beside itself, with the dependencies, owners and interactions among it",
        command("D");
    Rename: "Rename", "Edit the selected node's name on the canvas (Enter keeps, Esc cancels)",
        plain("F2");
    AddTeam: "Add team", "Add a product team", plain("T");
    AddService: "Add service",
        "Add a digital service, owned by the selected team if one is selected", plain("S");
    AddDomain: "Add domain", "Add a product domain", plain("D");
    Delete: "Delete", "Delete the selection and everything that refers to it",
        plain("Delete"), also: plain("Backspace");
    ConnectMode: "Connect",
        "Connect two things: service → service is a dependency, team → service sets the owner, team → domain sets the domain, team → team is an interaction",
        plain("C");
    Escape: "Cancel", "Leave connect mode and clear the selection", plain("Escape");
    FitView: "Fit to view", "Zoom so the whole model fits", plain("F");
    AutoLayout: "Auto-layout", "Arrange the canvas with a force-directed layout (undoable)",
        plain("L");
    ToggleInteractions: "Show interactions", "Show or hide team interactions on the canvas",
        plain("I");
    ToggleLegend: "Show legend", "Show or hide the legend in the canvas corner", plain("G");
    Settings: "Model settings…", "Currency, pay, rota rules and exposure bands",
        command("Comma");
    DuplicateScenario: "Duplicate as scenario",
        "Make an editable what-if copy of the whole model, compared live against it",
        command_shift("D");
    CompareWith: "Compare with…", "Compare this model with another open model or a file",
        command("K");
    Present: "Present",
        "Show the canvas alone, with larger type and the figures over it (Esc leaves)",
        plain("F5");
    Find: "Find…", "Find a team, service or domain by name or id and centre it", command("F");
    Palette: "Command palette…", "Find any command by its name and run it",
        command_shift("P");
    Assess: "Assess",
        "Go through the estate in a table, a row per service, and set exposure and demand (press again for the canvas)",
        plain("A");
}

impl UiCommand {
    /// Both shortcuts of the command, the main one first.
    pub fn shortcuts(self) -> impl Iterator<Item = Shortcut> {
        [self.shortcut(), self.alternative()].into_iter().flatten()
    }

    /// Whether a text field with the keyboard takes `shortcut` first: plain keys are typed,
    /// and Ctrl+A, C, X and V select, copy, cut and paste its text.
    pub fn yields_to_text(self, shortcut: Shortcut) -> bool {
        shortcut.modifiers == Modifiers::None
            || matches!(
                self,
                UiCommand::SelectAll | UiCommand::Copy | UiCommand::Cut | UiCommand::Paste
            )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_two_commands_share_a_shortcut() {
        let mut seen: Vec<(Shortcut, UiCommand)> = Vec::new();
        for &command in UiCommand::ALL {
            for shortcut in command.shortcuts() {
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
