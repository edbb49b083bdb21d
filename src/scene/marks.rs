//! What a picture is made of, as the canvas and every export draw it: rectangles, circles,
//! polygons, lines and rows of text, in output pixels. A scene seen through a view
//! ([`super::draw`]) becomes a list of marks; the canvas paints them with egui, the SVG
//! writes them as elements, the PDF as paths and glyphs. No backend decides anything
//! about the picture: they only translate marks.

use super::palette::{self, Rgb};
use crate::model::Position;

/// A colour and how opaque it is (1 = fully).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Paint {
    pub rgb: Rgb,
    pub opacity: f32,
}

impl Paint {
    pub const fn solid(rgb: Rgb) -> Paint {
        Paint { rgb, opacity: 1.0 }
    }

    pub const fn translucent(rgb: Rgb, opacity: f32) -> Paint {
        Paint { rgb, opacity }
    }
}

impl From<Rgb> for Paint {
    fn from(rgb: Rgb) -> Paint {
        Paint::solid(rgb)
    }
}

/// How a line or outline is drawn: its width in pixels, colour, and dashes (on, off).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Pen {
    pub width: f64,
    pub paint: Paint,
    pub dash: Option<(f64, f64)>,
}

impl Pen {
    pub fn new(width: f64, rgb: Rgb) -> Pen {
        Pen {
            width,
            paint: Paint::solid(rgb),
            dash: None,
        }
    }

    pub fn dashed(self, on: f64, off: f64) -> Pen {
        Pen {
            dash: Some((on, off)),
            ..self
        }
    }
}

/// How an area is painted: a domain's tinted, with a solid outline; the outside area's a
/// neutral tint, its outline dashed `(on, off)`.
pub fn area_paint(domain: bool, (on, off): (f64, f64)) -> (Paint, Pen) {
    if domain {
        let fill = Paint::translucent(palette::DOMAIN_FILL, palette::DOMAIN_FILL_OPACITY);
        (fill, Pen::new(1.5, palette::DOMAIN_STROKE))
    } else {
        let fill = Paint::translucent(palette::OUTSIDE_FILL, palette::OUTSIDE_FILL_OPACITY);
        (fill, Pen::new(1.5, palette::OUTSIDE_STROKE).dashed(on, off))
    }
}

/// What a mark stands for, so that an SVG can name its elements and tests can find them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Role {
    DomainArea,
    OutsideArea,
    DomainSummary,
    Domain,
    Team,
    Service,
    Owns,
    DependsOn,
    Interaction,
    /// An edge's diamond or arrowhead.
    Marker,
    Badge,
    LabelBacking,
    Label,
    Caption,
    Legend,
    Title,
    Other,
}

impl Role {
    /// The class an SVG element of this role carries.
    pub fn class(self) -> Option<&'static str> {
        Some(match self {
            Role::DomainArea => "domain-area",
            Role::OutsideArea => "outside-area",
            Role::DomainSummary => "domain-summary",
            Role::Domain => "domain",
            Role::Team => "team",
            Role::Service => "service",
            Role::Owns => "owns",
            Role::DependsOn => "depends-on",
            Role::Interaction => "interaction",
            Role::Marker => "marker",
            Role::Badge => "badge",
            Role::LabelBacking => "label-backing",
            Role::Label => "label",
            Role::Caption => "caption",
            Role::Legend => "legend",
            Role::Title => "title",
            Role::Other => return None,
        })
    }
}

/// How a row of text sits on its point: by its left end or its middle.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Anchor {
    Start,
    Middle,
}

impl Anchor {
    /// Where a row `width` wide, anchored at `x`, begins.
    pub fn left(self, x: f64, width: f64) -> f64 {
        match self {
            Anchor::Start => x,
            Anchor::Middle => x - width / 2.0,
        }
    }
}

/// One drawn thing, in output pixels.
#[derive(Clone, Debug, PartialEq)]
pub enum Shape {
    Rect {
        min: Position,
        max: Position,
        radius: f64,
        fill: Option<Paint>,
        stroke: Option<Pen>,
    },
    Circle {
        centre: Position,
        radius: f64,
        fill: Option<Paint>,
        stroke: Option<Pen>,
    },
    /// A closed polygon.
    Polygon {
        points: Vec<Position>,
        fill: Option<Paint>,
        stroke: Option<Pen>,
    },
    /// An open line through its points.
    Line { points: Vec<Position>, pen: Pen },
    /// From here on, what is drawn is clipped to the rectangle from `min` to `max` (a slide's
    /// diagram, whose neighbours at its edges are cut off); `None` ends the clipping.
    Clip(Option<(Position, Position)>),
    /// One row of text: `at` is the top of the row, at its left end or middle.
    Text {
        at: Position,
        anchor: Anchor,
        text: String,
        px: f64,
        paint: Paint,
        /// Its width as measured by [`crate::layout::text`], so backends need not measure.
        width: f64,
    },
}

impl Shape {
    /// A rectangle covering `rect`, its corners rounded by `radius`.
    pub fn rect(
        rect: crate::layout::Rect,
        radius: f64,
        fill: Option<Paint>,
        stroke: Option<Pen>,
    ) -> Shape {
        Shape::Rect {
            min: Position {
                x: rect.min_x,
                y: rect.min_y,
            },
            max: Position {
                x: rect.max_x,
                y: rect.max_y,
            },
            radius,
            fill,
            stroke,
        }
    }
}

/// A shape and what it stands for.
#[derive(Clone, Debug, PartialEq)]
pub struct Mark {
    pub role: Role,
    pub shape: Shape,
}

impl Mark {
    /// The rectangle a mark covers (text by its measured width and row height).
    pub fn bounds(&self) -> crate::layout::Rect {
        use crate::layout::Rect;
        let from_points = |points: &[Position]| {
            points.iter().fold(
                Rect {
                    min_x: f64::INFINITY,
                    min_y: f64::INFINITY,
                    max_x: f64::NEG_INFINITY,
                    max_y: f64::NEG_INFINITY,
                },
                |r, p| Rect {
                    min_x: r.min_x.min(p.x),
                    min_y: r.min_y.min(p.y),
                    max_x: r.max_x.max(p.x),
                    max_y: r.max_y.max(p.y),
                },
            )
        };
        match &self.shape {
            Shape::Rect { min, max, .. } | Shape::Clip(Some((min, max))) => {
                from_points(&[*min, *max])
            }
            Shape::Clip(None) => from_points(&[]),
            Shape::Circle { centre, radius, .. } => {
                Rect::around(*centre, 2.0 * radius, 2.0 * radius)
            }
            Shape::Polygon { points, .. } | Shape::Line { points, .. } => from_points(points),
            Shape::Text {
                at,
                anchor,
                px,
                width,
                ..
            } => {
                let left = anchor.left(at.x, *width);
                Rect {
                    min_x: left,
                    min_y: at.y,
                    max_x: left + width,
                    max_y: at.y + f64::from(crate::layout::text::row_height(*px as f32)),
                }
            }
        }
    }
}

/// The marks of `marks` that reach outside `frame` (half a pixel of slack), what is drawn
/// within a clip judged by its clip: a picture's check that nothing falls off its edge.
pub fn outside<'m>(marks: &'m [Mark], frame: &crate::layout::Rect) -> Vec<&'m Mark> {
    let mut clipped = false;
    marks
        .iter()
        .filter(|mark| {
            if let Shape::Clip(clip) = &mark.shape {
                clipped = clip.is_some();
            } else if clipped {
                return false;
            }
            let b = mark.bounds();
            let slack = frame.expand(0.5);
            b.min_x < slack.min_x
                || b.min_y < slack.min_y
                || b.max_x > slack.max_x
                || b.max_y > slack.max_y
        })
        .collect()
}

/// A list of marks being drawn, with shorthands for the common ones.
#[derive(Clone, Debug, Default)]
pub struct Marks {
    pub list: Vec<Mark>,
}

impl Marks {
    pub fn push(&mut self, role: Role, shape: Shape) {
        self.list.push(Mark { role, shape });
    }

    /// A row of text measured with the one text measure.
    pub fn text(
        &mut self,
        role: Role,
        at: Position,
        anchor: Anchor,
        text: &str,
        px: f64,
        paint: Paint,
    ) {
        let width = f64::from(crate::layout::text::width(text, px as f32));
        self.push(
            role,
            Shape::Text {
                at,
                anchor,
                text: text.to_owned(),
                px,
                paint,
                width,
            },
        );
    }

    /// Lines of text already measured (see [`crate::layout::text::Wrapped`]), one under the other
    /// from `top`, centred on `centre_x`.
    pub fn centred_lines(
        &mut self,
        role: Role,
        centre_x: f64,
        top: f64,
        lines: &[crate::layout::text::Line],
        px: f64,
        paint: Paint,
    ) {
        let row = f64::from(crate::layout::text::row_height(px as f32));
        for (i, line) in lines.iter().enumerate() {
            self.push(
                role,
                Shape::Text {
                    at: Position {
                        x: centre_x,
                        y: top + row * i as f64,
                    },
                    anchor: Anchor::Middle,
                    text: line.text.clone(),
                    px,
                    paint,
                    width: f64::from(line.width),
                },
            );
        }
    }

    pub fn rect(
        &mut self,
        role: Role,
        rect: crate::layout::Rect,
        radius: f64,
        fill: Option<Paint>,
        stroke: Option<Pen>,
    ) {
        self.push(role, Shape::rect(rect, radius, fill, stroke));
    }

    /// Clips what is drawn next to `rect` (`None`: no longer).
    pub fn clip(&mut self, rect: Option<crate::layout::Rect>) {
        let corners = rect.map(|r| {
            (
                Position {
                    x: r.min_x,
                    y: r.min_y,
                },
                Position {
                    x: r.max_x,
                    y: r.max_y,
                },
            )
        });
        self.push(Role::Other, Shape::Clip(corners));
    }

    /// Moves every mark by `(dx, dy)`.
    pub fn translate(&mut self, dx: f64, dy: f64) {
        let by = |p: &mut Position| {
            p.x += dx;
            p.y += dy;
        };
        for mark in &mut self.list {
            match &mut mark.shape {
                Shape::Rect { min, max, .. } | Shape::Clip(Some((min, max))) => {
                    by(min);
                    by(max);
                }
                Shape::Clip(None) => {}
                Shape::Circle { centre, .. } => by(centre),
                Shape::Polygon { points, .. } | Shape::Line { points, .. } => {
                    points.iter_mut().for_each(by)
                }
                Shape::Text { at, .. } => by(at),
            }
        }
    }
}

/// One black 14-pixel name centred on `at`: what the backends' tests draw text with.
#[cfg(test)]
pub(crate) fn centred_name(at: Position, name: &str) -> Marks {
    let mut marks = Marks::default();
    marks.text(
        Role::Label,
        at,
        Anchor::Middle,
        name,
        14.0,
        Paint::solid(Rgb(0, 0, 0)),
    );
    marks
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_bounded_by_its_measured_width_and_row() {
        let mut marks = centred_name(Position { x: 100.0, y: 10.0 }, "Checkout");
        let bounds = marks.list[0].bounds();
        let width = f64::from(crate::layout::text::width("Checkout", 14.0));
        assert!((bounds.width() - width).abs() < 1e-9);
        assert!((bounds.centre().x - 100.0).abs() < 1e-9);
        assert_eq!(bounds.min_y, 10.0);
        marks.translate(5.0, -10.0);
        assert_eq!(marks.list[0].bounds().min_y, 0.0);
    }
}
