//! The auto-layout: the picture a person would draw of the model. Each domain is an area
//! with its header on top and its teams below, each team a card with the services it owns
//! in a grid under it. Teams without a domain, operations teams without one, and unowned
//! services get areas of their own. Areas never overlap.
//!
//! To keep dependency edges short, areas and the teams inside them are ordered by the
//! barycentre of what they depend on and what depends on them (as Graphviz orders the
//! nodes of a rank), over a fixed number of sweeps, then refined by swaps that shorten the
//! links. The same model always gives the same positions, on any machine, at any speed.
//!
//! To be legible when fitted to a screen, the picture must fill it: the names are drawn at
//! a fixed size on screen, so every unit of canvas left empty makes them crowd. Each area
//! tries a few shapes, and the areas are packed into a strip like a skyline (each where its
//! top is highest), the strip's width chosen so that the whole fits a screen largest.
//!
//! [`layout`] reports its progress as it goes; the editor runs it as a background job.

use std::collections::HashMap;

use super::areas::AREA_PADDING;
use super::crowding::crowded_names;
use super::rounded;
use super::sizes::{
    SERVICE_LABEL_WIDTH, TEAM_CARD_HEIGHT, domain_header_size, entities, service_footprint,
    team_card_size,
};
use crate::model::{EntityKind, Model, Position};

/// Barycentric sweeps over the order of areas and teams. Eight settle the order of the
/// 40-domain synthetic models; more change nothing visible.
pub const SWEEPS: usize = 8;
/// Horizontal distance between the centres of neighbouring services in a team's grid.
const SERVICE_PITCH_X: f64 = SERVICE_LABEL_WIDTH + 24.0;
/// Vertical distance between rows of services.
pub(super) const SERVICE_PITCH_Y: f64 = 120.0;
/// Between a team card and the top of the first row of its services' footprints.
const CARD_TO_SERVICES: f64 = 28.0;
/// Between team blocks in an area.
const BLOCK_GAP: f64 = 32.0;
/// Between a domain header and the first row of teams.
const HEADER_GAP: f64 = 28.0;
/// Between neighbouring areas: room for the edges that run between them.
const AREA_GAP: f64 = 64.0;
/// Between the top of a service's footprint and its centre (see `sizes`).
const SERVICE_TOP: f64 = 30.0;
/// The usual shape of an area's rows of blocks (width against height), before the packing
/// tries others.
pub(super) const ASPECT: f64 = 1.6;

/// A team card with its services in a grid under it, relative to the block's top-left.
pub(super) struct Block {
    pub width: f64,
    pub height: f64,
    pub team: Position,
    pub services: Vec<Position>,
}

impl Block {
    fn centre(&self) -> Position {
        Position {
            x: self.width / 2.0,
            y: self.height / 2.0,
        }
    }
}

/// The block of a team with a card `card_width` wide that owns `services` services: a
/// grid centred under the card, with about `aspect` × 1.25 times as many columns as rows
/// (twice as many at the usual [`ASPECT`]).
pub(super) fn team_block(card_width: f64, services: usize, aspect: f64) -> Block {
    let columns = if services == 0 {
        1
    } else {
        services.min((1.25 * aspect * services as f64).sqrt().ceil() as usize)
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
    /// How much wider than high its rows of blocks are aimed to be.
    aspect: f64,
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
            aspect: ASPECT,
        })
        .collect();
    let (loose, operations) = (groups.len(), groups.len() + 1);
    for _ in 0..3 {
        groups.push(Group {
            domain: None,
            units: Vec::new(),
            aspect: ASPECT,
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
        progress(0.5 * (sweep + 1) as f32 / sweeps as f32);
    }
    order
}

/// Positions for every domain, team and service, in model order (domains, teams,
/// services), rounded to 0.1. `progress` hears the share done, from 0 to 1.
pub fn layout(model: &Model, progress: &mut dyn FnMut(f32)) -> Vec<(String, Position)> {
    layout_with(model, SWEEPS, progress)
}

/// [`layout`] with a chosen number of ordering sweeps; with none, areas and teams keep the
/// model's own order and are not refined.
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
    let groups: Vec<usize> = order
        .into_iter()
        .filter(|g| {
            let group = &structure.groups[*g];
            group.domain.is_some() || !group.units.is_empty()
        })
        .collect();
    let lay_out = |structure: &Structure, g: usize| {
        lay_out_group(model, structure, g, &structure.groups[g].units)
    };
    let mut slots: Vec<Slot> = groups.iter().map(|g| lay_out(&structure, *g)).collect();
    let mut sequence: Vec<usize> = (0..slots.len()).collect();
    if groups.len() <= MAX_SHAPED_GROUPS {
        shape_groups(model, &mut structure, &groups, &mut slots, &sequence);
    }
    if sweeps > 0 {
        let links = group_links(&structure, &groups);
        let refine_order = |slots: &[Slot], sequence: &mut [usize]| {
            if groups.len() <= MAX_REFINED_GROUPS {
                refine_groups(slots, &links, sequence);
            }
        };
        for pass in 0..REFINE_PASSES {
            refine_order(&slots, &mut sequence);
            progress(0.5 + 0.25 * (pass + 1) as f32 / REFINE_PASSES as f32);
        }
        for pass in 0..REFINE_PASSES {
            let corners = placed_corners(&slots, &sequence, best_strip(&slots, &sequence));
            let elsewhere = unit_centres(&slots, &corners);
            for (k, &g) in groups.iter().enumerate() {
                if structure.groups[g].units.len() <= MAX_REFINED_UNITS {
                    refine_units(model, &mut structure, g, &elsewhere, corners[k]);
                }
            }
            for (slot, &g) in slots.iter_mut().zip(&groups) {
                *slot = lay_out(&structure, g);
            }
            // Reordering the blocks may have changed the areas' sizes.
            refine_order(&slots, &mut sequence);
            progress(0.75 + 0.2 * (pass + 1) as f32 / REFINE_PASSES as f32);
        }
    }
    let placed = least_crowded_placement(model, &slots, &sequence);
    progress(1.0);
    entities(model)
        .zip(placed.into_iter().flatten())
        .map(|((id, _, _), at)| (id.to_owned(), at))
        .collect()
}

/// Passes of pairwise swaps that refine the barycentric order against the real distances.
const REFINE_PASSES: usize = 2;
/// Swaps are tried between neighbours at most this far apart in the order.
const SWAP_WINDOW: usize = 12;
/// Areas with more units than this (the unowned services of a big model) keep their
/// barycentric order: each swap re-lays the whole area, so refining them costs too much.
const MAX_REFINED_UNITS: usize = 64;
/// With more areas than this, the areas keep their barycentric order: each swap repacks
/// them all.
const MAX_REFINED_GROUPS: usize = 64;
/// With more areas than this, each keeps its first shape: trying shapes repacks them all
/// many times over, and a model that big is fitted to a screen as domain boxes anyway.
const MAX_SHAPED_GROUPS: usize = 32;
/// The row shapes (width against height) tried for each area's blocks.
const AREA_SHAPES: [f64; 9] = [0.6, 0.8, 1.0, 1.3, 1.6, 2.0, 2.5, 3.2, 4.0];
/// The share of its size on screen the packing may give up for shorter links.
const SCALE_GIVEN_FOR_LINKS: f64 = 0.05;
/// And for names with room round them.
const SCALE_GIVEN_FOR_NAMES: f64 = 0.1;
/// Models up to this many services are packed for their names (see
/// [`least_crowded_placement`]); past it, names no longer fit a projector whatever the packing,
/// and the packing is chosen for its size alone.
const JUDGED_SERVICES: usize = 100;
/// Strip widths tried when packing the areas, between the widest area and all in one row.
const STRIP_WIDTHS: usize = 40;

/// The links between laid-out groups (by their index in `groups`), summed per pair.
fn group_links(structure: &Structure, groups: &[usize]) -> Vec<(usize, usize, f64)> {
    let mut slot_of = vec![usize::MAX; structure.groups.len()];
    for (k, g) in groups.iter().enumerate() {
        slot_of[*g] = k;
    }
    let mut summed: HashMap<(usize, usize), f64> = HashMap::new();
    for (unit, links) in structure.links.iter().enumerate() {
        let a = slot_of[structure.group_of[unit]];
        for &(other, weight) in links {
            let b = slot_of[structure.group_of[other]];
            if a < b {
                *summed.entry((a, b)).or_default() += weight;
            }
        }
    }
    let mut links: Vec<(usize, usize, f64)> =
        summed.into_iter().map(|((a, b), w)| (a, b, w)).collect();
    links.sort_by_key(|&(a, b, _)| (a, b));
    links
}

fn distance(a: Position, b: Position) -> f64 {
    ((a.x - b.x).powi(2) + (a.y - b.y).powi(2)).sqrt()
}

/// The sizes of the slots in the order of `sequence`.
fn sizes_in(slots: &[Slot], sequence: &[usize]) -> Vec<(f64, f64)> {
    sequence
        .iter()
        .map(|s| (slots[*s].width, slots[*s].height))
        .collect()
}

/// The top-left corner of every slot (by slot index) when packed in `sequence` into a
/// strip `strip` wide.
fn placed_corners(slots: &[Slot], sequence: &[usize], strip: f64) -> Vec<(f64, f64)> {
    let mut corners = vec![(0.0, 0.0); slots.len()];
    for (s, corner) in sequence
        .iter()
        .zip(pack(&sizes_in(slots, sequence), strip).corners)
    {
        corners[*s] = corner;
    }
    corners
}

/// The strip width that packs the slots, in `sequence`, largest on a screen.
fn best_strip(slots: &[Slot], sequence: &[usize]) -> f64 {
    best_packing(&sizes_in(slots, sequence)).0
}

/// Gives each area the shape of rows that lets the whole be packed largest on a screen,
/// one area at a time, the largest first.
fn shape_groups(
    model: &Model,
    structure: &mut Structure,
    groups: &[usize],
    slots: &mut [Slot],
    sequence: &[usize],
) {
    let mut by_size: Vec<usize> = (0..groups.len()).collect();
    by_size.sort_by(|a, b| {
        let area = |k: usize| slots[k].width * slots[k].height;
        area(*b).total_cmp(&area(*a))
    });
    let mut best = best_packing(&sizes_in(slots, sequence)).1;
    for k in by_size.iter().chain(&by_size).copied() {
        let group = groups[k];
        let mut chosen = structure.groups[group].aspect;
        for aspect in AREA_SHAPES {
            if aspect == chosen {
                continue;
            }
            structure.groups[group].aspect = aspect;
            let tried = lay_out_group(model, structure, group, &structure.groups[group].units);
            let previous = std::mem::replace(&mut slots[k], tried);
            let score = best_packing(&sizes_in(slots, sequence)).1;
            if score > best + 1e-9 {
                best = score;
                chosen = aspect;
            } else {
                slots[k] = previous;
            }
        }
        structure.groups[group].aspect = chosen;
    }
}

/// Swaps groups in the packing order while that shortens the links between their centres
/// for a little size on screen at most, or makes the whole larger on screen.
fn refine_groups(slots: &[Slot], links: &[(usize, usize, f64)], sequence: &mut [usize]) {
    // How large the whole shows on a screen, and how long the links are, in the strip that
    // suits the order as it starts (choosing it again for every swap costs too much).
    let strip = best_strip(slots, sequence);
    let cost = |sequence: &[usize]| {
        let packed = pack(&sizes_in(slots, sequence), strip);
        let scale = screen_scale(&packed);
        let mut corners = vec![(0.0, 0.0); slots.len()];
        for (s, corner) in sequence.iter().zip(packed.corners) {
            corners[*s] = corner;
        }
        let centre = |s: usize| Position {
            x: corners[s].0 + slots[s].width / 2.0,
            y: corners[s].1 + slots[s].height / 2.0,
        };
        let length = links
            .iter()
            .map(|&(a, b, w)| w * distance(centre(a), centre(b)))
            .sum::<f64>();
        (scale, length)
    };
    let mut best = cost(sequence);
    // Shorter links may cost a little size on screen, never more.
    let mut floor = best.0 * (1.0 - SCALE_GIVEN_FOR_LINKS);
    for i in 0..sequence.len() {
        for j in i + 1..sequence.len().min(i + SWAP_WINDOW) {
            sequence.swap(i, j);
            let (scale, length) = cost(sequence);
            let larger = scale > best.0 * (1.0 + SCALE_GIVEN_FOR_LINKS);
            if larger || (scale >= floor && length < best.1 - 1e-6) {
                best = (scale, length);
                floor = floor.max(scale * (1.0 - SCALE_GIVEN_FOR_LINKS));
            } else {
                sequence.swap(i, j);
            }
        }
    }
}

/// Where the centre of every unit's block is, with the slots at `corners`.
fn unit_centres(slots: &[Slot], corners: &[(f64, f64)]) -> HashMap<usize, Position> {
    slots
        .iter()
        .zip(corners)
        .flat_map(|(slot, &(dx, dy))| {
            slot.units.iter().map(move |&(unit, at)| {
                let centre = Position {
                    x: at.x + dx,
                    y: at.y + dy,
                };
                (unit, centre)
            })
        })
        .collect()
}

/// Swaps the units of group `group` (its slot's corner at `corner`) while that shortens
/// their links, to each other and to units `elsewhere` (which stay put).
fn refine_units(
    model: &Model,
    structure: &mut Structure,
    group: usize,
    elsewhere: &HashMap<usize, Position>,
    corner: (f64, f64),
) {
    let frame = Frame::of(model, structure, group);
    let mut units = structure.groups[group].units.clone();
    let blocks: HashMap<usize, (f64, f64)> = units
        .iter()
        .map(|&u| {
            let block = unit_block(model, structure, group, u);
            (u, (block.width, block.height))
        })
        .collect();
    let mut index: HashMap<usize, usize> = units.iter().enumerate().map(|(k, u)| (*u, k)).collect();
    let (dx, dy) = corner;
    let cost = |units: &[usize], index: &HashMap<usize, usize>| {
        let sizes: Vec<(f64, f64)> = units.iter().map(|u| blocks[u]).collect();
        let centres: Vec<Position> = frame
            .shelve(&sizes)
            .0
            .into_iter()
            .zip(&sizes)
            .map(|((x, y), (w, h))| Position {
                x: dx + x + w / 2.0,
                y: dy + y + h / 2.0,
            })
            .collect();
        let mut total = 0.0;
        for (k, unit) in units.iter().enumerate() {
            for &(other, weight) in &structure.links[*unit] {
                let to = match index.get(&other) {
                    Some(&j) => Some(centres[j]),
                    None => elsewhere.get(&other).copied(),
                };
                if let Some(to) = to {
                    total += weight * distance(centres[k], to);
                }
            }
        }
        total
    };
    let mut best = cost(&units, &index);
    let swap = |units: &mut Vec<usize>, index: &mut HashMap<usize, usize>, i: usize, j: usize| {
        units.swap(i, j);
        index.insert(units[i], i);
        index.insert(units[j], j);
    };
    for i in 0..units.len() {
        for j in i + 1..units.len().min(i + SWAP_WINDOW) {
            swap(&mut units, &mut index, i, j);
            let tried = cost(&units, &index);
            if tried < best - 1e-6 {
                best = tried;
            } else {
                swap(&mut units, &mut index, i, j);
            }
        }
    }
    structure.groups[group].units = units;
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
    /// The centre of each unit's block.
    units: Vec<(usize, Position)>,
}

/// Lays out one group with its units in the order of `units`: the header, then the units
/// in rows about as wide as the group is high.
fn lay_out_group(model: &Model, structure: &Structure, group: usize, units: &[usize]) -> Slot {
    let frame = Frame::of(model, structure, group);
    let blocks: Vec<Block> = units
        .iter()
        .map(|&u| unit_block(model, structure, group, u))
        .collect();
    let sizes: Vec<(f64, f64)> = blocks.iter().map(|b| (b.width, b.height)).collect();
    let (corners, width, bottom) = frame.shelve(&sizes);
    let mut slot = Slot {
        width: width + 2.0 * AREA_PADDING,
        height: bottom + 2.0 * AREA_PADDING,
        header: frame.header.map(|(domain, size)| {
            let centre = Position {
                x: AREA_PADDING + width / 2.0,
                y: AREA_PADDING + size.1 / 2.0,
            };
            (domain, centre)
        }),
        teams: Vec::new(),
        services: Vec::new(),
        units: Vec::new(),
    };
    for ((&unit, block), (x, y)) in units.iter().zip(&blocks).zip(corners) {
        let at = |offset: Position| Position {
            x: x + offset.x,
            y: y + offset.y,
        };
        slot.units.push((unit, at(block.centre())));
        match structure.units[unit] {
            Unit::Team(team) => {
                slot.teams.push((team, at(block.team)));
                for (&service, offset) in structure.owned[team].iter().zip(&block.services) {
                    slot.services.push((service, at(*offset)));
                }
            }
            Unit::Unowned(service) => slot.services.push((service, at(block.services[0]))),
        }
    }
    slot
}

/// The block of one unit: a team over its services, or a lone unowned service.
fn unit_block(model: &Model, structure: &Structure, group: usize, unit: usize) -> Block {
    match structure.units[unit] {
        Unit::Team(t) => team_block(
            team_card_size(&model.teams[t].name).0,
            structure.owned[t].len(),
            structure.groups[group].aspect,
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
    }
}

/// What shapes a group whatever the order of its units: its header and its row width.
struct Frame {
    header: Option<(usize, (f64, f64))>,
    target: f64,
}

impl Frame {
    /// Rows about `ASPECT` times as wide as the group is high, and never narrower than the
    /// header or the widest block.
    fn of(model: &Model, structure: &Structure, group_index: usize) -> Frame {
        let group = &structure.groups[group_index];
        let header = group
            .domain
            .map(|d| (d, domain_header_size(&model.domains[d].name)));
        let (mut area, mut widest) = (0.0, header.map_or(0.0, |(_, size)| size.0));
        for &unit in &group.units {
            let block = unit_block(model, structure, group_index, unit);
            area += (block.width + BLOCK_GAP) * (block.height + BLOCK_GAP);
            widest = f64::max(widest, block.width);
        }
        Frame {
            header,
            target: widest.max((area * group.aspect).sqrt()),
        }
    }

    /// The top-left corners of blocks of these sizes in rows under the header, and the
    /// width and bottom of what they cover, inside the area's padding.
    fn shelve(&self, sizes: &[(f64, f64)]) -> (Vec<(f64, f64)>, f64, f64) {
        let top = self.header.map_or(0.0, |(_, size)| size.1 + HEADER_GAP);
        let mut width = self.header.map_or(0.0, |(_, size)| size.0);
        let (mut x, mut y, mut row_height) = (0.0_f64, top, 0.0_f64);
        let mut corners = Vec::with_capacity(sizes.len());
        for &(w, h) in sizes {
            if x > 0.0 && x + w > self.target {
                y += row_height + BLOCK_GAP;
                x = 0.0;
                row_height = 0.0;
            }
            corners.push((AREA_PADDING + x, AREA_PADDING + y));
            x += w + BLOCK_GAP;
            width = width.max(x - BLOCK_GAP);
            row_height = row_height.max(h);
        }
        (corners, width, y + row_height)
    }
}

/// Areas packed into a strip: the top-left corner of each, and the width and height of the
/// whole.
struct Packed {
    corners: Vec<(f64, f64)>,
    width: f64,
    height: f64,
}

/// Packs areas of these sizes (width, height), in order, into a strip `strip` wide, each
/// `AREA_GAP` from the others: each area goes where its top is highest up (leftmost among
/// equals) on the skyline of those before it, so a short area fills the space beside a
/// tall one rather than leaving a hole under it.
fn pack(sizes: &[(f64, f64)], strip: f64) -> Packed {
    // Steps of the skyline, left to right: from `x` to the next step, the first free height
    // is `y`. Each area claims its gap to the right and below.
    let mut skyline: Vec<(f64, f64)> = vec![(0.0, 0.0)];
    let mut packed = Packed {
        corners: Vec::with_capacity(sizes.len()),
        width: 0.0,
        height: 0.0,
    };
    for &(width, height) in sizes {
        let reach = width + AREA_GAP;
        let mut best: Option<(f64, f64)> = None;
        for (start, &(x, _)) in skyline.iter().enumerate() {
            if x > 0.0 && x + width > strip {
                break;
            }
            let top = skyline[start..]
                .iter()
                .take_while(|step| step.0 < x + reach)
                .map(|step| step.1)
                .fold(0.0, f64::max);
            if best.is_none_or(|(_, y)| top < y - 1e-9) {
                best = Some((x, top));
            }
        }
        let (x, y) = best.expect("the strip's left end always takes an area");
        packed.corners.push((x, y));
        packed.width = packed.width.max(x + width);
        packed.height = packed.height.max(y + height);
        raise(&mut skyline, x, x + reach, y + height + AREA_GAP);
    }
    packed
}

/// Raises the skyline to `y` from `from` to `to`.
fn raise(skyline: &mut Vec<(f64, f64)>, from: f64, to: f64, y: f64) {
    // The height where the raised stretch ends, which carries on after it.
    let after = skyline
        .iter()
        .take_while(|step| step.0 <= to)
        .last()
        .map_or(0.0, |step| step.1);
    let mut steps: Vec<(f64, f64)> = skyline.iter().copied().filter(|s| s.0 < from).collect();
    steps.push((from, y));
    if skyline.iter().all(|s| s.0 != to) {
        steps.push((to, after));
    }
    steps.extend(skyline.iter().copied().filter(|s| s.0 >= to));
    steps.dedup_by(|next, step| next.1 == step.1);
    *skyline = steps;
}

/// The shape of screen (width against height) the areas are packed for: between a laptop's
/// canvas beside the side panels and a 16:9 projector in presentation mode.
const SCREEN_ASPECT: f64 = 1.6;

/// How large a packing shows on a screen one unit high: the zoom that fits it there.
fn screen_scale(packed: &Packed) -> f64 {
    (SCREEN_ASPECT / packed.width.max(1.0)).min(1.0 / packed.height.max(1.0))
}

/// The strip widths tried for areas of these sizes: from the widest area up to all of them
/// in one row.
fn strips(sizes: &[(f64, f64)]) -> impl Iterator<Item = f64> + use<> {
    let widest = sizes.iter().map(|s| s.0).fold(1.0, f64::max);
    let total: f64 = sizes
        .iter()
        .map(|s| s.0 + AREA_GAP)
        .sum::<f64>()
        .max(widest);
    (0..=STRIP_WIDTHS)
        .map(move |step| widest * (total / widest).powf(step as f64 / STRIP_WIDTHS as f64))
}

/// The strip width that packs areas of these sizes largest on a screen, and how large: the
/// zoom that fits them on a screen one unit high.
fn best_packing(sizes: &[(f64, f64)]) -> (f64, f64) {
    let mut best = (f64::INFINITY, 0.0);
    for strip in strips(sizes) {
        let zoom = screen_scale(&pack(sizes, strip));
        if zoom > best.1 + 1e-12 {
            best = (strip, zoom);
        }
    }
    best
}

/// Every domain's, team's and service's position (as [`place`] gives them) with the areas
/// packed into the strip that, among those showing them nearly as large as the best, leaves
/// the fewest services' names crowded on a projector ([`crowded_names`]), the larger on
/// screen among equals. Past `JUDGED_SERVICES` services, the largest is taken.
fn least_crowded_placement(
    model: &Model,
    slots: &[Slot],
    sequence: &[usize],
) -> [Vec<Position>; 3] {
    let sizes = sizes_in(slots, sequence);
    let packings: Vec<(f64, Packed)> = strips(&sizes)
        .map(|strip| {
            let packed = pack(&sizes, strip);
            (screen_scale(&packed), packed)
        })
        .collect();
    // The largest on screen, the first among equals, as `best_packing` chooses.
    let mut largest = 0;
    for (k, (size, _)) in packings.iter().enumerate() {
        if *size > packings[largest].0 + 1e-12 {
            largest = k;
        }
    }
    let scale = packings[largest].0;
    if model.services.len() > JUDGED_SERVICES {
        return place(model, slots, sequence, &packings[largest].1);
    }
    let mut best: Option<(usize, f64, [Vec<Position>; 3])> = None;
    for (size, packed) in &packings {
        if *size < scale * (1.0 - SCALE_GIVEN_FOR_NAMES) {
            continue;
        }
        let placed = place(model, slots, sequence, packed);
        let nodes: Vec<(EntityKind, &str, Position)> = entities(model)
            .zip(placed.iter().flatten())
            .map(|((_, kind, name), at)| (kind, name, *at))
            .collect();
        let crowded = crowded_names(&nodes);
        let better = best.as_ref().is_none_or(|(fewest, larger, _)| {
            crowded < *fewest || (crowded == *fewest && *size > larger + 1e-12)
        });
        if better {
            best = Some((crowded, *size, placed));
        }
    }
    // The largest is always among those tried, so there is a best; the fallback keeps it.
    match best {
        Some((_, _, placed)) => placed,
        None => place(model, slots, sequence, &packings[largest].1),
    }
}

/// Every domain's, team's and service's position (in model order, in three lists) with the
/// slots packed as in `packed`.
fn place(model: &Model, slots: &[Slot], sequence: &[usize], packed: &Packed) -> [Vec<Position>; 3] {
    let mut corners = vec![(0.0, 0.0); slots.len()];
    for (s, corner) in sequence.iter().zip(&packed.corners) {
        corners[*s] = *corner;
    }
    let mut domain_at = vec![Position::default(); model.domains.len()];
    let mut team_at = vec![Position::default(); model.teams.len()];
    let mut service_at = vec![Position::default(); model.services.len()];
    for (slot, (dx, dy)) in slots.iter().zip(corners) {
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
    [domain_at, team_at, service_at]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layout::areas::{domain_areas, intruders};
    use crate::layout::{Positions, Rect};
    use crate::synthetic::generate;

    fn arranged(model: &Model, sweeps: usize) -> Positions {
        layout_with(model, sweeps, &mut |_| {})
            .into_iter()
            .collect()
    }

    /// The mean length of the dependency edges between distinct services.
    fn mean_dependency_length(model: &Model, at: &Positions) -> f64 {
        let lengths: Vec<f64> = model
            .dependencies
            .iter()
            .filter(|d| d.from != d.to)
            .map(|d| {
                let (a, b) = (at[&d.from], at[&d.to]);
                ((a.x - b.x).powi(2) + (a.y - b.y).powi(2)).sqrt()
            })
            .collect();
        lengths.iter().sum::<f64>() / lengths.len() as f64
    }

    /// A tall area then two short ones, in a strip 800 wide, 64 apart. A goes at the left;
    /// B beside it at x = 400 + 64 = 464; C fits beside A too, under B at y = 200 + 64 = 264,
    /// where rows would have put it under A, at y = 664.
    #[test]
    fn a_short_area_fills_the_space_beside_a_tall_one() {
        let packed = pack(&[(400.0, 600.0), (300.0, 200.0), (300.0, 200.0)], 800.0);
        assert_eq!(packed.corners, [(0.0, 0.0), (464.0, 0.0), (464.0, 264.0)]);
        assert_eq!((packed.width, packed.height), (764.0, 600.0));
    }

    /// Four squares 100 wide, 64 apart, for a screen 1.6 times as wide as high. In one row
    /// they are 592 × 100 and fit at 1.6 / 592 ≈ 0.0027; three and one, 428 × 264, at
    /// 1.6 / 428 ≈ 0.0037; two by two, 264 × 264, at 1 / 264 ≈ 0.0038, the largest.
    #[test]
    fn the_strip_is_as_wide_as_fills_the_screen_best() {
        let squares = [(100.0, 100.0); 4];
        let (strip, scale) = best_packing(&squares);
        assert!((scale - 1.0 / 264.0).abs() < 1e-12, "{scale}");
        let packed = pack(&squares, strip);
        let two_by_two = [(0.0, 0.0), (164.0, 0.0), (0.0, 164.0), (164.0, 164.0)];
        assert_eq!(packed.corners, two_by_two);
    }

    #[test]
    fn a_team_block_centres_its_card_over_a_grid_of_services() {
        // 5 services: min(5, ⌈√10⌉ = 4) = 4 columns, so 2 rows. Grid 4 × 164 − 24 = 632
        // wide, wider than the 180 card. First row at 54 + 28 + 30 = 112, second 232; the
        // lone service of the second row sits in the middle: (632 − 140) / 2 + 70 = 316.
        let block = team_block(180.0, 5, ASPECT);
        assert_eq!(block.width, 632.0);
        assert_eq!(block.team, Position { x: 316.0, y: 27.0 });
        assert_eq!(block.services[0], Position { x: 70.0, y: 112.0 });
        assert_eq!(block.services[3], Position { x: 562.0, y: 112.0 });
        assert_eq!(block.services[4], Position { x: 316.0, y: 232.0 });
        // The last footprint ends 68 under its centre.
        assert_eq!(block.height, 300.0);
        let lone = team_block(180.0, 0, ASPECT);
        assert_eq!((lone.width, lone.height), (180.0, TEAM_CARD_HEIGHT));
    }

    #[test]
    fn the_same_model_always_gets_the_same_positions() {
        let model = generate(300, 40, 600, 7);
        let once = layout(&model, &mut |_| {});
        let twice = layout(&model, &mut |_| {});
        assert_eq!(once, twice);
        let entities = model.domains.len() + model.teams.len() + model.services.len();
        assert_eq!(once.len(), entities, "every entity gets a position");
        assert!(
            once.iter()
                .all(|(_, p)| (p.x * 10.0).fract() == 0.0 && (p.y * 10.0).fract() == 0.0),
            "positions are rounded to 0.1"
        );
    }

    #[test]
    fn progress_climbs_to_one() {
        let model = generate(60, 10, 80, 1);
        let mut heard = Vec::new();
        layout(&model, &mut |done| heard.push(done));
        assert_eq!(
            heard.len(),
            SWEEPS + 2 * REFINE_PASSES + 1,
            "one report per sweep and pass, and one at the end"
        );
        assert!(heard.windows(2).all(|w| w[0] < w[1]));
        assert_eq!(heard.last(), Some(&1.0));
    }

    #[test]
    fn areas_never_overlap_and_hold_only_their_members() {
        for (services, teams, seed) in [(300, 40, 3), (120, 30, 11), (1000, 110, 5)] {
            let model = generate(services, teams, services * 2, seed);
            let at = arranged(&model, SWEEPS);
            assert_eq!(intruders(&model, &at), Vec::new());
            let areas: Vec<Rect> = domain_areas(&model, |id| at.get(id).copied())
                .into_iter()
                .map(|(_, area)| area)
                .collect();
            assert_eq!(areas.len(), model.domains.len());
            for (i, a) in areas.iter().enumerate() {
                for b in &areas[i + 1..] {
                    assert!(!a.overlaps(b), "{a:?} overlaps {b:?}");
                }
            }
        }
    }

    #[test]
    fn a_team_sits_above_its_services() {
        let model = generate(120, 20, 150, 9);
        let at = arranged(&model, SWEEPS);
        for service in &model.services {
            if let Some(owner) = service.owner.as_deref() {
                let (team, me) = (at[owner], at[&service.id]);
                assert!(me.y > team.y, "{} under its team", service.id);
                // A grid is at most ⌈√(2n)⌉ columns of 164: within 820 of the card for the
                // largest synthetic teams (n ≤ 50 → 10 columns, half of it either side).
                assert!(
                    (me.x - team.x).abs() <= 820.0,
                    "{} near its team",
                    service.id
                );
            }
        }
    }

    #[test]
    fn ordering_by_dependencies_shortens_the_edges() {
        // Baseline: the same packing in the model's own order. Synthetic dependencies run
        // mostly within a domain and to a few hubs, so ordering areas and teams by their
        // links must bring linked teams together: at least 10 % shorter on average.
        for seed in [2, 4, 8] {
            let model = generate(300, 40, 600, seed);
            let plain = mean_dependency_length(&model, &arranged(&model, 0));
            let ordered = mean_dependency_length(&model, &arranged(&model, SWEEPS));
            assert!(
                ordered < plain * 0.9,
                "seed {seed}: ordered {ordered:.0} vs plain {plain:.0}"
            );
        }
    }

    #[test]
    fn edges_are_short_against_the_size_of_the_picture() {
        // Two points dropped at random in a W × H rectangle lie about 0.52 × √(W·H) apart
        // (the mean distance in a unit square is 0.5214). In these synthetic models about
        // half of the dependencies go to popular hubs anywhere (`synthetic::add_dependencies`),
        // so they average near that whatever the layout; the other half stay within a team
        // or domain. A layout that keeps those together lands near 0.5 × random plus a
        // little: require under 0.75 × random.
        let model = generate(300, 40, 600, 6);
        let at = arranged(&model, SWEEPS);
        let (mut min, mut max) = ((f64::MAX, f64::MAX), (f64::MIN, f64::MIN));
        for p in at.values() {
            min = (min.0.min(p.x), min.1.min(p.y));
            max = (max.0.max(p.x), max.1.max(p.y));
        }
        let random = 0.5214 * ((max.0 - min.0) * (max.1 - min.1)).sqrt();
        let mean = mean_dependency_length(&model, &at);
        assert!(mean < random * 0.75, "mean {mean:.0} vs random {random:.0}");
    }
}
