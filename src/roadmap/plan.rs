//! What a roadmap's year holds (SPEC 8.3): each phase's headline figures, its change from
//! the phase before (as a comparison works it out), the days it lasts in the year, its
//! handovers (services in both phases whose owner or operating model changes), and the cost
//! of the year: Σ annual cost × days ÷ 365.

use std::collections::HashMap;

use serde::Serialize;

use super::{Date, Roadmap, YEAR_DAYS};
use crate::analysis::{Analysis, Severity, analyze};
use crate::compare::{Delta, Names, delta_named};
use crate::model::{Model, OperatingModel};

/// Everything `opmodel roadmap` reports.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct RoadmapPlan {
    /// The roadmap's name.
    pub name: String,
    /// The first phase's currency, in which the cost of the year is given.
    pub currency: String,
    /// The first day of the year: the first phase's start.
    pub start: Date,
    /// The first day after the year, 365 days later.
    pub end: Date,
    pub phases: Vec<PhasePlan>,
    /// Σ over the phases of annual cost × days ÷ 365.
    pub cost_of_the_year: f64,
}

/// One phase of the year: its dates, its model's figures and what changed from the phase
/// before.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct PhasePlan {
    /// The phase's name, as the roadmap gives it.
    pub name: String,
    /// The model's path, as the roadmap gives it.
    pub model: String,
    /// The name written in the model's file.
    pub model_name: String,
    /// The phase's first day.
    pub start: Date,
    /// The first day after the phase: the next phase's start, or the end of the year.
    pub end: Date,
    /// How many days the phase lasts, from `start` to `end`.
    pub days: i64,
    /// The model's headline figures, for the whole year as if it ran all year.
    pub figures: PhaseFigures,
    /// The phase's share of the cost of the year: annual cost × days ÷ 365.
    pub cost_in_the_year: f64,
    /// This phase − the phase before; none for the first.
    pub change: Option<Delta>,
    /// The services whose owner or operating model changes from the phase before, in this
    /// phase's file order; empty for the first.
    pub handovers: Vec<Handover>,
    /// The phase's whole analysis, for the reports and the editor.
    #[serde(skip)]
    pub report: Analysis,
}

/// A phase's headline figures, as a model report opens with them.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct PhaseFigures {
    pub annual_cost: f64,
    pub standby_cost: f64,
    pub callout_cost: f64,
    pub ownership: f64,
    pub on_call: f64,
    pub services: usize,
    pub rotas: usize,
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
}

/// A service in a phase and the phase before whose owner or effective operating model
/// changes.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Handover {
    /// The service's id.
    pub service: String,
    /// The owning team's id in the phase before and in this one; none for an orphan.
    pub owner_before: Option<String>,
    pub owner_after: Option<String>,
    pub operating_model_before: OperatingModel,
    pub operating_model_after: OperatingModel,
}

/// Works out the roadmap's year.
pub fn plan(roadmap: &Roadmap) -> RoadmapPlan {
    let models: Vec<&Model> = roadmap.phases.iter().map(|p| &p.model).collect();
    let reports: Vec<Analysis> = models.iter().map(|m| analyze(m)).collect();
    let names = Names::new(&models, &reports.iter().collect::<Vec<_>>());
    let start = roadmap.phases.first().map_or(Date::EPOCH, |p| p.start);
    let end = start.plus_days(YEAR_DAYS);
    let mut phases = Vec::with_capacity(roadmap.phases.len());
    for (i, (phase, report)) in roadmap.phases.iter().zip(&reports).enumerate() {
        let phase_end = roadmap.phases.get(i + 1).map_or(end, |next| next.start);
        let days = phase_end.days_since(phase.start);
        let before = i
            .checked_sub(1)
            .map(|b| (&roadmap.phases[b].model, &reports[b]));
        phases.push(PhasePlan {
            name: phase.name.clone(),
            model: phase.model_path.clone(),
            model_name: phase.model.name.clone(),
            start: phase.start,
            end: phase_end,
            days,
            figures: figures(report),
            cost_in_the_year: report.totals.annual_cost * days as f64 / YEAR_DAYS as f64,
            change: before
                .map(|(model, earlier)| delta_named(model, &phase.model, earlier, report, &names)),
            handovers: before.map_or_else(Vec::new, |(_, earlier)| handovers(earlier, report)),
            report: report.clone(),
        });
    }
    RoadmapPlan {
        name: roadmap.name.clone(),
        currency: reports
            .first()
            .map_or_else(String::new, |r| r.currency.clone()),
        start,
        end,
        cost_of_the_year: phases.iter().map(|p| p.cost_in_the_year).sum(),
        phases,
    }
}

fn figures(report: &Analysis) -> PhaseFigures {
    PhaseFigures {
        annual_cost: report.totals.annual_cost,
        standby_cost: report.totals.standby_cost,
        callout_cost: report.totals.callout_cost,
        ownership: report.coverage.ownership,
        on_call: report.coverage.on_call,
        services: report.totals.services,
        rotas: report.totals.rotas,
        errors: report.count(Severity::Error),
        warnings: report.count(Severity::Warning),
        infos: report.count(Severity::Info),
    }
}

/// The services of `after` that `before` has too, in `after`'s order, whose owner or
/// effective operating model differs.
fn handovers(before: &Analysis, after: &Analysis) -> Vec<Handover> {
    let earlier: HashMap<&str, _> = before.services.iter().map(|s| (&*s.id, s)).collect();
    after
        .services
        .iter()
        .filter_map(|now| {
            let then = earlier.get(&*now.id)?;
            (then.owner != now.owner || then.operating_model != now.operating_model).then(|| {
                Handover {
                    service: now.id.to_string(),
                    owner_before: then.owner.as_deref().map(str::to_owned),
                    owner_after: now.owner.as_deref().map(str::to_owned),
                    operating_model_before: then.operating_model,
                    operating_model_after: now.operating_model,
                }
            })
        })
        .collect()
}
