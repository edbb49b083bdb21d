//! Refining the order by real distances: each area tries a few shapes of rows, then pairs
//! of areas in the packing order, and pairs of teams in an area, are swapped while that
//! shortens the links between them (for a little size on screen at most).

use std::collections::HashMap;

use super::blocks::{Frame, Slot, lay_out_group, unit_block};
use super::order::Structure;
use super::pack::{best_packing, best_strip, pack, screen_scale, sizes_in};
use crate::model::{Model, Position};

/// Passes of pairwise swaps that refine the barycentric order against the real distances.
pub(super) const REFINE_PASSES: usize = 2;

/// Swaps are tried between neighbours at most this far apart in the order.
pub(super) const SWAP_WINDOW: usize = 12;

/// Areas with more units than this (the unowned services of a big model) keep their
/// barycentric order: each swap re-lays the whole area, so refining them costs too much.
pub(super) const MAX_REFINED_UNITS: usize = 64;

/// With more areas than this, the areas keep their barycentric order: each swap repacks
/// them all.
pub(super) const MAX_REFINED_GROUPS: usize = 64;

/// With more areas than this, each keeps its first shape: trying shapes repacks them all
/// many times over, and a model that big is fitted to a screen as domain boxes anyway.
pub(super) const MAX_SHAPED_GROUPS: usize = 32;

/// The row shapes (width against height) tried for each area's blocks.
pub(super) const AREA_SHAPES: [f64; 9] = [0.6, 0.8, 1.0, 1.3, 1.6, 2.0, 2.5, 3.2, 4.0];

/// The share of its size on screen the packing may give up for shorter links.
pub(super) const SCALE_GIVEN_FOR_LINKS: f64 = 0.05;

/// The links between laid-out groups (by their index in `groups`), summed per pair.
pub(super) fn group_links(structure: &Structure, groups: &[usize]) -> Vec<(usize, usize, f64)> {
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

pub(super) fn distance(a: Position, b: Position) -> f64 {
    ((a.x - b.x).powi(2) + (a.y - b.y).powi(2)).sqrt()
}

/// Gives each area the shape of rows that lets the whole be packed largest on a screen,
/// one area at a time, the largest first.
pub(super) fn shape_groups(
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
pub(super) fn refine_groups(slots: &[Slot], links: &[(usize, usize, f64)], sequence: &mut [usize]) {
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
pub(super) fn unit_centres(slots: &[Slot], corners: &[(f64, f64)]) -> HashMap<usize, Position> {
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
pub(super) fn refine_units(
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
            let block = unit_block(structure, group, u);
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

#[cfg(test)]
mod tests {
    use super::*;

    /// Three equal areas in a row, the first linked to the third: a swap brings the third
    /// next to the first without making the packing smaller on screen.
    #[test]
    fn swapping_areas_brings_linked_ones_together() {
        let slot = |_| Slot {
            width: 400.0,
            height: 400.0,
            header: None,
            teams: Vec::new(),
            services: Vec::new(),
            units: Vec::new(),
        };
        let slots: Vec<Slot> = (0..3).map(slot).collect();
        let mut sequence = vec![0, 1, 2];
        refine_groups(&slots, &[(0, 2, 5.0)], &mut sequence);
        let at = |s: usize| sequence.iter().position(|&x| x == s).unwrap();
        assert_eq!(at(0).abs_diff(at(2)), 1, "{sequence:?}");
    }
}
