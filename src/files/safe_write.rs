//! Replacing a file so that a crash, a full disk or a kill at any moment leaves either the
//! old file or the new one, never half of each — and never a changed owner, mode or link.
//!
//! The new contents go to a temporary file with an unpredictable name, created exclusively
//! in the target's own folder (a rename is only atomic within one file system). It takes the
//! target's permissions (and owner, where the process may set it), is flushed to disk,
//! renamed over the target, and then the folder is flushed so the rename itself survives a
//! power cut. A symbolic link is followed: its target is replaced and the link stays.

use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// How many symbolic links are followed before giving up, as the kernel does.
const MAX_LINKS: usize = 40;

/// Writes `contents` to `path` atomically, following symbolic links. On failure the file
/// at `path` is untouched and no temporary file is left behind.
pub fn write(path: &Path, contents: &[u8]) -> io::Result<()> {
    let target = resolve_links(path)?;
    let folder = match target.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent.to_owned(),
        _ => PathBuf::from("."),
    };
    if target.file_name().is_none() {
        return Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            "the path names no file",
        ));
    }
    let existing = fs::metadata(&target).ok();
    if existing.as_ref().is_some_and(|m| !m.is_file()) {
        return Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            "the path is not a regular file",
        ));
    }
    replace(&folder, &target, contents, existing.as_ref())
}

/// Puts `contents` in place of `target` (a file in `folder`, or nothing yet) through a
/// temporary file in the same folder.
fn replace(
    folder: &Path,
    target: &Path,
    contents: &[u8],
    existing: Option<&fs::Metadata>,
) -> io::Result<()> {
    // Dropping the temporary file on any early return, or a failed rename, deletes it.
    let mut temporary = new_temporary(folder)?;
    temporary.write_all(contents)?;
    if let Some(metadata) = existing {
        keep_owner_and_mode(temporary.as_file(), metadata)?;
    }
    temporary.as_file().sync_all()?;
    temporary.persist(target).map_err(|e| e.error)?;
    sync_folder(folder)
}

/// An empty file with an unpredictable name, created exclusively in `folder`. It gets the
/// mode any new file gets (read and write for all, less the umask), so a model saved for the
/// first time is as readable as the user's other files; an existing file's mode is copied
/// onto it afterwards.
#[cfg(unix)]
fn new_temporary(folder: &Path) -> io::Result<tempfile::NamedTempFile> {
    use std::os::unix::fs::PermissionsExt;
    tempfile::Builder::new()
        .permissions(fs::Permissions::from_mode(0o666))
        .tempfile_in(folder)
}

#[cfg(not(unix))]
fn new_temporary(folder: &Path) -> io::Result<tempfile::NamedTempFile> {
    tempfile::NamedTempFile::new_in(folder)
}

/// The file a path finally names, following symbolic links (also dangling ones, so saving
/// through a link to a file not yet written creates that file).
fn resolve_links(path: &Path) -> io::Result<PathBuf> {
    let mut current = path.to_owned();
    for _ in 0..MAX_LINKS {
        match fs::symlink_metadata(&current) {
            Ok(metadata) if metadata.file_type().is_symlink() => {
                let target = fs::read_link(&current)?;
                current = match current.parent() {
                    Some(parent) if target.is_relative() => parent.join(target),
                    _ => target,
                };
            }
            _ => return Ok(current),
        }
    }
    Err(io::Error::other(format!(
        "more than {MAX_LINKS} symbolic links lead from {}",
        path.display()
    )))
}

#[cfg(unix)]
fn keep_owner_and_mode(file: &fs::File, metadata: &fs::Metadata) -> io::Result<()> {
    use std::os::unix::fs::MetadataExt;
    // Only root may give a file away; otherwise the file stays ours, which it was anyway
    // unless someone else's file sat in a folder we may write to.
    let _ = std::os::unix::fs::fchown(file, Some(metadata.uid()), Some(metadata.gid()));
    file.set_permissions(metadata.permissions())
}

#[cfg(not(unix))]
fn keep_owner_and_mode(file: &fs::File, metadata: &fs::Metadata) -> io::Result<()> {
    file.set_permissions(metadata.permissions())
}

/// Flushes a folder's entries, so a rename in it is on disk.
#[cfg(unix)]
fn sync_folder(folder: &Path) -> io::Result<()> {
    fs::File::open(folder)?.sync_all()
}

/// Windows has no way to flush a folder; its renames are journalled by NTFS.
#[cfg(not(unix))]
fn sync_folder(_: &Path) -> io::Result<()> {
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names_in(folder: &Path) -> Vec<String> {
        let mut names: Vec<String> = fs::read_dir(folder)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    #[test]
    fn writes_a_new_file_and_replaces_an_old_one() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("model.ron");
        write(&path, b"first").unwrap();
        write(&path, b"second").unwrap();
        assert_eq!(fs::read(&path).unwrap(), b"second");
        assert_eq!(
            names_in(dir.path()),
            ["model.ron"],
            "no temporary file is left"
        );
    }

    #[cfg(unix)]
    #[test]
    fn a_symbolic_link_is_followed_and_kept() {
        let dir = tempfile::tempdir().unwrap();
        let real = dir.path().join("real.ron");
        let link = dir.path().join("link.ron");
        fs::write(&real, "old").unwrap();
        std::os::unix::fs::symlink("real.ron", &link).unwrap();
        write(&link, b"new").unwrap();
        assert_eq!(fs::read(&real).unwrap(), b"new", "the target is written");
        assert!(
            fs::symlink_metadata(&link)
                .unwrap()
                .file_type()
                .is_symlink(),
            "the link stays a link"
        );
        assert_eq!(names_in(dir.path()), ["link.ron", "real.ron"]);
    }

    #[cfg(unix)]
    #[test]
    fn a_link_to_a_file_not_yet_written_creates_the_file() {
        let dir = tempfile::tempdir().unwrap();
        let link = dir.path().join("link.ron");
        std::os::unix::fs::symlink(dir.path().join("later.ron"), &link).unwrap();
        write(&link, b"made").unwrap();
        assert_eq!(fs::read(dir.path().join("later.ron")).unwrap(), b"made");
    }

    #[cfg(unix)]
    #[test]
    fn a_link_loop_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let (a, b) = (dir.path().join("a.ron"), dir.path().join("b.ron"));
        std::os::unix::fs::symlink(&b, &a).unwrap();
        std::os::unix::fs::symlink(&a, &b).unwrap();
        let error = write(&a, b"x").unwrap_err();
        assert!(error.to_string().contains("symbolic links"), "{error}");
    }

    /// A file's permission bits.
    #[cfg(unix)]
    fn mode(path: &Path) -> u32 {
        use std::os::unix::fs::PermissionsExt;
        fs::metadata(path).unwrap().permissions().mode() & 0o777
    }

    #[cfg(unix)]
    #[test]
    fn a_private_file_stays_private() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("private.ron");
        fs::write(&path, "old").unwrap();
        fs::set_permissions(&path, fs::Permissions::from_mode(0o600)).unwrap();
        write(&path, b"new").unwrap();
        assert_eq!(mode(&path), 0o600);
    }

    #[cfg(unix)]
    #[test]
    fn a_new_file_gets_the_mode_any_new_file_gets() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("new.ron");
        write(&path, b"new").unwrap();
        let usual = dir.path().join("usual.txt");
        fs::write(&usual, "made the ordinary way").unwrap();
        assert_eq!(mode(&path), mode(&usual));
    }

    #[test]
    fn a_failed_rename_leaves_no_temporary_file() {
        let dir = tempfile::tempdir().unwrap();
        // A folder with something in it cannot be renamed over, even by root.
        let blocker = dir.path().join("model.ron");
        fs::create_dir(&blocker).unwrap();
        fs::write(blocker.join("inside"), "kept").unwrap();
        assert!(replace(dir.path(), &blocker, b"new", None).is_err());
        assert_eq!(names_in(dir.path()), ["model.ron"]);
        assert_eq!(fs::read(blocker.join("inside")).unwrap(), b"kept");
    }

    #[test]
    fn a_missing_folder_is_an_error_not_a_panic() {
        let dir = tempfile::tempdir().unwrap();
        let error = write(&dir.path().join("no/such/model.ron"), b"x").unwrap_err();
        assert_eq!(error.kind(), io::ErrorKind::NotFound);
    }

    #[test]
    fn a_folder_is_not_a_file_to_replace() {
        let dir = tempfile::tempdir().unwrap();
        fs::create_dir(dir.path().join("sub")).unwrap();
        let error = write(&dir.path().join("sub"), b"x").unwrap_err();
        assert_eq!(error.kind(), io::ErrorKind::InvalidInput);
        assert_eq!(names_in(dir.path()), ["sub"]);
    }
}
