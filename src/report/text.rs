//! The terminal report: headline figures, coverage, the rota table, services, teams and
//! domains, the cost drivers and compliance scopes, and findings grouped by severity.

use super::sections;
use crate::analysis::{Analysis, Severity};
use crate::format::{escape_lines, escaped};
use crate::model::Model;

/// The report as a terminal shows it: every line escaped (see
/// [`crate::format::escape_lines`]), so no name, currency or message can reach the terminal
/// as an escape.
pub fn text(model: &Model, analysis: &Analysis) -> String {
    escape_lines(&unescaped(model, analysis))
}

fn unescaped(model: &Model, analysis: &Analysis) -> String {
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
    let mut section = |title: &str, table: super::table::Table| {
        out.push_str(&format!("\n{title}\n"));
        if table.is_empty() {
            out.push_str("  (none)\n");
        } else {
            out.push_str(&table.terminal("  "));
        }
    };
    section("Rotas", sections::rotas(analysis));
    section("Services", sections::services(model, analysis));
    section("Teams", sections::teams(model, analysis));
    section("Domains", sections::domains(model, analysis));
    section(
        "Cost drivers (what each service's out-of-hours cover adds to the annual cost)",
        sections::cost_drivers(model, analysis),
    );
    section("Compliance scope", sections::compliance(analysis));
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
        for finding in findings {
            out.push_str(&format!(
                "    [{}] {}\n",
                finding.code.as_str(),
                finding.message
            ));
        }
    }
    out
}
