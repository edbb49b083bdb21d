//! The Markdown report, to paste into a wiki page or a slide.

use super::sections;
use crate::analysis::{Analysis, Severity};
use crate::format::{escape_lines, escaped};
use crate::model::Model;

/// The report in Markdown, every line escaped (see [`crate::format::escape_lines`]) so a
/// name can neither break the layout nor reach a terminal as an escape.
pub fn markdown(model: &Model, analysis: &Analysis) -> String {
    escape_lines(&unescaped(model, analysis))
}

fn unescaped(model: &Model, analysis: &Analysis) -> String {
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
    let tables = [
        ("Rotas", sections::rotas(analysis)),
        ("Services", sections::services(model, analysis)),
        ("Teams", sections::teams(model, analysis)),
        ("Domains", sections::domains(model, analysis)),
        ("Cost drivers", sections::cost_drivers(model, analysis)),
        ("Compliance scope", sections::compliance(analysis)),
    ];
    for (title, table) in tables {
        out.push_str(&format!("\n## {title}\n\n"));
        if table.is_empty() {
            out.push_str("None.\n");
        } else {
            out.push_str(&table.markdown());
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
        for finding in findings {
            out.push_str(&format!(
                "- **{}**: {}\n",
                finding.code.as_str(),
                finding.message
            ));
        }
    }
    out
}
