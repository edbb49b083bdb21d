//! File › Import… and File › Export… in the workspace: choosing what to read or write (the
//! desktop's dialog or the built-in prompt), starting the background job, and taking its
//! outcome — a new unsaved tab with its import notes, or a file written.

use std::path::{Path, PathBuf};

use std::sync::Arc;

use super::dialogs::{Dialog, ExportSource, Purpose};
use super::errors::AppError;
use super::files;
use super::transfer::{self, ExportFormat, ImportSource, Imported};
use super::view::View;
use super::workspace::Workspace;
use crate::model::Model;

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

    /// Remembers the folder holding `path` (a model saved, a file exported, a catalog
    /// imported) for the next import or export, so that an export after a save lands
    /// beside the model rather than in the catalog it came from.
    pub(super) fn remember_folder(&mut self, path: &Path) {
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
                self.open_dialog(Dialog::Path {
                    purpose: Purpose::Import,
                    suggested: text,
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
        if let Err(error) = self.jobs.import(path.clone(), &self.waker) {
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
            doc.import_notes = Some(imported.notes);
        }
        self.show_document(id, true);
        self.fit(id);
        self.status = format!("Imported {name} into a new tab; save it to keep it");
        let unassessed = self
            .document(id)
            .is_some_and(|d| d.analysis().services.iter().any(|s| s.assumed.any()));
        if unassessed {
            self.open_dialog(Dialog::NotAssessed { doc: id });
        }
    }

    /// File › Export… and Export deck…: the export dialog for the active tab, with `format`
    /// chosen; on a comparison or a roadmap tab, for its deck.
    pub(super) fn choose_export(&mut self, format: ExportFormat) {
        let Some((source, format, name, beside)) = self.export_source(format) else {
            return;
        };
        let stem = files::suggested_file_name(&name);
        let stem = stem.trim_end_matches(".ron");
        let folder = self
            .transfer_start_folder()
            .or_else(|| beside.as_deref().and_then(Path::parent).map(Path::to_owned))
            .or_else(|| std::env::current_dir().ok())
            .unwrap_or_default();
        let suggested = folder
            .join(format!("{stem}.{}", format.extension()))
            .display()
            .to_string();
        self.open_dialog(Dialog::Export {
            source,
            format,
            suggested,
        });
    }

    /// What the active tab exports, in which format, under which name, and the file it sits
    /// beside: a document in `format`; a comparison or a roadmap as its deck.
    fn export_source(
        &self,
        format: ExportFormat,
    ) -> Option<(ExportSource, ExportFormat, String, Option<PathBuf>)> {
        match self.active_tab()? {
            View::Document(view) => {
                let doc = self.document(view.doc)?;
                Some((
                    ExportSource::Document(doc.id()),
                    format,
                    doc.model().name.clone(),
                    doc.path().map(Path::to_owned),
                ))
            }
            View::Comparison { id, docs } => {
                let documents: Vec<_> = docs.iter().filter_map(|d| self.document(*d)).collect();
                let names: Vec<&str> = documents.iter().map(|d| d.model().name.as_str()).collect();
                Some((
                    ExportSource::Deck(*id),
                    ExportFormat::Pdf,
                    format!("{} comparison", names.join(" vs ")),
                    documents.iter().find_map(|d| d.path().map(Path::to_owned)),
                ))
            }
            View::Roadmap(roadmap) => Some((
                ExportSource::Deck(roadmap.id()),
                ExportFormat::Pdf,
                roadmap.plan.name.clone(),
                Some(roadmap.path.clone()),
            )),
        }
    }

    /// The desktop's save dialog for an export, from the export dialog's Browse… button.
    pub(super) fn browse_export(
        &mut self,
        source: ExportSource,
        format: ExportFormat,
        typed: PathBuf,
    ) {
        let chosen = files::native_export(&typed, format.label(), format.extension());
        let suggested = chosen.unwrap_or(typed).display().to_string();
        let format = match source {
            ExportSource::Document(_) => {
                ExportFormat::from_path(Path::new(&suggested)).unwrap_or(format)
            }
            ExportSource::Deck(_) => ExportFormat::Pdf,
        };
        self.open_dialog(Dialog::Export {
            source,
            format,
            suggested,
        });
    }

    /// Starts writing `source` as `format` to `path` on a worker thread.
    pub(super) fn start_export(
        &mut self,
        source: ExportSource,
        format: ExportFormat,
        path: PathBuf,
    ) {
        let make: Box<dyn FnOnce() -> Result<Vec<u8>, String> + Send> = match source {
            ExportSource::Document(doc) => {
                let Some(document) = self.document(doc) else {
                    return;
                };
                let model = document.model().clone();
                self.last_export_format = format;
                Box::new(move || transfer::export(&model, format))
            }
            ExportSource::Deck(view) => match self.tabs().iter().find(|t| t.id() == view) {
                Some(View::Comparison { docs, .. }) => {
                    let models: Vec<Model> = docs
                        .iter()
                        .filter_map(|d| self.document(*d))
                        .map(|d| d.model().clone())
                        .collect();
                    Box::new(move || transfer::comparison_deck(&models))
                }
                Some(View::Roadmap(roadmap)) => {
                    let (roadmap, plan) = (Arc::clone(&roadmap.roadmap), Arc::clone(&roadmap.plan));
                    Box::new(move || transfer::roadmap_deck(&roadmap, &plan))
                }
                _ => return,
            },
        };
        self.remember_folder(&path);
        self.status = format!("Exporting {}…", path.display());
        if let Err(error) = self.jobs.export(path.clone(), &self.waker, make) {
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
}
