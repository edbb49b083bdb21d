//! The command palette (Ctrl+Shift+P), as rerun's viewer has one: a box over the top of the
//! window listing every command of the table with its shortcut, narrowed as you type
//! ([`crate::app::state::offers`]). ↑ and ↓ choose, Enter or a click runs the command, Esc
//! closes. What can do nothing now (Delete with nothing selected) is listed greyed out.

use egui::text::{LayoutJob, TextFormat};
use egui::{Align2, Key, RichText, Sense, Ui};

use super::shortcuts::shortcut_text;
use super::theme;
use crate::app::state::{Command, Offer, UiCommand, Window, Workspace, offers};

/// How wide the palette is.
const WIDTH: f32 = 460.0;
/// How tall its list may grow before it scrolls.
const LIST_HEIGHT: f32 = 360.0;

/// What is typed into the palette and which offer is chosen.
#[derive(Default)]
pub struct Palette {
    query: String,
    chosen: usize,
}

impl Palette {
    /// Draws the palette; running a command (or Esc) closes it.
    pub fn show(&mut self, ctx: &egui::Context, ws: &Workspace) {
        let close = |ws: &Workspace| ws.push(Command::Hide(Window::Palette));
        if ctx.input(|i| i.key_pressed(Key::Escape)) {
            close(ws);
            return;
        }
        let top = ctx.content_rect().center_top() + egui::vec2(0.0, 60.0);
        egui::Window::new("Command palette")
            .title_bar(false)
            .resizable(false)
            .collapsible(false)
            .fixed_size([WIDTH, 0.0])
            .pivot(Align2::CENTER_TOP)
            .fixed_pos(top)
            .show(ctx, |ui| {
                if let Some(command) = self.contents(ui, ws) {
                    close(ws);
                    ws.sender().ui(command);
                }
            });
    }

    /// The query field and the list; returns the command to run.
    fn contents(&mut self, ui: &mut Ui, ws: &Workspace) -> Option<UiCommand> {
        // Read before the field, which would take Enter for itself.
        let enter = ui.input_mut(|i| i.consume_key(egui::Modifiers::NONE, Key::Enter));
        let down = ui.input_mut(|i| i.count_and_consume_key(egui::Modifiers::NONE, Key::ArrowDown));
        let up = ui.input_mut(|i| i.count_and_consume_key(egui::Modifiers::NONE, Key::ArrowUp));
        let field = ui
            .horizontal(|ui| {
                let label = ui.label(RichText::new("Command").strong()).id;
                ui.add(
                    egui::TextEdit::singleline(&mut self.query)
                        .hint_text("type part of its name…")
                        .desired_width(f32::INFINITY)
                        .id(egui::Id::new("command-palette-query")),
                )
                .labelled_by(label)
            })
            .inner;
        field.request_focus();
        if field.changed() {
            self.chosen = 0;
        }
        let offers = offers(&self.query);
        let last = offers.len().saturating_sub(1);
        self.chosen = (self.chosen + down).saturating_sub(up).min(last);
        if offers.is_empty() {
            ui.label(RichText::new("No command has that name").color(theme::MUTED_INK));
            return None;
        }
        let mut run = None;
        egui::ScrollArea::vertical()
            .max_height(LIST_HEIGHT)
            .auto_shrink([false, true])
            .show(ui, |ui| {
                for (index, offer) in offers.iter().enumerate() {
                    let chosen = index == self.chosen;
                    let enabled = ws.can_run(offer.command);
                    if self.row(ui, offer, chosen, enabled) && enabled {
                        run = Some(offer.command);
                    }
                    if chosen && (up > 0 || down > 0) {
                        ui.scroll_to_cursor(None);
                    }
                }
            });
        let chosen = offers[self.chosen].command;
        if enter && ws.can_run(chosen) {
            run = Some(chosen);
        }
        run
    }

    /// One offer: its name with the matched letters underlined, its shortcut on the right;
    /// returns whether it was clicked.
    fn row(&self, ui: &mut Ui, offer: &Offer, chosen: bool, enabled: bool) -> bool {
        let height = ui.spacing().interact_size.y + 4.0;
        let (rect, response) =
            ui.allocate_exact_size(egui::vec2(ui.available_width(), height), Sense::click());
        let response = response.on_hover_text(offer.command.tooltip());
        let shortcut = shortcut_text(ui.ctx(), offer.command);
        let spoken = match shortcut.as_str() {
            "" => offer.command.text().to_owned(),
            keys => format!("{}, {keys}", offer.command.text()),
        };
        response
            .widget_info(|| egui::WidgetInfo::labeled(egui::WidgetType::Button, enabled, &spoken));
        let visuals = ui.visuals();
        if chosen || response.hovered() {
            ui.painter()
                .rect_filled(rect, 4.0, visuals.selection.bg_fill.gamma_multiply(0.6));
        }
        let colour = if enabled {
            visuals.strong_text_color()
        } else {
            visuals.weak_text_color()
        };
        let font = egui::TextStyle::Button.resolve(ui.style());
        let mut job = LayoutJob::default();
        for (index, c) in offer.command.text().chars().enumerate() {
            let mut format = TextFormat::simple(font.clone(), colour);
            if offer.matched.contains(&index) {
                format.underline = egui::Stroke::new(1.0, colour);
            }
            job.append(&c.to_string(), 0.0, format);
        }
        let galley = ui.fonts_mut(|f| f.layout_job(job));
        let left = rect.left_center() + egui::vec2(6.0, -galley.size().y / 2.0);
        ui.painter().galley(left, galley, colour);
        ui.painter().text(
            rect.right_center() - egui::vec2(6.0, 0.0),
            Align2::RIGHT_CENTER,
            shortcut,
            font,
            visuals.weak_text_color(),
        );
        response.clicked()
    }
}
