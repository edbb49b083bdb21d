//! Names placed all at once, in output pixels, so that they never overlap each other, a
//! shape, or the end of an edge: the one label placement of the canvas and every export.
//!
//! Every name is drawn at a size a room can read — never below the mode's minimum — and
//! wrapped only between words. The most important names are placed first (the selection
//! and its neighbours, domains, teams, services in trouble, then the other services by
//! exposure); each tries its own card first, then round its shape, always nearer its own
//! shape than any other, and is left out when every place is taken. A card whose name
//! does not fit it grows on screen to hold it.

use std::collections::HashMap;

use crate::layout::Rect;
use crate::layout::text::{Line, Shaped};
use crate::model::Position;

/// How large names are drawn in a mode.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct TextScale {
    /// Canvas text sizes are multiplied by this before the zoom.
    pub factor: f32,
    /// No name is drawn smaller than this, in output pixels.
    pub min_px: f32,
    /// Nor larger than this, however far the view is zoomed in.
    pub max_px: f32,
}

impl TextScale {
    /// The editor: names from 14 px, about the side panels' body text.
    pub const EDITOR: TextScale = TextScale {
        factor: 1.0,
        min_px: 14.0,
        max_px: 24.0,
    };
    /// Presentation mode, and slides: names from 16 px, for the back of a room.
    pub const PRESENTING: TextScale = TextScale {
        factor: 1.3,
        min_px: 16.0,
        max_px: 32.0,
    };

    /// The output size of text that is `canvas_px` tall in canvas units at this zoom.
    pub fn px(self, canvas_px: f32, zoom: f64) -> f32 {
        (canvas_px * zoom as f32 * self.factor).clamp(self.min_px, self.max_px)
    }
}

/// The gap between a shape and a name beside it: small enough that a name of two rows fits
/// between two rows of services at the zoom a 720p screen fits a few dozen services at.
pub const GAP: f64 = 2.0;
/// The least room between a name beside its shape and any other name, across and down, in
/// output pixels.
const NAME_SPACING: (f64, f64) = (5.0, 2.0);
/// How far inside its area's outline a name stays, in output pixels.
pub const AREA_INSET: f64 = 2.0;
/// A grown card's padding round its name, each way.
const CARD_PADDING: (f64, f64) = (6.0, 3.0);
/// Rows of a name beside its shape.
const OUTSIDE_ROWS: usize = 2;
/// How far a name under or over its shape, or a card grown round its name, may be moved
/// sideways, in output pixels, to clear a neighbour's name or the edge of its area.
const NUDGES: [f64; 3] = [4.0, 8.0, 16.0];
/// Cell of the grid that finds overlaps, in output pixels.
const CELL: f64 = 64.0;

/// One name to place.
pub struct Label<'a> {
    pub name: &'a Shaped,
    /// The node's shape, which other names keep off.
    pub shape: Rect,
    /// For a card or header, the part of it a name may take (above its caption); `None`
    /// for a shape whose name goes beside it.
    pub room: Option<Rect>,
    /// Text size in canvas units, before the zoom and the scale.
    pub canvas_px: f32,
    /// Lower goes first.
    pub rank: u64,
    /// The room round the box of the area the node belongs to, which a name beside its
    /// shape or a card grown round its name stays inside, so that a room reads every name
    /// as part of its domain (the box grows to hold them).
    pub within: Option<Rect>,
}

/// Where a name went.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Spot {
    /// Within its card or header, which it fits.
    Inside,
    /// Over its card or header, which grows to hold it (`Placed::rect` is the grown card).
    Card,
    /// Beside its shape, on a light backing.
    Outside,
}

/// A placed name: its lines, where they sit, and how.
#[derive(Clone, Debug, PartialEq)]
pub struct Placed {
    /// What the name covers: its lines, or the grown card for [`Spot::Card`].
    pub rect: Rect,
    /// The top of the first line, at the lines' centre.
    pub text_top: Position,
    pub lines: Vec<Line>,
    pub px: f32,
    pub spot: Spot,
    /// Whether the whole name shows (no ellipsis).
    pub whole: bool,
}

/// Rectangles indexed by a uniform grid, to find overlaps without testing every pair.
struct Occupied {
    cells: HashMap<(i64, i64), Vec<Rect>>,
}

impl Occupied {
    fn new() -> Occupied {
        Occupied {
            cells: HashMap::new(),
        }
    }

    fn insert(&mut self, rect: Rect) {
        for key in rect.cells(CELL) {
            self.cells.entry(key).or_default().push(rect);
        }
    }

    /// Whether `rect` overlaps anything here other than `own` and what overlaps `own`
    /// (shapes stacked on each other, which no name can tell apart).
    fn overlaps(&self, rect: &Rect, own: Option<&Rect>) -> bool {
        rect.cells(CELL).any(|key| {
            self.cells.get(&key).is_some_and(|rects| {
                rects
                    .iter()
                    .any(|r| r.overlaps(rect) && own.is_none_or(|own| r != own && !r.overlaps(own)))
            })
        })
    }
}

/// A name's lines at a size and wrap width.
struct Laid {
    lines: Vec<Line>,
    cut: bool,
    size: (f64, f64),
}

fn lay(name: &Shaped, px: f32, width: f64, rows: usize) -> Laid {
    // Never break inside a word: the wrap is at least as wide as the longest word.
    let width = width.max(f64::from(name.longest_word(px)) + 1.0);
    let wrapped = name.wrap(px, width as f32, rows);
    let height = wrapped.lines.len() as f64 * f64::from(crate::layout::text::row_height(px));
    Laid {
        size: (f64::from(wrapped.width()), height),
        cut: wrapped.cut,
        lines: wrapped.lines,
    }
}

fn rect_at(min: Position, size: (f64, f64)) -> Rect {
    Rect {
        min_x: min.x,
        min_y: min.y,
        max_x: min.x + size.0,
        max_y: min.y + size.1,
    }
}

/// The places a name of `size` may go round `label`, best first: a card's or header's
/// name inside it, or over it grown to fit; every name then below (nudged sideways a
/// little where it must be), above (likewise), right, left, and below or above leaning
/// right or left.
fn spots(label: &Label, size: (f64, f64)) -> Vec<(Rect, Spot)> {
    let shape = label.shape;
    let mut spots = Vec::with_capacity(11 + 4 * NUDGES.len());
    if let Some(room) = label.room {
        let fits = size.0 <= room.width() - 6.0 && size.1 <= room.height();
        if fits {
            let centre = room.centre();
            spots.push((Rect::around(centre, size.0, size.1), Spot::Inside));
            return spots;
        }
        // Grown about its centre, or up or down from its lower or upper edge where the card
        // or header next to it leaves no room; then each moved a little sideways (still
        // over the whole card) where the edge of its area is near.
        let grown = (size.0 + 2.0 * CARD_PADDING.0, size.1 + 2.0 * CARD_PADDING.1);
        let around = Rect::around(shape.centre(), grown.0, grown.1);
        let up = around.translate(0.0, shape.max_y - around.max_y);
        let down = around.translate(0.0, shape.min_y - around.min_y);
        let slack = (grown.0 - shape.width()) / 2.0;
        let shifts = NUDGES
            .iter()
            .filter(|&&d| d <= slack)
            .flat_map(|&d| [d, -d]);
        let sideways: Vec<Rect> = shifts
            .flat_map(|d| [around, up, down].map(|rect| rect.translate(d, 0.0)))
            .collect();
        for rect in [around, up, down].into_iter().chain(sideways) {
            spots.push((rect, Spot::Card));
        }
    }
    let centre = shape.centre();
    let x = centre.x - size.0 / 2.0;
    let y = centre.y - size.1 / 2.0;
    let (below, above) = (shape.max_y + GAP, shape.min_y - GAP - size.1);
    let (right, left) = (centre.x, centre.x - size.0);
    // Below or above, nudged sideways a little where a neighbour's name touches.
    let nudged = |y: f64| NUDGES.iter().flat_map(move |&d| [(x + d, y), (x - d, y)]);
    for (x, y) in [(x, below)]
        .into_iter()
        .chain(nudged(below))
        .chain([(x, above)])
        .chain(nudged(above))
        .chain([
            (shape.max_x + GAP, y),
            (shape.min_x - GAP - size.0, y),
            (right, below),
            (left, below),
            (right, above),
            (left, above),
        ])
    {
        spots.push((rect_at(Position { x, y }, size), Spot::Outside));
    }
    spots
}

/// Places `labels` within `view`, keeping them off every shape in `shapes` (the labels'
/// own shapes among them), off each other, and those beside a shape off `avoid` (the ends
/// of edges). Returns,
/// for each label in the order given, where it went, or `None` when it was left out.
pub fn place(
    labels: &[Label],
    shapes: &[Rect],
    avoid: &[Rect],
    view: Rect,
    zoom: f64,
    scale: TextScale,
) -> Vec<Option<Placed>> {
    let mut on_shapes = Occupied::new();
    for shape in shapes.iter().filter(|r| r.overlaps(&view)) {
        on_shapes.insert(*shape);
    }
    // Edges' ends keep names beside a shape away; a card grown round its name may cover
    // them, as the edges then end at the grown card.
    let mut ends = Occupied::new();
    for rect in avoid.iter().filter(|r| r.overlaps(&view)) {
        ends.insert(*rect);
    }
    let mut taken = Occupied::new();
    let mut order: Vec<usize> = (0..labels.len()).collect();
    order.sort_by_key(|&i| labels[i].rank);
    let mut placed: Vec<Option<Placed>> = vec![None; labels.len()];
    let contains = |outer: &Rect, inner: &Rect| {
        inner.min_x >= outer.min_x
            && inner.min_y >= outer.min_y
            && inner.max_x <= outer.max_x
            && inner.max_y <= outer.max_y
    };
    for i in order {
        let label = &labels[i];
        if label.name.is_empty() || !label.shape.expand(200.0).overlaps(&view) {
            continue;
        }
        let px = scale.px(label.canvas_px, zoom);
        let fpx = f64::from(px);
        // Rows about as wide as the shape, which keep neighbours apart; two rows of half
        // the name each (a little more, as words seldom split it evenly), narrower still; for a card's or header's name that its card
        // cannot grow sideways to hold, rows as wide as the card, which grows down instead;
        // one wider row where two rows would run into the shape below.
        let narrow = (label.shape.width() * 1.4).max(fpx * 7.0);
        let halves = f64::from(label.name.width(px)) * 0.6;
        // A card or header tries one row first: a grown card two rows high runs into the
        // header above it or the services below it long before one row wide meets its
        // neighbours.
        let mut tries: Vec<(f64, usize)> = Vec::with_capacity(5);
        if label.room.is_some() {
            tries.push((fpx * 18.0, 1));
        }
        tries.push((narrow, OUTSIDE_ROWS));
        if halves < narrow {
            tries.push((halves, OUTSIDE_ROWS));
        }
        if let Some(room) = label.room {
            tries.push((room.width() - 12.0, crate::layout::sizes::NAME_LINES));
        }
        tries.push((fpx * 18.0, OUTSIDE_ROWS));
        let mut laid: Vec<Option<Laid>> = tries.iter().map(|_| None).collect();
        let free = |rect: &Rect, spot: Spot| {
            if !contains(&view, rect)
                || (spot != Spot::Inside && label.within.is_some_and(|area| !contains(&area, rect)))
            {
                return false;
            }
            match spot {
                Spot::Inside => true,
                // A grown card may touch another, as cards in a row do.
                Spot::Card => {
                    !taken.overlaps(rect, None) && !on_shapes.overlaps(rect, Some(&label.shape))
                }
                Spot::Outside => {
                    // A word space from any other name, and a little more than a line's
                    // leading above and below, so that two names never read as one.
                    let apart = Rect {
                        min_x: rect.min_x - NAME_SPACING.0,
                        max_x: rect.max_x + NAME_SPACING.0,
                        ..rect.expand(NAME_SPACING.1)
                    };
                    !taken.overlaps(&apart, None)
                        && !ends.overlaps(rect, None)
                        // Nearer its own shape than any other: no other shape within the gap.
                        && !on_shapes.overlaps(&rect.expand(GAP + 0.5), Some(&label.shape))
                }
            }
        };
        // A whole name anywhere beats a cut one, and a name on its own card beats one
        // beside it, however it is wrapped. Each wrapping is laid out when first tried.
        let mut found: Option<(usize, Rect, Spot)> = None;
        'search: for (cut, on_own) in [(false, true), (false, false), (true, true), (true, false)] {
            if on_own && label.room.is_none() {
                continue;
            }
            for (k, &(width, rows)) in tries.iter().enumerate() {
                let tried = laid[k].get_or_insert_with(|| lay(label.name, px, width, rows));
                if tried.cut != cut || tried.lines.is_empty() {
                    continue;
                }
                let spot = spots(label, tried.size)
                    .into_iter()
                    .filter(|(_, spot)| (*spot != Spot::Outside) == on_own)
                    .find(|(rect, spot)| free(rect, *spot));
                if let Some((rect, spot)) = spot {
                    found = Some((k, rect, spot));
                    break 'search;
                }
            }
        }
        let (chosen, rect, spot) = match found {
            Some((k, rect, spot)) => match laid[k].take() {
                Some(chosen) => (chosen, rect, spot),
                None => continue,
            },
            // A card or header is never left blank: its name, cut to one line, on it.
            None => match label.room {
                Some(room) => {
                    let wrapped = label.name.wrap(px, (room.width() - 6.0).max(1.0) as f32, 1);
                    let size = (
                        f64::from(wrapped.width()),
                        f64::from(crate::layout::text::row_height(px)),
                    );
                    let laid = Laid {
                        cut: wrapped.cut,
                        lines: wrapped.lines,
                        size,
                    };
                    (
                        laid,
                        Rect::around(room.centre(), size.0, size.1),
                        Spot::Inside,
                    )
                }
                None => continue,
            },
        };
        let text_top = Position {
            x: rect.centre().x,
            y: rect.centre().y - chosen.size.1 / 2.0,
        };
        if spot != Spot::Inside {
            taken.insert(rect);
        }
        placed[i] = Some(Placed {
            rect,
            text_top,
            whole: !chosen.cut,
            lines: chosen.lines,
            px,
            spot,
        });
    }
    placed
}

/// How far each of `boxes` may grow to hold its members' names: `reach` each way, never
/// past the middle of the gap to another box, so grown boxes never meet.
pub fn room_for_names(boxes: &[Rect], reach: f64) -> Vec<Rect> {
    let reach = reach.max(0.0);
    boxes
        .iter()
        .enumerate()
        .map(|(i, a)| {
            let mut room = a.expand(reach);
            for (j, b) in boxes.iter().enumerate() {
                if i == j || !room.overlaps(&b.expand(reach)) {
                    continue;
                }
                if b.min_x >= a.max_x {
                    room.max_x = room.max_x.min((a.max_x + b.min_x) / 2.0);
                } else if b.max_x <= a.min_x {
                    room.min_x = room.min_x.max((a.min_x + b.max_x) / 2.0);
                } else if b.min_y >= a.max_y {
                    room.max_y = room.max_y.min((a.max_y + b.min_y) / 2.0);
                } else if b.max_y <= a.min_y {
                    room.min_y = room.min_y.max((a.min_y + b.max_y) / 2.0);
                }
            }
            room
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(x: f64, y: f64) -> Position {
        Position { x, y }
    }

    /// 14 canvas px at zoom 0.5 is 7 px: raised to the editor's 14 px minimum. At zoom 4 it
    /// would be 56 px: capped at 24. Presenting at zoom 1: 14 × 1.3 = 18.2 px.
    #[test]
    fn text_stays_between_the_modes_limits() {
        assert_eq!(TextScale::EDITOR.px(14.0, 0.5), 14.0);
        assert_eq!(TextScale::EDITOR.px(14.0, 4.0), 24.0);
        assert!((TextScale::PRESENTING.px(14.0, 1.0) - 18.2).abs() < 1e-4);
    }

    fn service(name: &Shaped, x: f64, y: f64, rank: u64) -> Label<'_> {
        Label {
            name,
            shape: Rect::around(at(x, y), 52.0, 52.0),
            room: None,
            canvas_px: 14.0,
            rank,
            within: None,
        }
    }

    #[test]
    fn a_name_goes_under_its_shape_when_there_is_room() {
        let name = Shaped::new("Checkout");
        let labels = [service(&name, 100.0, 100.0, 0)];
        let view = Rect::around(at(100.0, 100.0), 600.0, 600.0);
        let placed = place(
            &labels,
            &[labels[0].shape],
            &[],
            view,
            1.0,
            TextScale::EDITOR,
        );
        let placed = placed[0].as_ref().expect("placed");
        assert_eq!(placed.spot, Spot::Outside);
        assert!(placed.whole);
        assert!(
            (placed.rect.min_y - (126.0 + GAP)).abs() < 1e-9,
            "{placed:?}"
        );
        assert_eq!(placed.lines[0].text, "Checkout");
    }

    /// Two shapes side by side with a little room between them: the left one's name may not
    /// sit in the gap on the right, where it would be as near the right shape as its own.
    #[test]
    fn a_name_never_sits_nearer_another_shape_than_its_own() {
        let (a, b) = (Shaped::new("Alpha"), Shaped::new("Beta"));
        let labels = [service(&a, 0.0, 0.0, 0), service(&b, 60.0, 0.0, 1)];
        let shapes = [labels[0].shape, labels[1].shape];
        let view = Rect::around(at(30.0, 0.0), 600.0, 600.0);
        let placed = place(&labels, &shapes, &[], view, 1.0, TextScale::EDITOR);
        for (i, found) in placed.iter().enumerate() {
            let found = found.as_ref().expect("placed");
            let other = &shapes[1 - i];
            assert!(!found.rect.expand(GAP).overlaps(other), "{i}: {found:?}");
        }
    }

    /// Two services whose names, each centred under its shape, would touch: the second
    /// name goes under its shape all the same, nudged a few pixels away from the first,
    /// rather than over its shape.
    #[test]
    fn a_name_that_would_touch_its_neighbours_is_nudged_sideways() {
        let (a, b) = (Shaped::new("Core banking"), Shaped::new("Document store"));
        let view = Rect::around(at(0.0, 0.0), 2000.0, 2000.0);
        let alone = |name: &Shaped| {
            let label = service(name, 0.0, 0.0, 0);
            let placed = place(
                &[service(name, 0.0, 0.0, 0)],
                &[label.shape],
                &[],
                view,
                1.0,
                TextScale::EDITOR,
            );
            placed[0].as_ref().expect("placed").rect
        };
        // Centred, the two names would be 0.5 px apart; 4 px to the right they would be
        // 4.5 px apart, still closer than the word space names keep, so 8 px it is.
        let apart = alone(&a).width() / 2.0 + alone(&b).width() / 2.0 + 0.5;
        let labels = [service(&a, 0.0, 0.0, 0), service(&b, apart, 0.0, 1)];
        let shapes = [labels[0].shape, labels[1].shape];
        let placed = place(&labels, &shapes, &[], view, 1.0, TextScale::EDITOR);
        let (first, second) = (placed[0].as_ref().unwrap(), placed[1].as_ref().unwrap());
        assert!(
            (second.rect.min_y - (26.0 + GAP)).abs() < 1e-9,
            "under: {second:?}"
        );
        assert!(
            (second.rect.centre().x - (apart + 8.0)).abs() < 1e-9,
            "8 px to the right: {second:?}"
        );
        assert!(second.rect.min_x - first.rect.max_x >= NAME_SPACING.0);
    }

    #[test]
    fn names_are_left_out_rather_than_overlapping() {
        let names: Vec<Shaped> = (0..12)
            .map(|i| Shaped::new(&format!("Service {i}")))
            .collect();
        let labels: Vec<Label> = names
            .iter()
            .enumerate()
            .map(|(i, n)| service(n, i as f64, 0.0, i as u64))
            .collect();
        let shapes: Vec<Rect> = labels.iter().map(|l| l.shape).collect();
        let view = Rect::around(at(0.0, 0.0), 2000.0, 2000.0);
        let placed = place(&labels, &shapes, &[], view, 1.0, TextScale::EDITOR);
        let rects: Vec<Rect> = placed.iter().flatten().map(|p| p.rect).collect();
        assert!(!rects.is_empty() && rects.len() < 12);
        for (i, a) in rects.iter().enumerate() {
            for b in &rects[i + 1..] {
                assert!(!a.overlaps(b), "{a:?} overlaps {b:?}");
            }
        }
    }

    /// Where the name of a team card `shape` (on screen, the name 15 canvas px) goes with
    /// nothing else round it, at zoom 0.5 in the editor.
    fn card_alone(name: &Shaped, shape: Rect, within: Option<Rect>) -> Placed {
        let label = Label {
            name,
            shape,
            room: Some(shape),
            canvas_px: 15.0,
            rank: 0,
            within,
        };
        let view = Rect::around(at(0.0, 0.0), 800.0, 800.0);
        let placed = place(&[label], &[shape], &[], view, 0.5, TextScale::EDITOR);
        placed[0].clone().expect("placed")
    }

    /// A card near the left edge of its area's room: grown about its centre, its name on one
    /// row would cross that edge by 5 px, so it grows 8 px further right instead (still over
    /// the whole card) rather than onto two rows.
    #[test]
    fn a_grown_card_moves_sideways_off_the_edge_of_its_area() {
        let name = Shaped::new("Financial advice");
        let shape = Rect::around(at(0.0, 0.0), 70.0, 21.0);
        let one_row = f64::from(name.width(14.0)) + 2.0 * CARD_PADDING.0;
        let room = Rect {
            min_x: -one_row / 2.0 + 5.0,
            min_y: -200.0,
            max_x: 400.0,
            max_y: 200.0,
        };
        let placed = card_alone(&name, shape, Some(room));
        assert_eq!(
            (placed.spot, placed.lines.len()),
            (Spot::Card, 1),
            "{placed:?}"
        );
        assert!((placed.rect.centre().x - 8.0).abs() < 1e-9, "{placed:?}");
        assert!(placed.rect.min_x <= shape.min_x && placed.rect.max_x >= shape.max_x);
    }

    /// A card 180 × 54 at zoom 0.5 is 90 × 27 on screen; its name at the editor's 14 px
    /// does not fit, so the card grows round it, centred on the card.
    #[test]
    fn a_card_grows_on_screen_to_hold_its_name() {
        let name = Shaped::new("Payments platform");
        let shape = Rect::around(at(0.0, 0.0), 90.0, 27.0);
        let placed = card_alone(&name, shape, None);
        assert_eq!(placed.spot, Spot::Card);
        assert!(placed.rect.width() > shape.width());
        assert!((placed.rect.centre().x).abs() < 1e-9);
    }
}
