//! Import and export in the editor (SPEC 6): File › Import… reads a Backstage catalog (a
//! file or a folder) or a CSV sheet on a worker thread and opens the model in a new, unsaved
//! tab with its import notes; File › Export… writes the current model as SVG, PNG, Mermaid,
//! DOT or CSV on a worker thread. The work itself is the domain core's (`files::backstage`,
//! `files::csv_sheet`, `render`); this module picks the reader or writer, names the model
//! and links each note to the entity it is about.

use std::path::{Path, PathBuf};

use super::errors::AppError;
use super::files;
use super::selection::Selection;
use super::workspace::{Dialog, Purpose, Workspace};
use crate::files::backstage::{self, Note, NoteReason};
use crate::files::csv_sheet;
use crate::model::Model;

/// Storage key for the folder last imported from or exported to.
pub const FOLDER_KEY: &str = "opmodel.transfer_folder";

/// What File › Export… can write.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExportFormat {
    Svg,
    Png,
    Mermaid,
    Dot,
    Csv,
}

impl ExportFormat {
    pub const ALL: [ExportFormat; 5] = [
        ExportFormat::Svg,
        ExportFormat::Png,
        ExportFormat::Mermaid,
        ExportFormat::Dot,
        ExportFormat::Csv,
    ];

    /// The file extension it is written with.
    pub fn extension(self) -> &'static str {
        match self {
            ExportFormat::Svg => "svg",
            ExportFormat::Png => "png",
            ExportFormat::Mermaid => "mmd",
            ExportFormat::Dot => "dot",
            ExportFormat::Csv => "csv",
        }
    }

    /// Its name in the export dialog.
    pub fn label(self) -> &'static str {
        match self {
            ExportFormat::Svg => "SVG picture",
            ExportFormat::Png => "PNG picture",
            ExportFormat::Mermaid => "Mermaid diagram",
            ExportFormat::Dot => "Graphviz DOT diagram",
            ExportFormat::Csv => "CSV sheet",
        }
    }

    /// The format a file name asks for, by its extension (`.gv` and `.mermaid` too).
    pub fn from_path(path: &Path) -> Option<ExportFormat> {
        let extension = path.extension()?.to_str()?.to_ascii_lowercase();
        match extension.as_str() {
            "svg" => Some(ExportFormat::Svg),
            "png" => Some(ExportFormat::Png),
            "mmd" | "mermaid" => Some(ExportFormat::Mermaid),
            "dot" | "gv" => Some(ExportFormat::Dot),
            "csv" => Some(ExportFormat::Csv),
            _ => None,
        }
    }

    /// The file's contents for `model`.
    pub fn render(self, model: &Model) -> Result<Vec<u8>, String> {
        Ok(match self {
            ExportFormat::Svg => crate::render::svg(model).into_bytes(),
            ExportFormat::Png => {
                crate::render::png(model, crate::render::DEFAULT_SCALE)
                    .map_err(|e| e.to_string())?
                    .bytes
            }
            ExportFormat::Mermaid => crate::render::mermaid(model).into_bytes(),
            ExportFormat::Dot => crate::render::dot(model).into_bytes(),
            ExportFormat::Csv => csv_sheet::write_sheet(model)?.into_bytes(),
        })
    }
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

/// What an import can read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ImportSource {
    Backstage,
    Sheet,
}

impl ImportSource {
    /// A folder or a `.yaml`/`.yml` file is a Backstage catalog, a `.csv` file a sheet.
    pub fn of(path: &Path) -> Option<ImportSource> {
        if path.is_dir() {
            return Some(ImportSource::Backstage);
        }
        let extension = path.extension()?.to_str()?.to_ascii_lowercase();
        match extension.as_str() {
            "yaml" | "yml" => Some(ImportSource::Backstage),
            "csv" => Some(ImportSource::Sheet),
            _ => None,
        }
    }
}

/// A finished import: the model and what the summary says about it.
#[derive(Clone, Debug)]
pub struct Imported {
    pub model: Model,
    pub notes: ImportNotes,
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
            path.display()
        )
    })?;
    let name = crate::files::model_name_from_path(path);
    match source {
        ImportSource::Sheet => {
            let (model, _) = csv_sheet::import(path, &name).map_err(|e| e.to_string())?;
            let notes = ImportNotes {
                source: path.to_owned(),
                counts: crate::files::imported_counts(&model),
                groups: Vec::new(),
            };
            Ok(Imported { model, notes })
        }
        ImportSource::Backstage => {
            let import = backstage::import(&[path.to_owned()], &name)
                .map_err(|refused| format!("{}: {}", path.display(), refused.message))?;
            if import.entities == 0 {
                let summary = import.summary();
                let why = summary.lines().skip(1).collect::<Vec<_>>().join("\n");
                return Err(format!(
                    "{}: no Backstage entity could be read.{}{why}",
                    path.display(),
                    if why.is_empty() { "" } else { "\n" }
                ));
            }
            let notes = ImportNotes::of(path, &import);
            Ok(Imported {
                model: import.model,
                notes,
            })
        }
    }
}

impl ImportNotes {
    fn of(source: &Path, import: &backstage::Import) -> ImportNotes {
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
            counts: import.counts(),
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

impl Workspace {
    /// The folder an import or export dialog starts in: the last one used, else the folder
    /// of the most recent model.
    pub(super) fn transfer_start_folder(&self) -> Option<PathBuf> {
        self.transfer_folder.clone().or_else(|| {
            self.recent
                .paths()
                .first()
                .and_then(|p| p.parent().map(Path::to_owned))
        })
    }

    /// Remembers the folder holding `path` (a file, or a catalog folder) for the next
    /// import or export: exports should not land inside the catalog they came from.
    fn remember_folder(&mut self, path: &Path) {
        let absolute = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_owned());
        let folder = absolute
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .map(Path::to_owned);
        if let Some(folder) = folder {
            self.transfer_folder = Some(folder);
        }
    }

    /// File › Import…: the desktop's dialog for a catalog file or sheet (or a folder, with
    /// `folder`), or the built-in prompt, which takes either.
    pub(super) fn choose_import(&mut self, folder: bool) {
        match self.picker {
            files::Picker::Native => {
                let start = self.transfer_start_folder();
                let chosen = if folder {
                    files::native_import_folder(start.as_deref())
                } else {
                    files::native_import_file(start.as_deref())
                };
                if let Some(path) = chosen {
                    self.start_import(path);
                }
            }
            files::Picker::BuiltIn => {
                let text = self
                    .transfer_start_folder()
                    .map(|f| format!("{}{}", f.display(), std::path::MAIN_SEPARATOR))
                    .unwrap_or_default();
                self.dialog = Some(Dialog::Path {
                    purpose: Purpose::Import,
                    text,
                    problem: None,
                });
            }
        }
    }

    /// Starts reading `path` on a worker thread; [`Workspace::imported`] takes it from there.
    pub(super) fn start_import(&mut self, path: PathBuf) {
        if ImportSource::of(&path).is_none() {
            return self.report(AppError::Import {
                path: path.clone(),
                message: format!(
                    "{}: not a Backstage catalog (a .yaml or .yml file, or a folder) or a CSV sheet (.csv)",
                    path.display()
                ),
            });
        }
        self.remember_folder(&path);
        self.status = format!("Importing {}…", path.display());
        if let Err(error) = self.jobs.import(path.clone()) {
            self.report(AppError::Import {
                message: format!("{}: cannot start reading it: {error}", path.display()),
                path,
            });
        }
    }

    /// Takes a finished import: a new unsaved tab with the notes, or the reason it failed
    /// (and then no tab changes).
    pub(super) fn imported(&mut self, path: PathBuf, outcome: Result<Box<Imported>, String>) {
        let imported = match outcome {
            Ok(imported) => *imported,
            Err(message) => return self.report(AppError::Import { path, message }),
        };
        let name = path.file_name().map_or_else(
            || path.display().to_string(),
            |n| n.to_string_lossy().into_owned(),
        );
        let id = self.new_document(imported.model, None);
        if let Some(doc) = self.document_mut(id) {
            doc.mark_unsaved();
            doc.canvas.request_fit();
            doc.import_notes = Some(imported.notes);
        }
        self.show_document(id, true);
        self.status = format!("Imported {name} into a new tab; save it to keep it");
    }

    /// File › Export…: the export dialog, for the active document.
    pub(super) fn choose_export(&mut self) {
        let Some(doc) = self.active_document() else {
            return;
        };
        let format = self.last_export_format;
        let stem = files::suggested_file_name(&doc.model.name);
        let stem = stem.trim_end_matches(".ron");
        let folder = self
            .transfer_start_folder()
            .or_else(|| {
                doc.path
                    .as_deref()
                    .and_then(Path::parent)
                    .map(Path::to_owned)
            })
            .or_else(|| std::env::current_dir().ok())
            .unwrap_or_default();
        let text = folder
            .join(format!("{stem}.{}", format.extension()))
            .display()
            .to_string();
        self.dialog = Some(Dialog::Export {
            doc: doc.id,
            format,
            text,
            problem: None,
        });
    }

    /// The desktop's save dialog for an export, from the export dialog's Browse… button.
    pub(super) fn browse_export(&mut self, doc: u64, format: ExportFormat, typed: PathBuf) {
        let chosen = files::native_export(&typed, format.label(), format.extension());
        let text = chosen.unwrap_or(typed).display().to_string();
        let format = ExportFormat::from_path(Path::new(&text)).unwrap_or(format);
        self.dialog = Some(Dialog::Export {
            doc,
            format,
            text,
            problem: None,
        });
    }

    /// Starts writing document `doc` as `format` to `path` on a worker thread.
    pub(super) fn start_export(&mut self, doc: u64, format: ExportFormat, path: PathBuf) {
        let Some(document) = self.document(doc) else {
            return;
        };
        let model = document.model.clone();
        self.remember_folder(&path);
        self.last_export_format = format;
        self.status = format!("Exporting {}…", path.display());
        if let Err(error) = self.jobs.export(model, format, path.clone()) {
            self.report(AppError::Export {
                path,
                message: format!("cannot start writing it: {error}"),
            });
        }
    }

    /// Takes a finished export.
    pub(super) fn exported(&mut self, path: PathBuf, outcome: Result<(), String>) {
        match outcome {
            Ok(()) => self.status = format!("Exported {}", path.display()),
            Err(message) => self.report(AppError::Export { path, message }),
        }
    }

    /// Shows an entity a note names: its tab, selected and centred.
    pub(super) fn reveal(&mut self, doc: u64, selection: Selection) {
        if let Some(index) = self.tab_of(doc) {
            self.active = index;
        }
        if let Some(document) = self.document_mut(doc) {
            document.select_and_centre(selection);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_extension_chooses_the_format_and_a_bare_name_gets_the_chosen_one() {
        assert_eq!(
            export_target(Path::new("/x/shop.PNG"), ExportFormat::Svg),
            (PathBuf::from("/x/shop.PNG"), ExportFormat::Png)
        );
        assert_eq!(
            export_target(Path::new("/x/shop.gv"), ExportFormat::Csv),
            (PathBuf::from("/x/shop.gv"), ExportFormat::Dot)
        );
        assert_eq!(
            export_target(Path::new("/x/shop"), ExportFormat::Mermaid),
            (PathBuf::from("/x/shop.mmd"), ExportFormat::Mermaid)
        );
        assert_eq!(
            export_target(Path::new("/x/shop.v2"), ExportFormat::Csv),
            (PathBuf::from("/x/shop.v2.csv"), ExportFormat::Csv)
        );
    }

    #[test]
    fn yaml_files_and_folders_are_catalogs_and_csv_files_sheets() {
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(ImportSource::of(dir.path()), Some(ImportSource::Backstage));
        assert_eq!(
            ImportSource::of(Path::new("a/catalog-info.YML")),
            Some(ImportSource::Backstage)
        );
        assert_eq!(
            ImportSource::of(Path::new("a/estate.csv")),
            Some(ImportSource::Sheet)
        );
        assert_eq!(ImportSource::of(Path::new("a/shop.ron")), None);
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

#[cfg(test)]
mod workspace_tests {
    use super::*;
    use crate::app::files::RecentFiles;
    use crate::app::workspace::Command;

    fn workspace() -> Workspace {
        Workspace::new(RecentFiles::default(), files::Picker::BuiltIn)
    }

    fn run(ws: &mut Workspace, command: Command) {
        ws.push(command);
        ws.drain();
        ws.finish_jobs();
        ws.drain();
    }

    #[test]
    fn a_dropped_sheet_opens_as_a_new_unsaved_tab_without_a_file() {
        let dir = tempfile::tempdir().unwrap();
        let sheet = dir.path().join("estate.csv");
        std::fs::write(&sheet, "service,team\nCheckout,Payments\nSearch,Payments\n").unwrap();
        let mut ws = workspace();
        run(&mut ws, Command::OpenDropped(sheet));
        assert_eq!(ws.tab_count(), 2);
        let doc = ws.active_document().unwrap();
        assert!(doc.is_dirty() && doc.path.is_none());
        assert_eq!(doc.model.name, "estate");
        // Two services, one team: 0 domains, 1 team, 2 services, 0 dependencies.
        assert_eq!(
            doc.import_notes.as_ref().unwrap().counts,
            "Imported 0 domains, 1 team, 2 services and 0 dependencies."
        );
        assert_eq!(
            ws.status(),
            "Imported estate.csv into a new tab; save it to keep it"
        );
        assert_eq!(
            ws.transfer_folder(),
            Some(dir.path().canonicalize().unwrap().as_path())
        );
    }

    #[test]
    fn a_bad_sheet_opens_nothing_and_says_where() {
        let dir = tempfile::tempdir().unwrap();
        let sheet = dir.path().join("bad.csv");
        std::fs::write(&sheet, "service,team,members\nCheckout,Payments,many\n").unwrap();
        let mut ws = workspace();
        run(&mut ws, Command::OpenDropped(sheet.clone()));
        assert_eq!(ws.tab_count(), 1);
        assert!(!ws.active_document().unwrap().is_dirty());
        assert_eq!(ws.status(), format!("Could not import {}", sheet.display()));
        let Some(Dialog::Error { message, .. }) = ws.dialog() else {
            panic!("the failure is shown");
        };
        assert!(message.contains("row 2"), "{message}");
    }

    #[test]
    fn an_export_writes_the_format_the_extension_names() {
        let dir = tempfile::tempdir().unwrap();
        let mut ws = workspace();
        let doc = ws.active_document().unwrap().id;
        let path = dir.path().join("shop.dot");
        run(
            &mut ws,
            Command::Answer(crate::app::Answer::Export {
                doc,
                format: ExportFormat::Dot,
                path: path.clone(),
            }),
        );
        assert!(
            std::fs::read_to_string(&path)
                .unwrap()
                .starts_with("digraph")
        );
        assert_eq!(ws.status(), format!("Exported {}", path.display()));
        assert_eq!(ws.last_export_format, ExportFormat::Dot);
    }
}
