//! The desktop editor. [`Workspace`] holds the open documents, tabs, dialogs and the queue
//! of commands, apart from any drawing; [`OpmodelApp`] draws it each frame — menus,
//! toolbar, tabs, panels, canvas, dialogs — turning what the user does into commands, then
//! has the workspace apply them once, at the end of the frame.
//!
//! The app only reads the model; every change is a [`Command`], and every figure comes from
//! the domain core's analysis.

mod autosave;
mod charts;
mod chrome;
mod commands;
mod compare_view;
mod compliance;
mod dialogs;
mod document;
mod errors;
mod execute;
mod explain;
mod figures;
mod files;
mod fix_list;
mod inspector;
mod jobs;
mod lifecycle;
mod present;
mod selection;
mod settings_editor;
mod theme;
mod transfer;
mod transfer_view;
mod views;
mod workspace;

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Duration;

use egui::{Ui, ViewportCommand};

use views::canvas;

pub use canvas::{CanvasAction, Focus, NewEntity};
pub use commands::UiCommand;
pub use document::Document;
pub use errors::AppError;
pub use files::{Picker, RecentFiles};
pub use selection::Selection;
pub use transfer::{ExportFormat, ImportNotes};
pub use workspace::{Answer, Command, Dialog, Pending, Purpose, QuitFlow, Tab, Workspace};

/// How often the files of open documents are checked for changes made elsewhere.
const DISK_CHECK_INTERVAL: Duration = Duration::from_secs(2);

pub struct OpmodelApp {
    pub workspace: Workspace,
    title: String,
    styled: bool,
    last_disk_check: Option<std::time::Instant>,
}

impl OpmodelApp {
    /// An app with one empty model, without autosave (see [`OpmodelApp::with_recovery`]).
    pub fn new(recent: RecentFiles, picker: Picker) -> Self {
        OpmodelApp {
            workspace: Workspace::new(recent, picker),
            title: String::new(),
            styled: false,
            last_disk_check: None,
        }
    }

    /// Turns on autosave, with recovery files under `data_dir`, and offers back what an
    /// editor that did not exit cleanly left there.
    pub fn with_recovery(mut self, data_dir: &Path, interval: Duration) -> Self {
        self.workspace.start_recovery(data_dir, interval);
        self
    }

    /// Opens `path` in the first tab, replacing the empty model; a bad file leaves the empty
    /// model and shows why.
    pub fn open_at_start(&mut self, path: &Path) {
        self.workspace.open_at_start(path);
    }

    /// The document shown in the active tab, if the active tab is a document.
    pub fn active_document(&self) -> Option<&Document> {
        self.workspace.active_document()
    }

    pub fn active_document_mut(&mut self) -> Option<&mut Document> {
        self.workspace.active_document_mut()
    }

    pub fn tab_count(&self) -> usize {
        self.workspace.tab_count()
    }

    /// Whether the active tab is a comparison.
    pub fn is_comparing(&self) -> bool {
        matches!(
            self.workspace.tabs.get(self.workspace.active),
            Some(Tab::Comparison { .. })
        )
    }

    /// The text of the open error dialog, if one is open.
    pub fn error_message(&self) -> Option<&str> {
        match self.workspace.dialog() {
            Some(Dialog::Error { message, .. }) => Some(message),
            _ => None,
        }
    }

    /// Whether presentation mode is on.
    pub fn is_presenting(&self) -> bool {
        self.workspace.presenting
    }

    /// Queues a command, as a menu item or shortcut would.
    pub fn run(&mut self, command: UiCommand) {
        self.workspace.push(Command::Ui(command));
    }

    /// Waits for background loads and saves to finish and takes their outcomes (for tests,
    /// and before the window closes).
    pub fn finish_jobs(&mut self) {
        self.workspace.finish_jobs();
    }

    /// Draws one frame into `ui` (the whole window) and applies the frame's commands.
    pub fn show(&mut self, ui: &mut Ui) {
        let ctx = ui.ctx().clone();
        if !self.styled {
            ctx.set_theme(egui::Theme::Light);
            ctx.all_styles_mut(theme::apply);
            ctx.set_fonts(theme::fonts());
            self.styled = true;
        }
        self.handle_window_events(&ctx);
        if self.workspace.dialog.is_none() {
            for command in UiCommand::pressed(&ctx) {
                self.workspace.push(Command::Ui(command));
            }
        }

        if !self.workspace.presenting {
            egui::Panel::top("menu-bar").show(ui, |ui| {
                egui::MenuBar::new().ui(ui, |ui| self.menus(ui));
            });
            egui::Panel::top("toolbar").show(ui, |ui| self.toolbar(ui));
            egui::Panel::top("tabs").show(ui, |ui| self.tab_bar(ui));
            egui::Panel::bottom("status-bar").show(ui, |ui| self.status_bar(ui));
            self.disk_banner(ui);
        }
        self.main_area(ui);
        self.dialogs(&ctx);
        let ws = &mut self.workspace;
        if ws.settings_open
            && let Some(id) = ws.active_document_id()
        {
            let mut open = true;
            if let Some(doc) = ws.document_mut(id) {
                settings_editor::window(&ctx, doc, &mut open);
            }
            ws.settings_open = open;
        }

        self.workspace.drain();
        self.schedule_repaints(&ctx);
        self.update_title(&ctx);
        if self.workspace.wants_to_close() {
            ctx.send_viewport_cmd(ViewportCommand::Close);
        }
    }

    /// Frames the window needs without input: while files load or save, when a recovery
    /// copy falls due, and every few seconds to look for changes on disk.
    fn schedule_repaints(&mut self, ctx: &egui::Context) {
        if !self.workspace.jobs.running().is_empty() {
            ctx.request_repaint_after(Duration::from_millis(50));
        }
        if let Some(due) = self.workspace.autosave.due_in {
            ctx.request_repaint_after(due);
        }
        let watching = self.workspace.documents.iter().any(|d| d.disk.is_some());
        if watching {
            let now = std::time::Instant::now();
            if self
                .last_disk_check
                .is_none_or(|at| now.duration_since(at) >= DISK_CHECK_INTERVAL)
            {
                self.workspace.check_disk();
                self.last_disk_check = Some(now);
            }
            ctx.request_repaint_after(DISK_CHECK_INTERVAL);
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
            self.workspace.push(Command::OpenDropped(path));
        }
        if ctx.input(|i| i.viewport().close_requested()) && !self.workspace.may_close() {
            ctx.send_viewport_cmd(ViewportCommand::CancelClose);
            if self.workspace.quit == QuitFlow::Running {
                self.workspace.push(Command::CloseWindow);
            }
        }
    }

    fn update_title(&mut self, ctx: &egui::Context) {
        let ws = &self.workspace;
        let title = match ws.tabs.get(ws.active) {
            Some(Tab::Document(id)) => ws.document(*id).map(Document::window_title),
            Some(Tab::Comparison { a, b, .. }) => {
                let name = |id: &u64| {
                    ws.document(*id)
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
        let ws = &mut self.workspace;
        let Some(tab) = ws.tabs.get_mut(ws.active) else {
            return;
        };
        match tab {
            Tab::Comparison { a, b, cache } => {
                let (a, b) = (*a, *b);
                let mut cache = std::mem::take(cache);
                let mut jump = None;
                egui::CentralPanel::default().show(ui, |ui| {
                    if let (Some(doc_a), Some(doc_b)) = (ws.document(a), ws.document(b)) {
                        jump = compare_view::show(ui, doc_a, doc_b, &mut cache);
                    }
                });
                if let Some(Tab::Comparison { cache: slot, .. }) = ws.tabs.get_mut(ws.active) {
                    *slot = cache;
                }
                if let Some(jump) = jump {
                    ws.jump_to(jump);
                }
            }
            Tab::Document(id) => {
                let id = *id;
                self.document_panels(ui, id);
            }
        }
    }

    fn document_panels(&mut self, ui: &mut Ui, id: u64) {
        let ws = &mut self.workspace;
        let Some(index) = ws.documents.iter().position(|d| d.id == id) else {
            return;
        };
        let baseline_index = ws.documents[index]
            .scenario_of
            .and_then(|original| ws.documents.iter().position(|d| d.id == original));
        if ws.presenting {
            self.presentation(ui, index);
            return;
        }
        if ws.documents[index].import_notes.is_some() {
            egui::Panel::bottom("import-notes")
                .resizable(true)
                .default_size(170.0)
                .min_size(80.0)
                .max_size(420.0)
                .show(ui, |ui| {
                    if let Some(command) = transfer_view::import_notes(ui, &ws.documents[index]) {
                        ws.push(command);
                    }
                });
        }
        egui::Panel::left("inspector")
            .resizable(true)
            .default_size(320.0)
            .min_size(240.0)
            .max_size(460.0)
            .show(ui, |ui| {
                if let Some(command) = inspector::show(ui, &mut ws.documents[index]) {
                    ws.push(Command::Ui(command));
                }
            });
        egui::Panel::right("figures")
            .resizable(true)
            .default_size(440.0)
            .min_size(280.0)
            .max_size(600.0)
            .show(ui, |ui| {
                let (doc, baseline) = match baseline_index {
                    Some(b) if b < index => {
                        let (left, right) = ws.documents.split_at_mut(index);
                        (&mut right[0], Some(&left[b]))
                    }
                    Some(b) if b > index => {
                        let (left, right) = ws.documents.split_at_mut(b);
                        (&mut left[index], Some(&right[0]))
                    }
                    _ => (&mut ws.documents[index], None),
                };
                let baseline = baseline.map(|b| figures::Baseline {
                    name: &b.model.name,
                    analysis: &b.analysis,
                });
                figures::show(ui, doc, baseline);
            });
        egui::CentralPanel::no_frame().show(ui, |ui| {
            let doc = &mut ws.documents[index];
            doc.canvas.set_presentation(canvas::TextScale::EDITOR, 0.0);
            let actions =
                doc.canvas
                    .show(ui, &doc.model, &doc.analysis, doc.revision, &doc.selection);
            ws.view_centre = doc.canvas.view_centre(ui);
            for action in actions {
                ws.push(Command::Canvas(action));
            }
        });
    }
}

impl Workspace {
    /// Shows a document (opening its tab again if it was closed) and selects something in it.
    fn jump_to(&mut self, jump: compare_view::Jump) {
        match self.tab_of(jump.doc) {
            Some(index) => self.active = index,
            None => {
                self.tabs.push(Tab::Document(jump.doc));
                self.active = self.tabs.len() - 1;
            }
        }
        if let Some(doc) = self.document_mut(jump.doc) {
            doc.select_and_centre(jump.selection);
        }
    }
}

impl OpmodelApp {
    /// Presentation mode's window: the canvas alone, the figures strip and the "why" card.
    fn presentation(&mut self, ui: &mut Ui, index: usize) {
        let ws = &mut self.workspace;
        egui::CentralPanel::no_frame().show(ui, |ui| {
            let doc = &mut ws.documents[index];
            let rect = ui.available_rect_before_wrap();
            doc.canvas
                .set_presentation(canvas::TextScale::PRESENTING, present::STRIP_HEIGHT);
            let mut actions =
                doc.canvas
                    .show(ui, &doc.model, &doc.analysis, doc.revision, &doc.selection);
            ws.view_centre = doc.canvas.view_centre(ui);
            present::strip(ui, rect, &doc.analysis);
            if present::why_card(ui, rect, doc) {
                actions.push(CanvasAction::Select(None));
            }
            for action in actions {
                ws.push(Command::Canvas(action));
            }
        });
    }
}

impl eframe::App for OpmodelApp {
    fn ui(&mut self, ui: &mut Ui, _frame: &mut eframe::Frame) {
        self.show(ui);
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        let recent = self.workspace.recent.paths().to_vec();
        eframe::set_value(storage, files::RECENT_KEY, &recent);
        let folder = self.workspace.transfer_folder().map(Path::to_owned);
        eframe::set_value(storage, transfer::FOLDER_KEY, &folder);
    }

    /// A clean exit: saves still being written are finished, then the recovery copies go.
    fn on_exit(&mut self) {
        self.workspace.finish_jobs();
        if let Err(error) = self.workspace.autosave.finish() {
            eprintln!("opmodel: cannot tidy the recovery folder: {error}");
        }
    }
}

/// Where recovery copies live: `OPMODEL_DATA_DIR` if set, else the platform's data folder
/// for Opmodel (`~/.local/share/opmodel` on Linux, `~/Library/Application Support/opmodel`
/// on macOS, `%APPDATA%\opmodel\data` on Windows).
pub fn data_dir() -> Option<PathBuf> {
    std::env::var_os("OPMODEL_DATA_DIR")
        .filter(|d| !d.is_empty())
        .map(PathBuf::from)
        .or_else(|| eframe::storage_dir("opmodel"))
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
            let folder = cc
                .storage
                .and_then(|s| eframe::get_value::<Option<PathBuf>>(s, transfer::FOLDER_KEY))
                .flatten();
            app.workspace.set_transfer_folder(folder);
            match data_dir() {
                Some(dir) => app = app.with_recovery(&dir, autosave::interval_from_env()),
                None => eprintln!("opmodel: no data folder on this system, so no autosave"),
            }
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
