//! Names and ids as text: an entity's label, an id or name cut short and escaped (by the rule
//! of [`super::escape`]) so that a hostile file cannot break a message's line or reach a
//! terminal as an escape sequence, and a stored field's name as words.

use std::fmt::{self, Write};

use super::escape::write_escaped;

/// "Bedroom frontend (bedroom)", or just the id when the name adds nothing.
pub fn entity_label(name: &str, id: &str) -> String {
    EntityLabel { name, id }.to_string()
}

/// [`entity_label`] as a value to format into a longer text, without a string of its own.
#[derive(Clone, Copy, Debug)]
pub struct EntityLabel<'a> {
    pub name: &'a str,
    pub id: &'a str,
}

impl fmt::Display for EntityLabel<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.name.is_empty() || self.name == self.id {
            Shown(self.id).fmt(f)
        } else {
            Shown(self.name).fmt(f)?;
            f.write_str(" (")?;
            Shown(self.id).fmt(f)?;
            f.write_str(")")
        }
    }
}

/// The most characters of an id or name a message shows; longer ones are cut short with `…`,
/// so that a hostile file cannot make a message megabytes long.
pub const SHOWN_CHARS: usize = 60;

/// An id or name as a one-line message shows it: escaped (see [`escaped`]) and cut to
/// [`SHOWN_CHARS`] characters.
pub fn shown(text: &str) -> String {
    Shown(text).to_string()
}

/// [`shown`] as a value to format into a longer text.
#[derive(Clone, Copy, Debug)]
pub struct Shown<'a>(pub &'a str);

impl fmt::Display for Shown<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut chars = self.0.chars();
        for c in chars.by_ref().take(SHOWN_CHARS) {
            write_escaped(f, c)?;
        }
        if chars.next().is_some() {
            f.write_char('…')?;
        }
        Ok(())
    }
}

/// A stored field's name as words: "callouts_per_year" → "callouts per year",
/// "product_pay.standby_per_week" → "product pay standby per week".
pub fn field_words(field: &str) -> String {
    field.replace(['_', '.'], " ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shown_text_stays_on_one_line_and_short() {
        let (long, accents) = ("x".repeat(1_000), "é".repeat(60));
        // 60 characters kept, then the ellipsis.
        let cut = format!("{}…", "x".repeat(60));
        for (text, seen) in [
            ("t\n", "t\\n"),
            ("\u{1b}[2J", "\\u{1b}[2J"),
            (&long, &cut),
            (&accents, &accents),
        ] {
            assert_eq!(shown(text), seen, "{text:?}");
        }
        assert_eq!(super::super::escaped("a\tb\u{202e}c"), "a\\tb\\u{202e}c");
        assert_eq!(entity_label("Bad\u{1b}", "b\n"), "Bad\\u{1b} (b\\n)");
    }

    #[test]
    fn labels_show_the_id_once() {
        assert_eq!(entity_label("Bedroom", "bedroom"), "Bedroom (bedroom)");
        assert_eq!(entity_label("dns", "dns"), "dns");
    }
    #[test]
    fn fields_read_as_words() {
        assert_eq!(field_words("callouts_per_year"), "callouts per year");
        assert_eq!(field_words("members"), "members");
        assert_eq!(
            field_words("product_pay.standby_per_week"),
            "product pay standby per week"
        );
    }
}
