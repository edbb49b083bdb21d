//! Number and name formatting shared by the reports, the findings and the GUI, so a figure
//! reads the same everywhere.

use std::fmt::{self, Write};

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

/// `text` with every control character written as an escape, the way Rust writes it
/// (`\n`, `\t`, `\u{1b}`), and likewise the invisible marks that reorder text: so a text
/// stays on one line and no escape sequence reaches a terminal.
pub fn escaped(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        write_escaped(&mut out, c).expect("writing to a String cannot fail");
    }
    out
}

/// `text` as [`escaped`] makes it, line by line: its line breaks are kept and every other
/// control character is escaped. Every multi-line text Opmodel prints to a terminal (a
/// report, a comparison, an import summary) goes through this one rule.
pub fn escape_lines(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if c == '\n' {
            out.push(c);
        } else {
            write_escaped(&mut out, c).expect("writing to a String cannot fail");
        }
    }
    out
}

/// JSON text with every character a terminal must not get as it is written as a `\u`
/// escape instead: the same strings to any JSON reader. Only for JSON as `serde_json`
/// writes it, where such characters (all but its line breaks) occur only inside strings.
pub fn escape_json(json: &str) -> String {
    let mut out = String::with_capacity(json.len());
    for c in json.chars() {
        if c != '\n' && needs_escape(c) {
            let _ = write!(out, "\\u{:04x}", u32::from(c));
        } else {
            out.push(c);
        }
    }
    out
}

/// The most characters one line of a message (an error, a note, a summary line) has; a
/// longer one is cut short with `…`, so no file, name or cell can make a message flood a
/// terminal or a log.
pub const LINE_CHARS: usize = 400;

/// `text` as one line a terminal can show: escaped (see [`escaped`]) and cut to
/// [`LINE_CHARS`] characters with `…`.
pub fn line(text: &str) -> String {
    let mut out = String::with_capacity(text.len().min(LINE_CHARS * 4));
    let mut shown = 0;
    let mut escape = String::new();
    for c in text.chars() {
        escape.clear();
        write_escaped(&mut escape, c).expect("writing to a String cannot fail");
        let width = escape.chars().count();
        if shown + width > LINE_CHARS {
            out.push('…');
            return out;
        }
        out.push_str(&escape);
        shown += width;
    }
    out
}

/// The most characters of a file's path a message shows: the start and the end, which name
/// the place and the file, with `…` between them.
pub const PATH_CHARS: usize = 160;

/// A path as a message shows it: escaped, and cut in the middle when longer than
/// [`PATH_CHARS`] characters, keeping the file name at its end.
pub fn shown_path(path: &std::path::Path) -> String {
    let full = escaped(&path.display().to_string());
    let count = full.chars().count();
    if count <= PATH_CHARS {
        return full;
    }
    let head = PATH_CHARS / 4;
    let tail = PATH_CHARS - head - 1;
    let start: String = full.chars().take(head).collect();
    let end: String = full.chars().skip(count - tail).collect();
    format!("{start}…{end}")
}

/// Whether a character must not reach a terminal as it is: a control character (C0, DEL and
/// the C1 codes, which some terminals obey as escapes), a mark that reorders text (the bidi
/// embeddings, overrides and isolates), or a separator that breaks a line.
pub fn needs_escape(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{061c}'
                | '\u{200e}'
                | '\u{200f}'
                | '\u{202a}'..='\u{202e}'
                | '\u{2066}'..='\u{2069}'
                | '\u{2028}'
                | '\u{2029}'
        )
}

fn write_escaped(out: &mut impl Write, c: char) -> fmt::Result {
    if needs_escape(c) {
        write!(out, "{}", c.escape_default())
    } else {
        out.write_char(c)
    }
}

/// A percentage with as many decimals as it needs, up to four: "99.9 %", "99 %".
pub fn percent(value: f64) -> String {
    Percent(value).to_string()
}

/// [`percent`] as a value to format into a longer text.
#[derive(Clone, Copy, Debug)]
pub struct Percent(pub f64);

impl fmt::Display for Percent {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        Trimmed(self.0, 4).fmt(f)?;
        f.write_str(" %")
    }
}

/// A share between 0 and 1 as a percentage with one decimal: "57.1 %".
pub fn share(value: f64) -> String {
    format!("{:.1} %", value * 100.0)
}

/// A plain number with up to `decimals` decimals and no trailing zeros.
pub fn trimmed(value: f64, decimals: usize) -> String {
    Trimmed(value, decimals).to_string()
}

/// [`trimmed`] as a value to format into a longer text: the number, then the decimals.
#[derive(Clone, Copy, Debug)]
pub struct Trimmed(pub f64, pub usize);

impl fmt::Display for Trimmed {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let Trimmed(value, decimals) = *self;
        // Most figures are short, like 99.9: when their shortest text has no more than
        // `decimals` decimals, it is exactly what rounding to `decimals` gives, provided the
        // value is small enough that its binary error (at most 2^-52 of it) stays below the
        // last decimal. The shortest text is much cheaper to produce than exact rounding.
        let small_enough = value.abs() < 4e15 / 10_f64.powi(decimals.min(300) as i32);
        if small_enough {
            let mut shortest = ShortText::default();
            if write!(shortest, "{value}").is_ok() {
                let text = shortest.as_str();
                let used = text.find('.').map_or(0, |dot| text.len() - dot - 1);
                if used <= decimals {
                    return f.write_str(text);
                }
            }
        }
        let text = format!("{value:.decimals$}");
        f.write_str(if text.contains('.') {
            text.trim_end_matches('0').trim_end_matches('.')
        } else {
            &text
        })
    }
}

/// A number's text on the stack; writing fails when it does not fit.
#[derive(Default)]
struct ShortText {
    bytes: [u8; 32],
    len: usize,
}

impl ShortText {
    fn as_str(&self) -> &str {
        std::str::from_utf8(&self.bytes[..self.len]).expect("only whole strings are written")
    }
}

impl fmt::Write for ShortText {
    fn write_str(&mut self, s: &str) -> fmt::Result {
        let end = self.len + s.len();
        let slot = self.bytes.get_mut(self.len..end).ok_or(fmt::Error)?;
        slot.copy_from_slice(s.as_bytes());
        self.len = end;
        Ok(())
    }
}

/// Money rounded to whole units with thousands separators: "GBP 137,145".
pub fn money(value: f64, currency: &str) -> String {
    format!("{currency} {}", grouped(value))
}

/// A whole number with thousands separators: "137,145", "-2,000".
pub fn grouped(value: f64) -> String {
    let rounded = value.round();
    let digits = format!("{:.0}", rounded.abs());
    let mut out = String::with_capacity(digits.len() + digits.len() / 3 + 1);
    if rounded < 0.0 {
        out.push('-');
    }
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// A signed whole-money change: "+1,200", "−300", "0".
pub fn signed_money(value: f64) -> String {
    let rounded = value.round();
    if rounded > 0.0 {
        format!("+{}", grouped(rounded))
    } else if rounded < 0.0 {
        format!("−{}", grouped(-rounded))
    } else {
        "0".to_owned()
    }
}

/// A change in a share between 0 and 1, in percentage points: "+6.2 pts".
pub fn signed_points(value: f64) -> String {
    let points = value * 100.0;
    if points.abs() < 0.05 {
        "0".to_owned()
    } else if points > 0.0 {
        format!("+{points:.1} pts")
    } else {
        format!("−{:.1} pts", -points)
    }
}

/// A change in a count: "+2", "−1", "0".
pub fn signed_count(value: i64) -> String {
    match value {
        v if v > 0 => format!("+{v}"),
        v if v < 0 => format!("−{}", -v),
        _ => "0".to_owned(),
    }
}

/// A duration in seconds as "10 min 4.8 s", "1 h 40 min 48 s".
pub fn duration(seconds: f64) -> String {
    let total = (seconds * 10.0).round() / 10.0;
    let hours = (total / 3600.0).floor();
    let minutes = ((total - hours * 3600.0) / 60.0).floor();
    let rest = total - hours * 3600.0 - minutes * 60.0;
    let mut parts = Vec::new();
    if hours > 0.0 {
        parts.push(format!("{hours} h"));
    }
    if minutes > 0.0 {
        parts.push(format!("{minutes} min"));
    }
    if rest > 0.0 || parts.is_empty() {
        parts.push(format!("{} s", trimmed(rest, 1)));
    }
    parts.join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What [`trimmed`] always meant: round to `decimals`, then drop trailing zeros.
    fn rounded_then_trimmed(value: f64, decimals: usize) -> String {
        let text = format!("{value:.decimals$}");
        if text.contains('.') {
            text.trim_end_matches('0').trim_end_matches('.').to_owned()
        } else {
            text
        }
    }

    #[test]
    fn trimmed_is_rounding_to_the_decimals_then_dropping_zeros() {
        let mut values = vec![
            0.0,
            -0.0,
            1.0,
            95.0,
            99.0,
            99.9,
            99.95,
            99.99,
            99.123456,
            99.00005,
            99.99995,
            0.1 + 0.2,
            1e-5,
            -1e-5,
            1e-300,
            123456.78,
            4.4e11,
            4.6e11,
            1e15,
            1e16,
            1e300,
            -2.5,
            0.00005,
            0.00015,
            2.675,
            f64::MAX,
            f64::MIN_POSITIVE,
            f64::NAN,
            f64::INFINITY,
            f64::NEG_INFINITY,
        ];
        // Products of availabilities, as the ceilings are, and plain fractions.
        let mut product = 1.0;
        for i in 0..2_000_u32 {
            product *= [0.999, 0.99, 0.9995, 0.95][i as usize % 4];
            values.push(product * 100.0);
            values.push(f64::from(i) / 7.0);
            values.push(f64::from(i) * 0.001);
        }
        for value in values {
            for decimals in [0, 1, 2, 4, 6] {
                assert_eq!(
                    trimmed(value, decimals),
                    rounded_then_trimmed(value, decimals),
                    "{value:?} to {decimals} decimals"
                );
            }
        }
    }

    #[test]
    fn percentages_drop_needless_zeros() {
        assert_eq!(percent(99.0), "99 %");
        assert_eq!(percent(99.9), "99.9 %");
        assert_eq!(percent(99.99), "99.99 %");
        assert_eq!(share(4.0 / 7.0), "57.1 %");
    }

    #[test]
    fn money_groups_thousands() {
        assert_eq!(money(137145.0, "GBP"), "GBP 137,145");
        assert_eq!(grouped(999.6), "1,000");
        assert_eq!(grouped(-2000.0), "-2,000");
        assert_eq!(grouped(0.0), "0");
    }

    #[test]
    fn changes_carry_their_sign() {
        assert_eq!(signed_money(1200.4), "+1,200");
        assert_eq!(signed_money(-300.0), "−300");
        assert_eq!(signed_money(0.2), "0");
        assert_eq!(signed_points(0.0625), "+6.2 pts");
        assert_eq!(signed_points(-0.158), "−15.8 pts");
        assert_eq!(signed_count(-1), "−1");
        assert_eq!(signed_count(0), "0");
    }

    #[test]
    fn durations_read_like_the_spec() {
        assert_eq!(duration(604.8), "10 min 4.8 s");
        assert_eq!(duration(6048.0), "1 h 40 min 48 s");
        assert_eq!(duration(0.0), "0 s");
    }

    #[test]
    fn shown_text_stays_on_one_line_and_short() {
        assert_eq!(shown("t\n"), "t\\n");
        assert_eq!(shown("\u{1b}[2J"), "\\u{1b}[2J");
        assert_eq!(escaped("a\tb\u{202e}c"), "a\\tb\\u{202e}c");
        let long = "x".repeat(1_000);
        // 60 characters kept, then the ellipsis.
        assert_eq!(shown(&long), format!("{}…", "x".repeat(60)));
        assert_eq!(shown(&"é".repeat(60)), "é".repeat(60));
        assert_eq!(entity_label("Bad\u{1b}", "b\n"), "Bad\\u{1b} (b\\n)");
    }

    #[test]
    fn lines_are_escaped_and_bounded() {
        assert_eq!(
            escape_lines("a\u{1b}[2J\nb\u{9b}c\r\n"),
            "a\\u{1b}[2J\nb\\u{9b}c\\r\n"
        );
        assert_eq!(line("one\ntwo\u{202e}"), "one\\ntwo\\u{202e}");
        // 400 characters kept, then the ellipsis; an escape is never cut in half.
        assert_eq!(
            line(&"x".repeat(10_000)),
            format!("{}…", "x".repeat(LINE_CHARS))
        );
        let escapes = line(&"\u{7}".repeat(100));
        assert_eq!(escapes, format!("{}…", "\\u{7}".repeat(LINE_CHARS / 5)));
        assert_eq!(line(&"y".repeat(LINE_CHARS)), "y".repeat(LINE_CHARS));
    }

    #[test]
    fn json_keeps_its_strings_but_no_terminal_escape() {
        let json = serde_json::to_string_pretty(&["a\u{1b}[2J\u{9b}\u{202e}\u{7f}b"]).unwrap();
        let safe = escape_json(&json);
        assert!(
            !safe.chars().any(|c| c != '\n' && needs_escape(c)),
            "{safe}"
        );
        let back: Vec<String> = serde_json::from_str(&safe).unwrap();
        assert_eq!(back, ["a\u{1b}[2J\u{9b}\u{202e}\u{7f}b"]);
    }

    #[test]
    fn long_paths_keep_their_start_and_file_name() {
        let long = format!("/{}catalog-info.yaml", "deep/".repeat(100));
        let shown = shown_path(std::path::Path::new(&long));
        assert_eq!(shown.chars().count(), PATH_CHARS);
        assert!(shown.starts_with("/deep/deep/"), "{shown}");
        assert!(shown.ends_with("/deep/catalog-info.yaml"), "{shown}");
        assert_eq!(shown_path(std::path::Path::new("a\nb.csv")), "a\\nb.csv");
    }

    #[test]
    fn labels_show_the_id_once() {
        assert_eq!(entity_label("Bedroom", "bedroom"), "Bedroom (bedroom)");
        assert_eq!(entity_label("dns", "dns"), "dns");
    }
}

/// A count with its noun in the right number: "1 service", "2 services", "1,200 services".
pub fn count(n: usize, one: &str, many: &str) -> String {
    format!("{} {}", grouped(n as f64), if n == 1 { one } else { many })
}

/// A share between 0 and 1 as [`share`] does, or "–" when there is nothing to share out
/// (a coverage of no services at all is not 100 %).
pub fn share_or_dash(value: Option<f64>) -> String {
    value.map_or_else(|| "–".to_owned(), share)
}

#[cfg(test)]
mod count_tests {
    use super::*;

    #[test]
    fn one_takes_the_singular_and_every_other_count_the_plural() {
        assert_eq!(count(0, "service", "services"), "0 services");
        assert_eq!(count(1, "service", "services"), "1 service");
        assert_eq!(count(2, "person", "people"), "2 people");
        assert_eq!(count(1, "person", "people"), "1 person");
        assert_eq!(count(1_200, "rota", "rotas"), "1,200 rotas");
    }

    #[test]
    fn a_share_of_nothing_is_a_dash() {
        assert_eq!(share_or_dash(None), "–");
        // 3 of 4 services owned: 75.0 %.
        assert_eq!(share_or_dash(Some(3.0 / 4.0)), "75.0 %");
    }
}

/// A stored field's name as words: "callouts_per_year" → "callouts per year",
/// "product_pay.standby_per_week" → "product pay standby per week".
pub fn field_words(field: &str) -> String {
    field.replace(['_', '.'], " ")
}

/// A number as typed, with or without thousands separators: "137,145" → 137145.
pub fn parse_grouped(text: &str) -> Option<f64> {
    text.trim().replace(',', "").parse().ok()
}

#[cfg(test)]
mod field_words_tests {
    use super::{field_words, grouped, parse_grouped};

    #[test]
    fn grouped_numbers_read_back() {
        assert_eq!(parse_grouped("137,145"), Some(137_145.0));
        assert_eq!(parse_grouped(" 2500.5 "), Some(2_500.5));
        assert_eq!(parse_grouped(&grouped(1_000_000.0)), Some(1_000_000.0));
        assert_eq!(parse_grouped("a lot"), None);
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
