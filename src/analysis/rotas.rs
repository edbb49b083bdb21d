//! Rotas and cover (SPEC 2.1 rule 6 and 2.2): which team, domain and operations rotas exist,
//! who is in each pool, and which rota, if any, covers each service out of hours.

use super::availability::Decision;
use super::{Cover, Id, Index, Rota, RotaKind};
use crate::model::{Model, OutOfHours, Settings};

/// Why a service that needs out-of-hours cover gets none.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum UncoveredReason {
    /// A You Build It You Run It service owned by an operations team.
    OperationsOwnsYbiyri,
    /// A domain-level service whose owner has no team rota and no domain.
    OwnerHasNoDomain,
    /// An Ops Run It service whose owner is not an operations team.
    OwnerNotOperations,
}

/// How one service is covered out of hours.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Assignment {
    /// No owning team: uncovered whatever its level.
    NoOwner,
    NotRequired,
    OnRota {
        rota: usize,
        understaffed: bool,
    },
    Uncovered(UncoveredReason),
}

impl Assignment {
    pub fn cover(self) -> Cover {
        match self {
            Assignment::NoOwner | Assignment::Uncovered(_) => Cover::Uncovered,
            Assignment::NotRequired => Cover::NotRequired,
            Assignment::OnRota {
                understaffed: true, ..
            } => Cover::Understaffed,
            Assignment::OnRota { .. } => Cover::Covered,
        }
    }

    pub fn rota(self) -> Option<usize> {
        match self {
            Assignment::OnRota { rota, .. } => Some(rota),
            _ => None,
        }
    }
}

pub(crate) struct RotaPlan {
    /// Team rotas, then domain rotas, then operations rotas, each in file order. Costs are
    /// filled in by the cost module.
    pub rotas: Vec<Rota>,
    /// For each service, in model order.
    pub cover: Vec<Assignment>,
    /// For each team: does it run its own team rota?
    pub team_has_rota: Vec<bool>,
}

/// Where a service goes before rotas are numbered.
#[derive(Clone, Copy)]
enum Target {
    Team(usize),
    Domain(usize),
    Ops(usize),
}

pub(crate) fn plan(model: &Model, index: &Index, decisions: &[Decision]) -> RotaPlan {
    let teams = &model.teams;
    let mut team_has_rota = vec![false; teams.len()];
    for (s, decision) in decisions.iter().enumerate() {
        if let Some(t) = index.owner[s]
            && decision.is_ybiyri()
            && decision.out_of_hours == OutOfHours::Team
            && !teams[t].is_operations()
        {
            team_has_rota[t] = true;
        }
    }

    let mut targets: Vec<Result<Target, Assignment>> = Vec::with_capacity(decisions.len());
    for (s, decision) in decisions.iter().enumerate() {
        let Some(t) = index.owner[s] else {
            targets.push(Err(Assignment::NoOwner));
            continue;
        };
        let operations = teams[t].is_operations();
        let target = match (decision.out_of_hours, decision.is_ybiyri()) {
            (OutOfHours::Off, _) => Err(Assignment::NotRequired),
            (_, true) if operations => {
                Err(Assignment::Uncovered(UncoveredReason::OperationsOwnsYbiyri))
            }
            (OutOfHours::Team, true) => Ok(Target::Team(t)),
            (OutOfHours::Domain, true) if team_has_rota[t] => Ok(Target::Team(t)),
            (OutOfHours::Domain, true) => match index.team_domain[t] {
                Some(d) => Ok(Target::Domain(d)),
                None => Err(Assignment::Uncovered(UncoveredReason::OwnerHasNoDomain)),
            },
            (_, false) if operations => Ok(Target::Ops(t)),
            (_, false) => Err(Assignment::Uncovered(UncoveredReason::OwnerNotOperations)),
        };
        targets.push(target);
    }

    // Services per rota, in file order, keyed by kind and owner position.
    let mut team_services = vec![Vec::new(); teams.len()];
    let mut domain_services = vec![Vec::new(); model.domains.len()];
    let mut ops_services = vec![Vec::new(); teams.len()];
    for (s, target) in targets.iter().enumerate() {
        match target {
            Ok(Target::Team(t)) => team_services[*t].push(s),
            Ok(Target::Domain(d)) => domain_services[*d].push(s),
            Ok(Target::Ops(t)) => ops_services[*t].push(s),
            Err(_) => {}
        }
    }

    let mut domain_pool = vec![0_u64; model.domains.len()];
    for (t, team) in teams.iter().enumerate() {
        if let Some(d) = index.team_domain[t]
            && !team.is_operations()
            && !team_has_rota[t]
        {
            domain_pool[d] += u64::from(team.members);
        }
    }

    let settings = &model.settings;
    let new_rota =
        |kind: RotaKind, owner_id: &Id, name: &str, pool: u64, services: &[usize]| Rota {
            id: Id::from(format!("{}:{owner_id}", kind.label())),
            kind,
            name: name.to_owned(),
            pool,
            frequency_weeks: pool / u64::from(settings.people_per_shift.max(1)),
            weeks_on_call_per_person: weeks_on_call_per_person(settings, pool),
            healthy: pool >= u64::from(settings.min_rota_size),
            services: services
                .iter()
                .map(|&s| index.ids().services[s].clone())
                .collect(),
            standby_cost: 0.0,
            callout_cost: 0.0,
            annual_cost: 0.0,
            owner: owner_id.clone(),
        };

    let mut rotas = Vec::new();
    let mut cover: Vec<Assignment> = targets
        .iter()
        .map(|target| target.err().unwrap_or(Assignment::NotRequired))
        .collect();
    let mut assign = |rotas: &mut Vec<Rota>, rota: Rota, services: &[usize]| {
        let understaffed = !rota.healthy;
        let position = rotas.len();
        rotas.push(rota);
        for &s in services {
            cover[s] = Assignment::OnRota {
                rota: position,
                understaffed,
            };
        }
    };
    // Team rotas first, then domain rotas, then operations teams' rotas: the report's order.
    for (kind, lists) in [
        (RotaKind::Team, &team_services),
        (RotaKind::Domain, &domain_services),
        (RotaKind::Ops, &ops_services),
    ] {
        for (i, services) in lists.iter().enumerate().filter(|(_, s)| !s.is_empty()) {
            let (id, name, pool) = if kind == RotaKind::Domain {
                let domain = &model.domains[i];
                (&index.ids().domains[i], &domain.name, domain_pool[i])
            } else {
                let team = &teams[i];
                (&index.ids().teams[i], &team.name, u64::from(team.members))
            };
            let rota = new_rota(kind, id, name, pool, services);
            assign(&mut rotas, rota, services);
        }
    }
    RotaPlan {
        rotas,
        cover,
        team_has_rota,
    }
}

/// How many weeks a year each person in a pool spends on call: W × people_per_shift ÷ pool,
/// 0 for an empty pool (nobody is on call, and nothing is divided by zero).
fn weeks_on_call_per_person(settings: &Settings, pool: u64) -> f64 {
    if pool == 0 {
        0.0
    } else {
        settings.weeks_per_year * f64::from(settings.people_per_shift) / pool as f64
    }
}
