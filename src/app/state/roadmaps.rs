//! Roadmap tabs (SPEC 8.3): a `.roadmap.ron` file opens as a tab of its own, read with every
//! phase's model and planned once; asking for one that is open shows it. A roadmap that
//! cannot be read (a bad date, a missing phase model) opens nothing and says why, naming the
//! roadmap file, the phase and the model path.

use std::path::{Path, PathBuf};
use std::sync::Arc;

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
        match crate::roadmap::load(&path) {
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
}
