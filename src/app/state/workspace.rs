//! The editor's state apart from its drawing: open documents, the tabs that view them and
//! the active tab, the dialog waiting for an answer, floating windows, the status line,
//! background jobs and autosave. Nothing here needs an egui context, so tests drive a whole
//! session — open, edit, undo, save, close with unsaved changes — without a window.
//!
//! Everything that changes the workspace is a [`Command`] sent on its channel;
//! [`Workspace::drain`] applies them, once per frame, in order (see `apply.rs`).

use std::path::{Path, PathBuf};
use std::sync::mpsc::Receiver;

use super::autosave::Autosave;
use super::commands::{self, Command, CommandSender, Waker, Window};
use super::dialogs::{Dialog, QuitFlow};
use super::document::Document;
use super::errors::AppError;
use super::files::{Picker, RecentFiles};
use super::ids::DocumentId;
use super::ids::ViewId;
use super::jobs::Jobs;
use super::transfer::ExportFormat;
use super::ui_command::UiCommand;
use super::view::{DocumentView, View};
use super::watch::DiskWatcher;
use crate::model::Model;

pub struct Workspace {
    pub(super) documents: Vec<Document>,
    /// The tabs, in order, each a view of one document or a comparison of 2 to 8.
    pub(super) tabs: Vec<View>,
    pub(super) active: usize,
    next_id: u64,
    sender: CommandSender,
    receiver: Receiver<Command>,
    pub(super) waker: Waker,
    pub(super) recent: RecentFiles,
    pub(super) picker: Picker,
    dialog: Option<Dialog>,
    /// Counts the dialogs opened, so a view can tell a new dialog from the one it drew.
    dialog_serial: u64,
    pub(super) status: String,
    pub(super) settings_open: bool,
    pub(super) palette_open: bool,
    /// The text last copied for the system clipboard, numbered so the drawing hands each
    /// copy over once.
    pub(super) clipboard: Option<(u64, String)>,
    /// How many times Paste was asked for from a menu or the palette, where the drawing
    /// must fetch the clipboard's text first.
    pub(super) paste_requests: u64,
    pub(super) quit: QuitFlow,
    pub(super) jobs: Jobs,
    pub(super) autosave: Autosave,
    /// Presentation mode: the canvas fills the window, with the figures over it.
    pub(super) presenting: bool,
    /// The folder last imported from or exported to (kept between sessions).
    pub(super) transfer_folder: Option<PathBuf>,
    /// The format the last export was written in, offered first next time.
    pub(super) last_export_format: ExportFormat,
    /// Watches the open documents' files for changes made elsewhere, once there is one.
    pub(super) watcher: Option<DiskWatcher>,
    /// The watcher could not start (and the user was told).
    pub(super) watch_failed: bool,
}

impl Workspace {
    /// A workspace with one empty model.
    pub fn new(recent: RecentFiles, picker: Picker) -> Self {
        let (sender, receiver) = commands::channel();
        let mut workspace = Workspace {
            documents: Vec::new(),
            tabs: Vec::new(),
            active: 0,
            next_id: 1,
            sender,
            receiver,
            waker: std::sync::Arc::new(|| {}),
            recent,
            picker,
            dialog: None,
            dialog_serial: 0,
            status: "Ready".to_owned(),
            settings_open: false,
            palette_open: false,
            clipboard: None,
            paste_requests: 0,
            quit: QuitFlow::Running,
            jobs: Jobs::default(),
            autosave: Autosave::off(),
            presenting: false,
            transfer_folder: None,
            last_export_format: ExportFormat::Svg,
            watcher: None,
            watch_failed: false,
        };
        let empty = workspace.new_document(Model::default(), None);
        workspace.show_document(empty, true);
        workspace
    }

    /// How background work wakes the window when it has something to show. The file
    /// watcher starts again, to wake it this way.
    pub fn set_waker(&mut self, waker: Waker) {
        self.waker = waker;
        self.watcher = None;
    }

    /// The folder last imported from or exported to, for the app to keep between sessions.
    pub fn transfer_folder(&self) -> Option<&Path> {
        self.transfer_folder.as_deref()
    }

    /// Starts from the folder a previous session last imported from or exported to.
    pub fn set_transfer_folder(&mut self, folder: Option<PathBuf>) {
        self.transfer_folder = folder.filter(|f| f.is_dir());
    }

    /// Where views send their commands.
    pub fn sender(&self) -> &CommandSender {
        &self.sender
    }

    /// Queues a command, to be applied by the next [`Workspace::drain`].
    pub fn push(&self, command: Command) {
        self.sender.send(command);
    }

    /// Applies every queued command (and those they queue in turn), then collects finished
    /// background jobs, keeps the recovery copies up to date and watches the files open now.
    pub fn drain(&mut self) {
        while let Ok(command) = self.receiver.try_recv() {
            self.apply(command);
        }
        self.poll_jobs();
        self.autosave_tick();
        self.watch_files();
    }

    /// Turns an error into what the user sees: the status line, and a dialog for failures
    /// of files. The one place errors reach the user.
    pub(super) fn report(&mut self, error: AppError) {
        self.status = error.status();
        if let AppError::Edit { doc, message } = &error
            && let Some(document) = self.document_mut(*doc)
        {
            document.edit_error = Some(message.clone());
        }
        if let Some((title, message)) = error.dialog() {
            self.open_dialog(Dialog::Error { title, message });
        }
        if error.stops_quitting() {
            self.quit = QuitFlow::Running;
        }
    }

    pub(super) fn open_dialog(&mut self, dialog: Dialog) {
        self.dialog = Some(dialog);
        self.dialog_serial += 1;
    }

    pub(super) fn close_dialog(&mut self) {
        self.dialog = None;
    }

    pub fn dialog(&self) -> Option<&Dialog> {
        self.dialog.as_ref()
    }

    /// Changes whenever another dialog opens.
    pub fn dialog_serial(&self) -> u64 {
        self.dialog_serial
    }

    pub fn is_open(&self, window: Window) -> bool {
        match window {
            Window::Settings => self.settings_open,
            Window::Palette => self.palette_open,
        }
    }

    /// Whether `command` can do anything now: what the menus, the toolbar and the palette
    /// grey out.
    pub fn can_run(&self, command: UiCommand) -> bool {
        let doc = self.active_document();
        let selected = self.active_view().map(|v| v.selected());
        match command {
            UiCommand::Undo => doc.is_some_and(|d| d.history().undo_label().is_some()),
            UiCommand::Redo => doc.is_some_and(|d| d.history().redo_label().is_some()),
            UiCommand::Delete => selected.is_some_and(|s| !s.is_empty()),
            UiCommand::Rename => self
                .active_view()
                .is_some_and(|v| v.selected_entity().is_some()),
            UiCommand::Copy | UiCommand::Cut | UiCommand::Duplicate => {
                selected.is_some_and(|s| s.entities().next().is_some())
            }
            UiCommand::New
            | UiCommand::NewTab
            | UiCommand::Open
            | UiCommand::OpenInNewTab
            | UiCommand::Import
            | UiCommand::ImportFolder
            | UiCommand::CloseTab
            | UiCommand::Quit
            | UiCommand::Palette => true,
            UiCommand::NewRoadmap => self.documents().iter().any(|d| d.path().is_some()),
            // Compare with… works from a model, and from a comparison (with its baseline).
            UiCommand::CompareWith => matches!(
                self.active_tab(),
                Some(View::Document(_) | View::Comparison { .. })
            ),
            UiCommand::Present => self.active_tab().is_some(),
            // What acts on the canvas waits while the tab shows the Assess table.
            UiCommand::ConnectMode
            | UiCommand::FitView
            | UiCommand::AutoLayout
            | UiCommand::ToggleInteractions
            | UiCommand::ToggleLegend => {
                doc.is_some()
                    && self
                        .active_view()
                        .is_some_and(|v| v.mode() == super::assess::ViewMode::Canvas)
            }
            // A comparison or a roadmap exports as its deck.
            UiCommand::Export | UiCommand::ExportDeck => self.active_tab().is_some(),
            UiCommand::Save
            | UiCommand::SaveAs
            | UiCommand::SelectAll
            | UiCommand::Paste
            | UiCommand::AddTeam
            | UiCommand::AddService
            | UiCommand::AddDomain
            | UiCommand::Escape
            | UiCommand::Assess
            | UiCommand::Settings
            | UiCommand::DuplicateScenario
            | UiCommand::Find => doc.is_some(),
        }
    }

    /// The text last copied for the system clipboard, with its number.
    pub fn clipboard(&self) -> Option<(u64, &str)> {
        self.clipboard.as_ref().map(|(n, text)| (*n, text.as_str()))
    }

    /// How many times Paste was asked for without the clipboard's text at hand.
    pub fn paste_requests(&self) -> u64 {
        self.paste_requests
    }

    pub fn is_presenting(&self) -> bool {
        self.presenting
    }

    pub fn tabs(&self) -> &[View] {
        &self.tabs
    }

    pub fn active_index(&self) -> usize {
        self.active
    }

    pub fn active_tab(&self) -> Option<&View> {
        self.tabs.get(self.active)
    }

    /// The active tab's view, if it shows a document.
    pub fn active_view(&self) -> Option<&DocumentView> {
        self.active_tab()?.as_document()
    }

    pub(super) fn active_view_mut(&mut self) -> Option<&mut DocumentView> {
        match self.tabs.get_mut(self.active)? {
            View::Document(view) => Some(view),
            View::Comparison { .. } | View::Roadmap(_) => None,
        }
    }

    pub(super) fn view_mut(&mut self, id: ViewId) -> Option<&mut DocumentView> {
        self.tabs.iter_mut().find_map(|tab| match tab {
            View::Document(view) if view.id == id => Some(view),
            _ => None,
        })
    }

    /// The view of document `doc`, if a tab shows it.
    pub fn view_of(&self, doc: DocumentId) -> Option<&DocumentView> {
        self.tabs
            .iter()
            .filter_map(View::as_document)
            .find(|view| view.doc == doc)
    }

    pub(super) fn view_of_mut(&mut self, doc: DocumentId) -> Option<&mut DocumentView> {
        self.tabs.iter_mut().find_map(|tab| match tab {
            View::Document(view) if view.doc == doc => Some(view),
            _ => None,
        })
    }

    /// The document shown in the active tab, if the active tab is a document.
    pub fn active_document(&self) -> Option<&Document> {
        self.document(self.active_view()?.doc)
    }

    pub(super) fn active_document_mut(&mut self) -> Option<&mut Document> {
        let doc = self.active_view()?.doc;
        self.document_mut(doc)
    }

    pub(super) fn active_document_id(&self) -> Option<DocumentId> {
        self.active_view().map(|view| view.doc)
    }

    pub fn documents(&self) -> &[Document] {
        &self.documents
    }

    pub fn document(&self, id: DocumentId) -> Option<&Document> {
        self.documents.iter().find(|d| d.id() == id)
    }

    pub(super) fn document_mut(&mut self, id: DocumentId) -> Option<&mut Document> {
        self.documents.iter_mut().find(|d| d.id() == id)
    }

    pub fn tab_count(&self) -> usize {
        self.tabs.len()
    }

    pub fn status(&self) -> &str {
        &self.status
    }

    pub fn recent(&self) -> &RecentFiles {
        &self.recent
    }

    pub fn picker(&self) -> Picker {
        self.picker
    }

    pub fn jobs(&self) -> &Jobs {
        &self.jobs
    }

    pub fn autosave(&self) -> &Autosave {
        &self.autosave
    }

    /// Whether every unsaved document is dealt with and the window should close.
    pub fn wants_to_close(&self) -> bool {
        self.quit == QuitFlow::Closing
    }

    /// Whether a quit is asking about unsaved documents.
    pub fn is_quitting(&self) -> bool {
        self.quit != QuitFlow::Running
    }

    /// Whether the window may close now: a quit has dealt with every unsaved document, or
    /// there is none.
    pub fn may_close(&self) -> bool {
        self.wants_to_close() || !self.documents.iter().any(Document::is_dirty)
    }

    /// The window's title: the active model's name, or those a comparison compares.
    pub fn window_title(&self) -> String {
        let name = |id: &DocumentId| {
            self.document(*id)
                .map_or_else(String::new, |d| d.model().name.clone())
        };
        match self.active_tab() {
            Some(View::Document(view)) => self.document(view.doc).map(Document::window_title),
            Some(View::Comparison { docs, .. }) => {
                let names: Vec<String> = docs.iter().map(name).collect();
                Some(format!("{} — Opmodel", names.join(" vs ")))
            }
            Some(View::Roadmap(view)) => Some(format!("{} — Opmodel", view.roadmap.name)),
            None => None,
        }
        .unwrap_or_else(|| "Opmodel".to_owned())
    }

    pub(super) fn fresh_id(&mut self) -> u64 {
        let id = self.next_id;
        self.next_id += 1;
        id
    }

    pub(super) fn new_document(&mut self, model: Model, path: Option<PathBuf>) -> DocumentId {
        let id = DocumentId(self.fresh_id());
        self.documents.push(Document::new(id, model, path));
        id
    }

    pub(super) fn new_view(&mut self, doc: DocumentId) -> View {
        View::Document(DocumentView::new(ViewId(self.fresh_id()), doc))
    }

    /// The tab showing document `id`, if one does.
    pub(super) fn tab_of(&self, id: DocumentId) -> Option<usize> {
        self.tabs
            .iter()
            .position(|t| matches!(t, View::Document(view) if view.doc == id))
    }

    /// Puts a document in the active tab (replacing its document) or in a new tab.
    pub(super) fn show_document(&mut self, id: DocumentId, new_tab: bool) {
        let view = self.new_view(id);
        match self.active_view().map(|v| v.doc) {
            Some(old) if !new_tab => {
                self.tabs[self.active] = view;
                self.forget_unreferenced(old);
            }
            _ => {
                self.tabs.push(view);
                self.active = self.tabs.len() - 1;
            }
        }
    }

    /// Drops a document that no tab shows any more: out of the comparisons of three or more,
    /// with the comparisons of two that used it.
    pub(super) fn forget_unreferenced(&mut self, id: DocumentId) {
        if self.tab_of(id).is_some() {
            return;
        }
        self.drop_from_comparisons(id);
        let active_tab = self.active;
        let mut index = 0;
        self.tabs.retain(|tab| {
            let keep = !tab.shows(id);
            if !keep && index < active_tab {
                self.active -= 1;
            }
            index += 1;
            keep
        });
        self.documents.retain(|d| d.id() != id);
        self.active = self.active.min(self.tabs.len().saturating_sub(1));
    }
}
