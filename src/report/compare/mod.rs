//! A comparison of 2 to 8 models for people (SPEC 7.5 and 8.1), in the terminal or as
//! Markdown a decision record can take as it is: the models (A the baseline), their figures
//! side by side with each change against A, then the rotas, the weeks on call of each
//! team's people, the findings that came and went, what was added, removed or changed, and
//! apart from those the cover costs, which are not parts of the bill. Also as CSV.

mod csv;
mod sections;

pub use csv::compare_csv;
pub use sections::{Compared, change_header, letter};

use super::table::Table;
use crate::compare::Comparison;
use crate::format::escaped;
use crate::model::Model;

/// How to read a section's change columns.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Reading {
    /// A rise is worse: cost, weeks on call.
    LowerIsBetter,
    /// Each row opens with "+" (added) or "−" (removed) and says its severity: a finding.
    Findings,
    /// What was added, removed or changed, neither better nor worse.
    Changes,
    /// Cover costs, which are not parts of the bill: read apart from the rest.
    Apart,
}

/// A section after the figures: its heading, a note on how to read it, the table, what an
/// empty one says, and how its changes read.
pub struct Section {
    pub title: &'static str,
    pub note: Option<&'static str>,
    pub table: Table,
    pub empty: &'static str,
    pub reading: Reading,
}

/// The sections after the figures, in the order every rendering shows them: rotas, weeks on
/// call, findings, what changed, and apart from those the cover costs.
pub fn sections(compared: &Compared) -> Vec<Section> {
    let section = |title, note, table, empty, reading| Section {
        title,
        note,
        table,
        empty,
        reading,
    };
    vec![
        section(
            "Rotas added, removed or changed",
            Some(
                "Each model's cell: the pool, one week on call in N, the weeks on call a year for each person, the annual cost; — where it has no such rota.",
            ),
            compared.rotas(),
            "No rota was added, removed or changed.",
            Reading::LowerIsBetter,
        ),
        section(
            "Weeks on call a year per person, by team",
            Some("With the rota the team's people are on."),
            compared.team_weeks(),
            "Every team's people are on call as many weeks as before.",
            Reading::LowerIsBetter,
        ),
        section(
            "Findings added (+) and removed (−)",
            None,
            compared.findings(),
            "The same findings as before.",
            Reading::Findings,
        ),
        section(
            "Services, teams and domains added, removed or changed",
            None,
            compared.changes(),
            "The same services, teams, domains and settings as before.",
            Reading::Changes,
        ),
        section(
            "Cover costs: what each service's out-of-hours cover alone would save",
            Some(
                "Each figure is worked out on its own model; they overlap, so they do not add up to the change in the annual cost.",
            ),
            compared.cover_costs(),
            "No service's cover costs more or less than before.",
            Reading::Apart,
        ),
    ]
}

/// A comparison's parts as a deck lays them out: its figures, then each section's heading,
/// note, table and what an empty one says.
pub fn compare_parts(models: &[&Model], comparison: &Comparison) -> (Table, Vec<Section>) {
    let compared = Compared::new(models, comparison);
    (compared.figures(), sections(&compared))
}

/// The figures and every section for a terminal, each section's title on a line of its own
/// after a blank line and indented by `indent`, its table two spaces further in.
pub(super) fn changes_text(compared: &Compared, indent: &str) -> String {
    let mut out = compared.figures().terminal(&format!("{indent}  "));
    for section in sections(compared) {
        out.push_str(&format!("\n{indent}{}\n", section.title));
        if section.table.is_empty() {
            out.push_str(&format!("{indent}  {}\n", section.empty));
            continue;
        }
        if let Some(note) = section.note {
            out.push_str(&format!("{indent}  {note}\n"));
        }
        out.push_str(&section.table.terminal(&format!("{indent}  ")));
    }
    out
}

/// The figures and every section as Markdown, each section's heading at `level` (`##`).
pub(super) fn changes_markdown(compared: &Compared, level: &str) -> String {
    let mut out = compared.figures().markdown();
    for section in sections(compared) {
        out.push_str(&format!("\n{level} {}\n\n", section.title));
        let (note, table) = (section.note, &section.table);
        if table.is_empty() {
            out.push_str(&format!("{}\n", section.empty));
            continue;
        }
        if let Some(note) = note {
            out.push_str(&format!("{note}\n\n"));
        }
        out.push_str(&table.markdown());
    }
    out
}

/// The terminal comparison. `files` name the models (usually their file names).
pub fn compare_text(models: &[&Model], files: &[String], comparison: &Comparison) -> String {
    let compared = Compared::new(models, comparison);
    let mut out =
        String::from("Comparison: A is the baseline, and every change is against it.\n\n");
    out.push_str(&compared.models(files).terminal("  "));
    out.push('\n');
    out.push_str(&changes_text(&compared, ""));
    out
}

/// The comparison as Markdown: every part a table.
pub fn compare_markdown(models: &[&Model], files: &[String], comparison: &Comparison) -> String {
    let compared = Compared::new(models, comparison);
    let names: Vec<String> = comparison
        .reports
        .iter()
        .map(|r| escaped(&r.name))
        .collect();
    let mut out = format!("# Comparison: {}\n\n", names.join(" · "));
    out.push_str("A is the baseline, and every change is against it.\n\n");
    out.push_str(&compared.models(files).markdown());
    out.push_str("\n## Figures\n\n");
    out.push_str(&changes_markdown(&compared, "##"));
    out
}
