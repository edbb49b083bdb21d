//! The one background-job system: opening, saving, importing, exporting, laying out and
//! writing recovery copies run on worker threads, so a slow disk, a network share or a huge model never freezes the
//! window. The core's work stays synchronous (`files::ron::load`, `render`, the auto-layout);
//! each job runs one piece of it on a thread of its own, wakes the window when it is done
//! (or has moved on by a whole per cent), and the workspace collects the outcome when it
//! drains its commands, once per frame. A cancelled load is forgotten: its outcome is dropped
//! when it arrives, and the model on screen stays as it was.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::mpsc::{self, Receiver, TryRecvError};

use super::commands::Waker;
use super::dialogs::Pending;
use super::ids::{DocumentId, ViewId};
use super::transfer::{self, Imported};
use crate::edit::history::SavedPoint;
use crate::files::fingerprint::Fingerprint;
use crate::files::recovery::{Session, Snapshot};
use crate::files::ron::{LoadError, LoadedFile};
use crate::model::{Model, Position};

/// Where a loaded model goes.
#[derive(Clone, Debug, PartialEq)]
pub enum LoadInto {
    /// The active tab, or a new one.
    Tab { new_tab: bool },
    /// A new tab, compared with documents `with` (added to comparison tab `into` when given).
    Compare {
        with: Vec<DocumentId>,
        into: Option<ViewId>,
    },
    /// Replaces document `doc` with what is on disk now.
    Reload { doc: DocumentId },
}

/// What a job was started for, kept with it until it ends.
pub enum Task {
    Load {
        path: PathBuf,
        into: LoadInto,
    },
    Save {
        doc: DocumentId,
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
    /// The auto-layout of document `doc`.
    Layout {
        doc: DocumentId,
    },
    /// Writing (or deleting) the recovery copy of document `doc`.
    Recovery {
        doc: DocumentId,
    },
}

/// A finished job's outcome.
pub enum Outcome {
    Loaded(Result<Box<(LoadedFile, Option<Fingerprint>)>, LoadError>),
    Saved(std::io::Result<Option<Fingerprint>>),
    Imported(Result<Box<Imported>, String>),
    Exported(Result<(), String>),
    Arranged(Vec<(String, Position)>),
    Recovered(std::io::Result<()>),
}

/// How far a job has got, in thousandths; it wakes the window at every whole per cent.
pub struct Progress {
    done: AtomicU32,
    waker: Waker,
}

impl Progress {
    /// Records that `share` (0 to 1) of the work is done.
    pub fn set(&self, share: f32) {
        let now = (share.clamp(0.0, 1.0) * 1000.0) as u32;
        let before = self.done.swap(now, Ordering::Relaxed);
        if now / 10 != before / 10 {
            (self.waker)();
        }
    }

    pub fn percent(&self) -> u32 {
        self.done.load(Ordering::Relaxed) / 10
    }
}

pub struct Job {
    pub id: u64,
    pub task: Task,
    outcome: Receiver<Outcome>,
    progress: Arc<Progress>,
}

impl Job {
    /// "Opening shop.ron…", for the status bar.
    pub fn describe(&self) -> String {
        let (verb, path) = match &self.task {
            Task::Load { path, .. } => ("Opening", path),
            Task::Save { path, .. } => ("Saving", path),
            Task::Import { path } => ("Importing", path),
            Task::Export { path } => ("Exporting", path),
            Task::Layout { .. } => return format!("Arranging… {} %", self.progress.percent()),
            Task::Recovery { .. } => return "Keeping a recovery copy…".to_owned(),
        };
        let name = path.file_name().map_or_else(
            || path.display().to_string(),
            |n| n.to_string_lossy().into_owned(),
        );
        format!("{verb} {name}…")
    }

    /// Only reads can be cancelled: a save or an export is atomic and quick to finish, and
    /// an auto-layout shows its progress on the canvas.
    pub fn cancellable(&self) -> bool {
        matches!(self.task, Task::Load { .. } | Task::Import { .. })
    }

    /// Whether the status bar lists it: opening, saving, importing and exporting do; the
    /// auto-layout shows on its canvas, and recovery copies are kept quietly.
    pub fn shows_in_status_bar(&self) -> bool {
        !matches!(self.task, Task::Layout { .. } | Task::Recovery { .. })
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
    /// Runs `work` on a new thread, which wakes the window when it is done; fails only when
    /// the system has no thread to give.
    fn start(
        &mut self,
        task: Task,
        waker: &Waker,
        work: impl FnOnce(&Progress) -> Outcome + Send + 'static,
    ) -> std::io::Result<()> {
        let (report, outcome) = mpsc::channel();
        let progress = Arc::new(Progress {
            done: AtomicU32::new(0),
            waker: Arc::clone(waker),
        });
        let shared = Arc::clone(&progress);
        let wake = Arc::clone(waker);
        std::thread::Builder::new()
            .name("opmodel-job".to_owned())
            .spawn(move || {
                // The receiver is gone if the job was cancelled: nobody wants the outcome.
                let _ = report.send(work(&shared));
                wake();
            })?;
        self.next_id += 1;
        self.running.push(Job {
            id: self.next_id,
            task,
            outcome,
            progress,
        });
        Ok(())
    }

    /// Starts loading `path`.
    pub fn load(&mut self, path: PathBuf, into: LoadInto, waker: &Waker) -> std::io::Result<()> {
        let file = path.clone();
        self.start(Task::Load { path, into }, waker, move |_| {
            Outcome::Loaded(crate::files::ron::load_file(&file).map(|loaded| {
                let print = fingerprint(&file);
                Box::new((loaded, print))
            }))
        })
    }

    /// Starts writing document `doc`'s `model` to `path`; what counts as saved afterwards is
    /// the state at `point`, and `then` carries on once it is written.
    pub fn save(
        &mut self,
        doc: DocumentId,
        model: Model,
        path: PathBuf,
        point: SavedPoint,
        then: Option<Pending>,
        waker: &Waker,
    ) -> std::io::Result<()> {
        let file = path.clone();
        let task = Task::Save {
            doc,
            path,
            point: Box::new(point),
            then,
        };
        self.start(task, waker, move |_| {
            Outcome::Saved(crate::files::ron::save(&model, &file).map(|()| fingerprint(&file)))
        })
    }

    /// Starts importing the catalog or sheet at `path`.
    pub fn import(&mut self, path: PathBuf, waker: &Waker) -> std::io::Result<()> {
        let source = path.clone();
        self.start(Task::Import { path }, waker, move |_| {
            Outcome::Imported(transfer::import(&source).map(Box::new))
        })
    }

    /// Starts writing to `path` the bytes `make` makes: a model in a format, or a deck.
    pub fn export(
        &mut self,
        path: PathBuf,
        waker: &Waker,
        make: impl FnOnce() -> Result<Vec<u8>, String> + Send + 'static,
    ) -> std::io::Result<()> {
        let file = path.clone();
        self.start(Task::Export { path }, waker, move |_| {
            Outcome::Exported(make().and_then(|bytes| {
                crate::files::safe_write::write(&file, &bytes).map_err(|e| e.to_string())
            }))
        })
    }

    /// Starts the auto-layout of document `doc`'s model.
    pub fn layout(&mut self, doc: DocumentId, model: Model, waker: &Waker) -> std::io::Result<()> {
        self.start(Task::Layout { doc }, waker, move |progress| {
            Outcome::Arranged(crate::layout::auto::layout(&model, &mut |done| {
                progress.set(done);
            }))
        })
    }

    /// Writes the recovery copy of document `doc` into `session`, or with no `snapshot`
    /// deletes it.
    pub fn recovery(
        &mut self,
        doc: DocumentId,
        snapshot: Option<Snapshot>,
        session: Arc<Session>,
        waker: &Waker,
    ) -> std::io::Result<()> {
        self.start(Task::Recovery { doc }, waker, move |_| {
            Outcome::Recovered(match snapshot {
                Some(snapshot) => session.write(doc.0, &snapshot),
                None => session.remove(doc.0),
            })
        })
    }

    /// Whether a recovery copy of document `doc` is being written or deleted: the next waits
    /// for it, so they land in order.
    pub fn is_recovering(&self, doc: DocumentId) -> bool {
        self.running
            .iter()
            .any(|j| matches!(j.task, Task::Recovery { doc: d } if d == doc))
    }

    pub fn running(&self) -> &[Job] {
        &self.running
    }

    pub fn is_saving(&self, doc: DocumentId) -> bool {
        self.running
            .iter()
            .any(|j| matches!(j.task, Task::Save { doc: d, .. } if d == doc))
    }

    /// How far the auto-layout of document `doc` has got, in per cent, while it runs.
    pub fn arranging(&self, doc: DocumentId) -> Option<u32> {
        self.running.iter().find_map(|j| match j.task {
            Task::Layout { doc: d } if d == doc => Some(j.progress.percent()),
            _ => None,
        })
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
                // The worker died without a word (a layout that panicked): drop it.
                Err(TryRecvError::Disconnected) => {}
            }
        }
        self.running = still;
        done
    }
}
