//! Recovery files: copies of unsaved models, written while the editor runs (by its
//! background jobs, so a frame never waits for one), so a crash, a kill or a power cut loses
//! at most the last few seconds of work.
//!
//! Each running editor is a [`Session`]: a folder of its own under `recovery/` in the
//! data folder, holding one file per unsaved tab and a `lock` file that the editor keeps
//! locked (an advisory OS lock) for as long as it runs. The OS drops the lock when the
//! process dies however it dies, so a session folder whose lock can be taken belongs to
//! an editor that is gone: its files are [`stale`] and can be offered back. Folders whose
//! lock is held belong to another running editor and are left alone. A clean exit removes
//! the session folder.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use serde::{Deserialize, Serialize};

use crate::model::Model;

const LOCK_FILE: &str = "lock";
const TAB_PREFIX: &str = "tab-";
const EXTENSION: &str = "ron";

/// An unsaved model as written to a recovery file.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Snapshot {
    /// The model's name, for the offer to restore it.
    pub name: String,
    /// The file the tab was opened from or last saved to, if any.
    pub path: Option<PathBuf>,
    /// Seconds since 1970 (UTC) when the copy was written.
    pub saved_at: u64,
    pub model: Model,
}

impl Snapshot {
    /// A snapshot of `model` taken now.
    pub fn now(model: &Model, path: Option<&Path>) -> Self {
        Snapshot {
            name: model.name.clone(),
            path: path.map(Path::to_owned),
            saved_at: SystemTime::now()
                .duration_since(UNIX_EPOCH)
                .map_or(0, |d| d.as_secs()),
            model: model.clone(),
        }
    }
}

/// The folder holding every session's recovery files, inside the data folder.
pub fn recovery_folder(data_dir: &Path) -> PathBuf {
    data_dir.join("recovery")
}

fn tab_file(folder: &Path, tab: u64) -> PathBuf {
    folder.join(format!("{TAB_PREFIX}{tab}.{EXTENSION}"))
}

/// This editor's recovery folder, locked for as long as the session lives.
pub struct Session {
    folder: PathBuf,
    /// Held open (and so locked) until the session ends.
    _lock: fs::File,
}

impl Session {
    /// Starts a session with a fresh folder under `data_dir`.
    pub fn start(data_dir: &Path) -> io::Result<Session> {
        let parent = recovery_folder(data_dir);
        fs::create_dir_all(&parent)?;
        let folder = tempfile::Builder::new()
            .prefix("session-")
            .disable_cleanup(true)
            .tempdir_in(&parent)?
            .keep();
        let lock = fs::File::create(folder.join(LOCK_FILE))?;
        lock.try_lock().map_err(io::Error::other)?;
        Ok(Session {
            folder,
            _lock: lock,
        })
    }

    pub fn folder(&self) -> &Path {
        &self.folder
    }

    /// Writes (or replaces) the recovery file of tab `tab`.
    pub fn write(&self, tab: u64, snapshot: &Snapshot) -> io::Result<()> {
        let text = ron::ser::to_string(snapshot).map_err(io::Error::other)?;
        super::safe_write::write(&tab_file(&self.folder, tab), text.as_bytes())
    }

    /// Deletes the recovery file of tab `tab`, if there is one.
    pub fn remove(&self, tab: u64) -> io::Result<()> {
        match fs::remove_file(tab_file(&self.folder, tab)) {
            Err(error) if error.kind() != io::ErrorKind::NotFound => Err(error),
            _ => Ok(()),
        }
    }

    /// Ends the session cleanly: its folder and every recovery file in it go.
    pub fn end(self) -> io::Result<()> {
        fs::remove_dir_all(&self.folder)
    }
}

/// A recovery file left by an editor that is no longer running.
#[derive(Debug)]
pub struct Recovered {
    pub file: PathBuf,
    pub snapshot: Snapshot,
}

/// The session folder of an editor that is gone, locked by us while its files are offered.
#[derive(Debug)]
pub struct StaleSession {
    folder: PathBuf,
    _lock: fs::File,
    pub tabs: Vec<Recovered>,
    /// Files that are there but cannot be read back (cut short by a full disk, say).
    pub unreadable: Vec<PathBuf>,
}

impl StaleSession {
    /// Deletes one recovered file (restored into a new session, or discarded); the folder
    /// goes with its last file.
    pub fn forget(&mut self, file: &Path) -> io::Result<()> {
        self.tabs.retain(|t| t.file != file);
        match fs::remove_file(file) {
            Err(error) if error.kind() != io::ErrorKind::NotFound => return Err(error),
            _ => {}
        }
        if self.tabs.is_empty() {
            fs::remove_dir_all(&self.folder)?;
        }
        Ok(())
    }
}

/// The sessions under `data_dir` whose editor is gone, oldest copy first in each. Sessions
/// of running editors are skipped, and so are folders that are empty apart from the lock
/// (they are tidied away).
pub fn stale(data_dir: &Path) -> Vec<StaleSession> {
    let Ok(entries) = fs::read_dir(recovery_folder(data_dir)) else {
        return Vec::new();
    };
    let mut sessions = Vec::new();
    for folder in entries.filter_map(Result::ok).map(|e| e.path()) {
        if !folder.is_dir() {
            continue;
        }
        let Ok(lock) = fs::File::options()
            .create(true)
            .truncate(false)
            .write(true)
            .open(folder.join(LOCK_FILE))
        else {
            continue;
        };
        if lock.try_lock().is_err() {
            continue;
        }
        let mut session = StaleSession {
            folder: folder.clone(),
            _lock: lock,
            tabs: Vec::new(),
            unreadable: Vec::new(),
        };
        let files = fs::read_dir(&folder)
            .into_iter()
            .flatten()
            .filter_map(Result::ok);
        for file in files.map(|e| e.path()) {
            let is_tab = file
                .file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with(TAB_PREFIX))
                && file.extension().is_some_and(|e| e == EXTENSION);
            if !is_tab {
                continue;
            }
            match read(&file) {
                Some(snapshot) => session.tabs.push(Recovered { file, snapshot }),
                None => session.unreadable.push(file),
            }
        }
        session.tabs.sort_by_key(|t| t.snapshot.saved_at);
        if session.tabs.is_empty() && session.unreadable.is_empty() {
            let _ = fs::remove_dir_all(&folder);
        } else {
            sessions.push(session);
        }
    }
    sessions
}

fn read(file: &Path) -> Option<Snapshot> {
    let text = fs::read_to_string(file).ok()?;
    ron::from_str(&text).ok()
}

/// How long ago `saved_at` was, in words: "just now", "5 minutes ago", "3 hours ago",
/// "2 days ago".
pub fn age(saved_at: u64, now: SystemTime) -> String {
    let now = now.duration_since(UNIX_EPOCH).unwrap_or(Duration::ZERO);
    let seconds = now.as_secs().saturating_sub(saved_at);
    let (count, unit) = match seconds {
        0..60 => return "just now".to_owned(),
        60..3_600 => (seconds / 60, "minute"),
        3_600..86_400 => (seconds / 3_600, "hour"),
        _ => (seconds / 86_400, "day"),
    };
    let plural = if count == 1 { "" } else { "s" };
    format!("{count} {unit}{plural} ago")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Team, TeamKind};

    /// A model with one change from a new one: a team.
    fn edited() -> Model {
        Model {
            teams: vec![Team::new("web", "Web", TeamKind::Product)],
            ..Model::named("Client estate")
        }
    }

    #[test]
    fn a_running_sessions_files_are_not_stale() {
        let data = tempfile::tempdir().unwrap();
        let session = Session::start(data.path()).unwrap();
        session.write(1, &Snapshot::now(&edited(), None)).unwrap();
        assert!(stale(data.path()).is_empty(), "its lock is held");
        drop(session);
        let sessions = stale(data.path());
        assert_eq!(sessions.len(), 1, "once its editor is gone, it is offered");
        assert_eq!(sessions[0].tabs[0].snapshot.model, edited());
    }

    #[test]
    fn a_snapshot_keeps_the_model_its_file_and_its_time() {
        let data = tempfile::tempdir().unwrap();
        let session = Session::start(data.path()).unwrap();
        let file = Path::new("/work/client.ron");
        let snapshot = Snapshot::now(&edited(), Some(file));
        session.write(7, &snapshot).unwrap();
        drop(session);
        let recovered = &stale(data.path())[0].tabs[0];
        assert_eq!(recovered.snapshot, snapshot);
        assert_eq!(recovered.snapshot.name, "Client estate");
        assert_eq!(recovered.snapshot.path.as_deref(), Some(file));
        assert!(recovered.file.starts_with(recovery_folder(data.path())));
    }

    #[test]
    fn a_session_writes_and_removes_copies_and_a_clean_end_leaves_nothing() {
        let data = tempfile::tempdir().unwrap();
        let session = Session::start(data.path()).unwrap();
        let folder = session.folder().to_owned();
        session.write(1, &Snapshot::now(&edited(), None)).unwrap();
        session.write(2, &Snapshot::now(&edited(), None)).unwrap();
        session.remove(1).unwrap();
        session.remove(1).unwrap();
        assert!(!tab_file(&folder, 1).exists() && tab_file(&folder, 2).exists());
        session.end().unwrap();
        assert!(!folder.exists());
        assert!(stale(data.path()).is_empty());
    }

    #[test]
    fn forgetting_the_last_file_removes_the_session_folder() {
        let data = tempfile::tempdir().unwrap();
        let session = Session::start(data.path()).unwrap();
        session.write(1, &Snapshot::now(&edited(), None)).unwrap();
        session
            .write(2, &Snapshot::now(&Model::named("Other"), None))
            .unwrap();
        let folder = session.folder().to_owned();
        drop(session);
        let mut sessions = stale(data.path());
        let first = sessions[0].tabs[0].file.clone();
        sessions[0].forget(&first).unwrap();
        assert!(!first.exists());
        assert!(folder.exists(), "one copy is still waiting");
        let second = sessions[0].tabs[0].file.clone();
        sessions[0].forget(&second).unwrap();
        assert!(!folder.exists());
    }

    #[test]
    fn a_stale_session_is_offered_to_one_editor_at_a_time() {
        let data = tempfile::tempdir().unwrap();
        let session = Session::start(data.path()).unwrap();
        session.write(1, &Snapshot::now(&edited(), None)).unwrap();
        drop(session);
        let first = stale(data.path());
        assert_eq!(first.len(), 1);
        assert!(
            stale(data.path()).is_empty(),
            "the first editor holds its lock"
        );
        drop(first);
        assert_eq!(stale(data.path()).len(), 1);
    }

    #[test]
    fn a_cut_short_file_is_reported_not_offered() {
        let data = tempfile::tempdir().unwrap();
        let session = Session::start(data.path()).unwrap();
        fs::write(session.folder().join("tab-3.ron"), "(name: \"half").unwrap();
        drop(session);
        let sessions = stale(data.path());
        assert!(sessions[0].tabs.is_empty());
        assert_eq!(sessions[0].unreadable.len(), 1);
    }

    #[test]
    fn empty_sessions_are_tidied_away() {
        let data = tempfile::tempdir().unwrap();
        let folder = Session::start(data.path()).unwrap().folder().to_owned();
        assert!(stale(data.path()).is_empty());
        assert!(!folder.exists());
    }

    #[test]
    fn ages_read_as_words() {
        let now = UNIX_EPOCH + Duration::from_secs(100_000);
        assert_eq!(age(99_990, now), "just now");
        // 100,000 − 99,880 = 120 s = 2 minutes.
        assert_eq!(age(99_880, now), "2 minutes ago");
        // 100,000 − 96,400 = 3,600 s = 1 hour.
        assert_eq!(age(96_400, now), "1 hour ago");
        // 100,000 − 0 = 100,000 s = 1.16 days → 1 day.
        assert_eq!(age(0, now), "1 day ago");
        assert_eq!(
            age(200_000, now),
            "just now",
            "a clock set back is not negative"
        );
    }
}
