//! Pictures and diagrams of a model (SPEC 6.3): an SVG drawn as the canvas draws it, a PNG
//! rasterised from that same SVG, and Mermaid and Graphviz DOT text for wikis and docs.

mod diagram;
pub mod dot;
pub mod mermaid;
pub mod palette;
pub mod png;
pub mod svg;
pub mod text;

pub use dot::{dot, dot_with};
pub use mermaid::{mermaid, mermaid_with};
pub use png::{DEFAULT_SCALE, Png, PngError, png, png_from_svg};
pub use svg::{svg, svg_with};
