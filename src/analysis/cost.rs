//! Cost (SPEC 2.3): standby and callout pay per rota, the per-service line items that split
//! each rota's cost, team and domain totals, and the R(n) vs R(1) baselines.

use super::rotas::RotaPlan;
use super::{Baselines, DomainFigures, Index, RotaKind, TeamFigures};
use crate::model::{Model, Pay, Settings};

pub(crate) struct Costs {
    /// Each service's share of its rota's cost, in model order.
    pub line_items: Vec<f64>,
    pub standby: f64,
    pub callout: f64,
    pub annual: f64,
    pub teams: Vec<TeamFigures>,
    pub domains: Vec<DomainFigures>,
}

pub(crate) fn pay(settings: &Settings, kind: RotaKind) -> Pay {
    match kind {
        RotaKind::Team | RotaKind::Domain => settings.product_pay,
        RotaKind::Ops => settings.ops_pay,
    }
}

/// Standby for one rota for a year.
pub(crate) fn standby_per_year(settings: &Settings, pay: Pay) -> f64 {
    pay.standby_per_week * settings.weeks_per_year * f64::from(settings.people_per_shift)
}

/// Fills in each rota's costs and works out line items and team and domain totals.
pub(crate) fn costs(model: &Model, index: &Index, plan: &mut RotaPlan) -> Costs {
    let settings = &model.settings;
    let mut line_items = vec![0.0; model.services.len()];
    let mut covered_by: Vec<Vec<usize>> = vec![Vec::new(); plan.rotas.len()];
    for (s, assignment) in plan.cover.iter().enumerate() {
        if let Some(r) = assignment.rota() {
            covered_by[r].push(s);
        }
    }
    let (mut standby, mut callout, mut annual) = (0.0, 0.0, 0.0);
    for (rota, services) in plan.rotas.iter_mut().zip(&covered_by) {
        let pay = pay(settings, rota.kind);
        rota.standby_cost = standby_per_year(settings, pay);
        let standby_share = rota.standby_cost / services.len() as f64;
        rota.callout_cost = 0.0;
        for &s in services {
            let service_callout =
                model.services[s].callouts_per_year * settings.callout_hours * pay.callout_per_hour;
            rota.callout_cost += service_callout;
            line_items[s] = standby_share + service_callout;
        }
        rota.annual_cost = rota.standby_cost + rota.callout_cost;
        standby += rota.standby_cost;
        callout += rota.callout_cost;
        annual += rota.annual_cost;
    }

    let ids = index.ids();
    let mut teams: Vec<TeamFigures> = (ids.teams.iter())
        .map(|id| TeamFigures {
            id: id.clone(),
            annual_cost: 0.0,
            services: 0,
        })
        .collect();
    for (s, owner) in index.owner.iter().enumerate() {
        if let Some(t) = *owner {
            teams[t].annual_cost += line_items[s];
            teams[t].services += 1;
        }
    }
    let mut domains: Vec<DomainFigures> = (ids.domains.iter())
        .map(|id| DomainFigures {
            id: id.clone(),
            annual_cost: 0.0,
        })
        .collect();
    for (t, domain) in index.team_domain.iter().enumerate() {
        if let Some(d) = *domain {
            domains[d].annual_cost += teams[t].annual_cost;
        }
    }
    Costs {
        line_items,
        standby,
        callout,
        annual,
        teams,
        domains,
    }
}

/// R(n): a team rota for every non-operations team that owns a service; R(1): one
/// operations rota.
pub(crate) fn baselines(model: &Model, index: &Index) -> Baselines {
    let settings = &model.settings;
    let mut owns_service = vec![false; model.teams.len()];
    for t in index.owner.iter().flatten() {
        owns_service[*t] = true;
    }
    let product_teams = model
        .teams
        .iter()
        .zip(&owns_service)
        .filter(|(team, owns)| **owns && !team.is_operations())
        .count();
    Baselines {
        all_team_rotas: product_teams as f64 * standby_per_year(settings, settings.product_pay),
        single_ops_rota: standby_per_year(settings, settings.ops_pay),
    }
}
