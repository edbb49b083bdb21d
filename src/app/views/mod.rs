//! What the editor draws, each frame, from the state: the window's chrome, the active tab
//! (a document with its panels around the canvas, or a comparison), dialogs and floating
//! windows. Views read the [`Workspace`] and send [`Command`]s on its channel; they never
//! change the state themselves. What they keep of their own — each canvas's graph and
//! camera, each comparison's cached delta, each Assess table's rows, the text typed into a
//! cell or a dialog — is drawing state,
//! kept here in [`Views`] by view id.
//!
//! Where things go: a new panel is a file in `panels/`, called from `tabs.rs`; a new dialog
//! is drawn in `dialogs/`; a new menu item or toolbar button goes in `chrome.rs`.

pub mod canvas;
mod chrome;
mod dialogs;
mod palette;
mod panels;
mod present;
mod present_compare;
mod shortcuts;
mod tabs;
pub mod theme;

use std::collections::HashMap;
use std::path::PathBuf;

use egui::{Ui, ViewportCommand};

use super::state::{Command, ViewId, Window, Workspace};
use canvas::Canvas;
use dialogs::Draft;
use panels::assess::AssessSlot;
use panels::comparison::CompareCache;

/// A view's canvas, and how many of its camera requests it has carried out.
pub struct CanvasSlot {
    pub canvas: Canvas,
    camera_seen: u64,
}

/// What the drawing keeps between frames, apart from the state.
#[derive(Default)]
pub struct Views {
    canvases: HashMap<ViewId, CanvasSlot>,
    comparisons: HashMap<ViewId, CompareCache>,
    /// Each tab's Assess table: its rows in order and the cell being typed into.
    assess: HashMap<ViewId, AssessSlot>,
    /// What is typed into the open dialog, and which dialog it was typed into.
    draft: Option<(u64, Draft)>,
    /// What is typed into the command palette, and which offer is chosen.
    palette: palette::Palette,
    title: String,
    styled: bool,
    /// Whether a popup was open or a widget had the keyboard as the last frame ended: then
    /// Esc closes or leaves it, and does nothing more.
    esc_taken: bool,
    /// The number of the last clipboard text handed to the system clipboard.
    copied: u64,
    /// How many pastes from menus were passed on to the window.
    pastes_asked: u64,
    /// Where the context menu's "Paste here" asked the clipboard's text to go, in which tab.
    paste_at: Option<(ViewId, crate::model::Position)>,
}

impl Views {
    /// Draws one frame of the whole window into `ui`; what the user does is sent as commands.
    pub fn frame(&mut self, ui: &mut Ui, ws: &Workspace) {
        let ctx = ui.ctx().clone();
        if !self.styled {
            ctx.set_theme(egui::Theme::Light);
            ctx.all_styles_mut(theme::apply);
            ctx.set_fonts(theme::fonts());
            self.styled = true;
        }
        window_events(&ctx, ws);
        if ws.dialog().is_none() {
            let pressed = shortcuts::pressed(&ctx, self.esc_taken);
            for command in pressed.commands {
                ws.sender().ui(command);
            }
            if let (Some(text), Some(view)) = (pressed.pasted, ws.active_view()) {
                // "Paste here", else near the pointer when it is over the canvas.
                let asked = self.paste_at.take().filter(|(v, _)| *v == view.id());
                let at = asked.map(|(_, at)| at).or_else(|| {
                    let pointer = ctx.pointer_latest_pos()?;
                    self.canvases.get(&view.id())?.canvas.canvas_point(pointer)
                });
                ws.push(Command::Paste {
                    view: view.id(),
                    text,
                    at,
                });
            }
        }
        if !ws.is_presenting() {
            egui::Panel::top("menu-bar").show(ui, |ui| {
                egui::MenuBar::new().ui(ui, |ui| chrome::menus(ui, ws));
            });
            egui::Panel::top("toolbar").show(ui, |ui| chrome::toolbar(ui, ws));
            egui::Panel::top("tabs").show(ui, |ui| chrome::tab_bar(ui, ws));
            egui::Panel::bottom("status-bar").show(ui, |ui| chrome::status_bar(ui, ws));
            chrome::disk_banner(ui, ws);
        }
        self.active_tab(ui, ws);
        self.draft = dialogs::show(&ctx, ws, self.draft.take());
        if ws.is_open(Window::Settings)
            && let Some(doc) = ws.active_document()
        {
            panels::settings::window(&ctx, doc, ws.sender());
        }
        if ws.is_open(Window::Palette) {
            self.palette.show(&ctx, ws);
        } else {
            self.palette = palette::Palette::default();
        }
    }

    /// After the frame's commands are applied: the window's title, and what the drawing
    /// keeps for tabs that are gone.
    pub fn settle(&mut self, ctx: &egui::Context, ws: &Workspace) {
        let title = ws.window_title();
        if title != self.title {
            ctx.send_viewport_cmd(ViewportCommand::Title(title.clone()));
            self.title = title;
        }
        let open = |id: &ViewId| ws.tabs().iter().any(|t| t.id() == *id);
        self.canvases.retain(|id, _| open(id));
        self.comparisons.retain(|id, _| open(id));
        self.assess.retain(|id, _| open(id));
        if ws.dialog().is_none() {
            self.draft = None;
        }
        self.esc_taken = ctx.memory(|m| m.focused().is_some()) || egui::Popup::is_any_open(ctx);
        if let Some((number, text)) = ws.clipboard()
            && number != self.copied
        {
            ctx.copy_text(text.to_owned());
            self.copied = number;
        }
        if ws.paste_requests() != self.pastes_asked {
            ctx.send_viewport_cmd(ViewportCommand::RequestPaste);
            self.pastes_asked = ws.paste_requests();
        }
        if let Some(due) = ws.autosave().due_in() {
            ctx.request_repaint_after(due);
        }
        if ws.wants_to_close() {
            ctx.send_viewport_cmd(ViewportCommand::Close);
        }
    }

    /// The window title as last set.
    pub fn title(&self) -> &str {
        &self.title
    }

    /// The canvas of view `id`, once it has been drawn.
    pub fn canvas(&self, id: ViewId) -> Option<&Canvas> {
        self.canvases.get(&id).map(|slot| &slot.canvas)
    }
}

/// Dropped files, and the window's close button.
fn window_events(ctx: &egui::Context, ws: &Workspace) {
    let dropped: Vec<PathBuf> = ctx.input(|i| {
        i.raw
            .dropped_files
            .iter()
            .map(|f| f.path().to_owned())
            .filter(|p| !p.as_os_str().is_empty())
            .collect()
    });
    if let Some(path) = dropped.into_iter().next() {
        ws.push(Command::OpenDropped(path));
    }
    if ctx.input(|i| i.viewport().close_requested()) && !ws.may_close() {
        ctx.send_viewport_cmd(ViewportCommand::CancelClose);
        if !ws.is_quitting() {
            ws.push(Command::CloseRequested);
        }
    }
}
