//! Opening what the user hands Opmodel to read — a model, a sheet, a catalog file — without
//! letting it hang, flood memory or be mistaken for another file.
//!
//! Only a regular file (or a link to one) is read. A folder, a named pipe, a socket or a
//! device is refused from its metadata, and the file is opened without blocking and checked
//! again once open, so a pipe with no writer or `/dev/zero` can never make a read wait or run
//! on for ever. Its size is checked against a cap before a byte is read, and reading stops at
//! the cap should the file grow meanwhile. Each file read is known by its [`Identity`], so
//! that an output can be refused when it would overwrite an input, whatever links lead to it.

use std::fs::{self, File};
use std::io::Read;
use std::path::Path;

/// Which file a path names once links are followed: its device and inode (on systems that
/// have them), so two paths, a symbolic link and a hard link to one file are one identity.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Identity(IdentityKey);

#[cfg(unix)]
type IdentityKey = (u64, u64);

#[cfg(not(unix))]
type IdentityKey = std::path::PathBuf;

impl Identity {
    /// The identity of the file `path` names, following links; `None` when there is none.
    pub fn of(path: &Path) -> Option<Identity> {
        fs::metadata(path)
            .ok()
            .map(|metadata| Identity::from_metadata(path, &metadata))
    }

    #[cfg(unix)]
    fn from_metadata(_path: &Path, metadata: &fs::Metadata) -> Identity {
        use std::os::unix::fs::MetadataExt;
        Identity((metadata.dev(), metadata.ino()))
    }

    #[cfg(not(unix))]
    fn from_metadata(path: &Path, _metadata: &fs::Metadata) -> Identity {
        Identity(fs::canonicalize(path).unwrap_or_else(|_| path.to_owned()))
    }
}

/// What kind of thing a path that is not a regular file names, for a message: "a folder",
/// "a named pipe", "a socket", "a device".
pub fn kind_of(file_type: &fs::FileType) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if file_type.is_fifo() {
            return "a named pipe";
        }
        if file_type.is_socket() {
            return "a socket";
        }
        if file_type.is_block_device() || file_type.is_char_device() {
            return "a device";
        }
    }
    if file_type.is_dir() {
        "a folder"
    } else {
        "something other than a regular file"
    }
}

/// Why a file was not read, in words that finish "cannot be read: …" or stand alone.
#[derive(Debug)]
pub enum InputError {
    /// Not a regular file: what it is instead ("a named pipe").
    NotAFile(&'static str),
    /// Larger than the cap, in bytes.
    TooLarge {
        limit: u64,
    },
    /// Not UTF-8 text.
    NotText,
    Io(std::io::Error),
}

impl std::fmt::Display for InputError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            InputError::NotAFile(kind) => write!(f, "this is {kind}, not a file"),
            InputError::TooLarge { limit } => {
                write!(
                    f,
                    "the file is larger than {}, the most read",
                    bytes(*limit)
                )
            }
            InputError::NotText => f.write_str("this is not UTF-8 text"),
            InputError::Io(e) => write!(f, "cannot read it: {e}"),
        }
    }
}

impl std::error::Error for InputError {}

/// A byte count in the largest whole unit: "16 MiB", "512 KiB", "300 bytes".
pub fn bytes(count: u64) -> String {
    const MIB: u64 = 1024 * 1024;
    if count >= MIB && count.is_multiple_of(MIB) {
        format!("{} MiB", count / MIB)
    } else if count >= 1024 && count.is_multiple_of(1024) {
        format!("{} KiB", count / 1024)
    } else {
        crate::format::count(count as usize, "byte", "bytes")
    }
}

/// Opens the regular file at `path` for reading, refusing anything else and any file over
/// `limit` bytes before a byte is read; returns the file, its size and its identity.
pub fn open(path: &Path, limit: u64) -> Result<(File, u64, Identity), InputError> {
    let metadata = fs::metadata(path).map_err(InputError::Io)?;
    if !metadata.is_file() {
        return Err(InputError::NotAFile(kind_of(&metadata.file_type())));
    }
    if metadata.len() > limit {
        return Err(InputError::TooLarge { limit });
    }
    let file = open_without_blocking(path).map_err(InputError::Io)?;
    // The path may have been swapped for a pipe since it was looked at: check what was opened.
    let opened = file.metadata().map_err(InputError::Io)?;
    if !opened.is_file() {
        return Err(InputError::NotAFile(kind_of(&opened.file_type())));
    }
    if opened.len() > limit {
        return Err(InputError::TooLarge { limit });
    }
    let identity = Identity::from_metadata(path, &opened);
    Ok((file, opened.len(), identity))
}

#[cfg(unix)]
fn open_without_blocking(path: &Path) -> std::io::Result<File> {
    use std::os::unix::fs::OpenOptionsExt;
    fs::OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NONBLOCK)
        .open(path)
}

#[cfg(not(unix))]
fn open_without_blocking(path: &Path) -> std::io::Result<File> {
    File::open(path)
}

/// Reads at most `limit` bytes from `reader`, refusing a stream that holds more.
pub fn read_capped(reader: impl Read, limit: u64) -> Result<Vec<u8>, InputError> {
    let mut bytes = Vec::new();
    reader
        .take(limit + 1)
        .read_to_end(&mut bytes)
        .map_err(InputError::Io)?;
    if bytes.len() as u64 > limit {
        return Err(InputError::TooLarge { limit });
    }
    Ok(bytes)
}

/// The text of the regular file at `path`, of at most `limit` bytes, with its identity; a
/// UTF-8 byte-order mark is kept (each reader decides what it means).
pub fn read_text(path: &Path, limit: u64) -> Result<(String, Identity), InputError> {
    let (file, size, identity) = open(path, limit)?;
    let mut bytes = read_capped(file, limit)?;
    bytes.shrink_to(size as usize);
    let text = String::from_utf8(bytes).map_err(|_| InputError::NotText)?;
    Ok((text, identity))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_read_in_whole_units() {
        assert_eq!(bytes(16 * 1024 * 1024), "16 MiB");
        assert_eq!(bytes(512 * 1024), "512 KiB");
        assert_eq!(bytes(300), "300 bytes");
    }

    #[test]
    fn a_file_over_the_cap_is_refused_before_it_is_read() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("big.csv");
        let file = File::create(&path).unwrap();
        // A sparse gigabyte: nothing of it may be read.
        file.set_len(1 << 30).unwrap();
        assert!(matches!(
            read_text(&path, 1024),
            Err(InputError::TooLarge { limit: 1024 })
        ));
        std::fs::write(&path, "a,b\n").unwrap();
        let (text, identity) = read_text(&path, 1024).unwrap();
        assert_eq!(text, "a,b\n");
        assert_eq!(Identity::of(&path), Some(identity));
    }

    #[test]
    fn folders_and_devices_are_named_for_what_they_are() {
        let dir = tempfile::tempdir().unwrap();
        let error = read_text(dir.path(), 1024).unwrap_err();
        assert_eq!(error.to_string(), "this is a folder, not a file");
        #[cfg(unix)]
        {
            let error = read_text(Path::new("/dev/zero"), 1024).unwrap_err();
            assert_eq!(error.to_string(), "this is a device, not a file");
        }
    }

    #[test]
    fn a_stream_longer_than_the_cap_is_refused() {
        assert!(read_capped(std::io::repeat(0).take(11), 10).is_err());
        assert_eq!(read_capped(&b"0123456789"[..], 10).unwrap().len(), 10);
    }

    #[cfg(unix)]
    #[test]
    fn links_lead_to_one_identity() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("m.ron");
        std::fs::write(&path, "x").unwrap();
        let soft = dir.path().join("soft.ron");
        let hard = dir.path().join("hard.ron");
        std::os::unix::fs::symlink(&path, &soft).unwrap();
        std::fs::hard_link(&path, &hard).unwrap();
        let id = Identity::of(&path).unwrap();
        assert_eq!(Identity::of(&soft).as_ref(), Some(&id));
        assert_eq!(Identity::of(&hard).as_ref(), Some(&id));
        assert_eq!(Identity::of(&dir.path().join("none")), None);
    }
}
