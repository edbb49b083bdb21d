//! The caps on what an import reads (README, "Limits"). Each is checked before the thing it
//! bounds is read, so no sheet or catalog, however large, deep or hostile, can make an
//! import exhaust memory, run for ever or write a model that Opmodel then refuses to load.
//! Every cap is far beyond any real estate; a sheet or catalog that passes one is refused
//! (or, for a single file, folder or Location, skipped with a note) in words that say which.
//!
//! The bounds on what a model holds (names, counts, amounts) are the loader's, in
//! [`crate::model::limits`]; an import clamps or refuses values against those, so
//! what it writes always loads.

const MIB: u64 = 1024 * 1024;

/// The largest sheet read: 32 MiB, a hundred thousand rows of long names.
pub const SHEET_BYTES: u64 = 32 * MIB;

/// The most rows a sheet may hold below its header.
pub const SHEET_ROWS: usize = 100_000;

/// The largest catalog file read; a larger one is skipped with a note.
pub const CATALOG_FILE_BYTES: u64 = 16 * MIB;

/// All the files of one catalog together; beyond it the import is refused.
pub const CATALOG_BYTES: u64 = 128 * MIB;

/// The most entities one catalog may hold; beyond it the import is refused.
pub const CATALOG_ENTITIES: usize = 100_000;

/// The most YAML nodes (scalars, lists and mappings) one document may hold: an entity has
/// tens, a group listing its members a few thousand. A file with a larger document is
/// skipped with a note.
pub const DOCUMENT_NODES: usize = 100_000;

/// How deeply lists and mappings may nest in one YAML document; an entity needs four levels.
pub const DOCUMENT_DEPTH: usize = 64;

/// How many folders deep a folder is searched below the one named; deeper folders are
/// noted and not searched.
pub const FOLDER_DEPTH: usize = 32;

/// The most files and folders one search of a folder looks at; beyond it the import is
/// refused, as the folder cannot be a catalog's.
pub const FOLDER_ENTRIES: usize = 1_000_000;

/// How many Locations may lead one to another; a Location deeper than this is noted and its
/// targets are not read.
pub const LOCATION_DEPTH: usize = 32;
