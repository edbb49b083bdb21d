//! Reports for people and machines: a terminal report, Markdown for a wiki or a slide, CSV
//! line items for a spreadsheet, and the JSON of SPEC section 4; plus the same for a
//! comparison of two models.

mod compare;
mod csv;
mod markdown;
mod sections;
mod table;
mod text;

pub use compare::{compare_markdown, compare_text};
pub use csv::csv;
pub use markdown::markdown;
pub use text::text;

use crate::analysis::Analysis;
use crate::compare::Comparison;

/// The report of SPEC section 4, pretty-printed.
pub fn json(analysis: &Analysis) -> String {
    to_json(analysis)
}

/// `{"a": …, "b": …, "delta": …}`.
pub fn compare_json(comparison: &Comparison) -> String {
    to_json(comparison)
}

/// Pretty JSON in which no name can send a terminal an escape (see
/// [`crate::format::escape_json`]).
fn to_json<T: serde::Serialize>(value: &T) -> String {
    let mut text = serde_json::to_string_pretty(value)
        .expect("reports hold only strings, numbers, lists and maps");
    text.push('\n');
    crate::format::escape_json(&text)
}
