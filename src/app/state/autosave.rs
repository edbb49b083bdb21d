//! Autosave: while a document has unsaved changes, a copy goes to this session's recovery
//! folder (see [`crate::files::recovery`]) as soon as it changes and then at most once per
//! interval, written by a background job (see `recovery.rs` for the workspace's side). Saving, closing or discarding a document
//! deletes its copy; a clean exit deletes the session's folder. At start, copies left by an
//! editor that did not exit cleanly are offered back.

use std::collections::HashMap;
use std::path::Path;
use std::sync::Arc;
use std::time::{Duration, Instant};

use super::ids::DocumentId;
use crate::files::recovery::{self, Session, StaleSession};

/// How often a changing document is copied, unless `OPMODEL_AUTOSAVE_SECONDS` says
/// otherwise. Well inside the promised 30 seconds.
const DEFAULT_INTERVAL: Duration = Duration::from_secs(10);

/// The interval from `OPMODEL_AUTOSAVE_SECONDS` (a whole number of seconds, at least 1), or
/// the default.
pub fn interval_from_env() -> Duration {
    std::env::var("OPMODEL_AUTOSAVE_SECONDS")
        .ok()
        .and_then(|s| s.trim().parse::<u64>().ok())
        .filter(|s| *s > 0)
        .map_or(DEFAULT_INTERVAL, Duration::from_secs)
}

pub struct Autosave {
    /// This editor's recovery folder, shared with the jobs that write into it.
    pub(super) session: Option<Arc<Session>>,
    pub(super) interval: Duration,
    /// Documents with a recovery copy: the revision copied and when.
    pub(super) written: HashMap<DocumentId, (u64, Instant)>,
    /// How soon the next copy is due, so an idle window wakes up for it.
    pub(super) due_in: Option<Duration>,
    /// Sessions of editors that are gone, whose copies are being offered.
    pub(super) stale: Vec<StaleSession>,
}

impl Autosave {
    /// No recovery copies (tests, or no data folder on this platform).
    pub fn off() -> Self {
        Autosave {
            session: None,
            interval: DEFAULT_INTERVAL,
            written: HashMap::new(),
            due_in: None,
            stale: Vec::new(),
        }
    }

    /// Starts a recovery session under `data_dir` and finds what earlier sessions left.
    pub fn start(data_dir: &Path, interval: Duration) -> std::io::Result<Self> {
        let stale = recovery::stale(data_dir);
        let session = Session::start(data_dir)?;
        Ok(Autosave {
            session: Some(Arc::new(session)),
            interval,
            written: HashMap::new(),
            due_in: None,
            stale,
        })
    }

    /// How soon the next copy falls due, so an idle window can wake for it.
    pub fn due_in(&self) -> Option<Duration> {
        self.due_in
    }

    /// The copies left by editors that are gone, while they are on offer.
    pub fn stale(&self) -> &[StaleSession] {
        &self.stale
    }

    /// Ends the session cleanly, once the jobs writing copies have finished: every copy is
    /// deleted.
    pub fn finish(&mut self) -> std::io::Result<()> {
        self.stale.clear();
        match self.session.take().map(Arc::try_unwrap) {
            Some(Ok(session)) => session.end(),
            Some(Err(shared)) => std::fs::remove_dir_all(shared.folder()),
            None => Ok(()),
        }
    }
}
