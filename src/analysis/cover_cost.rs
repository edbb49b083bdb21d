//! Cover costs (SPEC section 5): for each service, how much the annual total would fall if it
//! needed no out-of-hours cover — the cost that service drives.
//!
//! The rule is a full recomputation (the total minus the total with the service set to `Off`),
//! but only two things can change when one service leaves its rota: that rota, and — when the
//! service is the last one keeping its team's rota alive — the domain rota the team's other
//! services then move to. Pools never change a cost, so every service's figure is worked out
//! from the one rota plan in constant time, and stays live on a model of thousands.

use super::availability::Decision;
use super::cost::{pay, standby_per_year};
use super::rotas::RotaPlan;
use super::{Index, RotaKind};
use crate::model::{Model, OutOfHours};

/// Each service's cover cost, in model order. Rotas' costs must already be filled in.
pub(crate) fn cover_costs(
    model: &Model,
    index: &Index,
    decisions: &[Decision],
    plan: &RotaPlan,
) -> Vec<f64> {
    let settings = &model.settings;
    // A team rota exists while its team owns one You Build It You Run It service at team
    // level; these are the services that keep it, counted per team.
    let keeps_team_rota = |s: usize| {
        index.owner[s].is_some_and(|t| {
            !model.teams[t].is_operations()
                && decisions[s].is_ybiyri()
                && decisions[s].out_of_hours == OutOfHours::Team
        })
    };
    let mut keepers = vec![0_usize; model.teams.len()];
    let mut domain_rota_open = vec![false; model.domains.len()];
    for (s, assignment) in plan.cover.iter().enumerate() {
        if keeps_team_rota(s)
            && let Some(t) = index.owner[s]
        {
            keepers[t] += 1;
        }
        if let (Some(r), Some(t)) = (assignment.rota(), index.owner[s])
            && plan.rotas[r].kind == RotaKind::Domain
            && let Some(d) = index.team_domain[t]
        {
            domain_rota_open[d] = true;
        }
    }

    plan.cover
        .iter()
        .enumerate()
        .map(|(s, assignment)| {
            let Some(r) = assignment.rota() else {
                return 0.0;
            };
            let rota = &plan.rotas[r];
            let own_callout = model.services[s].callouts_per_year
                * settings.callout_hours
                * pay(settings, rota.kind).callout_per_hour;
            let alone = rota.services.len() == 1;
            let last_keeper = rota.kind == RotaKind::Team
                && keeps_team_rota(s)
                && index.owner[s].is_some_and(|t| keepers[t] == 1);
            if alone || !last_keeper {
                return own_callout + if alone { rota.standby_cost } else { 0.0 };
            }
            // The team rota closes and its other (domain-level) services move to the team's
            // domain rota, at the same product pay, opening it if it was not open yet; with no
            // domain they are left uncovered and their callouts cost nothing.
            let team = index.owner[s].expect("a team rota's service has an owner");
            match index.team_domain[team] {
                Some(d) if domain_rota_open[d] => rota.standby_cost + own_callout,
                Some(_) => {
                    rota.standby_cost + own_callout
                        - standby_per_year(settings, settings.product_pay)
                }
                None => rota.annual_cost,
            }
        })
        .collect()
}
