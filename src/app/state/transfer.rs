//! Import and export in the editor (SPEC 6): the formats and the work are the domain core's
//! one dispatch ([`crate::files::transfer`]), shared with the command line; this module
//! names where an export goes and links each import note to the entity it is about. The
//! workspace's side of it — dialogs, jobs, new tabs — is in `import_export.rs`.

use std::path::{Path, PathBuf};

use super::view::Selection;
use crate::files::backstage::{Note, NoteReason};
use crate::files::transfer::{self, ExportOptions, ImportOptions};
pub use crate::files::transfer::{ExportFormat, ImportSource};
use crate::model::Model;
use crate::roadmap::{Roadmap, RoadmapPlan};

/// Storage key for the folder last imported from or exported to.
pub const FOLDER_KEY: &str = "opmodel.transfer_folder";

/// The file's contents for `model` in `format`, as the editor writes it.
pub fn export(model: &Model, format: ExportFormat) -> Result<Vec<u8>, String> {
    transfer::export(model, format, &ExportOptions::default()).map(|exported| exported.bytes)
}

/// The deck of a comparison of `models`, the first the baseline, dated today.
pub fn comparison_deck(models: &[Model]) -> Result<Vec<u8>, String> {
    let models: Vec<&Model> = models.iter().collect();
    let comparison = crate::compare::compare(&models);
    crate::render::comparison_deck_pdf(&models, &comparison, &crate::format::today())
        .map_err(|e| e.to_string())
}

/// The deck of a roadmap, dated today.
pub fn roadmap_deck(roadmap: &Roadmap, plan: &RoadmapPlan) -> Result<Vec<u8>, String> {
    crate::render::roadmap_deck_pdf(roadmap, plan, &crate::format::today())
        .map_err(|e| e.to_string())
}

/// Where an export goes, once the user has chosen: the path as typed, with the format's
/// extension added when it has none the format list knows, and the format it names.
pub fn export_target(typed: &Path, chosen: ExportFormat) -> (PathBuf, ExportFormat) {
    match ExportFormat::from_path(typed) {
        Some(format) => (typed.to_owned(), format),
        None => {
            let mut name = typed.as_os_str().to_owned();
            name.push(".");
            name.push(chosen.extension());
            (PathBuf::from(name), chosen)
        }
    }
}

/// A finished import: the model and what the summary says about it.
#[derive(Clone, Debug)]
pub struct Imported {
    pub(super) model: Model,
    pub(super) notes: ImportNotes,
}

/// The import summary kept with the new tab until the user dismisses it.
#[derive(Clone, Debug, PartialEq)]
pub struct ImportNotes {
    /// The file or folder read.
    pub source: PathBuf,
    /// "Imported 2 domains, 3 teams, …" (see [`crate::files::imported_counts`]).
    pub counts: String,
    /// Grouped by reason, in the summary's order; each with the entity it names, if the
    /// entity made it into the model.
    pub groups: Vec<(NoteReason, Vec<LinkedNote>)>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct LinkedNote {
    pub note: Note,
    pub entity: Option<Selection>,
}

/// Reads `path` as its kind says; nothing is written anywhere. Runs on a worker thread.
pub fn import(path: &Path) -> Result<Imported, String> {
    let source = ImportSource::of(path).ok_or_else(|| {
        format!(
            "{}: not a Backstage catalog (a .yaml or .yml file, or a folder) or a CSV sheet (.csv)",
            crate::format::shown_path(path)
        )
    })?;
    let imported = transfer::import(source, &[path.to_owned()], &ImportOptions::default())
        .map_err(|failure| failure.to_string())?;
    let notes = ImportNotes::of(path, &imported);
    Ok(Imported {
        model: imported.model,
        notes,
    })
}

impl ImportNotes {
    fn of(source: &Path, import: &transfer::Imported) -> ImportNotes {
        let mut reasons: Vec<NoteReason> = import.notes.iter().map(|n| n.reason).collect();
        reasons.sort();
        reasons.dedup();
        let groups = reasons
            .into_iter()
            .map(|reason| {
                let notes = import
                    .notes
                    .iter()
                    .filter(|n| n.reason == reason)
                    .map(|note| LinkedNote {
                        note: note.clone(),
                        entity: entity_named(&import.model, &import.notes, &note.subject),
                    })
                    .collect();
                (reason, notes)
            })
            .collect();
        ImportNotes {
            source: source.to_owned(),
            counts: import.counts.clone(),
            groups,
        }
    }

    pub fn note_count(&self) -> usize {
        self.groups.iter().map(|(_, notes)| notes.len()).sum()
    }
}

/// The model entity a note's subject (`component:default/checkout`) became, if any: a
/// component a service, a group a team, a domain a domain. Ids follow SPEC 6.1: the name,
/// prefixed with `namespace-` outside `default`, or the id an "id already taken" note gives.
fn entity_named(model: &Model, notes: &[Note], subject: &str) -> Option<Selection> {
    let (kind, rest) = subject.split_once(':')?;
    let (namespace, name) = rest.split_once('/')?;
    let renamed = notes
        .iter()
        .find(|n| n.reason == NoteReason::IdTaken && n.subject == subject)
        .and_then(|n| n.detail.rsplit('`').nth(1))
        .map(str::to_owned);
    let id = renamed.unwrap_or_else(|| {
        if namespace == "default" {
            name.to_owned()
        } else {
            format!("{namespace}-{name}")
        }
    });
    let found = match kind {
        "component" => model
            .services
            .iter()
            .find(|s| s.id.eq_ignore_ascii_case(&id))
            .map(|s| s.id.clone()),
        "group" => model
            .teams
            .iter()
            .find(|t| t.id.eq_ignore_ascii_case(&id))
            .map(|t| t.id.clone()),
        "domain" => model
            .domains
            .iter()
            .find(|d| d.id.eq_ignore_ascii_case(&id))
            .map(|d| d.id.clone()),
        _ => None,
    };
    found.map(Selection::Entity)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_extension_chooses_the_format_and_a_bare_name_gets_the_chosen_one() {
        use ExportFormat::{Csv, Dot, Mermaid, Png, Svg};
        // (the name typed, the format chosen) → (the file written, its format)
        for (typed, chosen, written, format) in [
            ("/x/shop.PNG", Svg, "/x/shop.PNG", Png),
            ("/x/shop.gv", Csv, "/x/shop.gv", Dot),
            ("/x/shop", Mermaid, "/x/shop.mmd", Mermaid),
            ("/x/shop.v2", Csv, "/x/shop.v2.csv", Csv),
        ] {
            assert_eq!(
                export_target(Path::new(typed), chosen),
                (PathBuf::from(written), format),
                "{typed}"
            );
        }
    }

    #[test]
    fn notes_link_to_the_entities_they_became() {
        let dir = tempfile::tempdir().unwrap();
        let catalog = dir.path().join("catalog-info.yaml");
        // `checkout` is both a component and a group: the service keeps the id, the team
        // becomes `checkout-team` (with a note); `pay` in namespace `ops` is `ops-pay`, and
        // its owner is a user (a note about `component:ops/pay`); the library is skipped.
        std::fs::write(
            &catalog,
            "apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata: {name: checkout}\nspec: {type: service, owner: checkout, lifecycle: production}\n---\n\
             apiVersion: backstage.io/v1alpha1\nkind: Group\nmetadata: {name: checkout}\nspec: {type: team}\n---\n\
             apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata: {name: pay, namespace: ops}\nspec: {type: service, owner: 'user:ann', lifecycle: production}\n---\n\
             apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata: {name: utils}\nspec: {type: library, owner: checkout}\n",
        )
        .unwrap();
        let imported = import(&catalog).unwrap();
        let linked = |subject: &str, reason: NoteReason| {
            imported
                .notes
                .groups
                .iter()
                .filter(|(r, _)| *r == reason)
                .flat_map(|(_, notes)| notes)
                .find(|n| n.note.subject == subject)
                .map(|n| n.entity.clone())
        };
        assert_eq!(
            linked("group:default/checkout", NoteReason::IdTaken),
            Some(Some(Selection::Entity("checkout-team".into())))
        );
        assert_eq!(
            linked("component:ops/pay", NoteReason::OwnerIsPerson),
            Some(Some(Selection::Entity("ops-pay".into())))
        );
        assert_eq!(
            linked("component:default/utils", NoteReason::NotRun),
            Some(None)
        );
        assert_eq!(imported.model.name, "catalog-info");
    }

    #[test]
    fn a_file_of_another_kind_is_refused_naming_it() {
        let error = import(Path::new("/nowhere/shop.ron")).unwrap_err();
        assert!(error.starts_with("/nowhere/shop.ron: not a Backstage catalog"));
    }
}
