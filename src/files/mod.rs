//! Files on disk beyond loading and saving a model's text: replacing a file safely,
//! noticing changes made by others, and recovery copies of unsaved work.

pub mod fingerprint;
pub mod recovery;
pub mod safe_write;
