//! The terminal report: headline figures, coverage, the rota table, services, teams and
//! domains, the cost drivers and compliance scopes, and findings grouped by severity.

use super::FindingFixes;
use super::sections::{self, Markup};
use crate::analysis::Analysis;
use crate::format::{escape_lines, escaped};
use crate::model::Model;

/// The report as a terminal shows it: every line escaped (see
/// [`crate::format::escape_lines`]), so no name, currency or message can reach the terminal
/// as an escape.
pub fn text(model: &Model, analysis: &Analysis) -> String {
    text_with_fixes(model, analysis, &[])
}

/// The terminal report with each finding's fixes listed under it (SPEC 7.4), every line
/// escaped as [`text`]'s.
pub fn text_with_fixes(model: &Model, analysis: &Analysis, fixes: &FindingFixes) -> String {
    escape_lines(&unescaped(model, analysis, fixes))
}

fn unescaped(model: &Model, analysis: &Analysis, fixes: &FindingFixes) -> String {
    let mut out = String::new();
    // The title is escaped here too, so that its rule is as wide as the name shown.
    let name = escaped(&analysis.name);
    out.push_str(&format!(
        "{name}\n{}\n",
        "═".repeat(name.chars().count().max(1))
    ));
    if !model.description.is_empty() {
        out.push_str(&format!("{}\n", escaped(&model.description)));
    }
    out.push('\n');
    let summary = sections::summary(analysis);
    let width = summary
        .iter()
        .map(|(label, _)| label.chars().count())
        .max()
        .unwrap_or(0);
    for (label, value) in &summary {
        out.push_str(&format!("  {label:<width$}  {value}\n"));
    }
    out.push_str(&sections::body(model, analysis, fixes, Markup::Terminal));
    out
}
