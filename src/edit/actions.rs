//! Whole user actions — add, update, rename, connect, delete — turned into one [`Edit`] each,
//! so every action undoes in one step and never leaves a dangling reference behind. Copy,
//! paste and duplicate are in [`clipboard`]; dependencies and interactions in [`links`];
//! changes of several entities at once in [`many`]; the model's settings and name in
//! [`settings`].
//!
//! Builders check what a person could get wrong (an empty or taken id, a dependency on a
//! team) and refuse with a message for them; what they return always applies cleanly.

mod clipboard;
mod links;
mod many;
mod settings;

pub use clipboard::{Pasted, copied, duplicate, paste, read};
pub use links::{
    add_dependency, add_interaction, remove_dependency, remove_interaction, set_interaction_mode,
};
pub use many::{chained, update_services_and_place, update_teams_and_place, with_rehoming};
pub use settings::{next_band, set_info, set_settings};

use std::collections::HashSet;

use crate::edit::{Edit, Entity, Key, entities};
use crate::model::{
    Demand, Domain, EntityKind, Model, OperatingModel, OutOfHours, Position, Service, Team,
    follows_name, id_from_name, limits, next_free, positions_by_id, validate, validate_service,
};

/// Why an id cannot be used, or `Ok` when it can.
pub fn check_id(model: &Model, id: &str) -> Result<(), String> {
    if id.trim().is_empty() {
        return Err("An id cannot be empty.".to_owned());
    }
    if id.trim() != id {
        return Err("An id cannot start or end with a space.".to_owned());
    }
    not_too_long(id, "An id")?;
    match model.entity_kind(id) {
        Some(kind) => Err(format!("`{id}` is already the id of a {}.", kind.label())),
        None => Ok(()),
    }
}

/// Refuses a name or id longer than a model file may hold, so that what the editor saves
/// always loads.
fn not_too_long(text: &str, what: &str) -> Result<(), String> {
    let count = text.chars().count();
    if count > limits::NAME_CHARS {
        return Err(format!(
            "{what} can have at most {} characters; this one has {count}.",
            limits::NAME_CHARS
        ));
    }
    Ok(())
}

fn with_position(id: &str, insert: Edit, at: Position) -> Edit {
    Edit::Batch(vec![
        insert,
        Edit::SetPosition {
            id: id.to_owned(),
            position: Some(at),
        },
    ])
}

pub fn add_team(model: &Model, team: Team, at: Position) -> Result<Edit, String> {
    check_id(model, &team.id)?;
    let id = team.id.clone();
    Ok(with_position(&id, appended(Entity::Team(team)), at))
}

pub fn add_service(model: &Model, service: Service, at: Position) -> Result<Edit, String> {
    check_id(model, &service.id)?;
    if let Some(owner) = &service.owner
        && model.team(owner).is_none()
    {
        return Err(format!("There is no team `{owner}` to own the service."));
    }
    let id = service.id.clone();
    Ok(with_position(&id, appended(Entity::Service(service)), at))
}

pub fn add_domain(model: &Model, domain: Domain, at: Position) -> Result<Edit, String> {
    check_id(model, &domain.id)?;
    let id = domain.id.clone();
    Ok(with_position(&id, appended(Entity::Domain(domain)), at))
}

/// Adds an entity at the end of its list.
fn appended(entity: Entity) -> Edit {
    Edit::Insert {
        entity: Box::new(entity),
        before: None,
    }
}

fn replaced(old: Entity, new: Entity) -> Edit {
    Edit::Replace {
        old: Box::new(old),
        new: Box::new(new),
    }
}

fn gone(what: &str) -> String {
    format!("The {what} no longer exists.")
}

/// A copy of `found`, the `what` an action changes, changed as `change` says; refused when
/// it no longer exists.
fn changed<T: Clone>(
    found: Option<&T>,
    what: &str,
    change: impl FnOnce(&mut T),
) -> Result<T, String> {
    let mut entity = found.ok_or_else(|| gone(what))?.clone();
    change(&mut entity);
    Ok(entity)
}

/// Replaces a team's stored fields, keeping its id (see [`rename`] for ids).
pub fn update_team(model: &Model, team: Team) -> Result<Edit, String> {
    let old = model.team(&team.id).ok_or_else(|| gone("team"))?;
    not_too_long(&team.name, "A name")?;
    if let Some(domain) = &team.domain
        && model.domain(domain).is_none()
    {
        return Err(format!("There is no domain `{domain}`."));
    }
    Ok(replaced(Entity::Team(old.clone()), Entity::Team(team)))
}

/// Replaces a service's stored fields, keeping its id, after checking its values.
pub fn update_service(model: &Model, service: Service) -> Result<Edit, String> {
    let index = model
        .services
        .iter()
        .position(|s| s.id == service.id)
        .ok_or_else(|| gone("service"))?;
    not_too_long(&service.name, "A name")?;
    for tag in &service.compliance {
        not_too_long(tag, "A compliance tag")?;
    }
    validate_service(model, index, &service).map_err(|e| e.message)?;
    let old = model.services[index].clone();
    Ok(replaced(Entity::Service(old), Entity::Service(service)))
}

pub fn update_domain(model: &Model, domain: Domain) -> Result<Edit, String> {
    let old = model.domain(&domain.id).ok_or_else(|| gone("domain"))?;
    not_too_long(&domain.name, "A name")?;
    Ok(replaced(
        Entity::Domain(old.clone()),
        Entity::Domain(domain),
    ))
}

pub fn set_owner(model: &Model, service_id: &str, owner: Option<&str>) -> Result<Edit, String> {
    let service = changed(model.service(service_id), "service", |s| {
        s.owner = owner.map(str::to_owned);
    })?;
    if let Some(owner) = owner
        && model.team(owner).is_none()
    {
        return Err(format!(
            "`{owner}` is not a team, so it cannot own a service."
        ));
    }
    update_service(model, service)
}

/// Moves entities on the canvas; one batch, so one drag or one auto-layout undoes at once.
pub fn move_to(positions: Vec<(String, Position)>) -> Edit {
    Edit::Batch(
        positions
            .into_iter()
            .map(|(id, position)| Edit::SetPosition {
                id,
                position: Some(position),
            })
            .collect(),
    )
}

/// Removals of the entities matching `doomed`.
fn remove_where<T: Clone>(
    items: &[T],
    wrap: fn(T) -> Entity,
    doomed: impl Fn(&T) -> bool,
) -> Vec<Edit> {
    items
        .iter()
        .filter(|item| doomed(item))
        .map(|item| Edit::Remove(wrap(item.clone()).key()))
        .collect()
}

/// Deletes a team, service or domain and cleans up everything that refers to it: owners,
/// domains, dependencies, interactions and its canvas position.
pub fn delete(model: &Model, id: &str) -> Result<Edit, String> {
    let kind = model
        .entity_kind(id)
        .ok_or_else(|| format!("There is nothing with the id `{id}`."))?;
    let mut edits = Vec::new();
    match kind {
        EntityKind::Team => {
            for service in model.services_of(id) {
                let mut orphan = service.clone();
                orphan.owner = None;
                edits.push(replaced(
                    Entity::Service(service.clone()),
                    Entity::Service(orphan),
                ));
            }
            edits.extend(remove_where(
                &model.interactions,
                Entity::Interaction,
                |i| i.from == id || i.to == id,
            ));
            edits.push(Edit::Remove(Key::Team(id.to_owned())));
        }
        EntityKind::Service => {
            edits.extend(remove_where(&model.dependencies, Entity::Dependency, |d| {
                d.from == id || d.to == id
            }));
            edits.push(Edit::Remove(Key::Service(id.to_owned())));
        }
        EntityKind::Domain => {
            for team in &model.teams {
                if team.domain.as_deref() == Some(id) {
                    let mut loose = team.clone();
                    loose.domain = None;
                    edits.push(replaced(Entity::Team(team.clone()), Entity::Team(loose)));
                }
            }
            edits.push(Edit::Remove(Key::Domain(id.to_owned())));
        }
    }
    if model.layout.contains_key(id) {
        edits.push(Edit::SetPosition {
            id: id.to_owned(),
            position: None,
        });
    }
    Ok(Edit::Batch(edits))
}

/// Gives an entity a new id and updates every reference to it.
pub fn rename(model: &Model, old: &str, new: &str) -> Result<Edit, String> {
    if old == new {
        return Ok(Edit::Batch(Vec::new()));
    }
    check_id(model, new)?;
    if model.entity_kind(old).is_none() {
        return Err(format!("There is nothing with the id `{old}`."));
    }
    let mut edits = Vec::new();
    for entity in entities(model) {
        let mut renamed = entity.clone();
        for id in renamed.ids_mut().into_iter().filter(|id| *id == old) {
            *id = new.to_owned();
        }
        if renamed != entity {
            edits.push(replaced(entity, renamed));
        }
    }
    if let Some(position) = model.layout.get(old) {
        edits.push(Edit::SetPosition {
            id: old.to_owned(),
            position: None,
        });
        edits.push(Edit::SetPosition {
            id: new.to_owned(),
            position: Some(*position),
        });
    }
    Ok(Edit::Batch(edits))
}

/// Gives an entity a new name. An id that still follows the old name (see
/// [`follows_name`]) follows the new one — the new name's id, numbered when taken — with
/// every reference, in the same step. Returns the edit and the entity's id after it.
pub fn set_name(model: &Model, id: &str, name: &str) -> Result<(Edit, String), String> {
    let kind = model
        .entity_kind(id)
        .ok_or_else(|| format!("There is nothing with the id `{id}`."))?;
    let old_name = model.name_of(kind, id).unwrap_or_default();
    let new_name = || name.to_owned();
    let update = match kind {
        EntityKind::Team => update_team(
            model,
            changed(model.team(id), "team", |t| t.name = new_name())?,
        ),
        EntityKind::Service => update_service(
            model,
            changed(model.service(id), "service", |s| s.name = new_name())?,
        ),
        EntityKind::Domain => update_domain(
            model,
            changed(model.domain(id), "domain", |d| d.name = new_name())?,
        ),
    }?;
    if !follows_name(id, old_name, kind) {
        return Ok((update, id.to_owned()));
    }
    let new_id = next_free(&id_from_name(name, kind), '-', |candidate| {
        candidate != id && model.id_in_use(candidate)
    });
    if new_id == id {
        return Ok((update, new_id));
    }
    let mut named = model.clone();
    update
        .clone()
        .apply(&mut named)
        .map_err(|e| format!("The name cannot be changed: {e}."))?;
    let renamed = rename(&named, id, &new_id)?;
    Ok((Edit::Batch(vec![update, renamed]), new_id))
}

/// Sets how many people a team has.
pub fn set_members(model: &Model, team_id: &str, members: u32) -> Result<Edit, String> {
    update_team(
        model,
        changed(model.team(team_id), "team", |t| t.members = members)?,
    )
}

/// Puts a team in a domain, or in none.
pub fn set_team_domain(model: &Model, team_id: &str, domain: Option<&str>) -> Result<Edit, String> {
    let team = changed(model.team(team_id), "team", |t| {
        t.domain = domain.map(str::to_owned);
    })?;
    update_team(model, team)
}

/// Changes several services the same way, as one undoable step: a value set on every
/// selected row of the Assess view. The changed model is checked once, as the loader checks
/// a file, so a value it would refuse is refused with the loader's message and nothing
/// changes; a service the change leaves as it was adds nothing to the step.
pub fn update_services(
    model: &Model,
    service_ids: &[&str],
    change: impl Fn(&mut Service),
) -> Result<Edit, String> {
    let index = positions_by_id(&model.services, |s| s.id.as_str());
    let mut trial: Option<Model> = None;
    let mut edits = Vec::new();
    let mut seen = HashSet::new();
    for id in service_ids.iter().filter(|id| seen.insert(**id)) {
        let at = *index
            .get(id)
            .ok_or_else(|| format!("There is no service `{id}`."))?;
        let old = &model.services[at];
        let mut new = old.clone();
        change(&mut new);
        if new == *old {
            continue;
        }
        trial.get_or_insert_with(|| model.clone()).services[at] = new.clone();
        edits.push(replaced(Entity::Service(old.clone()), Entity::Service(new)));
    }
    if let Some(trial) = &trial {
        validate(trial).map_err(|e| e.message)?;
    }
    Ok(Edit::Batch(edits))
}

/// Adds `team` at `at` and gives it the service, as one step: the way out for an orphan in
/// a model that has no team yet.
pub fn add_owning_team(
    model: &Model,
    team: Team,
    service_id: &str,
    at: Position,
) -> Result<Edit, String> {
    let team_id = team.id.clone();
    let add = add_team(model, team, at)?;
    let mut with_team = model.clone();
    add.clone()
        .apply(&mut with_team)
        .map_err(|e| e.to_string())?;
    let own = set_owner(&with_team, service_id, Some(&team_id))?;
    Ok(Edit::Batch(vec![add, own]))
}

/// Sets a service's feature demand.
pub fn set_demand(model: &Model, service_id: &str, demand: Demand) -> Result<Edit, String> {
    update_services(model, &[service_id], |s| s.demand = demand)
}

/// Refuses an owner that is not a team.
fn check_owner(model: &Model, team_id: &str) -> Result<(), String> {
    match model.team(team_id) {
        Some(_) => Ok(()),
        None => Err(format!(
            "`{team_id}` is not a team, so it cannot own a service."
        )),
    }
}

/// Hands services to another owning team, as one undoable step.
pub fn move_services(model: &Model, service_ids: &[&str], team_id: &str) -> Result<Edit, String> {
    check_owner(model, team_id)?;
    update_services(model, service_ids, |s| s.owner = Some(team_id.to_owned()))
}

/// Hands a service to another owning team with a new operating model override, in one
/// change of the service (so neither half overwrites the other).
pub fn hand_over(
    model: &Model,
    service_id: &str,
    team_id: &str,
    operating_model: Option<OperatingModel>,
) -> Result<Edit, String> {
    check_owner(model, team_id)?;
    update_services(model, &[service_id], |s| {
        s.owner = Some(team_id.to_owned());
        s.operating_model = operating_model;
    })
}

/// Sets (or, with `None`, clears) a service's operating model override.
pub fn set_operating_model(
    model: &Model,
    service_id: &str,
    operating_model: Option<OperatingModel>,
) -> Result<Edit, String> {
    update_services(model, &[service_id], |s| {
        s.operating_model = operating_model
    })
}

/// Sets (or, with `None`, clears) the out-of-hours override of several services at once.
pub fn set_out_of_hours(
    model: &Model,
    service_ids: &[&str],
    out_of_hours: Option<OutOfHours>,
) -> Result<Edit, String> {
    update_services(model, service_ids, |s| s.out_of_hours = out_of_hours)
}

/// Gives a service an explicit availability target, raising or lowering it.
pub fn set_availability(
    model: &Model,
    service_id: &str,
    availability: f64,
) -> Result<Edit, String> {
    update_services(model, &[service_id], |s| {
        s.availability = Some(availability)
    })
}

/// Replaces a team's stored fields as [`update_team`] does; when its domain changes, the
/// team and the services it owns move into the new domain's area in the same undo step
/// (see [`crate::layout::regroup`]), so that every area holds its members and no one else.
pub fn update_team_and_place(model: &Model, team: Team) -> Result<Edit, String> {
    let regrouped = model
        .team(&team.id)
        .is_some_and(|t| t.domain != team.domain);
    let moves = if regrouped {
        crate::layout::regroup(model, &team.id, team.domain.as_deref())
    } else {
        Vec::new()
    };
    Ok(with_moves(update_team(model, team)?, moves))
}

/// Gives a service a new owner as [`set_owner`] does; when that takes it into another
/// domain (or out of one), it moves to free space in the same undo step (see
/// [`crate::layout::rehome_service`]).
pub fn set_owner_and_place(
    model: &Model,
    service_id: &str,
    owner: Option<&str>,
) -> Result<Edit, String> {
    let update = set_owner(model, service_id, owner)?;
    Ok(with_moves(
        update,
        crate::layout::rehome_service(model, service_id, owner),
    ))
}

/// Replaces a service's stored fields as [`update_service`] does, moving it as
/// [`set_owner_and_place`] does when its owner changes.
pub fn update_service_and_place(model: &Model, service: Service) -> Result<Edit, String> {
    let moves = match model.service(&service.id) {
        Some(old) if old.owner != service.owner => {
            crate::layout::rehome_service(model, &service.id, service.owner.as_deref())
        }
        _ => Vec::new(),
    };
    Ok(with_moves(update_service(model, service)?, moves))
}

/// `edit` followed by `moves`, as one step.
fn with_moves(edit: Edit, moves: Vec<(String, Position)>) -> Edit {
    if moves.is_empty() {
        edit
    } else {
        Edit::Batch(vec![edit, move_to(moves)])
    }
}

#[cfg(test)]
mod tests;
