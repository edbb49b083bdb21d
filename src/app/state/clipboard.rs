//! Copy, cut, paste and duplicate in a view: the selected entities go to the clipboard as a
//! model's text (built by [`crate::edit::actions::copied`]), and come back from it as one
//! step that selects what it added. The drawing hands the text to the system clipboard and
//! brings pasted text back as [`super::Command::Paste`].

use super::editing::summary;
use super::ids::ViewId;
use super::view::{Selection, SelectionSet};
use super::workspace::Workspace;
use crate::edit::actions;
use crate::model::Position;

impl Workspace {
    /// The active view's selected entities as clipboard text; returns whether anything was
    /// copied.
    pub(super) fn copy(&mut self) -> bool {
        let Some((view, doc)) = self.active_view().map(|v| (v, v.doc)) else {
            return false;
        };
        let Some(model) = self.document(doc).map(|d| d.model()) else {
            return false;
        };
        let ids: Vec<&str> = view.selection.entities().collect();
        if ids.is_empty() {
            self.status = "Select teams, services or domains to copy them".to_owned();
            return false;
        }
        let what = summary(model, view.selection.all());
        let text = crate::files::ron::to_ron(&actions::copied(model, &ids));
        let serial = self.clipboard.as_ref().map_or(1, |(n, _)| n + 1);
        self.clipboard = Some((serial, text));
        self.status = format!("Copied {what}");
        true
    }

    /// Copies the active view's selected entities, then deletes them.
    pub(super) fn cut(&mut self) {
        let Some(view) = self.active_view() else {
            return;
        };
        let (id, entities) = (view.id, view.selection.entities().map(str::to_owned));
        let entities: Vec<Selection> = entities.map(Selection::Entity).collect();
        if self.copy() {
            self.delete(id, entities);
        }
    }

    /// Pastes clipboard `text` into view `view`'s document near `at` (else the middle of
    /// the view), as one step, and selects what it added.
    pub(super) fn paste(&mut self, view: ViewId, text: &str, at: Option<Position>) {
        let Some(shown) = self.view_mut(view).map(|v| (v.doc, v.camera.centre())) else {
            return;
        };
        let (doc, centre) = shown;
        let Some(model) = self.document(doc).map(|d| d.model()) else {
            return;
        };
        let pasted = actions::read(text)
            .and_then(|fragment| actions::paste(model, &fragment, at.unwrap_or(centre)));
        self.add_and_select(view, ("Paste", false), pasted);
    }

    /// Copies the active view's selected entities beside themselves, as one step, and
    /// selects the copies; the copy of one thing is renamed on the canvas straight away.
    pub(super) fn duplicate(&mut self) {
        let Some(view) = self.active_view() else {
            return;
        };
        let (id, doc) = (view.id, view.doc);
        let ids: Vec<&str> = view.selection.entities().collect();
        if ids.is_empty() {
            self.status = "Select teams, services or domains to duplicate them".to_owned();
            return;
        }
        let Some(model) = self.document(doc).map(|d| d.model()) else {
            return;
        };
        let duplicated = actions::duplicate(model, &ids);
        self.add_and_select(id, ("Duplicate", true), duplicated);
    }

    /// Applies a paste or a duplicate and selects what it added; when `name_one` and it added
    /// one thing, starts renaming that on the canvas.
    fn add_and_select(
        &mut self,
        view: ViewId,
        (verb, name_one): (&str, bool),
        pasted: Result<actions::Pasted, String>,
    ) {
        let Some(doc) = self.view_mut(view).map(|v| v.doc) else {
            return;
        };
        let (edit, ids) = match pasted {
            Ok(pasted) => (Ok(pasted.edit), pasted.ids),
            Err(message) => (Err(message), Vec::new()),
        };
        let added: Vec<Selection> = ids.into_iter().map(Selection::Entity).collect();
        if self.edit(doc, verb, edit, None) {
            let what = self
                .document(doc)
                .map(|d| summary(d.model(), &added))
                .unwrap_or_default();
            if let Some(view) = self.view_mut(view) {
                // One copy of one thing is named straight away, as a new one is.
                view.renaming = match added.as_slice() {
                    [one] if name_one => one.entity().map(str::to_owned),
                    _ => None,
                };
                view.selection = SelectionSet::of(added);
            }
            self.status = format!("{verb}: {what} (Ctrl+Z to undo)");
        }
    }
}
