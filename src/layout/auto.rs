//! The auto-layout: the picture a person would draw of the model. Each domain is an area
//! with its header on top and its teams below, each team a card with the services it owns
//! in a grid under it. Teams without a domain, operations teams without one, and unowned
//! services get areas of their own. Areas are packed in rows, and never overlap.
//!
//! To keep dependency edges short, areas and the teams inside them are ordered by the
//! barycentre of what they depend on and what depends on them (as Graphviz orders the
//! nodes of a rank), over a fixed number of sweeps: the same model always gives the same
//! positions, on any machine, at any speed. Rows are filled in a snake (left to right, then
//! right to left) so that areas next to each other in that order stay next to each other.
//!
//! [`Job`] runs it on a thread of its own and reports progress, for the editor.

use std::collections::HashMap;
use std::sync::Arc;
use std::sync::atomic::{AtomicU32, Ordering};
use std::thread::JoinHandle;

use super::areas::AREA_PADDING;
use super::rounded;
use super::sizes::{
    SERVICE_LABEL_WIDTH, TEAM_CARD_HEIGHT, domain_header_size, service_footprint, team_card_size,
};
use crate::model::{Model, Position};

/// Barycentric sweeps over the order of areas and teams. Eight settle the order of the
/// 40-domain synthetic models; more change nothing visible.
pub const SWEEPS: usize = 8;
/// Horizontal distance between the centres of neighbouring services in a team's grid.
const SERVICE_PITCH_X: f64 = SERVICE_LABEL_WIDTH + 24.0;
/// Vertical distance between rows of services.
const SERVICE_PITCH_Y: f64 = 120.0;
/// Between a team card and the top of the first row of its services' footprints.
const CARD_TO_SERVICES: f64 = 28.0;
/// Between the top of a service's footprint and its centre (see `sizes`).
const SERVICE_TOP: f64 = 30.0;
/// Between team blocks in an area.
const BLOCK_GAP: f64 = 44.0;
/// Between a domain header and the first row of teams.
const HEADER_GAP: f64 = 28.0;
/// Between neighbouring areas.
const AREA_GAP: f64 = 72.0;
/// Areas are packed into rows about this much wider than high, like a screen.
const ASPECT: f64 = 1.6;

/// A team card with its services in a grid under it, relative to the block's top-left.
pub(super) struct Block {
    pub width: f64,
    pub height: f64,
    pub team: Position,
    pub services: Vec<Position>,
}

/// The block of a team with a card `card_width` wide that owns `services` services: the
/// grid is about twice as wide as high, centred under the card.
pub(super) fn team_block(card_width: f64, services: usize) -> Block {
    let columns = if services == 0 {
        1
    } else {
        services.min(((2 * services) as f64).sqrt().ceil() as usize)
    };
    let rows = services.div_ceil(columns);
    let row_width =
        |count: usize| count as f64 * SERVICE_PITCH_X - (SERVICE_PITCH_X - SERVICE_LABEL_WIDTH);
    let width = card_width.max(row_width(columns.min(services)));
    let first_row = TEAM_CARD_HEIGHT + CARD_TO_SERVICES + SERVICE_TOP;
    let offsets = (0..services)
        .map(|k| {
            let (row, column) = (k / columns, k % columns);
            let in_row = columns.min(services - row * columns);
            let left = (width - row_width(in_row)) / 2.0 + SERVICE_LABEL_WIDTH / 2.0;
            Position {
                x: left + column as f64 * SERVICE_PITCH_X,
                y: first_row + row as f64 * SERVICE_PITCH_Y,
            }
        })
        .collect();
    let height = if services == 0 {
        TEAM_CARD_HEIGHT
    } else {
        let last = first_row + (rows - 1) as f64 * SERVICE_PITCH_Y;
        service_footprint(Position { x: 0.0, y: last }).max_y
    };
    Block {
        width,
        height,
        team: Position {
            x: width / 2.0,
            y: TEAM_CARD_HEIGHT / 2.0,
        },
        services: offsets,
    }
}

/// What a unit of an area stands for: a team with its services, or an unowned service.
#[derive(Clone, Copy)]
enum Unit {
    Team(usize),
    Unowned(usize),
}

/// An area: a domain (with its header) or one of the areas for everything else.
struct Group {
    domain: Option<usize>,
    units: Vec<usize>,
}

/// The model cut into units and groups, with the weighted links between units.
struct Structure {
    units: Vec<Unit>,
    groups: Vec<Group>,
    group_of: Vec<usize>,
    links: Vec<Vec<(usize, f64)>>,
    owned: Vec<Vec<usize>>,
    unit_of_service: Vec<usize>,
}

fn structure(model: &Model) -> Structure {
    let domain_index: HashMap<&str, usize> = model
        .domains
        .iter()
        .enumerate()
        .map(|(i, d)| (d.id.as_str(), i))
        .collect();
    let team_index: HashMap<&str, usize> = model
        .teams
        .iter()
        .enumerate()
        .map(|(i, t)| (t.id.as_str(), i))
        .collect();
    let mut owned = vec![Vec::new(); model.teams.len()];
    let mut unowned = Vec::new();
    for (index, service) in model.services.iter().enumerate() {
        match service.owner.as_deref().and_then(|o| team_index.get(o)) {
            Some(&team) => owned[team].push(index),
            None => unowned.push(index),
        }
    }
    let mut groups: Vec<Group> = (0..model.domains.len())
        .map(|d| Group {
            domain: Some(d),
            units: Vec::new(),
        })
        .collect();
    let (loose, operations) = (groups.len(), groups.len() + 1);
    for _ in 0..3 {
        groups.push(Group {
            domain: None,
            units: Vec::new(),
        });
    }
    let mut units = Vec::with_capacity(model.teams.len() + unowned.len());
    let mut group_of = Vec::with_capacity(units.capacity());
    let mut unit_of_service = vec![0; model.services.len()];
    for (index, team) in model.teams.iter().enumerate() {
        let group = match team.domain.as_deref().and_then(|d| domain_index.get(d)) {
            Some(&domain) => domain,
            None if team.is_operations() => operations,
            None => loose,
        };
        for &service in &owned[index] {
            unit_of_service[service] = units.len();
        }
        groups[group].units.push(units.len());
        group_of.push(group);
        units.push(Unit::Team(index));
    }
    for service in unowned {
        unit_of_service[service] = units.len();
        groups[operations + 1].units.push(units.len());
        group_of.push(operations + 1);
        units.push(Unit::Unowned(service));
    }
    let service_index: HashMap<&str, usize> = model
        .services
        .iter()
        .enumerate()
        .map(|(i, s)| (s.id.as_str(), i))
        .collect();
    let mut links = vec![Vec::new(); units.len()];
    let mut link = |a: usize, b: usize| {
        if a != b {
            links[a].push((b, 1.0));
            links[b].push((a, 1.0));
        }
    };
    for dependency in &model.dependencies {
        if let (Some(&from), Some(&to)) = (
            service_index.get(dependency.from.as_str()),
            service_index.get(dependency.to.as_str()),
        ) {
            link(unit_of_service[from], unit_of_service[to]);
        }
    }
    let team_unit: HashMap<&str, usize> = units
        .iter()
        .enumerate()
        .filter_map(|(u, unit)| match unit {
            Unit::Team(t) => Some((model.teams[*t].id.as_str(), u)),
            Unit::Unowned(_) => None,
        })
        .collect();
    for interaction in &model.interactions {
        if let (Some(&a), Some(&b)) = (
            team_unit.get(interaction.from.as_str()),
            team_unit.get(interaction.to.as_str()),
        ) {
            link(a, b);
        }
    }
    Structure {
        units,
        groups,
        group_of,
        links,
        owned,
        unit_of_service,
    }
}

/// The place of every unit in the reading order of `order` (groups, each with its units).
fn ranks(structure: &Structure, order: &[usize]) -> Vec<f64> {
    let mut rank = vec![0.0; structure.units.len()];
    let mut next = 0.0;
    for &group in order {
        for &unit in &structure.groups[group].units {
            rank[unit] = next;
            next += 1.0;
        }
    }
    rank
}

/// The barycentre of what `units` link to outside `skip_group` (all links when `None`),
/// pulled a little towards where they are now so that unlinked ones keep their place.
fn barycentre(
    structure: &Structure,
    units: &[usize],
    rank: &[f64],
    skip_group: Option<usize>,
) -> f64 {
    let here = units.iter().map(|u| rank[*u]).sum::<f64>() / units.len().max(1) as f64;
    let (mut sum, mut weight) = (here, 1.0);
    for &unit in units {
        for &(other, w) in &structure.links[unit] {
            if Some(structure.group_of[other]) != skip_group {
                sum += w * rank[other];
                weight += w;
            }
        }
    }
    sum / weight
}

/// Sorts `items` by `key`, ties kept in their current order.
fn sort_by_key(items: &mut [usize], key: impl Fn(usize) -> f64) {
    let mut keyed: Vec<(f64, usize)> = items.iter().map(|i| (key(*i), *i)).collect();
    keyed.sort_by(|a, b| a.0.total_cmp(&b.0));
    for (slot, (_, item)) in items.iter_mut().zip(keyed) {
        *slot = item;
    }
}

/// Orders the groups and the units inside them over `sweeps` barycentric sweeps; returns
/// the order of the groups (the units are reordered in place).
fn order(structure: &mut Structure, sweeps: usize, progress: &mut dyn FnMut(f32)) -> Vec<usize> {
    let mut order: Vec<usize> = (0..structure.groups.len()).collect();
    for sweep in 0..sweeps {
        let rank = ranks(structure, &order);
        let group_rank: Vec<f64> = (0..structure.groups.len())
            .map(|g| {
                let units = &structure.groups[g].units;
                if units.is_empty() {
                    // An empty group keeps its place between its neighbours.
                    let at = order.iter().position(|o| *o == g).unwrap_or(0);
                    order[..at]
                        .iter()
                        .map(|o| structure.groups[*o].units.len() as f64)
                        .sum::<f64>()
                } else {
                    barycentre(structure, units, &rank, Some(g))
                }
            })
            .collect();
        sort_by_key(&mut order, |g| group_rank[g]);
        let rank = ranks(structure, &order);
        for group in 0..structure.groups.len() {
            let mut units = std::mem::take(&mut structure.groups[group].units);
            sort_by_key(&mut units, |u| barycentre(structure, &[u], &rank, None));
            structure.groups[group].units = units;
        }
        progress((sweep + 1) as f32 / (sweeps + 1) as f32);
    }
    order
}

/// Positions for every domain, team and service, in model order (domains, teams,
/// services), rounded to 0.1. `progress` hears the share done, from 0 to 1.
pub fn layout(model: &Model, progress: &mut dyn FnMut(f32)) -> Vec<(String, Position)> {
    layout_with(model, SWEEPS, progress)
}

/// [`layout`] with a chosen number of ordering sweeps (none: the model's own order).
pub fn layout_with(
    model: &Model,
    sweeps: usize,
    progress: &mut dyn FnMut(f32),
) -> Vec<(String, Position)> {
    let mut structure = structure(model);
    let order = order(&mut structure, sweeps, progress);
    let rank = ranks(&structure, &order);
    // Inside a team, services linked to earlier units go to the left.
    let service_key = service_keys(model, &structure, &rank);
    for owned in &mut structure.owned {
        sort_by_key(owned, |s| service_key[s]);
    }

    let mut team_at = vec![Position::default(); model.teams.len()];
    let mut service_at = vec![Position::default(); model.services.len()];
    let mut domain_at = vec![Position::default(); model.domains.len()];
    // Each group laid out on its own, then packed.
    let mut slots = Vec::new();
    for &group in &order {
        if let Some(slot) = lay_out_group(model, &structure, group) {
            slots.push(slot);
        }
    }
    for (slot, (dx, dy)) in slots.iter().zip(pack(&slots)) {
        let shift = |p: Position| {
            rounded(Position {
                x: p.x + dx,
                y: p.y + dy,
            })
        };
        if let Some((domain, at)) = slot.header {
            domain_at[domain] = shift(at);
        }
        for &(team, at) in &slot.teams {
            team_at[team] = shift(at);
        }
        for &(service, at) in &slot.services {
            service_at[service] = shift(at);
        }
    }
    progress(1.0);
    let domains = model.domains.iter().map(|d| &d.id).zip(domain_at);
    let teams = model.teams.iter().map(|t| &t.id).zip(team_at);
    let services = model.services.iter().map(|s| &s.id).zip(service_at);
    domains
        .chain(teams)
        .chain(services)
        .map(|(id, at)| (id.clone(), at))
        .collect()
}

/// For each service, the mean rank of the units it is linked to outside its own (its own
/// rank when it has none), so that a team's grid reads in the order of its links.
fn service_keys(model: &Model, structure: &Structure, rank: &[f64]) -> Vec<f64> {
    let index: HashMap<&str, usize> = model
        .services
        .iter()
        .enumerate()
        .map(|(i, s)| (s.id.as_str(), i))
        .collect();
    let mut sums: Vec<(f64, f64)> = vec![(0.0, 0.0); model.services.len()];
    for dependency in &model.dependencies {
        if let (Some(&a), Some(&b)) = (
            index.get(dependency.from.as_str()),
            index.get(dependency.to.as_str()),
        ) {
            let (ua, ub) = (structure.unit_of_service[a], structure.unit_of_service[b]);
            if ua != ub {
                sums[a].0 += rank[ub];
                sums[a].1 += 1.0;
                sums[b].0 += rank[ua];
                sums[b].1 += 1.0;
            }
        }
    }
    sums.iter()
        .enumerate()
        .map(|(s, (sum, count))| {
            let own = rank[structure.unit_of_service[s]];
            (sum + own * 0.5) / (count + 0.5)
        })
        .collect()
}

/// One area laid out from its own top-left corner.
struct Slot {
    width: f64,
    height: f64,
    header: Option<(usize, Position)>,
    teams: Vec<(usize, Position)>,
    services: Vec<(usize, Position)>,
}

/// Lays out one group: the header, then its units in rows about as wide as the group is
/// high. `None` for a group with nothing in it.
fn lay_out_group(model: &Model, structure: &Structure, group: usize) -> Option<Slot> {
    let group = &structure.groups[group];
    if group.domain.is_none() && group.units.is_empty() {
        return None;
    }
    let header = group
        .domain
        .map(|d| (d, domain_header_size(&model.domains[d].name)));
    let blocks: Vec<(Unit, Block)> = group
        .units
        .iter()
        .map(|&u| {
            let unit = structure.units[u];
            let block = match unit {
                Unit::Team(t) => team_block(
                    team_card_size(&model.teams[t].name).0,
                    structure.owned[t].len(),
                ),
                Unit::Unowned(_) => {
                    let footprint = service_footprint(Position::default());
                    Block {
                        width: footprint.width(),
                        height: footprint.height(),
                        team: Position::default(),
                        services: vec![Position {
                            x: footprint.width() / 2.0,
                            y: -footprint.min_y,
                        }],
                    }
                }
            };
            (unit, block)
        })
        .collect();
    let header_width = header.map_or(0.0, |(_, size)| size.0);
    let area: f64 = blocks
        .iter()
        .map(|(_, b)| (b.width + BLOCK_GAP) * (b.height + BLOCK_GAP))
        .sum();
    let widest = blocks.iter().map(|(_, b)| b.width).fold(0.0, f64::max);
    let target = header_width.max(widest).max((area * ASPECT).sqrt());
    let top = header.map_or(0.0, |(_, size)| size.1 + HEADER_GAP);
    let (mut x, mut y, mut row_height, mut width) = (0.0_f64, top, 0.0_f64, header_width);
    let mut slot = Slot {
        width: 0.0,
        height: 0.0,
        header: None,
        teams: Vec::new(),
        services: Vec::new(),
    };
    let origin = AREA_PADDING;
    for (unit, block) in &blocks {
        if x > 0.0 && x + block.width > target {
            y += row_height + BLOCK_GAP;
            x = 0.0;
            row_height = 0.0;
        }
        let at = |offset: Position| Position {
            x: origin + x + offset.x,
            y: origin + y + offset.y,
        };
        match *unit {
            Unit::Team(team) => {
                slot.teams.push((team, at(block.team)));
                for (&service, offset) in structure.owned[team].iter().zip(&block.services) {
                    slot.services.push((service, at(*offset)));
                }
            }
            Unit::Unowned(service) => slot.services.push((service, at(block.services[0]))),
        }
        x += block.width + BLOCK_GAP;
        width = width.max(x - BLOCK_GAP);
        row_height = row_height.max(block.height);
    }
    if let Some((domain, size)) = header {
        slot.header = Some((
            domain,
            Position {
                x: origin + width / 2.0,
                y: origin + size.1 / 2.0,
            },
        ));
    }
    slot.width = width + 2.0 * origin;
    slot.height = y + row_height + 2.0 * origin;
    Some(slot)
}

/// The top-left corner of every slot: rows about `ASPECT` times as wide as the whole is
/// high, filled alternately left to right and right to left.
fn pack(slots: &[Slot]) -> Vec<(f64, f64)> {
    let area: f64 = slots
        .iter()
        .map(|s| (s.width + AREA_GAP) * (s.height + AREA_GAP))
        .sum();
    let widest = slots.iter().map(|s| s.width).fold(0.0, f64::max);
    let target = widest.max((area * ASPECT).sqrt());
    let mut rows: Vec<Vec<usize>> = vec![Vec::new()];
    let mut x = 0.0;
    for (index, slot) in slots.iter().enumerate() {
        let row = rows.last_mut().expect("there is always a row");
        if !row.is_empty() && x + slot.width > target {
            rows.push(Vec::new());
            x = 0.0;
        }
        rows.last_mut().expect("just pushed").push(index);
        x += slot.width + AREA_GAP;
    }
    let row_width =
        |row: &[usize]| row.iter().map(|i| slots[*i].width + AREA_GAP).sum::<f64>() - AREA_GAP;
    let full = rows.iter().map(|r| row_width(r)).fold(0.0, f64::max);
    let mut corners = vec![(0.0, 0.0); slots.len()];
    let mut y = 0.0;
    for (number, row) in rows.iter().enumerate() {
        let mut x = if number % 2 == 0 { 0.0 } else { full };
        for &index in row {
            let slot = &slots[index];
            if number % 2 == 0 {
                corners[index] = (x, y);
                x += slot.width + AREA_GAP;
            } else {
                x -= slot.width;
                corners[index] = (x, y);
                x -= AREA_GAP;
            }
        }
        y += row.iter().map(|i| slots[*i].height).fold(0.0, f64::max) + AREA_GAP;
    }
    corners
}

/// An auto-layout running on a thread of its own.
pub struct Job {
    /// Progress in thousandths.
    progress: Arc<AtomicU32>,
    handle: Option<JoinHandle<Vec<(String, Position)>>>,
}

impl Job {
    /// Starts laying out `model`.
    pub fn start(model: Model) -> Job {
        let progress = Arc::new(AtomicU32::new(0));
        let report = Arc::clone(&progress);
        let handle = std::thread::spawn(move || {
            layout(&model, &mut |done| {
                report.store((done * 1000.0) as u32, Ordering::Relaxed);
            })
        });
        Job {
            progress,
            handle: Some(handle),
        }
    }

    /// How much is done, in whole per cent.
    pub fn percent(&self) -> u32 {
        self.progress.load(Ordering::Relaxed) / 10
    }

    /// The positions once the layout is done; `None` while it runs. A layout that panicked
    /// gives an empty list.
    pub fn finished(&mut self) -> Option<Vec<(String, Position)>> {
        if !self.handle.as_ref()?.is_finished() {
            return None;
        }
        let handle = self.handle.take()?;
        Some(handle.join().unwrap_or_default())
    }
}
