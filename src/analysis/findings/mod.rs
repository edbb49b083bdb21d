//! Findings (SPEC 2.5, section 5 and 7.1–7.2): the thirteen things Opmodel points out, each with a sentence a consultant
//! could read aloud. Findings come in table order (errors, warnings, infos), and within a
//! code in file order.
//!
//! A big model has thousands of findings and the analysis runs after every edit, so a
//! finding keeps the parts of its sentence ([`Message`], in [`message`]) and writes it out
//! only when read.

mod message;

use std::sync::Arc;

use serde::Serialize;

use super::availability::Decision;
use super::graph::DependencyGraph;
use super::rotas::{Assignment, RotaPlan};
use super::{Finding, Id, Index};
use crate::model::{Demand, Lifecycle, Model, OperatingModel, ServiceKind};
use message::{LabelTable, Labels, Parts, Unassessed};

pub use message::Message;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
    Info,
}

impl Severity {
    pub const ALL: [Severity; 3] = [Severity::Error, Severity::Warning, Severity::Info];

    pub fn label(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum FindingCode {
    OrphanService,
    UncoveredService,
    UnderstaffedRota,
    TeamOverloaded,
    WeakerDependency,
    DependencyCycle,
    DigitalOpsRunIt,
    DependsOnRetiring,
    OverrideDiffers,
    ManyTeamRotas,
    NotAssessed,
    DigitalLowDemand,
    SegregationMyth,
}

impl FindingCode {
    pub const ALL: [FindingCode; 13] = [
        FindingCode::OrphanService,
        FindingCode::UncoveredService,
        FindingCode::UnderstaffedRota,
        FindingCode::TeamOverloaded,
        FindingCode::WeakerDependency,
        FindingCode::DependencyCycle,
        FindingCode::DigitalOpsRunIt,
        FindingCode::DependsOnRetiring,
        FindingCode::OverrideDiffers,
        FindingCode::ManyTeamRotas,
        FindingCode::NotAssessed,
        FindingCode::DigitalLowDemand,
        FindingCode::SegregationMyth,
    ];

    pub fn severity(self) -> Severity {
        match self {
            FindingCode::OrphanService
            | FindingCode::UncoveredService
            | FindingCode::UnderstaffedRota => Severity::Error,
            FindingCode::TeamOverloaded
            | FindingCode::WeakerDependency
            | FindingCode::DependencyCycle
            | FindingCode::DigitalOpsRunIt
            | FindingCode::DependsOnRetiring => Severity::Warning,
            FindingCode::OverrideDiffers
            | FindingCode::ManyTeamRotas
            | FindingCode::NotAssessed
            | FindingCode::DigitalLowDemand
            | FindingCode::SegregationMyth => Severity::Info,
        }
    }

    /// The code as written in reports: `orphan-service`…
    pub fn as_str(self) -> &'static str {
        match self {
            FindingCode::OrphanService => "orphan-service",
            FindingCode::UncoveredService => "uncovered-service",
            FindingCode::UnderstaffedRota => "understaffed-rota",
            FindingCode::TeamOverloaded => "team-overloaded",
            FindingCode::WeakerDependency => "weaker-dependency",
            FindingCode::DependencyCycle => "dependency-cycle",
            FindingCode::DigitalOpsRunIt => "digital-ops-run-it",
            FindingCode::OverrideDiffers => "override-differs",
            FindingCode::ManyTeamRotas => "many-team-rotas",
            FindingCode::NotAssessed => "not-assessed",
            FindingCode::DigitalLowDemand => "digital-low-demand",
            FindingCode::DependsOnRetiring => "depends-on-retiring",
            FindingCode::SegregationMyth => "segregation-myth",
        }
    }
}

/// Where findings go as they are found. An analysis keeps each one whole, with its
/// sentence ([`Sentences`]); a headline keeps only what a fix's effect is judged by
/// ([`FindingKey`]s), so judging thousands of fixes writes no labels at all.
trait Sink {
    fn add(&mut self, code: FindingCode, subject: &Id, depends_on: Option<&Id>, parts: Parts);

    /// A finding about one entity, or the whole model, rather than a dependency.
    fn found(&mut self, code: FindingCode, subject: &Id, parts: Parts) {
        self.add(code, subject, None, parts);
    }
}

/// Findings with their sentences, which share one table of labels.
struct Sentences {
    found: Vec<Finding>,
    labels: Arc<LabelTable>,
}

impl Sentences {
    fn new(model: &Model) -> Self {
        Sentences {
            found: Vec::new(),
            labels: Arc::new(LabelTable::new(model)),
        }
    }
}

impl Sink for Sentences {
    fn add(&mut self, code: FindingCode, subject: &Id, depends_on: Option<&Id>, parts: Parts) {
        self.found.push(Finding {
            severity: code.severity(),
            code,
            subject: subject.clone(),
            message: Message::new(self.labels.clone(), parts),
            depends_on: depends_on.cloned(),
        });
    }
}

/// A finding without its sentence: what tells it apart from every other finding of a model.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FindingKey {
    pub code: FindingCode,
    /// As [`Finding::subject`].
    pub subject: Id,
    /// As [`Finding::depends_on`].
    pub depends_on: Option<Id>,
}

impl FindingKey {
    pub fn severity(&self) -> Severity {
        self.code.severity()
    }

    /// Whether this is the key of `finding`.
    pub fn is(&self, finding: &Finding) -> bool {
        self.code == finding.code
            && self.subject == finding.subject
            && self.depends_on == finding.depends_on
    }
}

impl Sink for Vec<FindingKey> {
    fn add(&mut self, code: FindingCode, subject: &Id, depends_on: Option<&Id>, _: Parts) {
        self.push(FindingKey {
            code,
            subject: subject.clone(),
            depends_on: depends_on.cloned(),
        });
    }
}

/// A digital service run Ops Run It while the selector recommends You Build It You Run It:
/// only an override can make them differ, and the warning names it.
fn runs_digital_against_ybiyri(kind: ServiceKind, decision: &Decision) -> bool {
    kind == ServiceKind::Digital
        && decision.operating_model == OperatingModel::OpsRunIt
        && decision.recommended == OperatingModel::YouBuildItYouRunIt
}

/// Every finding of a model, with its sentence.
pub(crate) fn findings(
    model: &Model,
    index: &Index,
    decisions: &[Decision],
    plan: &RotaPlan,
    graph: &DependencyGraph,
) -> Vec<Finding> {
    let mut out = Sentences::new(model);
    find(model, index, decisions, plan, graph, &mut out);
    out.found
}

/// The keys of [`findings`], in the same order, without writing a sentence.
pub(crate) fn finding_keys(
    model: &Model,
    index: &Index,
    decisions: &[Decision],
    plan: &RotaPlan,
    graph: &DependencyGraph,
) -> Vec<FindingKey> {
    let mut keys = Vec::new();
    find(model, index, decisions, plan, graph, &mut keys);
    keys
}

fn find(
    model: &Model,
    index: &Index,
    decisions: &[Decision],
    plan: &RotaPlan,
    graph: &DependencyGraph,
    out: &mut impl Sink,
) {
    errors(model, index, decisions, plan, out);
    let labels = Labels {
        services: model.services.len(),
    };

    let mut owned = vec![0_usize; model.teams.len()];
    for t in index.owner.iter().flatten() {
        owned[*t] += 1;
    }
    let limit = model.settings.max_services_per_team as usize;
    for (t, &count) in owned.iter().enumerate() {
        if count > limit {
            let message = Parts::Overloaded {
                team: labels.team(t),
                owned: count,
                limit,
            };
            out.found(FindingCode::TeamOverloaded, &index.ids().teams[t], message);
        }
    }

    for &(from, to) in &graph.edges {
        let (a, b) = (decisions[from].availability, decisions[to].availability);
        if b < a {
            let message = Parts::Weaker {
                from: labels.service(from),
                from_target: a,
                to: labels.service(to),
                to_target: b,
            };
            out.add(
                FindingCode::WeakerDependency,
                &index.ids().services[from],
                Some(&index.ids().services[to]),
                message,
            );
        }
    }

    for members in graph.cycles() {
        let message = Parts::Cycle(members.iter().map(|&s| labels.service(s)).collect());
        out.found(
            FindingCode::DependencyCycle,
            &index.ids().services[members[0]],
            message,
        );
    }

    for (s, service) in model.services.iter().enumerate() {
        if runs_digital_against_ybiyri(service.kind, &decisions[s]) {
            let message = Parts::DigitalOpsRunIt(labels.service(s));
            out.found(
                FindingCode::DigitalOpsRunIt,
                &index.ids().services[s],
                message,
            );
        }
    }

    for &(from, to) in &graph.edges {
        if model.services[from].lifecycle != Lifecycle::Retiring
            && model.services[to].lifecycle == Lifecycle::Retiring
        {
            let message = Parts::DependsOnRetiring {
                from: labels.service(from),
                to: labels.service(to),
            };
            out.add(
                FindingCode::DependsOnRetiring,
                &index.ids().services[from],
                Some(&index.ids().services[to]),
                message,
            );
        }
    }

    for (s, service) in model.services.iter().enumerate() {
        let decision = &decisions[s];
        // A digital service set to Ops Run It against its recommendation already has its
        // warning, which names the override: one finding per cause (SPEC 7.2).
        if service.operating_model.is_some()
            && decision.operating_model != decision.recommended
            && !runs_digital_against_ybiyri(service.kind, decision)
        {
            let message = Parts::OverrideDiffers {
                service: labels.service(s),
                set: decision.operating_model,
                recommended: decision.recommended,
            };
            out.found(
                FindingCode::OverrideDiffers,
                &index.ids().services[s],
                message,
            );
        }
    }

    let teams = model
        .teams
        .iter()
        .enumerate()
        .filter(|(t, team)| owned[*t] > 0 && !team.is_operations())
        .count();
    let team_rotas = plan.team_has_rota.iter().filter(|has| **has).count();
    if team_rotas * 2 > teams {
        let message = Parts::ManyTeamRotas { team_rotas, teams };
        out.found(FindingCode::ManyTeamRotas, &Id::from(""), message);
    }

    if let Some(unassessed) = Unassessed::count(model, decisions) {
        out.found(
            FindingCode::NotAssessed,
            &Id::from(""),
            Parts::NotAssessed(unassessed),
        );
    }

    for (s, service) in model.services.iter().enumerate() {
        let decision = &decisions[s];
        let known_low = matches!(service.demand, Demand::Low | Demand::Medium);
        if service.kind == ServiceKind::Digital
            && known_low
            && decision.recommended == OperatingModel::OpsRunIt
        {
            let message = Parts::DigitalLowDemand {
                service: labels.service(s),
                demand: service.demand,
                target: decision.availability,
            };
            out.found(
                FindingCode::DigitalLowDemand,
                &index.ids().services[s],
                message,
            );
        }
    }

    for (s, service) in model.services.iter().enumerate() {
        let decision = &decisions[s];
        if !service.compliance.is_empty()
            && service.operating_model == Some(OperatingModel::OpsRunIt)
            && decision.recommended == OperatingModel::YouBuildItYouRunIt
        {
            let message = Parts::SegregationMyth {
                service: labels.service(s),
                tags: service.compliance.clone(),
            };
            out.found(
                FindingCode::SegregationMyth,
                &index.ids().services[s],
                message,
            );
        }
    }
}

/// The error findings alone: orphans, uncovered services and understaffed rotas, which need
/// no dependency graph. All the peak model reports of its findings (SPEC 8.2).
pub(crate) fn error_findings(
    model: &Model,
    index: &Index,
    decisions: &[Decision],
    plan: &RotaPlan,
) -> Vec<Finding> {
    let mut out = Sentences::new(model);
    errors(model, index, decisions, plan, &mut out);
    out.found
}

fn errors(
    model: &Model,
    index: &Index,
    decisions: &[Decision],
    plan: &RotaPlan,
    out: &mut impl Sink,
) {
    let labels = Labels {
        services: model.services.len(),
    };
    for s in 0..model.services.len() {
        if plan.cover[s] == Assignment::NoOwner {
            out.found(
                FindingCode::OrphanService,
                &index.ids().services[s],
                Parts::Orphan(labels.service(s)),
            );
        }
    }

    for (s, decision) in decisions.iter().enumerate() {
        let (Assignment::Uncovered(reason), Some(owner)) = (plan.cover[s], index.owner[s]) else {
            continue;
        };
        let message = Parts::Uncovered {
            service: labels.service(s),
            owner: labels.team(owner),
            reason,
            level: decision.out_of_hours,
        };
        out.found(
            FindingCode::UncoveredService,
            &index.ids().services[s],
            message,
        );
    }

    for rota in plan.rotas.iter().filter(|r| !r.healthy) {
        let message = Parts::Understaffed {
            rota: rota.name.clone(),
            kind: rota.kind,
            pool: rota.pool,
            minimum: model.settings.min_rota_size,
        };
        out.found(FindingCode::UnderstaffedRota, &rota.id, message);
    }
}
