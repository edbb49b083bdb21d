//! Cells as a spreadsheet meets them, and the one CSV writer every sheet and report uses.
//!
//! A spreadsheet runs a cell that starts with `=`, `+`, `-` or `@` as a formula (and some
//! treat a leading tab or carriage return the same way), so a name such as
//! `=HYPERLINK("http://…")` in a model could act when the sheet is opened. Following the
//! OWASP advice, such a cell is written with a leading `'`, which spreadsheets show as text
//! and hide. The sheet importer reads the `'` back off ([`read`]), so a round trip keeps
//! every name exact: a cell is also protected when it starts with `'` itself or has spaces
//! around it (which a sheet would otherwise lose or refuse), and only a protected cell loses
//! its first `'` when read.

/// Whether `text`, written as it is, would be run as a formula, lose its first `'` when read
/// back, or lose the spaces around it. A plain number (`-1200`, `+5`, `-2.5e3`) is a number
/// to a spreadsheet, not a formula, and stays as it is.
fn needs_protection(text: &str) -> bool {
    (text.starts_with(['=', '+', '-', '@', '\t', '\r', '\'']) && !is_number(text))
        || text.trim() != text
}

/// Whether `text` is a number as a spreadsheet reads one: digits, a point, an exponent and
/// signs only, and a finite value.
fn is_number(text: &str) -> bool {
    text.chars()
        .all(|c| c.is_ascii_digit() || matches!(c, '.' | 'e' | 'E' | '+' | '-'))
        && text.parse::<f64>().is_ok_and(f64::is_finite)
}

/// A cell's text as written to a sheet: with a leading `'` when it needs protecting.
pub fn written(text: &str) -> std::borrow::Cow<'_, str> {
    if needs_protection(text) {
        format!("'{text}").into()
    } else {
        text.into()
    }
}

/// A cell's text as read from a sheet: without the `'` that protected it, if it was
/// protected; exactly as it is otherwise (so `'quoted` typed by a person stays as it is).
pub fn read(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest) if needs_protection(rest) => rest,
        _ => cell,
    }
}

/// Whether a cell as read from a sheet was protected by a leading `'`.
pub fn is_protected(cell: &str) -> bool {
    read(cell).len() != cell.len()
}

/// A CSV writer into memory, with lines ended `\r\n` as spreadsheets write them; every
/// cell goes through [`written`].
pub struct Writer {
    inner: csv::Writer<Vec<u8>>,
}

impl Default for Writer {
    fn default() -> Self {
        Writer {
            inner: csv::WriterBuilder::new()
                .terminator(csv::Terminator::CRLF)
                .from_writer(Vec::new()),
        }
    }
}

impl Writer {
    /// Writes one row; each cell protected as it needs.
    pub fn row<S: AsRef<str>>(&mut self, cells: &[S]) {
        self.inner
            .write_record(cells.iter().map(|cell| written(cell.as_ref()).into_owned()))
            .expect("writing to memory cannot fail");
    }

    /// The sheet's text.
    pub fn finish(self) -> String {
        let bytes = self
            .inner
            .into_inner()
            .expect("writing to memory cannot fail");
        String::from_utf8(bytes).expect("the sheet is written from UTF-8 strings")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_are_written_as_text() {
        for formula in [
            "=HYPERLINK(\"x\")",
            "+cmd|' /C calc'!A0",
            "-2+3",
            "@SUM(A1)",
            "\tx",
            "\rx",
            "-inf",
            "-",
        ] {
            assert_eq!(written(formula), format!("'{formula}"));
            assert_eq!(read(&written(formula)), formula);
        }
        assert_eq!(written("Checkout"), "Checkout");
        assert_eq!(written("a=b"), "a=b");
        // A negative change in a comparison stays a number a spreadsheet can add up.
        for number in ["-1200", "+5", "-2.5e3", "0"] {
            assert_eq!(written(number), number);
        }
    }

    #[test]
    fn every_text_reads_back_exactly() {
        for text in [
            "'", "''", "'x", "' x", " x", "x ", "", "x", "'=", "\n", "a\nb", "-", "-5", "'-5",
        ] {
            assert_eq!(read(&written(text)), text, "{text:?}");
        }
    }

    #[test]
    fn an_apostrophe_typed_by_a_person_is_kept() {
        assert_eq!(read("'quoted"), "'quoted");
        assert!(!is_protected("'quoted"));
        assert_eq!(read("'=1"), "=1");
        assert!(is_protected("'=1"));
    }

    #[test]
    fn the_writer_protects_every_cell_and_ends_lines_like_a_spreadsheet() {
        let mut writer = Writer::default();
        writer.row(&["name", "=1+1", "a,b"]);
        assert_eq!(writer.finish(), "name,'=1+1,\"a,b\"\r\n");
    }
}
