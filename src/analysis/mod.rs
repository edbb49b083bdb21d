//! The analysis: one pure function, [`analyze`], from a model to every figure Opmodel shows —
//! per-service decisions, rotas, costs, coverage and findings (SPEC section 2).
//!
//! It is cheap enough to run after every edit, so nothing here is incremental. The result
//! serialises to exactly the JSON report of SPEC section 4; fields only the GUI needs are
//! skipped there.

mod availability;
mod ceiling;
mod cost;
mod coverage;
mod findings;
mod graph;
mod rotas;

use std::collections::HashMap;

use serde::Serialize;

use crate::model::{Model, OperatingModel, OutOfHours};

pub use availability::{AvailabilitySource, Deployment, out_of_hours_level};
pub use findings::{FindingCode, Severity};

/// Everything Opmodel works out about a model.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Analysis {
    pub name: String,
    pub currency: String,
    pub totals: Totals,
    pub coverage: Coverage,
    pub baselines: Baselines,
    pub rotas: Vec<Rota>,
    pub services: Vec<ServiceFigures>,
    pub teams: Vec<TeamFigures>,
    pub domains: Vec<DomainFigures>,
    pub findings: Vec<Finding>,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize)]
pub struct Totals {
    pub annual_cost: f64,
    pub standby_cost: f64,
    pub callout_cost: f64,
    pub teams: usize,
    pub services: usize,
    pub rotas: usize,
}

/// Shares between 0 and 1.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct Coverage {
    /// Services with an owner ÷ all services.
    pub ownership: f64,
    /// Covered services ÷ services that need cover (including orphans).
    pub on_call: f64,
}

/// The R(n) vs R(1) comparison: standby if every product team ran its own rota, and if one
/// operations rota ran everything.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct Baselines {
    pub all_team_rotas: f64,
    pub single_ops_rota: f64,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum RotaKind {
    Team,
    Domain,
    Ops,
}

impl RotaKind {
    pub fn label(self) -> &'static str {
        match self {
            RotaKind::Team => "team",
            RotaKind::Domain => "domain",
            RotaKind::Ops => "ops",
        }
    }
}

/// An on-call rota, derived from who owns which services at which level.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Rota {
    /// `team:<team-id>`, `domain:<domain-id>` or `ops:<team-id>`.
    pub id: String,
    pub kind: RotaKind,
    pub name: String,
    /// People who share the rota.
    pub pool: u64,
    /// One week on call in this many.
    pub frequency_weeks: u64,
    pub healthy: bool,
    /// The services it covers, in file order.
    pub services: Vec<String>,
    pub standby_cost: f64,
    pub callout_cost: f64,
    pub annual_cost: f64,
    /// The team or domain the rota belongs to.
    #[serde(skip)]
    pub owner: String,
}

/// Whether a service has the out-of-hours cover it needs.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
pub enum Cover {
    Covered,
    Understaffed,
    Uncovered,
    NotRequired,
}

impl Cover {
    pub fn label(self) -> &'static str {
        match self {
            Cover::Covered => "Covered",
            Cover::Understaffed => "Understaffed",
            Cover::Uncovered => "Uncovered",
            Cover::NotRequired => "Not required",
        }
    }
}

/// The figures for one service, in model order.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ServiceFigures {
    pub id: String,
    pub owner: Option<String>,
    pub availability: f64,
    /// Where the availability came from.
    #[serde(skip)]
    pub availability_source: AvailabilitySource,
    pub tolerable_downtime_per_week_s: f64,
    pub deployment: Deployment,
    pub recommended_operating_model: OperatingModel,
    pub operating_model: OperatingModel,
    pub out_of_hours: OutOfHours,
    pub cover: Cover,
    pub rota: Option<String>,
    pub annual_cost: f64,
    pub projected_annual_loss: f64,
    pub availability_ceiling: f64,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct TeamFigures {
    pub id: String,
    pub annual_cost: f64,
    /// How many services the team owns.
    pub services: usize,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct DomainFigures {
    pub id: String,
    pub annual_cost: f64,
}

/// Something in the model worth a person's attention.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Finding {
    pub severity: Severity,
    pub code: FindingCode,
    /// The service, team or rota id it is about; empty for the whole model.
    pub subject: String,
    pub message: String,
}

impl Analysis {
    pub fn service(&self, id: &str) -> Option<&ServiceFigures> {
        self.services.iter().find(|s| s.id == id)
    }

    pub fn rota(&self, id: &str) -> Option<&Rota> {
        self.rotas.iter().find(|r| r.id == id)
    }

    pub fn team(&self, id: &str) -> Option<&TeamFigures> {
        self.teams.iter().find(|t| t.id == id)
    }

    pub fn domain(&self, id: &str) -> Option<&DomainFigures> {
        self.domains.iter().find(|d| d.id == id)
    }

    pub fn count(&self, severity: Severity) -> usize {
        self.findings
            .iter()
            .filter(|f| f.severity == severity)
            .count()
    }
}

/// Positions of entities by id, built once per analysis.
pub(crate) struct Index<'m> {
    pub services: HashMap<&'m str, usize>,
    /// For each service, its owning team's position.
    pub owner: Vec<Option<usize>>,
    /// For each team, its domain's position.
    pub team_domain: Vec<Option<usize>>,
}

impl<'m> Index<'m> {
    fn new(model: &'m Model) -> Self {
        let positions = |ids: &mut dyn Iterator<Item = &'m str>| {
            ids.enumerate()
                .map(|(i, id)| (id, i))
                .collect::<HashMap<_, _>>()
        };
        let teams = positions(&mut model.teams.iter().map(|t| t.id.as_str()));
        let domains = positions(&mut model.domains.iter().map(|d| d.id.as_str()));
        let services = positions(&mut model.services.iter().map(|s| s.id.as_str()));
        let owner = model
            .services
            .iter()
            .map(|s| s.owner.as_deref().and_then(|o| teams.get(o).copied()))
            .collect();
        let team_domain = model
            .teams
            .iter()
            .map(|t| t.domain.as_deref().and_then(|d| domains.get(d).copied()))
            .collect();
        Index {
            services,
            owner,
            team_domain,
        }
    }
}

/// Works out every figure for `model`. Pure: the same model always gives the same analysis.
pub fn analyze(model: &Model) -> Analysis {
    let index = Index::new(model);
    let decisions = availability::decide_all(model);
    let dependencies = graph::DependencyGraph::new(model, &index);
    let mut plan = rotas::plan(model, &index, &decisions);
    let costs = cost::costs(model, &index, &mut plan);
    let ceilings = ceiling::availability_ceilings(&dependencies, &decisions);

    let services = model
        .services
        .iter()
        .enumerate()
        .map(|(i, service)| {
            let decision = &decisions[i];
            ServiceFigures {
                id: service.id.clone(),
                owner: service.owner.clone(),
                availability: decision.availability,
                availability_source: decision.source,
                tolerable_downtime_per_week_s: availability::tolerable_downtime_per_week_s(
                    decision.availability,
                ),
                deployment: decision.deployment,
                recommended_operating_model: decision.recommended,
                operating_model: decision.operating_model,
                out_of_hours: decision.out_of_hours,
                cover: plan.cover[i].cover(),
                rota: plan.cover[i].rota().map(|r| plan.rotas[r].id.clone()),
                annual_cost: costs.line_items[i],
                projected_annual_loss: availability::projected_annual_loss(
                    service.exposure_per_hour,
                    decision.availability,
                    model.settings.weeks_per_year,
                ),
                availability_ceiling: ceilings[i],
            }
        })
        .collect();

    let findings = findings::findings(model, &index, &decisions, &plan, &dependencies);
    let rota_count = plan.rotas.len();
    Analysis {
        name: model.name.clone(),
        currency: model.settings.currency.clone(),
        totals: Totals {
            annual_cost: costs.annual,
            standby_cost: costs.standby,
            callout_cost: costs.callout,
            teams: model.teams.len(),
            services: model.services.len(),
            rotas: rota_count,
        },
        coverage: coverage::coverage(&plan.cover),
        baselines: cost::baselines(model, &index),
        rotas: plan.rotas,
        services,
        teams: costs.teams,
        domains: costs.domains,
        findings,
    }
}
