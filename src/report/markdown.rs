//! The Markdown report, to paste into a wiki page or a slide.

use super::{FindingFixes, sections};
use crate::analysis::{Analysis, Severity};
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
    for section in sections::sections(model, analysis) {
        out.push_str(&format!("\n## {}\n\n", section.title));
        if section.table.is_empty() {
            out.push_str(&format!("{}\n", section.empty));
            if let Some(instead) = &section.instead {
                out.push_str(&format!("\n{}", instead.markdown()));
            }
        } else {
            out.push_str(&section.table.markdown());
        }
        if let Some(note) = &section.note {
            out.push_str(&format!("\n{note}\n"));
        }
    }
    out.push_str("\n## Findings\n");
    if analysis.findings.is_empty() {
        out.push_str("\nNo findings: every service is owned and covered.\n");
    }
    for severity in Severity::ALL {
        let findings = sections::findings_of(analysis, severity);
        if findings.is_empty() {
            continue;
        }
        out.push_str(&format!(
            "\n### {} ({})\n\n",
            sections::severity_heading(severity),
            findings.len()
        ));
        for (index, finding) in findings {
            out.push_str(&format!(
                "- **{}**: {}\n",
                finding.code.as_str(),
                finding.message
            ));
            for fix in sections::fixes_of(fixes, index) {
                out.push_str(&format!(
                    "  - Fix: {} ({})\n",
                    escaped(&fix.label),
                    fix.effect.describe(&analysis.currency)
                ));
            }
        }
    }
    out
}
