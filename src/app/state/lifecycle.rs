//! The life of documents and tabs: choosing, opening, saving and closing files, asking
//! first about unsaved changes, replacing files and files changed on disk, quitting,
//! what-if copies and comparisons.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::dialogs::{Dialog, Pending, Purpose, QuitFlow};
use super::document::Document;
use super::errors::AppError;
use super::files::{self, Picker};
use super::ids::DocumentId;
use super::jobs::LoadInto;
use super::view::{CameraRequest, View};
use super::watch::DiskWatcher;
use super::workspace::Workspace;
use crate::edit::history::SavedPoint;
use crate::files::fingerprint::{DiskState, Fingerprint};
use crate::files::ron::{HandWrittenParts, LoadError, LoadedFile};
use crate::model::Model;

impl Workspace {
    pub(super) fn choose_file(&mut self, purpose: Purpose) {
        match self.picker {
            Picker::Native => {
                let chosen = match &purpose {
                    Purpose::SaveAs { doc, .. } => {
                        let suggested = self.suggested_path(*doc);
                        files::native_save(&suggested)
                    }
                    Purpose::NewRoadmap => files::native_save(&self.suggested_roadmap_path()),
                    _ => files::native_open(self.recent.paths().first().map(PathBuf::as_path)),
                };
                match chosen {
                    Some(path) => self.file_chosen(purpose, path),
                    None => self.cancel_quit(),
                }
            }
            Picker::BuiltIn => {
                let text = match &purpose {
                    Purpose::SaveAs { doc, .. } => self.suggested_path(*doc).display().to_string(),
                    Purpose::NewRoadmap => self.suggested_roadmap_path().display().to_string(),
                    _ => String::new(),
                };
                self.open_dialog(Dialog::Path {
                    purpose,
                    suggested: text,
                });
            }
        }
    }

    pub(super) fn suggested_path(&self, doc: DocumentId) -> PathBuf {
        let Some(doc) = self.document(doc) else {
            return PathBuf::from("model.ron");
        };
        if let Some(path) = &doc.path {
            return path.clone();
        }
        let folder = self
            .recent
            .paths()
            .first()
            .and_then(|p| p.parent().map(Path::to_owned))
            .or_else(|| std::env::current_dir().ok())
            .unwrap_or_default();
        folder.join(files::suggested_file_name(&doc.model().name))
    }

    pub(super) fn file_chosen(&mut self, purpose: Purpose, path: PathBuf) {
        match purpose {
            Purpose::Open { new_tab } => self.open_path(path, LoadInto::Tab { new_tab }),
            Purpose::SaveAs { doc, then } => {
                let path = files::with_ron_extension(path);
                if path.exists() {
                    // Saving over any existing file asks first, even the document's own.
                    self.open_dialog(Dialog::ConfirmReplace { doc, path, then });
                } else {
                    self.write(doc, path, then);
                }
            }
            Purpose::Compare { with, into } => {
                self.open_path(path, LoadInto::Compare { with, into });
            }
            Purpose::Import => self.start_import(path),
            Purpose::NewRoadmap => self.write_roadmap(path),
        }
    }

    /// Opens the file given on the command line, in the first tab, before the window shows.
    /// It is read here rather than on a worker thread: there is nothing on screen to keep
    /// alive yet.
    pub fn open_at_start(&mut self, path: &Path) {
        if super::roadmaps::is_roadmap(path) {
            let empty = self.active_document_id();
            self.open_roadmap(path.to_owned());
            // The roadmap takes the place of the empty model the window starts with.
            if let Some(empty) = empty.filter(|_| self.tabs.len() > 1) {
                self.close_document(empty);
            }
            return;
        }
        let loaded = crate::files::ron::load_file(path).map(|loaded| {
            let print = Fingerprint::read(path).ok();
            Box::new((loaded, print))
        });
        self.loaded(path.to_owned(), LoadInto::Tab { new_tab: false }, loaded);
    }

    /// Starts loading a file on a worker thread; [`Workspace::loaded`] takes it from there.
    /// A file that is already open is shown, or compared as asked, without reading it again.
    pub(super) fn open_path(&mut self, path: PathBuf, into: LoadInto) {
        if super::roadmaps::is_roadmap(&path) && matches!(into, LoadInto::Tab { .. }) {
            return self.open_roadmap(path);
        }
        if let Some(tab) = self.already_open(&path) {
            match into {
                LoadInto::Reload { .. } => {}
                LoadInto::Compare { with, into } => {
                    if let Some(doc) = self.tabs[tab].as_document().map(|v| v.doc()) {
                        self.compare_chosen(with, into, doc);
                    }
                    return;
                }
                LoadInto::Tab { .. } => {
                    self.active = tab;
                    self.status = format!("{} is already open", path.display());
                    return;
                }
            }
        }
        if let Err(error) = self.jobs.load(path.clone(), into, &self.waker) {
            self.report(AppError::Load(LoadError {
                file: path,
                position: None,
                message: format!("cannot start reading it: {error}"),
            }));
        }
    }

    /// The tab of a document opened from `path`, if one is open.
    fn already_open(&self, path: &Path) -> Option<usize> {
        let wanted = std::fs::canonicalize(path).ok()?;
        self.documents
            .iter()
            .filter(|d| {
                d.path
                    .as_deref()
                    .and_then(|p| std::fs::canonicalize(p).ok())
                    .is_some_and(|p| p == wanted)
            })
            .find_map(|d| self.tab_of(d.id()))
    }

    /// Takes a finished load: a new document where it was wanted, or the reason it failed
    /// (and then nothing on screen changes).
    pub(super) fn loaded(
        &mut self,
        path: PathBuf,
        into: LoadInto,
        outcome: Result<Box<(LoadedFile, Option<Fingerprint>)>, LoadError>,
    ) {
        let (
            LoadedFile {
                model,
                hand_written,
            },
            print,
        ) = match outcome {
            Ok(loaded) => *loaded,
            Err(error) => return self.report(AppError::Load(error)),
        };
        self.recent.add(&path);
        let id = self.new_document(model, Some(path.clone()));
        if let Some(doc) = self.document_mut(id) {
            doc.disk = print;
            doc.hand_written = hand_written;
        }
        self.status = format!("Opened {}", path.display());
        match into {
            LoadInto::Tab { new_tab } => self.show_document(id, new_tab),
            LoadInto::Compare { with, into } => {
                let view = self.new_view(id);
                self.tabs.push(view);
                self.compare_chosen(with, into, id);
            }
            LoadInto::Reload { doc } => {
                if let Some(tab) = self.tab_of(doc) {
                    self.tabs[tab] = self.new_view(id);
                    self.forget_unreferenced(doc);
                    self.status = format!("Reloaded {} from disk", path.display());
                } else {
                    self.show_document(id, true);
                }
            }
        }
        self.fit(id);
    }

    /// Asks the view of document `doc` to show the whole model.
    pub(super) fn fit(&mut self, doc: DocumentId) {
        if let Some(view) = self.view_of_mut(doc) {
            view.camera.request(CameraRequest::Fit);
        }
    }

    /// Saves a document to its file, or asks where when it has none.
    pub(super) fn save(&mut self, doc: DocumentId, then: Option<Pending>) {
        match self.document(doc).and_then(|d| d.path.clone()) {
            Some(path) => self.write(doc, path, then),
            None => self.choose_file(Purpose::SaveAs { doc, then }),
        }
    }

    /// Writes a document to `path` on a worker thread — after asking, if the file there is
    /// the document's own and someone else changed it since it was read.
    pub(super) fn write(&mut self, doc: DocumentId, path: PathBuf, then: Option<Pending>) {
        let Some(document) = self.document_mut(doc) else {
            return;
        };
        let own_file = document.path.as_deref() == Some(path.as_path());
        let changed = own_file
            && document
                .disk
                .as_mut()
                .is_some_and(|print| print.check(&path) == DiskState::Changed);
        let never_read = document.disk.is_none() && path.exists();
        let drops = own_file && document.hand_written.any();
        match (changed, never_read, drops) {
            (true, _, _) => self.open_dialog(Dialog::Conflict { doc, path, then }),
            // Never read from this file (a tab restored after a crash): what is there now is
            // unknown, so replacing it is asked about like any other file.
            (false, true, _) => self.open_dialog(Dialog::ConfirmReplace { doc, path, then }),
            (false, false, true) => {
                let parts = document.hand_written;
                self.open_dialog(Dialog::DropsHandWritten {
                    doc,
                    path,
                    then,
                    parts,
                });
            }
            (false, false, false) => self.write_now(doc, path, then),
        }
    }

    /// Writes without asking: the user has chosen to replace whatever is there.
    pub(super) fn write_now(&mut self, doc: DocumentId, path: PathBuf, then: Option<Pending>) {
        if self.jobs.is_saving(doc) {
            self.status = "Still saving the last change; save again in a moment".to_owned();
            self.cancel_quit();
            return;
        }
        let Some(document) = self.document_mut(doc) else {
            return;
        };
        document.seal();
        // Asked about once: what is written from here on is Opmodel's own text.
        document.hand_written = HandWrittenParts::default();
        let point = document.saving_point();
        let model = document.model().clone();
        self.status = format!("Saving {}…", path.display());
        if let Err(error) = self
            .jobs
            .save(doc, model, path.clone(), point, then, &self.waker)
        {
            self.report(AppError::Save { path, error });
        }
    }

    /// Takes a finished save: the document is clean at the state it was saved at (later
    /// edits stay unsaved), or the user is told why it failed and nothing else changes.
    pub(super) fn saved(
        &mut self,
        doc: DocumentId,
        path: PathBuf,
        point: SavedPoint,
        then: Option<Pending>,
        outcome: std::io::Result<Option<Fingerprint>>,
    ) {
        let print = match outcome {
            Ok(print) => print,
            Err(error) => return self.report(AppError::Save { path, error }),
        };
        if let Some(document) = self.document_mut(doc) {
            document.mark_saved(&path, point, print);
        }
        self.recent.add(&path);
        self.remember_folder(&path);
        self.status = format!("Saved {}", path.display());
        if let Some(then) = then {
            self.resume(then);
        }
    }

    /// Runs `pending` unless a document it would discard has unsaved changes; then asks first.
    pub(super) fn guard(&mut self, doc: Option<DocumentId>, pending: Pending) {
        match doc.filter(|id| self.document(*id).is_some_and(Document::is_dirty)) {
            Some(doc) => self.open_dialog(Dialog::Unsaved { doc, then: pending }),
            None => self.resume(pending),
        }
    }

    /// Carries on with an action once unsaved changes have been dealt with.
    pub(super) fn resume(&mut self, pending: Pending) {
        match pending {
            Pending::New => {
                let id = self.new_document(Model::default(), None);
                self.show_document(id, false);
                self.status = "New model".to_owned();
            }
            Pending::Open => self.choose_file(Purpose::Open { new_tab: false }),
            Pending::OpenPath(path) => self.open_path(path, LoadInto::Tab { new_tab: false }),
            Pending::CloseDocument(id) => self.close_document(id),
            Pending::Quit => self.continue_quit(),
        }
    }

    pub(super) fn close_document(&mut self, id: DocumentId) {
        if let Some(index) = self.tab_of(id) {
            self.tabs.remove(index);
            if self.active > index || self.active >= self.tabs.len() {
                self.active = self.active.saturating_sub(1);
            }
        }
        self.forget_unreferenced(id);
        if self.tabs.is_empty() {
            let empty = self.new_document(Model::default(), None);
            self.show_document(empty, true);
        }
    }

    pub(super) fn close_tab(&mut self, index: usize) {
        match self.tabs.get(index) {
            Some(View::Document(view)) => {
                let id = view.doc();
                self.guard(Some(id), Pending::CloseDocument(id));
            }
            Some(View::Comparison { .. } | View::Roadmap(_)) => {
                self.tabs.remove(index);
                if self.active >= index {
                    self.active = self.active.saturating_sub(1);
                }
            }
            None => {}
        }
    }

    /// Starts quitting: asks about each document with unsaved changes in turn.
    pub(super) fn start_quit(&mut self) {
        if matches!(self.quit, QuitFlow::Running) {
            self.quit = QuitFlow::Asking {
                discarded: Default::default(),
            };
        }
        self.continue_quit();
    }

    /// Asks about the next unsaved document, or lets the window close.
    fn continue_quit(&mut self) {
        let QuitFlow::Asking { discarded } = &self.quit else {
            return;
        };
        let dirty = self
            .documents
            .iter()
            .find(|d| d.is_dirty() && !discarded.contains(&d.id()))
            .map(Document::id);
        match dirty {
            Some(doc) => {
                if let Some(index) = self.tab_of(doc) {
                    self.active = index;
                }
                self.open_dialog(Dialog::Unsaved {
                    doc,
                    then: Pending::Quit,
                });
            }
            None => self.quit = QuitFlow::Closing,
        }
    }

    /// The user answered "Don't save" about `doc`.
    pub(super) fn discard(&mut self, doc: DocumentId, then: Pending) {
        if let QuitFlow::Asking { discarded } = &mut self.quit {
            discarded.insert(doc);
        }
        self.resume(then);
    }

    pub(super) fn cancel_quit(&mut self) {
        if matches!(self.quit, QuitFlow::Asking { .. }) {
            self.quit = QuitFlow::Running;
        }
    }

    pub(super) fn duplicate_as_scenario(&mut self) {
        let Some(original) = self.active_document() else {
            return;
        };
        let mut model = original.model().clone();
        model.name = format!("{} (what-if)", original.model().name);
        let original_id = original.id();
        let copy = self.new_document(model, None);
        if let Some(doc) = self.document_mut(copy) {
            doc.scenario_of = Some(original_id);
            doc.mark_unsaved();
        }
        self.open_comparison(vec![original_id, copy]);
        self.show_document(copy, true);
        self.fit(copy);
        self.status = "What-if copy made: edit it and watch the difference".to_owned();
    }

    /// Looks at the files of open documents for changes made by others (cheap: the file's
    /// length and time, hashed only when those differ). A document being saved is left
    /// alone: the change is its own.
    pub fn check_disk(&mut self) {
        for doc in &mut self.documents {
            if self.jobs.is_saving(doc.id()) {
                continue;
            }
            if let (Some(path), Some(print)) = (&doc.path, doc.disk.as_mut()) {
                let state = print.check(path);
                if state == DiskState::Unchanged {
                    doc.disk_state = None;
                } else if doc.disk_state.as_ref().is_none_or(|(s, _)| *s != state) {
                    doc.disk_state = Some((state, false));
                }
            }
        }
    }

    /// Watches the files of the open documents, and no others; the first time there is one
    /// to watch, the watcher starts.
    pub(super) fn watch_files(&mut self) {
        let paths: Vec<PathBuf> = self
            .documents
            .iter()
            .filter(|d| d.watches_disk())
            .filter_map(|d| d.path().map(Path::to_owned))
            .collect();
        if self.watcher.is_none() && !paths.is_empty() && !self.watch_failed {
            match DiskWatcher::start(self.sender().clone(), Arc::clone(&self.waker)) {
                Ok(watcher) => self.watcher = Some(watcher),
                Err(error) => {
                    self.watch_failed = true;
                    self.status =
                        format!("Changes made to files by other programs will not show: {error}");
                }
            }
        }
        if let Some(watcher) = &mut self.watcher {
            watcher.watch(paths);
        }
    }
}
