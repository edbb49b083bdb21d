//! Opening and saving on worker threads, so a slow disk, a network share or a huge model
//! never freezes the window. The core's `files::ron::load` and `save` stay synchronous; each job
//! runs one of them on a thread of its own and the workspace collects the outcome between
//! frames. A cancelled load is forgotten: its outcome is dropped when it arrives, and the
//! model on screen stays as it was.

use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, Receiver, TryRecvError};

use super::transfer::{self, ExportFormat, Imported};
use super::workspace::Pending;
use crate::edit::history::SavedPoint;
use crate::files::fingerprint::Fingerprint;
use crate::files::ron::{LoadError, LoadedFile};
use crate::model::Model;

/// Where a loaded model goes.
#[derive(Clone, Debug, PartialEq)]
pub enum LoadInto {
    /// The active tab, or a new one.
    Tab { new_tab: bool },
    /// A new tab, compared with document `with`.
    Compare { with: u64 },
    /// Replaces document `doc` with what is on disk now.
    Reload { doc: u64 },
}

/// What a job was started for, kept with it until it ends.
pub enum Task {
    Load {
        path: PathBuf,
        into: LoadInto,
    },
    Save {
        doc: u64,
        path: PathBuf,
        /// The document's state when the copy was taken: what counts as saved afterwards.
        point: Box<SavedPoint>,
        then: Option<Pending>,
    },
    Import {
        path: PathBuf,
    },
    Export {
        path: PathBuf,
    },
}

/// A finished job's outcome.
pub enum Outcome {
    Loaded(Result<Box<(LoadedFile, Option<Fingerprint>)>, LoadError>),
    Saved(std::io::Result<Option<Fingerprint>>),
    Imported(Result<Box<Imported>, String>),
    Exported(Result<(), String>),
}

pub struct Job {
    pub id: u64,
    pub task: Task,
    outcome: Receiver<Outcome>,
}

impl Job {
    /// "Opening shop.ron…", for the status bar.
    pub fn describe(&self) -> String {
        let (verb, path) = match &self.task {
            Task::Load { path, .. } => ("Opening", path),
            Task::Save { path, .. } => ("Saving", path),
            Task::Import { path } => ("Importing", path),
            Task::Export { path } => ("Exporting", path),
        };
        let name = path.file_name().map_or_else(
            || path.display().to_string(),
            |n| n.to_string_lossy().into_owned(),
        );
        format!("{verb} {name}…")
    }

    /// Only reads can be cancelled: a save or an export is atomic and quick to finish.
    pub fn cancellable(&self) -> bool {
        matches!(self.task, Task::Load { .. } | Task::Import { .. })
    }
}

#[derive(Default)]
pub struct Jobs {
    next_id: u64,
    running: Vec<Job>,
}

fn fingerprint(path: &Path) -> Option<Fingerprint> {
    Fingerprint::read(path).ok()
}

impl Jobs {
    /// Runs `work` on a new thread; fails only when the system has no thread to give.
    fn start(
        &mut self,
        task: Task,
        work: impl FnOnce() -> Outcome + Send + 'static,
    ) -> std::io::Result<()> {
        let (report, outcome) = mpsc::channel();
        std::thread::Builder::new()
            .name("opmodel-file".to_owned())
            .spawn(move || {
                // The receiver is gone if the job was cancelled: nobody wants the outcome.
                let _ = report.send(work());
            })?;
        self.next_id += 1;
        self.running.push(Job {
            id: self.next_id,
            task,
            outcome,
        });
        Ok(())
    }

    /// Starts loading `path`.
    pub fn load(&mut self, path: PathBuf, into: LoadInto) -> std::io::Result<()> {
        let file = path.clone();
        self.start(Task::Load { path, into }, move || {
            Outcome::Loaded(crate::files::ron::load_file(&file).map(|loaded| {
                let print = fingerprint(&file);
                Box::new((loaded, print))
            }))
        })
    }

    /// Starts writing `model` to `path`.
    pub fn save(
        &mut self,
        doc: u64,
        model: Model,
        path: PathBuf,
        point: SavedPoint,
        then: Option<Pending>,
    ) -> std::io::Result<()> {
        let file = path.clone();
        let task = Task::Save {
            doc,
            path,
            point: Box::new(point),
            then,
        };
        self.start(task, move || {
            Outcome::Saved(crate::files::ron::save(&model, &file).map(|()| fingerprint(&file)))
        })
    }

    /// Starts importing the catalog or sheet at `path`.
    pub fn import(&mut self, path: PathBuf) -> std::io::Result<()> {
        let source = path.clone();
        self.start(Task::Import { path }, move || {
            Outcome::Imported(transfer::import(&source).map(Box::new))
        })
    }

    /// Starts writing `model` as `format` to `path`.
    pub fn export(
        &mut self,
        model: Model,
        format: ExportFormat,
        path: PathBuf,
    ) -> std::io::Result<()> {
        let file = path.clone();
        self.start(Task::Export { path }, move || {
            Outcome::Exported(format.render(&model).and_then(|bytes| {
                crate::files::safe_write::write(&file, &bytes).map_err(|e| e.to_string())
            }))
        })
    }

    pub fn running(&self) -> &[Job] {
        &self.running
    }

    pub fn is_saving(&self, doc: u64) -> bool {
        self.running
            .iter()
            .any(|j| matches!(j.task, Task::Save { doc: d, .. } if d == doc))
    }

    /// Forgets a load; its outcome is dropped when it arrives.
    pub fn cancel(&mut self, id: u64) -> Option<Job> {
        let index = self
            .running
            .iter()
            .position(|j| j.id == id && j.cancellable())?;
        Some(self.running.remove(index))
    }

    /// The jobs that have finished, with their outcomes. With `wait`, blocks until every
    /// job has finished.
    pub fn finished(&mut self, wait: bool) -> Vec<(Task, Outcome)> {
        let mut done = Vec::new();
        let mut still = Vec::new();
        for job in std::mem::take(&mut self.running) {
            let outcome = if wait {
                job.outcome.recv().map_err(|_| TryRecvError::Disconnected)
            } else {
                job.outcome.try_recv()
            };
            match outcome {
                Ok(outcome) => done.push((job.task, outcome)),
                Err(TryRecvError::Empty) => still.push(job),
                // The worker died without a word (it cannot panic, but if it did): drop it.
                Err(TryRecvError::Disconnected) => {}
            }
        }
        self.running = still;
        done
    }
}
