//! The editor's state apart from its drawing: open documents, tabs and the active tab, the
//! dialog or question waiting for an answer, the queue of commands, the status line,
//! background file jobs and autosave. Nothing here needs an egui context, so tests can drive
//! a whole session — open, edit, undo, save, close with unsaved changes — without a window.
//!
//! Everything that changes the workspace is a [`Command`]: menus, shortcuts, the canvas, the
//! inspector, the settings window and dialog answers only push commands, and
//! [`Workspace::drain`] applies them, once per frame, in order.

use std::collections::HashSet;
use std::path::PathBuf;

use super::autosave::Autosave;
use super::canvas::CanvasAction;
use super::commands::UiCommand;
use super::compare_view::CompareCache;
use super::document::Document;
use super::errors::AppError;
use super::files::{Picker, RecentFiles};
use super::jobs::Jobs;
use crate::edit::Edit;
use crate::model::{Model, Position};

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
pub enum Pending {
    New,
    Open,
    OpenPath(PathBuf),
    CloseDocument(u64),
    Quit,
}

/// What a chosen file is for.
#[derive(Clone, Debug, PartialEq)]
pub enum Purpose {
    Open { new_tab: bool },
    SaveAs { doc: u64, then: Option<Pending> },
    Compare { with: u64 },
}

/// The one dialog that may be open, waiting for an [`Answer`].
pub enum Dialog {
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
    /// Save as… named a file that exists.
    ConfirmReplace {
        doc: u64,
        path: PathBuf,
        then: Option<Pending>,
    },
    /// The document's file changed on disk since it was opened or saved.
    Conflict {
        doc: u64,
        path: PathBuf,
        then: Option<Pending>,
    },
    /// Unsaved work left by an editor that did not exit cleanly.
    Recover,
}

/// The user's answer to a dialog.
#[derive(Clone, Debug, PartialEq)]
pub enum Answer {
    /// OK on a message, or Cancel: also ends a quit in progress.
    Close,
    SaveFirst {
        doc: u64,
        then: Pending,
    },
    Discard {
        doc: u64,
        then: Pending,
    },
    PathChosen {
        purpose: Purpose,
        path: PathBuf,
    },
    Compare {
        a: u64,
        b: u64,
    },
    CompareWithFile {
        doc: u64,
    },
    /// Replace (or overwrite) the file at `path`.
    Replace {
        doc: u64,
        path: PathBuf,
        then: Option<Pending>,
    },
    ReloadFromDisk {
        doc: u64,
    },
    SaveElsewhere {
        doc: u64,
        then: Option<Pending>,
    },
    Restore(PathBuf),
    DiscardRecovered(PathBuf),
    RestoreAll,
    DiscardAll,
    /// Keep the recovered files and ask again next time.
    DecideLater,
}

/// Everything that changes the workspace.
#[derive(Clone, Debug, PartialEq)]
pub enum Command {
    Ui(UiCommand),
    OpenRecent(PathBuf),
    /// A file dropped on the window.
    OpenDropped(PathBuf),
    Canvas(CanvasAction),
    /// An undoable change built by [`crate::actions`] (or the reason it could not be built).
    Edit {
        doc: u64,
        label: String,
        edit: Result<Edit, String>,
        merge_key: Option<String>,
    },
    /// The user let go of a field: its next edit starts a new undo step.
    Seal(u64),
    SelectTab(usize),
    CloseTab(usize),
    /// The window's close button.
    CloseWindow,
    Answer(Answer),
    CancelJob(u64),
    /// Hide the "changed on disk" banner until the file changes again.
    KeepMine(u64),
}

/// Where a quit stands.
#[derive(Clone, Debug, Default, PartialEq)]
pub enum QuitFlow {
    #[default]
    Running,
    /// Asking about each unsaved document in turn; these were answered "Don't save".
    Asking { discarded: HashSet<u64> },
    /// Every unsaved document is dealt with: the window may close.
    Closing,
}

pub struct Workspace {
    pub(super) documents: Vec<Document>,
    pub(super) tabs: Vec<Tab>,
    pub(super) active: usize,
    next_id: u64,
    queue: Vec<Command>,
    pub(super) recent: RecentFiles,
    pub(super) picker: Picker,
    pub(super) dialog: Option<Dialog>,
    pub(super) status: String,
    pub(super) settings_open: bool,
    pub(super) quit: QuitFlow,
    pub(super) jobs: Jobs,
    pub(super) autosave: Autosave,
    /// The centre of the active canvas, where a new entity goes when nothing says where.
    pub(super) view_centre: Position,
}

impl Workspace {
    /// A workspace with one empty model.
    pub fn new(recent: RecentFiles, picker: Picker) -> Self {
        let mut workspace = Workspace {
            documents: Vec::new(),
            tabs: Vec::new(),
            active: 0,
            next_id: 1,
            queue: Vec::new(),
            recent,
            picker,
            dialog: None,
            status: "Ready".to_owned(),
            settings_open: false,
            quit: QuitFlow::Running,
            jobs: Jobs::default(),
            autosave: Autosave::off(),
            view_centre: Position::default(),
        };
        let empty = workspace.new_document(Model::default(), None);
        workspace.tabs.push(Tab::Document(empty));
        workspace
    }

    /// Queues a command, to be applied by the next [`Workspace::drain`].
    pub fn push(&mut self, command: Command) {
        self.queue.push(command);
    }

    /// Applies every queued command (and those they queue in turn), then collects finished
    /// background jobs and keeps the recovery copies up to date.
    pub fn drain(&mut self) {
        loop {
            for doc in &mut self.documents {
                self.queue.append(&mut doc.requests);
            }
            if self.queue.is_empty() {
                break;
            }
            for command in std::mem::take(&mut self.queue) {
                self.apply(command);
            }
        }
        self.poll_jobs();
        self.autosave_tick();
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
            self.dialog = Some(Dialog::Error { title, message });
        }
        if error.stops_quitting() {
            self.quit = QuitFlow::Running;
        }
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

    pub fn documents(&self) -> &[Document] {
        &self.documents
    }

    pub fn tab_count(&self) -> usize {
        self.tabs.len()
    }

    pub fn status(&self) -> &str {
        &self.status
    }

    pub fn dialog(&self) -> Option<&Dialog> {
        self.dialog.as_ref()
    }

    /// Whether every unsaved document is dealt with and the window should close.
    pub fn wants_to_close(&self) -> bool {
        self.quit == QuitFlow::Closing
    }

    /// Whether the window may close now: a quit has dealt with every unsaved document, or
    /// there is none.
    pub fn may_close(&self) -> bool {
        self.wants_to_close() || !self.documents.iter().any(Document::is_dirty)
    }

    pub(super) fn document(&self, id: u64) -> Option<&Document> {
        self.documents.iter().find(|d| d.id == id)
    }

    pub(super) fn document_mut(&mut self, id: u64) -> Option<&mut Document> {
        self.documents.iter_mut().find(|d| d.id == id)
    }

    pub(super) fn new_document(&mut self, model: Model, path: Option<PathBuf>) -> u64 {
        let id = self.next_id;
        self.next_id += 1;
        self.documents.push(Document::new(id, model, path));
        id
    }

    pub(super) fn active_document_id(&self) -> Option<u64> {
        self.active_document().map(|d| d.id)
    }

    /// The tab showing document `id`, if one does.
    pub(super) fn tab_of(&self, id: u64) -> Option<usize> {
        self.tabs
            .iter()
            .position(|t| matches!(t, Tab::Document(d) if *d == id))
    }

    /// Puts a document in the active tab (replacing its document) or in a new tab.
    pub(super) fn show_document(&mut self, id: u64, new_tab: bool) {
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
    pub(super) fn forget_unreferenced(&mut self, id: u64) {
        if self.tab_of(id).is_some() {
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
}
