//! The PNG export: the SVG picture of [`super::svg`] rasterised with resvg, so the two
//! formats always show the same thing. The font ships inside the binary, so a machine with
//! no fonts installed renders the same letters.

use std::sync::{Arc, OnceLock};

use resvg::{tiny_skia, usvg};

use super::text::{FONT_BYTES, FONT_FAMILY};
use crate::model::Model;

/// The default `--scale`: twice the size, sharp on a high-density screen or a slide.
pub const DEFAULT_SCALE: f32 = 2.0;
/// The largest picture made, in pixels (a 64-megapixel image is 256 MB in memory); a bigger
/// one is drawn at the largest scale that fits.
pub const MAX_PIXELS: f64 = 64_000_000.0;
/// The longest side tiny-skia and most viewers accept comfortably.
pub const MAX_SIDE: f64 = 16_384.0;

/// Why a PNG could not be made.
#[derive(Debug, Clone, PartialEq)]
pub enum PngError {
    /// The scale is not a positive finite number.
    BadScale(f32),
    /// The SVG could not be read back (a bug in the SVG writer, never the user's input).
    Svg(String),
    Encode(String),
}

impl std::fmt::Display for PngError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            PngError::BadScale(scale) => {
                write!(f, "the scale must be a number above 0, not {scale}")
            }
            PngError::Svg(e) => write!(f, "cannot rasterise the picture: {e}"),
            PngError::Encode(e) => write!(f, "cannot encode the PNG: {e}"),
        }
    }
}

impl std::error::Error for PngError {}

/// A rendered PNG and the scale it was drawn at (lower than asked when the picture would
/// have been larger than [`MAX_PIXELS`] or [`MAX_SIDE`]).
#[derive(Debug, Clone)]
pub struct Png {
    pub bytes: Vec<u8>,
    pub scale: f32,
    pub width: u32,
    pub height: u32,
}

/// The model's picture as PNG bytes at `scale` (1.0 = the SVG's size).
pub fn png(model: &Model, scale: f32) -> Result<Png, PngError> {
    png_from_svg(&super::svg(model), scale)
}

fn fonts() -> Arc<usvg::fontdb::Database> {
    static FONTS: OnceLock<Arc<usvg::fontdb::Database>> = OnceLock::new();
    FONTS
        .get_or_init(|| {
            let mut db = usvg::fontdb::Database::new();
            db.load_font_data(FONT_BYTES.to_vec());
            db.set_sans_serif_family(FONT_FAMILY);
            Arc::new(db)
        })
        .clone()
}

/// Rasterises an SVG made by [`super::svg`].
pub fn png_from_svg(svg: &str, scale: f32) -> Result<Png, PngError> {
    if !scale.is_finite() || scale <= 0.0 {
        return Err(PngError::BadScale(scale));
    }
    let options = usvg::Options {
        font_family: FONT_FAMILY.to_owned(),
        fontdb: fonts(),
        ..usvg::Options::default()
    };
    let tree = usvg::Tree::from_str(svg, &options).map_err(|e| PngError::Svg(e.to_string()))?;
    let size = tree.size();
    let (w, h) = (f64::from(size.width()), f64::from(size.height()));
    let fit = (MAX_PIXELS / (w * h)).sqrt().min(MAX_SIDE / w.max(h));
    let scale = f64::from(scale).min(fit) as f32;
    let width = (w * f64::from(scale)).ceil().max(1.0) as u32;
    let height = (h * f64::from(scale)).ceil().max(1.0) as u32;
    let mut pixmap = tiny_skia::Pixmap::new(width, height)
        .ok_or_else(|| PngError::Encode(format!("no room for {width}×{height} pixels")))?;
    resvg::render(
        &tree,
        tiny_skia::Transform::from_scale(scale, scale),
        &mut pixmap.as_mut(),
    );
    let bytes = pixmap
        .encode_png()
        .map_err(|e| PngError::Encode(e.to_string()))?;
    Ok(Png {
        bytes,
        scale,
        width,
        height,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shipped_font_is_found_by_the_family_name_the_svg_uses() {
        let db = fonts();
        let query = usvg::fontdb::Query {
            families: &[usvg::fontdb::Family::Name(FONT_FAMILY)],
            ..usvg::fontdb::Query::default()
        };
        assert!(
            db.query(&query).is_some(),
            "{:?}",
            db.faces().map(|f| &f.families).collect::<Vec<_>>()
        );
    }

    #[test]
    fn a_bad_scale_is_refused() {
        let model = Model::named("m");
        assert_eq!(png(&model, 0.0).unwrap_err(), PngError::BadScale(0.0));
        assert!(matches!(png(&model, f32::NAN), Err(PngError::BadScale(_))));
    }
}
