//! How a scene is seen: a zoom and a pan onto a frame of output pixels (the canvas on
//! screen, a slide, a PDF page), with the text scale of the mode. A fit chooses the zoom
//! and pan that show a picture whole and as large as the frame allows, clear of what
//! covers the frame's corners (the presentation strip, the legend, the overview map).

use super::TextScale;
use crate::layout::Rect;
use crate::model::Position;

/// A fit zooms in this far at most, so a model of three nodes does not fill a projector.
pub const MAX_FIT_ZOOM: f64 = 2.0;
/// The zoom a fit goes no further out than.
pub const MIN_ZOOM: f64 = 0.02;

/// A zoom and pan onto a frame: a canvas point `p` is drawn at `p × zoom + pan`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct View {
    pub zoom: f64,
    pub pan: Position,
    /// The output rectangle, in output pixels.
    pub frame: Rect,
    pub text: TextScale,
    /// Output pixels along the frame's top that names keep clear of (the presentation
    /// strip); shapes may pass under it.
    pub reserved_top: f64,
    /// Whether a big model seen from far out is drawn as one box per area (the canvas, a
    /// whole model's slide) rather than shape by shape (a slide of one area).
    pub summarise: bool,
}

impl View {
    pub fn to_screen(&self, p: Position) -> Position {
        Position {
            x: p.x * self.zoom + self.pan.x,
            y: p.y * self.zoom + self.pan.y,
        }
    }

    pub fn to_canvas(&self, p: Position) -> Position {
        Position {
            x: (p.x - self.pan.x) / self.zoom,
            y: (p.y - self.pan.y) / self.zoom,
        }
    }

    pub fn rect_to_screen(&self, r: &Rect) -> Rect {
        let (a, b) = (
            self.to_screen(Position {
                x: r.min_x,
                y: r.min_y,
            }),
            self.to_screen(Position {
                x: r.max_x,
                y: r.max_y,
            }),
        );
        Rect {
            min_x: a.x,
            min_y: a.y,
            max_x: b.x,
            max_y: b.y,
        }
    }

    /// The part of the canvas the frame shows, in canvas units.
    pub fn visible(&self) -> Rect {
        let (a, b) = (
            self.to_canvas(Position {
                x: self.frame.min_x,
                y: self.frame.min_y,
            }),
            self.to_canvas(Position {
                x: self.frame.max_x,
                y: self.frame.max_y,
            }),
        );
        Rect {
            min_x: a.x,
            min_y: a.y,
            max_x: b.x,
            max_y: b.y,
        }
    }

    /// Zooms by `factor` keeping the canvas point under `screen` where it is.
    pub fn zoom_about(&mut self, screen: Position, factor: f64, limits: (f64, f64)) {
        let under = self.to_canvas(screen);
        self.zoom = (self.zoom * factor).clamp(limits.0, limits.1);
        self.pan = Position {
            x: screen.x - under.x * self.zoom,
            y: screen.y - under.y * self.zoom,
        };
    }

    /// Centres canvas point `p` in `area` (output pixels) at the current zoom.
    pub fn centre_on(&mut self, p: Position, area: &Rect) {
        let centre = area.centre();
        self.pan = Position {
            x: centre.x - p.x * self.zoom,
            y: centre.y - p.y * self.zoom,
        };
    }
}

/// The largest rectangles of `frame` clear of every rectangle in `covered`: for each
/// covered rectangle, the frame is cut above, below, left or right of it, every way.
pub fn clear_areas(frame: &Rect, covered: &[Rect]) -> Vec<Rect> {
    let covered: Vec<Rect> = covered
        .iter()
        .filter(|c| c.overlaps(frame))
        .copied()
        .collect();
    let mut areas = vec![*frame];
    for c in &covered {
        let mut next = Vec::new();
        for area in &areas {
            if !area.overlaps(c) {
                next.push(*area);
                continue;
            }
            for cut in [
                Rect {
                    max_y: c.min_y,
                    ..*area
                },
                Rect {
                    min_y: c.max_y,
                    ..*area
                },
                Rect {
                    max_x: c.min_x,
                    ..*area
                },
                Rect {
                    min_x: c.max_x,
                    ..*area
                },
            ] {
                if cut.width() > 1.0 && cut.height() > 1.0 {
                    next.push(cut);
                }
            }
        }
        areas = next;
    }
    areas
}

/// The zoom and pan that show `bounds` (canvas units) whole in the largest part of
/// `frame` that nothing in `covered` covers, padded by `padding` output pixels, zoomed in
/// no further than `max_zoom`.
pub fn fit(
    bounds: &Rect,
    frame: &Rect,
    covered: &[Rect],
    padding: f64,
    max_zoom: f64,
) -> (f64, Position) {
    let zoom_in = |area: &Rect| {
        ((area.width() - 2.0 * padding) / bounds.width().max(1.0))
            .min((area.height() - 2.0 * padding) / bounds.height().max(1.0))
    };
    let area = clear_areas(frame, covered)
        .into_iter()
        .max_by(|a, b| zoom_in(a).total_cmp(&zoom_in(b)))
        .unwrap_or(*frame);
    let zoom = zoom_in(&area).clamp(MIN_ZOOM, max_zoom);
    let (centre, middle) = (area.centre(), bounds.centre());
    (
        zoom,
        Position {
            x: centre.x - middle.x * zoom,
            y: centre.y - middle.y * zoom,
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rect(min_x: f64, min_y: f64, max_x: f64, max_y: f64) -> Rect {
        Rect {
            min_x,
            min_y,
            max_x,
            max_y,
        }
    }

    #[test]
    fn screen_and_canvas_round_trip_and_zoom_keeps_the_point_under_the_pointer() {
        let mut view = View {
            zoom: 0.5,
            pan: Position { x: 100.0, y: 50.0 },
            frame: rect(0.0, 0.0, 800.0, 600.0),
            text: TextScale::EDITOR,
            reserved_top: 0.0,
            summarise: true,
        };
        let p = Position { x: 300.0, y: 200.0 };
        assert_eq!(view.to_screen(p), Position { x: 250.0, y: 150.0 });
        assert_eq!(view.to_canvas(view.to_screen(p)), p);
        let pointer = Position { x: 400.0, y: 300.0 };
        let under = view.to_canvas(pointer);
        view.zoom_about(pointer, 2.0, (0.05, 4.0));
        assert_eq!(view.zoom, 1.0);
        assert_eq!(view.to_canvas(pointer), under);
        // Zoom 1 and the pan (400 − 600, 300 − 500): the frame shows 200…1,000 × 200…800.
        assert_eq!(view.visible(), rect(200.0, 200.0, 1000.0, 800.0));
    }

    /// A 1,000 × 1,000 frame with a legend 300 × 300 in its bottom-left corner and a strip
    /// 100 high across the top: a square picture fits best beside the legend (700 wide,
    /// 900 high → zoom 0.7) rather than between strip and legend (600 high → 0.6).
    #[test]
    fn a_fit_keeps_clear_of_what_covers_the_frame() {
        let frame = rect(0.0, 0.0, 1000.0, 1000.0);
        let covered = [
            rect(0.0, 0.0, 1000.0, 100.0),
            rect(0.0, 700.0, 300.0, 1000.0),
        ];
        let bounds = rect(0.0, 0.0, 1000.0, 1000.0);
        let (zoom, pan) = fit(&bounds, &frame, &covered, 0.0, 2.0);
        assert!((zoom - 0.7).abs() < 1e-9, "{zoom}");
        let view = View {
            zoom,
            pan,
            frame,
            text: TextScale::EDITOR,
            reserved_top: 0.0,
            summarise: true,
        };
        let shown = view.rect_to_screen(&bounds);
        for c in &covered {
            assert!(!shown.overlaps(c), "{shown:?} under {c:?}");
        }
    }
}
