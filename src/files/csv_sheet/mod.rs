//! A model as a spreadsheet, one row per service (SPEC 6.2): [`read_sheet`] imports a CSV
//! sheet and [`write_sheet`] exports one that reads back to the same teams, domains,
//! services, dependencies and column values, names kept exactly. Ids are built from names
//! ([`id_from_name`]); the layout and the settings stay behind.
//!
//! A bad cell fails the whole import with a [`SheetError`] that names its row, numbered as
//! a spreadsheet numbers it (the header is row 1), and its column. Cells that a spreadsheet
//! would run as formulas are written defused and read back exactly ([`crate::format::csv_cell`]).

mod read;
mod write;

use std::fmt;

pub use read::{import, read_sheet};
pub use write::write_sheet;

/// The columns an exported sheet has, in this order; an imported sheet may hold them in any
/// order, in any case, with others beside them.
pub const COLUMNS: [&str; 13] = [
    "service",
    "team",
    "domain",
    "kind",
    "team_kind",
    "members",
    "exposure_per_hour",
    "availability",
    "demand",
    "callouts_per_year",
    "lifecycle",
    "compliance",
    "depends_on",
];

/// The columns that describe a service (not its name, and not its team or domain): a row
/// that fills one of them needs a service name.
fn service_columns() -> impl Iterator<Item = &'static str> {
    COLUMNS
        .into_iter()
        .filter(|c| !matches!(*c, "service" | "team" | "domain" | "team_kind" | "members"))
}

/// Why a sheet cannot be imported: the row (header = 1) and column at fault, where known.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SheetError {
    pub row: Option<usize>,
    pub column: Option<String>,
    pub message: String,
}

/// One line, escaped and bounded (see [`crate::format::line`]), whatever the sheet held.
impl fmt::Display for SheetError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let place = match (self.row, &self.column) {
            (Some(row), Some(column)) => format!("row {row}, column {column}: "),
            (Some(row), None) => format!("row {row}: "),
            (None, Some(column)) => format!("column {column}: "),
            (None, None) => String::new(),
        };
        f.write_str(&crate::format::line(&format!("{place}{}", self.message)))
    }
}

impl std::error::Error for SheetError {}

/// Why a sheet file cannot be imported: the file, and the row and column at fault.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SheetFileError {
    pub file: std::path::PathBuf,
    pub error: SheetError,
}

impl fmt::Display for SheetFileError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}: {}",
            crate::format::shown_path(&self.file),
            self.error
        )
    }
}

impl std::error::Error for SheetFileError {}

/// An id from a name: lower case, each run of characters other than a–z and 0–9 turned
/// into one `-` ("Home & Garden" → "home-garden").
pub fn id_from_name(name: &str) -> String {
    let mut id = String::with_capacity(name.len());
    let mut in_run = false;
    for c in name.chars().flat_map(char::to_lowercase) {
        if c.is_ascii_lowercase() || c.is_ascii_digit() {
            id.push(c);
            in_run = false;
        } else if !in_run {
            id.push('-');
            in_run = true;
        }
    }
    id
}

/// The name an entity has in a sheet: its own, or its id when its name is blank (as the
/// editor shows it), since a blank cell means "none" in a sheet.
fn sheet_name<'a>(name: &'a str, id: &'a str) -> &'a str {
    if name.trim().is_empty() { id } else { name }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_come_from_names() {
        for (name, id) in [("Home & Garden", "home-garden"), ("ÉTÉ", "-t-")] {
            assert_eq!(id_from_name(name), id);
        }
    }

    #[test]
    fn a_blank_name_reads_as_the_id() {
        assert_eq!(sheet_name(" ", "x"), "x");
        assert_eq!(sheet_name("A", "x"), "A");
    }
}
