//! A comparison for people: the two models' figures side by side with the change, then what
//! was added, removed and changed, field by field.

use super::table::{Align, Table};
use crate::analysis::{Analysis, Severity};
use crate::compare::{Comparison, Delta, FieldChange};
use crate::format::{escaped, grouped, share, signed_count, signed_money, signed_points};

/// The side-by-side figures.
fn figures(comparison: &Comparison, a_name: &str, b_name: &str) -> Table {
    let (a, b, delta) = (&comparison.a, &comparison.b, &comparison.delta);
    let mut table = Table::new(&[
        ("", Align::Left),
        (a_name, Align::Right),
        (b_name, Align::Right),
        ("Change", Align::Right),
    ]);
    let money = |get: fn(&Analysis) -> f64, change: f64| {
        vec![grouped(get(a)), grouped(get(b)), signed_money(change)]
    };
    let mut row = |label: &str, cells: Vec<String>| {
        let mut full = vec![format!("{label}")];
        full.extend(cells);
        table.row(full);
    };
    let currency = &b.currency;
    row(
        &format!("Annual cost ({currency})"),
        money(|r| r.totals.annual_cost, delta.annual_cost),
    );
    row(
        "  Standby",
        money(|r| r.totals.standby_cost, delta.standby_cost),
    );
    row(
        "  Callout",
        money(|r| r.totals.callout_cost, delta.callout_cost),
    );
    row(
        "Ownership",
        vec![
            share(a.coverage.ownership),
            share(b.coverage.ownership),
            signed_points(delta.ownership),
        ],
    );
    row(
        "On-call coverage",
        vec![
            share(a.coverage.on_call),
            share(b.coverage.on_call),
            signed_points(delta.on_call),
        ],
    );
    let count = |label: &str, x: usize, y: usize, change: i64| {
        (
            label.to_owned(),
            vec![x.to_string(), y.to_string(), signed_count(change)],
        )
    };
    for (label, cells) in [
        count("Rotas", a.rotas.len(), b.rotas.len(), delta.rotas),
        count(
            "Errors",
            a.count(Severity::Error),
            b.count(Severity::Error),
            delta.errors,
        ),
        count(
            "Warnings",
            a.count(Severity::Warning),
            b.count(Severity::Warning),
            delta.warnings,
        ),
        count(
            "Info",
            a.count(Severity::Info),
            b.count(Severity::Info),
            delta.infos,
        ),
    ] {
        row(&label, cells);
    }
    table
}

/// Lines describing entity, dependency, settings and rota changes; empty when none.
fn change_lines(delta: &Delta) -> Vec<String> {
    let mut lines = Vec::new();
    let mut list = |label: &str, ids: &[String]| {
        if !ids.is_empty() {
            lines.push(format!("{label}: {}", ids.join(", ")));
        }
    };
    list("Services added", &delta.services_added);
    list("Services removed", &delta.services_removed);
    list("Teams added", &delta.teams_added);
    list("Teams removed", &delta.teams_removed);
    list("Domains added", &delta.domains_added);
    list("Domains removed", &delta.domains_removed);
    list("Rotas added", &delta.rotas_added);
    list("Rotas removed", &delta.rotas_removed);
    for change in &delta.changes {
        let fields: Vec<String> = change.fields.iter().map(FieldChange::describe).collect();
        lines.push(format!(
            "Changed {} {}: {}",
            change.kind.label(),
            change.id,
            fields.join("; ")
        ));
    }
    for field in &delta.settings_changed {
        lines.push(format!("Changed setting {}", field.describe()));
    }
    for d in &delta.dependencies_added {
        lines.push(format!("Dependency added: {} → {}", d.from, d.to));
    }
    for d in &delta.dependencies_removed {
        lines.push(format!("Dependency removed: {} → {}", d.from, d.to));
    }
    for i in &delta.interactions_added {
        lines.push(format!(
            "Interaction added: {} ↔ {} ({})",
            i.from,
            i.to,
            i.mode.label()
        ));
    }
    for i in &delta.interactions_removed {
        lines.push(format!(
            "Interaction removed: {} ↔ {} ({})",
            i.from,
            i.to,
            i.mode.label()
        ));
    }
    for rota in &delta.rotas_changed {
        lines.push(format!("Rota changed {}", rota.describe()));
    }
    for change in &delta.cover_costs_changed {
        lines.push(format!("Cover cost changed {}", change.describe()));
    }
    lines
}

/// The terminal comparison. `a_name` and `b_name` head the two columns (usually file names).
pub fn compare_text(comparison: &Comparison, a_name: &str, b_name: &str) -> String {
    let (a, b) = (escaped(&comparison.a.name), escaped(&comparison.b.name));
    let mut out = format!("A: {a} ({a_name})\nB: {b} ({b_name})\n\n");
    out.push_str(&figures(comparison, "A", "B").terminal("  "));
    out.push_str("\nChanges\n");
    let lines = change_lines(&comparison.delta);
    if lines.is_empty() {
        out.push_str("  None: the models hold the same services, teams and domains.\n");
    }
    for line in lines {
        out.push_str(&format!("  {}\n", escaped(&line)));
    }
    out
}

pub fn compare_markdown(comparison: &Comparison, a_name: &str, b_name: &str) -> String {
    let (a, b) = (escaped(&comparison.a.name), escaped(&comparison.b.name));
    let mut out =
        format!("# {a} vs {b}\n\n- **A**: {a} (`{a_name}`)\n- **B**: {b} (`{b_name}`)\n\n");
    out.push_str(&figures(comparison, "A", "B").markdown());
    out.push_str("\n## Changes\n\n");
    let lines = change_lines(&comparison.delta);
    if lines.is_empty() {
        out.push_str("None: the models hold the same services, teams and domains.\n");
    }
    for line in lines {
        out.push_str(&format!("- {}\n", escaped(&line)));
    }
    out
}
