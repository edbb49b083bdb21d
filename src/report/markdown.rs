//! The Markdown report, to paste into a wiki page or a slide.

use super::FindingFixes;
use super::sections::{self, Markup};
use crate::analysis::Analysis;
use crate::format::{escape_lines, escaped};
use crate::model::Model;

/// The report in Markdown, every line escaped (see [`crate::format::escape_lines`]) so a
/// name can neither break the layout nor reach a terminal as an escape.
pub fn markdown(model: &Model, analysis: &Analysis) -> String {
    markdown_with_fixes(model, analysis, &[])
}

/// The Markdown report with each finding's fixes as a list under it (SPEC 7.4), every line
/// escaped as [`markdown`]'s.
pub fn markdown_with_fixes(model: &Model, analysis: &Analysis, fixes: &FindingFixes) -> String {
    escape_lines(&unescaped(model, analysis, fixes))
}

fn unescaped(model: &Model, analysis: &Analysis, fixes: &FindingFixes) -> String {
    // The name and description are escaped whole, so that a line break in them stays on
    // their line.
    let mut out = format!("# {}\n\n", escaped(&analysis.name));
    if !model.description.is_empty() {
        out.push_str(&format!("{}\n\n", escaped(&model.description)));
    }
    out.push_str("| Figure | Value |\n|---|---:|\n");
    for (label, value) in sections::summary(analysis) {
        out.push_str(&format!("| {label} | {value} |\n"));
    }
    out.push_str(&sections::body(model, analysis, fixes, Markup::Markdown));
    out
}
