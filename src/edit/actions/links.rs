//! The links of a model: dependencies between services and interactions between teams,
//! added, removed or, for an interaction, given another mode. Each end must be an entity
//! of the right kind, and a link is never added twice.

use super::{appended, gone, replaced};
use crate::edit::{Edit, Entity, Key, Listed};
use crate::model::{Dependency, Interaction, InteractionMode, Model};

pub fn add_dependency(model: &Model, from: &str, to: &str) -> Result<Edit, String> {
    for end in [from, to] {
        if model.service(end).is_none() {
            return Err(match model.entity_kind(end) {
                Some(kind) => format!(
                    "Only services have dependencies, and `{end}` is a {}.",
                    kind.label()
                ),
                None => format!("There is no service `{end}`."),
            });
        }
    }
    let dependency = Dependency {
        from: from.to_owned(),
        to: to.to_owned(),
    };
    if model.dependencies.contains(&dependency) {
        return Err(format!("`{from}` already depends on `{to}`."));
    }
    Ok(appended(Entity::Dependency(dependency)))
}

/// Removes the link `key` names from `links`, refused when it is gone: the `what` names it.
fn removed<T: Listed>(links: &[T], key: Key, what: &str) -> Result<Edit, String> {
    if !links.iter().any(|link| link.has_key(&key)) {
        return Err(gone(what));
    }
    Ok(Edit::Remove(key))
}

pub fn remove_dependency(model: &Model, from: &str, to: &str) -> Result<Edit, String> {
    let (from, to) = (from.to_owned(), to.to_owned());
    let key = Key::Dependency { from, to };
    removed(&model.dependencies, key, "dependency")
}

pub fn add_interaction(
    model: &Model,
    from: &str,
    to: &str,
    mode: InteractionMode,
) -> Result<Edit, String> {
    for end in [from, to] {
        if model.team(end).is_none() {
            return Err(format!(
                "Interactions are between teams, and `{end}` is not a team."
            ));
        }
    }
    if from == to {
        return Err("A team cannot interact with itself.".to_owned());
    }
    if model
        .interactions
        .iter()
        .any(|i| (i.from == from && i.to == to) || (i.from == to && i.to == from))
    {
        return Err(format!("`{from}` and `{to}` already have an interaction."));
    }
    Ok(appended(Entity::Interaction(Interaction {
        from: from.to_owned(),
        to: to.to_owned(),
        mode,
    })))
}

/// Changes an interaction's mode.
pub fn set_interaction_mode(
    model: &Model,
    from: &str,
    to: &str,
    mode: InteractionMode,
) -> Result<Edit, String> {
    let old = model
        .interactions
        .iter()
        .find(|i| i.from == from && i.to == to)
        .ok_or_else(|| gone("interaction"))?;
    let new = Interaction {
        mode,
        ..old.clone()
    };
    Ok(replaced(
        Entity::Interaction(old.clone()),
        Entity::Interaction(new),
    ))
}

pub fn remove_interaction(model: &Model, from: &str, to: &str) -> Result<Edit, String> {
    let (from, to) = (from.to_owned(), to.to_owned());
    let key = Key::Interaction { from, to };
    removed(&model.interactions, key, "interaction")
}
