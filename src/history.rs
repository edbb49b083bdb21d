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
            && self
                .undo
                .last()
                .is_some_and(|last| last.merge_key == merge_key);
        self.sealed = false;
        if merges {
            let last = self.undo.last_mut().expect("checked above");
            // The first inverse still undoes the whole run; the forward must redo all of it.
            last.forward = Edit::Batch(vec![
                std::mem::replace(&mut last.forward, Edit::Batch(Vec::new())),
                edit,
            ]);
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
        Self::replay(&mut self.undo, &mut self.redo, model, |step| &step.inverse)
            .inspect(|_| self.sealed = true)
    }

    /// Redoes the last undone step; returns its label.
    pub fn redo(&mut self, model: &mut Model) -> Option<String> {
        Self::replay(&mut self.redo, &mut self.undo, model, |step| &step.forward)
            .inspect(|_| self.sealed = true)
    }

    /// Applies one side of the top step of `from` and moves the step to `to`. A step that no
    /// longer fits the model stays where it was.
    fn replay(
        from: &mut Vec<Step>,
        to: &mut Vec<Step>,
        model: &mut Model,
        side: fn(&Step) -> &Edit,
    ) -> Option<String> {
        let step = from.pop()?;
        match side(&step).clone().apply(model) {
            Ok(_) => {
                let label = step.label.clone();
                to.push(step);
                Some(label)
            }
            Err(_) => {
                from.push(step);
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
