//! The one escaping rule for every line a terminal shows — messages, import summaries,
//! `check`, reports and comparisons: control characters (C0, DEL and the C1 codes), the
//! marks that reorder text and the line separators are written as escapes (`\n`,
//! `\u{1b}`, `\u{202e}`), and a message line is cut to a bounded length. JSON gets the same
//! characters as `\u` escapes, which leave its strings as they were.

use std::fmt::{self, Write};

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

/// Writes `c` as a terminal may show it.
pub(super) fn write_escaped(out: &mut impl Write, c: char) -> fmt::Result {
    if needs_escape(c) {
        write!(out, "{}", c.escape_default())
    } else {
        out.write_char(c)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
}
