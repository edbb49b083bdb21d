//! The arrangement a model gets when it opens: a model saved without positions is laid out
//! whole by the auto-layout; a model with some positions keeps them all, and each missing
//! one is placed in free space near its owner or domain. After that, positions only change
//! when the user moves something.

use std::collections::HashSet;

use super::Positions;
use super::areas::membership;
use super::auto::layout;
use super::placement::Scene;
use super::sizes::{entities, footprint};
use crate::model::{Model, Position};

/// Fills in every missing position of `model`, so that the opened model holds them all.
pub fn fill_missing(model: &mut Model) {
    let placed = positions(model);
    model.layout.extend(placed);
}

/// A position for every domain, team and service: the saved one where there is one, else
/// a place of its own (see the module documentation). Saved positions are never changed.
pub fn positions(model: &Model) -> Positions {
    let saved = |id: &str| model.layout.get(id).copied();
    let missing: Vec<_> = entities(model)
        .filter(|(id, _, _)| saved(id).is_none())
        .collect();
    let all = model.domains.len() + model.teams.len() + model.services.len();
    if missing.len() == all {
        return layout(model, &mut |_| {}).into_iter().collect();
    }
    let mut placed: Positions = entities(model)
        .filter_map(|(id, _, _)| saved(id).map(|at| (id.to_owned(), at)))
        .collect();
    if missing.is_empty() {
        return placed;
    }
    let member_of = membership(model);
    let mut scene = Scene::new(model, &placed, &HashSet::new());
    for (id, kind, name) in missing {
        let domain = member_of.get(id).copied();
        let near = nearest_relative(model, &placed, id, domain).unwrap_or_default();
        let shape = [footprint(kind, name, Position::default())];
        let at = scene.place(&shape, domain, near);
        placed.insert(id.to_owned(), at);
    }
    placed
}

/// Where an unplaced node would want to be: under its owner, by its domain's header, or
/// by the domain's other members.
fn nearest_relative(
    model: &Model,
    placed: &Positions,
    id: &str,
    domain: Option<&str>,
) -> Option<Position> {
    let owner = model.service(id).and_then(|s| s.owner.as_deref());
    if let Some(team) = owner.and_then(|o| placed.get(o)) {
        return Some(Position {
            x: team.x,
            y: team.y + 110.0,
        });
    }
    let domain = domain?;
    placed.get(domain).copied().or_else(|| {
        model
            .teams
            .iter()
            .filter(|t| t.domain.as_deref() == Some(domain))
            .find_map(|t| placed.get(&t.id).copied())
    })
}
