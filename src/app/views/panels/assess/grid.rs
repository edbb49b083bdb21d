//! The Assess table: a row per service, drawn by egui_extras only where it is in view, and
//! worked like a spreadsheet. A cursor cell moves with the arrows, Tab and Enter; typing
//! replaces a cell's value (in a list cell, the first letters pick the value), Enter or
//! F2 edits it as it is, Delete clears it, Esc cancels; Shift and Ctrl (with the arrows or
//! the mouse) select several rows, and a value set on one of them is set on all of them as
//! one undo step. The table keeps the keyboard while it has it, so the editor's one-key
//! shortcuts do not fire while the room is typing.

mod typing;

use egui::{
    Align, Context, Event, EventFilter, Id, Key, Label, Layout, Modifiers, Rect, RichText,
    ScrollArea, Sense, Stroke, Ui,
};
use egui_extras::{Column as Width, TableBuilder};

use super::cells::{self, Editor, Value};
use super::{AssessSlot, Scale};
use crate::app::state::{AssessCommand, Column, Order as SortOrder, ViewCommand};
use crate::app::views::panels::DocView;
use crate::app::views::theme;
use crate::edit::Edit;
use typing::{choice_list, finish_when_done, type_into};

/// A cell being typed into.
pub struct Editing {
    /// The service and column of the cell.
    row: String,
    column: Column,
    text: String,
    /// In a list cell: which of the matching values Enter picks.
    highlight: usize,
    /// The editor has yet to take the keyboard (and, with `select_all`, select its text).
    fresh: bool,
    select_all: bool,
    /// Where the cell is on screen, for the list under it.
    cell: Option<Rect>,
}

/// Every key the table and its cell editor handle themselves.
const OWN_KEYS: EventFilter = EventFilter {
    tab: true,
    horizontal_arrows: true,
    vertical_arrows: true,
    escape: true,
};

fn grid_id(dv: DocView) -> Id {
    Id::new(("assess-grid", dv.view.id()))
}

/// Gives the table the keyboard.
pub(super) fn focus(ctx: &Context, dv: DocView) {
    ctx.memory_mut(|m| m.request_focus(grid_id(dv)));
}

/// Base widths at the editor's type size, scaled to the room there is.
fn base_width(column: Column) -> f32 {
    match column {
        Column::Name => 168.0,
        Column::Owner => 138.0,
        Column::Kind => 80.0,
        Column::Lifecycle => 74.0,
        Column::Exposure => 120.0,
        Column::Demand => 80.0,
        Column::Availability => 128.0,
        // An operating model's name and its note ("assumed", "override") side by side.
        Column::Recommended => 232.0,
        Column::OperatingModel => 222.0,
        Column::OutOfHours => 110.0,
        Column::Cover => 100.0,
        Column::LineItem => 86.0,
    }
}

/// Space between two columns.
const COLUMN_GAP: f32 = 6.0;

/// Sends a command of this view's table, and draws again at once to show it.
fn send(ctx: &Context, dv: DocView, command: AssessCommand) {
    dv.tx.view(dv.view.id(), ViewCommand::Assess(command));
    ctx.request_repaint();
}

/// What the table needs from the frame around it.
struct Ctx<'a, 'b> {
    dv: DocView<'a>,
    slot: &'b mut AssessSlot,
    cursor: Option<usize>,
    /// How many rows fit in view, for Page Up and Page Down.
    page: usize,
}

impl Ctx<'_, '_> {
    fn id_at(&self, row: usize) -> &str {
        &self.dv.model().services[self.slot.rows[row]].id
    }

    /// Moves the cursor to `row` and `column`; with `extend`, selects every row from the
    /// anchor to it, else that row alone.
    fn move_to(&mut self, ctx: &Context, row: usize, column: Column, extend: bool) {
        if self.slot.rows.is_empty() {
            return;
        }
        let row = row.min(self.slot.rows.len() - 1);
        let id = self.id_at(row).to_owned();
        let rows = match self.slot.anchor.as_deref().filter(|_| extend) {
            Some(anchor) => {
                let from = self
                    .slot
                    .index
                    .get(anchor)
                    .and_then(|i| self.slot.rows.iter().position(|r| r == i))
                    .unwrap_or(row);
                let (low, high) = (from.min(row), from.max(row));
                (low..=high).map(|r| self.id_at(r).to_owned()).collect()
            }
            None => {
                self.slot.anchor = Some(id.clone());
                vec![id.clone()]
            }
        };
        self.slot.column = column;
        self.slot.scroll_to = Some(row);
        self.cursor = Some(row);
        send(
            ctx,
            self.dv,
            AssessCommand::SelectRows {
                rows,
                cursor: Some(id),
            },
        );
    }

    /// Moves the cursor to `column` in its row. The rows selected stay selected, so that a
    /// value can be set on all of them in whichever column.
    fn move_across(&mut self, ctx: &Context, column: Column) {
        self.slot.column = column;
        ctx.request_repaint();
    }

    /// The column `step` places to the right (or left) of the cursor's, kept in the table.
    fn column_by(&self, step: isize) -> Column {
        let at = Column::ALL
            .iter()
            .position(|c| *c == self.slot.column)
            .unwrap_or(0) as isize;
        Column::ALL[(at + step).clamp(0, Column::ALL.len() as isize - 1) as usize]
    }

    /// Sets `value` in the cursor's column on the rows it goes to (every selected row when
    /// the cursor is one of them; only the cursor's for a name), as one undo step.
    fn set(&self, ctx: &Context, row: &str, column: Column, value: &Value) {
        let assess = self.dv.view.assess();
        let targets = if column == Column::Name {
            vec![row]
        } else {
            assess.targets(row)
        };
        let (label, edit) = cells::edit(self.dv.model(), column, &targets, value);
        if matches!(&edit, Ok(Edit::Batch(edits)) if edits.is_empty()) {
            return;
        }
        self.dv.edit(&label, edit, None);
        ctx.request_repaint();
    }

    /// The keys of a table that has the keyboard and is not being typed into.
    fn navigate(&mut self, ctx: &Context) {
        let events = ctx.input(|i| i.events.clone());
        let mut used = Vec::new();
        for (at, event) in events.iter().enumerate() {
            let handled = match event {
                Event::Key {
                    key,
                    pressed: true,
                    modifiers,
                    ..
                } => self.key(ctx, *key, *modifiers),
                Event::Text(text)
                    if self.cursor.is_some() && cells::editor(self.slot.column).is_some() =>
                {
                    self.start_editing(Some(text.clone()));
                    true
                }
                _ => false,
            };
            if handled {
                used.push(at);
                if self.slot.editing.is_some() {
                    // The rest goes to the cell's editor.
                    break;
                }
            }
        }
        consume(ctx, &events, &used);
    }

    fn key(&mut self, ctx: &Context, key: Key, modifiers: Modifiers) -> bool {
        let rows = self.slot.rows.len();
        let extend = modifiers.shift;
        let Some(row) = self.cursor else {
            // Nothing chosen yet: any move starts at the first row.
            let moves = matches!(
                key,
                Key::ArrowDown | Key::ArrowUp | Key::PageDown | Key::Home | Key::Enter | Key::Tab
            );
            if moves && rows > 0 {
                self.move_to(ctx, 0, self.slot.column, false);
            }
            return moves || key == Key::Escape && self.release(ctx);
        };
        let column = self.slot.column;
        match key {
            Key::ArrowDown => self.move_to(ctx, row + 1, column, extend),
            Key::ArrowUp => self.move_to(ctx, row.saturating_sub(1), column, extend),
            Key::PageDown => self.move_to(ctx, row + self.page, column, extend),
            Key::PageUp => self.move_to(ctx, row.saturating_sub(self.page), column, extend),
            Key::Home if modifiers.command => self.move_to(ctx, 0, column, extend),
            Key::End if modifiers.command => {
                self.move_to(ctx, rows.saturating_sub(1), column, extend)
            }
            Key::Home => self.move_across(ctx, Column::ALL[0]),
            Key::End => self.move_across(ctx, Column::ALL[Column::ALL.len() - 1]),
            Key::ArrowRight => self.move_across(ctx, self.column_by(1)),
            Key::ArrowLeft => self.move_across(ctx, self.column_by(-1)),
            Key::Tab => {
                let step = if modifiers.shift { -1 } else { 1 };
                self.move_across(ctx, self.column_by(step));
            }
            Key::Enter | Key::F2 if cells::editor(column).is_some() => self.start_editing(None),
            Key::Enter => self.move_to(ctx, row + 1, column, false),
            Key::Delete | Key::Backspace => {
                if let Some(value) = cells::cleared(column) {
                    let id = self.id_at(row).to_owned();
                    self.set(ctx, &id, column, &value);
                }
            }
            Key::A if modifiers.command => {
                let all = (0..rows).map(|r| self.id_at(r).to_owned()).collect();
                let cursor = Some(self.id_at(row).to_owned());
                send(
                    ctx,
                    self.dv,
                    AssessCommand::SelectRows { rows: all, cursor },
                );
            }
            Key::Escape => {
                if self.dv.view.assess().selected().len() > 1 {
                    self.move_to(ctx, row, column, false);
                } else {
                    return self.release(ctx);
                }
            }
            _ => return false,
        }
        true
    }

    /// Hands the keyboard back to the editor, so its one-key shortcuts work again.
    fn release(&self, ctx: &Context) -> bool {
        ctx.memory_mut(|m| m.surrender_focus(grid_id(self.dv)));
        true
    }
}

/// Takes the events at `used` out of this frame's input, so no other widget acts on them.
fn consume(ctx: &Context, events: &[Event], used: &[usize]) {
    if used.is_empty() {
        return;
    }
    let used: Vec<&Event> = used.iter().map(|&at| &events[at]).collect();
    ctx.input_mut(|i| i.events.retain(|e| !used.contains(&e)));
}

/// The table in the rest of `ui`: the header with its sort buttons, the rows in view, the
/// cell being typed into and the list under it.
pub(super) fn table(ui: &mut Ui, dv: DocView, slot: &mut AssessSlot, scale: Scale) {
    let grid = grid_id(dv);
    // The table's own focusable widget, under the cells so that clicks still reach them.
    let area = ui.available_rect_before_wrap();
    ui.interact(area, grid, Sense::focusable_noninteractive());
    if !slot.focused {
        slot.focused = true;
        focus(ui.ctx(), dv);
    }
    if ui.memory(|m| m.has_focus(grid)) {
        ui.memory_mut(|m| m.set_focus_lock_filter(grid, OWN_KEYS));
    }
    let header_height = scale.row + 4.0;
    let page = ((area.height() - header_height) / (scale.row + 1.0)).max(1.0) as usize;
    let cursor = slot.cursor(dv);
    let mut cx = Ctx {
        dv,
        slot,
        cursor,
        page,
    };
    if cx.slot.editing.is_some() {
        cx.edit_keys(ui.ctx());
    } else if ui.memory(|m| m.has_focus(grid)) {
        cx.navigate(ui.ctx());
    }
    let widths = widths(area.width(), scale);
    ScrollArea::horizontal()
        .id_salt(("assess-hscroll", dv.view.id()))
        .show(ui, |ui| {
            ui.style_mut().interaction.selectable_labels = false;
            ui.spacing_mut().item_spacing.x = COLUMN_GAP;
            let mut builder = TableBuilder::new(ui)
                .id_salt(("assess-table", dv.view.id()))
                .striped(true)
                .sense(Sense::click())
                .cell_layout(Layout::left_to_right(Align::Center))
                .min_scrolled_height(0.0)
                .max_scroll_height(f32::INFINITY)
                .auto_shrink([false, false]);
            for width in &widths {
                builder = builder.column(Width::exact(*width).clip(true));
            }
            if let Some(row) = cx.slot.scroll_to.take() {
                builder = builder.scroll_to_row(row, None);
            }
            builder
                .header(header_height, |mut header| {
                    for column in Column::ALL {
                        header.col(|ui| header_cell(ui, dv, column));
                    }
                })
                .body(|body| {
                    let rows = cx.slot.rows.len();
                    body.rows(scale.row, rows, |mut row| {
                        let at = row.index();
                        let index = cx.slot.rows[at];
                        let service = &dv.model().services[index];
                        let selected = cx.cursor == Some(at)
                            || dv.view.assess().selected().contains(&service.id);
                        row.set_selected(selected);
                        for column in Column::ALL {
                            let (rect, response) = row.col(|ui| cell(ui, &mut cx, at, column));
                            if cx.cursor == Some(at) && cx.slot.column == column {
                                paint_cursor(&response, rect);
                            }
                            clicked(&response, &mut cx, at, column);
                        }
                    });
                });
        });
    let picked = match &cx.slot.editing {
        Some(editing) if cells::editor(editing.column) == Some(Editor::Choice) => {
            choice_list(ui, &mut cx)
        }
        _ => None,
    };
    finish_when_done(ui, &mut cx, picked);
}

/// Outlines the cursor's cell.
fn paint_cursor(response: &egui::Response, rect: Rect) {
    response.ctx.layer_painter(response.layer_id).rect_stroke(
        rect.expand(1.0),
        2.0,
        Stroke::new(2.0, theme::SELECTION),
        egui::StrokeKind::Inside,
    );
}

/// The columns' widths: their base widths at this type size, fitted to `available` as far
/// as they read (beyond that the table scrolls sideways).
fn widths(available: f32, scale: Scale) -> Vec<f32> {
    let grow = scale.text / Scale::EDITOR.text;
    let total: f32 = Column::ALL.iter().map(|c| base_width(*c) * grow).sum();
    let gaps = COLUMN_GAP * Column::ALL.len() as f32;
    // Room for the scroll bar, and no squeezing past what still reads.
    let fit = ((available - gaps - 16.0) / total).clamp(0.8, 1.5);
    Column::ALL
        .iter()
        .map(|c| (base_width(*c) * grow * fit).round())
        .collect()
}

/// A column's header: its name, the sort arrow when sorted by it; a click sorts.
fn header_cell(ui: &mut Ui, dv: DocView, column: Column) {
    let arrow = match dv.view.assess().sort() {
        Some(sort) if sort.column == column => match sort.order {
            SortOrder::Ascending => " ▲",
            SortOrder::Descending => " ▼",
        },
        _ => "",
    };
    let currency = &dv.model().settings.currency;
    let label = match column {
        Column::Exposure => format!("Exposure, {currency}/h"),
        _ => column.label().to_owned(),
    };
    let response = ui
        .add(
            egui::Button::new(RichText::new(format!("{label}{arrow}")).strong())
                .frame(false)
                .truncate(),
        )
        .on_hover_text(format!(
            "{}{}. Click to sort; again to reverse; a third time for the model's order.",
            column.help(),
            match column {
                Column::Exposure => format!(", in {currency} an hour"),
                Column::LineItem => format!(", in {currency} a year"),
                _ => String::new(),
            }
        ));
    if response.clicked() {
        send(ui.ctx(), dv, AssessCommand::SortBy(column));
    }
}

/// One cell: its value, or the editor while it is typed into.
fn cell(ui: &mut Ui, cx: &mut Ctx, at: usize, column: Column) {
    let index = cx.slot.rows[at];
    let dv = cx.dv;
    let service = &dv.model().services[index];
    let editing_here = cx
        .slot
        .editing
        .as_ref()
        .is_some_and(|e| e.column == column && e.row == service.id);
    if editing_here && let Some(editing) = &mut cx.slot.editing {
        type_into(ui, dv, editing);
        return;
    }
    let figures = &dv.analysis().services[index];
    let shown = cells::shown(column, service, figures, cx.slot.owner_name(dv, index));
    let response = ui.add(
        Label::new(RichText::new(&shown.text).color(shown.colour))
            .truncate()
            .selectable(false),
    );
    if let Some(note) = shown.note {
        ui.label(RichText::new(note).small().color(theme::MUTED_INK));
    }
    if let Some(hover) = shown.hover {
        response.on_hover_text(hover);
    }
}

/// A click moves the cursor there (Ctrl adds or removes the row, Shift selects from the
/// anchor to it); a double click starts typing into the cell as it is.
fn clicked(response: &egui::Response, cx: &mut Ctx, at: usize, column: Column) {
    if response.double_clicked() {
        cx.cursor = Some(at);
        cx.slot.column = column;
        cx.start_editing(None);
        return;
    }
    if !response.clicked() {
        return;
    }
    let ctx = response.ctx.clone();
    let modifiers = ctx.input(|i| i.modifiers);
    cx.slot.column = column;
    if modifiers.command {
        let id = cx.id_at(at).to_owned();
        let mut rows: Vec<String> = cx.dv.view.assess().selected().iter().cloned().collect();
        match rows.iter().position(|r| *r == id) {
            Some(found) => {
                rows.remove(found);
            }
            None => rows.push(id.clone()),
        }
        cx.slot.anchor = Some(id.clone());
        cx.cursor = Some(at);
        send(
            &ctx,
            cx.dv,
            AssessCommand::SelectRows {
                rows,
                cursor: Some(id),
            },
        );
    } else {
        cx.move_to(&ctx, at, column, modifiers.shift);
    }
    focus(&ctx, cx.dv);
}
