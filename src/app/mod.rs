//! The desktop editor. [`OpmodelApp`] holds the open documents and tabs; each frame it
//! gathers commands from shortcuts, menus, the toolbar and the canvas, draws the panels,
//! then runs the commands once at the end of the frame.
//!
//! The app only reads the model and applies edits to it through [`Document::apply`]; every
//! figure comes from the domain core's analysis.

mod canvas;
mod charts;
mod chrome;
mod commands;
mod compare_view;
mod dialogs;
mod document;
mod execute;
mod figures;
mod files;
mod inspector;
mod lifecycle;
mod settings_editor;
mod theme;

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use egui::{Ui, ViewportCommand};

pub use canvas::{CanvasAction, NewEntity};
pub use commands::UiCommand;
use compare_view::CompareCache;
pub use document::{Document, Selection};
pub use files::{Picker, RecentFiles};

use crate::model::Model;

/// A tab: a document, or a comparison of two documents.
pub enum Tab {
    Document(u64),
    Comparison {
        a: u64,
        b: u64,
        cache: Box<CompareCache>,
    },
}

/// Something waiting for the user to deal with unsaved changes first.
#[derive(Clone, Debug, PartialEq)]
enum Pending {
    New,
    Open,
    OpenPath(PathBuf),
    CloseDocument(u64),
    Quit,
}

/// What a chosen file is for.
#[derive(Clone, Debug, PartialEq)]
enum Purpose {
    Open { new_tab: bool },
    SaveAs { doc: u64, then: Option<Pending> },
    Compare { with: u64 },
}

/// What to do once a dialog closes, run with the whole app at hand.
type AfterDialog = Box<dyn FnOnce(&mut OpmodelApp)>;

enum Dialog {
    Error {
        title: String,
        message: String,
    },
    Unsaved {
        doc: u64,
        then: Pending,
    },
    /// The built-in file prompt, where no desktop file dialog is available.
    Path {
        purpose: Purpose,
        text: String,
        problem: Option<String>,
    },
    CompareWith {
        doc: u64,
    },
}

pub struct OpmodelApp {
    documents: Vec<Document>,
    tabs: Vec<Tab>,
    active: usize,
    next_id: u64,
    queue: Vec<UiCommand>,
    canvas_actions: Vec<CanvasAction>,
    recent: RecentFiles,
    picker: Picker,
    dialog: Option<Dialog>,
    status: String,
    settings_open: bool,
    /// Documents whose changes the user chose to discard while quitting.
    discarded: HashSet<u64>,
    quitting: bool,
    title: String,
    styled: bool,
    close_window: bool,
}

impl OpmodelApp {
    /// An app with one empty model.
    pub fn new(recent: RecentFiles, picker: Picker) -> Self {
        let mut app = OpmodelApp {
            documents: Vec::new(),
            tabs: Vec::new(),
            active: 0,
            next_id: 1,
            queue: Vec::new(),
            canvas_actions: Vec::new(),
            recent,
            picker,
            dialog: None,
            status: "Ready".to_owned(),
            settings_open: false,
            discarded: HashSet::new(),
            quitting: false,
            title: String::new(),
            styled: false,
            close_window: false,
        };
        let empty = app.new_document(Model::default(), None);
        app.tabs.push(Tab::Document(empty));
        app
    }

    /// Opens `path` in the first tab, replacing the empty model; a bad file leaves the empty
    /// model and shows why.
    pub fn open_at_start(&mut self, path: &Path) {
        self.open_path(path, false);
    }

    /// The document shown in the active tab, if the active tab is a document.
    pub fn active_document(&self) -> Option<&Document> {
        match self.tabs.get(self.active)? {
            Tab::Document(id) => self.document(*id),
            Tab::Comparison { .. } => None,
        }
    }

    pub fn active_document_mut(&mut self) -> Option<&mut Document> {
        match self.tabs.get(self.active)? {
            Tab::Document(id) => {
                let id = *id;
                self.document_mut(id)
            }
            Tab::Comparison { .. } => None,
        }
    }

    pub fn tab_count(&self) -> usize {
        self.tabs.len()
    }

    /// Whether the active tab is a comparison.
    pub fn is_comparing(&self) -> bool {
        matches!(self.tabs.get(self.active), Some(Tab::Comparison { .. }))
    }

    /// The text of the open error dialog, if one is open.
    pub fn error_message(&self) -> Option<&str> {
        match &self.dialog {
            Some(Dialog::Error { message, .. }) => Some(message),
            _ => None,
        }
    }

    /// Queues a command, as a menu item or shortcut would.
    pub fn run(&mut self, command: UiCommand) {
        self.queue.push(command);
    }

    fn document(&self, id: u64) -> Option<&Document> {
        self.documents.iter().find(|d| d.id == id)
    }

    fn document_mut(&mut self, id: u64) -> Option<&mut Document> {
        self.documents.iter_mut().find(|d| d.id == id)
    }

    fn new_document(&mut self, model: Model, path: Option<PathBuf>) -> u64 {
        let id = self.next_id;
        self.next_id += 1;
        self.documents.push(Document::new(id, model, path));
        id
    }

    fn active_document_id(&self) -> Option<u64> {
        self.active_document().map(|d| d.id)
    }

    /// Puts a document in the active tab (replacing its document) or in a new tab.
    fn show_document(&mut self, id: u64, new_tab: bool) {
        match self.tabs.get(self.active) {
            Some(Tab::Document(old)) if !new_tab => {
                let old = *old;
                self.tabs[self.active] = Tab::Document(id);
                self.forget_unreferenced(old);
            }
            _ => {
                self.tabs.push(Tab::Document(id));
                self.active = self.tabs.len() - 1;
            }
        }
    }

    /// Drops a document that no tab shows any more, with the comparisons that used it.
    fn forget_unreferenced(&mut self, id: u64) {
        let shown = self
            .tabs
            .iter()
            .any(|t| matches!(t, Tab::Document(d) if *d == id));
        if shown {
            return;
        }
        let active_tab = self.active;
        let mut index = 0;
        self.tabs.retain(|tab| {
            let keep = !matches!(tab, Tab::Comparison { a, b, .. } if *a == id || *b == id);
            if !keep && index < active_tab {
                self.active -= 1;
            }
            index += 1;
            keep
        });
        self.documents.retain(|d| d.id != id);
        self.active = self.active.min(self.tabs.len().saturating_sub(1));
    }

    // ----- files -----
}

// ----- drawing -----

impl OpmodelApp {
    /// Draws one frame into `ui` (the whole window) and runs the frame's commands.
    pub fn show(&mut self, ui: &mut Ui) {
        let ctx = ui.ctx().clone();
        if !self.styled {
            ctx.set_theme(egui::Theme::Light);
            ctx.all_styles_mut(theme::apply);
            ctx.set_fonts(theme::fonts());
            self.styled = true;
        }
        self.handle_window_events(&ctx);
        if self.dialog.is_none() {
            self.queue.extend(UiCommand::pressed(&ctx));
        }

        egui::Panel::top("menu-bar").show(ui, |ui| {
            egui::MenuBar::new().ui(ui, |ui| self.menus(ui));
        });
        egui::Panel::top("toolbar").show(ui, |ui| self.toolbar(ui));
        egui::Panel::top("tabs").show(ui, |ui| self.tab_bar(ui));
        egui::Panel::bottom("status-bar").show(ui, |ui| self.status_bar(ui));
        self.main_area(ui);
        self.dialogs(&ctx);
        if self.settings_open
            && let Some(id) = self.active_document_id()
        {
            let mut open = true;
            if let Some(doc) = self.document_mut(id) {
                settings_editor::window(&ctx, doc, &mut open);
            }
            self.settings_open = open;
        }

        for command in std::mem::take(&mut self.queue) {
            self.execute(command, ui);
        }
        for action in std::mem::take(&mut self.canvas_actions) {
            self.handle_canvas_action(action, ui);
        }
        self.update_title(&ctx);
        if self.close_window {
            self.close_window = false;
            ctx.send_viewport_cmd(ViewportCommand::Close);
        }
    }

    /// Dropped files, and the window's close button.
    fn handle_window_events(&mut self, ctx: &egui::Context) {
        let dropped: Vec<PathBuf> = ctx.input(|i| {
            i.raw
                .dropped_files
                .iter()
                .map(|f| f.path().to_owned())
                .filter(|p| !p.as_os_str().is_empty())
                .collect()
        });
        if let Some(path) = dropped.into_iter().next() {
            let active = self.active_document_id();
            self.guard(active, Pending::OpenPath(path));
        }
        if ctx.input(|i| i.viewport().close_requested()) && !self.close_confirmed() {
            ctx.send_viewport_cmd(ViewportCommand::CancelClose);
            if !self.quitting {
                self.discarded.clear();
                self.quit();
            }
        }
    }

    /// Whether the window may close now: nothing unsaved is left that the user did not discard.
    fn close_confirmed(&self) -> bool {
        self.documents
            .iter()
            .all(|d| !d.is_dirty() || self.discarded.contains(&d.id))
    }

    fn update_title(&mut self, ctx: &egui::Context) {
        let title = match self.tabs.get(self.active) {
            Some(Tab::Document(id)) => self.document(*id).map(Document::window_title),
            Some(Tab::Comparison { a, b, .. }) => {
                let name = |id: &u64| {
                    self.document(*id)
                        .map_or_else(String::new, |d| d.model.name.clone())
                };
                Some(format!("{} vs {} — Opmodel", name(a), name(b)))
            }
            None => None,
        }
        .unwrap_or_else(|| "Opmodel".to_owned());
        if title != self.title {
            ctx.send_viewport_cmd(ViewportCommand::Title(title.clone()));
            self.title = title;
        }
    }

    /// The window title as last set.
    pub fn title(&self) -> &str {
        &self.title
    }

    fn main_area(&mut self, ui: &mut Ui) {
        let Some(tab) = self.tabs.get_mut(self.active) else {
            return;
        };
        match tab {
            Tab::Comparison { a, b, cache } => {
                let (a, b) = (*a, *b);
                let mut cache = std::mem::take(cache);
                let mut jump = None;
                egui::CentralPanel::default().show(ui, |ui| {
                    if let (Some(doc_a), Some(doc_b)) = (self.document(a), self.document(b)) {
                        jump = compare_view::show(ui, doc_a, doc_b, &mut cache);
                    }
                });
                if let Some(Tab::Comparison { cache: slot, .. }) = self.tabs.get_mut(self.active) {
                    *slot = cache;
                }
                if let Some(jump) = jump {
                    self.jump_to(jump);
                }
            }
            Tab::Document(id) => {
                let id = *id;
                self.document_panels(ui, id);
            }
        }
    }

    fn jump_to(&mut self, jump: compare_view::Jump) {
        if let Some(index) = self
            .tabs
            .iter()
            .position(|t| matches!(t, Tab::Document(d) if *d == jump.doc))
        {
            self.active = index;
        } else {
            self.tabs.push(Tab::Document(jump.doc));
            self.active = self.tabs.len() - 1;
        }
        if let Some(doc) = self.document_mut(jump.doc) {
            doc.select_and_centre(jump.selection);
        }
    }

    fn document_panels(&mut self, ui: &mut Ui, id: u64) {
        let Some(index) = self.documents.iter().position(|d| d.id == id) else {
            return;
        };
        let baseline_index = self.documents[index]
            .scenario_of
            .and_then(|original| self.documents.iter().position(|d| d.id == original));
        let mut command = None;
        egui::Panel::left("inspector")
            .resizable(true)
            .default_size(320.0)
            .min_size(240.0)
            .max_size(460.0)
            .show(ui, |ui| {
                command = inspector::show(ui, &mut self.documents[index]);
            });
        egui::Panel::right("figures")
            .resizable(true)
            .default_size(420.0)
            .min_size(280.0)
            .max_size(520.0)
            .show(ui, |ui| {
                let (doc, baseline) = match baseline_index {
                    Some(b) if b < index => {
                        let (left, right) = self.documents.split_at_mut(index);
                        (&mut right[0], Some(&left[b]))
                    }
                    Some(b) if b > index => {
                        let (left, right) = self.documents.split_at_mut(b);
                        (&mut left[index], Some(&right[0]))
                    }
                    _ => (&mut self.documents[index], None),
                };
                let baseline = baseline.map(|b| figures::Baseline {
                    name: &b.model.name,
                    analysis: &b.analysis,
                });
                figures::show(ui, doc, baseline);
            });
        egui::CentralPanel::no_frame().show(ui, |ui| {
            let doc = &mut self.documents[index];
            let actions =
                doc.canvas
                    .show(ui, &doc.model, &doc.analysis, doc.revision, &doc.selection);
            self.canvas_actions.extend(actions);
        });
        if let Some(command) = command {
            self.queue.push(command);
        }
    }
}

impl eframe::App for OpmodelApp {
    fn ui(&mut self, ui: &mut Ui, _frame: &mut eframe::Frame) {
        self.show(ui);
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        eframe::set_value(storage, files::RECENT_KEY, &self.recent.paths().to_vec());
    }
}

/// Opens the editor window, on `file` if given. Returns when the window closes.
pub fn run(file: Option<PathBuf>) -> ExitCode {
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title("Opmodel")
            .with_app_id("opmodel")
            .with_inner_size([1480.0, 920.0])
            .with_min_inner_size([900.0, 560.0])
            .with_drag_and_drop(true),
        ..Default::default()
    };
    let result = eframe::run_native(
        "Opmodel",
        options,
        Box::new(move |cc| {
            let recent = cc
                .storage
                .and_then(|s| eframe::get_value::<Vec<PathBuf>>(s, files::RECENT_KEY))
                .unwrap_or_default();
            let mut app = OpmodelApp::new(RecentFiles::from_paths(recent), Picker::detect());
            if let Some(path) = &file {
                app.open_at_start(path);
                if let Some(message) = app.error_message() {
                    eprintln!("opmodel: {message}");
                }
            }
            Ok(Box::new(app))
        }),
    );
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("opmodel: cannot open a window: {error}");
            ExitCode::from(1)
        }
    }
}
