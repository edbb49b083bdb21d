//! Free space for nodes that arrive after the model was arranged: a new team, service or
//! domain here, and what moves into another domain in [`moves`]. Nothing already on the
//! canvas moves. A spot is searched outward from where the node belongs, ring by ring on a
//! fixed grid, and the first spot that fits wins:
//! - the node's footprint keeps a gap from every other footprint;
//! - a member of a domain keeps that domain's area free of non-members once the area has
//!   grown to hold it, and off other domains' areas; anything else stays out of every area.
//!
//! Where no spot keeps the areas clean within reach (a domain hemmed in on all sides), the
//! nearest spot that is merely free is taken.

mod moves;

use std::collections::{HashMap, HashSet};

use super::areas::{AREA_PADDING, membership};
use super::auto::SERVICE_PITCH_Y;
use super::sizes::{entities, footprint};
use super::{Positions, Rect, positions, rounded};
use crate::model::{EntityKind, Model, Position};

pub use moves::{place_group, regroup, rehome_service};

/// The clear space kept around every footprint.
pub const NODE_GAP: f64 = 16.0;
/// The distance between the candidate spots of the search.
const STEP: f64 = 20.0;
/// How many rings of candidates are tried before giving up on a rule (6,000 units out).
const RINGS: i64 = 300;
/// How far a domain's area may stretch to take in a newcomer; beyond this, the area would
/// mostly frame empty space.
const MAX_STRETCH: f64 = 400.0;
/// The side of the cells of the grid that finds nearby footprints fast.
const CELL: f64 = 256.0;

/// Footprints on the canvas with the domain each belongs to, indexed by a coarse grid.
pub struct Scene {
    occupants: Vec<(Rect, Option<String>)>,
    grid: HashMap<(i64, i64), Vec<usize>>,
    /// The bounding box of each domain's members, unpadded.
    areas: HashMap<String, Rect>,
    extent: Option<Rect>,
}

impl Scene {
    /// Everything of `model` placed in `positions`, except the ids in `leaving`.
    pub fn new(model: &Model, positions: &Positions, leaving: &HashSet<&str>) -> Scene {
        let member_of = membership(model);
        let mut scene = Scene {
            occupants: Vec::new(),
            grid: HashMap::new(),
            areas: HashMap::new(),
            extent: None,
        };
        for (id, kind, name) in entities(model) {
            if let Some(at) = positions.get(id)
                && !leaving.contains(id)
            {
                let domain = member_of.get(id).map(|d| (*d).to_owned());
                scene.add(footprint(kind, name, *at), domain);
            }
        }
        scene
    }

    /// Puts a footprint on the canvas.
    pub fn add(&mut self, rect: Rect, domain: Option<String>) {
        for cell in rect.cells(CELL) {
            self.grid
                .entry(cell)
                .or_default()
                .push(self.occupants.len());
        }
        if let Some(domain) = &domain {
            self.areas
                .entry(domain.clone())
                .and_modify(|area| *area = area.union(&rect))
                .or_insert(rect);
        }
        self.extent = Some(self.extent.map_or(rect, |e| e.union(&rect)));
        self.occupants.push((rect, domain));
    }

    /// Whether any footprint overlapping `rect` passes `counts`.
    fn any_in(&self, rect: &Rect, counts: impl Fn(&Option<String>) -> bool) -> bool {
        rect.cells(CELL).any(|cell| {
            self.grid.get(&cell).is_some_and(|list| {
                list.iter().any(|&i| {
                    let (other, domain) = &self.occupants[i];
                    other.overlaps(rect) && counts(domain)
                })
            })
        })
    }

    /// Whether `rects`, all of one newcomer of `domain`, fit: clear of every footprint and,
    /// when `keep_areas`, without bringing anyone into an area that is not theirs.
    pub fn fits(&self, rects: &[Rect], domain: Option<&str>, keep_areas: bool) -> bool {
        if rects
            .iter()
            .any(|r| self.any_in(&r.expand(NODE_GAP), |_| true))
        {
            return false;
        }
        if !keep_areas {
            return true;
        }
        let padded = |area: &Rect| area.expand(AREA_PADDING);
        match domain {
            Some(domain) => {
                let mut grown = self.areas.get(domain).copied().unwrap_or(rects[0]);
                let reach = grown.expand(MAX_STRETCH);
                for rect in rects {
                    if !reach.overlaps(rect) {
                        return false;
                    }
                    grown = grown.union(rect);
                }
                let grown = padded(&grown);
                let others = self
                    .areas
                    .iter()
                    .filter(|(d, _)| d.as_str() != domain)
                    .any(|(_, area)| padded(area).overlaps(&grown));
                !others && !self.any_in(&grown, |d| d.as_deref() != Some(domain))
            }
            None => !rects.iter().any(|rect| {
                let near = rect.expand(NODE_GAP);
                self.areas.values().any(|area| padded(area).overlaps(&near))
            }),
        }
    }

    /// The spot nearest `near` where `shape` (rectangles relative to its anchor) fits, as a
    /// member of `domain`; the shape is added to the scene there. Returns the anchor.
    pub fn place(&mut self, shape: &[Rect], domain: Option<&str>, near: Position) -> Position {
        let near = rounded(near);
        let at = [true, false]
            .into_iter()
            .find_map(|keep_areas| {
                let rings = if keep_areas {
                    self.rings_to_reach(domain, near)
                } else {
                    RINGS
                };
                (0..=rings).find_map(|ring| {
                    ring_cells(ring).into_iter().find_map(|(i, j)| {
                        let spot = rounded(Position {
                            x: near.x + i as f64 * STEP,
                            y: near.y + j as f64 * STEP,
                        });
                        let rects: Vec<Rect> =
                            shape.iter().map(|r| r.translate(spot.x, spot.y)).collect();
                        self.fits(&rects, domain, keep_areas).then_some(spot)
                    })
                })
            })
            .unwrap_or_else(|| self.below_everything(shape, near));
        for rect in shape {
            self.add(rect.translate(at.x, at.y), domain.map(str::to_owned));
        }
        at
    }

    /// How many rings around `near` can hold spots within reach of `domain`'s area (all of
    /// them for no domain, or one without an area yet).
    fn rings_to_reach(&self, domain: Option<&str>, near: Position) -> i64 {
        let Some(area) = domain.and_then(|d| self.areas.get(d)) else {
            return RINGS;
        };
        let reach = area.expand(MAX_STRETCH);
        let farthest = (near.x - reach.min_x)
            .abs()
            .max((near.x - reach.max_x).abs())
            .max((near.y - reach.min_y).abs())
            .max((near.y - reach.max_y).abs());
        ((farthest / STEP).ceil() as i64 + 1).min(RINGS)
    }

    /// A spot under everything on the canvas, for when the search found nothing near.
    fn below_everything(&self, shape: &[Rect], near: Position) -> Position {
        let top = shape.iter().map(|r| r.min_y).fold(f64::INFINITY, f64::min);
        let bottom = self.extent.map_or(near.y, |e| e.max_y);
        rounded(Position {
            x: near.x,
            y: bottom + AREA_PADDING * 2.0 + NODE_GAP - top.min(0.0),
        })
    }
}

/// The grid offsets at ring distance `ring` from the centre, nearest first, then from the
/// top down and from the left, so the order never depends on anything but the ring.
fn ring_cells(ring: i64) -> Vec<(i64, i64)> {
    if ring == 0 {
        return vec![(0, 0)];
    }
    let mut cells: Vec<(i64, i64)> = (-ring..=ring)
        .flat_map(|i| (-ring..=ring).map(move |j| (i, j)))
        .filter(|(i, j)| i.abs().max(j.abs()) == ring)
        .collect();
    cells.sort_by_key(|&(i, j)| (i * i + j * j, j, i));
    cells
}

/// The domain a new node of `kind` belongs to, for a service owned by `owner`.
fn domain_of_owner<'m>(model: &'m Model, owner: Option<&str>) -> Option<&'m str> {
    let team = model.team(owner?)?;
    let domain = team.domain.as_deref()?;
    model.domain(domain).map(|d| d.id.as_str())
}

/// Just under the services `team` owns, or under its card when it owns none.
pub fn under_team(model: &Model, placed: &Positions, team: &str) -> Option<Position> {
    let card = *placed.get(team)?;
    let lowest = model
        .services_of(team)
        .filter_map(|s| placed.get(&s.id))
        .map(|p| p.y)
        .fold(card.y, f64::max);
    Some(Position {
        x: card.x,
        y: lowest + SERVICE_PITCH_Y,
    })
}

/// Where a new node of `kind` named `name` goes, in free space, rounded to 0.1:
/// - a service owned by `parent` (a team) under that team, in its domain;
/// - a team of `parent` (a domain) in that domain's area, under its members;
/// - a domain beside the other domains' areas, its own area clear of theirs;
/// - anything else near `near` (the selection or the middle of the view).
pub fn free_spot(
    model: &Model,
    kind: EntityKind,
    name: &str,
    parent: Option<&str>,
    near: Position,
) -> Position {
    let placed = positions(model);
    let mut scene = Scene::new(model, &placed, &HashSet::new());
    let mut shape = footprint(kind, name, Position::default());
    let (near, domain) = match kind {
        EntityKind::Service => (
            parent
                .and_then(|owner| under_team(model, &placed, owner))
                .unwrap_or(near),
            domain_of_owner(model, parent),
        ),
        EntityKind::Team => {
            let domain = parent.and_then(|d| model.domain(d)).map(|d| d.id.as_str());
            let under_members = domain
                .and_then(|d| super::areas::domain_area(model, &placed, d))
                .map(|area| Position {
                    x: area.centre().x,
                    y: area.max_y,
                });
            (under_members.unwrap_or(near), domain)
        }
        EntityKind::Domain => {
            // Its area, drawn round the header, keeps clear of the others' as a member would.
            shape = shape.expand(AREA_PADDING);
            let beside = beside_domains(model, &placed).map(|corner| Position {
                x: corner.x + shape.width() / 2.0,
                y: corner.y + shape.height() / 2.0,
            });
            (beside.unwrap_or(near), None)
        }
    };
    scene.place(&[shape], domain, near)
}

/// The top left corner of the space just right of the domains' areas, level with their
/// top; `None` without any.
fn beside_domains(model: &Model, placed: &Positions) -> Option<Position> {
    let areas = super::areas::domain_areas(model, |id| placed.get(id).copied());
    let all = areas
        .into_iter()
        .map(|(_, area)| area)
        .reduce(|a, b| a.union(&b))?;
    Some(Position {
        x: all.max_x + NODE_GAP,
        y: all.min_y,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layout::areas::{domain_area, intruders};
    use crate::layout::fixtures::two_domains;
    use crate::layout::sizes::service_footprint;
    use crate::model::{Domain, Service, ServiceKind, Team, TeamKind};
    use crate::synthetic::{Rng, generate};

    /// Whether the footprint of a node of `kind` at `at` keeps the gap from every other.
    fn clear_of_everything(model: &Model, kind: EntityKind, at: Position) -> bool {
        let mine = footprint(kind, "New", at).expand(NODE_GAP - 0.1);
        entities(model).all(|(id, k, name)| {
            let Some(other) = model.layout.get(id) else {
                return true;
            };
            !footprint(k, name, *other).overlaps(&mine)
        })
    }

    #[test]
    fn ring_cells_go_outward_nearest_first() {
        assert_eq!(ring_cells(0), vec![(0, 0)]);
        let first = ring_cells(1);
        // Ring 1 has the 8 neighbours: the 4 straight ones (distance² 1) before the corners.
        assert_eq!(first.len(), 8);
        assert_eq!(&first[..4], &[(0, -1), (-1, 0), (1, 0), (0, 1)]);
        assert_eq!(ring_cells(3).len(), 24);
    }

    #[test]
    fn a_new_service_goes_under_its_team_inside_the_domain() {
        let model = two_domains();
        let team = model.layout["a-team"];
        let at = free_spot(&model, EntityKind::Service, "New", Some("a-team"), team);
        assert!(clear_of_everything(&model, EntityKind::Service, at));
        assert!(at.y > team.y, "under the team");
        let mut after = model.clone();
        let mut service = Service::new("new", "New", ServiceKind::Digital);
        service.owner = Some("a-team".into());
        after.services.push(service);
        after.layout.insert("new".into(), at);
        assert_eq!(
            intruders(&after, &after.layout.clone().into_iter().collect()),
            vec![]
        );
        assert!(
            domain_area(&after, &after.layout.clone().into_iter().collect(), "a")
                .is_some_and(|area| area.overlaps(&service_footprint(at))),
            "the area grew to hold it"
        );
    }

    #[test]
    fn a_new_team_dropped_on_a_domain_lands_outside_every_area() {
        let model = two_domains();
        let on_a_service = model.layout["a0"];
        let at = free_spot(&model, EntityKind::Team, "New", None, on_a_service);
        assert!(clear_of_everything(&model, EntityKind::Team, at));
        let mut after = model.clone();
        after.teams.push(Team::new("new", "New", TeamKind::Product));
        after.layout.insert("new".into(), at);
        assert_eq!(
            intruders(&after, &after.layout.clone().into_iter().collect()),
            vec![]
        );
    }

    #[test]
    fn a_new_team_of_a_domain_lands_in_its_area() {
        let model = two_domains();
        let at = free_spot(
            &model,
            EntityKind::Team,
            "New",
            Some("b"),
            Position::default(),
        );
        assert!(clear_of_everything(&model, EntityKind::Team, at));
        let mut after = model.clone();
        let mut team = Team::new("new", "New", TeamKind::Product);
        team.domain = Some("b".into());
        after.teams.push(team);
        after.layout.insert("new".into(), at);
        let positions: Positions = after.layout.clone().into_iter().collect();
        assert_eq!(intruders(&after, &positions), vec![]);
        let b = domain_area(&model, &positions, "b").unwrap();
        let distance = (at.y - b.max_y).max(b.min_y - at.y).max(0.0);
        assert!(distance < 200.0, "{at:?} is near b's area {b:?}");
    }

    #[test]
    fn a_new_domain_lands_beside_the_others_with_its_area_clear_of_theirs() {
        let model = two_domains();
        let at = free_spot(&model, EntityKind::Domain, "New", None, Position::default());
        let mut after = model.clone();
        after.domains.push(Domain {
            id: "new".into(),
            name: "New".into(),
        });
        after.layout.insert("new".into(), at);
        let positions: Positions = after.layout.clone().into_iter().collect();
        let new = domain_area(&after, &positions, "new").unwrap();
        for other in ["a", "b"] {
            let area = domain_area(&after, &positions, other).unwrap();
            assert!(!area.overlaps(&new), "{other}: {area:?} and {new:?}");
            assert!(new.min_x >= area.max_x, "beside, to the right");
        }
    }

    #[test]
    fn new_nodes_never_land_on_anything_in_random_models() {
        // A fixed pseudo-random walk over model sizes, kinds and drop points.
        let mut rng = Rng::new(0x9e37_79b9_7f4a_7c15);
        let mut next = |below: u64| rng.below(below as usize) as u64;
        for round in 0..12 {
            let services = 5 + next(80) as usize;
            let teams = 1 + next(15) as usize;
            let mut model = generate(services, teams, services, round);
            // Some nodes dragged off their arranged places, on top of others.
            let ids: Vec<String> = model.layout.keys().cloned().collect();
            for id in ids.iter().take(next(6) as usize) {
                let target = &ids[next(ids.len() as u64) as usize];
                let p = model.layout[target];
                model.layout.insert(
                    id.clone(),
                    Position {
                        x: p.x + 5.0,
                        y: p.y,
                    },
                );
            }
            for _ in 0..4 {
                let kind =
                    [EntityKind::Team, EntityKind::Service, EntityKind::Domain][next(3) as usize];
                let owner = (kind == EntityKind::Service && next(2) == 0).then(|| {
                    model.teams[next(model.teams.len() as u64) as usize]
                        .id
                        .clone()
                });
                let near = Position {
                    x: next(4000) as f64 - 1000.0,
                    y: next(3000) as f64 - 500.0,
                };
                let at = free_spot(&model, kind, "New", owner.as_deref(), near);
                assert!(
                    clear_of_everything(&model, kind, at),
                    "round {round}: a new {kind:?} at {at:?} overlaps something"
                );
                assert_eq!(at, rounded(at));
                let id = model.unused_id("new");
                match kind {
                    EntityKind::Team => model.teams.push(Team::new(&id, "New", TeamKind::Product)),
                    EntityKind::Service => {
                        let mut service = Service::new(&id, "New", ServiceKind::Digital);
                        service.owner = owner;
                        model.services.push(service);
                    }
                    EntityKind::Domain => model.domains.push(Domain {
                        id: id.clone(),
                        name: "New".into(),
                    }),
                }
                model.layout.insert(id, at);
            }
        }
    }
}
