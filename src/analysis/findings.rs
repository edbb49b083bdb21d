//! Findings (SPEC 2.5, section 5 and 7.1–7.2): the thirteen things Opmodel points out, each with a sentence a consultant
//! could read aloud. Findings come in table order (errors, warnings, infos), and within a
//! code in file order.
//!
//! A big model has thousands of findings and the analysis runs after every edit, so a
//! finding keeps the parts of its sentence ([`Message`]) and writes it out only when read.

use std::fmt;
use std::sync::Arc;

use serde::{Serialize, Serializer};

use super::availability::{Decision, assumed_deployment, deployment};
use super::graph::DependencyGraph;
use super::rotas::{Assignment, RotaPlan, UncoveredReason};
use super::{Finding, Id, Index, RotaKind};
use crate::format::{EntityLabel, Percent};
use crate::model::{Demand, Lifecycle, Model, OperatingModel, OutOfHours, ServiceKind};

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

/// A service or team as a message names it ("Checkout web (checkout-web)"): its entry in
/// the analysis's shared [`LabelTable`], so a finding costs no text of its own.
type Label = usize;

/// Every service's and team's label, written once into one string.
#[derive(Debug, PartialEq, Eq)]
struct LabelTable {
    text: String,
    /// Where each label ends in `text`: services first, then teams.
    ends: Vec<usize>,
}

impl LabelTable {
    fn new(model: &Model) -> Self {
        use std::fmt::Write;
        let mut table = LabelTable {
            text: String::new(),
            ends: Vec::with_capacity(model.services.len() + model.teams.len()),
        };
        let names = model
            .services
            .iter()
            .map(|s| (&s.name, &s.id))
            .chain(model.teams.iter().map(|t| (&t.name, &t.id)));
        for (name, id) in names {
            write!(table.text, "{}", EntityLabel { name, id })
                .expect("writing to a string cannot fail");
            table.ends.push(table.text.len());
        }
        table
    }

    fn get(&self, entry: usize) -> &str {
        let start = if entry == 0 { 0 } else { self.ends[entry - 1] };
        &self.text[start..self.ends[entry]]
    }
}

/// The sentence a finding says, kept as its parts; `Display` writes it out.
#[derive(Clone, Debug, PartialEq)]
pub struct Message {
    labels: Arc<LabelTable>,
    parts: Parts,
}

#[derive(Clone, Debug, PartialEq)]
enum Parts {
    Orphan(Label),
    Uncovered {
        service: Label,
        owner: Label,
        reason: UncoveredReason,
        level: OutOfHours,
    },
    Understaffed {
        rota: String,
        kind: RotaKind,
        pool: u64,
        minimum: u32,
    },
    Overloaded {
        team: Label,
        owned: usize,
        limit: usize,
    },
    Weaker {
        from: Label,
        from_target: f64,
        to: Label,
        to_target: f64,
    },
    Cycle(Vec<Label>),
    DigitalOpsRunIt(Label),
    OverrideDiffers {
        service: Label,
        set: OperatingModel,
        recommended: OperatingModel,
    },
    ManyTeamRotas {
        team_rotas: usize,
        teams: usize,
    },
    NotAssessed(Unassessed),
    DigitalLowDemand {
        service: Label,
        demand: Demand,
        target: f64,
    },
    DependsOnRetiring {
        from: Label,
        to: Label,
    },
    SegregationMyth {
        service: Label,
        tags: Vec<String>,
    },
}

impl fmt::Display for Message {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let name = |label: &Label| self.labels.get(*label);
        match &self.parts {
            Parts::Orphan(service) => write!(
                f,
                "{} has no owning team, so nobody is accountable for running it.",
                name(service)
            ),
            Parts::Uncovered {
                service,
                owner,
                reason,
                level,
            } => {
                let level = if *level == OutOfHours::Domain {
                    "domain"
                } else {
                    "team"
                };
                let (service, owner) = (name(service), name(owner));
                match reason {
                    UncoveredReason::OperationsOwnsYbiyri => write!(
                        f,
                        "{service} is You Build It You Run It and needs {level}-level cover out of hours, but its owner {owner} is an operations team, and operations rotas never cover You Build It You Run It services."
                    ),
                    UncoveredReason::OwnerHasNoDomain => write!(
                        f,
                        "{service} needs a domain rota out of hours, but its owner {owner} has no team rota and belongs to no domain."
                    ),
                    UncoveredReason::OwnerNotOperations => write!(
                        f,
                        "{service} is Ops Run It and needs out-of-hours cover, but its owner {owner} is not an operations team, so no operations rota covers it."
                    ),
                }
            }
            Parts::Understaffed {
                rota,
                kind,
                pool,
                minimum,
            } => {
                let people = match pool {
                    0 => "nobody on it".to_owned(),
                    1 => "only 1 person".to_owned(),
                    n => format!("only {n} people"),
                };
                write!(
                    f,
                    "The {rota} {} rota has {people}, fewer than the minimum of {minimum}, so the services it covers are understaffed.",
                    kind.label()
                )
            }
            Parts::Overloaded { team, owned, limit } => write!(
                f,
                "{} owns {owned} services, more than the {limit} one team can run well.",
                name(team)
            ),
            Parts::Weaker {
                from,
                from_target,
                to,
                to_target,
            } => write!(
                f,
                "{} targets {} but depends on {}, which targets only {}, so it cannot reliably meet its own target.",
                name(from),
                Percent(*from_target),
                name(to),
                Percent(*to_target)
            ),
            Parts::Cycle(members) => match members.as_slice() {
                [one] => write!(f, "{} depends on itself.", name(one)),
                [init @ .., last] => {
                    for (i, member) in init.iter().enumerate() {
                        if i > 0 {
                            f.write_str(", ")?;
                        }
                        f.write_str(name(member))?;
                    }
                    write!(
                        f,
                        " and {} depend on each other in a cycle, so a failure in one can cascade around it.",
                        name(last)
                    )
                }
                [] => Ok(()),
            },
            Parts::DigitalOpsRunIt(service) => write!(
                f,
                "{} is a digital service set to Ops Run It, though its demand and availability recommend You Build It You Run It: handing it to operations slows down change and learning from incidents.",
                name(service)
            ),
            Parts::OverrideDiffers {
                service,
                set,
                recommended,
            } => write!(
                f,
                "{} is set to {}, but its demand and availability recommend {}.",
                name(service),
                set.label(),
                recommended.label()
            ),
            Parts::ManyTeamRotas { team_rotas, teams } => write!(
                f,
                "{team_rotas} of the {teams} non-operations teams that own services run their own team rota. The cost of team rotas grows linearly with the number of teams; domain rotas break that line, and this many team rotas suggests inflated availability targets."
            ),
            Parts::NotAssessed(unassessed) => unassessed.fmt(f),
            Parts::DigitalLowDemand {
                service,
                demand,
                target,
            } => write!(
                f,
                "{} is a digital service, but its {} feature demand puts it with the foundational systems: deployed {} at {}, the selector recommends Ops Run It. If it changes weekly or faster, its demand should say so.",
                name(service),
                demand.label().to_lowercase(),
                deployment(*demand, ServiceKind::Digital)
                    .label()
                    .to_lowercase(),
                Percent(*target)
            ),
            Parts::DependsOnRetiring { from, to } => write!(
                f,
                "{} depends on {}, which is being retired: plan a replacement before it is switched off.",
                name(from),
                name(to)
            ),
            Parts::SegregationMyth { service, tags } => write!(
                f,
                "{} is in {} scope and set to Ops Run It, though its demand and availability recommend You Build It You Run It. Segregation of duties does not require Ops Run It: You Build It You Run It is compatible with PCI-DSS, SOX, ITIL and ITSM.",
                name(service),
                tags.join(", ")
            ),
        }
    }
}

impl Serialize for Message {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

/// Where services' and teams' labels are in the [`LabelTable`].
struct Labels {
    services: usize,
}

impl Labels {
    fn service(&self, s: usize) -> Label {
        s
    }

    fn team(&self, t: usize) -> Label {
        self.services + t
    }
}

struct Findings {
    found: Vec<Finding>,
    labels: Arc<LabelTable>,
}

impl Findings {
    fn push(&mut self, code: FindingCode, subject: &Id, parts: Parts) {
        self.push_dependency(code, subject, None, parts);
    }

    fn push_dependency(
        &mut self,
        code: FindingCode,
        subject: &Id,
        depends_on: Option<&Id>,
        parts: Parts,
    ) {
        self.found.push(Finding {
            severity: code.severity(),
            code,
            subject: subject.clone(),
            message: Message {
                labels: self.labels.clone(),
                parts,
            },
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

/// The services not assessed yet, and what was assumed for them (finding `not-assessed`).
#[derive(Clone, Debug, PartialEq)]
struct Unassessed {
    services: usize,
    of: usize,
    /// Services with no availability set or derived from an exposure, and what they get.
    availability_assumed: usize,
    assumed_availability: f64,
    /// Services whose demand is `Unknown`.
    demand_unknown: usize,
}

impl Unassessed {
    fn count(model: &Model, decisions: &[Decision]) -> Option<Self> {
        let assumed = decisions.iter().map(|d| d.assumed);
        let unassessed = Unassessed {
            services: assumed.clone().filter(|a| a.any()).count(),
            of: decisions.len(),
            availability_assumed: assumed.clone().filter(|a| a.availability).count(),
            assumed_availability: model
                .settings
                .sorted_bands()
                .first()
                .map_or(super::availability::NO_BANDS_AVAILABILITY, |band| {
                    band.availability
                }),
            demand_unknown: assumed.filter(|a| a.demand).count(),
        };
        (unassessed.services > 0).then_some(unassessed)
    }
}

impl fmt::Display for Unassessed {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let Unassessed {
            services,
            of,
            availability_assumed,
            assumed_availability,
            demand_unknown,
        } = *self;
        let are = if services == 1 { "is" } else { "are" };
        write!(f, "{services} of {of} services {are} not assessed yet")?;
        let mut assumptions = Vec::new();
        if availability_assumed > 0 {
            let have = if availability_assumed == 1 {
                "has"
            } else {
                "have"
            };
            assumptions.push(format!(
                "{availability_assumed} {have} no availability target or exposure, so {} is assumed",
                Percent(assumed_availability)
            ));
        }
        if demand_unknown > 0 {
            let have = if demand_unknown == 1 { "has" } else { "have" };
            assumptions.push(format!(
                "{demand_unknown} {have} an unknown feature demand, so digital services are taken to deploy {} and COTS and foundational ones {}",
                assumed_deployment(ServiceKind::Digital).label().to_lowercase(),
                assumed_deployment(ServiceKind::Cots).label().to_lowercase()
            ));
        }
        let rest = if services == 1 {
            "Its figures rest on this until its exposure and demand are set."
        } else {
            "Their figures rest on these assumptions until their exposure and demand are set."
        };
        write!(f, ": {}. {rest}", assumptions.join("; "))
    }
}

pub(crate) fn findings(
    model: &Model,
    index: &Index,
    decisions: &[Decision],
    plan: &RotaPlan,
    graph: &DependencyGraph,
) -> Vec<Finding> {
    let mut out = errors(model, index, decisions, plan);
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
            out.push(FindingCode::TeamOverloaded, &index.ids().teams[t], message);
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
            out.push_dependency(
                FindingCode::WeakerDependency,
                &index.ids().services[from],
                Some(&index.ids().services[to]),
                message,
            );
        }
    }

    for members in graph.cycles() {
        let message = Parts::Cycle(members.iter().map(|&s| labels.service(s)).collect());
        out.push(
            FindingCode::DependencyCycle,
            &index.ids().services[members[0]],
            message,
        );
    }

    for (s, service) in model.services.iter().enumerate() {
        if runs_digital_against_ybiyri(service.kind, &decisions[s]) {
            let message = Parts::DigitalOpsRunIt(labels.service(s));
            out.push(
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
            out.push_dependency(
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
            out.push(
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
        out.push(FindingCode::ManyTeamRotas, &Id::from(""), message);
    }

    if let Some(unassessed) = Unassessed::count(model, decisions) {
        out.push(
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
            out.push(
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
            out.push(
                FindingCode::SegregationMyth,
                &index.ids().services[s],
                message,
            );
        }
    }
    out.found
}

/// The error findings alone: orphans, uncovered services and understaffed rotas, which need
/// no dependency graph. All the peak model reports of its findings (SPEC 8.2).
pub(crate) fn error_findings(
    model: &Model,
    index: &Index,
    decisions: &[Decision],
    plan: &RotaPlan,
) -> Vec<Finding> {
    errors(model, index, decisions, plan).found
}

fn errors(model: &Model, index: &Index, decisions: &[Decision], plan: &RotaPlan) -> Findings {
    let mut out = Findings {
        found: Vec::new(),
        labels: Arc::new(LabelTable::new(model)),
    };
    let labels = Labels {
        services: model.services.len(),
    };
    for s in 0..model.services.len() {
        if plan.cover[s] == Assignment::NoOwner {
            out.push(
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
        out.push(
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
        out.push(FindingCode::UnderstaffedRota, &rota.id, message);
    }
    out
}
