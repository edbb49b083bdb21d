//! Pictures, diagrams and decks of a model (SPEC 6.3, 6.4): the scene drawn as SVG, the PNG
//! rasterised from that same SVG, the PDF deck written from the same marks, and Mermaid and
//! Graphviz DOT text for wikis and docs.

pub mod deck;
mod diagram;
pub mod dot;
pub mod mermaid;
pub mod pdf;
pub mod picture;
pub mod png;
pub mod svg;

pub use deck::{comparison_deck_pdf, deck_pdf, roadmap_deck_pdf};
pub use dot::{dot, dot_with};
pub use mermaid::{mermaid, mermaid_with};
pub use png::{DEFAULT_SCALE, Png, PngError, png, png_from_svg};
pub use svg::{svg, svg_sized, svg_with};

use crate::scene::marks::{Paint, Pen, Shape};

/// What a shape is filled and outlined with, as both the SVG and the PDF paint it: a line
/// is all outline; text (which carries its own paint) and clips have neither.
fn paints(shape: &Shape) -> (Option<Paint>, Option<Pen>) {
    match shape {
        Shape::Rect { fill, stroke, .. }
        | Shape::Circle { fill, stroke, .. }
        | Shape::Polygon { fill, stroke, .. } => (*fill, *stroke),
        Shape::Line { pen, .. } => (None, Some(*pen)),
        Shape::Text { .. } | Shape::Clip(_) => (None, None),
    }
}

/// `text` with each character `codes` names written as its code, and control characters
/// written as spaces unless `kept`: the escaping of the text formats, each with its codes.
fn encoded(text: &str, codes: &[(char, &str)], kept: impl Fn(char) -> bool) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match codes.iter().find(|(raw, _)| *raw == c) {
            Some((_, code)) => out.push_str(code),
            None if c.is_control() && !kept(c) => out.push(' '),
            None => out.push(c),
        }
    }
    out
}
