//! Marks as PDF pages, with krilla: shapes as vector paths, text as text — shaped glyphs of
//! the embedded fonts, with their characters attached so that a reader can select and
//! search them. Pages are composed in pixels of a 1280 × 720 screen and written on 16:9
//! pages of 960 × 540 points, so a page reads as the room saw it on the projector.

use krilla::Document;
use krilla::color::rgb;
use krilla::geom::{PathBuilder, Point, Transform};
use krilla::metadata::Metadata;
use krilla::num::NormalizedF32;
use krilla::page::PageSettings;
use krilla::paint::{Fill, LineCap, LineJoin, Stroke, StrokeDash};
use krilla::surface::Surface;
use krilla::text::{Font, GlyphId, KrillaGlyph};

use crate::layout::text::{self, Face};
use crate::model::Position;
use crate::scene::marks::{Mark, Paint, Pen, Shape};
use crate::scene::palette::CANVAS_BACKGROUND;

/// The screen a page is composed on, in pixels.
pub const SCREEN: (f64, f64) = (1280.0, 720.0);
/// The page, in points: 16:9.
pub const PAGE: (f32, f32) = (960.0, 540.0);

/// Why a PDF could not be written (a fault in the writer, never in the user's model).
#[derive(Debug, Clone, PartialEq)]
pub struct PdfError(pub String);

impl std::fmt::Display for PdfError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "cannot write the PDF: {}", self.0)
    }
}

impl std::error::Error for PdfError {}

/// A PDF of `pages`, each a list of marks on the 1280 × 720 screen, titled `title`.
pub fn pdf(pages: &[Vec<Mark>], title: &str) -> Result<Vec<u8>, PdfError> {
    let fonts: Vec<(Face, Font)> = Face::ALL
        .iter()
        .map(|face| {
            Font::new(face.bytes().into(), 0)
                .map(|font| (*face, font))
                .ok_or_else(|| PdfError(format!("the {} font cannot be read", face.family())))
        })
        .collect::<Result<_, _>>()?;
    let font = |face: Face| {
        fonts
            .iter()
            .find(|(f, _)| *f == face)
            .map(|(_, font)| font.clone())
    };
    let mut document = Document::new();
    document.set_metadata(
        Metadata::new()
            .title(title.to_owned())
            .creator("Opmodel".to_owned()),
    );
    let settings = PageSettings::from_wh(PAGE.0, PAGE.1)
        .ok_or_else(|| PdfError("a page has no size".to_owned()))?;
    let scale = PAGE.0 / SCREEN.0 as f32;
    for marks in pages {
        let mut page = document.start_page_with(settings.clone());
        let mut surface = page.surface();
        surface.push_transform(&Transform::from_scale(scale, scale));
        fill_rect(
            &mut surface,
            0.0,
            0.0,
            SCREEN.0 as f32,
            SCREEN.1 as f32,
            CANVAS_BACKGROUND.into(),
        );
        let mut clipped = false;
        for mark in marks {
            if let Shape::Clip(clip) = &mark.shape {
                if std::mem::take(&mut clipped) {
                    surface.pop();
                }
                if let Some((min, max)) = clip {
                    let mut path = PathBuilder::new();
                    polyline(
                        &mut path,
                        &[
                            *min,
                            Position { x: max.x, y: min.y },
                            *max,
                            Position { x: min.x, y: max.y },
                        ],
                        true,
                    );
                    if let Some(path) = path.finish() {
                        surface.push_clip_path(&path, &krilla::paint::FillRule::NonZero);
                        clipped = true;
                    }
                }
                continue;
            }
            draw(&mut surface, mark, &font);
        }
        if clipped {
            surface.pop();
        }
        surface.pop();
        surface.finish();
        page.finish();
    }
    document.finish().map_err(|e| PdfError(format!("{e:?}")))
}

fn colour(paint: Paint) -> krilla::paint::Paint {
    rgb::Color::new(paint.rgb.0, paint.rgb.1, paint.rgb.2).into()
}

fn opacity(value: f32) -> NormalizedF32 {
    NormalizedF32::new(value.clamp(0.0, 1.0)).unwrap_or(NormalizedF32::ONE)
}

fn fill_of(paint: Paint) -> Fill {
    Fill {
        paint: colour(paint),
        opacity: opacity(paint.opacity),
        rule: Default::default(),
    }
}

fn stroke_of(pen: Pen) -> Stroke {
    Stroke {
        paint: colour(pen.paint),
        width: pen.width as f32,
        miter_limit: 4.0,
        line_cap: LineCap::Round,
        line_join: LineJoin::Round,
        opacity: opacity(pen.paint.opacity),
        dash: pen.dash.map(|(on, off)| StrokeDash {
            array: vec![on as f32, off as f32],
            offset: 0.0,
        }),
    }
}

fn fill_rect(surface: &mut Surface, x: f32, y: f32, w: f32, h: f32, paint: Paint) {
    let mut path = PathBuilder::new();
    if let Some(rect) = krilla::geom::Rect::from_xywh(x, y, w, h) {
        path.push_rect(rect);
    }
    if let Some(path) = path.finish() {
        surface.set_fill(Some(fill_of(paint)));
        surface.set_stroke(None);
        surface.draw_path(&path);
    }
}

/// A rectangle with corners rounded by `r` (quarter circles as cubic curves).
fn rounded_rect(path: &mut PathBuilder, min: Position, max: Position, r: f64) {
    let r = r
        .min((max.x - min.x) / 2.0)
        .min((max.y - min.y) / 2.0)
        .max(0.0) as f32;
    let (x0, y0, x1, y1) = (min.x as f32, min.y as f32, max.x as f32, max.y as f32);
    // How far along the tangent a cubic's control points sit for a quarter circle.
    let k = r * 0.552_284_8;
    path.move_to(x0 + r, y0);
    path.line_to(x1 - r, y0);
    path.cubic_to(x1 - r + k, y0, x1, y0 + r - k, x1, y0 + r);
    path.line_to(x1, y1 - r);
    path.cubic_to(x1, y1 - r + k, x1 - r + k, y1, x1 - r, y1);
    path.line_to(x0 + r, y1);
    path.cubic_to(x0 + r - k, y1, x0, y1 - r + k, x0, y1 - r);
    path.line_to(x0, y0 + r);
    path.cubic_to(x0, y0 + r - k, x0 + r - k, y0, x0 + r, y0);
    path.close();
}

fn circle(path: &mut PathBuilder, centre: Position, radius: f64) {
    let (cx, cy, r) = (centre.x as f32, centre.y as f32, radius as f32);
    let k = r * 0.552_284_8;
    path.move_to(cx + r, cy);
    path.cubic_to(cx + r, cy + k, cx + k, cy + r, cx, cy + r);
    path.cubic_to(cx - k, cy + r, cx - r, cy + k, cx - r, cy);
    path.cubic_to(cx - r, cy - k, cx - k, cy - r, cx, cy - r);
    path.cubic_to(cx + k, cy - r, cx + r, cy - k, cx + r, cy);
    path.close();
}

fn polyline(path: &mut PathBuilder, points: &[Position], closed: bool) {
    for (i, p) in points.iter().enumerate() {
        if i == 0 {
            path.move_to(p.x as f32, p.y as f32);
        } else {
            path.line_to(p.x as f32, p.y as f32);
        }
    }
    if closed {
        path.close();
    }
}

/// Fills then strokes `path` as asked.
fn paint_path(surface: &mut Surface, path: PathBuilder, fill: Option<Paint>, stroke: Option<Pen>) {
    let Some(path) = path.finish() else {
        return;
    };
    surface.set_fill(fill.map(fill_of));
    surface.set_stroke(stroke.map(stroke_of));
    if fill.is_some() || stroke.is_some() {
        surface.draw_path(&path);
    }
}

fn draw(surface: &mut Surface, mark: &Mark, font: &impl Fn(Face) -> Option<Font>) {
    let mut path = PathBuilder::new();
    match &mark.shape {
        Shape::Rect {
            min, max, radius, ..
        } => rounded_rect(&mut path, *min, *max, *radius),
        Shape::Circle { centre, radius, .. } => circle(&mut path, *centre, *radius),
        Shape::Polygon { points, .. } => polyline(&mut path, points, true),
        Shape::Line { points, .. } => polyline(&mut path, points, false),
        Shape::Clip(_) => return,
        Shape::Text {
            at,
            text: words,
            px,
            paint,
            ..
        } => {
            // Text is set from its left end, which its bounds give whatever its anchor.
            let left = mark.bounds().min_x;
            let baseline = at.y + f64::from(text::ascent(*px as f32));
            let (left, baseline, px) = (left as f32, baseline as f32, *px as f32);
            write_text(surface, words, left, baseline, px, *paint, font);
            return;
        }
    }
    let (fill, stroke) = super::paints(&mark.shape);
    paint_path(surface, path, fill, stroke);
}

/// `words` set from `left` on `baseline` at `px`, each run of characters in the face that
/// has them, as the one text measure shaped them.
fn write_text(
    surface: &mut Surface,
    words: &str,
    left: f32,
    baseline: f32,
    px: f32,
    paint: Paint,
    font: &impl Fn(Face) -> Option<Font>,
) {
    surface.set_fill(Some(fill_of(paint)));
    surface.set_stroke(None);
    let glyphs = text::glyphs(words);
    let mut x = left;
    let mut start = 0;
    while start < glyphs.len() {
        let face = glyphs[start].face;
        let end = glyphs[start..]
            .iter()
            .position(|g| g.face != face)
            .map_or(glyphs.len(), |n| start + n);
        let run = &glyphs[start..end];
        let from = run.iter().map(|g| g.cluster).min().unwrap_or(0);
        let to = glyphs
            .get(end)
            .map_or(words.len(), |g| g.cluster)
            .max(run.iter().map(|g| g.cluster).max().unwrap_or(from) + 1)
            .min(words.len());
        let run_text = &words[from..to];
        // Each glyph covers the characters from its cluster to the next cluster.
        let mut clusters: Vec<usize> = run.iter().map(|g| g.cluster - from).collect();
        clusters.sort_unstable();
        clusters.dedup();
        let cluster_end = |c: usize| {
            clusters
                .iter()
                .find(|&&next| next > c)
                .copied()
                .unwrap_or(run_text.len())
        };
        let shaped: Vec<KrillaGlyph> = run
            .iter()
            .map(|g| {
                let c = g.cluster - from;
                KrillaGlyph::new(
                    GlyphId::new(u32::from(g.id)),
                    g.advance,
                    g.x_offset,
                    g.y_offset,
                    0.0,
                    c..cluster_end(c),
                    None,
                )
            })
            .collect();
        if let Some(font) = font(face) {
            surface.draw_glyphs(
                Point::from_xy(x, baseline),
                &shaped,
                font,
                run_text,
                px,
                false,
            );
        }
        x += run.iter().map(|g| g.advance).sum::<f32>() * px;
        start = end;
    }
}
