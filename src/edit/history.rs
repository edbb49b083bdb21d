//! Undo and redo over [`Edit`]s, with coalescing: consecutive edits that share a merge key
//! (keystrokes in one text field, one drag) become one undo step.
//!
//! Every model state the history reaches gets an id that is never reused, so "is this the
//! state that was saved?" stays true only of that state — even after the oldest steps are
//! dropped at the limit. [`SavedPoint`] builds "dirty" on top of it: the model differs from
//! the one last opened or saved.

use std::fmt;

use crate::edit::{Edit, EditError};
use crate::model::Model;

/// How many undo steps are kept by default.
pub const LIMIT: usize = 500;

struct Step {
    label: String,
    forward: Edit,
    inverse: Edit,
    merge_key: Option<String>,
    /// Identifies the model state after this step.
    state: u64,
}

/// Why an undo or redo did not happen.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum HistoryError {
    /// There is no step to undo (or redo).
    Nothing { undo: bool },
    /// The step no longer fits the model; it stays where it was and the model is unchanged.
    DoesNotFit {
        undo: bool,
        label: String,
        error: EditError,
    },
}

fn verb(undo: bool) -> &'static str {
    if undo { "undo" } else { "redo" }
}

impl fmt::Display for HistoryError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            HistoryError::Nothing { undo } => write!(f, "Nothing to {}", verb(*undo)),
            HistoryError::DoesNotFit { undo, label, error } => {
                write!(f, "Could not {} “{label}”: {error}", verb(*undo))
            }
        }
    }
}

impl std::error::Error for HistoryError {}

pub struct History {
    undo: Vec<Step>,
    redo: Vec<Step>,
    /// Set when the next edit must start a new step even if its merge key matches.
    sealed: bool,
    /// The last state id handed out; ids only grow.
    last_state: u64,
    /// The state below the oldest undo step: the start, or the state after the last step
    /// dropped at the limit.
    base_state: u64,
    limit: usize,
}

impl Default for History {
    fn default() -> Self {
        History::with_limit(LIMIT)
    }
}

impl History {
    /// A history that keeps at most `limit` undo steps (at least one).
    pub fn with_limit(limit: usize) -> Self {
        History {
            undo: Vec::new(),
            redo: Vec::new(),
            sealed: false,
            last_state: 0,
            base_state: 0,
            limit: limit.max(1),
        }
    }

    fn fresh_state(&mut self) -> u64 {
        self.last_state += 1;
        self.last_state
    }

    /// Applies `edit` to `model` and records it. With a `merge_key` equal to the previous
    /// step's (and no seal in between) the two become one undo step. On error nothing
    /// changes.
    pub fn apply(
        &mut self,
        model: &mut Model,
        label: &str,
        edit: Edit,
        merge_key: Option<String>,
    ) -> Result<(), EditError> {
        let inverse = edit.clone().apply(model)?;
        let state = self.fresh_state();
        self.redo.clear();
        let merges = !self.sealed
            && merge_key.is_some()
            && self
                .undo
                .last()
                .is_some_and(|last| last.merge_key == merge_key);
        self.sealed = false;
        if let Some(last) = self.undo.last_mut().filter(|_| merges) {
            // The step now redoes the whole run, and undoes it newest first: an edit's inverse
            // only fits the model as that edit left it.
            last.forward = Edit::Batch(vec![
                std::mem::replace(&mut last.forward, Edit::Batch(Vec::new())),
                edit,
            ]);
            last.inverse = Edit::Batch(vec![
                inverse,
                std::mem::replace(&mut last.inverse, Edit::Batch(Vec::new())),
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
        if self.undo.len() > self.limit {
            let dropped = self.undo.remove(0);
            self.base_state = dropped.state;
        }
        Ok(())
    }

    /// Ends coalescing: the next edit starts a new undo step.
    pub fn seal(&mut self) {
        self.sealed = true;
    }

    /// Undoes the last step; returns its label.
    pub fn undo(&mut self, model: &mut Model) -> Result<String, HistoryError> {
        let label = Self::replay(&mut self.undo, &mut self.redo, model, true)?;
        self.sealed = true;
        Ok(label)
    }

    /// Redoes the last undone step; returns its label.
    pub fn redo(&mut self, model: &mut Model) -> Result<String, HistoryError> {
        let label = Self::replay(&mut self.redo, &mut self.undo, model, false)?;
        self.sealed = true;
        Ok(label)
    }

    /// Applies one side of the top step of `from` and moves the step to `to`. A step that no
    /// longer fits the model stays where it was.
    fn replay(
        from: &mut Vec<Step>,
        to: &mut Vec<Step>,
        model: &mut Model,
        undo: bool,
    ) -> Result<String, HistoryError> {
        let step = from.pop().ok_or(HistoryError::Nothing { undo })?;
        let side = if undo { &step.inverse } else { &step.forward };
        match side.clone().apply(model) {
            Ok(_) => {
                let label = step.label.clone();
                to.push(step);
                Ok(label)
            }
            Err(error) => {
                let label = step.label.clone();
                from.push(step);
                Err(HistoryError::DoesNotFit { undo, label, error })
            }
        }
    }

    /// What the last undo applied: the inverse of the step it moved to the redo list.
    pub fn last_undone(&self) -> Option<&Edit> {
        self.redo.last().map(|s| &s.inverse)
    }

    /// What the last redo applied: the step it moved back to the undo list.
    pub fn last_redone(&self) -> Option<&Edit> {
        self.undo.last().map(|s| &s.forward)
    }

    pub fn undo_label(&self) -> Option<&str> {
        self.undo.last().map(|s| s.label.as_str())
    }

    pub fn redo_label(&self) -> Option<&str> {
        self.redo.last().map(|s| s.label.as_str())
    }

    /// An id for the current model state: equal ids mean equal models. An id is never
    /// given to two different states.
    pub fn state(&self) -> u64 {
        self.undo.last().map_or(self.base_state, |s| s.state)
    }
}

/// The state a document was last opened or saved at, for telling whether it has unsaved
/// changes: it is dirty exactly when its model differs from that state's model.
#[derive(Clone, Debug)]
pub struct SavedPoint {
    /// `None` for a model that exists only in memory, which is unsaved until saved.
    saved: Option<(u64, Model)>,
}

impl SavedPoint {
    /// The model as it is now counts as saved.
    pub fn at(history: &History, model: &Model) -> Self {
        SavedPoint {
            saved: Some((history.state(), model.clone())),
        }
    }

    /// Nothing is saved: every model is dirty until the next save.
    pub fn never() -> Self {
        SavedPoint { saved: None }
    }

    /// Whether `model` (reached through `history`) differs from the saved model. Equal
    /// state ids answer at once; otherwise the models are compared, so an edit and its
    /// manual reversal count as clean.
    pub fn differs(&self, history: &History, model: &Model) -> bool {
        match &self.saved {
            None => true,
            Some((state, saved)) => *state != history.state() && saved != model,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Position;

    fn at(id: &str, x: f64) -> Edit {
        Edit::SetPosition {
            id: id.to_owned(),
            position: Some(Position { x, y: 0.0 }),
        }
    }

    /// Moves `id` to `x` as a step of its own, named `label`.
    fn step(history: &mut History, model: &mut Model, label: &str, (id, x): (&str, f64)) {
        history.apply(model, label, at(id, x), None).unwrap();
    }

    #[test]
    fn undo_and_redo_walk_the_steps_and_name_them() {
        let mut model = Model::named("m");
        let mut history = History::default();
        step(&mut history, &mut model, "Move a", ("a", 1.0));
        step(&mut history, &mut model, "Move b", ("b", 2.0));
        assert_eq!(history.undo(&mut model), Ok("Move b".to_owned()));
        assert!(!model.layout.contains_key("b"));
        assert_eq!(history.redo_label(), Some("Move b"));
        assert_eq!(history.redo(&mut model), Ok("Move b".to_owned()));
        assert_eq!(model.layout["b"].x, 2.0);
        assert_eq!(
            history.redo(&mut model),
            Err(HistoryError::Nothing { undo: false })
        );
    }

    #[test]
    fn edits_with_one_merge_key_undo_together_until_sealed() {
        let mut model = Model::named("m");
        let mut history = History::default();
        let key = Some("drag:a".to_owned());
        history
            .apply(&mut model, "Drag", at("a", 1.0), key.clone())
            .unwrap();
        history
            .apply(&mut model, "Drag", at("a", 2.0), key.clone())
            .unwrap();
        history.seal();
        history
            .apply(&mut model, "Drag", at("a", 3.0), key)
            .unwrap();
        history.undo(&mut model).unwrap();
        assert_eq!(
            model.layout["a"].x, 2.0,
            "the sealed edit is a step of its own"
        );
        history.undo(&mut model).unwrap();
        assert!(model.layout.is_empty(), "the merged run undoes at once");
        history.redo(&mut model).unwrap();
        assert_eq!(model.layout["a"].x, 2.0, "and redoes at once");
    }

    #[test]
    fn a_merged_run_of_changes_to_one_entity_undoes_at_once() {
        // Typing "B" then "C" into team `t`'s name field: each edit names the team as the
        // one before left it, so the run must be undone newest first.
        let team = |name: &str| {
            crate::edit::Entity::Team(crate::model::Team::new(
                "t",
                name,
                crate::model::TeamKind::Product,
            ))
        };
        let mut model = Model::named("m");
        model.teams.push(crate::model::Team::new(
            "t",
            "A",
            crate::model::TeamKind::Product,
        ));
        let start = model.clone();
        let mut history = History::default();
        let key = Some("team:t:name".to_owned());
        for (old, new) in [("A", "B"), ("B", "C")] {
            let edit = Edit::Replace {
                old: Box::new(team(old)),
                new: Box::new(team(new)),
            };
            history
                .apply(&mut model, "Rename", edit, key.clone())
                .unwrap();
        }
        let end = model.clone();
        history.undo(&mut model).unwrap();
        assert_eq!(model, start);
        history.redo(&mut model).unwrap();
        assert_eq!(model, end);
    }

    #[test]
    fn a_step_that_no_longer_fits_says_what_failed_and_stays() {
        let mut model = Model::named("m");
        let mut history = History::default();
        let add = Edit::Insert {
            entity: Box::new(crate::edit::Entity::Domain(crate::model::Domain {
                id: "d".into(),
                name: "D".into(),
            })),
            before: None,
        };
        history.apply(&mut model, "Add domain", add, None).unwrap();
        // Someone removed the domain behind the history's back: the inverse no longer fits.
        model.domains.clear();
        let error = history.undo(&mut model).unwrap_err();
        assert_eq!(
            error.to_string(),
            "Could not undo “Add domain”: the domain `d` no longer exists"
        );
        assert_eq!(history.undo_label(), Some("Add domain"), "the step stays");
    }

    #[test]
    fn dropping_the_oldest_step_never_makes_an_old_state_current() {
        // Limit 2: three edits drop the first. Undoing twice reaches the state after the
        // first edit, which differs from the start, so its id must differ from 0.
        let mut model = Model::named("m");
        let start = model.clone();
        let mut history = History::with_limit(2);
        let saved = SavedPoint::at(&history, &model);
        for x in 1..=3 {
            step(&mut history, &mut model, "Move", ("a", f64::from(x)));
        }
        history.undo(&mut model).unwrap();
        history.undo(&mut model).unwrap();
        assert_eq!(
            history.undo(&mut model),
            Err(HistoryError::Nothing { undo: true })
        );
        assert_ne!(history.state(), 0);
        assert_ne!(model, start);
        assert!(saved.differs(&history, &model));
    }

    #[test]
    fn an_edit_reversed_by_hand_counts_as_clean() {
        let mut model = Model::named("m");
        let mut history = History::default();
        step(&mut history, &mut model, "Move", ("a", 1.0));
        let saved = SavedPoint::at(&history, &model);
        step(&mut history, &mut model, "Move", ("a", 5.0));
        assert!(saved.differs(&history, &model));
        step(&mut history, &mut model, "Move", ("a", 1.0));
        assert!(!saved.differs(&history, &model));
        assert!(SavedPoint::never().differs(&history, &model));
    }
}

#[cfg(test)]
mod properties {
    use proptest::prelude::*;

    use super::*;
    use crate::model::Position;

    #[derive(Clone, Debug)]
    enum Op {
        /// Moves one of three ids to one of three places (so states repeat by chance).
        Move {
            id: u8,
            x: u8,
            merge: bool,
        },
        Rename(u8),
        Undo,
        Redo,
        Save,
        Seal,
    }

    fn op() -> impl Strategy<Value = Op> {
        prop_oneof![
            4 => (0u8..3, 0u8..3, any::<bool>()).prop_map(|(id, x, merge)| Op::Move { id, x, merge }),
            1 => (0u8..3).prop_map(Op::Rename),
            3 => Just(Op::Undo),
            2 => Just(Op::Redo),
            1 => Just(Op::Save),
            1 => Just(Op::Seal),
        ]
    }

    fn edit(op: &Op) -> Option<(Edit, Option<String>)> {
        match *op {
            Op::Move { id, x, merge } => Some((
                Edit::SetPosition {
                    id: format!("n{id}"),
                    position: Some(Position {
                        x: f64::from(x),
                        y: 0.0,
                    }),
                },
                merge.then(|| format!("move:{id}")),
            )),
            Op::Rename(n) => Some((
                Edit::SetInfo {
                    name: format!("name {n}"),
                    description: String::new(),
                },
                None,
            )),
            _ => None,
        }
    }

    /// Runs `ops` and checks after each that dirty ⇔ the model differs from the saved one,
    /// and that equal state ids only ever go with equal models.
    fn run(limit: usize, ops: &[Op]) -> Result<(), TestCaseError> {
        let mut model = Model::named("start");
        let mut history = History::with_limit(limit);
        let mut saved_point = SavedPoint::at(&history, &model);
        let mut saved_model = model.clone();
        let mut seen: std::collections::HashMap<u64, Model> = Default::default();
        seen.insert(history.state(), model.clone());
        for op in ops {
            match op {
                Op::Undo => {
                    let _ = history.undo(&mut model);
                }
                Op::Redo => {
                    let _ = history.redo(&mut model);
                }
                Op::Save => {
                    saved_point = SavedPoint::at(&history, &model);
                    saved_model = model.clone();
                    history.seal();
                }
                Op::Seal => history.seal(),
                _ => {
                    let (edit, key) = edit(op).expect("an edit");
                    history.apply(&mut model, "edit", edit, key).unwrap();
                }
            }
            prop_assert_eq!(
                saved_point.differs(&history, &model),
                model != saved_model,
                "after {:?}",
                op
            );
            let earlier = seen.entry(history.state()).or_insert_with(|| model.clone());
            prop_assert_eq!(&*earlier, &model, "one state id, two models");
        }
        Ok(())
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]

        #[test]
        fn dirty_is_true_exactly_when_the_model_differs(ops in prop::collection::vec(op(), 1..80)) {
            // Sequences reach far past a limit of 6, so old steps are dropped often.
            run(6, &ops)?;
        }

        #[test]
        fn undoing_everything_restores_the_exact_start(
            moves in prop::collection::vec((0u8..3, 0u8..3), 1..40),
        ) {
            let mut model = Model::named("start");
            let start = model.clone();
            let mut history = History::with_limit(64);
            for (id, x) in &moves {
                let (edit, _) = edit(&Op::Move { id: *id, x: *x, merge: false }).expect("an edit");
                history.apply(&mut model, "move", edit, None).unwrap();
            }
            let end = model.clone();
            while history.undo(&mut model).is_ok() {}
            prop_assert_eq!(&model, &start);
            while history.redo(&mut model).is_ok() {}
            prop_assert_eq!(&model, &end);
        }
    }

    #[test]
    fn sequences_longer_than_the_real_limit_stay_truthful() {
        // 501 edits then 500 undos: the reproducer, at the real limit of 500.
        let mut ops: Vec<Op> = (0..=LIMIT)
            .map(|i| Op::Move {
                id: (i % 3) as u8,
                x: (i % 3) as u8,
                merge: false,
            })
            .collect();
        ops.extend(std::iter::repeat_n(Op::Undo, LIMIT));
        run(LIMIT, &ops).unwrap();
    }
}
