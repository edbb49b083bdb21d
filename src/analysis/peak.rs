//! Peak exposure (SPEC 8.2): a peak season of `peak_weeks` a year in which every service
//! with a peak exposure needs the availability of that exposure. The peak model goes through
//! the same rules as the normal one (rotas, cover, cost, cover costs, findings), each over a
//! whole year, and the annual figures blend the two: the normal model's × (W − P) / W, the
//! peak model's × P / W, so that line items still add up to the total.

use std::collections::HashMap;

use serde::Serialize;

use super::availability::{self, Decision};
use super::{
    Analysis, Coverage, Finding, FindingCode, Id, Index, Rota, Severity, cost, cover_cost,
    coverage, findings, rotas,
};
use crate::model::Model;

/// What the peak season adds to a model's year.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Peak {
    /// Weeks a year of the peak season.
    pub weeks: f64,
    /// The normal model's total over a whole year, unweighted.
    pub annual_cost_without_peak: f64,
    /// What the peak adds: the blended total − the normal one.
    pub extra_cost: f64,
    /// The peak model's rotas, with their costs weighted by P / W.
    pub rotas: Vec<Rota>,
    /// The peak model's coverage.
    pub coverage: Coverage,
    /// The peak model's error findings that the normal model does not have.
    pub findings: Vec<Finding>,
}

/// P / W when the model has a peak season: some weeks of peak and some service with a peak
/// exposure.
fn weight(model: &Model) -> Option<f64> {
    let settings = &model.settings;
    let has_peak = model
        .services
        .iter()
        .any(|s| s.peak_exposure_per_hour.is_some());
    (settings.peak_weeks > 0.0 && has_peak).then(|| settings.peak_weeks / settings.weeks_per_year)
}

/// Blends the peak season into `analysis`, the normal model's, when the model has one.
pub(crate) fn blend_in(model: &Model, index: &Index, normal: &[Decision], analysis: &mut Analysis) {
    let Some(peak_weight) = weight(model) else {
        return;
    };
    let weeks = model.settings.peak_weeks;
    let normal_weight = (model.settings.weeks_per_year - weeks) / model.settings.weeks_per_year;

    let decisions = availability::decide_peak(model, normal);
    let mut plan = rotas::plan(model, index, &decisions);
    let costs = cost::costs(model, index, &mut plan);
    let cover_costs = cover_cost::cover_costs(model, index, &decisions, &plan);
    let errors = findings::error_findings(model, index, &decisions, &plan);

    let without_peak = analysis.totals.annual_cost;
    let mixed = |normal: f64, peak: f64| normal * normal_weight + peak * peak_weight;
    for rota in &mut analysis.rotas {
        scale(rota, normal_weight);
    }
    let mut peak_rotas = plan.rotas;
    for rota in &mut peak_rotas {
        scale(rota, peak_weight);
    }
    let totals = &mut analysis.totals;
    let all = analysis.rotas.iter().chain(&peak_rotas);
    (totals.standby_cost, totals.callout_cost, totals.annual_cost) =
        all.fold((0.0, 0.0, 0.0), |(standby, callout, annual), rota| {
            (
                standby + rota.standby_cost,
                callout + rota.callout_cost,
                annual + rota.annual_cost,
            )
        });
    for ((service, line_item), cover) in analysis
        .services
        .iter_mut()
        .zip(&costs.line_items)
        .zip(&cover_costs)
    {
        service.annual_cost = mixed(service.annual_cost, *line_item);
        service.cover_cost = mixed(service.cover_cost, *cover);
    }
    for (team, peak) in analysis.teams.iter_mut().zip(&costs.teams) {
        team.annual_cost = mixed(team.annual_cost, peak.annual_cost);
    }
    for (domain, peak) in analysis.domains.iter_mut().zip(&costs.domains) {
        domain.annual_cost = mixed(domain.annual_cost, peak.annual_cost);
    }
    analysis.peak = Some(Peak {
        weeks,
        annual_cost_without_peak: without_peak,
        extra_cost: analysis.totals.annual_cost - without_peak,
        rotas: peak_rotas,
        coverage: coverage::coverage(&plan.cover),
        findings: only_in_peak(errors, &analysis.findings),
    });
}

/// A rota's costs for the share of the year it runs; its pool and weeks on call stay.
fn scale(rota: &mut Rota, weight: f64) {
    rota.standby_cost *= weight;
    rota.callout_cost *= weight;
    rota.annual_cost *= weight;
}

/// The peak's findings that the normal model does not have, matched by severity, code and
/// subject, counting repeats.
fn only_in_peak(peak: Vec<Finding>, normal: &[Finding]) -> Vec<Finding> {
    let key = |f: &Finding| (f.severity, f.code, f.subject.clone());
    let mut unmatched: HashMap<(Severity, FindingCode, Id), usize> = HashMap::new();
    for f in normal {
        *unmatched.entry(key(f)).or_default() += 1;
    }
    peak.into_iter()
        .filter(|f| match unmatched.get_mut(&key(f)) {
            Some(left) if *left > 0 => {
                *left -= 1;
                false
            }
            _ => true,
        })
        .collect()
}
