//! Text for the pictures: the one font they are drawn in (shipped inside the binary, so a
//! bare machine renders the same letters), how wide a line is in it, and wrapping between
//! words so labels fit their place.

use std::sync::OnceLock;

/// The family name written in the SVG; [`FONT_BYTES`] is the face behind it.
pub const FONT_FAMILY: &str = "Ubuntu";
/// The editor's proportional font, so a picture reads like the canvas.
pub const FONT_BYTES: &[u8] = epaint_default_fonts::UBUNTU_LIGHT;

/// Advance widths of the font, in em, with a fallback for characters it lacks.
struct Metrics {
    face: ttf_parser::Face<'static>,
    units_per_em: f32,
}

/// Width of a character the font cannot draw (it falls back to another face).
const MISSING_GLYPH_EM: f32 = 0.6;

fn metrics() -> Option<&'static Metrics> {
    static METRICS: OnceLock<Option<Metrics>> = OnceLock::new();
    METRICS
        .get_or_init(|| {
            let face = ttf_parser::Face::parse(FONT_BYTES, 0).ok()?;
            let units_per_em = f32::from(face.units_per_em());
            Some(Metrics { face, units_per_em })
        })
        .as_ref()
}

/// The width of `text` set at `px` pixels.
pub fn width(text: &str, px: f32) -> f32 {
    let em: f32 = match metrics() {
        Some(m) => text
            .chars()
            .map(|c| {
                m.face
                    .glyph_index(c)
                    .and_then(|g| m.face.glyph_hor_advance(g))
                    .map_or(MISSING_GLYPH_EM, |a| f32::from(a) / m.units_per_em)
            })
            .sum(),
        None => text.chars().count() as f32 * MISSING_GLYPH_EM,
    };
    em * px
}

/// `text` broken between words into at most `max_lines` lines no wider than `max_width`.
/// A word wider than a line is cut; text that does not fit ends in an ellipsis.
pub fn wrap(text: &str, px: f32, max_width: f32, max_lines: usize) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut current = String::new();
    let mut overflow = false;
    for word in text.split_whitespace() {
        let candidate = if current.is_empty() {
            word.to_owned()
        } else {
            format!("{current} {word}")
        };
        if width(&candidate, px) <= max_width {
            current = candidate;
            continue;
        }
        if !current.is_empty() {
            lines.push(std::mem::take(&mut current));
        }
        if lines.len() == max_lines {
            overflow = true;
            break;
        }
        current = word.to_owned();
        if width(&current, px) > max_width {
            current = fit(&current, px, max_width);
            lines.push(std::mem::take(&mut current));
            if lines.len() == max_lines {
                overflow = true;
                break;
            }
        }
    }
    if !current.is_empty() {
        if lines.len() == max_lines {
            overflow = true;
        } else {
            lines.push(current);
        }
    }
    if overflow && let Some(last) = lines.last_mut() {
        *last = fit(&format!("{last}…"), px, max_width);
        if !last.ends_with('…') {
            last.pop();
            last.push('…');
        }
    }
    lines
}

/// `text` cut short, ending in an ellipsis, so that it is no wider than `max_width`.
fn fit(text: &str, px: f32, max_width: f32) -> String {
    if width(text, px) <= max_width {
        return text.to_owned();
    }
    let mut kept: String = text.trim_end_matches('…').to_owned();
    while !kept.is_empty() && width(&format!("{kept}…"), px) > max_width {
        kept.pop();
    }
    format!("{}…", kept.trim_end())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shipped_font_measures_text() {
        assert!(metrics().is_some(), "the font ships in the binary");
        let narrow = width("iii", 12.0);
        let wide = width("WWW", 12.0);
        assert!(narrow > 0.0 && wide > narrow * 2.0, "{narrow} vs {wide}");
        // Twice the size, twice the width.
        assert!((width("Checkout", 24.0) - 2.0 * width("Checkout", 12.0)).abs() < 1e-3);
    }

    #[test]
    fn wraps_between_words_and_marks_what_is_cut() {
        let one_word = width("Customer", 14.0);
        let lines = wrap("Customer identity service", 14.0, one_word + 1.0, 3);
        assert_eq!(lines, ["Customer", "identity", "service"]);
        let lines = wrap("Customer identity service", 14.0, one_word + 1.0, 2);
        assert_eq!(lines.len(), 2);
        assert!(lines[1].ends_with('…'), "{lines:?}");
        for line in &lines {
            assert!(width(line, 14.0) <= one_word + 1.0, "{line}");
        }
    }

    #[test]
    fn a_word_wider_than_the_line_is_cut() {
        let lines = wrap("Supercalifragilistic", 14.0, 60.0, 2);
        assert_eq!(lines.len(), 1);
        assert!(lines[0].ends_with('…') && width(&lines[0], 14.0) <= 60.0);
        assert!(wrap("   ", 14.0, 60.0, 2).is_empty());
    }
}
