//! Watching the files of open documents for changes made by other programs, with the
//! `notify` crate: the operating system says when a file changes, and the watcher sends
//! [`Command::CheckDisk`] and wakes the window, which otherwise sleeps. Folders are watched
//! rather than files, so a file replaced by renaming another over it (as editors and
//! Opmodel itself save) is still seen.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, PoisonError};

use notify::event::{AccessKind, AccessMode, ModifyKind};
use notify::{Event, EventKind, RecommendedWatcher, RecursiveMode, Watcher};

use super::commands::{Command, CommandSender, Waker};

pub struct DiskWatcher {
    watcher: RecommendedWatcher,
    /// The watched files, each as its folder's canonical path joined with its name: the
    /// form in which the watcher reports them.
    files: Arc<Mutex<HashSet<PathBuf>>>,
    folders: HashSet<PathBuf>,
    /// The documents' paths as last given, so an unchanged list costs nothing.
    given: Vec<PathBuf>,
}

/// Whether an event may mean the file's contents changed. Opmodel's own reads (opening a
/// file, hashing it to compare) and changes of metadata alone do not.
fn may_change_contents(kind: &EventKind) -> bool {
    match kind {
        EventKind::Access(AccessKind::Close(AccessMode::Write)) => true,
        EventKind::Access(_) | EventKind::Modify(ModifyKind::Metadata(_)) => false,
        _ => true,
    }
}

/// How the watcher names `path`: its folder, canonical, joined with its file name.
fn watched_name(path: &Path) -> Option<PathBuf> {
    let folder = match path.parent() {
        Some(folder) if !folder.as_os_str().is_empty() => folder,
        _ => Path::new("."),
    };
    Some(std::fs::canonicalize(folder).ok()?.join(path.file_name()?))
}

impl DiskWatcher {
    /// A watcher that sends [`Command::CheckDisk`] on `sender` and calls `waker` when a
    /// watched file may have changed.
    pub fn start(sender: CommandSender, waker: Waker) -> notify::Result<DiskWatcher> {
        let files: Arc<Mutex<HashSet<PathBuf>>> = Arc::default();
        let watched = Arc::clone(&files);
        let watcher = notify::recommended_watcher(move |event: notify::Result<Event>| {
            let Ok(event) = event else {
                return;
            };
            let files = watched.lock().unwrap_or_else(PoisonError::into_inner);
            if may_change_contents(&event.kind) && event.paths.iter().any(|p| files.contains(p)) {
                sender.send(Command::CheckDisk);
                waker();
            }
        })?;
        Ok(DiskWatcher {
            watcher,
            files,
            folders: HashSet::new(),
            given: Vec::new(),
        })
    }

    /// Watches exactly the files at `paths`.
    pub fn watch(&mut self, paths: Vec<PathBuf>) {
        if paths == self.given {
            return;
        }
        let files: HashSet<PathBuf> = paths.iter().filter_map(|p| watched_name(p)).collect();
        let folders: HashSet<PathBuf> = files
            .iter()
            .filter_map(|f| f.parent().map(Path::to_owned))
            .collect();
        for gone in self.folders.difference(&folders) {
            // A folder that is gone is no longer watched anyway.
            let _ = self.watcher.unwatch(gone);
        }
        for new in folders.difference(&self.folders) {
            // A folder that cannot be watched (gone, or no permission) shows nothing; the
            // file is still checked when it is saved over.
            let _ = self.watcher.watch(new, RecursiveMode::NonRecursive);
        }
        self.folders = folders;
        *self.files.lock().unwrap_or_else(PoisonError::into_inner) = files;
        self.given = paths;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_and_metadata_are_not_changes_but_writes_and_renames_are() {
        use notify::event::{CreateKind, DataChange, MetadataKind, RenameMode};
        let change = |kind| may_change_contents(&kind);
        assert!(!change(EventKind::Access(AccessKind::Open(
            AccessMode::Any
        ))));
        assert!(!change(EventKind::Access(AccessKind::Close(
            AccessMode::Read
        ))));
        assert!(!change(EventKind::Modify(ModifyKind::Metadata(
            MetadataKind::Any
        ))));
        assert!(change(EventKind::Access(AccessKind::Close(
            AccessMode::Write
        ))));
        assert!(change(EventKind::Modify(ModifyKind::Data(DataChange::Any))));
        assert!(change(EventKind::Modify(ModifyKind::Name(RenameMode::To))));
        assert!(change(EventKind::Create(CreateKind::File)));
    }
}
