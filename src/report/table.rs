//! A plain table, rendered either aligned for a terminal or as a Markdown table.

#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Align {
    Left,
    Right,
}

#[derive(Default)]
pub struct Table {
    headers: Vec<String>,
    align: Vec<Align>,
    rows: Vec<Vec<String>>,
}

impl Table {
    /// Adds columns of words, aligned left, headed `headers` in order.
    pub fn left(self, headers: impl IntoIterator<Item = impl AsRef<str>>) -> Self {
        self.columns(headers, Align::Left)
    }

    /// Adds columns of figures, aligned right, headed `headers` in order.
    pub fn right(self, headers: impl IntoIterator<Item = impl AsRef<str>>) -> Self {
        self.columns(headers, Align::Right)
    }

    /// Adds columns headed `headers`, each aligned `align`.
    pub fn columns(
        mut self,
        headers: impl IntoIterator<Item = impl AsRef<str>>,
        align: Align,
    ) -> Self {
        for header in headers {
            self.headers.push(header.as_ref().to_owned());
            self.align.push(align);
        }
        self
    }

    /// Adds a row; control characters in the cells are escaped, so that no id or name can
    /// break a line or send an escape sequence to the terminal.
    pub fn row(&mut self, cells: Vec<String>) {
        debug_assert_eq!(cells.len(), self.headers.len());
        self.rows.push(
            cells
                .iter()
                .map(|cell| crate::format::escaped(cell))
                .collect(),
        );
    }

    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    pub fn headers(&self) -> &[String] {
        &self.headers
    }

    pub fn rows(&self) -> &[Vec<String>] {
        &self.rows
    }

    /// Whether column `column` holds figures, aligned right.
    pub fn is_right_aligned(&self, column: usize) -> bool {
        self.align.get(column) == Some(&Align::Right)
    }

    /// Aligned columns separated by two spaces, indented by `indent`.
    pub fn terminal(&self, indent: &str) -> String {
        let widths: Vec<usize> = (0..self.headers.len())
            .map(|c| {
                self.rows
                    .iter()
                    .map(|r| r[c].chars().count())
                    .chain([self.headers[c].chars().count()])
                    .max()
                    .unwrap_or(0)
            })
            .collect();
        // Written straight into one string: a comparison of big models has tens of
        // thousands of cells, and a string per padded cell was a third of its time.
        let line = |out: &mut String, cells: &[String]| {
            out.push_str(indent);
            let start = out.len();
            for (c, cell) in cells.iter().enumerate() {
                if c > 0 {
                    out.push_str("  ");
                }
                let pad = widths[c] - cell.chars().count();
                if self.align[c] == Align::Right {
                    out.extend(std::iter::repeat_n(' ', pad));
                }
                out.push_str(cell);
                if self.align[c] == Align::Left {
                    out.extend(std::iter::repeat_n(' ', pad));
                }
            }
            let kept = out[start..].trim_end().len();
            out.truncate(start + kept);
            out.push('\n');
        };
        let mut out = String::new();
        line(&mut out, &self.headers);
        let rule: Vec<String> = widths.iter().map(|w| "─".repeat(*w)).collect();
        line(&mut out, &rule);
        for row in &self.rows {
            line(&mut out, row);
        }
        out
    }

    /// A GitHub-flavoured Markdown table.
    pub fn markdown(&self) -> String {
        let escape = |cell: &String| cell.replace('|', "\\|");
        let line = |cells: &[String]| {
            format!(
                "| {} |\n",
                cells.iter().map(escape).collect::<Vec<_>>().join(" | ")
            )
        };
        let mut out = line(&self.headers);
        let rule: Vec<String> = self
            .align
            .iter()
            .map(|a| match a {
                Align::Left => "---".to_owned(),
                Align::Right => "---:".to_owned(),
            })
            .collect();
        out.push_str(&format!("|{}|\n", rule.join("|")));
        for row in &self.rows {
            out.push_str(&line(row));
        }
        out
    }
}
