//! Names placed all at once, in output pixels, so that they never overlap each other, a
//! shape, or the end of an edge: the one label placement of the canvas and every export.
//!
//! Every name is drawn at a size a room can read — never below the mode's minimum — and
//! wrapped only between words. The most important names are placed first (the selection
//! and its neighbours, domains, teams, services in trouble, then the other services by
//! exposure); each tries its own card first, then round its shape, always nearer its own
//! shape than any other, and is left out when every place is taken and no name placed
//! before it can move to another place where it still shows whole. A card whose name
//! does not fit it grows on screen to hold it.

use std::collections::HashMap;

use crate::layout::Rect;
use crate::model::Position;
use crate::text::{Line, Shaped};

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

/// The gap between a shape and a name beside it.
pub const GAP: f64 = 3.0;
/// A grown card's padding round its name, each way.
const CARD_PADDING: (f64, f64) = (6.0, 3.0);
/// Rows of a name beside its shape.
const OUTSIDE_ROWS: usize = 2;
/// Rows of a name beside its shape when no place holds it whole on fewer.
const CROWDED_ROWS: usize = 3;
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

/// Rectangles indexed by a uniform grid, to find overlaps without testing every pair; each
/// with the index of the label it belongs to (unused for shapes and edges' ends).
struct Occupied {
    cells: HashMap<(i64, i64), Vec<(Rect, usize)>>,
}

impl Occupied {
    fn new() -> Occupied {
        Occupied {
            cells: HashMap::new(),
        }
    }

    fn of(rects: &[Rect], view: &Rect) -> Occupied {
        let mut occupied = Occupied::new();
        for rect in rects.iter().filter(|r| r.overlaps(view)) {
            occupied.insert(*rect, 0);
        }
        occupied
    }

    fn insert(&mut self, rect: Rect, owner: usize) {
        for key in rect.cells(CELL) {
            self.cells.entry(key).or_default().push((rect, owner));
        }
    }

    fn remove(&mut self, rect: Rect, owner: usize) {
        for key in rect.cells(CELL) {
            if let Some(rects) = self.cells.get_mut(&key) {
                rects.retain(|&(r, o)| (r, o) != (rect, owner));
            }
        }
    }

    /// Whether `rect` overlaps anything here other than `own` and what overlaps `own`
    /// (shapes stacked on each other, which no name can tell apart).
    fn overlaps(&self, rect: &Rect, own: Option<&Rect>) -> bool {
        rect.cells(CELL).any(|key| {
            self.cells.get(&key).is_some_and(|rects| {
                rects.iter().any(|(r, _)| {
                    r.overlaps(rect) && own.is_none_or(|own| r != own && !r.overlaps(own))
                })
            })
        })
    }

    /// The owners of everything here that `rect` overlaps, each once.
    fn owners(&self, rect: &Rect) -> Vec<usize> {
        let mut owners: Vec<usize> = rect
            .cells(CELL)
            .filter_map(|key| self.cells.get(&key))
            .flatten()
            .filter(|(r, _)| r.overlaps(rect))
            .map(|&(_, owner)| owner)
            .collect();
        owners.sort_unstable();
        owners.dedup();
        owners
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
    let height = wrapped.lines.len() as f64 * f64::from(crate::text::row_height(px));
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
/// name inside it, or over it grown to fit; every name then below, above, right, left, and
/// below or above leaning right or left.
fn spots(label: &Label, size: (f64, f64)) -> Vec<(Rect, Spot)> {
    let shape = label.shape;
    let mut spots = Vec::with_capacity(9);
    if let Some(room) = label.room {
        let fits = size.0 <= room.width() - 6.0 && size.1 <= room.height();
        if fits {
            let centre = room.centre();
            spots.push((Rect::around(centre, size.0, size.1), Spot::Inside));
            return spots;
        }
        let grown = (size.0 + 2.0 * CARD_PADDING.0, size.1 + 2.0 * CARD_PADDING.1);
        spots.push((Rect::around(shape.centre(), grown.0, grown.1), Spot::Card));
    }
    let centre = shape.centre();
    let x = centre.x - size.0 / 2.0;
    let y = centre.y - size.1 / 2.0;
    let (below, above) = (shape.max_y + GAP, shape.min_y - GAP - size.1);
    let (right, left) = (centre.x, centre.x - size.0);
    for (x, y) in [
        (x, below),
        (x, above),
        (shape.max_x + GAP, y),
        (shape.min_x - GAP - size.0, y),
        (right, below),
        (left, below),
        (right, above),
        (left, above),
    ] {
        spots.push((rect_at(Position { x, y }, size), Spot::Outside));
    }
    spots
}

/// Places `labels` within `view`, keeping them off every shape in `shapes` (the labels'
/// own shapes among them), off each other, and those beside a shape off `avoid` (the ends
/// of edges). Returns, for each label in the order given, where it went, or `None` when it
/// was left out.
///
/// Names are placed one by one, most important first. Then each name beside a shape that
/// found no place where it shows whole may take one held by another such name, if that
/// one can move to another place where it still shows whole: in a crowded picture a name
/// that took the first place it found often holds the only place a later one had.
pub fn place(
    labels: &[Label],
    shapes: &[Rect],
    avoid: &[Rect],
    view: Rect,
    zoom: f64,
    scale: TextScale,
) -> Vec<Option<Placed>> {
    let mut placer = Placer {
        labels,
        view,
        zoom,
        scale,
        on_shapes: Occupied::of(shapes, &view),
        ends: Occupied::of(avoid, &view),
        taken: Occupied::new(),
        placed: vec![None; labels.len()],
    };
    let mut order: Vec<usize> = (0..labels.len())
        .filter(|&i| !labels[i].name.is_empty() && labels[i].shape.expand(200.0).overlaps(&view))
        .collect();
    order.sort_by_key(|&i| labels[i].rank);
    for &i in &order {
        if let Some(found) = placer.find(i, false) {
            placer.take(i, found);
        }
    }
    let wanting = order.iter().filter(|&&i| {
        labels[i].room.is_none() && placer.placed[i].as_ref().is_none_or(|p| !p.whole)
    });
    for &i in wanting.copied().collect::<Vec<_>>().iter().take(MAX_MOVES) {
        placer.make_room(i);
    }
    placer.placed
}

/// The most names moved to make room for one.
const MAX_HOLDERS: usize = 2;
/// The most names a placement tries to make room for by moving another, which bounds its
/// work on a crowded frame.
const MAX_MOVES: usize = 200;

/// The wrappings a name tries, best first: rows about as wide as the shape, which keep
/// neighbours apart; two rows of half the name each (a little more, as words seldom split
/// it evenly), narrower still; for a card's or header's name that its card cannot grow
/// sideways to hold, rows as wide as the card, which grows down instead; one wider row
/// where two rows would run into the shape below; last, three rows as wide as the shape,
/// which hold whole a name of three long words that two rows cut short.
fn wrappings(label: &Label, px: f32) -> Vec<(f64, usize)> {
    let fpx = f64::from(px);
    let narrow = (label.shape.width() * 1.4).max(fpx * 7.0);
    let halves = f64::from(label.name.width(px)) * 0.6;
    let mut tries: Vec<(f64, usize)> = vec![(narrow, OUTSIDE_ROWS)];
    if halves < narrow {
        tries.push((halves, OUTSIDE_ROWS));
    }
    if let Some(room) = label.room {
        tries.push((room.width() - 12.0, crate::layout::sizes::NAME_LINES));
    }
    tries.push((fpx * 18.0, OUTSIDE_ROWS));
    tries.push((narrow, CROWDED_ROWS));
    tries
}

fn contains(outer: &Rect, inner: &Rect) -> bool {
    inner.min_x >= outer.min_x
        && inner.min_y >= outer.min_y
        && inner.max_x <= outer.max_x
        && inner.max_y <= outer.max_y
}

/// A name laid out and put at `rect`.
fn put(laid: Laid, rect: Rect, spot: Spot, px: f32) -> Placed {
    Placed {
        rect,
        text_top: Position {
            x: rect.centre().x,
            y: rect.centre().y - laid.size.1 / 2.0,
        },
        whole: !laid.cut,
        lines: laid.lines,
        px,
        spot,
    }
}

/// A placement under way: what names keep off, and the names placed so far.
struct Placer<'a, 'n> {
    labels: &'a [Label<'n>],
    view: Rect,
    zoom: f64,
    scale: TextScale,
    on_shapes: Occupied,
    ends: Occupied,
    /// The names placed over a card or beside a shape, by label index.
    taken: Occupied,
    placed: Vec<Option<Placed>>,
}

impl Placer<'_, '_> {
    /// Whether a name beside `label`'s shape at `rect` keeps clear of the edges' ends and
    /// stays nearer its own shape than any other (no other shape within the gap).
    fn clear_beside(&self, label: &Label, rect: &Rect) -> bool {
        contains(&self.view, rect)
            && !self.ends.overlaps(rect, None)
            && !self
                .on_shapes
                .overlaps(&rect.expand(GAP + 0.5), Some(&label.shape))
    }

    fn free(&self, label: &Label, rect: &Rect, spot: Spot) -> bool {
        if !contains(&self.view, rect) {
            return false;
        }
        match spot {
            Spot::Inside => true,
            // A grown card may touch another, as cards in a row do.
            Spot::Card => {
                !self.taken.overlaps(rect, None)
                    && !self.on_shapes.overlaps(rect, Some(&label.shape))
            }
            Spot::Outside => {
                !self.taken.overlaps(&rect.expand(1.0), None) && self.clear_beside(label, rect)
            }
        }
    }

    /// The best free place for label `i`, whole or (unless `whole_only`) cut short. A
    /// whole name anywhere beats a cut one, and a name on its own card beats one beside
    /// it, however it is wrapped. Each wrapping is laid out when first tried.
    fn find(&self, i: usize, whole_only: bool) -> Option<Placed> {
        let label = &self.labels[i];
        let px = self.scale.px(label.canvas_px, self.zoom);
        let tries = wrappings(label, px);
        let mut laid: Vec<Option<Laid>> = tries.iter().map(|_| None).collect();
        let passes = [(false, true), (false, false), (true, true), (true, false)];
        for (cut, on_own) in passes.into_iter().take(if whole_only { 2 } else { 4 }) {
            if on_own && label.room.is_none() {
                continue;
            }
            for (k, &(width, rows)) in tries.iter().enumerate() {
                let tried = laid[k].get_or_insert_with(|| lay(label.name, px, width, rows));
                if tried.cut != cut || tried.lines.is_empty() {
                    continue;
                }
                let found = spots(label, tried.size)
                    .into_iter()
                    .filter(|(_, spot)| (*spot != Spot::Outside) == on_own)
                    .find(|(rect, spot)| self.free(label, rect, *spot));
                if let Some((rect, spot)) = found {
                    return laid[k].take().map(|chosen| put(chosen, rect, spot, px));
                }
            }
        }
        None
    }

    fn take(&mut self, i: usize, placed: Placed) {
        if placed.spot != Spot::Inside {
            self.taken.insert(placed.rect, i);
        }
        self.placed[i] = Some(placed);
    }

    /// Shows label `i` (a name beside its shape) whole at a place now held by one other
    /// name beside a shape, if that name can move to another place where it still shows
    /// whole. Returns whether it could.
    fn make_room(&mut self, i: usize) -> bool {
        let labels = self.labels;
        let label = &labels[i];
        let own = self.placed[i].take();
        if let Some(own) = &own {
            self.taken.remove(own.rect, i);
        }
        let px = self.scale.px(label.canvas_px, self.zoom);
        for (width, rows) in wrappings(label, px) {
            let tried = lay(label.name, px, width, rows);
            if tried.cut || tried.lines.is_empty() {
                continue;
            }
            for (rect, spot) in spots(label, tried.size) {
                if !self.clear_beside(label, &rect) {
                    continue;
                }
                let holders = self.taken.owners(&rect.expand(1.0));
                let movable = |held: &Option<Placed>| {
                    held.as_ref().is_some_and(|held| held.spot == Spot::Outside)
                };
                if holders.len() > MAX_HOLDERS || !holders.iter().all(|&h| movable(&self.placed[h]))
                {
                    continue;
                }
                let held: Vec<Placed> = holders
                    .iter()
                    .filter_map(|&h| self.placed[h].take())
                    .collect();
                for (&h, old) in holders.iter().zip(&held) {
                    self.taken.remove(old.rect, h);
                }
                self.taken.insert(rect, i);
                let mut moved = Vec::with_capacity(holders.len());
                for &h in &holders {
                    let Some(found) = self.find(h, true) else {
                        break;
                    };
                    self.take(h, found);
                    moved.push(h);
                }
                if moved.len() == holders.len() {
                    self.placed[i] = Some(put(tried, rect, spot, px));
                    return true;
                }
                for h in moved {
                    if let Some(new) = self.placed[h].take() {
                        self.taken.remove(new.rect, h);
                    }
                }
                self.taken.remove(rect, i);
                for (h, old) in holders.into_iter().zip(held) {
                    self.take(h, old);
                }
            }
        }
        if let Some(own) = own {
            self.take(i, own);
        }
        false
    }
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

    /// Two shapes 86 apart in a frame too low for names above or below them and ending
    /// just right of the second: the first name takes the gap between them (right comes
    /// before left), the only place the second has. The second takes it, and the first
    /// moves to the left of its shape, where it still shows whole.
    #[test]
    fn a_name_moves_to_make_room_for_one_with_nowhere_else_to_go() {
        let (a, b) = (Shaped::new("Ab"), Shaped::new("Cd"));
        let labels = [service(&a, 0.0, 0.0, 0), service(&b, 86.0, 0.0, 1)];
        let shapes = [labels[0].shape, labels[1].shape];
        let view = Rect {
            min_x: -60.0,
            min_y: -27.0,
            max_x: 120.0,
            max_y: 27.0,
        };
        let placed = place(&labels, &shapes, &[], view, 1.0, TextScale::EDITOR);
        let (first, second) = (
            placed[0].as_ref().expect("placed"),
            placed[1].as_ref().expect("placed"),
        );
        assert!(first.whole && second.whole);
        assert!(first.rect.max_x <= shapes[0].min_x - GAP, "{first:?}");
        assert!(second.rect.max_x <= shapes[1].min_x - GAP, "{second:?}");
        assert!(second.rect.min_x >= shapes[0].max_x, "{second:?}");
    }

    /// "Faster Payments gateway" under a shape 28 wide at 14 px wraps within 98 px: it
    /// needs three rows, which it gets when two would cut it short.
    #[test]
    fn a_name_of_three_long_words_takes_a_third_row_rather_than_being_cut() {
        let name = Shaped::new("Faster Payments gateway");
        let shape = Rect::around(at(0.0, 0.0), 28.0, 28.0);
        let label = Label {
            name: &name,
            shape,
            room: None,
            canvas_px: 14.0,
            rank: 0,
        };
        // Narrow enough that one row of the whole name (about 160 px) does not fit.
        let view = Rect::around(at(0.0, 0.0), 130.0, 400.0);
        let placed = place(&[label], &[shape], &[], view, 1.0, TextScale::EDITOR);
        let placed = placed[0].as_ref().expect("placed");
        assert!(placed.whole, "{placed:?}");
        assert_eq!(placed.lines.len(), 3, "{placed:?}");
    }

    /// A card 180 × 54 at zoom 0.5 is 90 × 27 on screen; its name at the editor's 14 px
    /// does not fit, so the card grows round it, centred on the card.
    #[test]
    fn a_card_grows_on_screen_to_hold_its_name() {
        let name = Shaped::new("Payments platform");
        let shape = Rect::around(at(0.0, 0.0), 90.0, 27.0);
        let label = Label {
            name: &name,
            shape,
            room: Some(shape),
            canvas_px: 15.0,
            rank: 0,
        };
        let view = Rect::around(at(0.0, 0.0), 800.0, 800.0);
        let placed = place(&[label], &[shape], &[], view, 0.5, TextScale::EDITOR);
        let placed = placed[0].as_ref().expect("placed");
        assert_eq!(placed.spot, Spot::Card);
        assert!(placed.rect.width() > shape.width());
        assert!((placed.rect.centre().x).abs() < 1e-9);
    }
}
