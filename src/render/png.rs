//! The PNG export: the SVG picture of [`super::svg`] rasterised with resvg, so the two
//! formats always show the same thing. The fonts ship inside the binary, so a machine with
//! no fonts installed renders the same letters.

use std::sync::{Arc, OnceLock};

use resvg::{tiny_skia, usvg};

use crate::layout::text::{FONT_FAMILY, Face};
use crate::model::Model;
use crate::scene::palette::{CANVAS_BACKGROUND, Rgb};

/// The default `--scale`: twice the size, sharp on a high-density screen or a slide.
pub const DEFAULT_SCALE: f32 = 2.0;
/// The largest picture made, in pixels: 32 megapixels, over five thousand pixels a side, is
/// far more than a screen or a slide shows, and a bigger one only costs time and memory. A
/// bigger picture is drawn at the largest scale that fits.
pub const MAX_PIXELS: f64 = 32_000_000.0;
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
            for face in Face::ALL {
                db.load_font_data(face.bytes().to_vec());
            }
            db.set_sans_serif_family(FONT_FAMILY);
            Arc::new(db)
        })
        .clone()
}

/// The picture's RGB pixels, row by row. A big model's picture runs to tens of megapixels,
/// so it is drawn in horizontal bands, one per processor, side by side (shared out by
/// [`crate::analysis::parallel::in_shares`]); each band is the whole tree clipped to its
/// rows.
fn rasterise(tree: &usvg::Tree, scale: f32, width: u32, height: u32) -> Result<Vec<u8>, PngError> {
    let bands = std::thread::available_parallelism().map_or(1, |n| n.get() as u32);
    let band_height = height.div_ceil(bands.clamp(1, height));
    let tops: Vec<u32> = (0..height).step_by(band_height as usize).collect();
    let drawn = crate::analysis::parallel::in_shares(&tops, |share| {
        (share.iter())
            .map(|&top| band(tree, scale, width, top, band_height.min(height - top)))
            .collect()
    });
    let mut rgb = Vec::with_capacity(width as usize * height as usize * 3);
    for band in drawn {
        rgb.extend(band?);
    }
    Ok(rgb)
}

/// Rows `top..top + rows` of the picture as RGB. The background is opaque, as the canvas's
/// is, so every pixel is whole and tiny-skia's premultiplied alpha can simply be dropped.
fn band(
    tree: &usvg::Tree,
    scale: f32,
    width: u32,
    top: u32,
    rows: u32,
) -> Result<Vec<u8>, PngError> {
    let mut pixmap = tiny_skia::Pixmap::new(width, rows)
        .ok_or_else(|| PngError::Encode(format!("no room for {width}×{rows} pixels")))?;
    let Rgb(r, g, b) = CANVAS_BACKGROUND;
    pixmap.fill(tiny_skia::Color::from_rgba8(r, g, b, 255));
    let transform =
        tiny_skia::Transform::from_scale(scale, scale).post_translate(0.0, -(top as f32));
    resvg::render(tree, transform, &mut pixmap.as_mut());
    Ok(pixmap
        .data()
        .chunks_exact(4)
        .flat_map(|pixel| [pixel[0], pixel[1], pixel[2]])
        .collect())
}

/// RGB pixels as a PNG. Fast compression: the default spends seconds on a big picture for a
/// file barely smaller.
fn encode(rgb: &[u8], width: u32, height: u32) -> Result<Vec<u8>, png::EncodingError> {
    let mut bytes = Vec::new();
    let mut encoder = png::Encoder::new(&mut bytes, width, height);
    encoder.set_color(png::ColorType::Rgb);
    encoder.set_depth(png::BitDepth::Eight);
    encoder.set_compression(png::Compression::Fast);
    encoder.write_header()?.write_image_data(rgb)?;
    Ok(bytes)
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
    let rgb = rasterise(&tree, scale, width, height)?;
    let bytes = encode(&rgb, width, height).map_err(|e| PngError::Encode(e.to_string()))?;
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
