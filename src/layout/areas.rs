//! Domain areas: the tinted rectangle behind a domain's header, its teams and the services
//! those teams own, with a margin. An area is worked out from its members' footprints only,
//! so it holds its members; the placement and the layouts keep everything else out of it.

use std::collections::HashMap;

use super::sizes::{entities, footprint};
use super::{Positions, Rect};
use crate::model::{Model, Position};

/// The margin between an area's edge and the footprints of its members.
pub const AREA_PADDING: f64 = 16.0;

/// Between neighbouring areas: room for the edges that run between them, and for the
/// names at an area's edge, whose box may grow into half of it (see `scene::draw`).
pub const AREA_GAP: f64 = 80.0;
/// The title of the area of what lies outside every domain.
pub const OUTSIDE_TITLE: &str = "Outside any domain";

/// The domain each entity belongs to, for the members of a domain: its header, the teams
/// whose domain exists, and the services those teams own.
pub fn membership(model: &Model) -> HashMap<&str, &str> {
    let mut member_of: HashMap<&str, &str> = model
        .domains
        .iter()
        .map(|d| (d.id.as_str(), d.id.as_str()))
        .collect();
    for team in &model.teams {
        if let Some(domain) = team.domain.as_deref()
            && let Some(&domain) = member_of.get(domain)
        {
            member_of.insert(&team.id, domain);
        }
    }
    for service in &model.services {
        if let Some(&domain) = service.owner.as_deref().and_then(|o| member_of.get(o)) {
            member_of.insert(&service.id, domain);
        }
    }
    member_of
}

/// The area of every domain with at least one placed member, in the model's domain order,
/// with positions looked up through `at` (the canvas passes where nodes are drawn now).
pub fn domain_areas(model: &Model, at: impl Fn(&str) -> Option<Position>) -> Vec<(&str, Rect)> {
    let member_of = membership(model);
    let mut areas: HashMap<&str, Rect> = HashMap::with_capacity(model.domains.len());
    for (id, kind, name) in entities(model) {
        if let (Some(domain), Some(position)) = (member_of.get(id), at(id)) {
            let covered = footprint(kind, name, position);
            areas
                .entry(domain)
                .and_modify(|area| *area = area.union(&covered))
                .or_insert(covered);
        }
    }
    model
        .domains
        .iter()
        .filter_map(|d| {
            areas
                .get(d.id.as_str())
                .map(|area| (d.id.as_str(), area.expand(AREA_PADDING)))
        })
        .collect()
}

/// The area of one domain, or `None` when none of its members has a position.
pub fn domain_area(model: &Model, positions: &Positions, domain: &str) -> Option<Rect> {
    domain_areas(model, |id| positions.get(id).copied())
        .into_iter()
        .find_map(|(id, area)| (id == domain).then_some(area))
}

/// Every (domain, id) where the footprint of `id`, not a member of `domain`, reaches into
/// that domain's area; empty when each area holds its members and nothing else.
pub fn intruders<'m>(model: &'m Model, positions: &Positions) -> Vec<(&'m str, &'m str)> {
    let member_of = membership(model);
    let areas = domain_areas(model, |id| positions.get(id).copied());
    let mut found = Vec::new();
    for (id, kind, name) in entities(model) {
        let Some(at) = positions.get(id) else {
            continue;
        };
        let covered = footprint(kind, name, *at);
        for (domain, area) in &areas {
            if member_of.get(id) != Some(domain) && area.overlaps(&covered) {
                found.push((*domain, id));
            }
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layout::fixtures::shop;
    use crate::layout::sizes::{DOMAIN_HEADER_HEIGHT, DOMAIN_HEADER_MIN_WIDTH, TEAM_CARD_HEIGHT};

    #[test]
    fn membership_follows_team_domains_and_owners() {
        let model = shop();
        let member_of = membership(&model);
        assert_eq!(member_of.get("shop"), Some(&"shop"));
        assert_eq!(member_of.get("web"), Some(&"shop"));
        assert_eq!(member_of.get("front"), Some(&"shop"));
        assert_eq!(member_of.get("ops"), None);
        assert_eq!(member_of.get("db"), None);
    }

    #[test]
    fn an_area_spans_header_team_and_services_plus_padding() {
        let model = shop();
        let positions: Positions = [
            ("shop", Position { x: 0.0, y: 0.0 }),
            ("web", Position { x: 0.0, y: 100.0 }),
            ("front", Position { x: 0.0, y: 200.0 }),
            ("ops", Position { x: 900.0, y: 0.0 }),
        ]
        .into_iter()
        .map(|(id, p)| (id.to_owned(), p))
        .collect();
        let area = domain_area(&model, &positions, "shop").unwrap();
        // Header: 220 wide, 40 high around (0, 0): x −110…110, y −20…20. Service at y 200:
        // footprint down to 200 + 110 = 310. Team card 54 high at y 100: 73…127. Padding 16.
        assert_eq!(area.min_x, -DOMAIN_HEADER_MIN_WIDTH / 2.0 - AREA_PADDING);
        assert_eq!(area.min_y, -DOMAIN_HEADER_HEIGHT / 2.0 - AREA_PADDING);
        assert_eq!(area.max_y, 310.0 + AREA_PADDING);
        assert!(
            area.max_x < 900.0 - 90.0,
            "the team outside every domain stays out"
        );
        assert!(100.0 - TEAM_CARD_HEIGHT / 2.0 > area.min_y);
        assert_eq!(domain_area(&model, &Positions::new(), "shop"), None);
    }
}
