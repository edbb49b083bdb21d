//! Undoable edits: the one path by which the editor changes a model.
//!
//! An [`Edit`] is a small, absolute change (insert, remove or replace one entity, move one
//! position, replace the settings) that names the entity it changes by its [`Key`], never by
//! its place in a list. Applying it returns its inverse, so undo is applying the inverse. [`actions`] builds the edits for whole user actions as one [`Edit::Batch`],
//! which undoes in one step; [`history`] keeps them for undo and redo; [`fixes`] offers the
//! edits that resolve a finding.

pub mod actions;
pub mod fixes;
pub mod history;

use std::fmt;

use crate::format::Shown;
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

/// Which entity an edit is about: a domain, team or service by its id, a dependency or an
/// interaction by the ids it joins. Never a place in a list, which moves when anything
/// before it is added or removed.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Key {
    Domain(String),
    Team(String),
    Service(String),
    Dependency { from: String, to: String },
    Interaction { from: String, to: String },
}

/// Every entity of `model`, list by list: domains, teams, services, dependencies and
/// interactions.
fn entities(model: &Model) -> impl Iterator<Item = Entity> + '_ {
    let domains = model.domains.iter().cloned().map(Entity::Domain);
    let teams = model.teams.iter().cloned().map(Entity::Team);
    let services = model.services.iter().cloned().map(Entity::Service);
    let dependencies = model.dependencies.iter().cloned().map(Entity::Dependency);
    let interactions = model.interactions.iter().cloned().map(Entity::Interaction);
    domains
        .chain(teams)
        .chain(services)
        .chain(dependencies)
        .chain(interactions)
}

impl Entity {
    /// Its own id, where it has one, and the ids it refers to: what a new id for an entity
    /// changes.
    fn ids_mut(&mut self) -> Vec<&mut String> {
        match self {
            Entity::Domain(d) => vec![&mut d.id],
            Entity::Team(t) => std::iter::once(&mut t.id).chain(&mut t.domain).collect(),
            Entity::Service(s) => std::iter::once(&mut s.id).chain(&mut s.owner).collect(),
            Entity::Dependency(d) => vec![&mut d.from, &mut d.to],
            Entity::Interaction(i) => vec![&mut i.from, &mut i.to],
        }
    }

    /// The key that finds this entity in a model.
    pub fn key(&self) -> Key {
        match self {
            Entity::Domain(d) => d.key(),
            Entity::Team(t) => t.key(),
            Entity::Service(s) => s.key(),
            Entity::Dependency(d) => d.key(),
            Entity::Interaction(i) => i.key(),
        }
    }
}

impl fmt::Display for Key {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Key::Domain(id) => write!(f, "domain `{}`", Shown(id)),
            Key::Team(id) => write!(f, "team `{}`", Shown(id)),
            Key::Service(id) => write!(f, "service `{}`", Shown(id)),
            Key::Dependency { from, to } => {
                write!(f, "dependency `{}` → `{}`", Shown(from), Shown(to))
            }
            Key::Interaction { from, to } => {
                write!(f, "interaction `{}` ⇄ `{}`", Shown(from), Shown(to))
            }
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub enum Edit {
    /// Adds an entity just before the one `before` names, or at the end of its list. Boxed,
    /// as in `Replace`: a service is the largest entity, and most edits are far smaller.
    Insert {
        entity: Box<Entity>,
        before: Option<Key>,
    },
    /// Removes the entity the key names.
    Remove(Key),
    /// Puts `new` where `old` is (a new id renames it). Refused unless `old` is still exactly
    /// what the model holds, so an edit built from an older model never overwrites a change
    /// made since. Boxed: most edits are far smaller than two entities.
    Replace {
        old: Box<Entity>,
        new: Box<Entity>,
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

/// An edit that does not fit the model it is applied to: the entity it names is gone or was
/// changed since the edit was made. Reported rather than panicking; the model is left as it
/// was.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EditError(String);

impl fmt::Display for EditError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for EditError {}

/// A type stored in one of the model's lists, and the key that finds it.
trait Listed: Sized + PartialEq {
    fn wrap(self) -> Entity;
    fn items(model: &mut Model) -> &mut Vec<Self>;
    fn key(&self) -> Key;
    fn has_key(&self, key: &Key) -> bool;
}

/// Implements [`Listed`] for a type: domains, teams and services are found by their `id`,
/// dependencies and interactions by the ids they join, `from` and `to`.
macro_rules! listed {
    ($type:ty, $variant:ident, $field:ident, $($end:ident),+) => {
        impl Listed for $type {
            fn wrap(self) -> Entity {
                Entity::$variant(self)
            }
            fn items(model: &mut Model) -> &mut Vec<Self> {
                &mut model.$field
            }
            fn key(&self) -> Key {
                listed!(@key self, $variant, $($end),+)
            }
            fn has_key(&self, key: &Key) -> bool {
                listed!(@has self, key, $variant, $($end),+)
            }
        }
    };
    (@key $item:ident, $variant:ident, id) => {
        Key::$variant($item.id.clone())
    };
    (@key $item:ident, $variant:ident, from, to) => {
        Key::$variant {
            from: $item.from.clone(),
            to: $item.to.clone(),
        }
    };
    (@has $item:ident, $key:ident, $variant:ident, id) => {
        matches!($key, Key::$variant(id) if *id == $item.id)
    };
    (@has $item:ident, $key:ident, $variant:ident, from, to) => {
        matches!($key, Key::$variant { from, to } if *from == $item.from && *to == $item.to)
    };
}

listed!(Domain, Domain, domains, id);
listed!(Team, Team, teams, id);
listed!(Service, Service, services, id);
listed!(Dependency, Dependency, dependencies, from, to);
listed!(Interaction, Interaction, interactions, from, to);

fn missing(key: &Key) -> EditError {
    EditError(format!("the {key} no longer exists"))
}

/// Where the entity `key` names sits in its list.
fn find<T: Listed>(model: &mut Model, key: &Key) -> Result<usize, EditError> {
    T::items(model)
        .iter()
        .position(|item| item.has_key(key))
        .ok_or_else(|| missing(key))
}

fn insert<T: Listed>(model: &mut Model, item: T, before: Option<&Key>) -> Result<(), EditError> {
    let at = match before {
        Some(key) => find::<T>(model, key)?,
        None => T::items(model).len(),
    };
    T::items(model).insert(at, item);
    Ok(())
}

/// Removes the item `key` names; returns it, with the key of the item that followed it.
fn remove<T: Listed>(model: &mut Model, key: &Key) -> Result<(Entity, Option<Key>), EditError> {
    let at = find::<T>(model, key)?;
    let items = T::items(model);
    let removed = items.remove(at);
    let next = items.get(at).map(Listed::key);
    Ok((removed.wrap(), next))
}

fn replace<T: Listed>(model: &mut Model, old: &T, new: T) -> Result<(), EditError> {
    let key = old.key();
    let at = find::<T>(model, &key)?;
    let slot = &mut T::items(model)[at];
    if slot != old {
        return Err(EditError(format!("the {key} was changed since")));
    }
    *slot = new;
    Ok(())
}

impl Edit {
    /// The domains, teams and services this edit gives a new id, as (old id, new id) in the
    /// order it does so: what a selection follows.
    pub fn renamed_ids(&self) -> Vec<(String, String)> {
        let mut renames = Vec::new();
        self.collect_renames(&mut renames);
        renames
    }

    fn collect_renames(&self, renames: &mut Vec<(String, String)>) {
        match self {
            Edit::Replace { old, new } => {
                let (old, new) = (old.key(), new.key());
                if let (Key::Domain(a), Key::Domain(b))
                | (Key::Team(a), Key::Team(b))
                | (Key::Service(a), Key::Service(b)) = (old, new)
                    && a != b
                {
                    renames.push((a, b));
                }
            }
            Edit::Batch(edits) => edits.iter().for_each(|e| e.collect_renames(renames)),
            _ => {}
        }
    }

    /// Applies the edit and returns the edit that undoes it. On error the model is unchanged.
    pub fn apply(self, model: &mut Model) -> Result<Edit, EditError> {
        match self {
            Edit::Insert { entity, before } => {
                let key = entity.key();
                let before = before.as_ref();
                match *entity {
                    Entity::Domain(d) => insert(model, d, before),
                    Entity::Team(t) => insert(model, t, before),
                    Entity::Service(s) => insert(model, s, before),
                    Entity::Dependency(d) => insert(model, d, before),
                    Entity::Interaction(i) => insert(model, i, before),
                }?;
                Ok(Edit::Remove(key))
            }
            Edit::Remove(key) => {
                let (entity, before) = match &key {
                    Key::Domain(_) => remove::<Domain>(model, &key),
                    Key::Team(_) => remove::<Team>(model, &key),
                    Key::Service(_) => remove::<Service>(model, &key),
                    Key::Dependency { .. } => remove::<Dependency>(model, &key),
                    Key::Interaction { .. } => remove::<Interaction>(model, &key),
                }?;
                Ok(Edit::Insert {
                    entity: Box::new(entity),
                    before,
                })
            }
            Edit::Replace { old, new } => {
                match (&*old, (*new).clone()) {
                    (Entity::Domain(o), Entity::Domain(n)) => replace(model, o, n),
                    (Entity::Team(o), Entity::Team(n)) => replace(model, o, n),
                    (Entity::Service(o), Entity::Service(n)) => replace(model, o, n),
                    (Entity::Dependency(o), Entity::Dependency(n)) => replace(model, o, n),
                    (Entity::Interaction(o), Entity::Interaction(n)) => replace(model, o, n),
                    _ => Err(EditError(format!(
                        "the {} cannot become the {}",
                        old.key(),
                        new.key()
                    ))),
                }?;
                Ok(Edit::Replace { old: new, new: old })
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

    /// Team `a` and service `s`.
    fn model() -> Model {
        Model {
            teams: vec![Team::new("a", "A", TeamKind::Product)],
            services: vec![Service::new("s", "S", ServiceKind::Digital)],
            ..Model::named("m")
        }
    }

    fn team(id: &str, name: &str) -> Entity {
        Entity::Team(Team::new(id, name, TeamKind::Product))
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
            entity: Box::new(Entity::Team(Team::new("b", "B", TeamKind::Operations))),
            before: Some(Key::Team("a".into())),
        });
        assert_eq!(inserted.teams[0].id, "b");
        let removed = round_trip(Edit::Remove(Key::Service("s".into())));
        assert!(removed.services.is_empty());
        let replaced = round_trip(Edit::Replace {
            old: Box::new(team("a", "A")),
            new: Box::new(team("a", "Renamed")),
        });
        assert_eq!(replaced.teams[0].name, "Renamed");
        let renamed = round_trip(Edit::Replace {
            old: Box::new(team("a", "A")),
            new: Box::new(team("z", "A")),
        });
        assert_eq!(renamed.teams[0].id, "z");
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
    fn an_edit_naming_what_is_gone_or_changed_is_refused_and_changes_nothing() {
        let mut model = model();
        let before = model.clone();
        let error = Edit::Remove(Key::Domain("d".into()))
            .apply(&mut model)
            .unwrap_err();
        assert_eq!(error.to_string(), "the domain `d` no longer exists");
        let error = Edit::Insert {
            entity: Box::new(team("b", "B")),
            before: Some(Key::Team("gone".into())),
        }
        .apply(&mut model)
        .unwrap_err();
        assert_eq!(error.to_string(), "the team `gone` no longer exists");
        // Built from a model where team `a` was still called "Old".
        let error = Edit::Replace {
            old: Box::new(team("a", "Old")),
            new: Box::new(team("a", "New")),
        }
        .apply(&mut model)
        .unwrap_err();
        assert_eq!(error.to_string(), "the team `a` was changed since");
        assert_eq!(model, before);
    }

    #[test]
    fn a_removal_undone_puts_the_entity_back_in_its_place() {
        let mut model = model();
        model.teams.push(Team::new("b", "B", TeamKind::Product));
        model.teams.push(Team::new("c", "C", TeamKind::Product));
        let before = model.clone();
        // `a` and `b` go, in either order; undoing puts both back before `c`.
        for order in [["a", "b"], ["b", "a"]] {
            let mut changed = before.clone();
            let removals = order.map(|id| Edit::Remove(Key::Team(id.into())));
            let inverse = Edit::Batch(removals.to_vec()).apply(&mut changed).unwrap();
            assert_eq!(changed.teams.len(), 1);
            inverse.apply(&mut changed).unwrap();
            assert_eq!(changed, before, "removed in the order {order:?}");
        }
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
            Edit::Remove(Key::Team("a".into())),
            // The team is gone now, so this one does not fit.
            Edit::Remove(Key::Team("a".into())),
        ]);
        assert!(batch.apply(&mut model).is_err());
        assert_eq!(model, before);
    }

    #[test]
    fn a_batch_is_undone_in_reverse_order() {
        // Insert then replace the inserted team: undoing in order would find it changed.
        let after = round_trip(Edit::Batch(vec![
            Edit::Insert {
                entity: Box::new(team("b", "B")),
                before: None,
            },
            Edit::Replace {
                old: Box::new(team("b", "B")),
                new: Box::new(team("b", "Bee")),
            },
        ]));
        assert_eq!(after.teams.len(), 2);
        assert_eq!(after.teams[1].name, "Bee");
    }
}
