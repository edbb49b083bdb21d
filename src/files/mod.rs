//! Files on disk beyond loading and saving a model's text: replacing a file safely,
//! noticing changes made by others, recovery copies of unsaved work, and importing a
//! Backstage catalog or a spreadsheet.

pub mod backstage;
pub mod csv_sheet;
pub mod fingerprint;
pub mod recovery;
pub mod safe_write;
