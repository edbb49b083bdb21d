//! The desktop editor, in two layers. [`state`] is the editor apart from its drawing, free
//! of egui: the [`Workspace`] of open documents and the views (tabs) that show them, changed
//! only by [`Command`]s sent on one channel. `views` draws it each frame — menus, toolbar,
//! tabs, panels, canvas, dialogs — reading the state and sending commands, which the
//! workspace then applies, once, at the end of the frame.
//!
//! Every change of a model is an undoable edit built by [`crate::edit::actions`], and every
//! figure comes from the domain core's analysis.

pub mod state;
mod views;

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;
use std::time::Duration;

use egui::Ui;

pub use state::{
    Answer, AppError, Command, Dialog, Document, DocumentId, Picker, RecentFiles, Selection,
    UiCommand, ViewCommand, Workspace,
};
pub use views::canvas::{Canvas, Focus};

pub struct OpmodelApp {
    pub workspace: Workspace,
    views: views::Views,
    /// Whether background work can wake the window yet (it needs an egui context).
    waking: bool,
}

impl OpmodelApp {
    /// An app with one empty model, without autosave (see [`OpmodelApp::with_recovery`]).
    pub fn new(recent: RecentFiles, picker: Picker) -> Self {
        OpmodelApp {
            workspace: Workspace::new(recent, picker),
            views: views::Views::default(),
            waking: false,
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

    /// What the active tab has selected.
    pub fn selection(&self) -> Option<&Selection> {
        self.workspace.active_view()?.selection()
    }

    /// Selects something in the active tab, as a click would (applied with the next frame's
    /// commands).
    pub fn select(&self, selection: Option<Selection>) {
        if let Some(view) = self.workspace.active_view() {
            self.workspace
                .push(Command::View(view.id(), ViewCommand::Select(selection)));
        }
    }

    /// The active tab's canvas, once it has been drawn.
    pub fn canvas(&self) -> Option<&Canvas> {
        self.views.canvas(self.workspace.active_view()?.id())
    }

    /// Whether the active tab's Find box is open.
    pub fn is_searching(&self) -> bool {
        self.workspace
            .active_view()
            .is_some_and(|v| v.modes().searching)
    }

    pub fn tab_count(&self) -> usize {
        self.workspace.tab_count()
    }

    /// Whether the active tab is a comparison.
    pub fn is_comparing(&self) -> bool {
        matches!(
            self.workspace.active_tab(),
            Some(state::View::Comparison { .. })
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
        self.workspace.is_presenting()
    }

    /// Queues a command, as a menu item or shortcut would.
    pub fn run(&mut self, command: UiCommand) {
        self.workspace.push(Command::Ui(command));
    }

    /// Waits for background jobs to finish and takes their outcomes (for tests, and before
    /// the window closes).
    pub fn finish_jobs(&mut self) {
        self.workspace.finish_jobs();
    }

    /// Draws one frame into `ui` (the whole window), then applies the frame's commands.
    pub fn show(&mut self, ui: &mut Ui) {
        let ctx = ui.ctx().clone();
        if !self.waking {
            let waker = ctx.clone();
            self.workspace
                .set_waker(Arc::new(move || waker.request_repaint()));
            self.waking = true;
        }
        self.views.frame(ui, &self.workspace);
        self.workspace.drain();
        self.views.settle(&ctx, &self.workspace);
    }

    /// The window title as last set.
    pub fn title(&self) -> &str {
        self.views.title()
    }
}

impl eframe::App for OpmodelApp {
    fn ui(&mut self, ui: &mut Ui, _frame: &mut eframe::Frame) {
        self.show(ui);
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        let recent = self.workspace.recent().paths().to_vec();
        eframe::set_value(storage, state::RECENT_KEY, &recent);
        let folder = self.workspace.transfer_folder().map(Path::to_owned);
        eframe::set_value(storage, state::FOLDER_KEY, &folder);
    }

    /// A clean exit: saves still being written are finished, then the recovery copies go.
    fn on_exit(&mut self) {
        self.workspace.finish_jobs();
        if let Err(error) = self.workspace.finish_recovery() {
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
                .and_then(|s| eframe::get_value::<Vec<PathBuf>>(s, state::RECENT_KEY))
                .unwrap_or_default();
            let mut app = OpmodelApp::new(RecentFiles::from_paths(recent), Picker::detect());
            let folder = cc
                .storage
                .and_then(|s| eframe::get_value::<Option<PathBuf>>(s, state::FOLDER_KEY))
                .flatten();
            app.workspace.set_transfer_folder(folder);
            match data_dir() {
                Some(dir) => app = app.with_recovery(&dir, state::interval_from_env()),
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
