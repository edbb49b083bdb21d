//! Files on disk: reading and writing a model's `.ron` text ([`ron`], with [`scan`] to point
//! at faults) and a roadmap's ([`roadmap`]), replacing a file safely, noticing changes made by others, recovery copies of
//! unsaved work, and the ways in and out of a model ([`transfer`]): importing a Backstage
//! catalog or a spreadsheet, and exporting. Whatever is read is opened through [`input`] and
//! bounded by [`limits`].

pub mod backstage;
pub mod csv_sheet;
pub mod fingerprint;
pub mod ids;
pub mod input;
pub mod limits;
pub mod recovery;
pub mod roadmap;
pub mod ron;
pub mod safe_write;
mod scan;
pub mod transfer;
pub mod values;

use std::path::Path;

use crate::format::count;
use crate::model::Model;

/// The name an imported model takes when none is given: its file or folder name without the
/// extension.
pub fn model_name_from_path(path: &Path) -> String {
    let canonical = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_owned());
    canonical
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .filter(|s| !s.is_empty())
        .unwrap_or_else(|| "Imported model".to_owned())
}

/// What an import brought in: "Imported 2 domains, 1 team, 7 services and 4 dependencies."
pub fn imported_counts(model: &Model) -> String {
    format!(
        "Imported {}, {}, {} and {}.",
        count(model.domains.len(), "domain", "domains"),
        count(model.teams.len(), "team", "teams"),
        count(model.services.len(), "service", "services"),
        count(model.dependencies.len(), "dependency", "dependencies")
    )
}
