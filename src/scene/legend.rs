//! The legend: what every mark of the picture means, so a room looking at a projector —
//! or a reader of the deck — can read it without asking. Every kind of mark the scene
//! draws has its entry here; a mark without one is not drawn. The canvas adds what the
//! selection does to the picture.

use super::marks::{Anchor, Mark, Marks, Paint, Pen, Role, Shape, area_paint};
use super::palette::{self, Rgb};
use crate::analysis::Cover;
use crate::layout::Rect;
use crate::layout::text;
use crate::model::{InteractionMode, Position, TeamKind};

/// Where the legend is shown, which decides its entries and how they flow.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Context {
    /// The editor's canvas: every entry, a row per kind of mark; interactions can be
    /// toggled, and the selection is highlighted.
    Canvas,
    /// A picture or a deck: the entries for what it draws, flowing on in as few rows as
    /// the width allows.
    Export(Shown),
}

/// Which optional kinds of mark a picture draws, so that its legend explains those and
/// only those.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Shown {
    pub interactions: bool,
    pub understaffed_rota: bool,
    pub outside_area: bool,
    pub inception: bool,
    pub retiring: bool,
    pub compliance: bool,
}

impl Shown {
    /// What `scene` draws.
    pub fn of(scene: &super::Scene) -> Shown {
        let mut shown = Shown {
            interactions: scene
                .edges
                .iter()
                .any(|e| matches!(e.kind, super::EdgeKind::Interaction(_))),
            outside_area: scene.areas.iter().any(|a| a.domain.is_none()),
            ..Shown::default()
        };
        for node in &scene.nodes {
            match node.look {
                super::Look::Team { understaffed, .. } => shown.understaffed_rota |= understaffed,
                super::Look::Service { lifecycle, .. } => {
                    shown.inception |= lifecycle == crate::model::Lifecycle::Inception;
                    shown.retiring |= lifecycle == crate::model::Lifecycle::Retiring;
                    shown.compliance |= !node.badges.is_empty();
                }
                super::Look::Domain => {}
            }
        }
        shown
    }
}

/// The little picture in front of an entry.
#[derive(Clone, Copy, Debug)]
enum Swatch {
    Digital,
    Cots,
    Foundational,
    Cover(Cover),
    Team(TeamKind),
    Understaffed,
    Owns,
    DependsOn,
    Interaction,
    Domain,
    Outside,
    Inception,
    Retiring,
    Badge,
    Selected,
    Related,
    Dimmed,
}

/// The entries, row by row.
fn rows(context: Context) -> Vec<Vec<(Swatch, &'static str)>> {
    let shown = match context {
        Context::Canvas => Shown {
            interactions: true,
            understaffed_rota: true,
            outside_area: true,
            inception: true,
            retiring: true,
            compliance: true,
        },
        Context::Export(shown) => shown,
    };
    let mut rows = vec![
        vec![
            (Swatch::Digital, "Digital"),
            (Swatch::Cots, "COTS"),
            (Swatch::Foundational, "Foundational"),
        ],
        vec![
            (Swatch::Cover(Cover::Covered), "covered"),
            (Swatch::Cover(Cover::Understaffed), "understaffed"),
            (Swatch::Cover(Cover::Uncovered), "uncovered / no owner"),
            (Swatch::Cover(Cover::NotRequired), "no cover needed"),
        ],
        TeamKind::ALL
            .into_iter()
            .map(|kind| (Swatch::Team(kind), kind.label()))
            .chain(
                shown
                    .understaffed_rota
                    .then_some((Swatch::Understaffed, "rota below its minimum size")),
            )
            .collect(),
    ];
    let mut lines = vec![(Swatch::Owns, "owns"), (Swatch::DependsOn, "depends on")];
    if shown.interactions {
        lines.push(match context {
            Context::Canvas => (Swatch::Interaction, "interaction (toggle with I)"),
            Context::Export(_) => (Swatch::Interaction, "interaction"),
        });
    }
    lines.push((Swatch::Domain, "domain"));
    if shown.outside_area {
        lines.push((Swatch::Outside, "outside any domain"));
    }
    rows.push(lines);
    let lifecycle: Vec<(Swatch, &'static str)> = [
        shown
            .inception
            .then_some((Swatch::Inception, "inception: not live yet")),
        shown.retiring.then_some((Swatch::Retiring, "retiring")),
        shown
            .compliance
            .then_some((Swatch::Badge, "compliance scope tag")),
    ]
    .into_iter()
    .flatten()
    .collect();
    if !lifecycle.is_empty() {
        rows.push(lifecycle);
    }
    if context == Context::Canvas {
        rows.push(vec![
            (Swatch::Selected, "selected"),
            (
                Swatch::Related,
                "owner, dependency or dependent of the selection",
            ),
            (Swatch::Dimmed, "not connected to it"),
        ]);
    }
    rows
}

const R: f64 = 7.0;
/// Between one entry and the next, and round the legend's edge.
const SPACING: f64 = 14.0;
const MARGIN: f64 = 12.0;

fn at(x: f64, y: f64) -> Position {
    Position { x, y }
}

/// Draws a swatch with its left end at `x`, centred on `y`; returns its width.
fn swatch(marks: &mut Marks, kind: Swatch, x: f64, y: f64, px: f64) -> f64 {
    let ink = Pen::new(1.5, palette::INK);
    let (covered_fill, covered_stroke) = palette::cover_colours(Cover::Covered);
    let circle = |marks: &mut Marks, fill: Option<Paint>, stroke: Option<Pen>| {
        marks.push(
            Role::Legend,
            Shape::Circle {
                centre: at(x + R, y),
                radius: R,
                fill,
                stroke,
            },
        );
        2.0 * R
    };
    let card = |marks: &mut Marks, fill: Rgb, stroke: Pen| {
        marks.rect(
            Role::Legend,
            Rect::around(at(x + 11.0, y), 22.0, 14.0),
            3.0,
            Some(fill.into()),
            Some(stroke),
        );
        22.0
    };
    let line = |marks: &mut Marks, pen: Pen| {
        marks.push(
            Role::Legend,
            Shape::Line {
                points: vec![at(x, y), at(x + 34.0, y)],
                pen,
            },
        );
        34.0
    };
    match kind {
        Swatch::Digital => circle(marks, None, Some(ink)),
        Swatch::Cots => {
            marks.rect(
                Role::Legend,
                Rect::around(at(x + R, y), 2.0 * R, 2.0 * R),
                2.0,
                None,
                Some(ink),
            );
            2.0 * R
        }
        Swatch::Foundational => {
            marks.push(
                Role::Legend,
                Shape::Polygon {
                    points: super::draw::hexagon(at(x + R, y), R * 1.1),
                    fill: None,
                    stroke: Some(ink),
                },
            );
            2.0 * R
        }
        Swatch::Cover(cover) => {
            let (fill, stroke) = palette::cover_colours(cover);
            let width = if matches!(cover, Cover::Uncovered | Cover::Understaffed) {
                3.0
            } else {
                2.0
            };
            circle(marks, Some(fill.into()), Some(Pen::new(width, stroke)))
        }
        Swatch::Team(kind) => {
            let fill = palette::team_fill(kind);
            card(marks, fill, Pen::new(1.0, fill.darker()))
        }
        Swatch::Understaffed => card(
            marks,
            palette::team_fill(TeamKind::Product),
            Pen::new(3.0, palette::AMBER),
        ),
        Swatch::Owns => {
            let width = line(marks, Pen::new(2.0, palette::OWNERSHIP_EDGE));
            marks.push(
                Role::Legend,
                Shape::Polygon {
                    points: vec![
                        at(x, y),
                        at(x + 6.0, y - 4.0),
                        at(x + 12.0, y),
                        at(x + 6.0, y + 4.0),
                    ],
                    fill: Some(palette::OWNERSHIP_EDGE.into()),
                    stroke: None,
                },
            );
            width
        }
        Swatch::DependsOn => {
            let width = line(marks, Pen::new(2.0, palette::DEPENDENCY_EDGE));
            let tip = x + width;
            marks.push(
                Role::Legend,
                Shape::Polygon {
                    points: vec![at(tip, y), at(tip - 8.0, y - 4.0), at(tip - 8.0, y + 4.0)],
                    fill: Some(palette::DEPENDENCY_EDGE.into()),
                    stroke: None,
                },
            );
            width
        }
        Swatch::Interaction => line(
            marks,
            Pen::new(
                2.0,
                palette::interaction_colour(InteractionMode::Collaboration),
            )
            .dashed(6.0, 4.0),
        ),
        Swatch::Domain | Swatch::Outside => {
            let (fill, stroke) = area_paint(matches!(kind, Swatch::Domain), (4.0, 3.0));
            marks.rect(
                Role::Legend,
                Rect::around(at(x + 13.0, y), 26.0, 16.0),
                5.0,
                Some(fill),
                Some(stroke),
            );
            26.0
        }
        Swatch::Inception => circle(
            marks,
            Some(covered_fill.into()),
            Some(Pen::new(2.0, covered_stroke).dashed(3.0, 2.0)),
        ),
        Swatch::Retiring => circle(
            marks,
            Some(palette::retiring(covered_fill).into()),
            Some(Pen::new(1.5, palette::retiring(covered_stroke))),
        ),
        Swatch::Badge => {
            let label = "PCI-DSS";
            let width = f64::from(text::width(label, px as f32)) + 12.0;
            let height = f64::from(text::row_height(px as f32)) + 4.0;
            marks.rect(
                Role::Legend,
                Rect::around(at(x + width / 2.0, y), width, height),
                height / 2.0,
                Some(palette::COMPLIANCE_FILL.into()),
                Some(Pen::new(1.0, palette::COMPLIANCE_INK)),
            );
            marks.text(
                Role::Legend,
                at(
                    x + width / 2.0,
                    y - f64::from(text::row_height(px as f32)) / 2.0,
                ),
                Anchor::Middle,
                label,
                px,
                palette::COMPLIANCE_INK.into(),
            );
            width
        }
        Swatch::Selected => circle(
            marks,
            Some(covered_fill.into()),
            Some(Pen::new(3.0, palette::SELECTION)),
        ),
        Swatch::Related => circle(
            marks,
            Some(covered_fill.into()),
            Some(Pen::new(3.0, palette::RELATED)),
        ),
        Swatch::Dimmed => circle(
            marks,
            Some(palette::dimmed(covered_fill).into()),
            Some(Pen::new(1.5, palette::dimmed(covered_stroke))),
        ),
    }
}

/// The legend laid out from the origin, its entries flowing into rows no wider than
/// `max_width`, text at `px`: its marks (a backing first) and its size.
pub fn legend(context: Context, px: f64, max_width: f64) -> (Marks, (f64, f64)) {
    let mut marks = Marks::default();
    marks.push(
        Role::Legend,
        Shape::Rect {
            min: at(0.0, 0.0),
            max: at(0.0, 0.0),
            radius: 6.0,
            fill: Some(Paint::translucent(Rgb(255, 255, 255), 0.92)),
            stroke: Some(Pen::new(1.0, palette::GREY)),
        },
    );
    let row = (f64::from(text::row_height(px as f32)) + 8.0).max(22.0);
    let text_row = f64::from(text::row_height(px as f32));
    let (mut y, mut right) = (MARGIN + row / 2.0, 0.0_f64);
    let flowing = matches!(context, Context::Export(_));
    let mut x = MARGIN;
    let wanted = |kind: Swatch, words: &str| {
        swatch_width(kind, px) + 5.0 + f64::from(text::width(words, px as f32))
    };
    for entries in rows(context) {
        if flowing {
            // Kinds of mark apart by a little more than entries, and a kind that does not
            // fit whole after the one before starts a row of its own.
            let group: f64 = entries.iter().map(|&(k, w)| wanted(k, w) + SPACING).sum();
            if x > MARGIN && x + SPACING + group - SPACING > max_width - MARGIN {
                x = MARGIN;
                y += row;
            } else if x > MARGIN {
                x += SPACING;
            }
        } else {
            x = MARGIN;
        }
        for (kind, words) in entries {
            let words_width = f64::from(text::width(words, px as f32));
            let wanted = wanted(kind, words);
            if x > MARGIN && x + wanted > max_width - MARGIN {
                x = MARGIN;
                y += row;
            }
            x += swatch(&mut marks, kind, x, y, px) + 5.0;
            marks.text(
                Role::Legend,
                at(x, y - text_row / 2.0),
                Anchor::Start,
                words,
                px,
                palette::INK.into(),
            );
            x += words_width;
            right = right.max(x);
            x += SPACING;
        }
        if !flowing {
            y += row;
        }
    }
    if flowing {
        y += row;
    }
    let size = (right + MARGIN, y - row / 2.0 + MARGIN - 4.0);
    if let Some(Shape::Rect { max, .. }) = marks.list.first_mut().map(|m| &mut m.shape) {
        *max = at(size.0, size.1);
    }
    (marks, size)
}

/// How far a legend set among the diagram's marks keeps from them.
const CLEARANCE: f64 = 6.0;
/// Step of the search along a room's edges.
const STEP: f64 = 8.0;

/// Where a legend of `size` can sit inside `room` against one of its edges without
/// covering any of `drawn` (shapes, names, area boxes or edges): its top-left corner,
/// nearest a bottom corner of the room, else along the sides, else the top; `None` when
/// the picture leaves no such place.
pub fn free_place(drawn: &[Mark], room: &Rect, size: (f64, f64)) -> Option<Position> {
    let (w, h) = size;
    if w > room.width() || h > room.height() {
        return None;
    }
    // Only marks in the bands along the edges can be in the way.
    let inner = Rect {
        min_x: room.min_x + w + CLEARANCE,
        min_y: room.min_y + h + CLEARANCE,
        max_x: room.max_x - w - CLEARANCE,
        max_y: room.max_y - h - CLEARANCE,
    };
    let in_band = |r: &Rect| {
        inner.width() <= 0.0
            || inner.height() <= 0.0
            || !(r.min_x > inner.min_x
                && r.max_x < inner.max_x
                && r.min_y > inner.min_y
                && r.max_y < inner.max_y)
    };
    let obstacles: Vec<&Mark> = drawn
        .iter()
        .filter(|m| !matches!(m.shape, Shape::Clip(_)) && in_band(&m.bounds()))
        .collect();
    let free = |at: Position| {
        let rect = Rect {
            min_x: at.x,
            min_y: at.y,
            max_x: at.x + w,
            max_y: at.y + h,
        }
        .expand(CLEARANCE);
        !obstacles.iter().any(|m| covers(m, &rect))
    };
    let steps = |from: f64, to: f64| {
        let count = ((to - from) / STEP).floor().max(0.0) as usize;
        // From both ends inwards, so places nearer a corner come first.
        let mut xs: Vec<f64> = (0..=count)
            .flat_map(|k| [from + k as f64 * STEP, to - k as f64 * STEP])
            .collect();
        xs.dedup();
        xs
    };
    let (left, right, top, bottom) = (room.min_x, room.max_x - w, room.min_y, room.max_y - h);
    let along_bottom = steps(left, right)
        .into_iter()
        .map(|x| Position { x, y: bottom });
    let rising = ((bottom - top) / STEP).floor().max(0.0) as usize;
    let up_the_sides = (0..=rising)
        .map(|k| bottom - k as f64 * STEP)
        .flat_map(|y| [Position { x: right, y }, Position { x: left, y }]);
    let along_top = steps(left, right)
        .into_iter()
        .map(|x| Position { x, y: top });
    along_bottom
        .chain(up_the_sides)
        .chain(along_top)
        .find(|&at| free(at))
}

/// Whether `mark` covers any of `rect`: a line by its segments, anything else by its
/// bounds.
fn covers(mark: &Mark, rect: &Rect) -> bool {
    match &mark.shape {
        Shape::Line { points, pen } => {
            let rect = rect.expand(pen.width / 2.0);
            points
                .windows(2)
                .any(|pair| segment_meets(pair[0], pair[1], &rect))
        }
        _ => mark.bounds().overlaps(rect),
    }
}

/// Whether the segment from `a` to `b` meets `rect` (Liang–Barsky clipping).
fn segment_meets(a: Position, b: Position, rect: &Rect) -> bool {
    let (dx, dy) = (b.x - a.x, b.y - a.y);
    let (mut t0, mut t1) = (0.0_f64, 1.0_f64);
    for (p, q) in [
        (-dx, a.x - rect.min_x),
        (dx, rect.max_x - a.x),
        (-dy, a.y - rect.min_y),
        (dy, rect.max_y - a.y),
    ] {
        if p == 0.0 {
            if q < 0.0 {
                return false;
            }
        } else {
            let t = q / p;
            if p < 0.0 {
                t0 = t0.max(t);
            } else {
                t1 = t1.min(t);
            }
            if t0 > t1 {
                return false;
            }
        }
    }
    true
}

/// How wide a swatch is drawn (see [`swatch`]).
fn swatch_width(kind: Swatch, px: f64) -> f64 {
    let mut scratch = Marks::default();
    swatch(&mut scratch, kind, 0.0, 0.0, px)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_legend_flows_into_the_width_it_is_given() {
        let (_, wide) = legend(Context::Canvas, 14.0, 2000.0);
        let (marks, narrow) = legend(Context::Canvas, 14.0, 500.0);
        assert!(narrow.0 <= 500.0, "{narrow:?}");
        assert!(narrow.1 > wide.1, "more rows when narrower");
        for mark in &marks.list {
            let b = mark.bounds();
            assert!(b.min_x >= 0.0 && b.max_x <= narrow.0 + 1e-9, "{mark:?}");
            assert!(b.min_y >= 0.0 && b.max_y <= narrow.1 + 1e-9, "{mark:?}");
        }
    }

    fn line(from: (f64, f64), to: (f64, f64)) -> Mark {
        Mark {
            role: Role::DependsOn,
            shape: Shape::Line {
                points: vec![at(from.0, from.1), at(to.0, to.1)],
                pen: Pen::new(1.0, palette::INK),
            },
        }
    }

    /// A room 400 × 300 with a legend of 100 × 50: free, it goes in the bottom-left corner;
    /// a diagonal line through that corner (whose bounds would cover the whole room) moves it
    /// to the bottom-right; a box along the whole bottom moves it up the right side.
    #[test]
    fn a_legend_goes_in_the_corner_nearest_the_bottom_that_nothing_covers() {
        let room = Rect {
            min_x: 0.0,
            min_y: 0.0,
            max_x: 400.0,
            max_y: 300.0,
        };
        let size = (100.0, 50.0);
        assert_eq!(free_place(&[], &room, size), Some(at(0.0, 250.0)));
        let diagonal = [
            line((0.0, 200.0), (100.0, 300.0)),
            line((0.0, 0.0), (1.0, 1.0)),
        ];
        assert_eq!(free_place(&diagonal, &room, size), Some(at(300.0, 250.0)));
        let mut marks = Marks::default();
        marks.rect(
            Role::DomainArea,
            Rect {
                min_x: 0.0,
                min_y: 220.0,
                max_x: 400.0,
                max_y: 300.0,
            },
            0.0,
            None,
            None,
        );
        // 220 less the legend's height and the clearance of 6: the highest free row is
        // 164, found stepping up the right side by 8 from 250 (250 − 11 × 8 = 162).
        assert_eq!(free_place(&marks.list, &room, size), Some(at(300.0, 162.0)));
        marks.rect(Role::DomainArea, room, 0.0, None, None);
        assert_eq!(free_place(&marks.list, &room, size), None);
        assert_eq!(free_place(&[], &room, (500.0, 50.0)), None, "too wide");
    }

    /// Flowed into a narrow block, each kind of mark starts a row of its own rather than
    /// sharing one with the end of another kind.
    #[test]
    fn a_narrow_legend_keeps_each_kind_of_mark_together() {
        let (marks, _) = legend(Context::Export(Shown::default()), 12.0, 300.0);
        let top_of = |words: &str| {
            marks
                .list
                .iter()
                .find_map(|m| match &m.shape {
                    Shape::Text { text, at, .. } if text == words => Some(at.y),
                    _ => None,
                })
                .expect(words)
        };
        assert!(top_of("covered") > top_of("Foundational"));
        assert!(top_of("Product") > top_of("no cover needed"));
        assert!(top_of("owns") > top_of("Operations"));
        assert_eq!(top_of("Digital"), top_of("Foundational"));
    }

    #[test]
    fn the_canvas_explains_the_selection_and_the_interaction_toggle() {
        let words = |context| {
            let (marks, _) = legend(context, 13.0, 2000.0);
            marks
                .list
                .into_iter()
                .filter_map(|m| match m.shape {
                    Shape::Text { text, .. } => Some(text),
                    _ => None,
                })
                .collect::<Vec<_>>()
        };
        let canvas = words(Context::Canvas);
        assert!(canvas.iter().any(|w| w == "selected"));
        assert!(canvas.iter().any(|w| w == "interaction (toggle with I)"));
        let export = words(Context::Export(Shown {
            inception: true,
            ..Shown::default()
        }));
        assert!(!export.iter().any(|w| w == "selected"));
        assert!(export.iter().any(|w| w == "inception: not live yet"));
        assert!(
            !export.iter().any(|w| w == "retiring"),
            "nothing is being retired"
        );
        assert!(!export.iter().any(|w| w.starts_with("interaction")));
    }
}
