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
use super::selection::Selection;
use super::transfer::ExportFormat;
use crate::edit::Edit;
use crate::files::ron::HandWrittenParts;
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
    Open {
        new_tab: bool,
    },
    SaveAs {
        doc: u64,
        then: Option<Pending>,
    },
    Compare {
        with: u64,
    },
    /// A Backstage catalog file or folder, or a CSV sheet, to import into a new tab.
    Import,
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
    /// Saving over a hand-written file would drop its comments or header.
    DropsHandWritten {
        doc: u64,
        path: PathBuf,
        then: Option<Pending>,
        parts: HandWrittenParts,
    },
    /// Unsaved work left by an editor that did not exit cleanly.
    Recover,
    /// File › Export…: the format and the file to write.
    Export {
        doc: u64,
        format: ExportFormat,
        text: String,
        problem: Option<String>,
    },
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
    /// Write document `doc` as `format` to `path`.
    Export {
        doc: u64,
        format: ExportFormat,
        path: PathBuf,
    },
    /// The export dialog's Browse…: the desktop's save dialog, starting from `typed`.
    BrowseExport {
        doc: u64,
        format: ExportFormat,
        typed: PathBuf,
    },
}

/// Everything that changes the workspace.
#[derive(Clone, Debug, PartialEq)]
pub enum Command {
    Ui(UiCommand),
    OpenRecent(PathBuf),
    /// A file dropped on the window.
    OpenDropped(PathBuf),
    Canvas(CanvasAction),
    /// An undoable change built by [`crate::edit::actions`] (or the reason it could not be built).
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
    /// Select and centre an entity of document `doc` (a link in the import notes).
    Reveal {
        doc: u64,
        selection: Selection,
    },
    /// Close the import notes of document `doc`.
    DismissImportNotes(u64),
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
    /// Presentation mode: the canvas fills the window, with the figures over it.
    pub(super) presenting: bool,
    /// The folder last imported from or exported to (kept between sessions).
    pub(super) transfer_folder: Option<PathBuf>,
    /// The format the last export was written in, offered first next time.
    pub(super) last_export_format: ExportFormat,
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
            presenting: false,
            transfer_folder: None,
            last_export_format: ExportFormat::Svg,
        };
        let empty = workspace.new_document(Model::default(), None);
        workspace.tabs.push(Tab::Document(empty));
        workspace
    }

    /// The folder last imported from or exported to, for the app to keep between sessions.
    pub fn transfer_folder(&self) -> Option<&std::path::Path> {
        self.transfer_folder.as_deref()
    }

    /// Starts from the folder a previous session last imported from or exported to.
    pub fn set_transfer_folder(&mut self, folder: Option<PathBuf>) {
        self.transfer_folder = folder.filter(|f| f.is_dir());
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

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;
    use crate::edit::actions;
    use crate::model::{Team, TeamKind};

    /// Web team `web` alone: a model that loads.
    const MODEL: &str =
        r#"(name: "Shop", teams: [(id: "web", name: "Web", kind: Product, members: 6)])"#;

    fn workspace() -> Workspace {
        Workspace::new(RecentFiles::default(), Picker::BuiltIn)
    }

    fn opened(path: &Path) -> Workspace {
        let mut ws = workspace();
        ws.open_at_start(path);
        ws
    }

    fn model_file(dir: &Path) -> PathBuf {
        let path = dir.join("shop.ron");
        std::fs::write(&path, MODEL).unwrap();
        path
    }

    /// Runs `command` and everything it leads to, waiting for file jobs.
    fn run(ws: &mut Workspace, command: Command) {
        ws.push(command);
        ws.drain();
        ws.finish_jobs();
        ws.drain();
    }

    fn add_team(ws: &mut Workspace, id: &str) {
        let doc = ws.active_document().unwrap();
        let team = Team::new(id, "Team", TeamKind::Product);
        let edit = actions::add_team(&doc.model, team, Position::default());
        let command = Command::Edit {
            doc: doc.id,
            label: format!("Add {id}"),
            edit,
            merge_key: None,
        };
        run(ws, command);
    }

    fn answer(ws: &mut Workspace, answer: Answer) {
        run(ws, Command::Answer(answer));
    }

    #[test]
    fn an_edit_then_undo_is_clean_again_and_redo_dirty() {
        let dir = tempfile::tempdir().unwrap();
        let mut ws = opened(&model_file(dir.path()));
        add_team(&mut ws, "ops");
        assert!(ws.active_document().unwrap().is_dirty());
        run(&mut ws, Command::Ui(UiCommand::Undo));
        assert!(!ws.active_document().unwrap().is_dirty());
        assert_eq!(ws.status(), "Undid: Add ops");
        run(&mut ws, Command::Ui(UiCommand::Undo));
        assert_eq!(ws.status(), "Nothing to undo");
        run(&mut ws, Command::Ui(UiCommand::Redo));
        assert!(ws.active_document().unwrap().is_dirty());
    }

    #[test]
    fn a_refused_edit_is_reported_and_changes_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let mut ws = opened(&model_file(dir.path()));
        add_team(&mut ws, "web");
        let doc = ws.active_document().unwrap();
        assert_eq!(doc.model.teams.len(), 1);
        assert_eq!(ws.status(), "`web` is already the id of a team.");
        assert_eq!(doc.edit_error.as_deref(), Some(ws.status()));
        assert!(!doc.is_dirty());
    }

    #[test]
    fn saving_writes_in_the_background_and_marks_clean() {
        let dir = tempfile::tempdir().unwrap();
        let path = model_file(dir.path());
        let mut ws = opened(&path);
        add_team(&mut ws, "ops");
        run(&mut ws, Command::Ui(UiCommand::Save));
        assert!(!ws.active_document().unwrap().is_dirty());
        assert_eq!(crate::files::ron::load(&path).unwrap().teams.len(), 2);
        assert_eq!(ws.status(), format!("Saved {}", path.display()));
    }

    #[test]
    fn closing_an_unsaved_tab_asks_and_cancel_keeps_it() {
        let dir = tempfile::tempdir().unwrap();
        let mut ws = opened(&model_file(dir.path()));
        add_team(&mut ws, "ops");
        run(&mut ws, Command::Ui(UiCommand::CloseTab));
        let Some(Dialog::Unsaved { doc, then }) = ws.dialog() else {
            panic!("asks about unsaved changes");
        };
        let (doc, then) = (*doc, then.clone());
        answer(&mut ws, Answer::Close);
        assert_eq!(ws.active_document().unwrap().model.teams.len(), 2);
        run(&mut ws, Command::Ui(UiCommand::CloseTab));
        answer(&mut ws, Answer::Discard { doc, then });
        let fresh = ws.active_document().unwrap();
        assert!(fresh.path.is_none() && fresh.model.teams.is_empty());
    }

    #[test]
    fn quitting_asks_about_each_unsaved_document_then_closes() {
        let dir = tempfile::tempdir().unwrap();
        let mut ws = opened(&model_file(dir.path()));
        add_team(&mut ws, "ops");
        run(&mut ws, Command::Ui(UiCommand::NewTab));
        add_team(&mut ws, "other");
        run(&mut ws, Command::Ui(UiCommand::Quit));
        for _ in 0..2 {
            assert!(!ws.wants_to_close());
            let Some(Dialog::Unsaved { doc, then }) = ws.dialog() else {
                panic!("asks about each unsaved document");
            };
            let (doc, then) = (*doc, then.clone());
            answer(&mut ws, Answer::Discard { doc, then });
        }
        assert!(ws.wants_to_close());
    }

    #[test]
    fn save_as_over_an_existing_file_asks_first() {
        let dir = tempfile::tempdir().unwrap();
        let path = model_file(dir.path());
        let other = dir.path().join("other.ron");
        std::fs::write(&other, "precious").unwrap();
        let mut ws = opened(&path);
        let doc = ws.active_document().unwrap().id;
        let purpose = Purpose::SaveAs { doc, then: None };
        answer(
            &mut ws,
            Answer::PathChosen {
                purpose,
                path: other.clone(),
            },
        );
        assert!(matches!(ws.dialog(), Some(Dialog::ConfirmReplace { path, .. }) if *path == other));
        assert_eq!(std::fs::read_to_string(&other).unwrap(), "precious");
        answer(
            &mut ws,
            Answer::Replace {
                doc,
                path: other.clone(),
                then: None,
            },
        );
        assert_eq!(crate::files::ron::load(&other).unwrap().name, "Shop");
        assert_eq!(
            ws.active_document().unwrap().path.as_deref(),
            Some(other.as_path())
        );
    }

    #[test]
    fn a_file_changed_on_disk_is_not_overwritten_without_asking() {
        let dir = tempfile::tempdir().unwrap();
        let path = model_file(dir.path());
        let mut ws = opened(&path);
        add_team(&mut ws, "ops");
        let theirs = MODEL.replace("\"Shop\"", "\"Their shop, renamed\"");
        std::fs::write(&path, &theirs).unwrap();
        ws.check_disk();
        assert!(matches!(
            ws.active_document().unwrap().disk_state,
            Some((crate::files::fingerprint::DiskState::Changed, false))
        ));
        run(&mut ws, Command::Ui(UiCommand::Save));
        let Some(Dialog::Conflict { doc, .. }) = ws.dialog() else {
            panic!("a conflict is shown");
        };
        let doc = *doc;
        assert_eq!(std::fs::read_to_string(&path).unwrap(), theirs);
        answer(&mut ws, Answer::ReloadFromDisk { doc });
        let reloaded = ws.active_document().unwrap();
        assert_eq!(reloaded.model.name, "Their shop, renamed");
        assert!(!reloaded.is_dirty());
        assert_eq!(ws.tab_count(), 1, "the reload replaces the tab");
    }

    #[test]
    fn saving_over_a_file_never_read_asks_first() {
        // A tab restored after a crash knows its file's name but not what the file holds now.
        let dir = tempfile::tempdir().unwrap();
        let path = model_file(dir.path());
        let mut ws = workspace();
        ws.active_document_mut().unwrap().path = Some(path.clone());
        run(&mut ws, Command::Ui(UiCommand::Save));
        assert!(matches!(ws.dialog(), Some(Dialog::ConfirmReplace { .. })));
        assert_eq!(std::fs::read_to_string(&path).unwrap(), MODEL);
    }

    #[test]
    fn saving_over_a_hand_written_file_asks_once_before_dropping_its_comments() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("shop.ron");
        let hand_written = format!("#![enable(implicit_some)]\n// Our shop, by hand.\n{MODEL}");
        std::fs::write(&path, &hand_written).unwrap();
        let mut ws = opened(&path);
        add_team(&mut ws, "ops");
        run(&mut ws, Command::Ui(UiCommand::Save));
        let Some(Dialog::DropsHandWritten {
            doc, then, parts, ..
        }) = ws.dialog()
        else {
            panic!("saving asks first");
        };
        assert_eq!((parts.comments, parts.header), (1, true));
        let (doc, then) = (*doc, then.clone());
        assert_eq!(std::fs::read_to_string(&path).unwrap(), hand_written);
        answer(
            &mut ws,
            Answer::Replace {
                doc,
                path: path.clone(),
                then,
            },
        );
        assert_eq!(crate::files::ron::load(&path).unwrap().teams.len(), 2);
        add_team(&mut ws, "data");
        run(&mut ws, Command::Ui(UiCommand::Save));
        assert!(ws.dialog().is_none(), "asked once only");
        assert_eq!(crate::files::ron::load(&path).unwrap().teams.len(), 3);
    }

    #[test]
    fn a_failed_open_leaves_everything_as_it_was() {
        let dir = tempfile::tempdir().unwrap();
        let mut ws = opened(&model_file(dir.path()));
        let missing = dir.path().join("missing.ron");
        run(&mut ws, Command::OpenRecent(missing));
        assert_eq!(ws.active_document().unwrap().model.name, "Shop");
        assert!(matches!(ws.dialog(), Some(Dialog::Error { .. })));
        assert_eq!(ws.tab_count(), 1);
    }

    #[test]
    fn a_cancelled_open_is_dropped_when_it_arrives() {
        let dir = tempfile::tempdir().unwrap();
        let path = model_file(dir.path());
        let mut ws = workspace();
        // Applied without collecting finished jobs, so the load is still waiting.
        ws.apply(Command::OpenRecent(path));
        let id = ws.jobs.running()[0].id;
        assert_eq!(ws.jobs.running()[0].describe(), "Opening shop.ron…");
        run(&mut ws, Command::CancelJob(id));
        assert_eq!(
            ws.active_document().unwrap().model.name,
            Model::default().name
        );
        assert_eq!(ws.status(), "Cancelled: Opening shop.ron");
    }

    #[test]
    fn opening_a_file_that_is_open_switches_to_its_tab() {
        let dir = tempfile::tempdir().unwrap();
        let path = model_file(dir.path());
        let mut ws = opened(&path);
        run(&mut ws, Command::Ui(UiCommand::NewTab));
        run(&mut ws, Command::OpenRecent(path));
        assert_eq!(ws.tab_count(), 2);
        assert_eq!(ws.active, 0);
    }
}
