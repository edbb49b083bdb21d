//! The analysis: one pure function, [`analyze`], from a model to every figure Opmodel shows —
//! per-service decisions, rotas, costs, coverage and findings (SPEC section 2), and the
//! lifecycle, compliance scope and cover costs of section 5, and the peak season of 8.2.
//!
//! It is cheap enough to run after every edit, so nothing here is incremental. The result
//! serialises to exactly the JSON report of SPEC section 4; fields only the GUI needs are
//! skipped there.

mod availability;
mod ceiling;
mod compliance;
mod cost;
mod cover_cost;
mod coverage;
mod findings;
mod graph;
pub mod parallel;
mod peak;
mod rotas;

use std::sync::{Arc, OnceLock};

use rustc_hash::FxHashMap;

use serde::Serialize;

use crate::model::{Lifecycle, Model, OperatingModel, OutOfHours};

/// An id in an analysis. Shared: one allocation per entity however often it is mentioned,
/// since the analysis of a big model names the same services thousands of times.
pub type Id = Arc<str>;

pub use availability::{
    Assumed, AvailabilitySource, Deployment, RecommendationReason, assumed_deployment,
    out_of_hours_level,
};
pub use findings::{FindingCode, FindingKey, Message, Severity};
pub use peak::{Peak, PeakService};

/// Everything Opmodel works out about a model.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Analysis {
    /// The model's name, as written in its file.
    pub name: String,
    /// The currency code every amount is in (the model's settings), such as `GBP`.
    pub currency: String,
    /// The year's on-call cost and the model's size.
    pub totals: Totals,
    pub coverage: Coverage,
    pub baselines: Baselines,
    /// Team rotas, then domain rotas, then operations rotas, each in file order of their
    /// team or domain (SPEC 4); empty when no team gives out-of-hours cover.
    pub rotas: Vec<Rota>,
    /// One per service, in file order.
    pub services: Vec<ServiceFigures>,
    /// One per team, in file order.
    pub teams: Vec<TeamFigures>,
    /// One per domain, in file order.
    pub domains: Vec<DomainFigures>,
    /// Per compliance tag, in order of first appearance.
    pub compliance: Vec<ComplianceScope>,
    /// What needs attention, in the order the rules run (the errors' rules first).
    pub findings: Vec<Finding>,
    /// The peak season, when the model has one (SPEC 8.2); the figures above then blend it in.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub peak: Option<Peak>,
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
    pub id: Id,
    pub kind: RotaKind,
    pub name: String,
    /// People who share the rota.
    pub pool: u64,
    /// One week on call in this many.
    pub frequency_weeks: u64,
    /// Weeks a year each person spends on call: W × people_per_shift ÷ pool (0 when empty).
    pub weeks_on_call_per_person: f64,
    pub healthy: bool,
    /// The services it covers, in file order.
    pub services: Vec<Id>,
    pub standby_cost: f64,
    pub callout_cost: f64,
    pub annual_cost: f64,
    /// The team or domain the rota belongs to.
    #[serde(skip)]
    pub owner: Id,
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
    pub id: Id,
    pub owner: Option<Id>,
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
    pub rota: Option<Id>,
    pub annual_cost: f64,
    pub projected_annual_loss: f64,
    pub availability_ceiling: f64,
    /// What was assumed because nobody has said yet (SPEC 7.1): empty when assessed.
    pub assumed: Assumed,
    pub lifecycle: Lifecycle,
    pub compliance: Vec<String>,
    /// What the annual total would fall by if this service needed no out-of-hours cover.
    pub cover_cost: f64,
}

impl ServiceFigures {
    /// Why the selector recommends what it does, with what it had to assume (SPEC 7.2).
    pub fn recommendation_reason(&self) -> RecommendationReason {
        RecommendationReason {
            recommended: self.recommended_operating_model,
            deployment: self.deployment,
            availability: self.availability,
            assumed: self.assumed,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct TeamFigures {
    pub id: Id,
    pub annual_cost: f64,
    /// How many services the team owns.
    pub services: usize,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct DomainFigures {
    pub id: Id,
    pub annual_cost: f64,
}

/// The services in one compliance scope and how they are run and covered.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ComplianceScope {
    pub tag: String,
    /// In file order.
    pub services: Vec<Id>,
    /// Services run You Build It You Run It (the effective operating model).
    pub you_build_it_you_run_it: usize,
    pub ops_run_it: usize,
    /// Services whose cover is not `NotRequired`.
    pub needs_cover: usize,
    /// Services whose cover is `Covered`.
    pub covered: usize,
}

impl ComplianceScope {
    fn new(tag: &str) -> Self {
        ComplianceScope {
            tag: tag.to_owned(),
            services: Vec::new(),
            you_build_it_you_run_it: 0,
            ops_run_it: 0,
            needs_cover: 0,
            covered: 0,
        }
    }
}

/// Something in the model worth a person's attention.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Finding {
    pub severity: Severity,
    pub code: FindingCode,
    /// The service, team or rota id it is about; empty for the whole model.
    pub subject: Id,
    pub message: Message,
    /// For a finding about one dependency (`weaker-dependency`, `depends-on-retiring`), the
    /// service depended on; the subject is the depending service.
    #[serde(skip)]
    pub depends_on: Option<Id>,
}

impl Analysis {
    pub fn service(&self, id: &str) -> Option<&ServiceFigures> {
        self.services.iter().find(|s| &*s.id == id)
    }

    pub fn rota(&self, id: &str) -> Option<&Rota> {
        self.rotas.iter().find(|r| &*r.id == id)
    }

    pub fn team(&self, id: &str) -> Option<&TeamFigures> {
        self.teams.iter().find(|t| &*t.id == id)
    }

    pub fn domain(&self, id: &str) -> Option<&DomainFigures> {
        self.domains.iter().find(|d| &*d.id == id)
    }

    /// The services whose cover costs the most, most first (file order among equals), at
    /// most `limit` of them; services whose cover costs nothing are left out.
    pub fn cost_drivers(&self, limit: usize) -> Vec<&ServiceFigures> {
        let mut drivers: Vec<&ServiceFigures> = self
            .services
            .iter()
            .filter(|s| s.cover_cost > 0.0)
            .collect();
        drivers.sort_by(|a, b| b.cover_cost.total_cmp(&a.cover_cost));
        drivers.truncate(limit);
        drivers
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
    pub services: FxHashMap<&'m str, usize>,
    /// For each service, its owning team's position.
    pub owner: Vec<Option<usize>>,
    /// For each team, its domain's position.
    pub team_domain: Vec<Option<usize>>,
    ids: OnceLock<Ids>,
    model: &'m Model,
}

/// The ids the analysis hands out, one shared copy each, by position.
pub(crate) struct Ids {
    pub services: Vec<Id>,
    pub teams: Vec<Id>,
    pub domains: Vec<Id>,
}

impl<'m> Index<'m> {
    fn new(model: &'m Model) -> Self {
        let positions = |ids: &mut dyn Iterator<Item = &'m str>| {
            ids.enumerate()
                .map(|(i, id)| (id, i))
                .collect::<FxHashMap<_, _>>()
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
            ids: OnceLock::new(),
            model,
        }
    }

    /// The shared ids, made on first use (by whichever thread needs them).
    pub fn ids(&self) -> &Ids {
        self.ids.get_or_init(|| Ids {
            services: self
                .model
                .services
                .iter()
                .map(|s| Id::from(s.id.as_str()))
                .collect(),
            teams: self
                .model
                .teams
                .iter()
                .map(|t| Id::from(t.id.as_str()))
                .collect(),
            domains: self
                .model
                .domains
                .iter()
                .map(|d| Id::from(d.id.as_str()))
                .collect(),
        })
    }
}

/// Services from which a second thread pays for itself.
const PARALLEL_FROM: usize = 2_000;

/// Works out every figure for `model`. Pure: the same model always gives the same analysis.
pub fn analyze(model: &Model) -> Analysis {
    let index = Index::new(model);
    let decisions = availability::decide_all(model);
    // The dependency graph and the ceiling it feeds are the costliest parts. On a big model a
    // second thread works on them while rotas, costs and services are worked out here; the
    // findings wait for the graph, and then both threads share what is left of the ceiling.
    let graph = OnceLock::new();
    let ceilings = OnceLock::new();
    let graph = || graph.get_or_init(|| graph::DependencyGraph::new(model, &index));
    let ceilings = || ceilings.get_or_init(|| ceiling::Ceilings::new(graph(), &decisions));
    let ((), (plan, costs, mut services, findings)) = crate::analysis::parallel::both(
        model.services.len() >= PARALLEL_FROM,
        || ceilings().help(),
        || {
            let mut plan = rotas::plan(model, &index, &decisions);
            let costs = cost::costs(model, &index, &mut plan);
            let cover_costs = cover_cost::cover_costs(model, &index, &decisions, &plan);
            let services = service_figures(model, &index, &decisions, &plan, &costs, &cover_costs);
            let findings = findings::findings(model, &index, &decisions, &plan, graph());
            ceilings().help();
            (plan, costs, services, findings)
        },
    );
    for (figures, ceiling) in services.iter_mut().zip(ceilings().finish()) {
        figures.availability_ceiling = ceiling;
    }

    let rota_count = plan.rotas.len();
    let mut analysis = Analysis {
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
        compliance: compliance::scopes(model, &index, &decisions, &plan.cover),
        findings,
        peak: None,
    };
    peak::blend_in(model, &index, &decisions, &mut analysis);
    analysis
}

/// What a change to a model is judged by (SPEC 7.4): the annual cost, the coverage and the
/// findings, worked out by exactly the rules of [`analyze`] but without the figures nothing
/// compares them by (availability ceilings, cover costs, compliance scopes) and without the
/// findings' sentences, so that a fix's effect on a big model costs a fraction of a whole
/// analysis.
#[derive(Clone, Debug, PartialEq)]
pub struct Headline {
    pub annual_cost: f64,
    pub coverage: Coverage,
    pub findings: Vec<FindingKey>,
}

impl Headline {
    pub fn count(&self, severity: Severity) -> usize {
        self.findings
            .iter()
            .filter(|f| f.severity() == severity)
            .count()
    }
}

/// The [`Headline`] of `model`: equal to the same figures of [`analyze`]`(model)`.
pub fn headline(model: &Model) -> Headline {
    let index = Index::new(model);
    let decisions = availability::decide_all(model);
    let graph = graph::DependencyGraph::new(model, &index);
    let mut plan = rotas::plan(model, &index, &decisions);
    let costs = cost::costs(model, &index, &mut plan);
    Headline {
        annual_cost: costs.annual,
        coverage: coverage::coverage(&plan.cover),
        findings: findings::finding_keys(model, &index, &decisions, &plan, &graph),
    }
}

/// Every service's figures but its availability ceiling, which comes last.
fn service_figures(
    model: &Model,
    index: &Index,
    decisions: &[availability::Decision],
    plan: &rotas::RotaPlan,
    costs: &cost::Costs,
    cover_costs: &[f64],
) -> Vec<ServiceFigures> {
    model
        .services
        .iter()
        .enumerate()
        .map(|(i, service)| {
            let decision = &decisions[i];
            ServiceFigures {
                id: index.ids().services[i].clone(),
                owner: index.owner[i].map(|t| index.ids().teams[t].clone()),
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
                availability_ceiling: 0.0,
                assumed: decision.assumed,
                lifecycle: service.lifecycle,
                compliance: service.compliance.clone(),
                cover_cost: cover_costs[i],
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_headline_is_the_analysis_without_what_it_leaves_out() {
        for seed in 0..4 {
            let model = crate::synthetic::generate(300, 60, 600, seed);
            let analysis = analyze(&model);
            let headline = headline(&model);
            assert_eq!(headline.annual_cost, analysis.totals.annual_cost);
            assert_eq!(headline.coverage, analysis.coverage);
            assert_eq!(headline.findings.len(), analysis.findings.len());
            for (key, finding) in headline.findings.iter().zip(&analysis.findings) {
                assert!(key.is(finding), "{key:?} is the key of {finding:?}");
                assert_eq!(key.severity(), finding.severity);
            }
        }
    }
}
