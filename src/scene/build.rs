//! A scene built from a model, its positions and its analysis: the nodes with their sizes
//! and names, the areas with their summaries, and the edges routed round the cards.

use std::collections::{HashMap, HashSet};

use super::routes::{self, Obstacles};
use super::{
    Area, Edge, EdgeKind, Look, Node, OUTSIDE_TITLE_BAND, Scene, Summary, grid::Grid, overview,
};
use crate::analysis::{Analysis, Cover, RotaKind, Severity};
use crate::layout::areas::{AREA_PADDING, OUTSIDE_TITLE, membership};
use crate::layout::sizes::{self, SERVICE_RADIUS, domain_header_size, footprint, team_card_size};
use crate::layout::text::Shaped;
use crate::layout::{Positions, Rect, domain_areas};
use crate::model::{EntityKind, Model, Position, ServiceKind, positions_by_id};

/// What the scene shows besides the model's own entities.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Options {
    /// The interactions between teams, as dashed edges.
    pub interactions: bool,
}

/// The order in which services' names claim space: errors first (uncovered or the
/// subject of an error finding), then understaffed cover, then by exposure, highest
/// first; each with whether it is in trouble (an error or understaffed).
fn services_by_importance(model: &Model, analysis: &Analysis) -> Vec<(usize, bool)> {
    let erroring: HashSet<&str> = analysis
        .findings
        .iter()
        .filter(|f| f.severity == Severity::Error)
        .map(|f| &*f.subject)
        .collect();
    let mut order: Vec<usize> = (0..model.services.len().min(analysis.services.len())).collect();
    let standing = |i: usize| {
        let (service, figures) = (&model.services[i], &analysis.services[i]);
        let trouble = if figures.cover == Cover::Uncovered || erroring.contains(service.id.as_str())
        {
            0
        } else if figures.cover == Cover::Understaffed {
            1
        } else {
            2
        };
        (trouble, -service.exposure_per_hour.unwrap_or(0.0))
    };
    order.sort_by(|&a, &b| {
        let (ta, ea) = standing(a);
        let (tb, eb) = standing(b);
        ta.cmp(&tb).then(ea.total_cmp(&eb)).then(a.cmp(&b))
    });
    order.into_iter().map(|i| (i, standing(i).0 < 2)).collect()
}

impl Scene {
    /// The scene of `model` with its entities at `positions` (see the module
    /// documentation of [`crate::scene`]).
    pub fn build(
        model: &Model,
        analysis: &Analysis,
        positions: &Positions,
        options: Options,
    ) -> Scene {
        let at = |id: &str| positions.get(id).copied().unwrap_or_default();
        let understaffed: HashSet<&str> = analysis
            .rotas
            .iter()
            .filter(|r| !r.healthy && matches!(r.kind, RotaKind::Team | RotaKind::Ops))
            .map(|r| &*r.owner)
            .collect();
        let member_of = membership(model);
        let mut scene = Scene {
            currency: analysis.currency.clone(),
            summarised_when_far: model.services.len() > overview::MIN_SERVICES,
            ..Scene::default()
        };
        let mut nodes =
            Vec::with_capacity(model.domains.len() + model.teams.len() + model.services.len());
        for domain in &model.domains {
            nodes.push(Node {
                id: domain.id.clone(),
                look: Look::Domain,
                centre: at(&domain.id),
                size: domain_header_size(&domain.name),
                name: Shaped::new(&domain.name),
                caption: String::new(),
                badges: Vec::new(),
                rank: 0,
                area: None,
            });
        }
        for team in &model.teams {
            nodes.push(Node {
                id: team.id.clone(),
                look: Look::Team {
                    kind: team.kind,
                    understaffed: understaffed.contains(team.id.as_str()),
                },
                centre: at(&team.id),
                size: team_card_size(&team.name),
                name: Shaped::new(&team.name),
                caption: format!(
                    "{} · {}",
                    team.kind.label(),
                    crate::format::count(team.members as usize, "person", "people")
                ),
                badges: Vec::new(),
                rank: 0,
                area: None,
            });
        }
        let first_service = nodes.len();
        for (service, figures) in model.services.iter().zip(&analysis.services) {
            let diameter = match service.kind {
                ServiceKind::Cots => 1.8 * SERVICE_RADIUS,
                ServiceKind::Digital | ServiceKind::Foundational => 2.0 * SERVICE_RADIUS,
            };
            nodes.push(Node {
                id: service.id.clone(),
                look: Look::Service {
                    kind: service.kind,
                    cover: figures.cover,
                    lifecycle: service.lifecycle,
                },
                centre: at(&service.id),
                size: (diameter, diameter),
                name: Shaped::new(&service.name),
                caption: String::new(),
                badges: service.compliance.clone(),
                rank: 0,
                area: None,
            });
        }
        // Domains' and teams' names claim their own headers and cards first (a card
        // without its name reads as nothing), then services in trouble, then the others.
        for (k, node) in nodes.iter_mut().enumerate().take(first_service) {
            let tier = if matches!(node.look, Look::Domain) {
                0
            } else {
                1
            };
            node.rank = (tier << 32) | k as u64;
        }
        for (order, (index, urgent)) in services_by_importance(model, analysis)
            .into_iter()
            .enumerate()
        {
            let tier = if urgent { 2 } else { 3 };
            nodes[first_service + index].rank = (tier << 32) | order as u64;
        }
        scene.node_of = nodes
            .iter()
            .enumerate()
            .map(|(i, n)| (n.id.clone(), i))
            .collect();
        scene.nodes = nodes;
        scene.areas = areas(model, analysis, positions, &scene, &member_of);
        for (a, area) in scene.areas.iter().enumerate() {
            for &member in &area.members {
                scene.nodes[member].area = Some(a);
            }
        }
        scene.edges = edges(model, &scene, options);
        scene.index();
        scene
    }

    /// Files everything in the grid, works out the bounds and the overview's boxes.
    fn index(&mut self) {
        let mut grid = Grid::default();
        let mut bounds: Option<Rect> = None;
        let mut grow = |r: Rect| bounds = Some(bounds.map_or(r, |b| b.union(&r)));
        for i in 0..self.nodes.len() {
            let covered = self.footprint(i);
            grid.add_node(i, &covered);
            grow(covered);
        }
        for (i, edge) in self.edges.iter().enumerate() {
            // A loop of a service to itself is filed where the service is.
            let at = [self.nodes[edge.from].centre];
            grid.add_edge(
                i,
                if edge.path.is_empty() {
                    &at
                } else {
                    &edge.path
                },
            );
            for pair in edge.path.windows(2) {
                grow(Rect {
                    min_x: pair[0].x.min(pair[1].x),
                    min_y: pair[0].y.min(pair[1].y),
                    max_x: pair[0].x.max(pair[1].x),
                    max_y: pair[0].y.max(pair[1].y),
                });
            }
        }
        let extents: Vec<Rect> = (0..self.areas.len()).map(|a| self.extent(a)).collect();
        for (i, area) in self.areas.iter().enumerate() {
            if let Some(rect) = area.rect {
                grid.add_area(i, &rect);
                grow(rect);
            }
        }
        self.overview_boxes = overview::grid(&extents);
        for (i, rect) in self.overview_boxes.iter().enumerate() {
            grid.add_area(i, rect);
        }
        self.grid = grid;
        self.bounds = bounds;
    }

    /// What a node covers in canvas units: its shape, and a service's name under it.
    pub fn footprint(&self, node: usize) -> Rect {
        let node = &self.nodes[node];
        match node.look {
            Look::Service { .. } => sizes::service_footprint(node.centre),
            Look::Domain => footprint(EntityKind::Domain, "", node.centre).union(&node.rect()),
            Look::Team { .. } => node.rect(),
        }
    }

    /// Where an area lies: its rectangle, or the span of its members' footprints.
    pub fn extent(&self, area: usize) -> Rect {
        let area = &self.areas[area];
        area.rect.unwrap_or_else(|| {
            area.members
                .iter()
                .map(|&m| self.footprint(m))
                .reduce(|a, b| a.union(&b))
                .unwrap_or(Rect::around(Position::default(), 1.0, 1.0))
        })
    }
}

/// Every domain's area, then the area of what lies outside every domain (when anything
/// does), each with its members and its summary.
fn areas(
    model: &Model,
    analysis: &Analysis,
    positions: &Positions,
    scene: &Scene,
    member_of: &HashMap<&str, &str>,
) -> Vec<Area> {
    let rects: HashMap<&str, Rect> = domain_areas(model, |id| positions.get(id).copied())
        .into_iter()
        .collect();
    let mut areas: Vec<Area> = model
        .domains
        .iter()
        .map(|d| Area {
            domain: Some(d.id.clone()),
            name: d.name.clone(),
            rect: rects.get(d.id.as_str()).copied(),
            members: Vec::new(),
            summary: Summary::default(),
        })
        .collect();
    let domain_index = positions_by_id(&model.domains, |d| d.id.as_str());
    let mut outside = Area {
        domain: None,
        name: OUTSIDE_TITLE.to_owned(),
        rect: None,
        members: Vec::new(),
        summary: Summary::default(),
    };
    for (i, node) in scene.nodes.iter().enumerate() {
        let area = match member_of.get(node.id.as_str()) {
            Some(domain) => &mut areas[domain_index[domain]],
            None if matches!(node.look, Look::Domain) => continue,
            None => &mut outside,
        };
        area.members.push(i);
    }
    // Error findings count against the area of their subject.
    let mut errors: HashMap<&str, usize> = HashMap::new();
    for finding in analysis
        .findings
        .iter()
        .filter(|f| f.severity == Severity::Error)
    {
        let subject = finding
            .subject
            .strip_prefix("domain:")
            .unwrap_or(&finding.subject);
        *errors.entry(subject).or_default() += 1;
    }
    let service_index = positions_by_id(&model.services, |s| s.id.as_str());
    let fill = |area: &mut Area| {
        let mut summary = Summary::default();
        if let Some(domain) = &area.domain {
            summary.annual_cost = analysis.domain(domain).map_or(0.0, |d| d.annual_cost);
            summary.errors += errors.get(domain.as_str()).copied().unwrap_or(0);
        }
        for &member in &area.members {
            let node = &scene.nodes[member];
            summary.errors += errors.get(node.id.as_str()).copied().unwrap_or(0);
            match node.look {
                Look::Team { .. } => summary.teams += 1,
                Look::Service { cover, .. } => {
                    summary.services += 1;
                    if cover != Cover::NotRequired {
                        summary.needing_cover += 1;
                    }
                    if cover == Cover::Covered {
                        summary.covered += 1;
                    }
                    // Outside the domains, the area's cost is its services' line items.
                    if area.domain.is_none()
                        && let Some(&s) = service_index.get(node.id.as_str())
                    {
                        summary.annual_cost += analysis.services[s].annual_cost;
                    }
                }
                Look::Domain => {}
            }
        }
        area.summary = summary;
    };
    for area in &mut areas {
        fill(area);
    }
    if !outside.members.is_empty() {
        fill(&mut outside);
        let held = outside
            .members
            .iter()
            .map(|&m| scene.footprint(m))
            .reduce(|a, b| a.union(&b))
            .map(|r| {
                let padded = r.expand(AREA_PADDING);
                Rect {
                    min_y: padded.min_y - OUTSIDE_TITLE_BAND,
                    ..padded
                }
            });
        // Drawn only where no domain's area is in the way: members a hand-made layout
        // scattered among the domains are left as they are.
        outside.rect = held.filter(|rect| {
            !areas
                .iter()
                .any(|a| a.rect.is_some_and(|r| r.overlaps(rect)))
        });
        areas.push(outside);
    }
    areas
}

/// Ownership, dependencies and (when shown) interactions, each routed round the shapes in
/// its way, from outline to outline.
fn edges(model: &Model, scene: &Scene, options: Options) -> Vec<Edge> {
    let obstacles = Obstacles::new(scene.nodes.iter().map(|n| n.rect()).collect());
    let mut wanted: Vec<(EdgeKind, usize, usize)> = Vec::new();
    let node = |id: &str| scene.node(id);
    for service in &model.services {
        if let (Some(owner), Some(me)) =
            (service.owner.as_deref().and_then(node), node(&service.id))
        {
            wanted.push((EdgeKind::Ownership, owner, me));
        }
    }
    let dependencies: HashSet<(usize, usize)> = model
        .dependencies
        .iter()
        .filter_map(|d| Some((node(&d.from)?, node(&d.to)?)))
        .collect();
    for dependency in &model.dependencies {
        if let (Some(from), Some(to)) = (node(&dependency.from), node(&dependency.to)) {
            wanted.push((EdgeKind::Dependency, from, to));
        }
    }
    if options.interactions {
        for interaction in &model.interactions {
            if let (Some(from), Some(to)) = (node(&interaction.from), node(&interaction.to)) {
                wanted.push((EdgeKind::Interaction(interaction.mode), from, to));
            }
        }
    }
    wanted
        .into_iter()
        .map(|(kind, from, to)| {
            let path = if from == to {
                Vec::new()
            } else {
                let route = obstacles.route(from, to);
                // Both ways between two services: the straight lines step aside.
                let both_ways = kind == EdgeKind::Dependency && dependencies.contains(&(to, from));
                let route = if route.len() == 2 && both_ways {
                    nudged(&route, 5.0)
                } else {
                    route
                };
                let smooth = routes::rounded_corners(&route, routes::CLEARANCE);
                to_outlines(&smooth, &scene.nodes[from], &scene.nodes[to])
            };
            Edge {
                kind,
                from,
                to,
                path,
            }
        })
        .collect()
}

/// A straight path moved `by` to its left.
fn nudged(path: &[Position], by: f64) -> Vec<Position> {
    let (a, b) = (path[0], path[path.len() - 1]);
    let length = ((b.x - a.x).powi(2) + (b.y - a.y).powi(2)).sqrt().max(1e-9);
    let (nx, ny) = (-(b.y - a.y) / length * by, (b.x - a.x) / length * by);
    path.iter()
        .map(|p| Position {
            x: p.x + nx,
            y: p.y + ny,
        })
        .collect()
}

/// `path`, which runs from inside `from` to inside `to`, cut where it leaves the one's
/// outline and meets the other's.
fn to_outlines(path: &[Position], from: &Node, to: &Node) -> Vec<Position> {
    let mut points = path.to_vec();
    let inside = |node: &Node, p: Position| super::draw::outline_contains(node, p, 0.0);
    // From the start: drop points inside `from`, then put the first on its outline.
    while points.len() > 2 && inside(from, points[1]) {
        points.remove(0);
    }
    if points.len() >= 2 {
        points[0] = super::draw::outline_point(from, points[0], points[1]);
    }
    while points.len() > 2 && inside(to, points[points.len() - 2]) {
        points.pop();
    }
    let n = points.len();
    if n >= 2 {
        points[n - 1] = super::draw::outline_point(to, points[n - 1], points[n - 2]);
    }
    points
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::analyze;
    use crate::layout::fixtures::shop;
    use crate::layout::positions;
    use crate::model::Service;
    use crate::scene::draw::outline_contains;

    /// The shop, with a service `ledger` that `ops`, outside every domain, owns.
    fn model() -> Model {
        let mut model = shop();
        let mut ledger = Service::new("ledger", "Ledger", ServiceKind::Digital);
        ledger.owner = Some("ops".into());
        model.services.push(ledger);
        model
    }

    fn built(model: &Model) -> Scene {
        Scene::build(
            model,
            &analyze(model),
            &positions(model),
            Options::default(),
        )
    }

    #[test]
    fn what_lies_outside_every_domain_gets_an_area_of_its_own() {
        let model = model();
        let scene = built(&model);
        assert_eq!(scene.areas.len(), 2);
        let outside = &scene.areas[1];
        assert_eq!(outside.domain, None);
        assert_eq!(outside.name, OUTSIDE_TITLE);
        let ids: HashSet<&str> = outside
            .members
            .iter()
            .map(|&m| scene.nodes[m].id.as_str())
            .collect();
        assert_eq!(ids, HashSet::from(["ops", "ledger", "db"]));
        assert_eq!((outside.summary.teams, outside.summary.services), (1, 2));
        let shop = &scene.areas[0];
        assert_eq!((shop.summary.teams, shop.summary.services), (1, 1));
        let (a, b) = (
            shop.rect.unwrap(),
            outside.rect.expect("the auto-layout packs it apart"),
        );
        assert!(!a.overlaps(&b));
    }

    #[test]
    fn edges_run_from_outline_to_outline() {
        let model = model();
        let scene = built(&model);
        assert_eq!(scene.edges.len(), 3, "two owners and one dependency");
        for edge in &scene.edges {
            let (from, to) = (&scene.nodes[edge.from], &scene.nodes[edge.to]);
            let (first, last) = (edge.path[0], edge.path[edge.path.len() - 1]);
            for (node, end) in [(from, first), (to, last)] {
                // On the outline: within it grown by half a unit, not within it shrunk by as much.
                assert!(outline_contains(node, end, 0.5), "{edge:?}");
                assert!(!outline_contains(node, end, -0.5), "{edge:?}");
            }
        }
    }
}
