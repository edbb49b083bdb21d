//! The arrangement a model gets when it opens: a model saved without positions is laid out
//! whole by the auto-layout; a model with some positions keeps them all, and each missing
//! one is placed in free space near its owner or domain. After that, positions only change
//! when the user moves something.

use std::collections::HashSet;

use super::Positions;
use super::areas::membership;
use super::auto::layout;
use super::placement::{Scene, under_team};
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
    if let Some(below) = owner.and_then(|o| under_team(model, placed, o)) {
        return Some(below);
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layout::areas::intruders;
    use crate::layout::auto;
    use crate::synthetic::generate;

    #[test]
    fn a_model_without_positions_gets_the_auto_layout_once() {
        let mut model = generate(40, 8, 50, 3);
        model.layout.clear();
        let expected: Positions = auto::layout(&model, &mut |_| {}).into_iter().collect();
        fill_missing(&mut model);
        let filled: Positions = model.layout.clone().into_iter().collect();
        assert_eq!(filled, expected);
        fill_missing(&mut model);
        assert_eq!(
            model.layout.clone().into_iter().collect::<Positions>(),
            expected,
            "filling again changes nothing"
        );
    }

    #[test]
    fn saved_positions_stay_and_missing_ones_find_free_space() {
        let mut model = generate(40, 8, 50, 5);
        let forgotten: Vec<String> = model
            .services
            .iter()
            .step_by(7)
            .map(|s| s.id.clone())
            .chain([model.teams[2].id.clone()])
            .collect();
        for id in &forgotten {
            model.layout.remove(id);
        }
        let kept = model.layout.clone();
        fill_missing(&mut model);
        for (id, at) in &kept {
            assert_eq!(model.layout[id], *at, "{id} keeps its saved place");
        }
        let positions: Positions = model.layout.clone().into_iter().collect();
        assert_eq!(positions.len(), 8 + 40 + model.domains.len());
        assert_eq!(intruders(&model, &positions), vec![]);
        let rects: Vec<_> = entities(&model)
            .map(|(id, kind, name)| (id, footprint(kind, name, positions[id])))
            .collect();
        for id in &forgotten {
            let mine = rects.iter().find(|(i, _)| i == id).unwrap().1;
            assert!(
                rects.iter().all(|(i, r)| i == id || !r.overlaps(&mine)),
                "{id} was placed on top of something"
            );
        }
    }
}
