//! The content of a model report, shared by the terminal and Markdown renderings: the
//! headline figures, the rota, service, team and domain tables, the cost drivers and the
//! compliance scopes.

use super::table::{Align, Table};
use crate::analysis::{Analysis, Finding, Severity};
use crate::format::{count, grouped, money, percent, share, trimmed};
use crate::model::Model;

/// Headline figures as (label, value) pairs.
pub fn summary(analysis: &Analysis) -> Vec<(&'static str, String)> {
    let totals = &analysis.totals;
    let currency = &analysis.currency;
    let needing = analysis
        .services
        .iter()
        .filter(|s| s.cover != crate::analysis::Cover::NotRequired)
        .count();
    let covered = analysis
        .services
        .iter()
        .filter(|s| s.cover == crate::analysis::Cover::Covered)
        .count();
    let owned = analysis
        .services
        .iter()
        .filter(|s| s.owner.is_some())
        .count();
    vec![
        ("Annual on-call cost", money(totals.annual_cost, currency)),
        ("Standby", money(totals.standby_cost, currency)),
        ("Callout", money(totals.callout_cost, currency)),
        (
            "Ownership",
            if totals.services == 0 {
                "– (no services)".to_owned()
            } else {
                format!(
                    "{} ({owned} of {} {} an owner)",
                    share(analysis.coverage.ownership),
                    count(totals.services, "service", "services"),
                    if totals.services == 1 { "has" } else { "have" }
                )
            },
        ),
        (
            "On-call coverage",
            if needing == 0 {
                "– (no service needs cover)".to_owned()
            } else {
                format!(
                    "{} ({covered} of {} that need cover {} a healthy rota)",
                    share(analysis.coverage.on_call),
                    count(needing, "service", "services"),
                    if needing == 1 { "has" } else { "have" }
                )
            },
        ),
        (
            "Size",
            format!(
                "{}, {}, {}",
                count(totals.teams, "team", "teams"),
                count(totals.services, "service", "services"),
                count(totals.rotas, "rota", "rotas")
            ),
        ),
        (
            "R(n): a rota per product team that owns services",
            money(analysis.baselines.all_team_rotas, currency),
        ),
        (
            "R(1): one operations rota",
            money(analysis.baselines.single_ops_rota, currency),
        ),
    ]
}

pub fn rotas(analysis: &Analysis) -> Table {
    let mut table = Table::new(&[
        ("Rota", Align::Left),
        ("Kind", Align::Left),
        ("Pool", Align::Right),
        ("1 week in", Align::Right),
        ("Weeks each", Align::Right),
        ("Healthy", Align::Left),
        ("Services", Align::Right),
        ("Standby", Align::Right),
        ("Callout", Align::Right),
        ("Annual cost", Align::Right),
    ]);
    for rota in &analysis.rotas {
        table.row(vec![
            format!("{} ({})", rota.name, rota.id),
            rota.kind.label().to_owned(),
            rota.pool.to_string(),
            rota.frequency_weeks.to_string(),
            trimmed(rota.weeks_on_call_per_person, 1),
            if rota.healthy { "yes" } else { "NO" }.to_owned(),
            rota.services.len().to_string(),
            grouped(rota.standby_cost),
            grouped(rota.callout_cost),
            grouped(rota.annual_cost),
        ]);
    }
    table
}

pub fn services(model: &Model, analysis: &Analysis) -> Table {
    let mut table = Table::new(&[
        ("Service", Align::Left),
        ("Owner", Align::Left),
        ("Availability", Align::Right),
        ("Operating model", Align::Left),
        ("Out of hours", Align::Left),
        ("Cover", Align::Left),
        ("Rota", Align::Left),
        ("Annual cost", Align::Right),
    ]);
    for (service, figures) in model.services.iter().zip(&analysis.services) {
        table.row(vec![
            service.id.clone(),
            figures.owner.as_deref().unwrap_or("—").to_owned(),
            percent(figures.availability),
            figures.operating_model.label().to_owned(),
            figures.out_of_hours.label().to_owned(),
            figures.cover.label().to_owned(),
            figures.rota.as_deref().unwrap_or("—").to_owned(),
            grouped(figures.annual_cost),
        ]);
    }
    table
}

pub fn teams(model: &Model, analysis: &Analysis) -> Table {
    let mut table = Table::new(&[
        ("Team", Align::Left),
        ("Kind", Align::Left),
        ("Members", Align::Right),
        ("Domain", Align::Left),
        ("Services", Align::Right),
        ("Annual cost", Align::Right),
    ]);
    for (team, figures) in model.teams.iter().zip(&analysis.teams) {
        table.row(vec![
            format!("{} ({})", team.name, team.id),
            team.kind.label().to_owned(),
            team.members.to_string(),
            team.domain.clone().unwrap_or_else(|| "—".to_owned()),
            figures.services.to_string(),
            grouped(figures.annual_cost),
        ]);
    }
    table
}

pub fn domains(model: &Model, analysis: &Analysis) -> Table {
    let mut table = Table::new(&[("Domain", Align::Left), ("Annual cost", Align::Right)]);
    for (domain, figures) in model.domains.iter().zip(&analysis.domains) {
        table.row(vec![
            format!("{} ({})", domain.name, domain.id),
            grouped(figures.annual_cost),
        ]);
    }
    table
}

/// How many services the report names as cost drivers.
pub const COST_DRIVERS: usize = 10;

/// The services whose cover costs most: what the annual total would fall by without it.
pub fn cost_drivers(model: &Model, analysis: &Analysis) -> Table {
    let mut table = Table::new(&[
        ("Service", Align::Left),
        ("Owner", Align::Left),
        ("Rota", Align::Left),
        ("Cover cost", Align::Right),
        ("Share of total", Align::Right),
    ]);
    for figures in analysis.cost_drivers(COST_DRIVERS) {
        table.row(vec![
            crate::format::entity_label(model.display_name(&figures.id), &figures.id),
            figures.owner.as_deref().unwrap_or("—").to_owned(),
            figures.rota.as_deref().unwrap_or("—").to_owned(),
            grouped(figures.cover_cost),
            share(figures.cover_cost / analysis.totals.annual_cost),
        ]);
    }
    table
}

/// How many services a compliance scope lists by id before it says how many more there are.
const SCOPE_SERVICES_LISTED: usize = 8;

/// Per compliance tag: the services in scope and how they are run and covered.
pub fn compliance(analysis: &Analysis) -> Table {
    let mut table = Table::new(&[
        ("Scope", Align::Left),
        ("Services", Align::Left),
        ("YBIYRI", Align::Right),
        ("Ops Run It", Align::Right),
        ("Need cover", Align::Right),
        ("Covered", Align::Right),
    ]);
    for scope in &analysis.compliance {
        let mut services: Vec<&str> = scope
            .services
            .iter()
            .take(SCOPE_SERVICES_LISTED)
            .map(|id| &**id)
            .collect();
        let more = scope.services.len().saturating_sub(SCOPE_SERVICES_LISTED);
        let more = format!("and {more} more");
        if scope.services.len() > SCOPE_SERVICES_LISTED {
            services.push(&more);
        }
        table.row(vec![
            scope.tag.clone(),
            services.join(", "),
            scope.you_build_it_you_run_it.to_string(),
            scope.ops_run_it.to_string(),
            scope.needs_cover.to_string(),
            scope.covered.to_string(),
        ]);
    }
    table
}

/// Findings of one severity, in report order.
pub fn findings_of(analysis: &Analysis, severity: Severity) -> Vec<&Finding> {
    analysis
        .findings
        .iter()
        .filter(|f| f.severity == severity)
        .collect()
}

/// "Errors", "Warnings", "Info".
pub fn severity_heading(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "Errors",
        Severity::Warning => "Warnings",
        Severity::Info => "Info",
    }
}
