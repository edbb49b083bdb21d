//! Marks as an SVG document: each mark one element, classed by what it stands for, text
//! as text in the shipped font. The pictures themselves are composed in
//! [`super::picture`]; the PNG export rasterises this same SVG, so the two never drift.

use std::fmt::Write;

use crate::analysis::{Analysis, analyze};
use crate::layout::text::{self, Face};
use crate::model::{Model, Position};
use crate::scene::marks::{Anchor, Mark, Paint, Pen, Role, Shape};

/// A number for an SVG attribute: one decimal is finer than a projector shows.
struct N(f64);

impl std::fmt::Display for N {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let rounded = (self.0 * 10.0).round() / 10.0;
        if rounded == 0.0 {
            f.write_str("0")
        } else {
            write!(f, "{rounded}")
        }
    }
}

/// The characters XML reads as markup, and how each is written in text.
const XML_CODES: [(char, &str); 5] = [
    ('&', "&amp;"),
    ('<', "&lt;"),
    ('>', "&gt;"),
    ('"', "&quot;"),
    ('\'', "&apos;"),
];

/// Text escaped for XML content and attribute values.
pub(crate) fn xml_escape(raw: &str) -> String {
    // XML 1.0 allows no control characters but these.
    super::encoded(raw, &XML_CODES, |c| matches!(c, '\t' | '\n' | '\r'))
}

/// The model drawn as an SVG document at its natural size.
pub fn svg(model: &Model) -> String {
    svg_with(model, &analyze(model))
}

/// [`svg`] with an analysis already made for this model.
pub fn svg_with(model: &Model, analysis: &Analysis) -> String {
    let picture = super::picture::natural(model, analysis);
    document(&picture.marks.list, picture.size, &model.name)
}

/// The model fitted into a slide of `size` pixels, with a title line and the legend.
pub fn svg_sized(model: &Model, analysis: &Analysis, size: (f64, f64)) -> String {
    let picture = super::picture::slide(model, analysis, size);
    document(&picture.marks.list, picture.size, &model.name)
}

/// An SVG document `size` pixels large holding `marks`, titled `title`.
pub fn document(marks: &[Mark], size: (f64, f64), title: &str) -> String {
    let families: Vec<&str> = Face::ALL.iter().map(|f| f.family()).collect();
    let mut out = String::with_capacity(256 + 160 * marks.len());
    let (w, h) = (size.0.ceil(), size.1.ceil());
    let _ = writeln!(
        out,
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}" viewBox="0 0 {w} {h}" font-family="{}, sans-serif">"#,
        families.join(", "),
    );
    let _ = writeln!(out, "<title>{}</title>", xml_escape(title));
    let _ = writeln!(
        out,
        r#"<rect width="100%" height="100%" fill="{}"/>"#,
        crate::scene::palette::CANVAS_BACKGROUND.hex()
    );
    // The legend's and the title's marks each make one group, named as a whole.
    let mut group: Option<Role> = None;
    let mut clips = 0;
    for mark in marks {
        if let Shape::Clip(clip) = &mark.shape {
            if group.take().is_some() {
                out.push_str("</g>\n");
            }
            clip_group(&mut out, clip.as_ref(), &mut clips);
            continue;
        }
        let grouped = matches!(mark.role, Role::Legend | Role::Title).then_some(mark.role);
        if grouped != group {
            if group.is_some() {
                out.push_str("</g>\n");
            }
            if let Some(role) = grouped.and_then(Role::class) {
                let _ = writeln!(out, r#"<g class="{role}">"#);
            }
            group = grouped;
        }
        element(&mut out, mark, group.is_none());
    }
    if group.is_some() {
        out.push_str("</g>\n");
    }
    clip_group(&mut out, None, &mut clips);
    out.push_str("</svg>\n");
    out
}

/// Closes the open clipping group, if any, and opens one clipped to `clip`. `opened`
/// counts the groups opened so far (each clip path needs its own id) and whether one is
/// open.
fn clip_group(out: &mut String, clip: Option<&(Position, Position)>, opened: &mut usize) {
    if *opened % 2 == 1 {
        out.push_str("</g>\n");
        *opened += 1;
    }
    if let Some((min, max)) = clip {
        let id = *opened / 2;
        let _ = writeln!(
            out,
            r#"<clipPath id="clip{id}"><rect x="{}" y="{}" width="{}" height="{}"/></clipPath><g clip-path="url(#clip{id})">"#,
            N(min.x),
            N(min.y),
            N(max.x - min.x),
            N(max.y - min.y)
        );
        *opened += 1;
    }
}

fn paint_attributes(out: &mut String, fill: Option<Paint>, stroke: Option<Pen>) {
    match fill {
        Some(paint) => {
            let _ = write!(out, r#" fill="{}""#, paint.rgb.hex());
            if paint.opacity < 1.0 {
                let _ = write!(out, r#" fill-opacity="{:.3}""#, paint.opacity);
            }
        }
        None => out.push_str(r#" fill="none""#),
    }
    if let Some(pen) = stroke {
        let _ = write!(
            out,
            r#" stroke="{}" stroke-width="{}""#,
            pen.paint.rgb.hex(),
            N(pen.width)
        );
        if pen.paint.opacity < 1.0 {
            let _ = write!(out, r#" stroke-opacity="{:.3}""#, pen.paint.opacity);
        }
        if let Some((on, off)) = pen.dash {
            let _ = write!(out, r#" stroke-dasharray="{} {}""#, N(on), N(off));
        }
    }
}

fn points(points: &[Position]) -> String {
    points
        .iter()
        .map(|p| format!("{},{}", N(p.x), N(p.y)))
        .collect::<Vec<_>>()
        .join(" ")
}

/// One mark as one element, classed by its role when `classed`.
fn element(out: &mut String, mark: &Mark, classed: bool) {
    let class = mark
        .role
        .class()
        .filter(|_| classed)
        .map(|c| format!(r#" class="{c}""#))
        .unwrap_or_default();
    match &mark.shape {
        Shape::Rect {
            min, max, radius, ..
        } => {
            let _ = write!(
                out,
                r#"<rect{class} x="{}" y="{}" width="{}" height="{}" rx="{}""#,
                N(min.x),
                N(min.y),
                N(max.x - min.x),
                N(max.y - min.y),
                N(radius.min((max.x - min.x) / 2.0).min((max.y - min.y) / 2.0)),
            );
        }
        Shape::Circle { centre, radius, .. } => {
            let _ = write!(
                out,
                r#"<circle{class} cx="{}" cy="{}" r="{}""#,
                N(centre.x),
                N(centre.y),
                N(*radius)
            );
        }
        Shape::Polygon {
            points: corners, ..
        } => {
            let _ = write!(out, r#"<polygon{class} points="{}""#, points(corners));
        }
        Shape::Line { points: along, .. } => {
            let _ = write!(out, r#"<polyline{class} points="{}""#, points(along));
        }
        Shape::Clip(_) => return,
        Shape::Text {
            at,
            anchor,
            text: words,
            px,
            paint,
            ..
        } => {
            let anchor = match anchor {
                Anchor::Start => "start",
                Anchor::Middle => "middle",
            };
            let baseline = at.y + f64::from(text::ascent(*px as f32));
            let _ = write!(
                out,
                r#"<text{class} x="{}" y="{}" font-size="{}" text-anchor="{anchor}" fill="{}""#,
                N(at.x),
                N(baseline),
                N(*px),
                paint.rgb.hex(),
            );
            if paint.opacity < 1.0 {
                let _ = write!(out, r#" fill-opacity="{:.3}""#, paint.opacity);
            }
            let _ = writeln!(out, ">{}</text>", xml_escape(words));
            return;
        }
    }
    let (fill, stroke) = super::paints(&mark.shape);
    paint_attributes(out, fill, stroke);
    if matches!(mark.shape, Shape::Line { .. }) {
        out.push_str(r#" stroke-linejoin="round" stroke-linecap="round""#);
    }
    out.push_str("/>\n");
}
