//! Rotas between two models (SPEC 8.1): which were added, removed or changed (a rota is
//! changed when its pool, frequency, services or cost differ), and how many weeks a year
//! each team's people spend on call, which is what a change of rotas means to them.

use std::collections::{HashMap, HashSet};

use serde::Serialize;

use super::words::Names;
use crate::analysis::{Analysis, Id, Rota};
use crate::format::{grouped, trimmed};
use crate::model::Model;

/// A rota in both models whose pool, frequency, services or cost changed.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct RotaChange {
    /// The rota's id, the same in both models.
    pub id: String,
    /// People who share the rota in `a` and in `b`.
    pub pool_a: u64,
    pub pool_b: u64,
    /// One week on call in this many, in `a` and in `b`.
    pub frequency_weeks_a: u64,
    pub frequency_weeks_b: u64,
    /// Weeks a year each person spends on call, in `a` and in `b`.
    pub weeks_on_call_per_person_a: f64,
    pub weeks_on_call_per_person_b: f64,
    /// Whether its pool reaches the minimum rota size, in `a` and in `b`.
    pub healthy_a: bool,
    pub healthy_b: bool,
    /// How many services it covers, in `a` and in `b`.
    pub services_a: usize,
    pub services_b: usize,
    /// Services it covers in `b` but not in `a`, and the other way round, in file order.
    pub services_added: Vec<String>,
    pub services_removed: Vec<String>,
    /// The rota's cost in a year, in `a` and in `b`.
    pub annual_cost_a: f64,
    pub annual_cost_b: f64,
    /// Only what changed, in words (see [`RotaChange::what_changed`]).
    #[serde(skip)]
    summary: String,
}

impl RotaChange {
    /// Only what changed, services by name: "pool 4 → 11, 1 in 4 → 1 in 11, 13 → 4.7 weeks
    /// each, services 1 → 2 (+Payments), cost 26,240 → 26,840".
    pub fn what_changed(&self) -> &str {
        &self.summary
    }

    /// `Some(true)` when the rota became healthy, `Some(false)` when it stopped being so.
    pub fn became_healthy(&self) -> Option<bool> {
        (self.healthy_a != self.healthy_b).then_some(self.healthy_b)
    }
}

/// Whether two costs differ by more than the rounding of adding them up in another order.
pub(crate) fn differs(x: f64, y: f64) -> bool {
    (x - y).abs() > 1e-9 * x.abs().max(y.abs()).max(1.0)
}

/// How a rota in both models changed, or `None` when its pool, frequency, services and
/// cost are all the same.
pub(crate) fn rota_change(old: &Rota, new: &Rota, names: &Names) -> Option<RotaChange> {
    let missing = |these: &[Id], those: &[Id]| -> Vec<String> {
        let those: HashSet<&Id> = those.iter().collect();
        these
            .iter()
            .filter(|id| !those.contains(id))
            .map(|id| id.to_string())
            .collect()
    };
    let services_added = missing(&new.services, &old.services);
    let services_removed = missing(&old.services, &new.services);
    let changed = old.pool != new.pool
        || old.frequency_weeks != new.frequency_weeks
        || !services_added.is_empty()
        || !services_removed.is_empty()
        || differs(old.annual_cost, new.annual_cost);
    if !changed {
        return None;
    }
    let mut parts = Vec::new();
    if old.pool != new.pool {
        parts.push(format!("pool {} → {}", old.pool, new.pool));
    }
    if old.frequency_weeks != new.frequency_weeks {
        parts.push(format!(
            "1 in {} → 1 in {}",
            old.frequency_weeks, new.frequency_weeks
        ));
    }
    let (weeks_a, weeks_b) = (
        trimmed(old.weeks_on_call_per_person, 1),
        trimmed(new.weeks_on_call_per_person, 1),
    );
    if weeks_a != weeks_b {
        parts.push(format!("{weeks_a} → {weeks_b} weeks each"));
    }
    if old.healthy != new.healthy {
        parts.push(
            if new.healthy {
                "unhealthy → healthy"
            } else {
                "healthy → unhealthy"
            }
            .to_owned(),
        );
    }
    if !services_added.is_empty() || !services_removed.is_empty() {
        let moved: Vec<String> = (services_added
            .iter()
            .map(|id| format!("+{}", names.service(id))))
        .chain(
            services_removed
                .iter()
                .map(|id| format!("−{}", names.service(id))),
        )
        .collect();
        parts.push(format!(
            "services {} → {} ({})",
            old.services.len(),
            new.services.len(),
            moved.join(", ")
        ));
    }
    let (cost_a, cost_b) = (grouped(old.annual_cost), grouped(new.annual_cost));
    if cost_a != cost_b {
        parts.push(format!("cost {cost_a} → {cost_b}"));
    }
    Some(RotaChange {
        id: new.id.to_string(),
        pool_a: old.pool,
        pool_b: new.pool,
        frequency_weeks_a: old.frequency_weeks,
        frequency_weeks_b: new.frequency_weeks,
        weeks_on_call_per_person_a: old.weeks_on_call_per_person,
        weeks_on_call_per_person_b: new.weeks_on_call_per_person,
        healthy_a: old.healthy,
        healthy_b: new.healthy,
        services_a: old.services.len(),
        services_b: new.services.len(),
        services_added,
        services_removed,
        annual_cost_a: old.annual_cost,
        annual_cost_b: new.annual_cost,
        summary: parts.join(", "),
    })
}

/// The rotas of `b` that `a` lacks (in `b`'s order), those of `a` that `b` lacks (in `a`'s
/// order), and those in both that changed (in `b`'s order).
pub(crate) fn rota_differences(
    a: &Analysis,
    b: &Analysis,
    names: &Names,
) -> (Vec<String>, Vec<String>, Vec<RotaChange>) {
    let in_a: HashMap<&str, &Rota> = a.rotas.iter().map(|r| (&*r.id, r)).collect();
    let in_b: HashSet<&str> = b.rotas.iter().map(|r| &*r.id).collect();
    let (mut added, mut changed) = (Vec::new(), Vec::new());
    for rota in &b.rotas {
        match in_a.get(&*rota.id) {
            None => added.push(rota.id.to_string()),
            Some(old) => changed.extend(rota_change(old, rota, names)),
        }
    }
    let removed = a
        .rotas
        .iter()
        .filter(|r| !in_b.contains(&*r.id))
        .map(|r| r.id.to_string())
        .collect();
    (added, removed, changed)
}

/// For each team of `model`, in file order, the rota its people are on and the weeks a
/// year each of them spends on call there: a team's own team or operations rota, else its
/// domain's rota (SPEC 2.2: a domain rota's pool is every product team of the domain
/// without a team rota); `None` when they are on no rota.
pub fn team_rotas<'r>(model: &Model, report: &'r Analysis) -> Vec<Option<&'r Rota>> {
    let rotas: HashMap<&str, &Rota> = report.rotas.iter().map(|r| (&*r.id, r)).collect();
    model
        .teams
        .iter()
        .map(|team| {
            let own = if team.is_operations() { "ops" } else { "team" };
            rotas
                .get(&*format!("{own}:{}", team.id))
                .or_else(|| {
                    let domain = team.domain.as_deref().filter(|_| !team.is_operations())?;
                    rotas.get(&*format!("domain:{domain}"))
                })
                .copied()
        })
        .collect()
}
