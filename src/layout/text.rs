//! The one font every picture of a model is drawn in, and its one measure.
//!
//! The editor's proportional font is egui's Ubuntu Light; the exports embed the same face
//! (it ships inside the binary, so a bare machine renders the same letters). Text is shaped
//! here with harfrust, the shaper egui and usvg use, from the font's own metrics — so a
//! width measured here is the width the canvas, the SVG, the PNG and the PDF draw.
//!
//! A name is shaped once ([`Shaped`]) and then wrapped at any size in one pass over its
//! words: laying a label out costs time in proportion to its length, and no more than
//! [`MAX_SHAPED_CHARS`] characters of a name are ever shaped (a label shows a few lines at
//! most; the rest is cut off behind an ellipsis anyway).

use std::sync::OnceLock;

/// The family name written in SVG; [`FONT_BYTES`] is the face behind it.
pub const FONT_FAMILY: &str = "Ubuntu";
/// The editor's proportional font, so a picture reads like the canvas.
pub const FONT_BYTES: &[u8] = epaint_default_fonts::UBUNTU_LIGHT;
/// The most characters of one text that are shaped: far more than any label shows.
pub const MAX_SHAPED_CHARS: usize = 1024;
/// What marks text that was cut short.
pub const ELLIPSIS: char = '…';

/// Width of a character when the font cannot be read (never, with the shipped font).
const FALLBACK_ADVANCE_EM: f32 = 0.55;

/// The faces text is drawn in: Ubuntu Light, and for the few characters it lacks (arrows,
/// bullets, box lines) egui's monospace face, Hack, as the editor falls back to it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Face {
    Ubuntu,
    Hack,
}

impl Face {
    pub const ALL: [Face; 2] = [Face::Ubuntu, Face::Hack];

    /// The font file.
    pub fn bytes(self) -> &'static [u8] {
        match self {
            Face::Ubuntu => FONT_BYTES,
            Face::Hack => epaint_default_fonts::HACK_REGULAR,
        }
    }

    /// The family name a font database knows it by.
    pub fn family(self) -> &'static str {
        match self {
            Face::Ubuntu => FONT_FAMILY,
            Face::Hack => "Hack",
        }
    }
}

/// A face ready to shape with, and its vertical metrics in em.
struct Font {
    metrics: ttf_parser::Face<'static>,
    face: harfrust::FontRef<'static>,
    shaper: harfrust::ShaperData,
    units_per_em: f32,
    ascent: f32,
    descent: f32,
    line_gap: f32,
}

fn load(face: Face) -> Option<Font> {
    let metrics = ttf_parser::Face::parse(face.bytes(), 0).ok()?;
    let shaped = harfrust::FontRef::new(face.bytes()).ok()?;
    let units_per_em = f32::from(metrics.units_per_em());
    Some(Font {
        shaper: harfrust::ShaperData::new(&shaped),
        face: shaped,
        units_per_em,
        ascent: f32::from(metrics.ascender()) / units_per_em,
        descent: f32::from(metrics.descender()) / units_per_em,
        line_gap: f32::from(metrics.line_gap()) / units_per_em,
        metrics,
    })
}

fn font_of(face: Face) -> Option<&'static Font> {
    static FONTS: [OnceLock<Option<Font>>; 2] = [OnceLock::new(), OnceLock::new()];
    let slot = match face {
        Face::Ubuntu => &FONTS[0],
        Face::Hack => &FONTS[1],
    };
    slot.get_or_init(|| load(face)).as_ref()
}

fn font() -> Option<&'static Font> {
    font_of(Face::Ubuntu)
}

/// The face that draws `c`: Ubuntu where it can, else Hack where that can.
fn face_for(c: char) -> Face {
    let has = |face: Face| font_of(face).is_some_and(|f| f.metrics.glyph_index(c).is_some());
    if c == ' ' || has(Face::Ubuntu) || !has(Face::Hack) {
        Face::Ubuntu
    } else {
        Face::Hack
    }
}

/// The height of a row of text at `px`, as egui lays rows out: ascent, descent and gap.
pub fn row_height(px: f32) -> f32 {
    font().map_or(1.2, |f| f.ascent - f.descent + f.line_gap) * px
}

/// How far below a row's top its baseline runs at `px`.
pub fn ascent(px: f32) -> f32 {
    font().map_or(0.93, |f| f.ascent) * px
}

/// One glyph of shaped text: its face, id, advance and offsets in em, and the byte where
/// its cluster starts in the text it was shaped from.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Glyph {
    pub face: Face,
    pub id: u16,
    pub cluster: usize,
    pub advance: f32,
    pub x_offset: f32,
    pub y_offset: f32,
}

/// `text` shaped in the shipped faces, glyph by glyph, each run of characters in the face
/// that has them (the PDF draws these glyphs; everything else measures them).
pub fn glyphs(text: &str) -> Vec<Glyph> {
    let mut glyphs = Vec::with_capacity(text.len());
    let mut runs: Vec<(Face, usize, usize)> = Vec::new();
    for (at, c) in text.char_indices() {
        let face = face_for(c);
        match runs.last_mut() {
            Some((last, _, end)) if *last == face => *end = at + c.len_utf8(),
            _ => runs.push((face, at, at + c.len_utf8())),
        }
    }
    for (face, start, end) in runs {
        let Some(font) = font_of(face) else {
            continue;
        };
        let shaper = font.shaper.shaper(&font.face).build();
        let mut buffer = harfrust::UnicodeBuffer::new();
        buffer.push_str(&text[start..end]);
        buffer.guess_segment_properties();
        let shaped = shaper.shape(buffer, harfrust::ShapeOptions::new());
        let em = |units: i32| units as f32 / font.units_per_em;
        glyphs.extend(
            shaped
                .glyph_infos()
                .iter()
                .zip(shaped.glyph_positions())
                .map(|(info, position)| Glyph {
                    face,
                    id: u16::try_from(info.glyph_id).unwrap_or(0),
                    cluster: start + info.cluster as usize,
                    advance: em(position.x_advance),
                    x_offset: em(position.x_offset),
                    y_offset: em(position.y_offset),
                }),
        );
    }
    glyphs
}

/// Text shaped once, in em, ready to be measured and wrapped at any size. Runs of
/// whitespace and control characters are one space, and none lead or trail.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Shaped {
    text: String,
    /// The byte offset of every character, and one past the end.
    bytes: Vec<usize>,
    /// How far along the text each character starts, in em, and where the last one ends.
    x: Vec<f32>,
    /// Whether characters past [`MAX_SHAPED_CHARS`] were left off.
    capped: bool,
}

/// A line of wrapped text and its width in pixels.
#[derive(Clone, Debug, PartialEq)]
pub struct Line {
    pub text: String,
    pub width: f32,
}

/// Text broken into lines: `cut` when some of it did not fit and the last line ends in an
/// ellipsis.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Wrapped {
    pub lines: Vec<Line>,
    pub cut: bool,
}

impl Wrapped {
    /// The widest line, in pixels.
    pub fn width(&self) -> f32 {
        self.lines.iter().map(|l| l.width).fold(0.0, f32::max)
    }
}

impl Shaped {
    pub fn new(raw: &str) -> Shaped {
        let mut text = String::with_capacity(raw.len().min(4 * MAX_SHAPED_CHARS));
        let mut capped = false;
        let mut count = 0;
        for word in raw.split(|c: char| c.is_whitespace() || c.is_control()) {
            if word.is_empty() {
                continue;
            }
            if !text.is_empty() {
                if count >= MAX_SHAPED_CHARS {
                    capped = true;
                    break;
                }
                text.push(' ');
                count += 1;
            }
            for c in word.chars() {
                if count >= MAX_SHAPED_CHARS {
                    capped = true;
                    break;
                }
                text.push(c);
                count += 1;
            }
            if capped {
                break;
            }
        }
        let bytes: Vec<usize> = text
            .char_indices()
            .map(|(b, _)| b)
            .chain([text.len()])
            .collect();
        let x = advances(&text, &bytes);
        Shaped {
            text,
            bytes,
            x,
            capped,
        }
    }

    /// The text as shaped (whitespace made single spaces, at most [`MAX_SHAPED_CHARS`]).
    pub fn text(&self) -> &str {
        &self.text
    }

    pub fn is_empty(&self) -> bool {
        self.text.is_empty()
    }

    /// The width of the whole text on one line at `px`.
    pub fn width(&self, px: f32) -> f32 {
        self.x.last().copied().unwrap_or(0.0) * px
    }

    /// The width of its widest word at `px`.
    pub fn longest_word(&self, px: f32) -> f32 {
        self.words()
            .map(|(a, b)| self.x[b] - self.x[a])
            .fold(0.0, f32::max)
            * px
    }

    /// Its words as ranges of character indices.
    fn words(&self) -> impl Iterator<Item = (usize, usize)> + '_ {
        let chars = self.bytes.len() - 1;
        let space = |i: usize| self.text.as_bytes()[self.bytes[i]] == b' ';
        let mut i = 0;
        std::iter::from_fn(move || {
            while i < chars && space(i) {
                i += 1;
            }
            if i >= chars {
                return None;
            }
            let start = i;
            while i < chars && !space(i) {
                i += 1;
            }
            Some((start, i))
        })
    }

    /// Characters `a..b` as a line at `px`.
    fn line(&self, a: usize, b: usize, px: f32) -> Line {
        Line {
            text: self.text[self.bytes[a]..self.bytes[b]].to_owned(),
            width: (self.x[b] - self.x[a]) * px,
        }
    }

    /// Characters `a..b` cut short, ending in an ellipsis, to fit `max_width` at `px`.
    fn cut_line(&self, a: usize, b: usize, px: f32, max_width: f32) -> Line {
        let ellipsis = ellipsis_em();
        let room = max_width / px - ellipsis;
        let mut end = b;
        while end > a && self.x[end] - self.x[a] > room {
            end -= 1;
        }
        while end > a && self.text.as_bytes()[self.bytes[end - 1]] == b' ' {
            end -= 1;
        }
        let mut line = self.line(a, end, px);
        line.text.push(ELLIPSIS);
        line.width += ellipsis * px;
        line
    }

    /// The text broken between words into at most `max_lines` lines no wider than
    /// `max_width` at `px`, in one pass. A word wider than a line is cut; text that does
    /// not fit ends in an ellipsis.
    pub fn wrap(&self, px: f32, max_width: f32, max_lines: usize) -> Wrapped {
        let mut wrapped = Wrapped::default();
        if max_lines == 0 || px <= 0.0 {
            wrapped.cut = !self.is_empty();
            return wrapped;
        }
        let fits = |a: usize, b: usize| (self.x[b] - self.x[a]) * px <= max_width;
        let mut current: Option<(usize, usize)> = None;
        for (start, end) in self.words() {
            if let Some((a, b)) = current {
                if fits(a, end) {
                    current = Some((a, end));
                    continue;
                }
                if wrapped.lines.len() + 1 == max_lines {
                    // No line is left for this word: the last line is cut.
                    wrapped.lines.push(self.cut_line(a, end, px, max_width));
                    wrapped.cut = true;
                    return wrapped;
                }
                wrapped.lines.push(self.line(a, b, px));
            }
            current = Some((start, end));
            if !fits(start, end) {
                // A word wider than a line is cut, on a line of its own.
                wrapped.lines.push(self.cut_line(start, end, px, max_width));
                wrapped.cut = true;
                current = None;
                if wrapped.lines.len() == max_lines {
                    return wrapped;
                }
            }
        }
        match current {
            Some((a, b)) if self.capped => {
                wrapped.lines.push(self.cut_line(a, b, px, max_width));
                wrapped.cut = true;
            }
            Some((a, b)) => wrapped.lines.push(self.line(a, b, px)),
            None => wrapped.cut |= self.capped,
        }
        wrapped
    }
}

/// The advance of the ellipsis, in em.
fn ellipsis_em() -> f32 {
    static WIDTH: OnceLock<f32> = OnceLock::new();
    *WIDTH.get_or_init(|| {
        let mut buffer = [0; 4];
        let text: &str = ELLIPSIS.encode_utf8(&mut buffer);
        glyphs(text).iter().map(|g| g.advance).sum::<f32>().max(0.3)
    })
}

/// Where each character of `text` starts, in em, and where the last one ends, in logical
/// order: a cluster's advance counts at its first character.
fn advances(text: &str, bytes: &[usize]) -> Vec<f32> {
    let mut at_byte = vec![0.0_f32; text.len() + 1];
    if font().is_some() {
        for glyph in glyphs(text) {
            if let Some(slot) = at_byte.get_mut(glyph.cluster) {
                *slot += glyph.advance;
            }
        }
    } else {
        for &b in &bytes[..bytes.len() - 1] {
            at_byte[b] = FALLBACK_ADVANCE_EM;
        }
    }
    let mut x = Vec::with_capacity(bytes.len());
    let mut along = 0.0;
    for &b in bytes {
        x.push(along);
        along += at_byte[b];
    }
    x
}

/// The width of `text` on one line at `px`.
pub fn width(text: &str, px: f32) -> f32 {
    Shaped::new(text).width(px)
}

/// `text` broken between words into at most `max_lines` lines no wider than `max_width`
/// at `px` (see [`Shaped::wrap`]).
pub fn wrap(text: &str, px: f32, max_width: f32, max_lines: usize) -> Wrapped {
    Shaped::new(text).wrap(px, max_width, max_lines)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shipped_font_measures_text() {
        assert!(font().is_some(), "the font ships in the binary");
        let narrow = width("iii", 12.0);
        let wide = width("WWW", 12.0);
        assert!(narrow > 0.0 && wide > narrow * 2.0, "{narrow} vs {wide}");
        // Twice the size, twice the width.
        assert!((width("Checkout", 24.0) - 2.0 * width("Checkout", 12.0)).abs() < 1e-3);
        // Ubuntu's rows: ascender 932, descender −189, gap 28 per 1,000 units.
        assert!(
            (row_height(10.0) - 11.49).abs() < 0.01,
            "{}",
            row_height(10.0)
        );
        assert!((ascent(10.0) - 9.32).abs() < 0.01);
    }

    #[test]
    fn whitespace_runs_are_one_space() {
        let shaped = Shaped::new("  Order \t\n  management ");
        assert_eq!(shaped.text(), "Order management");
        assert_eq!(
            shaped.width(14.0),
            width("Order management", 14.0),
            "the same text measures the same"
        );
    }

    #[test]
    fn wraps_between_words_and_marks_what_is_cut() {
        let one_word = width("Customer", 14.0);
        let wrapped = wrap("Customer identity service", 14.0, one_word + 1.0, 3);
        let lines: Vec<&str> = wrapped.lines.iter().map(|l| l.text.as_str()).collect();
        assert_eq!(lines, ["Customer", "identity", "service"]);
        assert!(!wrapped.cut);
        let wrapped = wrap("Customer identity service", 14.0, one_word + 1.0, 2);
        assert_eq!(wrapped.lines.len(), 2);
        assert!(wrapped.cut);
        assert!(wrapped.lines[1].text.ends_with('…'), "{wrapped:?}");
        for line in &wrapped.lines {
            assert!(line.width <= one_word + 1.0, "{line:?}");
            let measured = width(&line.text, 14.0);
            assert!(
                (line.width - measured).abs() < 0.5,
                "{line:?} against {measured}"
            );
        }
    }

    #[test]
    fn a_word_wider_than_the_line_is_cut() {
        let wrapped = wrap("Supercalifragilistic", 14.0, 60.0, 2);
        assert_eq!(wrapped.lines.len(), 1);
        assert!(wrapped.cut);
        assert!(wrapped.lines[0].text.ends_with('…') && wrapped.lines[0].width <= 60.0);
        assert!(wrap("   ", 14.0, 60.0, 2).lines.is_empty());
    }

    #[test]
    fn a_huge_name_is_shaped_only_as_far_as_a_label_can_show() {
        let huge = "word ".repeat(20_000);
        let shaped = Shaped::new(&huge);
        assert_eq!(shaped.text().chars().count(), MAX_SHAPED_CHARS);
        let wrapped = shaped.wrap(14.0, 140.0, 2);
        assert_eq!(wrapped.lines.len(), 2);
        assert!(wrapped.cut && wrapped.lines[1].text.ends_with('…'));
        // Even when every shaped word fits, what was left off is marked.
        let wrapped = shaped.wrap(14.0, 1.0e6, 2);
        assert!(wrapped.cut, "{wrapped:?}");
    }

    #[test]
    fn glyphs_carry_their_clusters_and_kerning() {
        let glyphs = glyphs("AV");
        assert_eq!(glyphs.len(), 2);
        assert_eq!((glyphs[0].cluster, glyphs[1].cluster), (0, 1));
        let apart = width("A", 100.0) + width("V", 100.0);
        assert!(width("AV", 100.0) < apart, "the pair is kerned");
    }
}
