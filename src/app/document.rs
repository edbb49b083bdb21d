//! One open model: the model itself, where it lives on disk, its undo history, its current
//! analysis, what is selected and its canvas. Every change goes through [`Document::apply`],
//! which records it for undo and recomputes the analysis.

use std::path::{Path, PathBuf};

use super::canvas::Canvas;
use crate::analysis::{Analysis, analyze};
use crate::edit::Edit;
use crate::history::History;
use crate::model::Model;

/// What the user has selected: an entity by id, or a relation drawn on the canvas.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Selection {
    Entity(String),
    Dependency { from: String, to: String },
    Ownership { service: String },
    Interaction { from: String, to: String },
}

pub struct Document {
    /// Unique for the session: keys the canvas view and tabs.
    pub id: u64,
    pub model: Model,
    pub path: Option<PathBuf>,
    pub history: History,
    saved_state: u64,
    pub analysis: Analysis,
    /// Bumped on every change of the model, so views know to refresh.
    pub revision: u64,
    pub selection: Option<Selection>,
    pub canvas: Canvas,
    /// For a what-if copy: the document it was duplicated from.
    pub scenario_of: Option<u64>,
}

impl Document {
    /// A document for `model`, with a position for every node filled in once, now.
    pub fn new(id: u64, mut model: Model, path: Option<PathBuf>) -> Self {
        crate::layout::fill_missing(&mut model);
        let analysis = analyze(&model);
        Document {
            id,
            model,
            path,
            history: History::default(),
            saved_state: 0,
            analysis,
            revision: 0,
            selection: None,
            canvas: Canvas::new(format!("opmodel-canvas-{id}")),
            scenario_of: None,
        }
    }

    /// Applies an edit as one undoable step (or merges it into the last step with the same
    /// `merge_key`), then refreshes the analysis.
    pub fn apply(
        &mut self,
        label: &str,
        edit: Edit,
        merge_key: Option<String>,
    ) -> Result<(), String> {
        self.history
            .apply(&mut self.model, label, edit, merge_key)
            .map_err(|e| format!("{label} could not be applied: {e}"))?;
        self.changed();
        Ok(())
    }

    pub fn undo(&mut self) -> Option<String> {
        let label = self.history.undo(&mut self.model)?;
        self.changed();
        Some(label)
    }

    pub fn redo(&mut self) -> Option<String> {
        let label = self.history.redo(&mut self.model)?;
        self.changed();
        Some(label)
    }

    fn changed(&mut self) {
        self.analysis = analyze(&self.model);
        self.revision += 1;
        if let Some(Selection::Entity(id)) = &self.selection
            && !self.model.id_in_use(id)
        {
            self.selection = None;
        }
    }

    pub fn is_dirty(&self) -> bool {
        self.history.state() != self.saved_state
    }

    /// A copy that exists only in memory counts as unsaved until it is saved.
    pub fn mark_unsaved(&mut self) {
        self.saved_state = u64::MAX;
    }

    pub fn mark_saved(&mut self, path: &Path) {
        self.path = Some(path.to_owned());
        self.saved_state = self.history.state();
        self.history.seal();
    }

    /// The file name, or "Untitled" for a model never saved.
    pub fn file_label(&self) -> String {
        self.path.as_deref().and_then(Path::file_name).map_or_else(
            || "Untitled".to_owned(),
            |n| n.to_string_lossy().into_owned(),
        )
    }

    /// `<model name> — Opmodel`, with a dot in front while there are unsaved changes.
    pub fn window_title(&self) -> String {
        let marker = if self.is_dirty() { "● " } else { "" };
        format!("{marker}{} — Opmodel", self.model.name)
    }

    /// Selects something and brings it into view.
    pub fn select_and_centre(&mut self, selection: Selection) {
        if let Selection::Entity(id) = &selection {
            self.canvas.request_centre(id);
        }
        self.selection = Some(selection);
    }
}
