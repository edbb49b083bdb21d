//! Number and name formatting shared by the reports, the findings and the GUI, so a figure
//! reads the same everywhere: [`numbers`] for figures, [`words`] for names, ids and fields,
//! [`dates`] for days, [`escape`], the one rule for what a terminal may be shown, and
//! [`csv_cell`], the one CSV writer, for every sheet and report.

pub mod csv_cell;
mod dates;
mod escape;
mod numbers;
mod words;

pub use dates::{civil_from_days, date, today};
pub use escape::{
    LINE_CHARS, PATH_CHARS, escape_json, escape_lines, escaped, line, needs_escape, shown_path,
};
pub use numbers::{
    Percent, Trimmed, count, duration, grouped, grouped_decimal, money, parse_grouped, percent,
    share, share_or_dash, signed_count, signed_money, signed_points, trimmed,
};
pub use words::{EntityLabel, SHOWN_CHARS, Shown, entity_label, field_words, shown};
