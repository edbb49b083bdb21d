//! Canvas arrangements. [`positions`]: a readable starting arrangement for entities without
//! a saved position — each domain a column headed by the domain, holding its teams, each
//! team followed by the services it owns; teams without a domain, operations teams and
//! unowned services get columns of their own. Saved positions always win. [`force_directed`]:
//! the layout the user asks for, which pulls related things together.

use std::collections::HashMap;
use std::time::{Duration, Instant};

use crate::model::{Model, Position, Team};

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
    let mut out =
        HashMap::with_capacity(model.domains.len() + model.teams.len() + model.services.len());
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
    let (operations, without_domain): (Vec<&Team>, Vec<&Team>) = model
        .teams
        .iter()
        .filter(|t| {
            t.domain
                .as_deref()
                .is_none_or(|d| model.domain(d).is_none())
        })
        .partition(|t| t.is_operations());
    for group in [without_domain, operations] {
        let group: Vec<&str> = group.iter().map(|t| t.id.as_str()).collect();
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
fn place_services(
    out: &mut HashMap<String, Position>,
    x: f64,
    mut y: f64,
    services: &[&str],
) -> f64 {
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

/// Springs between related entities: (from, to, natural length, stiffness).
fn springs(model: &Model, index: &HashMap<&str, usize>) -> Vec<(usize, usize, f64, f64)> {
    let mut springs = Vec::new();
    let mut link = |a: &str, b: &str, length: f64, stiffness: f64| {
        if let (Some(&a), Some(&b)) = (index.get(a), index.get(b))
            && a != b
        {
            springs.push((a, b, length, stiffness));
        }
    };
    for team in &model.teams {
        if let Some(domain) = &team.domain {
            link(domain, &team.id, 140.0, 0.08);
        }
    }
    for service in &model.services {
        if let Some(owner) = &service.owner {
            link(owner, &service.id, 110.0, 0.1);
        }
    }
    for dependency in &model.dependencies {
        link(&dependency.from, &dependency.to, 220.0, 0.02);
    }
    for interaction in &model.interactions {
        link(&interaction.from, &interaction.to, 240.0, 0.03);
    }
    springs
}

/// Distance under which two entities push each other apart.
const REPULSION_RANGE: f64 = 260.0;

/// Spring-and-repulsion layout from `start` (missing ids start at their column place):
/// owners pull their services close, domains their teams, dependencies more loosely, and
/// everything pushes away what is too near. Deterministic; stops after `budget`.
pub fn force_directed(
    model: &Model,
    start: &HashMap<String, Position>,
    budget: Duration,
) -> HashMap<String, Position> {
    let began = Instant::now();
    let fallback = arrangement(model);
    let ids: Vec<&str> = model
        .domains
        .iter()
        .map(|d| d.id.as_str())
        .chain(model.teams.iter().map(|t| t.id.as_str()))
        .chain(model.services.iter().map(|s| s.id.as_str()))
        .collect();
    let index: HashMap<&str, usize> = ids.iter().enumerate().map(|(i, id)| (*id, i)).collect();
    let mut at: Vec<(f64, f64)> = ids
        .iter()
        .map(|id| {
            let p = start
                .get(*id)
                .or_else(|| fallback.get(*id))
                .copied()
                .unwrap_or_default();
            (p.x, p.y)
        })
        .collect();
    let springs = springs(model, &index);
    let count = at.len();
    let centre = |at: &[(f64, f64)]| {
        let n = at.len().max(1) as f64;
        (
            at.iter().map(|p| p.0).sum::<f64>() / n,
            at.iter().map(|p| p.1).sum::<f64>() / n,
        )
    };
    let before = centre(&at);
    const ROUNDS: usize = 300;
    for round in 0..ROUNDS {
        if began.elapsed() > budget {
            break;
        }
        let temperature = 40.0 * (1.0 - round as f64 / ROUNDS as f64) + 1.0;
        let mut push = vec![(0.0_f64, 0.0_f64); count];
        // Repulsion between near neighbours, found through a grid of range-sized cells.
        let mut grid: HashMap<(i64, i64), Vec<usize>> = HashMap::new();
        let cell = |p: (f64, f64)| {
            (
                (p.0 / REPULSION_RANGE).floor() as i64,
                (p.1 / REPULSION_RANGE).floor() as i64,
            )
        };
        for (i, p) in at.iter().enumerate() {
            grid.entry(cell(*p)).or_default().push(i);
        }
        for (i, p) in at.iter().enumerate() {
            let (cx, cy) = cell(*p);
            for dx in -1..=1 {
                for dy in -1..=1 {
                    for &j in grid.get(&(cx + dx, cy + dy)).map_or(&[][..], Vec::as_slice) {
                        if j == i {
                            continue;
                        }
                        let (mut x, mut y) = (p.0 - at[j].0, p.1 - at[j].1);
                        if x == 0.0 && y == 0.0 {
                            // Coincident: separate deterministically.
                            x = (i as f64 - j as f64).signum();
                            y = 0.5;
                        }
                        let distance = (x * x + y * y).sqrt();
                        if distance < REPULSION_RANGE {
                            // Wide horizontally: cards are wider than they are tall.
                            let strength = (REPULSION_RANGE - distance) / REPULSION_RANGE;
                            push[i].0 += x / distance * strength * 30.0;
                            push[i].1 += y / distance * strength * 20.0;
                        }
                    }
                }
            }
        }
        for &(a, b, length, stiffness) in &springs {
            let (x, y) = (at[b].0 - at[a].0, at[b].1 - at[a].1);
            let distance = (x * x + y * y).sqrt().max(1e-6);
            let force = (distance - length) * stiffness;
            let (fx, fy) = (x / distance * force, y / distance * force);
            push[a].0 += fx;
            push[a].1 += fy;
            push[b].0 -= fx;
            push[b].1 -= fy;
        }
        for (p, (fx, fy)) in at.iter_mut().zip(push) {
            let length = (fx * fx + fy * fy).sqrt();
            let scale = if length > temperature {
                temperature / length
            } else {
                1.0
            };
            p.0 += fx * scale;
            p.1 += fy * scale;
        }
    }
    let after = centre(&at);
    ids.iter()
        .zip(at)
        .map(|(id, (x, y))| {
            let position = Position {
                x: (x - after.0 + before.0).round(),
                y: (y - after.1 + before.1).round(),
            };
            ((*id).to_owned(), position)
        })
        .collect()
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
        model
            .teams
            .push(Team::new("ops", "Ops", TeamKind::Operations));
        for (id, owner) in [
            ("a", Some("t")),
            ("b", Some("t")),
            ("c", Some("ops")),
            ("z", None),
        ] {
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
        assert_eq!(
            placed["d"].x, placed["t"].x,
            "a team sits in its domain's column"
        );
        assert!(placed["d"].y < placed["t"].y);
        assert!(
            placed["t"].y < placed["a"].y,
            "services sit below their owner"
        );
        assert_eq!(placed["a"].y, placed["b"].y, "two services share a row");
        assert!(
            placed["ops"].x > placed["t"].x,
            "operations teams get their own column"
        );
        assert!(
            placed["z"].x > placed["ops"].x,
            "unowned services come last"
        );
    }

    #[test]
    fn force_directed_layout_is_deterministic_and_pulls_owned_services_close() {
        let model = model();
        let start = positions(&model);
        let once = force_directed(&model, &start, Duration::from_secs(5));
        let twice = force_directed(&model, &start, Duration::from_secs(5));
        assert_eq!(once, twice);
        assert_eq!(once.len(), 7);
        let distance = |a: &str, b: &str| {
            ((once[a].x - once[b].x).powi(2) + (once[a].y - once[b].y).powi(2)).sqrt()
        };
        assert!(
            distance("t", "a") < 200.0,
            "an owner keeps its service close: {}",
            distance("t", "a")
        );
        assert!(
            distance("a", "b") > 60.0,
            "nothing sits on top of anything else: {}",
            distance("a", "b")
        );
    }

    #[test]
    fn saved_positions_win() {
        let mut model = model();
        model
            .layout
            .insert("a".into(), Position { x: -5.0, y: 7.0 });
        let placed = positions(&model);
        assert_eq!(placed["a"], Position { x: -5.0, y: 7.0 });
        assert_eq!(placed["b"], arrangement(&model)["b"]);
    }
}
