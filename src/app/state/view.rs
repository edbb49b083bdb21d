//! Views: what each tab shows and how, apart from the document it shows. A document view
//! refers to its document by id and holds what is selected, the canvas's modes, the
//! camera's requests, whether it shows the canvas or the Assess table, and the table's sort,
//! filter and selected rows; a comparison view names the 2 to 8 documents it compares, the
//! baseline first; a roadmap view holds the roadmap it shows, which no edit changes.
//! Documents know nothing of their views, as in helix, where a view points at its document
//! and never the other way round.

use std::path::PathBuf;
use std::sync::Arc;

use super::assess::{AssessView, ViewMode};
use super::ids::{DocumentId, ViewId};
use crate::model::{Model, Position};
use crate::roadmap::{Roadmap, RoadmapPlan};

/// An entity by id, or a relation drawn on the canvas.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Selection {
    Entity(String),
    Dependency { from: String, to: String },
    Ownership { service: String },
    Interaction { from: String, to: String },
}

impl Selection {
    /// The entity's id, when this is an entity.
    pub fn entity(&self) -> Option<&str> {
        match self {
            Selection::Entity(id) => Some(id),
            _ => None,
        }
    }

    /// Whether what this names is in `model`.
    pub(super) fn exists_in(&self, model: &Model) -> bool {
        match self {
            Selection::Entity(id) => model.id_in_use(id),
            Selection::Dependency { from, to } => model
                .dependencies
                .iter()
                .any(|d| d.from == *from && d.to == *to),
            Selection::Ownership { service } => {
                model.service(service).is_some_and(|s| s.owner.is_some())
            }
            Selection::Interaction { from, to } => model
                .interactions
                .iter()
                .any(|i| i.from == *from && i.to == *to),
        }
    }

    /// The same selection after entity `old` got the id `new`.
    fn renamed(&self, old: &str, new: &str) -> Selection {
        let swap = |id: &String| {
            if id == old {
                new.to_owned()
            } else {
                id.clone()
            }
        };
        match self {
            Selection::Entity(id) => Selection::Entity(swap(id)),
            Selection::Dependency { from, to } => Selection::Dependency {
                from: swap(from),
                to: swap(to),
            },
            Selection::Ownership { service } => Selection::Ownership {
                service: swap(service),
            },
            Selection::Interaction { from, to } => Selection::Interaction {
                from: swap(from),
                to: swap(to),
            },
        }
    }
}

/// What a view has selected: nothing, one thing or several, in the order they were picked
/// and none twice. Every part of a tab that selects — the canvas, the figures, the findings,
/// the Assess view — selects into this one set, so a bulk edit sees them all.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SelectionSet(Vec<Selection>);

impl SelectionSet {
    /// A set of `items`, in order, without repeats.
    pub fn of(items: impl IntoIterator<Item = Selection>) -> Self {
        let mut set = SelectionSet::default();
        set.add(items);
        set
    }

    /// Everything selected, in the order it was picked.
    pub fn all(&self) -> &[Selection] {
        &self.0
    }

    /// The one thing selected, when exactly one is.
    pub fn one(&self) -> Option<&Selection> {
        match self.0.as_slice() {
            [one] => Some(one),
            _ => None,
        }
    }

    /// The ids of the selected entities, in the order they were picked.
    pub fn entities(&self) -> impl Iterator<Item = &str> {
        self.0.iter().filter_map(Selection::entity)
    }

    pub fn contains(&self, selection: &Selection) -> bool {
        self.0.contains(selection)
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Adds what is not selected yet, at the end.
    pub(super) fn add(&mut self, items: impl IntoIterator<Item = Selection>) {
        for item in items {
            if !self.0.contains(&item) {
                self.0.push(item);
            }
        }
    }

    /// Takes `item` out if it is selected, else adds it: a Shift or Ctrl click.
    pub(super) fn toggle(&mut self, item: Selection) {
        match self.0.iter().position(|s| *s == item) {
            Some(at) => {
                self.0.remove(at);
            }
            None => self.0.push(item),
        }
    }

    /// Follows renames, then forgets what `model` no longer has.
    pub(super) fn refresh(&mut self, model: &Model, renamed: &[(String, String)]) {
        for (old, new) in renamed {
            for item in &mut self.0 {
                *item = item.renamed(old, new);
            }
        }
        self.0.retain(|s| s.exists_in(model));
    }
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
    pub(super) selection: SelectionSet,
    pub(super) modes: CanvasModes,
    /// The entity whose name is being edited on the canvas, if one is.
    pub(super) renaming: Option<String>,
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
            selection: SelectionSet::default(),
            modes: CanvasModes::default(),
            renaming: None,
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

    /// The one thing selected, when exactly one is (see [`DocumentView::selected`]).
    pub fn selection(&self) -> Option<&Selection> {
        self.selection.one()
    }

    /// Everything selected.
    pub fn selected(&self) -> &SelectionSet {
        &self.selection
    }

    /// The entity whose name is being edited on the canvas.
    pub fn renaming(&self) -> Option<&str> {
        self.renaming.as_deref()
    }

    /// Selects exactly `selection`, or nothing.
    pub(super) fn select(&mut self, selection: Option<Selection>) {
        self.selection = SelectionSet::of(selection);
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

    /// The selected entity's id, when exactly one thing is selected and it is an entity.
    pub fn selected_entity(&self) -> Option<&str> {
        self.selection.one().and_then(Selection::entity)
    }
}

/// A tab: a document, or a comparison of 2 to 8 documents.
#[derive(Clone, Debug, PartialEq)]
pub enum View {
    Document(DocumentView),
    /// `docs[0]` is the baseline, A; every change shown is another model − A (SPEC 7.5).
    Comparison {
        id: ViewId,
        docs: Vec<DocumentId>,
    },
    /// A roadmap (SPEC 8.3), read from its file with every phase's model.
    Roadmap(RoadmapView),
}

/// A roadmap as its tab shows it: the file it was read from, the roadmap, and its year.
#[derive(Clone, Debug, PartialEq)]
pub struct RoadmapView {
    pub(super) id: ViewId,
    pub path: PathBuf,
    pub roadmap: Arc<Roadmap>,
    pub plan: Arc<RoadmapPlan>,
}

impl RoadmapView {
    pub fn id(&self) -> ViewId {
        self.id
    }
}

impl View {
    pub fn id(&self) -> ViewId {
        match self {
            View::Document(view) => view.id,
            View::Comparison { id, .. } => *id,
            View::Roadmap(view) => view.id,
        }
    }

    /// Whether the view shows document `doc`, alone or in a comparison.
    pub fn shows(&self, doc: DocumentId) -> bool {
        match self {
            View::Document(view) => view.doc == doc,
            View::Comparison { docs, .. } => docs.contains(&doc),
            View::Roadmap(_) => false,
        }
    }

    pub fn as_document(&self) -> Option<&DocumentView> {
        match self {
            View::Document(view) => Some(view),
            View::Comparison { .. } | View::Roadmap(_) => None,
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
