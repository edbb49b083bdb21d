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
