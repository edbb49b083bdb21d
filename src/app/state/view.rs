//! Views: what each tab shows and how, apart from the document it shows. A document view
//! refers to its document by id and holds what is selected, the canvas's modes, the
//! camera's requests, whether it shows the canvas or the Assess table, and the table's sort,
//! filter and selected rows; a comparison view names the two documents it compares. Documents know
//! nothing of their views, as in helix, where a view points at its document and never the
//! other way round.

use super::assess::{AssessView, ViewMode};
use super::ids::{DocumentId, ViewId};
use crate::model::Position;

/// An entity by id, or a relation drawn on the canvas.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Selection {
    Entity(String),
    Dependency { from: String, to: String },
    Ownership { service: String },
    Interaction { from: String, to: String },
}

/// How the canvas of a view draws and what it is in the middle of: the user's toggles and
/// the modes that Esc leaves.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CanvasModes {
    /// Team interactions drawn as lines.
    pub interactions: bool,
    /// The legend in the editor.
    pub legend: bool,
    /// The legend in presentation mode, where it starts hidden to leave the room to the
    /// model.
    pub legend_presenting: bool,
    /// Connect mode: clicks and drags join two things instead of selecting or moving them.
    pub connecting: bool,
    /// The Find box is open.
    pub searching: bool,
}

impl Default for CanvasModes {
    fn default() -> Self {
        CanvasModes {
            interactions: false,
            legend: true,
            legend_presenting: false,
            connecting: false,
            searching: false,
        }
    }
}

/// A move of the camera the view is asked for.
#[derive(Clone, Debug, PartialEq)]
pub enum CameraRequest {
    /// Show the whole model.
    Fit,
    /// Bring an entity into the middle of the view.
    Centre(String),
}

/// Where the view looks and what it was asked to look at. Requests are numbered, so the
/// drawing can tell which it has carried out without the state forgetting them.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Camera {
    requests: Vec<(u64, CameraRequest)>,
    next: u64,
    /// The model position at the middle of the view, as the drawing last reported it: where
    /// a new entity goes when nothing says where.
    centre: Position,
}

/// How many camera requests are kept for a view that is not being drawn.
const KEPT_REQUESTS: usize = 4;

impl Camera {
    pub(super) fn request(&mut self, request: CameraRequest) {
        self.next += 1;
        // A newer fit makes every earlier request moot.
        if request == CameraRequest::Fit {
            self.requests.clear();
        }
        self.requests.push((self.next, request));
        if self.requests.len() > KEPT_REQUESTS {
            self.requests.remove(0);
        }
    }

    /// The requests numbered after `seen`, oldest first, with their numbers.
    pub fn requests_after(&self, seen: u64) -> impl Iterator<Item = &(u64, CameraRequest)> {
        self.requests.iter().filter(move |(n, _)| *n > seen)
    }

    pub fn centre(&self) -> Position {
        self.centre
    }

    pub(super) fn moved_to(&mut self, centre: Position) {
        self.centre = centre;
    }
}

/// A document as one tab shows it.
#[derive(Clone, Debug, PartialEq)]
pub struct DocumentView {
    pub(super) id: ViewId,
    pub(super) doc: DocumentId,
    pub(super) selection: Option<Selection>,
    pub(super) modes: CanvasModes,
    pub(super) camera: Camera,
    /// The canvas or the Assess table.
    pub(super) mode: ViewMode,
    /// Boxed: a tab showing the canvas should not carry the table's filter and selection
    /// inline.
    pub(super) assess: Box<AssessView>,
}

impl DocumentView {
    pub(super) fn new(id: ViewId, doc: DocumentId) -> Self {
        DocumentView {
            id,
            doc,
            selection: None,
            modes: CanvasModes::default(),
            camera: Camera::default(),
            mode: ViewMode::default(),
            assess: Box::default(),
        }
    }

    pub fn id(&self) -> ViewId {
        self.id
    }

    pub fn doc(&self) -> DocumentId {
        self.doc
    }

    pub fn selection(&self) -> Option<&Selection> {
        self.selection.as_ref()
    }

    pub fn modes(&self) -> CanvasModes {
        self.modes
    }

    pub fn camera(&self) -> &Camera {
        &self.camera
    }

    pub fn mode(&self) -> ViewMode {
        self.mode
    }

    pub fn assess(&self) -> &AssessView {
        &self.assess
    }

    /// The selected entity's id, when the selection is an entity.
    pub fn selected_entity(&self) -> Option<&str> {
        match &self.selection {
            Some(Selection::Entity(id)) => Some(id),
            _ => None,
        }
    }
}

/// A tab: a document, or a comparison of two documents.
#[derive(Clone, Debug, PartialEq)]
pub enum View {
    Document(DocumentView),
    Comparison {
        id: ViewId,
        a: DocumentId,
        b: DocumentId,
    },
}

impl View {
    pub fn id(&self) -> ViewId {
        match self {
            View::Document(view) => view.id,
            View::Comparison { id, .. } => *id,
        }
    }

    /// Whether the view shows document `doc`, alone or in a comparison.
    pub fn shows(&self, doc: DocumentId) -> bool {
        match self {
            View::Document(view) => view.doc == doc,
            View::Comparison { a, b, .. } => *a == doc || *b == doc,
        }
    }

    pub fn as_document(&self) -> Option<&DocumentView> {
        match self {
            View::Document(view) => Some(view),
            View::Comparison { .. } => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_camera_hands_out_each_request_once_and_a_fit_supersedes_the_rest() {
        let mut camera = Camera::default();
        camera.request(CameraRequest::Centre("a".into()));
        camera.request(CameraRequest::Centre("b".into()));
        let pending: Vec<u64> = camera.requests_after(0).map(|(n, _)| *n).collect();
        assert_eq!(pending, [1, 2]);
        assert_eq!(camera.requests_after(2).count(), 0, "both were carried out");
        camera.request(CameraRequest::Fit);
        let pending: Vec<&CameraRequest> = camera.requests_after(0).map(|(_, r)| r).collect();
        assert_eq!(pending, [&CameraRequest::Fit]);
        for id in ["c", "d", "e", "f", "g"] {
            camera.request(CameraRequest::Centre(id.into()));
        }
        assert_eq!(camera.requests_after(0).count(), KEPT_REQUESTS);
    }
}
