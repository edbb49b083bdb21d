//! The pictures the exports draw, composed from the scene: a heading (the model's name,
//! its annual cost and coverage), the diagram and the legend. At its natural size the
//! diagram is drawn at 100 % with the editor's text; on a slide (`--size`, the deck's
//! pages) it is fitted into the frame with presentation mode's text, as the room saw it.

use crate::analysis::Analysis;
use crate::format;
use crate::layout::text;
use crate::layout::{self, Rect};
use crate::model::{Model, Position};
use crate::scene::draw::{Highlight, draw};
use crate::scene::legend::{self, Context, Shown};
use crate::scene::marks::{Anchor, Marks, Paint, Role, Shape};
use crate::scene::{Options, Scene, TextScale, View, palette, view};

/// The smallest text in a picture, so it stays readable when projected.
pub const MIN_TEXT_PX: f32 = 12.0;

/// Round a picture's edge.
const MARGIN: f64 = 24.0;
const TITLE_PX: f64 = 26.0;
const FIGURES_PX: f64 = 16.0;
const LEGEND_PX: f64 = 14.0;
/// A slide's margin, its title line and its legend: as small as reads well, to leave the
/// room to the diagram.
pub const SLIDE_MARGIN: f64 = 20.0;
const SLIDE_TITLE_PX: f64 = 22.0;
/// Where a slide's title row starts.
const SLIDE_TITLE_TOP: f64 = SLIDE_MARGIN * 0.75;
const SLIDE_LEGEND_PX: f64 = 12.0;
/// Between the heading, the diagram and the legend.
const GAP: f64 = 16.0;
/// Room round a diagram for the names of the shapes at its edges.
const DIAGRAM_PADDING: f64 = 40.0;

/// Marks and the size of the picture they make.
pub struct Picture {
    pub marks: Marks,
    pub size: (f64, f64),
}

/// The scene an export draws: the saved positions, else the editor's arrangement.
pub fn scene_of(model: &Model, analysis: &Analysis) -> Scene {
    Scene::build(
        model,
        analysis,
        &layout::positions(model),
        Options::default(),
    )
}

/// The model's name (or "Untitled model").
pub fn title(model: &Model) -> &str {
    let name = model.name.trim();
    if name.is_empty() {
        "Untitled model"
    } else {
        name
    }
}

/// "Annual on-call cost … · Ownership … · On-call cover …".
pub fn figures_line(analysis: &Analysis) -> String {
    format!(
        "Annual on-call cost {} · Ownership {} · On-call cover {}",
        format::money(analysis.totals.annual_cost, &analysis.currency),
        format::share(analysis.coverage.ownership),
        format::share(analysis.coverage.on_call),
    )
}

/// The heading, from `top`, within `width`: the title on one line, the figures under it.
/// Returns its height.
pub fn heading(
    marks: &mut Marks,
    title: &str,
    figures: &str,
    left: f64,
    top: f64,
    width: f64,
) -> f64 {
    let mut y = top;
    for (words, px, paint) in [
        (title, TITLE_PX, Paint::solid(palette::INK)),
        (figures, FIGURES_PX, Paint::solid(palette::MUTED_INK)),
    ] {
        let line = text::wrap(words, px as f32, width as f32, 1);
        if let Some(line) = line.lines.first() {
            marks.push(
                Role::Title,
                Shape::Text {
                    at: Position { x: left, y },
                    anchor: Anchor::Start,
                    text: line.text.clone(),
                    px,
                    paint,
                    width: f64::from(line.width),
                },
            );
        }
        y += f64::from(text::row_height(px as f32)) + 4.0;
    }
    y - top
}

/// The diagram of `scene` drawn through `view`, clipped to its frame, its marks added to
/// `marks`.
pub fn diagram(marks: &mut Marks, scene: &Scene, view: &View) {
    let drawn = draw(scene, view, &Highlight::default());
    clipped(marks, drawn.marks, &view.frame);
}

/// `drawn` added to `marks`, clipped to `frame`.
fn clipped(marks: &mut Marks, drawn: Marks, frame: &Rect) {
    marks.clip(Some(*frame));
    marks.list.extend(drawn.list);
    marks.clip(None);
}

/// The model's picture at its natural size: heading, diagram at 100 %, legend under it.
pub fn natural(model: &Model, analysis: &Analysis) -> Picture {
    let scene = scene_of(model, analysis);
    let bounds = scene
        .bounds
        .unwrap_or(Rect::around(Position::default(), 1.0, 1.0))
        .expand(DIAGRAM_PADDING);
    let (title, figures) = (title(model), figures_line(analysis));
    let heading_width = f64::from(text::width(title, TITLE_PX as f32))
        .max(f64::from(text::width(&figures, FIGURES_PX as f32)));
    let width = bounds.width().max(heading_width).max(600.0);
    let mut marks = Marks::default();
    let heading_height = heading(&mut marks, title, &figures, MARGIN, MARGIN, width);
    let top = MARGIN + heading_height + GAP;
    let frame = Rect {
        min_x: MARGIN,
        min_y: top,
        max_x: MARGIN + bounds.width(),
        max_y: top + bounds.height(),
    };
    let view = View {
        zoom: 1.0,
        pan: Position {
            x: frame.min_x - bounds.min_x,
            y: frame.min_y - bounds.min_y,
        },
        frame,
        text: TextScale {
            min_px: MIN_TEXT_PX,
            ..TextScale::EDITOR
        },
        reserved_top: 0.0,
        summarise: false,
    };
    diagram(&mut marks, &scene, &view);
    let (mut legend, legend_size) =
        legend::legend(Context::Export(Shown::of(&scene)), LEGEND_PX, width);
    let legend_top = frame.max_y + GAP;
    legend.translate(MARGIN, legend_top);
    marks.list.extend(legend.list);
    Picture {
        marks,
        size: (
            width.max(legend_size.0) + 2.0 * MARGIN,
            legend_top + legend_size.1 + MARGIN,
        ),
    }
}

/// A slide of `size` pixels: the title line, the diagram fitted as large as the slide
/// allows with presentation mode's text, and the legend where the diagram leaves room.
pub fn slide(model: &Model, analysis: &Analysis, size: (f64, f64)) -> Picture {
    let scene = scene_of(model, analysis);
    let mut marks = Marks::default();
    let heading = SlideHeading {
        title: title(model),
        figures: &figures_line(analysis),
        corner: 0.0,
    };
    match scene.bounds {
        Some(bounds) => slide_with_diagram(&mut marks, &scene, &bounds, &heading, size, true),
        None => {
            slide_frame(&mut marks, &heading, size, Shown::of(&scene));
        }
    }
    Picture { marks, size }
}

/// The baseline of a slide's title, which what sits beside it shares.
pub fn slide_title_baseline() -> f64 {
    SLIDE_TITLE_TOP + f64::from(text::ascent(SLIDE_TITLE_PX as f32))
}

/// What goes along a slide's top: its title, the figures after it (or under it where they
/// do not fit), and `corner` pixels kept free at the right end (a deck's page number).
pub struct SlideHeading<'a> {
    pub title: &'a str,
    pub figures: &'a str,
    pub corner: f64,
}

/// The title line along the top of a slide `width` wide, added to `marks`; returns its
/// bottom.
fn title_line(marks: &mut Marks, heading: &SlideHeading, width: f64) -> f64 {
    let width = width - 2.0 * SLIDE_MARGIN - heading.corner;
    let title_line = text::wrap(
        heading.title,
        SLIDE_TITLE_PX as f32,
        (width * 0.6) as f32,
        1,
    );
    let title_width = f64::from(title_line.width());
    let title_row = f64::from(text::row_height(SLIDE_TITLE_PX as f32));
    let figures_row = f64::from(text::row_height(FIGURES_PX as f32));
    let top = SLIDE_TITLE_TOP;
    if let Some(line) = title_line.lines.first() {
        marks.push(
            Role::Title,
            Shape::Text {
                at: Position {
                    x: SLIDE_MARGIN,
                    y: top,
                },
                anchor: Anchor::Start,
                text: line.text.clone(),
                px: SLIDE_TITLE_PX,
                paint: Paint::solid(palette::INK),
                width: title_width,
            },
        );
    }
    // The figures on the title's baseline, after it, or under it where they do not fit.
    let figures = heading.figures;
    let beside = width - title_width - 24.0;
    let (left, figures_top, room) = if f64::from(text::width(figures, FIGURES_PX as f32)) <= beside
    {
        let baseline = slide_title_baseline();
        (
            SLIDE_MARGIN + title_width + 24.0,
            baseline - f64::from(text::ascent(FIGURES_PX as f32)),
            beside,
        )
    } else {
        (SLIDE_MARGIN, top + title_row, width)
    };
    let figures_line = text::wrap(figures, FIGURES_PX as f32, room as f32, 1);
    if let Some(line) = figures_line.lines.first() {
        marks.push(
            Role::Title,
            Shape::Text {
                at: Position {
                    x: left,
                    y: figures_top,
                },
                anchor: Anchor::Start,
                text: line.text.clone(),
                px: FIGURES_PX,
                paint: Paint::solid(palette::MUTED_INK),
                width: f64::from(line.width),
            },
        );
    }
    (top + title_row).max(figures_top + figures_row)
}

/// The title line along the top of a slide of `size` and the legend of `shown` along its
/// bottom, added to `marks`. Returns the room left for the diagram.
pub fn slide_frame(
    marks: &mut Marks,
    heading: &SlideHeading,
    size: (f64, f64),
    shown: Shown,
) -> Rect {
    let heading_bottom = title_line(marks, heading, size.0);
    let width = size.0 - 2.0 * SLIDE_MARGIN;
    let (mut legend, legend_size) = legend::legend(Context::Export(shown), SLIDE_LEGEND_PX, width);
    let legend_top = size.1 - SLIDE_MARGIN * 0.5 - legend_size.1;
    legend.translate(SLIDE_MARGIN, legend_top);
    marks.list.extend(legend.list);
    Rect {
        min_x: SLIDE_MARGIN * 0.5,
        min_y: heading_bottom + GAP * 0.5,
        max_x: size.0 - SLIDE_MARGIN * 0.5,
        max_y: legend_top - GAP * 0.5,
    }
}

/// The widths a slide's legend is tried at, as a fraction of the slide's: from one or two
/// rows along the bottom to a block for a corner.
const LEGEND_WIDTHS: [f64; 5] = [1.0, 0.6, 0.42, 0.3, 0.22];
/// How far a diagram is shrunk, step by step, to free a corner for its legend before it
/// goes beside the diagram instead.
const SHRINK_STEPS: [f64; 8] = [1.0, 0.99, 0.98, 0.97, 0.95, 0.93, 0.9, 0.87];

/// A slide of `size` showing `bounds` of `scene`: the title line, then the diagram fitted
/// to all the room under it with the legend in a place it leaves free (a corner first),
/// the diagram shrunk a little where that frees one; else the legend goes along the
/// bottom or down the right side, whichever leaves the diagram larger. Never does the
/// legend cover the model.
pub fn slide_with_diagram(
    marks: &mut Marks,
    scene: &Scene,
    bounds: &Rect,
    heading: &SlideHeading,
    size: (f64, f64),
    summarise: bool,
) {
    let heading_bottom = title_line(marks, heading, size.0);
    let room = Rect {
        min_x: SLIDE_MARGIN * 0.5,
        min_y: heading_bottom + GAP * 0.5,
        max_x: size.0 - SLIDE_MARGIN * 0.5,
        max_y: size.1 - SLIDE_MARGIN * 0.5,
    };
    let inside = room.expand(-SLIDE_MARGIN * 0.5);
    let shown = Context::Export(Shown::of(scene));
    let mut legends: Vec<(Marks, (f64, f64))> = LEGEND_WIDTHS
        .iter()
        .map(|share| legend::legend(shown, SLIDE_LEGEND_PX, inside.width() * share))
        .collect();
    let (beside, beside_at, beside_view) =
        legend_beside(bounds, &room, &inside, &legends, summarise);
    let whole = fitted(bounds, &room, summarise);
    let tries = SHRINK_STEPS
        .iter()
        .take_while(|&&f| whole.zoom * f > beside_view.zoom)
        .flat_map(|&f| shrunk(&whole, bounds, f));
    for view in tries {
        let drawn = draw(scene, &view, &Highlight::default()).marks;
        let free = legends
            .iter()
            .enumerate()
            .find_map(|(k, (_, legend_size))| {
                legend::free_place(&drawn.list, &inside, *legend_size).map(|at| (k, at))
            });
        if let Some((k, at)) = free {
            clipped(marks, drawn, &room);
            let (legend, _) = legends.swap_remove(k);
            return place_legend(marks, legend, at);
        }
    }
    diagram(marks, scene, &beside_view);
    let (legend, _) = legends.swap_remove(beside);
    place_legend(marks, legend, beside_at);
}

fn place_legend(marks: &mut Marks, mut legend: Marks, at: Position) {
    legend.translate(at.x, at.y);
    marks.list.extend(legend.list);
}

/// `whole` zoomed out by `factor` (at 1, itself): about the frame's centre, or held to its
/// top-left or top-right corner, so that room opens along the bottom and one side.
fn shrunk(whole: &View, bounds: &Rect, factor: f64) -> Vec<View> {
    if factor >= 1.0 {
        return vec![*whole];
    }
    let zoom = whole.zoom * factor;
    let drawn = whole.rect_to_screen(bounds);
    let (width, height) = (bounds.width() * zoom, bounds.height() * zoom);
    let centre = drawn.centre();
    [
        (centre.x - width / 2.0, centre.y - height / 2.0),
        (drawn.min_x, drawn.min_y),
        (drawn.max_x - width, drawn.min_y),
    ]
    .into_iter()
    .map(|(left, top)| View {
        zoom,
        pan: Position {
            x: left - bounds.min_x * zoom,
            y: top - bounds.min_y * zoom,
        },
        ..*whole
    })
    .collect()
}

/// Where the legend goes when the diagram leaves it no place: the widest of `legends`
/// under the diagram, or the narrowest down its right, whichever leaves the diagram
/// larger. Returns which legend, where it goes and the diagram's view.
fn legend_beside(
    bounds: &Rect,
    room: &Rect,
    inside: &Rect,
    legends: &[(Marks, (f64, f64))],
    summarise: bool,
) -> (usize, Position, View) {
    let last = legends.len() - 1;
    let (wide, narrow) = (legends[0].1, legends[last].1);
    let under = Rect {
        max_y: inside.max_y - wide.1 - GAP * 0.5,
        ..*room
    };
    let beside = Rect {
        max_x: inside.max_x - narrow.0 - GAP * 0.5,
        ..*room
    };
    [
        (0, under, inside.min_x),
        (last, beside, inside.max_x - narrow.0),
    ]
    .into_iter()
    .map(|(k, area, left)| {
        let at = Position {
            x: left,
            y: inside.max_y - legends[k].1.1,
        };
        (k, at, fitted(bounds, &area, summarise))
    })
    .reduce(|best, next| {
        if next.2.zoom > best.2.zoom {
            next
        } else {
            best
        }
    })
    .expect("two ways to try")
}

/// Room round a fitted diagram, in pixels, within the slide's margin: the diagram sits
/// 16 px from the slide's edge, as it does from the canvas's. The scene's bounds already
/// hold the boxes' edges and the room for the names under the shapes; every pixel more
/// would shrink a diagram whose names need the zoom (the enterprise sample's two-row names
/// between rows of services fit from a zoom of about 0.4).
const NAME_ROOM: f64 = 6.0;

/// A view that fits `bounds` (canvas units) into `area` with presentation mode's text;
/// `summarise` as in [`View`].
pub fn fitted(bounds: &Rect, area: &Rect, summarise: bool) -> View {
    let (zoom, pan) = view::fit(bounds, area, &[], NAME_ROOM, view::MAX_FIT_ZOOM);
    View {
        zoom,
        pan,
        frame: *area,
        text: TextScale::PRESENTING,
        reserved_top: 0.0,
        summarise,
    }
}

/// Views that fit each of `fits` (a diagram's bounds and the area it goes in) all on one
/// scale, the one that fits the largest, each centred in its area: side by side or page
/// after page, sizes compare.
pub fn on_one_scale(fits: &[(Rect, Rect)]) -> Vec<View> {
    let views: Vec<View> = fits
        .iter()
        .map(|(bounds, area)| fitted(bounds, area, true))
        .collect();
    let zoom = views.iter().map(|v| v.zoom).fold(f64::INFINITY, f64::min);
    views
        .into_iter()
        .zip(fits)
        .map(|(view, (bounds, _))| {
            let (room, middle) = (view.frame.centre(), bounds.centre());
            View {
                zoom,
                pan: Position {
                    x: room.x - middle.x * zoom,
                    y: room.y - middle.y * zoom,
                },
                ..view
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::analyze;

    /// The legend's backing, and every other mark of the picture but the title line.
    fn legend_and_diagram(marks: &[crate::scene::Mark]) -> (Rect, Vec<&crate::scene::Mark>) {
        let legend = marks
            .iter()
            .find(|m| m.role == Role::Legend)
            .expect("a legend")
            .bounds();
        let diagram = marks
            .iter()
            .filter(|m| {
                !matches!(m.role, Role::Legend | Role::Title) && !matches!(m.shape, Shape::Clip(_))
            })
            .collect();
        (legend, diagram)
    }

    /// Points every pixel along a line, to test it against a rectangle point by point.
    fn along(points: &[Position]) -> Vec<Position> {
        points
            .windows(2)
            .flat_map(|pair| {
                let (a, b) = (pair[0], pair[1]);
                let steps = ((b.x - a.x).hypot(b.y - a.y)).ceil().max(1.0) as usize;
                (0..=steps).map(move |k| {
                    let t = k as f64 / steps as f64;
                    Position {
                        x: a.x + (b.x - a.x) * t,
                        y: a.y + (b.y - a.y) * t,
                    }
                })
            })
            .collect()
    }

    /// On a 16:9 slide every sample's legend goes where it covers no shape, name, box or
    /// edge of the diagram: in a place the diagram leaves free, else beside it.
    #[test]
    fn a_slides_legend_covers_nothing_of_the_diagram() {
        for file in [
            "enterprise-hybrid.ron",
            "needs-attention.ron",
            "payments-compliance.ron",
            "retail-domains.ron",
            "retail-peak-season.ron",
            "startup.ron",
        ] {
            let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("samples")
                .join(file);
            let model = crate::files::ron::load(&path).expect("the sample loads");
            let picture = slide(&model, &crate::analysis::analyze(&model), (1280.0, 720.0));
            let (legend, diagram) = legend_and_diagram(&picture.marks.list);
            for mark in diagram {
                let hit = match &mark.shape {
                    Shape::Line { points, .. } => along(points).into_iter().any(|p| {
                        p.x > legend.min_x
                            && p.x < legend.max_x
                            && p.y > legend.min_y
                            && p.y < legend.max_y
                    }),
                    _ => mark.bounds().overlaps(&legend),
                };
                assert!(!hit, "{file}: the legend {legend:?} covers {mark:?}");
            }
        }
    }

    #[test]
    fn a_slide_holds_everything_within_its_frame() {
        let model = crate::synthetic::generate(46, 9, 60, 2);
        let picture = slide(&model, &analyze(&model), (1280.0, 720.0));
        let frame = Rect::around(Position { x: 640.0, y: 360.0 }, 1280.0, 720.0);
        let off = crate::scene::marks::outside(&picture.marks.list, &frame);
        assert!(off.is_empty(), "{:?}", off.first());
    }
}
