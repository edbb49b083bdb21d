//! Packing the areas into a picture that fills a screen: like a skyline, each area where
//! its top is highest up, in a strip whose width is chosen so that the whole fits a screen
//! largest; among strips nearly as good, the one whose names a projector would crowd least.

use super::blocks::Slot;
use crate::layout::areas::AREA_GAP;
use crate::layout::areas::membership;
use crate::layout::crowding::{Node, crowded_names};
use crate::layout::rounded;
use crate::layout::sizes::entities;
use crate::model::{Model, Position, positions_by_id};

/// And for names with room round them.
pub(super) const SCALE_GIVEN_FOR_NAMES: f64 = 0.1;

/// Models up to this many services are packed for their names (see
/// [`least_crowded_placement`]); past it, names no longer fit a projector whatever the packing,
/// and the packing is chosen for its size alone.
pub(super) const JUDGED_SERVICES: usize = 100;

/// Strip widths tried when packing the areas, between the widest area and all in one row.
pub(super) const STRIP_WIDTHS: usize = 40;

/// The sizes of the slots in the order of `sequence`.
pub(super) fn sizes_in(slots: &[Slot], sequence: &[usize]) -> Vec<(f64, f64)> {
    sequence
        .iter()
        .map(|s| (slots[*s].width, slots[*s].height))
        .collect()
}

/// The top-left corner of every slot (by slot index) when packed in `sequence` into a
/// strip `strip` wide.
pub(super) fn placed_corners(slots: &[Slot], sequence: &[usize], strip: f64) -> Vec<(f64, f64)> {
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
pub(super) fn best_strip(slots: &[Slot], sequence: &[usize]) -> f64 {
    best_packing(&sizes_in(slots, sequence)).0
}

/// Areas packed into a strip: the top-left corner of each, and the width and height of the
/// whole.
pub(super) struct Packed {
    pub(super) corners: Vec<(f64, f64)>,
    pub(super) width: f64,
    pub(super) height: f64,
}

/// Packs areas of these sizes (width, height), in order, into a strip `strip` wide, each
/// `AREA_GAP` from the others: each area goes where its top is highest up (leftmost among
/// equals) on the skyline of those before it, so a short area fills the space beside a
/// tall one rather than leaving a hole under it.
pub(super) fn pack(sizes: &[(f64, f64)], strip: f64) -> Packed {
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
pub(super) fn raise(skyline: &mut Vec<(f64, f64)>, from: f64, to: f64, y: f64) {
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

/// The shape of screen (width against height) the areas are packed for: a 16:9 projector
/// in presentation mode less its figures strip, and a deck's page less its title and
/// legend, where a room reads the picture; the editor's canvas is squarer and shows it a
/// little smaller.
pub(super) const SCREEN_ASPECT: f64 = 2.0;

/// How large a packing shows on a screen one unit high: the zoom that fits it there.
pub(super) fn screen_scale(packed: &Packed) -> f64 {
    (SCREEN_ASPECT / packed.width.max(1.0)).min(1.0 / packed.height.max(1.0))
}

/// The strip widths tried for areas of these sizes: from the widest area up to all of them
/// in one row.
pub(super) fn strips(sizes: &[(f64, f64)]) -> impl Iterator<Item = f64> + use<> {
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
pub(super) fn best_packing(sizes: &[(f64, f64)]) -> (f64, f64) {
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
pub(super) fn least_crowded_placement(
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
    // Each entity's area: its domain's, by index, or the one outside every domain.
    let member_of = membership(model);
    let domain_index = positions_by_id(&model.domains, |d| d.id.as_str());
    let area_of = |id: &str| {
        member_of
            .get(id)
            .and_then(|d| domain_index.get(d))
            .copied()
            .unwrap_or(model.domains.len())
    };
    let mut best: Option<(usize, f64, [Vec<Position>; 3])> = None;
    for (size, packed) in &packings {
        if *size < scale * (1.0 - SCALE_GIVEN_FOR_NAMES) {
            continue;
        }
        let placed = place(model, slots, sequence, packed);
        let nodes: Vec<Node> = entities(model)
            .zip(placed.iter().flatten())
            .map(|((id, kind, name), at)| (kind, name, *at, area_of(id)))
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
pub(super) fn place(
    model: &Model,
    slots: &[Slot],
    sequence: &[usize],
    packed: &Packed,
) -> [Vec<Position>; 3] {
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

    /// A tall area then two short ones, in a strip 800 wide, 80 apart. A goes at the left;
    /// B beside it at x = 400 + 80 = 480; C fits beside A too, under B at y = 200 + 80 = 280,
    /// where rows would have put it under A, at y = 680.
    #[test]
    fn a_short_area_fills_the_space_beside_a_tall_one() {
        let packed = pack(&[(400.0, 600.0), (300.0, 200.0), (300.0, 200.0)], 800.0);
        assert_eq!(packed.corners, [(0.0, 0.0), (480.0, 0.0), (480.0, 280.0)]);
        assert_eq!((packed.width, packed.height), (780.0, 600.0));
    }

    /// Six squares 100 wide, 80 apart, for a screen twice as wide as high. In one row they
    /// are 1,000 × 100 and fit at 2 / 1,000 = 0.002; four and two, 640 × 280, at
    /// 2 / 640 ≈ 0.0031; three by two, 460 × 280, at 1 / 280 ≈ 0.0036, the largest; two by
    /// three, 280 × 460, at 1 / 460 ≈ 0.0022.
    #[test]
    fn the_strip_is_as_wide_as_fills_the_screen_best() {
        let squares = [(100.0, 100.0); 6];
        let (strip, scale) = best_packing(&squares);
        assert!((scale - 1.0 / 280.0).abs() < 1e-12, "{scale}");
        let packed = pack(&squares, strip);
        let three_by_two = [
            (0.0, 0.0),
            (180.0, 0.0),
            (360.0, 0.0),
            (0.0, 180.0),
            (180.0, 180.0),
            (360.0, 180.0),
        ];
        assert_eq!(packed.corners, three_by_two);
    }
}
