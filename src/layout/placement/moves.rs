//! Moving what is already on the canvas to where it now belongs, in free space found by
//! [`super::Scene`]: newcomers that arrive together (a paste, a duplicate) kept in their
//! arrangement, a team (with its services) that joins or leaves a domain, and a service
//! whose new owner takes it into another domain. Nothing else moves.

use std::collections::{HashMap, HashSet};

use super::{Scene, domain_of_owner, under_team};
use crate::layout::areas::{AREA_PADDING, membership};
use crate::layout::auto::{ASPECT, team_block};
use crate::layout::sizes::{entities, footprint, service_footprint, team_card_size};
use crate::layout::{Rect, positions, rounded};
use crate::model::{Model, Position};

/// Where newcomers that arrive together go — a paste, a duplicate: kept in the arrangement
/// they came in (`arranged`, in any frame), moved together to the free spot nearest `near`.
/// `model` holds them already, without positions. A newcomer domain's area moves as one
/// block with its members, kept clear of the other areas; newcomers that join one existing
/// domain land in or beside its area; anything else stays out of every area.
pub fn place_group(
    model: &Model,
    arranged: &[(String, Position)],
    near: Position,
) -> Vec<(String, Position)> {
    let Some(first) = arranged.first() else {
        return Vec::new();
    };
    let bounds = arranged
        .iter()
        .fold(Rect::around(first.1, 0.0, 0.0), |b, (_, at)| {
            b.union(&Rect::around(*at, 0.0, 0.0))
        });
    let centre = bounds.centre();
    let offset = |at: Position| Position {
        x: at.x - centre.x,
        y: at.y - centre.y,
    };
    let newcomers: HashMap<&str, Position> =
        arranged.iter().map(|(id, at)| (id.as_str(), *at)).collect();
    let leaving: HashSet<&str> = newcomers.keys().copied().collect();
    let mut scene = Scene::new(model, &positions(model), &leaving);
    let member_of = membership(model);
    let mut shape = Vec::new();
    let mut new_areas: HashMap<&str, Rect> = HashMap::new();
    let mut joined: HashSet<&str> = HashSet::new();
    let mut loose = false;
    for (id, kind, name) in entities(model) {
        let Some(at) = newcomers.get(id) else {
            continue;
        };
        let rect = footprint(kind, name, offset(*at));
        match member_of.get(id) {
            Some(domain) if leaving.contains(domain) => {
                new_areas
                    .entry(domain)
                    .and_modify(|area| *area = area.union(&rect))
                    .or_insert(rect);
            }
            Some(domain) => {
                joined.insert(domain);
                shape.push(rect);
            }
            None => {
                loose = true;
                shape.push(rect);
            }
        }
    }
    shape.extend(new_areas.values().map(|area| area.expand(AREA_PADDING)));
    let domain = match joined.iter().next() {
        Some(domain) if joined.len() == 1 && !loose && new_areas.is_empty() => Some(*domain),
        _ => None,
    };
    let anchor = scene.place(&shape, domain, near);
    arranged
        .iter()
        .map(|(id, at)| {
            let relative = offset(*at);
            let position = rounded(Position {
                x: anchor.x + relative.x,
                y: anchor.y + relative.y,
            });
            (id.clone(), position)
        })
        .collect()
}

/// New positions for team `team` and the services it owns when it joins `domain` (or
/// leaves its domain, for `None`): a block of the team over its services, in free space in
/// or next to the domain's area. Empty when they already sit where they may stay.
pub fn regroup(model: &Model, team: &str, domain: Option<&str>) -> Vec<(String, Position)> {
    let Some(current) = model.team(team) else {
        return Vec::new();
    };
    let domain = domain.and_then(|d| model.domain(d)).map(|d| d.id.as_str());
    let mut moved = model.clone();
    if let Some(t) = moved.teams.iter_mut().find(|t| t.id == team) {
        t.domain = domain.map(str::to_owned);
    }
    let placed = positions(model);
    let services: Vec<&str> = model.services_of(team).map(|s| s.id.as_str()).collect();
    let leaving: HashSet<&str> = services.iter().copied().chain([team]).collect();
    let mut scene = Scene::new(&moved, &placed, &leaving);

    let card = team_card_size(&current.name);
    let here: Option<Vec<Rect>> = std::iter::once(team)
        .chain(services.iter().copied())
        .map(|id| {
            let at = *placed.get(id)?;
            Some(if id == team {
                Rect::around(at, card.0, card.1)
            } else {
                service_footprint(at)
            })
        })
        .collect();
    if here.is_some_and(|rects| scene.fits(&rects, domain, true)) {
        return Vec::new();
    }

    let block = team_block(card, services.len(), ASPECT);
    let mut shape = vec![Rect::around(block.team, card.0, card.1)];
    shape.extend(block.services.iter().map(|at| service_footprint(*at)));
    let centre = match domain.and_then(|d| scene.areas.get(d)) {
        Some(area) => area.centre(),
        None => placed.get(team).copied().unwrap_or_default(),
    };
    let near = Position {
        x: centre.x - block.width / 2.0,
        y: centre.y - block.height / 2.0,
    };
    let corner = scene.place(&shape, domain, near);
    let at = |offset: Position| {
        rounded(Position {
            x: corner.x + offset.x,
            y: corner.y + offset.y,
        })
    };
    std::iter::once((team.to_owned(), at(block.team)))
        .chain(
            services
                .iter()
                .zip(&block.services)
                .map(|(id, offset)| ((*id).to_owned(), at(*offset))),
        )
        .collect()
}

/// A new position for service `service` when its owner becomes `owner`, if that takes it
/// into another domain (or out of one): a free spot under its new team, or near where it
/// is for no domain. Empty when its domain stays the same or its spot may stay.
pub fn rehome_service(
    model: &Model,
    service: &str,
    owner: Option<&str>,
) -> Vec<(String, Position)> {
    let Some(current) = model.service(service) else {
        return Vec::new();
    };
    let (was, will) = (
        domain_of_owner(model, current.owner.as_deref()),
        domain_of_owner(model, owner),
    );
    if was == will {
        return Vec::new();
    }
    let mut moved = model.clone();
    if let Some(s) = moved.services.iter_mut().find(|s| s.id == service) {
        s.owner = owner.map(str::to_owned);
    }
    let placed = positions(model);
    let mut scene = Scene::new(&moved, &placed, &HashSet::from([service]));
    let here = placed.get(service).copied();
    if here.is_some_and(|at| scene.fits(&[service_footprint(at)], will, true)) {
        return Vec::new();
    }
    let near = owner
        .and_then(|o| under_team(model, &placed, o))
        .or(here)
        .unwrap_or_default();
    let shape = [service_footprint(Position::default())];
    vec![(service.to_owned(), scene.place(&shape, will, near))]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layout::Positions;
    use crate::layout::areas::{domain_area, intruders};
    use crate::layout::fixtures::two_domains;
    use crate::model::{Team, TeamKind};

    /// `model` changed as `change` says and with `moves` made, checked to leave no entity
    /// inside an area it is not a member of; with its positions.
    fn settled(
        model: &Model,
        change: impl FnOnce(&mut Model),
        moves: Vec<(String, Position)>,
    ) -> (Model, Positions) {
        let mut after = model.clone();
        change(&mut after);
        after.layout.extend(moves);
        let positions: Positions = after.layout.clone().into_iter().collect();
        assert_eq!(intruders(&after, &positions), vec![]);
        (after, positions)
    }

    #[test]
    fn a_team_joining_a_domain_moves_with_its_services_into_its_area() {
        let model = two_domains();
        let moves = regroup(&model, "a-team", Some("b"));
        let moved: HashSet<&str> = moves.iter().map(|(id, _)| id.as_str()).collect();
        assert_eq!(moved, HashSet::from(["a-team", "a0", "a1"]));
        let (after, positions) = settled(&model, |m| m.teams[0].domain = Some("b".into()), moves);
        for id in ["a", "b", "b-team", "b0", "b1"] {
            assert_eq!(after.layout[id], model.layout[id], "{id} stays put");
        }
        // The team now sits in b's area, and a's area shrank to its header.
        let b = domain_area(&after, &positions, "b").unwrap();
        assert!(b.overlaps(&Rect::around(after.layout["a-team"], 1.0, 1.0)));
        let a = domain_area(&after, &positions, "a").unwrap();
        assert!(!a.overlaps(&Rect::around(after.layout["a-team"], 1.0, 1.0)));
    }

    #[test]
    fn a_team_leaving_its_domain_moves_out_of_the_area() {
        let model = two_domains();
        let moves = regroup(&model, "b-team", None);
        settled(&model, |m| m.teams[1].domain = None, moves);
    }

    #[test]
    fn a_service_changing_hands_across_domains_moves_under_its_new_team() {
        let model = two_domains();
        let moves = rehome_service(&model, "a0", Some("b-team"));
        assert_eq!(moves.len(), 1);
        let owned = |m: &mut Model| m.services[0].owner = Some("b-team".into());
        let (after, _) = settled(&model, owned, moves);
        assert!(after.layout["a0"].y > after.layout["b-team"].y);
        assert_eq!(
            rehome_service(&model, "a0", Some("a-team")),
            vec![],
            "a new owner in the same domain moves nothing"
        );
        // Losing its owner takes it out of the domain's area.
        let moves = rehome_service(&model, "b1", None);
        settled(&model, |m| m.services[3].owner = None, moves);
    }

    #[test]
    fn a_team_already_beside_its_new_domain_stays_where_it_is() {
        let mut model = two_domains();
        // A loose team far below everything, then moved into domain a: its spot would
        // stretch a's area over nothing else, so it may stay.
        let loose = Team::new("loose", "Loose", TeamKind::Product);
        model.teams.push(loose);
        let a = model.layout["a"];
        model.layout.insert(
            "loose".into(),
            Position {
                x: a.x,
                y: a.y - 200.0,
            },
        );
        assert_eq!(regroup(&model, "loose", Some("a")), vec![]);
    }
}
