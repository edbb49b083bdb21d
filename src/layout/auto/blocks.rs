//! The blocks an area is made of — a team's card with the services it owns in a grid under
//! it, or a service no team owns — and an area laid out from its header down, its blocks in
//! rows about as wide as the area is high.

use super::order::{Structure, Unit};
use super::{
    BLOCK_GAP, CARD_TO_SERVICES, HEADER_GAP, SERVICE_PITCH_X, SERVICE_PITCH_Y, SERVICE_TOP,
};
use crate::layout::areas::{AREA_PADDING, OUTSIDE_TITLE};
use crate::layout::sizes::{SERVICE_LABEL_WIDTH, domain_header_size, service_footprint};
use crate::model::{Model, Position};

/// A team card with its services in a grid under it, relative to the block's top-left.
pub struct Block {
    pub width: f64,
    pub height: f64,
    pub team: Position,
    pub services: Vec<Position>,
}

impl Block {
    pub(super) fn centre(&self) -> Position {
        Position {
            x: self.width / 2.0,
            y: self.height / 2.0,
        }
    }
}

/// The block of a team with a card of size `card` that owns `services` services: a grid
/// centred under the card, with about `aspect` × 1.25 times as many columns as rows (twice
/// as many at the usual [`ASPECT`](super::ASPECT)).
pub fn team_block(card: (f64, f64), services: usize, aspect: f64) -> Block {
    let (card_width, card_height) = card;
    let columns = if services == 0 {
        1
    } else {
        services.min((1.25 * aspect * services as f64).sqrt().ceil() as usize)
    };
    let rows = services.div_ceil(columns);
    let row_width =
        |count: usize| count as f64 * SERVICE_PITCH_X - (SERVICE_PITCH_X - SERVICE_LABEL_WIDTH);
    let width = card_width.max(row_width(columns.min(services)));
    let first_row = card_height + CARD_TO_SERVICES + SERVICE_TOP;
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
        card_height
    } else {
        let last = first_row + (rows - 1) as f64 * SERVICE_PITCH_Y;
        service_footprint(Position { x: 0.0, y: last }).max_y
    };
    Block {
        width,
        height,
        team: Position {
            x: width / 2.0,
            y: card_height / 2.0,
        },
        services: offsets,
    }
}

/// One area laid out from its own top-left corner.
pub(super) struct Slot {
    pub(super) width: f64,
    pub(super) height: f64,
    pub(super) header: Option<(usize, Position)>,
    pub(super) teams: Vec<(usize, Position)>,
    pub(super) services: Vec<(usize, Position)>,
    /// The centre of each unit's block.
    pub(super) units: Vec<(usize, Position)>,
}

/// Lays out one group with its units in the order of `units`: the header, then the units
/// in rows about as wide as the group is high.
pub(super) fn lay_out_group(
    model: &Model,
    structure: &Structure,
    group: usize,
    units: &[usize],
) -> Slot {
    let frame = Frame::of(model, structure, group);
    let blocks: Vec<Block> = units
        .iter()
        .map(|&u| unit_block(structure, group, u))
        .collect();
    let sizes: Vec<(f64, f64)> = blocks.iter().map(|b| (b.width, b.height)).collect();
    let (corners, width, bottom) = frame.shelve(&sizes);
    let mut slot = Slot {
        width: width + 2.0 * AREA_PADDING,
        height: bottom + 2.0 * AREA_PADDING,
        header: frame.header.and_then(|(domain, size)| {
            let centre = Position {
                x: AREA_PADDING + width / 2.0,
                y: AREA_PADDING + size.1 / 2.0,
            };
            domain.map(|d| (d, centre))
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
pub(super) fn unit_block(structure: &Structure, group: usize, unit: usize) -> Block {
    match structure.units[unit] {
        Unit::Team(t) => team_block(
            structure.cards[t],
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

/// What shapes a group whatever the order of its units: its header (a domain's, by index,
/// or the outside area's title) and its row width.
pub(super) struct Frame {
    pub(super) header: Option<(Option<usize>, (f64, f64))>,
    pub(super) target: f64,
}

impl Frame {
    /// Rows about `ASPECT` times as wide as the group is high, and never narrower than the
    /// header or the widest block.
    pub(super) fn of(model: &Model, structure: &Structure, group_index: usize) -> Frame {
        let group = &structure.groups[group_index];
        let header = match group.domain {
            Some(d) => Some((Some(d), domain_header_size(&model.domains[d].name))),
            None if !group.units.is_empty() => Some((None, domain_header_size(OUTSIDE_TITLE))),
            None => None,
        };
        let (mut area, mut widest) = (0.0, header.map_or(0.0, |(_, size)| size.0));
        for &unit in &group.units {
            let block = unit_block(structure, group_index, unit);
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
    pub(super) fn shelve(&self, sizes: &[(f64, f64)]) -> (Vec<(f64, f64)>, f64, f64) {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layout::sizes::TEAM_CARD_HEIGHT;

    #[test]
    fn a_team_block_centres_its_card_over_a_grid_of_services() {
        // 5 services: min(5, ⌈√10⌉ = 4) = 4 columns, so 2 rows. Grid 4 × 244 − 24 = 952
        // wide, wider than the 180 card. First row at 54 + 28 + 30 = 112, second 277; the
        // lone service of the second row sits in the middle: (952 − 220) / 2 + 110 = 476.
        let block = team_block((180.0, TEAM_CARD_HEIGHT), 5, super::super::ASPECT);
        assert_eq!(block.width, 952.0);
        assert_eq!(block.team, Position { x: 476.0, y: 27.0 });
        assert_eq!(block.services[0], Position { x: 110.0, y: 112.0 });
        assert_eq!(block.services[3], Position { x: 842.0, y: 112.0 });
        assert_eq!(block.services[4], Position { x: 476.0, y: 277.0 });
        // The last footprint ends 110 under its centre.
        assert_eq!(block.height, 387.0);
        let lone = team_block((180.0, TEAM_CARD_HEIGHT), 0, super::super::ASPECT);
        assert_eq!((lone.width, lone.height), (180.0, TEAM_CARD_HEIGHT));
    }

    /// A card two rows tall pushes its services down by the extra row.
    #[test]
    fn a_tall_card_pushes_its_services_down() {
        let short = team_block((180.0, TEAM_CARD_HEIGHT), 2, super::super::ASPECT);
        let tall = team_block((180.0, TEAM_CARD_HEIGHT + 17.0), 2, super::super::ASPECT);
        assert_eq!(tall.services[0].y, short.services[0].y + 17.0);
        assert_eq!(tall.team.y, short.team.y + 8.5);
    }

    /// Three blocks 100 × 50 in rows at most 250 wide, under a header 40 high: two side by
    /// side (32 apart), the third on a second row 32 under the first.
    #[test]
    fn blocks_are_shelved_in_rows_under_the_header() {
        let frame = Frame {
            header: Some((Some(0), (200.0, 40.0))),
            target: 250.0,
        };
        let (corners, width, bottom) = frame.shelve(&[(100.0, 50.0); 3]);
        let top = 40.0 + HEADER_GAP;
        assert_eq!(corners[0], (AREA_PADDING, AREA_PADDING + top));
        assert_eq!(corners[1], (AREA_PADDING + 132.0, AREA_PADDING + top));
        assert_eq!(corners[2], (AREA_PADDING, AREA_PADDING + top + 82.0));
        assert_eq!((width, bottom), (232.0, top + 132.0));
    }
}
