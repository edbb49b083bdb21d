//! Copy, paste and duplicate. What is copied is a model of its own — the chosen domains,
//! teams and services (a domain with its teams and their services), the dependencies,
//! ownership and interactions among them and their positions — so that the clipboard holds
//! a model's text that any text editor shows and Opmodel can open. A paste adds it to a
//! model as one step: ids that clash are numbered on (`checkout-2`), so are the names of
//! those copies when another entity of their kind has the same name, and the whole lands in
//! free space near where it was asked for, in its own arrangement.

use std::collections::{HashMap, HashSet};

use super::check_id;
use crate::edit::{Edit, Entity};
use crate::model::{Dependency, EntityKind, Interaction, Model, Position, next_free, validate};

/// What copying `ids` takes from `model`: those domains, teams and services, with every
/// team of a chosen domain and every service of such a team; the dependencies of the chosen
/// services, the interactions of the chosen teams, and their positions. References to what
/// was not taken stay as ids; [`paste`] keeps those the model pasted into has.
pub fn copied(model: &Model, ids: &[&str]) -> Model {
    let mut chosen: HashSet<&str> = ids.iter().copied().collect();
    for team in &model.teams {
        if team.domain.as_deref().is_some_and(|d| ids.contains(&d)) {
            chosen.insert(&team.id);
        }
    }
    for service in &model.services {
        let owner = service.owner.as_deref();
        let owner_in_chosen_domain = owner
            .and_then(|o| model.team(o))
            .and_then(|t| t.domain.as_deref())
            .is_some_and(|d| ids.contains(&d));
        if owner_in_chosen_domain {
            chosen.insert(&service.id);
        }
    }
    let positions = crate::layout::positions(model);
    let mut fragment = Model::named(&model.name);
    fragment.settings = model.settings.clone();
    fragment.domains = kept(&model.domains, |d| chosen.contains(d.id.as_str()));
    fragment.teams = kept(&model.teams, |t| chosen.contains(t.id.as_str()));
    fragment.services = kept(&model.services, |s| chosen.contains(s.id.as_str()));
    fragment.dependencies = kept(&model.dependencies, |d| chosen.contains(d.from.as_str()));
    fragment.interactions = kept(&model.interactions, |i| {
        chosen.contains(i.from.as_str()) || chosen.contains(i.to.as_str())
    });
    fragment.layout = positions
        .into_iter()
        .filter(|(id, _)| chosen.contains(id.as_str()))
        .collect();
    fragment.version = fragment.required_version();
    fragment
}

fn kept<T: Clone>(items: &[T], keep: impl Fn(&T) -> bool) -> Vec<T> {
    items.iter().filter(|item| keep(item)).cloned().collect()
}

/// A paste: the edit that adds it, and the ids of the domains, teams and services it added
/// (to select them).
#[derive(Clone, Debug, PartialEq)]
pub struct Pasted {
    pub edit: Edit,
    pub ids: Vec<String>,
}

/// Reads a copy back from clipboard text: a whole model, or the part of one that [`copied`]
/// wrote. Its values are checked when it is pasted.
pub fn read(text: &str) -> Result<Model, String> {
    let nothing = "The clipboard holds no teams, services or domains to paste.";
    let fragment: Model =
        ron::from_str(text.trim_start_matches('\u{feff}')).map_err(|_| nothing.to_owned())?;
    if fragment.domains.is_empty() && fragment.teams.is_empty() && fragment.services.is_empty() {
        return Err(nothing.to_owned());
    }
    Ok(fragment)
}

/// Adds a copy of `fragment` to `model` as one step, its arrangement kept, in the free space
/// nearest `near`. Ids that `model` already uses are numbered on, and every reference among
/// the copies follows; a reference to something outside the copy is kept when `model` has
/// an entity of that id and kind (pasting where it was copied, or into a what-if copy of it)
/// and dropped otherwise. Refused, with the reason, when the copy's values do not make a
/// valid model.
pub fn paste(model: &Model, fragment: &Model, near: Position) -> Result<Pasted, String> {
    let renamed = new_ids(model, fragment);
    let new_id = |id: &str| renamed.get(id).cloned();
    let outside =
        |id: &str, kind: EntityKind| (model.entity_kind(id) == Some(kind)).then(|| id.to_owned());
    let team_ref = |id: &str| new_id(id).or_else(|| outside(id, EntityKind::Team));
    let mut taken_names: HashSet<(EntityKind, String)> = entity_names(model).collect();
    let mut name_for = |kind: EntityKind, name: &str, clashed: bool| {
        let taken = |n: &str| taken_names.contains(&(kind, n.to_owned()));
        let name = if clashed && taken(name) {
            next_free(name, ' ', taken)
        } else {
            name.to_owned()
        };
        taken_names.insert((kind, name.clone()));
        name
    };

    let mut entities = Vec::new();
    for domain in &fragment.domains {
        let mut copy = domain.clone();
        copy.id = renamed[&domain.id].clone();
        copy.name = name_for(EntityKind::Domain, &domain.name, copy.id != domain.id);
        entities.push(Entity::Domain(copy));
    }
    for team in &fragment.teams {
        let mut copy = team.clone();
        copy.id = renamed[&team.id].clone();
        copy.name = name_for(EntityKind::Team, &team.name, copy.id != team.id);
        copy.domain = team
            .domain
            .as_deref()
            .and_then(|d| new_id(d).or_else(|| outside(d, EntityKind::Domain)));
        entities.push(Entity::Team(copy));
    }
    for service in &fragment.services {
        let mut copy = service.clone();
        copy.id = renamed[&service.id].clone();
        copy.name = name_for(EntityKind::Service, &service.name, copy.id != service.id);
        copy.owner = service.owner.as_deref().and_then(team_ref);
        entities.push(Entity::Service(copy));
    }
    let service_ref = |id: &str| new_id(id).or_else(|| outside(id, EntityKind::Service));
    let mut dependencies: Vec<Dependency> = Vec::new();
    for dependency in &fragment.dependencies {
        let (Some(from), Some(to)) = (service_ref(&dependency.from), service_ref(&dependency.to))
        else {
            continue;
        };
        let copy = Dependency { from, to };
        let copied_end =
            renamed.contains_key(&dependency.from) || renamed.contains_key(&dependency.to);
        if copied_end && !model.dependencies.contains(&copy) && !dependencies.contains(&copy) {
            dependencies.push(copy);
        }
    }
    let mut interactions: Vec<Interaction> = Vec::new();
    for interaction in &fragment.interactions {
        let (Some(from), Some(to)) = (team_ref(&interaction.from), team_ref(&interaction.to))
        else {
            continue;
        };
        let joins =
            |i: &Interaction| (i.from == from && i.to == to) || (i.from == to && i.to == from);
        let copied_end =
            renamed.contains_key(&interaction.from) || renamed.contains_key(&interaction.to);
        if copied_end
            && from != to
            && !model.interactions.iter().any(joins)
            && !interactions.iter().any(joins)
        {
            interactions.push(Interaction {
                from,
                to,
                mode: interaction.mode,
            });
        }
    }
    entities.extend(dependencies.into_iter().map(Entity::Dependency));
    entities.extend(interactions.into_iter().map(Entity::Interaction));

    let mut edits: Vec<Edit> = entities
        .into_iter()
        .map(|entity| Edit::Insert {
            entity: Box::new(entity),
            before: None,
        })
        .collect();
    let mut trial = model.clone();
    for edit in &edits {
        edit.clone()
            .apply(&mut trial)
            .map_err(|e| format!("The copy cannot be pasted: {e}."))?;
    }
    for id in renamed.values() {
        check_id(model, id)?;
    }
    validate(&trial).map_err(|e| format!("The copy cannot be pasted: {}", e.message))?;

    let arranged = arrangement(fragment, &renamed);
    let placed = crate::layout::placement::place_group(&trial, &arranged, near);
    edits.extend(placed.into_iter().map(|(id, position)| Edit::SetPosition {
        id,
        position: Some(position),
    }));
    let ids = fragment_ids(fragment)
        .map(|id| renamed[id].clone())
        .collect();
    Ok(Pasted {
        edit: Edit::Batch(edits),
        ids,
    })
}

/// A copy of what `ids` name in `model`, pasted beside them as one step: the duplicate.
pub fn duplicate(model: &Model, ids: &[&str]) -> Result<Pasted, String> {
    let fragment = copied(model, ids);
    let positions = crate::layout::positions(model);
    let near = centre_of(ids.iter().filter_map(|id| positions.get(*id).copied()));
    paste(model, &fragment, near.unwrap_or_default())
}

/// The middle of some positions, if there are any.
fn centre_of(positions: impl Iterator<Item = Position>) -> Option<Position> {
    let (sum, count) = positions.fold((Position::default(), 0.0), |(sum, n), p| {
        (
            Position {
                x: sum.x + p.x,
                y: sum.y + p.y,
            },
            n + 1.0,
        )
    });
    (count > 0.0).then(|| Position {
        x: sum.x / count,
        y: sum.y / count,
    })
}

/// The ids of the fragment's domains, teams and services, in that order.
fn fragment_ids(fragment: &Model) -> impl Iterator<Item = &String> {
    let domains = fragment.domains.iter().map(|d| &d.id);
    let teams = fragment.teams.iter().map(|t| &t.id);
    let services = fragment.services.iter().map(|s| &s.id);
    domains.chain(teams).chain(services)
}

/// Each copied entity's id in `model`: its own where free, else the next of its numbered run.
fn new_ids(model: &Model, fragment: &Model) -> HashMap<String, String> {
    let mut assigned: HashSet<String> = HashSet::new();
    let mut renamed = HashMap::new();
    for id in fragment_ids(fragment) {
        let new = next_free(id, '-', |c| model.id_in_use(c) || assigned.contains(c));
        assigned.insert(new.clone());
        renamed.insert(id.clone(), new);
    }
    renamed
}

/// Every name in the model with its kind.
fn entity_names(model: &Model) -> impl Iterator<Item = (EntityKind, String)> + '_ {
    crate::layout::sizes::entities(model).map(|(_, kind, name)| (kind, name.to_owned()))
}

/// The copies' positions as the fragment arranged them (arranged afresh where it gave none),
/// under their new ids.
fn arrangement(fragment: &Model, renamed: &HashMap<String, String>) -> Vec<(String, Position)> {
    let positions = crate::layout::positions(fragment);
    fragment_ids(fragment)
        .filter_map(|id| Some((renamed[id].clone(), *positions.get(id)?)))
        .collect()
}
