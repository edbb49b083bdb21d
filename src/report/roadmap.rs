//! A roadmap for people (SPEC 8.3), in the terminal or as Markdown: the phases on one table
//! with their dates, days in the year, headline figures and share of the year's cost, the
//! cost of the year; then each phase after the first with its handovers and its change from
//! the phase before, as a comparison shows it.

use super::compare::{Compared, Section, changes_markdown, changes_text, sections};
use super::table::Table;
use crate::analysis::Analysis;
use crate::compare::Names;
use crate::format::{count, escaped, grouped, share};
use crate::model::Model;
use crate::roadmap::{Roadmap, RoadmapPlan, YEAR_DAYS};

/// The phases side by side, and the cost of the year on the last row.
pub fn roadmap_phases(plan: &RoadmapPlan) -> Table {
    let currency = &plan.currency;
    let annual_cost = format!("Annual cost ({currency})");
    let mut table = Table::default().left(["Phase", "From", "To"]).right([
        "Days",
        &annual_cost,
        "Cost in the year",
        "Ownership",
        "On-call coverage",
        "Rotas",
        "Errors",
    ]);
    for phase in &plan.phases {
        let figures = &phase.figures;
        table.row(vec![
            phase.name.clone(),
            phase.start.to_string(),
            // The last day of the phase, as people count them.
            phase.end.plus_days(-1).to_string(),
            phase.days.to_string(),
            grouped(figures.annual_cost),
            grouped(phase.cost_in_the_year),
            share(figures.ownership),
            share(figures.on_call),
            figures.rotas.to_string(),
            figures.errors.to_string(),
        ]);
    }
    table.row(vec![
        "Cost of the year".to_owned(),
        plan.start.to_string(),
        plan.end.plus_days(-1).to_string(),
        YEAR_DAYS.to_string(),
        String::new(),
        grouped(plan.cost_of_the_year),
        String::new(),
        String::new(),
        String::new(),
        String::new(),
    ]);
    table
}

/// The handovers of phase `i`: each service whose owner or operating model changes, from
/// what to what.
pub fn roadmap_handovers(plan: &RoadmapPlan, i: usize, names: &Names) -> Table {
    let mut table = Table::default().left(["Service", "Owner", "Operating model"]);
    let owner = |id: &Option<String>| {
        id.as_deref()
            .map_or_else(|| "no owner".to_owned(), |id| names.team(id).to_owned())
    };
    for handover in &plan.phases[i].handovers {
        let (before, after) = (owner(&handover.owner_before), owner(&handover.owner_after));
        let owners = (before.as_str(), after.as_str());
        let models = (
            handover.operating_model_before.label(),
            handover.operating_model_after.label(),
        );
        let change = |(before, after): (&str, &str)| {
            if before == after {
                before.to_owned()
            } else {
                format!("{before} → {after}")
            }
        };
        table.row(vec![
            names.service(&handover.service).to_owned(),
            change(owners),
            change(models),
        ]);
    }
    table
}

/// Phase `i` and the phase before it, as a comparison of the two, columns headed by the
/// phases' names.
fn change<'a>(roadmap: &'a Roadmap, plan: &'a RoadmapPlan, i: usize) -> Option<Compared<'a>> {
    let delta = plan.phases[i].change.as_ref()?;
    let (before, after) = (&plan.phases[i - 1], &plan.phases[i]);
    let models: Vec<&Model> = vec![&roadmap.phases[i - 1].model, &roadmap.phases[i].model];
    let reports: Vec<&Analysis> = vec![&before.report, &after.report];
    Some(Compared::from_parts(
        models,
        reports,
        vec![delta],
        vec![before.name.clone(), after.name.clone()],
        vec!["Change".to_owned()],
    ))
}

/// Phase `i`'s change from the phase before as the comparison's parts: the figures side by
/// side, then the sections (rotas, weeks on call, findings, what changed, cover costs);
/// none for the first phase.
pub fn roadmap_change_parts(
    roadmap: &Roadmap,
    plan: &RoadmapPlan,
    i: usize,
) -> Option<(Table, Vec<Section>)> {
    let compared = change(roadmap, plan, i)?;
    Some((compared.figures(), sections(&compared)))
}

/// "Domain rotas, from 2027-04-05 to 2027-10-03 (182 days): domain-rotas.ron".
fn phase_line(plan: &RoadmapPlan, i: usize) -> String {
    let phase = &plan.phases[i];
    format!(
        "Phase {}: {}, from {} to {} ({}), the model {} ({})",
        i + 1,
        escaped(&phase.name),
        phase.start,
        phase.end.plus_days(-1),
        count(phase.days as usize, "day", "days"),
        escaped(&phase.model_name),
        escaped(&phase.model),
    )
}

/// "3 phases over the 365 days from 2027-01-04; the cost of the year is GBP 28,601.", the
/// cost between `emphasis` marks.
pub fn roadmap_headline(plan: &RoadmapPlan, emphasis: &str) -> String {
    format!(
        "{} over the {YEAR_DAYS} days from {}; the cost of the year is {emphasis}{} {}{emphasis}.\n\n",
        count(plan.phases.len(), "phase", "phases"),
        plan.start,
        plan.currency,
        grouped(plan.cost_of_the_year)
    )
}

/// Names of every phase's teams and services.
pub fn roadmap_names(roadmap: &Roadmap, plan: &RoadmapPlan) -> Names {
    let models: Vec<&Model> = roadmap.phases.iter().map(|p| &p.model).collect();
    let reports: Vec<&Analysis> = plan.phases.iter().map(|p| &p.report).collect();
    Names::new(&models, &reports)
}

/// A phase after the first, as both renderings show it: its handovers and its change from
/// the phase before, named `before`.
struct PhaseChange<'a> {
    before: &'a str,
    handovers: Table,
    compared: Compared<'a>,
}

/// Each phase's line ([`phase_line`]) with, for every phase after the first, its change.
fn phase_changes<'a>(
    roadmap: &'a Roadmap,
    plan: &'a RoadmapPlan,
) -> impl Iterator<Item = (String, Option<PhaseChange<'a>>)> {
    let names = roadmap_names(roadmap, plan);
    (0..plan.phases.len()).map(move |i| {
        let change = change(roadmap, plan, i).map(|compared| PhaseChange {
            before: &plan.phases[i - 1].name,
            handovers: roadmap_handovers(plan, i, &names),
            compared,
        });
        (phase_line(plan, i), change)
    })
}

/// The terminal roadmap.
pub fn roadmap_text(roadmap: &Roadmap, plan: &RoadmapPlan) -> String {
    let name = escaped(&plan.name);
    let mut out = format!("{name}\n{}\n", "═".repeat(name.chars().count().max(1)));
    out.push_str(&roadmap_headline(plan, ""));
    out.push_str(&roadmap_phases(plan).terminal("  "));
    for (line, change) in phase_changes(roadmap, plan) {
        out.push_str(&format!("\n{line}\n"));
        let Some(change) = change else {
            out.push_str("  The first phase: where the roadmap starts.\n");
            continue;
        };
        if change.handovers.is_empty() {
            out.push_str("  Handovers: none; every service keeps its owner and operating model.\n");
        } else {
            out.push_str("  Handovers: services whose owner or operating model changes\n");
            out.push_str(&change.handovers.terminal("    "));
        }
        out.push_str(&format!("\n  Change from {}\n", escaped(change.before)));
        out.push_str(&changes_text(&change.compared, "  "));
    }
    out
}

/// The roadmap as Markdown: every part a table.
pub fn roadmap_markdown(roadmap: &Roadmap, plan: &RoadmapPlan) -> String {
    let mut out = format!("# {}\n\n", escaped(&plan.name));
    out.push_str(&roadmap_headline(plan, "**"));
    out.push_str(&roadmap_phases(plan).markdown());
    for (line, change) in phase_changes(roadmap, plan) {
        out.push_str(&format!("\n## {line}\n\n"));
        let Some(change) = change else {
            out.push_str("The first phase: where the roadmap starts.\n");
            continue;
        };
        out.push_str("### Handovers\n\n");
        if change.handovers.is_empty() {
            out.push_str("None: every service keeps its owner and operating model.\n");
        } else {
            out.push_str(&change.handovers.markdown());
        }
        out.push_str(&format!("\n### Change from {}\n\n", escaped(change.before)));
        out.push_str(&changes_markdown(&change.compared, "####"));
    }
    out
}
