//! Telling whether a file changed on disk since it was read or written — by git, a
//! colleague's sync or another editor — so a save never silently overwrites someone else's
//! work. Length and modification time are checked first (cheap enough to poll); the
//! contents are hashed only when those differ, so a file merely touched is not "changed".

use std::collections::hash_map::DefaultHasher;
use std::fs;
use std::hash::Hasher;
use std::io;
use std::path::Path;
use std::time::SystemTime;

/// What a file held when Opmodel last read or wrote it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Fingerprint {
    len: u64,
    modified: Option<SystemTime>,
    hash: u64,
}

/// How a file compares with its fingerprint.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DiskState {
    Unchanged,
    Changed,
    /// The file is no longer there (deleted or moved away).
    Missing,
}

fn hash(contents: &[u8]) -> u64 {
    let mut hasher = DefaultHasher::new();
    hasher.write(contents);
    hasher.finish()
}

impl Fingerprint {
    /// The fingerprint of `contents`, as found at `path` now.
    pub fn of_contents(path: &Path, contents: &[u8]) -> io::Result<Self> {
        let metadata = fs::metadata(path)?;
        Ok(Fingerprint {
            len: contents.len() as u64,
            modified: metadata.modified().ok(),
            hash: hash(contents),
        })
    }

    /// Reads the file at `path` and fingerprints it.
    pub fn read(path: &Path) -> io::Result<Self> {
        let contents = fs::read(path)?;
        Self::of_contents(path, &contents)
    }

    /// Compares the file at `path` with this fingerprint. A file with a new time but the
    /// same contents is unchanged, and the fingerprint takes the new time so the next check
    /// is cheap again.
    pub fn check(&mut self, path: &Path) -> DiskState {
        let metadata = match fs::metadata(path) {
            Ok(metadata) => metadata,
            Err(error) if error.kind() == io::ErrorKind::NotFound => return DiskState::Missing,
            // Unreadable for now (a network share gone away): nothing to say yet.
            Err(_) => return DiskState::Unchanged,
        };
        if metadata.len() != self.len {
            return DiskState::Changed;
        }
        if metadata.modified().ok() == self.modified {
            return DiskState::Unchanged;
        }
        match fs::read(path) {
            Ok(contents) if hash(&contents) == self.hash => {
                self.modified = metadata.modified().ok();
                DiskState::Unchanged
            }
            Ok(_) => DiskState::Changed,
            Err(_) => DiskState::Unchanged,
        }
    }
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    use tempfile::TempDir;

    use super::*;

    /// Sets a file's modification time to `seconds` after the epoch.
    fn set_time(path: &Path, seconds: u64) {
        let file = fs::File::options().write(true).open(path).unwrap();
        let time = SystemTime::UNIX_EPOCH + std::time::Duration::from_secs(seconds);
        file.set_modified(time).unwrap();
    }

    /// A file holding `contents`, modified `seconds` after the epoch when given, and its
    /// fingerprint as first read (the folder goes when dropped).
    fn fingerprinted(contents: &str, seconds: Option<u64>) -> (TempDir, PathBuf, Fingerprint) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("m.ron");
        fs::write(&path, contents).unwrap();
        if let Some(seconds) = seconds {
            set_time(&path, seconds);
        }
        let print = Fingerprint::read(&path).unwrap();
        (dir, path, print)
    }

    #[test]
    fn an_untouched_file_is_unchanged() {
        let (_dir, path, mut print) = fingerprinted("(name: \"a\")", None);
        assert_eq!(print.check(&path), DiskState::Unchanged);
    }

    #[test]
    fn new_contents_of_the_same_length_and_time_are_caught_by_the_time() {
        let (_dir, path, mut print) = fingerprinted("aaaa", Some(1_000));
        fs::write(&path, "bbbb").unwrap();
        set_time(&path, 2_000);
        assert_eq!(print.check(&path), DiskState::Changed);
    }

    #[test]
    fn a_touched_file_with_the_same_contents_is_unchanged() {
        let (_dir, path, mut print) = fingerprinted("aaaa", Some(1_000));
        set_time(&path, 2_000);
        assert_eq!(print.check(&path), DiskState::Unchanged);
        assert_eq!(
            print,
            Fingerprint::read(&path).unwrap(),
            "it takes the new time"
        );
    }

    #[test]
    fn a_longer_or_deleted_file_is_reported() {
        let (_dir, path, mut print) = fingerprinted("aaaa", None);
        fs::write(&path, "aaaaa").unwrap();
        assert_eq!(print.check(&path), DiskState::Changed);
        fs::remove_file(&path).unwrap();
        assert_eq!(print.check(&path), DiskState::Missing);
    }
}
