//! One open model: the model itself, where it lives on disk, its undo history, its current
//! analysis, what is selected and its canvas. Panels ask for changes with
//! [`Document::request`]; the workspace applies them through [`Document::apply`], which
//! records each for undo and recomputes the analysis.

use std::path::{Path, PathBuf};

use super::canvas::Canvas;
use super::selection::Selection;
use super::transfer::ImportNotes;
use super::workspace::Command;
use crate::analysis::{Analysis, analyze};
use crate::edit::Edit;
use crate::edit::history::{History, HistoryError, SavedPoint};
use crate::files::fingerprint::{DiskState, Fingerprint};
use crate::files::ron::HandWrittenParts;
use crate::model::Model;

pub struct Document {
    /// Unique for the session: keys the canvas view and tabs.
    pub id: u64,
    pub model: Model,
    pub path: Option<PathBuf>,
    pub history: History,
    saved: SavedPoint,
    /// Whether the model differs from the saved one, worked out after every change.
    dirty: bool,
    pub analysis: Analysis,
    /// Bumped on every change of the model, so views know to refresh.
    pub revision: u64,
    pub selection: Option<Selection>,
    pub canvas: Canvas,
    /// For a what-if copy: the document it was duplicated from.
    pub scenario_of: Option<u64>,
    /// What the file held when it was opened or last saved.
    pub disk: Option<Fingerprint>,
    /// The file changed (or went) on disk since; `true` once the user chose to keep theirs.
    pub disk_state: Option<(DiskState, bool)>,
    /// Comments and the header of the file as it was read, which saving would drop; the user
    /// is asked once before the first save over it.
    pub hand_written: HandWrittenParts,
    /// Why the last edit asked for was refused, until the next one is applied.
    pub edit_error: Option<String>,
    /// Changes asked for by the panels this frame, for the workspace to apply.
    pub(super) requests: Vec<Command>,
    /// What an import said about this model, until the user dismisses it.
    pub import_notes: Option<ImportNotes>,
}

impl Document {
    /// A document for `model`, with a position for every node filled in once, now.
    pub fn new(id: u64, mut model: Model, path: Option<PathBuf>) -> Self {
        crate::layout::fill_missing(&mut model);
        let analysis = analyze(&model);
        let history = History::default();
        let saved = SavedPoint::at(&history, &model);
        Document {
            id,
            model,
            path,
            saved,
            history,
            dirty: false,
            analysis,
            revision: 0,
            selection: None,
            canvas: Canvas::new(format!("opmodel-canvas-{id}")),
            scenario_of: None,
            disk: None,
            disk_state: None,
            hand_written: HandWrittenParts::default(),
            edit_error: None,
            requests: Vec::new(),
            import_notes: None,
        }
    }

    /// Asks for an edit built by [`crate::edit::actions`], applied with the frame's other commands.
    pub fn request(&mut self, label: &str, edit: Result<Edit, String>, merge_key: Option<String>) {
        self.requests.push(Command::Edit {
            doc: self.id,
            label: label.to_owned(),
            edit,
            merge_key,
        });
    }

    /// Asks for the current undo step to be closed: the user let go of a field.
    pub fn request_seal(&mut self) {
        self.requests.push(Command::Seal(self.id));
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
        self.edit_error = None;
        self.changed();
        Ok(())
    }

    pub fn undo(&mut self) -> Result<String, HistoryError> {
        let label = self.history.undo(&mut self.model)?;
        self.changed();
        Ok(label)
    }

    pub fn redo(&mut self) -> Result<String, HistoryError> {
        let label = self.history.redo(&mut self.model)?;
        self.changed();
        Ok(label)
    }

    fn changed(&mut self) {
        self.dirty = self.saved.differs(&self.history, &self.model);
        self.analysis = analyze(&self.model);
        self.revision += 1;
        if let Some(Selection::Entity(id)) = &self.selection
            && !self.model.id_in_use(id)
        {
            self.selection = None;
        }
    }

    pub fn is_dirty(&self) -> bool {
        self.dirty
    }

    /// A copy that exists only in memory counts as unsaved until it is saved.
    pub fn mark_unsaved(&mut self) {
        self.saved = SavedPoint::never();
        self.dirty = true;
    }

    /// The document was written to `path` as it was at `point` (later edits stay unsaved).
    pub fn mark_saved(&mut self, path: &Path, point: SavedPoint, disk: Option<Fingerprint>) {
        self.path = Some(path.to_owned());
        self.saved = point;
        self.dirty = self.saved.differs(&self.history, &self.model);
        self.disk = disk;
        self.disk_state = None;
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
