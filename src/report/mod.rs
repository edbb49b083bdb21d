//! Reports for people and machines: a terminal report, Markdown for a wiki or a slide, CSV
//! line items for a spreadsheet, and the JSON of SPEC section 4; plus the same for a
//! comparison of 2 to 8 models, and for a roadmap.

mod compare;
mod csv;
mod markdown;
mod peak;
mod roadmap;
mod sections;
mod table;
mod text;

pub use compare::{compare_csv, compare_markdown, compare_text};
pub use csv::csv;
pub use markdown::markdown;
pub use roadmap::{roadmap_markdown, roadmap_text};
pub use text::text;

use crate::analysis::Analysis;
use crate::compare::Comparison;

/// The report of SPEC section 4, pretty-printed.
pub fn json(analysis: &Analysis) -> String {
    to_json(analysis)
}

/// `{"a": …, "b": …, "delta": …}` for two models, `{"models": […], "deltas": […]}` for more.
pub fn compare_json(comparison: &Comparison) -> String {
    to_json(comparison)
}

/// A roadmap's year (SPEC 8.3): its phases with their figures, changes and handovers, and
/// the cost of the year.
pub fn roadmap_json(plan: &crate::roadmap::RoadmapPlan) -> String {
    to_json(plan)
}

fn to_json<T: serde::Serialize>(value: &T) -> String {
    let mut text = serde_json::to_string_pretty(value)
        .expect("reports hold only strings, numbers, lists and maps");
    text.push('\n');
    text
}
