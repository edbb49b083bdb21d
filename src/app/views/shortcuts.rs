//! Keyboard shortcuts: the [`UiCommand`] table's key combinations as egui's, how menus show
//! them, and which were pressed this frame.

use egui::{Key, KeyboardShortcut};

use crate::app::state::{Modifiers, Shortcut, UiCommand};

/// The shortcut as egui matches it.
pub fn egui_shortcut(shortcut: Shortcut) -> KeyboardShortcut {
    let modifiers = match shortcut.modifiers {
        Modifiers::None => egui::Modifiers::NONE,
        Modifiers::Command => egui::Modifiers::COMMAND,
        Modifiers::CommandShift => egui::Modifiers::COMMAND.plus(egui::Modifiers::SHIFT),
    };
    let key = Key::from_name(shortcut.key).expect("the command table names egui's keys");
    KeyboardShortcut::new(modifiers, key)
}

/// The command's main shortcut as this platform writes it ("Ctrl+S", "⌘S"), or nothing.
pub fn shortcut_text(ctx: &egui::Context, command: UiCommand) -> String {
    command
        .shortcut()
        .map(|s| ctx.format_shortcut(&egui_shortcut(s)))
        .unwrap_or_default()
}

/// The commands whose shortcuts were pressed this frame (consumed, so widgets do not see
/// them). Shortcuts without a modifier would eat typed letters, so they only apply while no
/// text field has the keyboard. Longer shortcuts are tried first, so Ctrl+Shift+S is not
/// taken for Ctrl+S.
pub fn pressed(ctx: &egui::Context) -> Vec<UiCommand> {
    let typing = ctx.egui_wants_keyboard_input();
    let mut candidates: Vec<(UiCommand, KeyboardShortcut)> = UiCommand::ALL
        .iter()
        .flat_map(|c| c.shortcuts().map(move |s| (*c, s)))
        .filter(|(_, s)| !(typing && s.modifiers == Modifiers::None))
        .map(|(c, s)| (c, egui_shortcut(s)))
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_key_in_the_command_table_is_a_key_egui_knows() {
        for command in UiCommand::ALL {
            for shortcut in command.shortcuts() {
                assert!(
                    Key::from_name(shortcut.key).is_some(),
                    "{command:?}: {}",
                    shortcut.key
                );
            }
        }
    }
}
