//! Typing into a cell of the Assess table: the editor that opens in the cell, the list of
//! values under a list cell, the keys that end typing, and what the typed text sets.

use egui::text::{CCursor, CCursorRange};
use egui::{Area, Context, Event, Frame, Id, Key, Order, RichText, ScrollArea, TextEdit, Ui};

use super::super::cells::{self, Editor, Value};
use super::{Ctx, Editing, OWN_KEYS, consume, focus, grid_id};
use crate::app::views::panels::DocView;
use crate::app::views::theme;

fn editor_id(dv: DocView) -> Id {
    Id::new(("assess-cell-editor", dv.view.id()))
}

impl Ctx<'_, '_> {
    /// Starts typing into the cursor's cell: with `typed` replacing its value, or with the
    /// value as it is.
    pub(super) fn start_editing(&mut self, typed: Option<String>) {
        let Some(row) = self.cursor else {
            return;
        };
        let column = self.slot.column;
        let Some(editor) = cells::editor(column) else {
            return;
        };
        let index = self.slot.rows[row];
        let service = &self.dv.model().services[index];
        let select_all = typed.is_none();
        let text = typed.unwrap_or_else(|| cells::edit_text(column, service));
        let highlight = if editor == Editor::Choice && select_all {
            // Start on the value the cell holds.
            let options =
                cells::options(column, self.dv.model(), &self.dv.analysis().services[index]);
            options
                .iter()
                .position(|(_, value)| value.is_held_by(service))
                .unwrap_or(0)
        } else {
            0
        };
        self.slot.editing = Some(Editing {
            row: service.id.clone(),
            column,
            text,
            highlight,
            fresh: true,
            select_all,
            cell: None,
        });
    }

    /// Ends typing: sets what was typed (or the highlighted value of a list), or drops it;
    /// with `refocus`, the table takes the keyboard back.
    pub(super) fn finish(&mut self, ctx: &Context, keep: bool, refocus: bool) {
        let Some(editing) = self.slot.editing.take() else {
            return;
        };
        if keep {
            match self.typed_value(&editing) {
                Ok(Some(value)) => self.set(ctx, &editing.row, editing.column, &value),
                Ok(None) => {}
                Err(message) => {
                    let label = format!("Set {} of {}", editing.column.label(), editing.row);
                    self.dv.edit(&label, Err(message), None);
                    ctx.request_repaint();
                }
            }
        }
        if refocus {
            focus(ctx, self.dv);
        }
    }

    /// What the text typed into `editing` stands for: a value, nothing (a list with no match
    /// for it), or why it is no value.
    fn typed_value(&self, editing: &Editing) -> Result<Option<Value>, String> {
        match cells::editor(editing.column) {
            Some(Editor::Choice) => {
                let Some(&index) = self.slot.index.get(&editing.row) else {
                    return Ok(None);
                };
                let options = cells::options(
                    editing.column,
                    self.dv.model(),
                    &self.dv.analysis().services[index],
                );
                Ok(cells::matching(&options, &editing.text)
                    .get(editing.highlight)
                    .map(|(_, value)| value.clone()))
            }
            _ => cells::parse(
                editing.column,
                &editing.text,
                &self.dv.model().settings.currency,
            )
            .map(Some),
        }
    }

    /// The keys of a cell being typed into.
    pub(super) fn edit_keys(&mut self, ctx: &Context) {
        let events = ctx.input(|i| i.events.clone());
        let mut used = Vec::new();
        for (at, event) in events.iter().enumerate() {
            let Event::Key {
                key,
                pressed: true,
                modifiers,
                ..
            } = event
            else {
                continue;
            };
            let Some(editing) = &mut self.slot.editing else {
                break;
            };
            let choice = cells::editor(editing.column) == Some(Editor::Choice);
            let (row, column) = (self.cursor.unwrap_or(0), editing.column);
            match key {
                Key::Escape => self.finish(ctx, false, true),
                Key::ArrowDown | Key::ArrowUp if choice => {
                    editing.highlight = if *key == Key::ArrowDown {
                        editing.highlight + 1
                    } else {
                        editing.highlight.saturating_sub(1)
                    };
                }
                Key::Enter | Key::ArrowDown | Key::ArrowUp | Key::Tab => {
                    let several = self.dv.view.assess().selected().len() > 1;
                    self.finish(ctx, true, true);
                    match key {
                        Key::Tab => {
                            let step = if modifiers.shift { -1 } else { 1 };
                            self.move_across(ctx, self.column_by(step));
                        }
                        Key::ArrowUp => self.move_to(ctx, row.saturating_sub(1), column, false),
                        // A value set on several rows leaves them selected.
                        _ if several => {}
                        _ => self.move_to(ctx, row + 1, column, false),
                    }
                }
                _ => continue,
            }
            used.push(at);
        }
        consume(ctx, &events, &used);
    }
}

/// The editor in a cell being typed into, taking the keyboard when it opens.
pub(super) fn type_into(ui: &mut Ui, dv: DocView, editing: &mut Editing) {
    let id = editor_id(dv);
    editing.cell = Some(ui.max_rect());
    let before = editing.text.clone();
    if editing.fresh {
        // Focused before it is drawn, so that the keys typed after the first in the same
        // frame (a fast typist, a slow frame) go into the cell instead of being lost.
        ui.memory_mut(|m| m.request_focus(id));
    }
    ui.add(
        TextEdit::singleline(&mut editing.text)
            .id(id)
            .desired_width(f32::INFINITY)
            .event_filter(OWN_KEYS),
    );
    if editing.text != before {
        editing.highlight = 0;
    }
    if editing.fresh {
        editing.fresh = false;
        // The list under a list cell shows from the next frame on.
        ui.ctx().request_repaint();
        if let Some(mut state) = TextEdit::load_state(ui.ctx(), id) {
            let end = CCursor::new(editing.text.chars().count());
            let range = if editing.select_all {
                CCursorRange::two(CCursor::new(0), end)
            } else {
                CCursorRange::one(end)
            };
            state.cursor.set_char_range(Some(range));
            state.store(ui.ctx(), id);
        }
    }
}

/// The values a list cell offers that match what is typed, under the cell; the highlighted
/// one is what Enter picks. Returns the value clicked.
pub(super) fn choice_list(ui: &Ui, cx: &mut Ctx) -> Option<Value> {
    let dv = cx.dv;
    let editing = cx.slot.editing.as_mut()?;
    let cell = editing.cell?;
    let index = *cx.slot.index.get(&editing.row)?;
    let options = cells::options(editing.column, dv.model(), &dv.analysis().services[index]);
    let matching = cells::matching(&options, &editing.text);
    editing.highlight = editing.highlight.min(matching.len().saturating_sub(1));
    let mut picked = None;
    Area::new(Id::new(("assess-choices", dv.view.id())))
        .order(Order::Foreground)
        .fixed_pos(cell.left_bottom())
        .show(ui.ctx(), |ui| {
            Frame::popup(ui.style()).show(ui, |ui| {
                ui.set_min_width(cell.width().max(180.0));
                if matching.is_empty() {
                    ui.label(
                        RichText::new(format!("Nothing matches “{}”", editing.text))
                            .color(theme::MUTED_INK),
                    );
                    return;
                }
                ScrollArea::vertical().max_height(280.0).show(ui, |ui| {
                    for (at, (label, value)) in matching.iter().enumerate() {
                        let response = ui.selectable_label(at == editing.highlight, label);
                        if at == editing.highlight {
                            response.scroll_to_me(None);
                        }
                        if response.clicked() {
                            picked = Some(value.clone());
                        }
                    }
                });
            });
        });
    picked
}

/// Ends typing when a value was picked from the list, or when the keyboard went elsewhere
/// (a click on another cell or widget): what was typed into a text or number cell is set,
/// a list left without a pick changes nothing.
pub(super) fn finish_when_done(ui: &Ui, cx: &mut Ctx, picked: Option<Value>) {
    let Some(editing) = &cx.slot.editing else {
        return;
    };
    let ctx = ui.ctx();
    if let Some(value) = picked {
        let (row, column) = (editing.row.clone(), editing.column);
        cx.slot.editing = None;
        cx.set(ctx, &row, column, &value);
        focus(ctx, cx.dv);
        return;
    }
    let pressing = ctx.input(|i| i.pointer.any_down());
    if editing.fresh || pressing || ctx.memory(|m| m.has_focus(editor_id(cx.dv))) {
        return;
    }
    let keep = cells::editor(editing.column) != Some(Editor::Choice);
    let focused_elsewhere = ctx
        .memory(|m| m.focused())
        .is_some_and(|f| f != grid_id(cx.dv));
    // A click on another widget leaves the keyboard there.
    cx.finish(ctx, keep, !focused_elsewhere);
}
