//! Import from a Backstage software catalog (SPEC 6.1): `catalog-info.yaml` files, read
//! with their Locations, turned into domains, teams, services and dependencies.
//!
//! Reading ([`read`]) collects the entities in the order met, following Locations depth
//! first with an explicit stack, reading no file twice, never leaving the folders of the
//! catalog the user named, and keeping the first of two entities with the same kind,
//! namespace and name; it enforces the caps of [`crate::files::limits`] before it reads.
//! Mapping ([`map`]) then resolves references the way Backstage writes them ([`refs`]) and
//! applies the `opmodel/…` annotations, keeping every value within what a model holds.
//! Every thing left out, cut or guessed becomes a [`Note`] in the import summary.

mod entity;
mod map;
mod read;
mod refs;
mod walk;

use std::fmt::Write;
use std::path::PathBuf;

use crate::files::input::Identity;
use crate::model::Model;

/// Why something was left out, cut short or completed by a guess; notes are grouped by
/// reason, in this order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum NoteReason {
    UnreadablePath,
    InvalidYaml,
    Limit,
    TaggedDocument,
    LocationTarget,
    OutsideCatalog,
    NoName,
    Duplicate,
    NotRun,
    OutOfBounds,
    OwnerIsPerson,
    OwnerUnresolved,
    Lifecycle,
    DependsOnWithoutKind,
    DependencyNotService,
    ConsumesNotApi,
    ApiWithoutProvider,
    DefaultMembers,
    BadAnnotation,
    IdTaken,
}

impl NoteReason {
    /// The heading of this group of notes in the summary.
    pub fn label(self) -> &'static str {
        match self {
            NoteReason::UnreadablePath => "cannot be read, skipped",
            NoteReason::InvalidYaml => "not valid YAML, file skipped",
            NoteReason::Limit => "beyond what an import reads, skipped",
            NoteReason::TaggedDocument => {
                "YAML document with a tag, which no Backstage entity has, skipped"
            }
            NoteReason::LocationTarget => "Location target that is a URL or missing, skipped",
            NoteReason::OutsideCatalog => {
                "Location target outside the folders of the catalog named, skipped"
            }
            NoteReason::NoName => "entity without metadata.name, skipped",
            NoteReason::Duplicate => "duplicate entity (the first one read is kept), skipped",
            NoteReason::NotRun => {
                "component that is not run (type is not service or website), skipped"
            }
            NoteReason::OutOfBounds => "beyond what a model holds: cut to fit, or skipped",
            NoteReason::OwnerIsPerson => {
                "owner is a user, not a team: service left without an owner"
            }
            NoteReason::OwnerUnresolved => {
                "owner resolves to no group: service left without an owner"
            }
            NoteReason::Lifecycle => {
                "lifecycle not experimental, production or deprecated: taken as Live"
            }
            NoteReason::DependsOnWithoutKind => "dependsOn reference without a kind, ignored",
            NoteReason::DependencyNotService => {
                "dependency on something not imported as a service, ignored"
            }
            NoteReason::ConsumesNotApi => {
                "consumesApis reference to something other than an API, ignored"
            }
            NoteReason::ApiWithoutProvider => {
                "consumed API that no imported service provides, ignored"
            }
            NoteReason::DefaultMembers => "team with no known members: given the default of 5",
            NoteReason::BadAnnotation => "opmodel annotation that does not parse, ignored",
            NoteReason::IdTaken => "id already taken, suffixed",
        }
    }

    /// Whether the note is about a file, entity or value left out or cut short, which
    /// `--strict` refuses.
    pub fn skips(self) -> bool {
        matches!(
            self,
            NoteReason::UnreadablePath
                | NoteReason::InvalidYaml
                | NoteReason::Limit
                | NoteReason::TaggedDocument
                | NoteReason::LocationTarget
                | NoteReason::OutsideCatalog
                | NoteReason::NoName
                | NoteReason::Duplicate
                | NoteReason::NotRun
                | NoteReason::OutOfBounds
        )
    }
}

/// One line of the import summary: what it is about (an entity reference or a file) and
/// the detail. Both are kept as read, for the editor to find the entity; the summary shows
/// them escaped.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Note {
    pub reason: NoteReason,
    /// The entity (`component:default/checkout`) or file the note is about.
    pub subject: String,
    pub detail: String,
}

/// The result of an import: the model, the notes, and how much was read.
#[derive(Clone, Debug)]
pub struct Import {
    /// What was imported: domains, teams, services and dependencies in the order read.
    pub model: Model,
    /// What was skipped or changed on the way, and why (see [`NoteReason`]).
    pub notes: Vec<Note>,
    /// Backstage entities read, duplicates included.
    pub entities: usize,
    /// Every file read, so that an output can be kept from overwriting one.
    pub files: Vec<Identity>,
}

impl Import {
    /// Whether any note is about a skipped file or entity (what `--strict` refuses).
    pub fn skipped_anything(&self) -> bool {
        self.notes.iter().any(|n| n.reason.skips())
    }

    /// What was imported from how many entities: "Imported 2 domains, … from 21 catalog
    /// entities."
    pub fn counts(&self) -> String {
        format!(
            "{} from {}.",
            super::imported_counts(&self.model).trim_end_matches('.'),
            crate::format::count(self.entities, "catalog entity", "catalog entities")
        )
    }

    /// The counts, then the notes grouped by reason with the entities they name, each line
    /// escaped and bounded (see [`crate::format::line`]).
    pub fn summary(&self) -> String {
        format!(
            "{}\n{}",
            crate::format::line(&self.counts()),
            notes_summary(&self.notes)
        )
    }
}

/// A catalog the import refused as a whole, because it is beyond a cap of
/// [`crate::files::limits`]: why, and the notes made before it stopped.
#[derive(Clone, Debug)]
pub struct Refused {
    pub message: String,
    pub notes: Vec<Note>,
}

/// The notes grouped by reason, a line per note under a line per reason, each escaped and
/// bounded.
pub fn notes_summary(notes: &[Note]) -> String {
    let mut out = String::new();
    let mut reasons: Vec<NoteReason> = notes.iter().map(|n| n.reason).collect();
    reasons.sort();
    reasons.dedup();
    for reason in reasons {
        let of_reason: Vec<&Note> = notes.iter().filter(|n| n.reason == reason).collect();
        let _ = writeln!(out, "{} ({}):", reason.label(), of_reason.len());
        for note in of_reason {
            let text = if note.detail.is_empty() {
                format!("  - {}", note.subject)
            } else {
                format!("  - {}: {}", note.subject, note.detail)
            };
            let _ = writeln!(out, "{}", crate::format::line(&text));
        }
    }
    out
}

/// Imports the catalog files and folders at `paths` into a model called `name`, or refuses
/// a catalog beyond the caps of [`crate::files::limits`].
pub fn import(paths: &[PathBuf], name: &str) -> Result<Import, Refused> {
    let catalog = read::Catalog::read(paths)?;
    Ok(map::map(catalog, name))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn note(reason: NoteReason, subject: &str, detail: &str) -> Note {
        Note {
            reason,
            subject: subject.to_owned(),
            detail: detail.to_owned(),
        }
    }

    #[test]
    fn the_summary_groups_notes_by_reason_and_escapes_every_line() {
        let notes = [
            note(
                NoteReason::Lifecycle,
                "component:default/b",
                "lifecycle beta",
            ),
            note(
                NoteReason::UnreadablePath,
                "x\u{1b}[2J\n.yaml",
                "no such file or folder",
            ),
            note(
                NoteReason::Lifecycle,
                "component:default/a",
                &"y".repeat(1_000),
            ),
        ];
        let summary = notes_summary(&notes);
        let lines: Vec<&str> = summary.lines().collect();
        assert_eq!(lines[0], "cannot be read, skipped (1):");
        assert_eq!(lines[1], "  - x\\u{1b}[2J\\n.yaml: no such file or folder");
        assert_eq!(
            lines[2],
            "lifecycle not experimental, production or deprecated: taken as Live (2):"
        );
        assert_eq!(lines[3], "  - component:default/b: lifecycle beta");
        assert_eq!(lines[4].chars().count(), crate::format::LINE_CHARS + 1);
        assert!(lines[4].ends_with('…'));
        assert_eq!(lines.len(), 5);
    }

    #[test]
    fn strict_refuses_what_was_left_out_or_cut_but_not_what_was_guessed() {
        for reason in [
            NoteReason::Limit,
            NoteReason::TaggedDocument,
            NoteReason::OutsideCatalog,
            NoteReason::OutOfBounds,
            NoteReason::Duplicate,
        ] {
            assert!(reason.skips(), "{reason:?}");
        }
        for reason in [
            NoteReason::OwnerIsPerson,
            NoteReason::DefaultMembers,
            NoteReason::BadAnnotation,
            NoteReason::IdTaken,
        ] {
            assert!(!reason.skips(), "{reason:?}");
        }
    }
}
