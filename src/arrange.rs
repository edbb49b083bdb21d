//! A readable starting arrangement for entities without a saved canvas position: each domain
//! is a column headed by the domain, holding its teams, each team followed by the services
//! it owns. Teams without a domain, operations teams and unowned services get columns of
//! their own. Saved positions always win; this only fills the gaps.

use std::collections::HashMap;

use crate::model::{Model, Position};

/// Horizontal distance between columns, in canvas units.
pub const COLUMN_WIDTH: f64 = 290.0;
const TEAM_GAP: f64 = 80.0;
const SERVICE_ROW: f64 = 100.0;
const SERVICE_SPREAD: f64 = 75.0;
const BLOCK_GAP: f64 = 50.0;

/// A position for every domain, team and service: the saved one where there is one,
/// otherwise its place in the column arrangement.
pub fn positions(model: &Model) -> HashMap<String, Position> {
    let mut placed = arrangement(model);
    for (id, position) in &model.layout {
        if let Some(slot) = placed.get_mut(id) {
            *slot = *position;
        }
    }
    placed
}

/// The column arrangement of every domain, team and service, ignoring saved positions.
pub fn arrangement(model: &Model) -> HashMap<String, Position> {
    let mut out = HashMap::with_capacity(model.domains.len() + model.teams.len() + model.services.len());
    let mut owned: HashMap<&str, Vec<&str>> = HashMap::new();
    let mut unowned = Vec::new();
    for service in &model.services {
        match service.owner.as_deref().filter(|o| model.team(o).is_some()) {
            Some(owner) => owned.entry(owner).or_default().push(&service.id),
            None => unowned.push(service.id.as_str()),
        }
    }

    let mut column = 0.0;
    let place_teams = |out: &mut HashMap<String, Position>, x: f64, mut y: f64, teams: &[&str]| {
        for team in teams {
            out.insert((*team).to_owned(), Position { x, y });
            y += TEAM_GAP;
            y = place_services(out, x, y, owned.get(team).map_or(&[][..], Vec::as_slice));
            y += BLOCK_GAP;
        }
    };

    for domain in &model.domains {
        let x = column * COLUMN_WIDTH;
        out.insert(domain.id.clone(), Position { x, y: 0.0 });
        let teams: Vec<&str> = model
            .teams
            .iter()
            .filter(|t| t.domain.as_deref() == Some(domain.id.as_str()))
            .map(|t| t.id.as_str())
            .collect();
        place_teams(&mut out, x, TEAM_GAP, &teams);
        column += 1.0;
    }
    let without_domain: Vec<&str> = model
        .teams
        .iter()
        .filter(|t| !t.is_operations())
        .filter(|t| t.domain.as_deref().is_none_or(|d| model.domain(d).is_none()))
        .map(|t| t.id.as_str())
        .collect();
    let operations: Vec<&str> = model
        .teams
        .iter()
        .filter(|t| t.is_operations())
        .filter(|t| t.domain.as_deref().is_none_or(|d| model.domain(d).is_none()))
        .map(|t| t.id.as_str())
        .collect();
    for group in [without_domain, operations] {
        if !group.is_empty() {
            place_teams(&mut out, column * COLUMN_WIDTH, TEAM_GAP, &group);
            column += 1.0;
        }
    }
    if !unowned.is_empty() {
        place_services(&mut out, column * COLUMN_WIDTH, TEAM_GAP, &unowned);
    }
    out
}

/// Services in rows of two under `(x, y)`; returns the y below the last row.
fn place_services(out: &mut HashMap<String, Position>, x: f64, mut y: f64, services: &[&str]) -> f64 {
    for pair in services.chunks(2) {
        let xs: &[f64] = if pair.len() == 2 {
            &[x - SERVICE_SPREAD, x + SERVICE_SPREAD]
        } else {
            &[x]
        };
        for (service, x) in pair.iter().zip(xs) {
            out.insert((*service).to_owned(), Position { x: *x, y });
        }
        y += SERVICE_ROW;
    }
    y
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Domain, Service, ServiceKind, Team, TeamKind};

    fn model() -> Model {
        let mut model = Model::named("m");
        model.domains.push(Domain {
            id: "d".into(),
            name: "D".into(),
        });
        let mut product = Team::new("t", "T", TeamKind::Product);
        product.domain = Some("d".into());
        model.teams.push(product);
        model.teams.push(Team::new("ops", "Ops", TeamKind::Operations));
        for (id, owner) in [("a", Some("t")), ("b", Some("t")), ("c", Some("ops")), ("z", None)] {
            let mut service = Service::new(id, id, ServiceKind::Digital);
            service.owner = owner.map(str::to_owned);
            model.services.push(service);
        }
        model
    }

    #[test]
    fn domains_are_columns_with_teams_above_their_services() {
        let placed = arrangement(&model());
        assert_eq!(placed.len(), 7, "every entity gets a place");
        assert_eq!(placed["d"].x, placed["t"].x, "a team sits in its domain's column");
        assert!(placed["d"].y < placed["t"].y);
        assert!(placed["t"].y < placed["a"].y, "services sit below their owner");
        assert_eq!(placed["a"].y, placed["b"].y, "two services share a row");
        assert!(placed["ops"].x > placed["t"].x, "operations teams get their own column");
        assert!(placed["z"].x > placed["ops"].x, "unowned services come last");
    }

    #[test]
    fn saved_positions_win() {
        let mut model = model();
        model.layout.insert("a".into(), Position { x: -5.0, y: 7.0 });
        let placed = positions(&model);
        assert_eq!(placed["a"], Position { x: -5.0, y: 7.0 });
        assert_eq!(placed["b"], arrangement(&model)["b"]);
    }
}
