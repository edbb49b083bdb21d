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

/// What the keyboard asked for this frame.
#[derive(Default)]
pub struct Pressed {
    pub commands: Vec<UiCommand>,
    /// Text pasted from the system clipboard (Ctrl+V, or Paste from a menu).
    pub pasted: Option<String>,
}

/// The commands whose shortcuts were pressed this frame (consumed, so widgets do not see
/// them), and text pasted from the clipboard. A text field with the keyboard takes plain
/// keys and its own editing shortcuts first (see [`UiCommand::yields_to_text`]). Esc does
/// one thing at a time: when `esc_taken` — a popup was open or a widget had the keyboard as
/// the last frame ended — egui's closing of that popup or leaving of that field is all it
/// does. Longer shortcuts are tried first, so Ctrl+Shift+S is not taken for Ctrl+S.
pub fn pressed(ctx: &egui::Context, esc_taken: bool) -> Pressed {
    let typing = ctx.egui_wants_keyboard_input();
    let mut candidates: Vec<(UiCommand, KeyboardShortcut)> = UiCommand::ALL
        .iter()
        .flat_map(|c| c.shortcuts().map(move |s| (*c, s)))
        .filter(|(c, s)| !(typing && c.yields_to_text(*s)))
        .filter(|(c, _)| !(esc_taken && *c == UiCommand::Escape))
        .map(|(c, s)| (c, egui_shortcut(s)))
        .collect();
    candidates.sort_by_key(|(_, s)| {
        std::cmp::Reverse(s.modifiers.shift as u8 + s.modifiers.command as u8)
    });
    let mut pressed = Pressed::default();
    ctx.input_mut(|input| {
        for (command, shortcut) in candidates {
            if input.consume_shortcut(&shortcut) && !pressed.commands.contains(&command) {
                pressed.commands.push(command);
            }
        }
        if typing {
            return;
        }
        // The desktop turns Ctrl+C, X and V into these events rather than key presses.
        for event in &input.events {
            let command = match event {
                egui::Event::Copy => UiCommand::Copy,
                egui::Event::Cut => UiCommand::Cut,
                egui::Event::Paste(text) => {
                    pressed.pasted = Some(text.clone());
                    continue;
                }
                _ => continue,
            };
            if !pressed.commands.contains(&command) {
                pressed.commands.push(command);
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
