//! Why an entity stands where it does, in words: the rows of the inspector's "why" box and
//! of presentation mode's card, written once so the two always agree.

use crate::analysis::{Analysis, Cover, ServiceFigures};
use crate::format::{count, duration, money, percent, trimmed};
use crate::model::Lifecycle;

/// Each figure of a service with where it comes from, as (label, value) rows; `exposure` is
/// the service's own, so that a loss is not shown as nothing when it is not known.
pub fn service_rows(
    analysis: &Analysis,
    figures: &ServiceFigures,
    exposure: Option<f64>,
    currency: &str,
) -> Vec<(&'static str, String)> {
    let overridden = figures.operating_model != figures.recommended_operating_model;
    let rota = figures.rota.as_ref().and_then(|r| analysis.rota(r));
    let cover = match (figures.cover, rota) {
        (Cover::NotRequired, _) => "Not required: alerts wait for the next working day".to_owned(),
        (_, Some(rota)) => format!(
            "{} by {} ({} rota, {}, 1 week in {})",
            figures.cover.label(),
            rota.name,
            rota.kind.label(),
            count(rota.pool as usize, "person", "people"),
            rota.frequency_weeks
        ),
        (cover, None) => format!("{}: see the findings", cover.label()),
    };
    let lifecycle = match figures.lifecycle {
        Lifecycle::Inception => "Inception: not live yet, so it needs no out-of-hours cover",
        Lifecycle::Live => "Live",
        Lifecycle::Retiring => "Retiring: still live while it is decommissioned",
    };
    let mut rows = vec![
        ("Lifecycle", lifecycle.to_owned()),
        (
            "Availability",
            format!(
                "{} — {}",
                percent(figures.availability),
                figures.availability_source.describe()
            ),
        ),
        (
            "Downtime allowed",
            format!(
                "{} per week",
                duration(figures.tolerable_downtime_per_week_s)
            ),
        ),
        (
            "Deployment",
            format!(
                "{} ({})",
                figures.deployment.label(),
                if figures.assumed.demand {
                    "assumed: its feature demand is unknown"
                } else {
                    "from feature demand"
                }
            ),
        ),
        // One voice (SPEC 7.2): the recommendation always comes with its reason.
        (
            "Recommended",
            format!(
                "{} — {}",
                figures.recommended_operating_model.label(),
                figures.recommendation_reason().why()
            ),
        ),
        (
            "Operating model",
            format!(
                "{}{}",
                figures.operating_model.label(),
                if overridden { " (override)" } else { "" }
            ),
        ),
        ("Out of hours", figures.out_of_hours.label().to_owned()),
        ("Cover", cover),
        (
            "Line item",
            money(figures.annual_cost, currency) + " a year",
        ),
        (
            "Cover cost",
            if figures.cover_cost > 0.0 {
                money(figures.cover_cost, currency) + " a year saved if it needed no cover"
            } else {
                "none: the bill would not change without its cover".to_owned()
            },
        ),
        (
            "Projected loss",
            if exposure.is_some() {
                money(figures.projected_annual_loss, currency) + " a year"
            } else {
                "not known until its exposure per hour is set".to_owned()
            },
        ),
        (
            "Availability ceiling",
            format!(
                "{} with its dependencies",
                percent(figures.availability_ceiling)
            ),
        ),
    ];
    if let Some(line) = in_the_peak(analysis, figures) {
        rows.push(("In the peak", line));
    }
    if !figures.compliance.is_empty() {
        rows.push(("Compliance scope", figures.compliance.join(", ")));
    }
    rows
}

/// What the peak season changes for a service whose availability it raises (SPEC 8.2):
/// "6 weeks a year: 99.95 %, Team out of hours, Covered by Checkout & payments (7 people,
/// 1 week in 7)".
fn in_the_peak(analysis: &Analysis, figures: &ServiceFigures) -> Option<String> {
    let peak = analysis.peak.as_ref()?;
    let service = peak.service(&figures.id)?;
    let rota = service
        .rota
        .as_ref()
        .and_then(|id| peak.rotas.iter().find(|r| r.id == *id));
    let cover = match (service.cover, rota) {
        (Cover::NotRequired, _) => "no cover needed".to_owned(),
        (cover, Some(rota)) => format!(
            "{} by {} ({}, 1 week in {})",
            cover.label(),
            rota.name,
            count(rota.pool as usize, "person", "people"),
            rota.frequency_weeks
        ),
        (cover, None) => format!("{}: see the peak's findings", cover.label()),
    };
    Some(format!(
        "{} weeks a year: {}, {} out of hours, {cover}",
        trimmed(peak.weeks, 1),
        percent(service.availability),
        service.out_of_hours.label()
    ))
}

/// What a team owns and the rotas it runs, one sentence each.
pub fn team_lines(analysis: &Analysis, id: &str, currency: &str) -> Vec<String> {
    let owns = analysis.team(id).map(|figures| {
        format!(
            "Owns {} · {} a year",
            count(figures.services, "service", "services"),
            money(figures.annual_cost, currency)
        )
    });
    let rotas = analysis
        .rotas
        .iter()
        .filter(|r| &*r.owner == id)
        .map(|rota| {
            let health = if rota.healthy {
                "healthy"
            } else {
                "understaffed"
            };
            format!(
                "Runs the {} rota: {}, 1 week in {}, {health}, {} a year",
                rota.kind.label(),
                count(rota.pool as usize, "person", "people"),
                rota.frequency_weeks,
                money(rota.annual_cost, currency)
            )
        });
    owns.into_iter().chain(rotas).collect()
}
