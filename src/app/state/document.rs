//! One open model: the model itself, where it lives on disk, its undo history and its
//! current analysis. The model is private: it changes only through [`Document::apply`], undo
//! and redo, each of which records the change and recomputes the analysis. What a tab shows
//! of the document — selection, canvas, camera — is its view's (see [`super::view`]).

use std::path::{Path, PathBuf};

use super::ids::DocumentId;
use super::transfer::ImportNotes;
use crate::analysis::{Analysis, analyze};
use crate::edit::Edit;
use crate::edit::history::{History, HistoryError, SavedPoint};
use crate::files::fingerprint::{DiskState, Fingerprint};
use crate::files::ron::HandWrittenParts;
use crate::model::Model;

pub struct Document {
    id: DocumentId,
    model: Model,
    history: History,
    saved: SavedPoint,
    /// Whether the model differs from the saved one, worked out after every change.
    dirty: bool,
    analysis: Analysis,
    /// Bumped on every change of the model, so views know to refresh.
    revision: u64,
    pub(super) path: Option<PathBuf>,
    /// For a what-if copy: the document it was duplicated from.
    pub(super) scenario_of: Option<DocumentId>,
    /// What the file held when it was opened or last saved.
    pub(super) disk: Option<Fingerprint>,
    /// The file changed (or went) on disk since; `true` once the user chose to keep theirs.
    pub(super) disk_state: Option<(DiskState, bool)>,
    /// Comments and the header of the file as it was read, which saving would drop; the user
    /// is asked once before the first save over it.
    pub(super) hand_written: HandWrittenParts,
    /// Why the last edit asked for was refused, until the next one is applied.
    pub(super) edit_error: Option<String>,
    /// What an import said about this model, until the user dismisses it.
    pub(super) import_notes: Option<ImportNotes>,
    /// The ids the last change (an edit, an undo or a redo) gave a new id, old to new in
    /// order, for the views' selections to follow.
    renamed: Vec<(String, String)>,
}

impl Document {
    /// A document for `model`, with a position for every node filled in once, now.
    pub(super) fn new(id: DocumentId, mut model: Model, path: Option<PathBuf>) -> Self {
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
            scenario_of: None,
            disk: None,
            disk_state: None,
            hand_written: HandWrittenParts::default(),
            edit_error: None,
            import_notes: None,
            renamed: Vec::new(),
        }
    }

    pub fn id(&self) -> DocumentId {
        self.id
    }

    pub fn model(&self) -> &Model {
        &self.model
    }

    pub fn analysis(&self) -> &Analysis {
        &self.analysis
    }

    /// The undo history, for the labels of Undo and Redo.
    pub fn history(&self) -> &History {
        &self.history
    }

    /// Changes with every change of the model.
    pub fn revision(&self) -> u64 {
        self.revision
    }

    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    pub fn scenario_of(&self) -> Option<DocumentId> {
        self.scenario_of
    }

    /// Whether the document knows what its file held, so a change on disk can be noticed.
    pub fn watches_disk(&self) -> bool {
        self.disk.is_some()
    }

    pub fn disk_state(&self) -> Option<(DiskState, bool)> {
        self.disk_state.clone()
    }

    pub fn edit_error(&self) -> Option<&str> {
        self.edit_error.as_deref()
    }

    pub fn import_notes(&self) -> Option<&ImportNotes> {
        self.import_notes.as_ref()
    }

    /// Applies an edit as one undoable step (or merges it into the last step with the same
    /// `merge_key`), then refreshes the analysis.
    pub(super) fn apply(
        &mut self,
        label: &str,
        edit: Edit,
        merge_key: Option<String>,
    ) -> Result<(), String> {
        let renamed = edit.renamed_ids();
        self.history
            .apply(&mut self.model, label, edit, merge_key)
            .map_err(|e| format!("{label} could not be applied: {e}"))?;
        self.edit_error = None;
        self.renamed = renamed;
        self.changed();
        Ok(())
    }

    pub(super) fn undo(&mut self) -> Result<String, HistoryError> {
        self.walk_history(History::undo, History::last_undone)
    }

    pub(super) fn redo(&mut self) -> Result<String, HistoryError> {
        self.walk_history(History::redo, History::last_redone)
    }

    /// One step back or forward through the history; the views' selections follow the ids
    /// the step renamed.
    fn walk_history(
        &mut self,
        step: fn(&mut History, &mut Model) -> Result<String, HistoryError>,
        stepped: fn(&History) -> Option<&Edit>,
    ) -> Result<String, HistoryError> {
        let label = step(&mut self.history, &mut self.model)?;
        self.renamed = stepped(&self.history)
            .map(Edit::renamed_ids)
            .unwrap_or_default();
        self.changed();
        Ok(label)
    }

    /// The ids the last change renamed, old to new, in order.
    pub(super) fn renamed(&self) -> &[(String, String)] {
        &self.renamed
    }

    /// Ends coalescing: the next edit starts a new undo step.
    pub(super) fn seal(&mut self) {
        self.history.seal();
    }

    fn changed(&mut self) {
        self.dirty = self.saved.differs(&self.history, &self.model);
        self.analysis = analyze(&self.model);
        self.revision += 1;
    }

    pub fn is_dirty(&self) -> bool {
        self.dirty
    }

    /// A copy that exists only in memory counts as unsaved until it is saved.
    pub(super) fn mark_unsaved(&mut self) {
        self.saved = SavedPoint::never();
        self.dirty = true;
    }

    /// The state to count as saved once the copy of the model taken now is written.
    pub(super) fn saving_point(&self) -> SavedPoint {
        SavedPoint::at(&self.history, &self.model)
    }

    /// The document was written to `path` as it was at `point` (later edits stay unsaved).
    pub(super) fn mark_saved(&mut self, path: &Path, point: SavedPoint, disk: Option<Fingerprint>) {
        self.path = Some(path.to_owned());
        self.saved = point;
        self.dirty = self.saved.differs(&self.history, &self.model);
        self.disk = disk;
        self.disk_state = None;
    }

    /// The file name, or "not saved" for a model never saved: "Backstage (not saved)".
    pub fn file_label(&self) -> String {
        self.path.as_deref().and_then(Path::file_name).map_or_else(
            || "not saved".to_owned(),
            |n| n.to_string_lossy().into_owned(),
        )
    }

    /// `<model name> — Opmodel`, with a dot in front while there are unsaved changes.
    pub fn window_title(&self) -> String {
        let marker = if self.is_dirty() { "● " } else { "" };
        format!("{marker}{} — Opmodel", self.model.name)
    }

    /// Whether this is the empty, untouched model a new tab starts with.
    pub fn is_blank(&self) -> bool {
        self.path.is_none() && !self.dirty && self.model.teams.is_empty()
    }
}
