//! Comparison tabs (SPEC 7.5 and 8.1): which 2 to 8 documents a comparison shows and in what
//! order, the baseline first. Asking for a comparison that is already open shows it instead
//! of opening another; a what-if copy's original is the baseline whichever tab the
//! comparison was started from; in the tab, any model can be made the baseline, added (an
//! open model or a file) or taken out; and closing a model takes it out of the comparisons
//! that still have two others.

use super::commands::ComparisonCommand;
use super::dialogs::Purpose;
use super::ids::{DocumentId, ViewId};
use super::view::View;
use super::workspace::Workspace;
use crate::compare::MOST_MODELS;

impl Workspace {
    /// Shows the comparison of `docs` (the baseline first): the tab that already compares
    /// them in that order, or a new one. Fewer than two distinct documents compare nothing.
    pub(super) fn open_comparison(&mut self, docs: Vec<DocumentId>) {
        let docs = self.comparison_order(docs);
        if docs.len() < 2 {
            return;
        }
        if let Some(index) = self.comparison_of(&docs) {
            self.active = index;
            self.status = "That comparison is already open".to_owned();
            return;
        }
        let id = ViewId(self.fresh_id());
        self.tabs.push(View::Comparison { id, docs });
        self.active = self.tabs.len() - 1;
    }

    /// The tab comparing exactly `docs`, in that order.
    fn comparison_of(&self, docs: &[DocumentId]) -> Option<usize> {
        self.tabs
            .iter()
            .position(|t| matches!(t, View::Comparison { docs: d, .. } if d == docs))
    }

    /// `docs` without repeats or documents that are gone, at most [`MOST_MODELS`] of them;
    /// when the first is a what-if copy whose original is among them, the original first.
    fn comparison_order(&self, docs: Vec<DocumentId>) -> Vec<DocumentId> {
        let mut ordered: Vec<DocumentId> = Vec::new();
        for doc in docs {
            if !ordered.contains(&doc) && self.document(doc).is_some() {
                ordered.push(doc);
            }
        }
        ordered.truncate(MOST_MODELS);
        let original = ordered
            .first()
            .and_then(|first| self.document(*first))
            .and_then(|d| d.scenario_of());
        if let Some(at) = original.and_then(|o| ordered.iter().position(|d| *d == o)) {
            let original = ordered.remove(at);
            ordered.insert(0, original);
        }
        ordered
    }

    /// The baseline of the active tab, when it is a comparison: what Compare with… compares
    /// from there.
    pub(super) fn comparison_baseline(&self) -> Option<DocumentId> {
        match self.active_tab()? {
            View::Comparison { docs, .. } => docs.first().copied(),
            View::Document(_) | View::Roadmap(_) => None,
        }
    }

    /// The documents comparison tab `view` shows, baseline first.
    fn compared_mut(&mut self, view: ViewId) -> Option<&mut Vec<DocumentId>> {
        self.tabs.iter_mut().find_map(|tab| match tab {
            View::Comparison { id, docs } if *id == view => Some(docs),
            _ => None,
        })
    }

    /// Changes which models comparison tab `view` shows, or which is its baseline.
    pub(super) fn change_comparison(&mut self, view: ViewId, command: ComparisonCommand) {
        let Some(docs) = self.compared_mut(view) else {
            return;
        };
        match command {
            ComparisonCommand::MakeBaseline(doc) => {
                if let Some(at) = docs.iter().position(|d| *d == doc) {
                    let doc = docs.remove(at);
                    docs.insert(0, doc);
                }
            }
            ComparisonCommand::Add(doc) => {
                if !docs.contains(&doc) && docs.len() < MOST_MODELS {
                    docs.push(doc);
                }
            }
            ComparisonCommand::Remove(doc) => {
                if docs.len() > 2 {
                    docs.retain(|d| *d != doc);
                }
            }
            ComparisonCommand::AddFile => {
                let with = docs.clone();
                if with.len() < MOST_MODELS {
                    self.choose_file(Purpose::Compare {
                        with,
                        into: Some(view),
                    });
                }
            }
        }
    }

    /// Adds document `doc`, just opened or already open, to the comparison it was chosen for:
    /// tab `into` when it is still open, else a new comparison of `with` and `doc`.
    pub(super) fn compare_chosen(
        &mut self,
        with: Vec<DocumentId>,
        into: Option<ViewId>,
        doc: DocumentId,
    ) {
        let tab =
            into.and_then(|view| Some((view, self.tabs.iter().position(|t| t.id() == view)?)));
        match tab {
            Some((view, index)) => {
                self.change_comparison(view, ComparisonCommand::Add(doc));
                self.active = index;
            }
            None => self.open_comparison(with.into_iter().chain([doc]).collect()),
        }
    }

    /// Takes document `doc` out of the comparisons that keep two models without it.
    pub(super) fn drop_from_comparisons(&mut self, doc: DocumentId) {
        for tab in &mut self.tabs {
            if let View::Comparison { docs, .. } = tab
                && docs.len() > 2
            {
                docs.retain(|d| *d != doc);
            }
        }
    }
}
