//! Undoable edits: the one path by which the editor changes a model.
//!
//! An [`Edit`] is a small, absolute change (insert, remove or replace one entity, move one
//! position, replace the settings). Applying it returns its inverse, so undo is applying the
//! inverse. [`actions`] builds the edits for whole user actions as one [`Edit::Batch`],
//! which undoes in one step; [`history`] keeps them for undo and redo; [`fixes`] offers the
//! edits that resolve a finding.

pub mod actions;
pub mod fixes;
pub mod history;

use std::fmt;

use crate::model::{Dependency, Domain, Interaction, Model, Position, Service, Settings, Team};

/// One thing held in one of the model's lists.
#[derive(Clone, Debug, PartialEq)]
pub enum Entity {
    Domain(Domain),
    Team(Team),
    Service(Service),
    Dependency(Dependency),
    Interaction(Interaction),
}

/// The model's lists, for [`Edit::Remove`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum List {
    Domains,
    Teams,
    Services,
    Dependencies,
    Interactions,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Edit {
    Insert {
        index: usize,
        entity: Entity,
    },
    Remove {
        list: List,
        index: usize,
    },
    Replace {
        index: usize,
        entity: Entity,
    },
    /// Sets (or, with `None`, forgets) the canvas position of an id.
    SetPosition {
        id: String,
        position: Option<Position>,
    },
    SetSettings(Box<Settings>),
    SetInfo {
        name: String,
        description: String,
    },
    /// Several edits applied in order, undone in reverse order.
    Batch(Vec<Edit>),
}

/// An edit that does not fit the model it is applied to: a bug in the caller, reported
/// rather than panicking. The model is left as it was.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EditError(String);

impl fmt::Display for EditError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for EditError {}

/// A type stored in one of the model's lists.
trait Listed: Sized {
    fn wrap(self) -> Entity;
    fn items(model: &mut Model) -> &mut Vec<Self>;
}

macro_rules! listed {
    ($type:ty, $variant:ident, $field:ident) => {
        impl Listed for $type {
            fn wrap(self) -> Entity {
                Entity::$variant(self)
            }
            fn items(model: &mut Model) -> &mut Vec<Self> {
                &mut model.$field
            }
        }
    };
}

listed!(Domain, Domain, domains);
listed!(Team, Team, teams);
listed!(Service, Service, services);
listed!(Dependency, Dependency, dependencies);
listed!(Interaction, Interaction, interactions);

fn out_of_range(index: usize, len: usize) -> EditError {
    EditError(format!("position {index} is outside a list of {len}"))
}

fn insert<T: Listed>(model: &mut Model, index: usize, item: T) -> Result<(), EditError> {
    let items = T::items(model);
    if index > items.len() {
        return Err(out_of_range(index, items.len()));
    }
    items.insert(index, item);
    Ok(())
}

fn remove<T: Listed>(model: &mut Model, index: usize) -> Result<Entity, EditError> {
    let items = T::items(model);
    if index >= items.len() {
        return Err(out_of_range(index, items.len()));
    }
    Ok(items.remove(index).wrap())
}

fn replace<T: Listed>(model: &mut Model, index: usize, item: T) -> Result<Entity, EditError> {
    let items = T::items(model);
    match items.get_mut(index) {
        Some(slot) => Ok(std::mem::replace(slot, item).wrap()),
        None => Err(out_of_range(index, items.len())),
    }
}

impl Edit {
    /// Applies the edit and returns the edit that undoes it. On error the model is unchanged.
    pub fn apply(self, model: &mut Model) -> Result<Edit, EditError> {
        match self {
            Edit::Insert { index, entity } => {
                let list = match entity {
                    Entity::Domain(d) => insert(model, index, d).map(|()| List::Domains),
                    Entity::Team(t) => insert(model, index, t).map(|()| List::Teams),
                    Entity::Service(s) => insert(model, index, s).map(|()| List::Services),
                    Entity::Dependency(d) => insert(model, index, d).map(|()| List::Dependencies),
                    Entity::Interaction(i) => insert(model, index, i).map(|()| List::Interactions),
                }?;
                Ok(Edit::Remove { list, index })
            }
            Edit::Remove { list, index } => {
                let entity = match list {
                    List::Domains => remove::<Domain>(model, index),
                    List::Teams => remove::<Team>(model, index),
                    List::Services => remove::<Service>(model, index),
                    List::Dependencies => remove::<Dependency>(model, index),
                    List::Interactions => remove::<Interaction>(model, index),
                }?;
                Ok(Edit::Insert { index, entity })
            }
            Edit::Replace { index, entity } => {
                let entity = match entity {
                    Entity::Domain(d) => replace(model, index, d),
                    Entity::Team(t) => replace(model, index, t),
                    Entity::Service(s) => replace(model, index, s),
                    Entity::Dependency(d) => replace(model, index, d),
                    Entity::Interaction(i) => replace(model, index, i),
                }?;
                Ok(Edit::Replace { index, entity })
            }
            Edit::SetPosition { id, position } => {
                let old = match position {
                    Some(position) => model.layout.insert(id.clone(), position),
                    None => model.layout.remove(&id),
                };
                Ok(Edit::SetPosition { id, position: old })
            }
            Edit::SetSettings(settings) => {
                let old = std::mem::replace(&mut model.settings, *settings);
                Ok(Edit::SetSettings(Box::new(old)))
            }
            Edit::SetInfo { name, description } => Ok(Edit::SetInfo {
                name: std::mem::replace(&mut model.name, name),
                description: std::mem::replace(&mut model.description, description),
            }),
            Edit::Batch(edits) => {
                let mut inverses = Vec::with_capacity(edits.len());
                for edit in edits {
                    match edit.apply(model) {
                        Ok(inverse) => inverses.push(inverse),
                        Err(error) => {
                            for inverse in inverses.into_iter().rev() {
                                // Undoing what was just applied always fits the model.
                                let _ = inverse.apply(model);
                            }
                            return Err(error);
                        }
                    }
                }
                inverses.reverse();
                Ok(Edit::Batch(inverses))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{ServiceKind, TeamKind};

    fn model() -> Model {
        let mut model = Model::named("m");
        model.teams.push(Team::new("a", "A", TeamKind::Product));
        model
            .services
            .push(Service::new("s", "S", ServiceKind::Digital));
        model
    }

    /// Applies `edit`, then its inverse, and checks the model is back where it started.
    fn round_trip(edit: Edit) -> Model {
        let mut model = model();
        let before = model.clone();
        let inverse = edit.apply(&mut model).expect("the edit fits");
        let after = model.clone();
        let redo = inverse.apply(&mut model).expect("the inverse fits");
        assert_eq!(model, before, "the inverse undoes the edit");
        redo.apply(&mut model)
            .expect("the inverse of the inverse fits");
        assert_eq!(model, after, "and its inverse redoes it");
        after
    }

    #[test]
    fn every_kind_of_edit_is_undone_by_its_inverse() {
        let inserted = round_trip(Edit::Insert {
            index: 0,
            entity: Entity::Team(Team::new("b", "B", TeamKind::Operations)),
        });
        assert_eq!(inserted.teams[0].id, "b");
        let removed = round_trip(Edit::Remove {
            list: List::Services,
            index: 0,
        });
        assert!(removed.services.is_empty());
        let replaced = round_trip(Edit::Replace {
            index: 0,
            entity: Entity::Team(Team::new("a", "Renamed", TeamKind::Product)),
        });
        assert_eq!(replaced.teams[0].name, "Renamed");
        let moved = round_trip(Edit::SetPosition {
            id: "a".into(),
            position: Some(Position { x: 3.0, y: 4.0 }),
        });
        assert_eq!(moved.layout["a"], Position { x: 3.0, y: 4.0 });
        let settings = Settings {
            currency: "EUR".into(),
            ..Settings::default()
        };
        let set = round_trip(Edit::SetSettings(Box::new(settings)));
        assert_eq!(set.settings.currency, "EUR");
        let info = round_trip(Edit::SetInfo {
            name: "n".into(),
            description: "d".into(),
        });
        assert_eq!((info.name.as_str(), info.description.as_str()), ("n", "d"));
    }

    #[test]
    fn an_edit_outside_its_list_is_refused_and_changes_nothing() {
        let mut model = model();
        let before = model.clone();
        let error = Edit::Remove {
            list: List::Domains,
            index: 0,
        }
        .apply(&mut model)
        .unwrap_err();
        assert_eq!(error.to_string(), "position 0 is outside a list of 0");
        let error = Edit::Insert {
            index: 5,
            entity: Entity::Team(Team::new("b", "B", TeamKind::Product)),
        }
        .apply(&mut model)
        .unwrap_err();
        assert_eq!(error.to_string(), "position 5 is outside a list of 1");
        assert_eq!(model, before);
    }

    #[test]
    fn a_batch_that_fails_half_way_rolls_back_what_it_applied() {
        let mut model = model();
        let before = model.clone();
        let batch = Edit::Batch(vec![
            Edit::SetPosition {
                id: "a".into(),
                position: Some(Position { x: 1.0, y: 1.0 }),
            },
            Edit::Remove {
                list: List::Teams,
                index: 0,
            },
            // The team list is now empty, so this one does not fit.
            Edit::Remove {
                list: List::Teams,
                index: 0,
            },
        ]);
        assert!(batch.apply(&mut model).is_err());
        assert_eq!(model, before);
    }

    #[test]
    fn a_batch_is_undone_in_reverse_order() {
        // Insert at 0 then replace at 0: undoing in order would replace the wrong team.
        let after = round_trip(Edit::Batch(vec![
            Edit::Insert {
                index: 0,
                entity: Entity::Team(Team::new("b", "B", TeamKind::Product)),
            },
            Edit::Replace {
                index: 0,
                entity: Entity::Team(Team::new("b", "Bee", TeamKind::Product)),
            },
        ]));
        assert_eq!(after.teams.len(), 2);
        assert_eq!(after.teams[0].name, "Bee");
    }
}
