//! The content of a model report, shared by the terminal and Markdown renderings: the
//! headline figures, the rota, service, team and domain tables, the peak season's rotas
//! (SPEC 8.2), the cost drivers and the compliance scopes, then the findings by severity
//! with their fixes. [`body`] walks them once; each rendering only marks them up
//! ([`Markup`]).

use super::table::Table;
use super::{FindingFixes, empty};
use crate::analysis::{
    Analysis, AvailabilitySource, Cover, Finding, Rota, Severity, assumed_deployment,
};
use crate::edit::fixes::Fix;
use crate::format::{count, escaped, grouped, money, percent, share, trimmed};
use crate::model::{Model, ServiceKind};

/// One section of a report: a table, what to say instead when it is empty (SPEC 7.3: an
/// empty state says why), and a note under it.
pub struct Section {
    pub title: &'static str,
    pub table: Table,
    /// Said when the table has no rows.
    pub empty: String,
    /// A second table shown in place of an empty one, such as the rotas behind a bill that
    /// no single service's cover accounts for.
    pub instead: Option<Table>,
    pub note: Option<String>,
}

impl Section {
    fn new(title: &'static str, table: Table, empty: &str) -> Self {
        Section {
            title,
            table,
            empty: empty.to_owned(),
            instead: None,
            note: None,
        }
    }
}

/// The report's tables in order, each with its empty state.
pub fn sections(model: &Model, analysis: &Analysis) -> Vec<Section> {
    let mut drivers = Section::new(
        "Cost drivers (what each service's out-of-hours cover alone adds to the annual cost)",
        cost_drivers(model, analysis),
        &empty::no_cost_drivers(analysis),
    );
    if empty::shared_rotas_listed(analysis) {
        drivers.instead = Some(shared_rotas(analysis));
    }
    let mut services = Section::new("Services", services(model, analysis), "No services.");
    services.note = services_footnote(analysis);
    vec![Section {
        note: peak_outside_note(analysis),
        ..Section::new("Rotas", rotas(analysis), &empty::no_rotas(analysis))
    }]
    .into_iter()
    .chain(peak_section(analysis))
    .chain([
        services,
        Section::new("Teams", teams(model, analysis), "No teams."),
        Section::new("Domains", domains(model, analysis), "No domains."),
        drivers,
        Section::new(
            "Compliance scope",
            compliance(analysis),
            "No service has a compliance scope tag.",
        ),
    ])
    .collect()
}

/// The rotas behind the bill, when no single service's cover accounts for any of it.
fn shared_rotas(analysis: &Analysis) -> Table {
    let mut table = Table::default()
        .left(["Rota", "Kind"])
        .right(["Services", "Annual cost"]);
    for rota in &analysis.rotas {
        table.row(vec![
            format!("{} ({})", rota.name, rota.id),
            rota.kind.label().to_owned(),
            rota.services.len().to_string(),
            grouped(rota.annual_cost),
        ]);
    }
    table
}

/// Headline figures as (label, value) pairs.
pub fn summary(analysis: &Analysis) -> Vec<(&'static str, String)> {
    let totals = &analysis.totals;
    let currency = &analysis.currency;
    let needing = empty::needing_cover(analysis);
    let covered = analysis
        .services
        .iter()
        .filter(|s| s.cover == Cover::Covered)
        .count();
    let owned = analysis
        .services
        .iter()
        .filter(|s| s.owner.is_some())
        .count();
    // A bill of 0 while services go without the cover they need is not a saving: say so
    // next to the 0 (SPEC 7.3).
    let annual_cost = match empty::nothing_covered(analysis) {
        Some(why) => format!("{} ({why})", money(0.0, currency)),
        None => money(totals.annual_cost, currency),
    };
    vec![
        ("Annual on-call cost", annual_cost),
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
    rota_table(&analysis.rotas)
}

/// What the rota table's costs are when the year has a peak season.
fn peak_outside_note(analysis: &Analysis) -> Option<String> {
    let peak = analysis.peak.as_ref()?;
    Some(format!(
        "Costs for the weeks outside the peak season; the {} weeks of the peak follow.",
        trimmed(peak.weeks, 2)
    ))
}

/// The peak season's section, when the model has one.
fn peak_section(analysis: &Analysis) -> Option<Section> {
    let peak = analysis.peak.as_ref()?;
    let currency = &analysis.currency;
    let weeks = trimmed(peak.weeks, 2);
    let mut note = format!(
        "Rotas of the peak season ({weeks} weeks a year), with their cost for those weeks. Without the peak the year would cost {}; the peak adds {}. On-call coverage in the peak: {}.",
        money(peak.annual_cost_without_peak, currency),
        money(peak.extra_cost, currency),
        share(peak.coverage.on_call)
    );
    if !peak.findings.is_empty() {
        let errors: Vec<String> = peak
            .findings
            .iter()
            .map(|f| f.message.to_string())
            .collect();
        note.push_str(&format!(" Only in the peak: {}", errors.join(" ")));
    }
    Some(Section {
        title: "Peak season",
        table: rota_table(&peak.rotas),
        empty: "No rota runs in the peak season.".to_owned(),
        instead: None,
        note: Some(note),
    })
}

/// Rotas with their kind, pool, frequency, weeks on call each, health, services and costs.
pub fn rota_table(rotas: &[Rota]) -> Table {
    let mut table = Table::default()
        .left(["Rota", "Kind"])
        .right(["Pool", "1 week in", "Weeks each"])
        .left(["Healthy"])
        .right(["Services", "Standby", "Callout", "Annual cost"]);
    for rota in rotas {
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

/// A service's decisions, with the deployment and availability that put it in its cell of
/// the selector next to the recommendation, and `*` on each that was assumed (SPEC 7.2).
pub fn services(model: &Model, analysis: &Analysis) -> Table {
    let mut table = Table::default()
        .left(["Service", "Owner"])
        .right(["Availability"])
        .left([
            "Deploys",
            "Recommended",
            "Operating model",
            "Out of hours",
            "Cover",
            "Rota",
        ])
        .right(["Annual cost"]);
    let marked = |text: String, assumed: bool| {
        if assumed { format!("{text} *") } else { text }
    };
    for (service, figures) in model.services.iter().zip(&analysis.services) {
        table.row(vec![
            service.id.clone(),
            figures.owner.as_deref().unwrap_or("—").to_owned(),
            marked(percent(figures.availability), figures.assumed.availability),
            marked(
                figures.deployment.label().to_owned(),
                figures.assumed.demand,
            ),
            figures.recommended_operating_model.label().to_owned(),
            figures.operating_model.label().to_owned(),
            figures.out_of_hours.label().to_owned(),
            figures.cover.label().to_owned(),
            figures.rota.as_deref().unwrap_or("—").to_owned(),
            grouped(figures.annual_cost),
        ]);
    }
    table
}

/// What the `*` of the services table means, when some value in it was assumed.
pub fn services_footnote(analysis: &Analysis) -> Option<String> {
    let availability = analysis.services.iter().find(|s| s.assumed.availability);
    let demand = analysis.services.iter().any(|s| s.assumed.demand);
    let mut assumptions = Vec::new();
    if let Some(service) = availability {
        let taken = match service.availability_source {
            AvailabilitySource::NoBands => "the default",
            _ => "the lowest band's",
        };
        assumptions.push(format!(
            "with no availability target or exposure, {taken} {}",
            percent(service.availability)
        ));
    }
    if demand {
        assumptions.push(format!(
            "with an unknown demand, {} deploys for a digital service and {} for COTS and foundational ones",
            assumed_deployment(ServiceKind::Digital).label().to_lowercase(),
            assumed_deployment(ServiceKind::Cots).label().to_lowercase()
        ));
    }
    (!assumptions.is_empty()).then(|| {
        format!(
            "Values marked * are assumed until assessed: {}. The selector recommends Ops Run It for monthly or fortnightly deploys at up to 99.9 %, and You Build It You Run It otherwise.",
            assumptions.join("; ")
        )
    })
}

pub fn teams(model: &Model, analysis: &Analysis) -> Table {
    let mut table = Table::default()
        .left(["Team", "Kind"])
        .right(["Members"])
        .left(["Domain"])
        .right(["Services", "Annual cost"]);
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
    let mut table = Table::default().left(["Domain"]).right(["Annual cost"]);
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
    let mut table = Table::default()
        .left(["Service", "Owner", "Rota"])
        .right(["Cover cost", "Share of total"]);
    for figures in analysis.cost_drivers(COST_DRIVERS) {
        table.row(vec![
            crate::format::entity_label(model.display_name(&figures.id), &figures.id),
            figures
                .owner
                .as_deref()
                .map_or("—", |owner| model.display_name(owner))
                .to_owned(),
            figures
                .rota
                .as_deref()
                .and_then(|rota| analysis.rota(rota))
                .map_or_else(
                    || "—".to_owned(),
                    |rota| format!("{} ({})", rota.name, rota.kind.label()),
                ),
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
    let mut table = Table::default().left(["Scope", "Services"]).right([
        "YBIYRI",
        "Ops Run It",
        "Need cover",
        "Covered",
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

/// How a model report's body is marked up: aligned for a terminal, or as Markdown.
#[derive(Clone, Copy)]
pub enum Markup {
    Terminal,
    Markdown,
}

/// A part of a model report's body.
enum Part<'a> {
    /// A section's title, or the findings' heading.
    Heading(&'a str),
    /// A table with rows, or the one shown in place of an empty one.
    Table(&'a Table),
    /// What a section with no rows says instead, the note under a section, or what is said
    /// when there are no findings at all.
    Paragraph(&'a str),
    /// The heading of one severity's findings, with how many there are.
    Severity(&'a str, usize),
    /// A finding, by its code and message.
    Finding(&'a str, &'a str),
    /// A fix of the finding above it, by its label and effect.
    Fix(&'a str, &'a str),
}

impl Markup {
    /// `part` marked up: each part's two renderings side by side.
    fn mark(self, part: Part) -> String {
        use Markup::{Markdown, Terminal};
        match (self, part) {
            (Terminal, Part::Heading(title)) => format!("\n{title}\n"),
            (Markdown, Part::Heading(title)) => format!("\n## {title}\n"),
            (Terminal, Part::Table(table)) => table.terminal("  "),
            (Markdown, Part::Table(table)) => format!("\n{}", table.markdown()),
            (Terminal, Part::Paragraph(text)) => format!("  {text}\n"),
            (Markdown, Part::Paragraph(text)) => format!("\n{text}\n"),
            (Terminal, Part::Severity(heading, count)) => format!("  {heading} ({count})\n"),
            (Markdown, Part::Severity(heading, count)) => format!("\n### {heading} ({count})\n\n"),
            (Terminal, Part::Finding(code, message)) => format!("    [{code}] {message}\n"),
            (Markdown, Part::Finding(code, message)) => format!("- **{code}**: {message}\n"),
            (Terminal, Part::Fix(label, effect)) => format!("      fix: {label} ({effect})\n"),
            (Markdown, Part::Fix(label, effect)) => format!("  - Fix: {label} ({effect})\n"),
        }
    }
}

/// The report's sections and its findings by severity, each finding with its fixes, in
/// `markup`.
pub fn body(model: &Model, analysis: &Analysis, fixes: &FindingFixes, markup: Markup) -> String {
    let mut out = String::new();
    let mut add = |part: Part<'_>| out.push_str(&markup.mark(part));
    for section in sections(model, analysis) {
        add(Part::Heading(section.title));
        if section.table.is_empty() {
            add(Part::Paragraph(&section.empty));
            if let Some(instead) = &section.instead {
                add(Part::Table(instead));
            }
        } else {
            add(Part::Table(&section.table));
        }
        if let Some(note) = &section.note {
            add(Part::Paragraph(note));
        }
    }
    add(Part::Heading("Findings"));
    if analysis.findings.is_empty() {
        add(Part::Paragraph(
            "No findings: every service is owned and covered.",
        ));
    }
    for severity in Severity::ALL {
        let findings = findings_of(analysis, severity);
        if findings.is_empty() {
            continue;
        }
        add(Part::Severity(severity_heading(severity), findings.len()));
        for (index, finding) in findings {
            add(Part::Finding(
                finding.code.as_str(),
                &finding.message.to_string(),
            ));
            for fix in fixes_of(fixes, index) {
                add(Part::Fix(
                    &escaped(&fix.label),
                    &fix.effect.describe(&analysis.currency),
                ));
            }
        }
    }
    out
}

/// Findings of one severity, in report order, with their positions in the analysis.
pub fn findings_of(analysis: &Analysis, severity: Severity) -> Vec<(usize, &Finding)> {
    analysis
        .findings
        .iter()
        .enumerate()
        .filter(|(_, f)| f.severity == severity)
        .collect()
}

/// The fixes listed for the finding at `index`, best first; none when it has none.
pub fn fixes_of(fixes: &FindingFixes, index: usize) -> &[Fix] {
    fixes
        .binary_search_by_key(&index, |(i, _)| *i)
        .map_or(&[], |found| &fixes[found].1)
}

/// "Errors", "Warnings", "Info".
pub fn severity_heading(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "Errors",
        Severity::Warning => "Warnings",
        Severity::Info => "Info",
    }
}
