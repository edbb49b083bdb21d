//! Roadmap tabs (SPEC 8.3): a `.roadmap.ron` file opens as a tab of its own, read with every
//! phase's model and planned once; asking for one that is open shows it. A roadmap that
//! cannot be read (a bad date, a missing phase model) opens nothing and says why, naming the
//! roadmap file, the phase and the model path. File › New roadmap… writes a roadmap of the
//! open saved models, a phase each from next Monday, and opens it.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::dialogs::{Dialog, Purpose};
use super::errors::AppError;
use super::ids::ViewId;
use super::view::{RoadmapView, View};
use super::workspace::Workspace;

/// Whether `path` names a roadmap rather than a model.
pub(super) fn is_roadmap(path: &Path) -> bool {
    path.file_name()
        .and_then(|n| n.to_str())
        .is_some_and(|n| n.to_ascii_lowercase().ends_with(".roadmap.ron"))
}

impl Workspace {
    /// Shows the roadmap at `path`: its tab when it is open, else a new tab.
    pub(super) fn open_roadmap(&mut self, path: PathBuf) {
        let wanted = std::fs::canonicalize(&path).ok();
        let open = self.tabs.iter().position(|t| match t {
            View::Roadmap(view) => std::fs::canonicalize(&view.path).ok() == wanted,
            _ => false,
        });
        if let Some(index) = open.filter(|_| wanted.is_some()) {
            self.active = index;
            self.status = format!("{} is already open", path.display());
            return;
        }
        match crate::files::roadmap::load(&path) {
            Ok(roadmap) => {
                let plan = crate::roadmap::plan(&roadmap);
                self.recent.add(&path);
                self.status = format!("Opened the roadmap {}", path.display());
                let id = ViewId(self.fresh_id());
                self.tabs.push(View::Roadmap(RoadmapView {
                    id,
                    path,
                    roadmap: Arc::new(roadmap),
                    plan: Arc::new(plan),
                }));
                self.active = self.tabs.len() - 1;
            }
            Err(error) => self.report(AppError::Load(error)),
        }
    }

    /// Opens phase `phase`'s model of roadmap tab `view` in a tab of its own (or shows it).
    pub(super) fn open_phase(&mut self, view: ViewId, phase: usize) {
        let path = self.tabs.iter().find_map(|t| match t {
            View::Roadmap(roadmap) if roadmap.id == view => {
                let phase = roadmap.roadmap.phases.get(phase)?;
                let folder = roadmap.path.parent().unwrap_or(Path::new(""));
                Some(folder.join(&phase.model_path))
            }
            _ => None,
        });
        if let Some(path) = path {
            self.open_path(path, super::jobs::LoadInto::Tab { new_tab: true });
        }
    }

    /// The open documents saved to a file, in the order of their tabs.
    fn saved_models(&self) -> Vec<(String, PathBuf)> {
        (self.tabs.iter())
            .filter_map(|t| self.document(t.as_document()?.doc()))
            .filter_map(|d| Some((d.model().name.clone(), d.path.clone()?)))
            .collect()
    }

    /// File › New roadmap…: asks where to write a roadmap of the open saved models.
    pub(super) fn new_roadmap(&mut self) {
        if self.saved_models().is_empty() {
            self.status = "Save a model first: a roadmap orders saved models in time".to_owned();
            return;
        }
        self.choose_file(Purpose::NewRoadmap);
    }

    /// Beside the first saved model: "roadmap.roadmap.ron".
    pub(super) fn suggested_roadmap_path(&self) -> PathBuf {
        let folder = (self.saved_models().first())
            .and_then(|(_, path)| path.parent().map(Path::to_owned))
            .unwrap_or_default();
        folder.join("roadmap.roadmap.ron")
    }

    /// Writes the new roadmap to `path` (made to end in `.roadmap.ron`), never over a file
    /// that exists, and opens it.
    pub(super) fn write_roadmap(&mut self, path: PathBuf) {
        let path = if is_roadmap(&path) {
            path
        } else {
            let name = path.file_name().map_or_else(Default::default, |n| {
                let name = n.to_string_lossy();
                name.strip_suffix(".ron").unwrap_or(&name).to_owned()
            });
            path.with_file_name(format!("{name}.roadmap.ron"))
        };
        let refuse = |ws: &mut Self, message: String| {
            ws.open_dialog(Dialog::Error {
                title: "The roadmap was not written".to_owned(),
                message,
            });
        };
        if path.exists() {
            return refuse(
                self,
                format!(
                    "{} already exists; choose another name for the new roadmap",
                    path.display()
                ),
            );
        }
        let phases: Vec<(String, String)> = (self.saved_models().into_iter())
            .map(|(name, model)| (name, crate::roadmap::model_path_from(&path, &model)))
            .collect();
        let name = path
            .file_name()
            .map(|n| {
                n.to_string_lossy()
                    .trim_end_matches(".roadmap.ron")
                    .to_owned()
            })
            .unwrap_or_default();
        let start = crate::roadmap::monday_on_or_after(crate::roadmap::today());
        let text = crate::roadmap::roadmap_text(&name, &phases, start);
        match crate::files::safe_write::write(&path, text.as_bytes()) {
            Ok(()) => self.open_roadmap(path),
            Err(error) => refuse(self, format!("{}: {error}", path.display())),
        }
    }
}
