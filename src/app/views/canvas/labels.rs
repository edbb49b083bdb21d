//! Names on the canvas, placed all at once so that they never overlap each other or a node.
//!
//! Every label is drawn at a size a room can read — never below the mode's minimum — and
//! wrapped only between words. The most important labels are placed first (the selection
//! and its neighbours, domains, teams, services in trouble, then the other services by
//! exposure); each tries its own card first, then around its shape, and is
//! left out when every place is taken. A label that had to be cut or left out shows its full
//! name when the pointer is on its node.

use std::collections::HashMap;
use std::sync::Arc;

use egui::text::{LayoutJob, TextWrapping};
use egui::{Align, Color32, FontFamily, FontId, Galley, Rect, Shape, Vec2, pos2, vec2};

use crate::app::views::theme;

/// How large the canvas text is in the current mode.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct TextScale {
    /// Canvas text sizes are multiplied by this before the zoom.
    pub factor: f32,
    /// No label is drawn smaller than this, in screen pixels.
    pub min_px: f32,
    /// Nor larger than this, however far the view is zoomed in.
    pub max_px: f32,
}

impl TextScale {
    /// The editor: labels from 14 px, about the side panels' body text.
    pub const EDITOR: TextScale = TextScale {
        factor: 1.0,
        min_px: 14.0,
        max_px: 24.0,
    };
    /// Presentation mode: labels from 16 px, for the back of a room.
    pub const PRESENTING: TextScale = TextScale {
        factor: 1.3,
        min_px: 16.0,
        max_px: 32.0,
    };

    /// The screen size of text that is `canvas_px` tall in canvas units at this zoom.
    pub fn px(self, canvas_px: f32, zoom: f32) -> f32 {
        (canvas_px * zoom * self.factor).clamp(self.min_px, self.max_px)
    }
}

/// One name to place.
pub struct Label<'a> {
    pub text: &'a str,
    /// The node's shape on screen, which other labels keep off.
    pub shape: Rect,
    /// Text size in canvas units, before the zoom and the scale.
    pub canvas_px: f32,
    /// Whether the label may sit inside its shape (cards and domain headers).
    pub inside: bool,
    /// The text colour inside the shape and outside it.
    pub inside_colour: Color32,
    pub outside_colour: Color32,
    /// The card's or header's fill, behind a label that makes it grow.
    pub fill: Color32,
    /// Lower goes first.
    pub rank: u64,
}

/// What [`place`] decided.
pub struct Placed {
    pub shapes: Vec<Shape>,
    /// For each label, in the order given: whether it is shown whole.
    pub whole: Vec<bool>,
}

/// A uniform grid of screen rectangles, to find overlaps without testing every pair.
struct Occupied {
    cell: f32,
    cells: HashMap<(i32, i32), Vec<Rect>>,
}

impl Occupied {
    fn new(cell: f32) -> Self {
        Occupied {
            cell,
            cells: HashMap::new(),
        }
    }

    fn insert(&mut self, rect: Rect) {
        for key in super::grid_cells(rect, self.cell) {
            self.cells.entry(key).or_default().push(rect);
        }
    }

    /// Whether `rect` overlaps anything here other than `own`.
    fn overlaps(&self, rect: Rect, own: Rect) -> bool {
        super::grid_cells(rect, self.cell).any(|key| {
            self.cells
                .get(&key)
                .is_some_and(|rects| rects.iter().any(|r| *r != own && r.intersects(rect)))
        })
    }
}

/// Lays out `text` in at most two rows, breaking only between words: the wrap width is
/// widened to the longest word, so no word is ever split.
fn layout(
    fonts: &mut egui::epaint::FontsView<'_>,
    text: &str,
    px: f32,
    width: f32,
    colour: Color32,
) -> Arc<Galley> {
    let font = FontId::new(px, FontFamily::Proportional);
    let longest_word = text
        .split_whitespace()
        .map(|word| {
            fonts
                .layout_no_wrap(word.to_owned(), font.clone(), colour)
                .size()
                .x
        })
        .fold(0.0_f32, f32::max);
    let mut job = LayoutJob::simple(text.to_owned(), font, colour, width.max(longest_word + 1.0));
    job.wrap = TextWrapping {
        max_rows: 2,
        break_anywhere: false,
        overflow_character: Some('…'),
        ..job.wrap
    };
    job.halign = Align::Center;
    fonts.layout_job(job)
}

/// A label laid out at a wrap width.
#[derive(Clone)]
struct Laid {
    width: f32,
    galley: Arc<Galley>,
}

/// Where a label sits.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Spot {
    /// Within its card or header, which it fits.
    Inside,
    /// Over its card or header, which grows on screen to hold it.
    Card,
    /// Beside its shape, on a light backing.
    Outside,
}

/// The places a label of `size` may go around `shape`, best first: a card's or header's
/// label inside it, then over it grown to fit; every label then below, above, right, left,
/// and below or above leaning right or left.
fn spots(shape: Rect, size: Vec2, inside: bool) -> impl Iterator<Item = (Rect, Spot)> {
    let gap = 3.0;
    let fits_inside = size.x <= shape.width() - 6.0 && size.y <= shape.height();
    let own = [
        (inside && fits_inside)
            .then(|| (Rect::from_center_size(shape.center(), size), Spot::Inside)),
        (inside && !fits_inside).then(|| {
            let grown = Rect::from_center_size(shape.center(), size + vec2(12.0, 6.0));
            (grown, Spot::Card)
        }),
    ];
    let x = shape.center().x - size.x / 2.0;
    let y = shape.center().y - size.y / 2.0;
    let (below, above) = (shape.bottom() + gap, shape.top() - gap - size.y);
    let (right, left) = (shape.center().x, shape.center().x - size.x);
    let outer = [
        pos2(x, below),
        pos2(x, above),
        pos2(shape.right() + gap, y),
        pos2(shape.left() - gap - size.x, y),
        pos2(right, below),
        pos2(left, below),
        pos2(right, above),
        pos2(left, above),
    ]
    .map(|min| (Rect::from_min_size(min, size), Spot::Outside));
    let beside = !(inside && fits_inside);
    own.into_iter()
        .flatten()
        .chain(beside.then_some(outer).into_iter().flatten())
}

/// Places `labels` within `view`, keeping them off every shape in `obstacles` and off each
/// other.
pub fn place(
    fonts: &mut egui::epaint::FontsView<'_>,
    labels: &[Label],
    obstacles: &[Rect],
    view: Rect,
    zoom: f32,
    scale: TextScale,
) -> Placed {
    let mut occupied = Occupied::new(64.0);
    for shape in obstacles.iter().filter(|r| r.intersects(view)) {
        occupied.insert(*shape);
    }
    let mut order: Vec<usize> = (0..labels.len()).collect();
    order.sort_by_key(|&i| labels[i].rank);
    let mut whole = vec![false; labels.len()];
    let mut shapes = Vec::new();
    for i in order {
        let label = &labels[i];
        if label.text.is_empty() || !label.shape.expand(200.0).intersects(view) {
            continue;
        }
        let px = scale.px(label.canvas_px, zoom);
        // Two rows, which keep neighbours apart; for a card's or header's name that its card
        // cannot grow sideways to hold, rows as wide as the card, which grows down instead,
        // clear of the card beside it; one wider row where two rows would run into the
        // shape below.
        let narrow = (label.shape.width() * 1.4).max(px * 7.0);
        let own = label.inside.then_some(label.shape.width() - 12.0);
        let widths: Vec<f32> = std::iter::once(narrow)
            .chain(own)
            .chain([px * 18.0])
            .collect();
        let mut wrappings: Vec<Option<Laid>> = widths.iter().map(|_| None).collect();
        let free = |(rect, spot): &(Rect, Spot)| {
            view.contains_rect(*rect)
                && (*spot == Spot::Inside || !occupied.overlaps(rect.expand(1.0), label.shape))
        };
        // A whole name anywhere beats a cut one, and a name on its own card beats one
        // beside it, however it is wrapped. Each wrapping is laid out when first tried.
        let mut found = None;
        'search: for (cut, on_own) in [(false, true), (false, false), (true, true), (true, false)] {
            if on_own && !label.inside {
                continue;
            }
            for (slot, &width) in wrappings.iter_mut().zip(&widths) {
                let tried = slot.get_or_insert_with(|| Laid {
                    width,
                    galley: layout(fonts, label.text, px, width, label.outside_colour),
                });
                if tried.galley.elided != cut {
                    continue;
                }
                let spot = spots(label.shape, tried.galley.rect.size(), label.inside)
                    .filter(|(_, spot)| (*spot != Spot::Outside) == on_own)
                    .find(free);
                if let Some(spot) = spot {
                    found = Some((tried.clone(), spot));
                    break 'search;
                }
            }
        }
        let Some((laid, (rect, spot))) = found else {
            continue;
        };
        let outside = laid.galley.clone();
        let size = outside.rect.size();
        whole[i] = !outside.elided;
        // Centred rows are laid out around x = 0, so the galley's origin is the top centre.
        let origin = pos2(rect.center().x, rect.center().y - size.y / 2.0);
        match spot {
            Spot::Inside | Spot::Card => {
                if spot == Spot::Card {
                    shapes.push(Shape::rect_filled(rect, 6.0, label.fill));
                    occupied.insert(rect);
                }
                let galley = layout(fonts, label.text, px, laid.width, label.inside_colour);
                shapes.push(Shape::galley(origin, galley, label.inside_colour));
            }
            Spot::Outside => {
                shapes.push(Shape::rect_filled(
                    rect.expand(2.0),
                    3.0,
                    theme::CANVAS_BACKGROUND,
                ));
                shapes.push(Shape::galley(origin, outside, label.outside_colour));
                occupied.insert(rect);
            }
        }
    }
    Placed { shapes, whole }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// 14 canvas px at zoom 0.5 is 7 px: raised to the editor's 14 px minimum. At zoom 4 it
    /// would be 56 px: capped at 24. Presenting at zoom 1: 14 × 1.3 = 18.2 px.
    #[test]
    fn text_stays_between_the_modes_limits() {
        assert_eq!(TextScale::EDITOR.px(14.0, 0.5), 14.0);
        assert_eq!(TextScale::EDITOR.px(14.0, 4.0), 24.0);
        assert!((TextScale::PRESENTING.px(14.0, 1.0) - 18.2).abs() < 1e-4);
    }

    #[test]
    fn the_grid_finds_overlaps_across_cells_but_not_with_the_own_shape() {
        let mut occupied = Occupied::new(64.0);
        let own = Rect::from_min_size(pos2(0.0, 0.0), vec2(50.0, 50.0));
        occupied.insert(own);
        occupied.insert(Rect::from_min_size(pos2(200.0, 200.0), vec2(10.0, 10.0)));
        assert!(!occupied.overlaps(own.expand(1.0), own));
        assert!(occupied.overlaps(
            Rect::from_min_size(pos2(150.0, 150.0), vec2(55.0, 55.0)),
            own
        ));
        assert!(!occupied.overlaps(Rect::from_min_size(pos2(100.0, 0.0), vec2(50.0, 50.0)), own));
    }
}
