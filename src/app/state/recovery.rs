//! Recovery in the workspace: turning autosave on (and offering back what a crashed editor
//! left), copying documents with unsaved changes as they change, and restoring or discarding
//! the copies on offer.

use std::path::Path;
use std::sync::Arc;
use std::time::{Duration, Instant};

use super::autosave::Autosave;
use super::dialogs::Dialog;
use super::document::Document;
use super::errors::AppError;
use super::ids::DocumentId;
use super::workspace::Workspace;
use crate::files::recovery::{self, Snapshot};

impl Workspace {
    /// Turns on autosave under `data_dir`, and offers back what a crashed editor left.
    pub fn start_recovery(&mut self, data_dir: &Path, interval: Duration) {
        match Autosave::start(data_dir, interval) {
            Ok(autosave) => {
                self.autosave = autosave;
                let unreadable: Vec<_> = self
                    .autosave
                    .stale
                    .iter()
                    .flat_map(|s| s.unreadable.iter())
                    .collect();
                if let Some(first) = unreadable.first() {
                    let message = match unreadable.len() {
                        1 => format!(
                            "a recovery copy could not be read and is kept: {}",
                            first.display()
                        ),
                        n => format!(
                            "{n} recovery copies could not be read and are kept, for example {}",
                            first.display()
                        ),
                    };
                    self.report(AppError::Recovery(message));
                }
                if self.autosave.stale.iter().any(|s| !s.tabs.is_empty()) {
                    self.open_dialog(Dialog::Recover);
                }
            }
            Err(error) => self.report(AppError::Recovery(format!(
                "cannot keep recovery copies in {}: {error}",
                recovery::recovery_folder(data_dir).display()
            ))),
        }
    }

    /// Ends the recovery session cleanly, at a clean exit: pending copies are finished, then
    /// every copy is deleted.
    pub fn finish_recovery(&mut self) -> std::io::Result<()> {
        self.autosave.finish()
    }

    /// Copies documents with new unsaved changes, and deletes the copies of documents that
    /// were saved, closed or discarded — each by a background job, one at a time for each
    /// document, so a copy and its deletion land in the order they were asked for.
    pub(super) fn autosave_tick(&mut self) {
        let Some(session) = self.autosave.session.clone() else {
            return;
        };
        let now = Instant::now();
        let interval = self.autosave.interval;
        let written = &mut self.autosave.written;
        let mut due_in: Option<Duration> = None;
        let mut copies: Vec<(DocumentId, Option<Snapshot>)> = Vec::new();
        for doc in &self.documents {
            let id = doc.id();
            if self.jobs.is_recovering(id) {
                continue;
            }
            if !doc.is_dirty() {
                if written.remove(&id).is_some() {
                    copies.push((id, None));
                }
                continue;
            }
            match written.get(&id) {
                Some((revision, _)) if *revision == doc.revision() => {}
                Some((_, at)) if now.duration_since(*at) < interval => {
                    let wait = interval - now.duration_since(*at);
                    due_in = Some(due_in.map_or(wait, |d| d.min(wait)));
                }
                _ => {
                    copies.push((id, Some(Snapshot::now(doc.model(), doc.path()))));
                    written.insert(id, (doc.revision(), now));
                }
            }
        }
        let (documents, jobs) = (&self.documents, &self.jobs);
        written.retain(|id, _| {
            let gone = !documents.iter().any(|d| d.id() == *id) && !jobs.is_recovering(*id);
            if gone {
                copies.push((*id, None));
            }
            !gone
        });
        self.autosave.due_in = due_in;
        for (doc, snapshot) in copies {
            let started = self
                .jobs
                .recovery(doc, snapshot, Arc::clone(&session), &self.waker);
            if let Err(error) = started {
                let message = format!("the recovery copy could not be written: {error}");
                self.report(AppError::Recovery(message));
            }
        }
    }

    /// Opens a recovered copy in a tab of its own, unsaved, and deletes the old copy (this
    /// session keeps its own from now on).
    pub(super) fn restore(&mut self, file: &Path) {
        let Some((session, index)) = self.find_recovered(file) else {
            return;
        };
        let snapshot = self.autosave.stale[session].tabs[index].snapshot.clone();
        let id = self.new_document(snapshot.model, snapshot.path);
        if let Some(doc) = self.document_mut(id) {
            doc.mark_unsaved();
        }
        let replace_empty = self.active_document().is_some_and(Document::is_blank);
        self.show_document(id, !replace_empty);
        self.fit(id);
        self.status = format!("Restored “{}”: save it to keep it", snapshot.name);
        // Copy it into this session before the old copy goes.
        self.autosave_tick();
        self.forget_recovered(session, file);
    }

    pub(super) fn discard_recovered(&mut self, file: &Path) {
        if let Some((session, _)) = self.find_recovered(file) {
            self.forget_recovered(session, file);
        }
    }

    fn find_recovered(&self, file: &Path) -> Option<(usize, usize)> {
        self.autosave
            .stale
            .iter()
            .enumerate()
            .find_map(|(s, session)| {
                let index = session.tabs.iter().position(|t| t.file == file)?;
                Some((s, index))
            })
    }

    fn forget_recovered(&mut self, session: usize, file: &Path) {
        if let Err(error) = self.autosave.stale[session].forget(file) {
            self.report(AppError::Recovery(format!(
                "cannot delete {}: {error}",
                file.display()
            )));
        }
        self.autosave.stale.retain(|s| !s.tabs.is_empty());
        if self.autosave.stale.is_empty() && matches!(self.dialog(), Some(Dialog::Recover)) {
            self.close_dialog();
        }
    }

    /// Every recovered copy still on offer.
    pub(super) fn recovered_files(&self) -> Vec<std::path::PathBuf> {
        self.autosave
            .stale
            .iter()
            .flat_map(|s| s.tabs.iter().map(|t| t.file.clone()))
            .collect()
    }
}
