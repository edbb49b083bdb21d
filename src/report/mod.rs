//! Reports for people and machines: a terminal report, Markdown for a wiki or a slide, CSV
//! line items for a spreadsheet, and the JSON of SPEC section 4; plus the same for a
//! comparison of 2 to 8 models, and for a roadmap.

mod compare;
mod csv;
pub mod empty;
mod markdown;
mod roadmap;
pub(crate) mod sections;
mod table;
mod text;

pub use compare::{
    Compared, Reading, Section, change_header, compare_csv, compare_markdown, compare_parts,
    compare_text, letter, sections as comparison_sections,
};
pub use csv::csv;
pub use markdown::{markdown, markdown_with_fixes};
pub use roadmap::{
    roadmap_change_parts, roadmap_handovers, roadmap_headline, roadmap_markdown, roadmap_names,
    roadmap_phases, roadmap_text,
};
pub use table::{Align, Table};
pub use text::{text, text_with_fixes};

use crate::analysis::Analysis;
use crate::compare::Comparison;
use crate::edit::fixes::Fix;

/// The report of SPEC section 4, pretty-printed.
pub fn json(analysis: &Analysis) -> String {
    to_json(analysis)
}

/// The fixes of the findings that have any, by the finding's position in the analysis, as
/// [`crate::edit::fixes::fixes_for_every_finding`] gives them.
pub type FindingFixes = [(usize, Vec<Fix>)];

/// The report of SPEC section 4 with `"fixes"` added to each finding that has any (SPEC
/// 7.4): each fix's label, whether it resolves the finding, and its effect worked out on an
/// edited copy.
pub fn json_with_fixes(analysis: &Analysis, fixes: &FindingFixes) -> String {
    let mut report =
        serde_json::to_value(analysis).expect("reports hold only strings, numbers, lists and maps");
    for (finding, fixes) in fixes {
        let listed: Vec<serde_json::Value> = fixes
            .iter()
            .map(|fix| {
                serde_json::json!({
                    "label": fix.label,
                    "resolves": fix.effect.resolves,
                    "delta": {
                        "annual_cost": fix.effect.annual_cost,
                        "on_call": fix.effect.on_call,
                        "ownership": fix.effect.ownership,
                        "errors": fix.effect.errors,
                    },
                })
            })
            .collect();
        report["findings"][*finding]["fixes"] = serde_json::Value::Array(listed);
    }
    to_json(&report)
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

/// Pretty JSON in which no name can send a terminal an escape (see
/// [`crate::format::escape_json`]).
fn to_json<T: serde::Serialize>(value: &T) -> String {
    let mut text = serde_json::to_string_pretty(value)
        .expect("reports hold only strings, numbers, lists and maps");
    text.push('\n');
    crate::format::escape_json(&text)
}
