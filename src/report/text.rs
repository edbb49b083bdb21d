//! The terminal report: headline figures, coverage, the rota table, services, teams and
//! domains, the cost drivers and compliance scopes, and findings grouped by severity.

use super::{FindingFixes, sections};
use crate::analysis::{Analysis, Severity};
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
    for section in sections::sections(model, analysis) {
        out.push_str(&format!("\n{}\n", section.title));
        if section.table.is_empty() {
            out.push_str(&format!("  {}\n", section.empty));
            if let Some(instead) = &section.instead {
                out.push_str(&instead.terminal("  "));
            }
        } else {
            out.push_str(&section.table.terminal("  "));
        }
        if let Some(note) = &section.note {
            out.push_str(&format!("  {note}\n"));
        }
    }
    out.push_str("\nFindings\n");
    if analysis.findings.is_empty() {
        out.push_str("  No findings: every service is owned and covered.\n");
    }
    for severity in Severity::ALL {
        let findings = sections::findings_of(analysis, severity);
        if findings.is_empty() {
            continue;
        }
        out.push_str(&format!(
            "  {} ({})\n",
            sections::severity_heading(severity),
            findings.len()
        ));
        for (index, finding) in findings {
            out.push_str(&format!(
                "    [{}] {}\n",
                finding.code.as_str(),
                finding.message
            ));
            for fix in sections::fixes_of(fixes, index) {
                out.push_str(&format!(
                    "      fix: {} ({})\n",
                    escaped(&fix.label),
                    fix.effect.describe(&analysis.currency)
                ));
            }
        }
    }
    out
}
