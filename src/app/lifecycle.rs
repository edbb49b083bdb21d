//! The life of documents and tabs: choosing, opening, saving and closing files, asking
//! first about unsaved changes, quitting, what-if copies and comparisons.

use std::path::{Path, PathBuf};

use super::document::Document;
use super::files::{self, Picker};
use super::{Dialog, OpmodelApp, Pending, Purpose, Tab};
use crate::model::Model;

impl OpmodelApp {
    pub(super) fn choose_file(&mut self, purpose: Purpose) {
        match self.picker {
            Picker::Native => {
                let chosen = match &purpose {
                    Purpose::SaveAs { doc, .. } => {
                        let suggested = self.suggested_path(*doc);
                        files::native_save(&suggested)
                    }
                    _ => files::native_open(self.recent.paths().first().map(PathBuf::as_path)),
                };
                if let Some(path) = chosen {
                    self.file_chosen(purpose, path);
                }
            }
            Picker::BuiltIn => {
                let text = match &purpose {
                    Purpose::SaveAs { doc, .. } => self.suggested_path(*doc).display().to_string(),
                    _ => String::new(),
                };
                self.dialog = Some(Dialog::Path {
                    purpose,
                    text,
                    problem: None,
                });
            }
        }
    }

    pub(super) fn suggested_path(&self, doc: u64) -> PathBuf {
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
        folder.join(files::suggested_file_name(&doc.model.name))
    }

    pub(super) fn file_chosen(&mut self, purpose: Purpose, path: PathBuf) {
        match purpose {
            Purpose::Open { new_tab } => self.open_path(&path, new_tab),
            Purpose::SaveAs { doc, then } => {
                self.write(doc, &files::with_ron_extension(path), then)
            }
            Purpose::Compare { with } => {
                if let Some(other) = self.load(&path) {
                    self.tabs.push(Tab::Document(other));
                    self.open_comparison(with, other);
                }
            }
        }
    }

    /// Loads a model into a new document, or shows why it cannot be loaded.
    pub(super) fn load(&mut self, path: &Path) -> Option<u64> {
        match crate::io::load(path) {
            Ok(model) => {
                self.recent.add(path);
                let id = self.new_document(model, Some(path.to_owned()));
                if let Some(doc) = self.document_mut(id) {
                    doc.canvas.request_fit();
                }
                self.status = format!("Opened {}", path.display());
                Some(id)
            }
            Err(error) => {
                self.dialog = Some(Dialog::Error {
                    title: "Could not open the model".to_owned(),
                    message: error.to_string(),
                });
                self.status = format!("Could not open {}", path.display());
                None
            }
        }
    }

    /// Opens a file in the active tab (or a new one); a failed load changes nothing.
    pub(super) fn open_path(&mut self, path: &Path, new_tab: bool) {
        if let Some(id) = self.load(path) {
            self.show_document(id, new_tab);
        }
    }

    /// Saves a document to its file, or asks where when it has none.
    pub(super) fn save(&mut self, doc: u64, then: Option<Pending>) {
        match self.document(doc).and_then(|d| d.path.clone()) {
            Some(path) => self.write(doc, &path, then),
            None => self.choose_file(Purpose::SaveAs { doc, then }),
        }
    }

    /// Writes atomically; on failure the model stays open and unsaved, and the user is told why.
    pub(super) fn write(&mut self, doc: u64, path: &Path, then: Option<Pending>) {
        let Some(document) = self.document(doc) else {
            return;
        };
        match crate::io::save(&document.model, path) {
            Ok(()) => {
                if let Some(document) = self.document_mut(doc) {
                    document.mark_saved(path);
                }
                self.recent.add(path);
                self.status = format!("Saved {}", path.display());
                if let Some(then) = then {
                    self.resume(then);
                }
            }
            Err(error) => {
                self.dialog = Some(Dialog::Error {
                    title: "Could not save the model".to_owned(),
                    message: format!(
                        "{}: {error}.\nNothing was lost: the model is still open, with its changes. Try Save as… to choose another place.",
                        path.display()
                    ),
                });
                self.quitting = false;
            }
        }
    }

    /// Runs `pending` unless a document it would discard has unsaved changes; then asks first.
    pub(super) fn guard(&mut self, doc: Option<u64>, pending: Pending) {
        match doc.filter(|id| self.document(*id).is_some_and(Document::is_dirty)) {
            Some(doc) => self.dialog = Some(Dialog::Unsaved { doc, then: pending }),
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
            Pending::OpenPath(path) => self.open_path(&path, false),
            Pending::CloseDocument(id) => self.close_document(id),
            Pending::Quit => self.quit(),
        }
    }

    pub(super) fn close_document(&mut self, id: u64) {
        if let Some(index) = self
            .tabs
            .iter()
            .position(|t| matches!(t, Tab::Document(d) if *d == id))
        {
            self.tabs.remove(index);
            if self.active > index || self.active >= self.tabs.len() {
                self.active = self.active.saturating_sub(1);
            }
        }
        self.forget_unreferenced(id);
        if self.tabs.is_empty() {
            let empty = self.new_document(Model::default(), None);
            self.tabs.push(Tab::Document(empty));
            self.active = 0;
        }
    }

    pub(super) fn close_tab(&mut self, index: usize) {
        match self.tabs.get(index) {
            Some(Tab::Document(id)) => {
                let id = *id;
                self.guard(Some(id), Pending::CloseDocument(id));
            }
            Some(Tab::Comparison { .. }) => {
                self.tabs.remove(index);
                if self.active >= index {
                    self.active = self.active.saturating_sub(1);
                }
            }
            None => {}
        }
    }

    /// Asks about each document with unsaved changes in turn, then closes the window.
    pub(super) fn quit(&mut self) {
        self.quitting = true;
        let dirty = self
            .documents
            .iter()
            .find(|d| d.is_dirty() && !self.discarded.contains(&d.id))
            .map(|d| d.id);
        match dirty {
            Some(doc) => {
                if let Some(index) = self
                    .tabs
                    .iter()
                    .position(|t| matches!(t, Tab::Document(d) if *d == doc))
                {
                    self.active = index;
                }
                self.dialog = Some(Dialog::Unsaved {
                    doc,
                    then: Pending::Quit,
                });
            }
            None => self.close_window = true,
        }
    }

    pub(super) fn open_comparison(&mut self, a: u64, b: u64) {
        self.tabs.push(Tab::Comparison {
            a,
            b,
            cache: Box::default(),
        });
        self.active = self.tabs.len() - 1;
    }

    pub(super) fn duplicate_as_scenario(&mut self) {
        let Some(original) = self.active_document() else {
            return;
        };
        let mut model = original.model.clone();
        model.name = format!("{} (what-if)", original.model.name);
        let original_id = original.id;
        let copy = self.new_document(model, None);
        if let Some(doc) = self.document_mut(copy) {
            doc.scenario_of = Some(original_id);
            doc.mark_unsaved();
            doc.canvas.request_fit();
        }
        self.tabs.push(Tab::Comparison {
            a: original_id,
            b: copy,
            cache: Box::default(),
        });
        self.tabs.push(Tab::Document(copy));
        self.active = self.tabs.len() - 1;
        self.status = "What-if copy made: edit it and watch the difference".to_owned();
    }
}
