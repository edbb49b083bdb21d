//! Undo and redo over [`Edit`]s, with coalescing: consecutive edits that share a merge key
//! (keystrokes in one text field, one drag) become one undo step.

use crate::edit::{Edit, EditError};
use crate::model::Model;

/// How many undo steps are kept.
const LIMIT: usize = 500;

struct Step {
    label: String,
    forward: Edit,
    inverse: Edit,
    merge_key: Option<String>,
    /// Identifies the model state after this step, for telling whether a file is saved.
    state: u64,
}

#[derive(Default)]
pub struct History {
    undo: Vec<Step>,
    redo: Vec<Step>,
    /// Set when the next edit must start a new step even if its merge key matches.
    sealed: bool,
    next_state: u64,
}

impl History {
    /// Applies `edit` to `model` and records it. With a `merge_key` equal to the previous
    /// step's (and no seal in between) the two become one undo step.
    pub fn apply(
        &mut self,
        model: &mut Model,
        label: &str,
        edit: Edit,
        merge_key: Option<String>,
    ) -> Result<(), EditError> {
        let inverse = edit.clone().apply(model)?;
        self.next_state += 1;
        let state = self.next_state;
        self.redo.clear();
        let merges = !self.sealed
            && merge_key.is_some()
            && self.undo.last().is_some_and(|last| last.merge_key == merge_key);
        self.sealed = false;
        if merges {
            let last = self.undo.last_mut().expect("checked above");
            // The first inverse still undoes the whole run; the forward must redo all of it.
            last.forward = Edit::Batch(vec![std::mem::replace(&mut last.forward, Edit::Batch(Vec::new())), edit]);
            last.state = state;
            return Ok(());
        }
        self.undo.push(Step {
            label: label.to_owned(),
            forward: edit,
            inverse,
            merge_key,
            state,
        });
        if self.undo.len() > LIMIT {
            self.undo.remove(0);
        }
        Ok(())
    }

    /// Ends coalescing: the next edit starts a new undo step.
    pub fn seal(&mut self) {
        self.sealed = true;
    }

    /// Undoes the last step; returns its label.
    pub fn undo(&mut self, model: &mut Model) -> Option<String> {
        let mut step = self.undo.pop()?;
        match step.inverse.clone().apply(model) {
            Ok(_) => {
                let label = step.label.clone();
                self.redo.push(step);
                self.sealed = true;
                Some(label)
            }
            Err(_) => {
                step.merge_key = None;
                self.undo.push(step);
                None
            }
        }
    }

    /// Redoes the last undone step; returns its label.
    pub fn redo(&mut self, model: &mut Model) -> Option<String> {
        let step = self.redo.pop()?;
        match step.forward.clone().apply(model) {
            Ok(_) => {
                let label = step.label.clone();
                self.undo.push(step);
                self.sealed = true;
                Some(label)
            }
            Err(_) => {
                self.redo.push(step);
                None
            }
        }
    }

    pub fn undo_label(&self) -> Option<&str> {
        self.undo.last().map(|s| s.label.as_str())
    }

    pub fn redo_label(&self) -> Option<&str> {
        self.redo.last().map(|s| s.label.as_str())
    }

    /// An id for the current model state: equal ids mean equal models.
    pub fn state(&self) -> u64 {
        self.undo.last().map_or(0, |s| s.state)
    }
}
