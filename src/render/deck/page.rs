//! Pages of a deck laid out as marks on the 1280 × 720 screen a page is composed on:
//! a title, paragraphs, figures and tables flowed from the top down, a table carried on to
//! the next page under the same title when it runs out of room, and a footer on each.

use crate::layout::text;
use crate::model::Position;
use crate::report::{Section, Table};
use crate::scene::marks::{Anchor, Mark, Marks, Paint, Pen, Role, Shape};
use crate::scene::palette;

use super::super::picture;

/// The screen a page is composed on (see [`crate::render::pdf`]).
pub const WIDTH: f64 = 1280.0;
pub const HEIGHT: f64 = 720.0;
/// The page's margins, left and right, and its top.
pub const MARGIN: f64 = 64.0;
const TOP: f64 = 44.0;
/// Where the footer's row starts; nothing else goes below it.
const FOOTER_TOP: f64 = HEIGHT - 34.0;
pub const TITLE_PX: f64 = 32.0;
pub const BODY_PX: f64 = 17.0;
pub const TABLE_PX: f64 = 14.0;
const FOOTER_PX: f64 = 12.0;
/// What a composed page (a diagram, which takes the whole page) keeps free at the right
/// end of its title line for its page number, in place of a footer.
pub const CORNER_WIDTH: f64 = 72.0;
/// Inside a table's cells, each way.
const CELL_PADDING: (f64, f64) = (8.0, 4.0);
/// Lines a table's cell may take before it is cut short: enough for a finding's whole
/// sentence beside its fix.
const CELL_LINES: usize = 3;
/// A section's heading and at least two rows of its table: less room than this left on a
/// page starts the section on the next.
const SECTION_ROOM: f64 = 110.0;

/// One page being laid out.
pub struct Page {
    pub marks: Marks,
    /// Where the next thing goes.
    pub y: f64,
    title: String,
    /// Whether the page number goes at the top right, as the page is all diagram.
    composed: bool,
}

impl Page {
    /// The room left above the footer.
    pub fn room(&self) -> f64 {
        FOOTER_TOP - 8.0 - self.y
    }

    /// The width between the margins.
    pub fn width(&self) -> f64 {
        WIDTH - 2.0 * MARGIN
    }

    pub fn gap(&mut self, height: f64) {
        self.y += height;
    }

    /// A paragraph wrapped between the margins, of at most `lines` lines.
    pub fn text(&mut self, words: &str, px: f64, paint: Paint, lines: usize) {
        self.text_at(MARGIN, self.width(), words, px, paint, lines);
    }

    /// A paragraph from `left`, `width` wide; moves the cursor under it.
    pub fn text_at(
        &mut self,
        left: f64,
        width: f64,
        words: &str,
        px: f64,
        paint: Paint,
        lines: usize,
    ) {
        let wrapped = text::wrap(words, px as f32, width as f32, lines);
        let row = f64::from(text::row_height(px as f32));
        for line in &wrapped.lines {
            self.marks.push(
                Role::Other,
                Shape::Text {
                    at: Position { x: left, y: self.y },
                    anchor: Anchor::Start,
                    text: line.text.clone(),
                    px,
                    paint,
                    width: f64::from(line.width),
                },
            );
            self.y += row;
        }
    }

    /// A line across the page at `y`, from the left margin, `width` long.
    pub fn rule(&mut self, y: f64, width: f64, pen: Pen) {
        self.marks.push(
            Role::Other,
            Shape::Line {
                points: vec![
                    Position { x: MARGIN, y },
                    Position {
                        x: MARGIN + width,
                        y,
                    },
                ],
                pen,
            },
        );
    }

    /// A heading inside the page, in the ink of the page's title.
    pub fn heading(&mut self, words: &str) {
        self.gap(6.0);
        self.text(words, 21.0, Paint::solid(palette::INK), 1);
        self.gap(6.0);
    }
}

/// The pages of a deck, in order.
pub struct Deck {
    pages: Vec<Page>,
    footer: String,
}

impl Deck {
    /// A deck whose pages carry `footer` (the model's name and the date) at the bottom.
    pub fn new(footer: &str) -> Deck {
        Deck {
            pages: Vec::new(),
            footer: footer.to_owned(),
        }
    }

    /// Starts a page titled `title` and returns it.
    pub fn page(&mut self, title: &str) -> &mut Page {
        let mut page = Page {
            marks: Marks::default(),
            y: TOP,
            title: title.to_owned(),
            composed: false,
        };
        if !title.is_empty() {
            page.text(title, TITLE_PX, Paint::solid(palette::INK), 1);
            page.gap(14.0);
        }
        self.pages.push(page);
        self.pages.last_mut().expect("a page was just added")
    }

    /// The page being laid out, or a new one titled `title` when there is none.
    pub fn current(&mut self, title: &str) -> &mut Page {
        if self.pages.is_empty() {
            return self.page(title);
        }
        self.pages.last_mut().expect("there is a page")
    }

    /// `sections` flowed down the pages under headings, from the cursor of the current
    /// page: each its note and table, or the words it says when it has none.
    pub fn sections(&mut self, title: &str, sections: &[Section]) {
        for section in sections {
            self.section_heading(title, section.title);
            if let Some(note) = section.note.filter(|_| !section.table.is_empty()) {
                let muted = Paint::solid(palette::MUTED_INK);
                self.current(title).text(note, BODY_PX, muted, 2);
            }
            let ink = Paint::solid(palette::INK);
            self.table_or(&section.table, section.empty, ink, 2);
        }
    }

    /// A heading under the current page's cursor, or at the top of a new page titled
    /// "`title` (continued)" when too little room is left for the heading and the start of
    /// what follows it.
    pub fn section_heading(&mut self, title: &str, heading: &str) {
        if self.current(title).room() < SECTION_ROOM {
            self.page(&format!("{title} (continued)"));
        }
        self.current(title).heading(heading);
    }

    /// A page whose marks are already composed (a diagram with its title line, over the
    /// whole page but for [`CORNER_WIDTH`] at the right end of the title line).
    pub fn composed(&mut self, marks: Marks) {
        self.pages.push(Page {
            marks,
            y: HEIGHT,
            title: String::new(),
            composed: true,
        });
    }

    /// `table` under the cursor of the current page, carried on to new pages titled as
    /// the current one ("… (continued)") with its header repeated, as room runs out.
    pub fn table(&mut self, table: &Table) {
        let widths = column_widths(table, WIDTH - 2.0 * MARGIN);
        let row_of = |cells: &[String]| -> Vec<text::Wrapped> {
            cells
                .iter()
                .zip(&widths)
                .map(|(cell, w)| {
                    text::wrap(
                        cell,
                        TABLE_PX as f32,
                        (w - 2.0 * CELL_PADDING.0) as f32,
                        CELL_LINES,
                    )
                })
                .collect()
        };
        let line = f64::from(text::row_height(TABLE_PX as f32));
        let height = |row: &[text::Wrapped]| {
            row.iter().map(|w| w.lines.len().max(1)).max().unwrap_or(1) as f64 * line
                + 2.0 * CELL_PADDING.1
        };
        let header = row_of(table.headers());
        let header_height = height(&header);
        let mut drew_header = false;
        for cells in table.rows() {
            let row = row_of(cells);
            let needed = height(&row);
            let page = self.pages.last_mut().expect("a table goes on a page");
            let room = page.room() - if drew_header { 0.0 } else { header_height };
            if needed > room && drew_header {
                let title = format!(
                    "{} (continued)",
                    page.title.trim_end_matches(" (continued)")
                );
                self.page(&title);
                drew_header = false;
            }
            let page = self.pages.last_mut().expect("a table goes on a page");
            if !drew_header {
                draw_row(page, &header, &widths, table, header_height, true);
                drew_header = true;
            }
            draw_row(page, &row, &widths, table, needed, false);
        }
        if let Some(page) = self.pages.last_mut() {
            page.gap(10.0);
        }
    }

    /// `table` as [`Deck::table`] lays it out or, when it has no rows, `empty` in its place,
    /// a paragraph of at most `lines` lines: an empty table says why (SPEC 7.3).
    pub fn table_or(&mut self, table: &Table, empty: &str, paint: Paint, lines: usize) {
        if table.is_empty() {
            self.current("").text(empty, BODY_PX, paint, lines);
        } else {
            self.table(table);
        }
    }

    /// The pages' marks, each with its footer: the deck's footer and "k / n"; a composed
    /// page's number alone, at the right end of its title line.
    pub fn finish(self) -> Vec<Vec<Mark>> {
        let count = self.pages.len();
        let muted = Paint::solid(palette::MUTED_INK);
        self.pages
            .into_iter()
            .enumerate()
            .map(|(k, mut page)| {
                let number = format!("{} / {count}", k + 1);
                let number_width = f64::from(text::width(&number, FOOTER_PX as f32));
                let right = WIDTH - page_margin(page.composed) - number_width;
                if page.composed {
                    let top =
                        picture::slide_title_baseline() - f64::from(text::ascent(FOOTER_PX as f32));
                    page.marks.text(
                        Role::Other,
                        Position { x: right, y: top },
                        Anchor::Start,
                        &number,
                        FOOTER_PX,
                        muted,
                    );
                    return page.marks.list;
                }
                let footer = text::wrap(
                    &self.footer,
                    FOOTER_PX as f32,
                    (WIDTH - 3.0 * MARGIN - number_width) as f32,
                    1,
                );
                let words = footer
                    .lines
                    .first()
                    .map(|l| l.text.clone())
                    .unwrap_or_default();
                for (words, x) in [(words, MARGIN), (number, right)] {
                    page.marks.text(
                        Role::Other,
                        Position {
                            x,
                            y: FOOTER_TOP + 8.0,
                        },
                        Anchor::Start,
                        &words,
                        FOOTER_PX,
                        muted,
                    );
                }
                page.marks.list
            })
            .collect()
    }
}

/// The right margin of a page's number: a composed page's is its title line's.
fn page_margin(composed: bool) -> f64 {
    if composed {
        picture::SLIDE_MARGIN
    } else {
        MARGIN
    }
}

/// The columns' widths: each as wide as its widest cell. When together they are wider than
/// `room`, figures keep their width and the widest text columns are narrowed to one cap
/// (and wrap), so that short columns such as a severity stay whole beside a long message.
fn column_widths(table: &Table, room: f64) -> Vec<f64> {
    let natural: Vec<f64> = (0..table.headers().len())
        .map(|c| {
            std::iter::once(&table.headers()[c])
                .chain(table.rows().iter().map(|r| &r[c]))
                .map(|cell| f64::from(text::width(cell, TABLE_PX as f32)))
                .fold(0.0, f64::max)
                + 2.0 * CELL_PADDING.0
        })
        .collect();
    if natural.iter().sum::<f64>() <= room {
        return natural;
    }
    let fixed: f64 = (0..natural.len())
        .filter(|&c| table.is_right_aligned(c))
        .map(|c| natural[c])
        .sum();
    let mut text_widths: Vec<f64> = (0..natural.len())
        .filter(|&c| !table.is_right_aligned(c))
        .map(|c| natural[c])
        .collect();
    let cap = narrowing_cap(&mut text_widths, room - fixed);
    natural
        .iter()
        .enumerate()
        .map(|(c, w)| {
            if table.is_right_aligned(c) {
                *w
            } else {
                w.min(cap)
            }
        })
        .collect()
}

/// The width `c` such that the `widths`, each cut to at most `c`, add up to `budget`: the
/// narrow ones keep theirs and the rest share what is left equally (never below a few
/// characters' room).
fn narrowing_cap(widths: &mut [f64], budget: f64) -> f64 {
    const NARROWEST: f64 = 3.0 * TABLE_PX;
    widths.sort_by(f64::total_cmp);
    let mut left = budget;
    for (k, w) in widths.iter().enumerate() {
        let sharing = (widths.len() - k) as f64;
        if w * sharing > left {
            return (left / sharing).max(NARROWEST);
        }
        left -= w;
    }
    f64::INFINITY
}

/// Draws one row of a table at the page's cursor, `height` high.
fn draw_row(
    page: &mut Page,
    row: &[text::Wrapped],
    widths: &[f64],
    table: &Table,
    height: f64,
    header: bool,
) {
    let top = page.y;
    if header {
        page.marks.rect(
            Role::Other,
            crate::layout::Rect {
                min_x: MARGIN,
                min_y: top,
                max_x: MARGIN + widths.iter().sum::<f64>(),
                max_y: top + height,
            },
            0.0,
            Some(palette::GREY_FILL.into()),
            None,
        );
    } else {
        page.rule(
            top + height,
            widths.iter().sum::<f64>(),
            Pen::new(0.75, palette::GREY_FILL.darker()),
        );
    }
    let ink = Paint::solid(if header {
        palette::MUTED_INK
    } else {
        palette::INK
    });
    let line = f64::from(text::row_height(TABLE_PX as f32));
    let mut x = MARGIN;
    for (c, (cell, width)) in row.iter().zip(widths).enumerate() {
        for (k, l) in cell.lines.iter().enumerate() {
            let left = if table.is_right_aligned(c) {
                x + width - CELL_PADDING.0 - f64::from(l.width)
            } else {
                x + CELL_PADDING.0
            };
            page.marks.push(
                Role::Other,
                Shape::Text {
                    at: Position {
                        x: left,
                        y: top + CELL_PADDING.1 + k as f64 * line,
                    },
                    anchor: Anchor::Start,
                    text: l.text.clone(),
                    px: TABLE_PX,
                    paint: ink,
                    width: f64::from(l.width),
                },
            );
        }
        x += width;
    }
    page.y = top + height;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn narrow_columns_keep_their_width_and_the_wide_ones_share_the_rest() {
        // 40 + 60 kept, the 900 cut to what is left of 600.
        assert_eq!(narrowing_cap(&mut [900.0, 40.0, 60.0], 600.0), 500.0);
        // Three alike share equally.
        assert_eq!(narrowing_cap(&mut [300.0, 300.0, 300.0], 600.0), 200.0);
        // Two wide ones over 400 left after the narrow: 200 each.
        assert_eq!(narrowing_cap(&mut [100.0, 700.0, 500.0], 500.0), 200.0);
        // Everything fits: no cap.
        assert_eq!(narrowing_cap(&mut [100.0, 200.0], 500.0), f64::INFINITY);
    }

    #[test]
    fn a_severity_column_stays_whole_beside_a_long_message() {
        let mut table = Table::default().left(["Severity", "Message"]);
        table.row(vec!["warning".to_owned(), "word ".repeat(400)]);
        let widths = column_widths(&table, 800.0);
        let widest = ["Severity", "warning"]
            .map(|w| text::width(w, TABLE_PX as f32))
            .into_iter()
            .fold(0.0, f32::max);
        let severity = f64::from(widest) + 2.0 * CELL_PADDING.0;
        assert_eq!(widths[0], severity);
        assert!(
            (widths.iter().sum::<f64>() - 800.0).abs() < 1e-6,
            "{widths:?}"
        );
    }
}
