//! What the workspace does with background jobs: it collects the finished ones once per
//! frame and takes each outcome — a model opened, saved, imported, exported or arranged, a
//! recovery copy written — and it starts and cancels them.

use super::errors::AppError;
use super::ids::DocumentId;
use super::jobs::{Outcome, Task};
use super::workspace::Workspace;
use crate::edit::actions;
use crate::model::Position;

impl Workspace {
    /// Collects finished background jobs.
    pub(super) fn poll_jobs(&mut self) {
        self.take_finished(false);
    }

    /// Waits for every background job to finish and takes their outcomes (for tests, and
    /// before the window closes).
    pub fn finish_jobs(&mut self) {
        self.take_finished(true);
    }

    fn take_finished(&mut self, wait: bool) {
        for (task, outcome) in self.jobs.finished(wait) {
            match (task, outcome) {
                (Task::Load { path, into }, Outcome::Loaded(outcome)) => {
                    self.loaded(path, into, outcome);
                }
                (
                    Task::Save {
                        doc,
                        path,
                        point,
                        then,
                    },
                    Outcome::Saved(outcome),
                ) => self.saved(doc, path, *point, then, outcome),
                (Task::Import { path }, Outcome::Imported(outcome)) => {
                    self.imported(path, outcome);
                }
                (Task::Export { path }, Outcome::Exported(outcome)) => {
                    self.exported(path, outcome);
                }
                (Task::Layout { doc }, Outcome::Arranged(positions)) => {
                    self.arranged(doc, positions);
                }
                (Task::Recovery { .. }, Outcome::Recovered(Err(error))) => {
                    let message = format!("the recovery copy could not be written: {error}");
                    self.report(AppError::Recovery(message));
                }
                _ => {}
            }
        }
    }

    /// Stops waiting for a load; the model on screen stays as it was.
    pub(super) fn cancel_job(&mut self, id: u64) {
        if let Some(job) = self.jobs.cancel(id) {
            self.status = format!("Cancelled: {}", job.describe().trim_end_matches('…'));
        }
    }

    /// Starts arranging document `doc` off the UI thread, unless it is being arranged.
    pub(super) fn start_layout(&mut self, doc: DocumentId) {
        if self.jobs.arranging(doc).is_some() {
            return;
        }
        let Some(model) = self.document(doc).map(|d| d.model().clone()) else {
            return;
        };
        if let Err(error) = self.jobs.layout(doc, model, &self.waker) {
            self.status = format!("Could not start the auto-layout: {error}");
        }
    }

    /// Takes a finished auto-layout: one undoable move of the entities that still exist,
    /// then the view fits the arranged model.
    fn arranged(&mut self, doc: DocumentId, positions: Vec<(String, Position)>) {
        let Some(model) = self.document(doc).map(|d| d.model()) else {
            return;
        };
        let positions: Vec<(String, Position)> = positions
            .into_iter()
            .filter(|(id, _)| model.id_in_use(id))
            .collect();
        if !positions.is_empty() {
            self.edit(doc, "Auto-layout", Ok(actions::move_to(positions)), None);
        }
        self.fit(doc);
    }
}
