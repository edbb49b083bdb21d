//! Findings (SPEC 2.5): the ten things Opmodel points out, each with a sentence a consultant
//! could read aloud. Findings come in table order (errors, warnings, infos), and within a
//! code in file order.

use serde::Serialize;

use super::availability::Decision;
use super::graph::DependencyGraph;
use super::rotas::{Assignment, RotaPlan, UncoveredReason};
use super::{Finding, Index};
use crate::format::{EntityLabel, percent};
use crate::model::{Model, OperatingModel, OutOfHours, ServiceKind};

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
    OverrideDiffers,
    ManyTeamRotas,
    NoAvailabilityTarget,
}

impl FindingCode {
    pub const ALL: [FindingCode; 10] = [
        FindingCode::OrphanService,
        FindingCode::UncoveredService,
        FindingCode::UnderstaffedRota,
        FindingCode::TeamOverloaded,
        FindingCode::WeakerDependency,
        FindingCode::DependencyCycle,
        FindingCode::DigitalOpsRunIt,
        FindingCode::OverrideDiffers,
        FindingCode::ManyTeamRotas,
        FindingCode::NoAvailabilityTarget,
    ];

    pub fn severity(self) -> Severity {
        match self {
            FindingCode::OrphanService
            | FindingCode::UncoveredService
            | FindingCode::UnderstaffedRota => Severity::Error,
            FindingCode::TeamOverloaded
            | FindingCode::WeakerDependency
            | FindingCode::DependencyCycle
            | FindingCode::DigitalOpsRunIt => Severity::Warning,
            FindingCode::OverrideDiffers
            | FindingCode::ManyTeamRotas
            | FindingCode::NoAvailabilityTarget => Severity::Info,
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
            FindingCode::NoAvailabilityTarget => "no-availability-target",
        }
    }
}

struct Findings(Vec<Finding>);

impl Findings {
    fn push(&mut self, code: FindingCode, subject: &str, message: String) {
        self.0.push(Finding {
            severity: code.severity(),
            code,
            subject: subject.to_owned(),
            message,
        });
    }
}

pub(crate) fn findings(
    model: &Model,
    index: &Index,
    decisions: &[Decision],
    plan: &RotaPlan,
    graph: &DependencyGraph,
) -> Vec<Finding> {
    let mut out = Findings(Vec::new());
    // Models can have thousands of findings, and the analysis runs after every edit: labels
    // are written straight into each message, and each distinct target is written out once.
    let targets = Targets::new(decisions);
    let target = |s: usize| targets.text(decisions[s].availability);
    let service_label = |s: usize| EntityLabel {
        name: &model.services[s].name,
        id: &model.services[s].id,
    };
    let team_label = |t: usize| EntityLabel {
        name: &model.teams[t].name,
        id: &model.teams[t].id,
    };

    for (s, service) in model.services.iter().enumerate() {
        if plan.cover[s] == Assignment::NoOwner {
            out.push(
                FindingCode::OrphanService,
                &service.id,
                format!(
                    "{} has no owning team, so nobody is accountable for running it.",
                    service_label(s)
                ),
            );
        }
    }

    for (s, service) in model.services.iter().enumerate() {
        let Assignment::Uncovered(reason) = plan.cover[s] else {
            continue;
        };
        let owner = index.owner[s].map_or(EntityLabel { name: "", id: "" }, team_label);
        let level = match decisions[s].out_of_hours {
            OutOfHours::Domain => "domain",
            _ => "team",
        };
        let why = match reason {
            UncoveredReason::OperationsOwnsYbiyri => format!(
                "is You Build It You Run It and needs {level}-level cover out of hours, but its owner {owner} is an operations team, and operations rotas never cover You Build It You Run It services"
            ),
            UncoveredReason::OwnerHasNoDomain => format!(
                "needs a domain rota out of hours, but its owner {owner} has no team rota and belongs to no domain"
            ),
            UncoveredReason::OwnerNotOperations => format!(
                "is Ops Run It and needs out-of-hours cover, but its owner {owner} is not an operations team, so no operations rota covers it"
            ),
        };
        out.push(
            FindingCode::UncoveredService,
            &service.id,
            format!("{} {why}.", service_label(s)),
        );
    }

    let minimum = model.settings.min_rota_size;
    for rota in plan.rotas.iter().filter(|r| !r.healthy) {
        let people = match rota.pool {
            0 => "nobody on it".to_owned(),
            1 => "only 1 person".to_owned(),
            n => format!("only {n} people"),
        };
        out.push(
            FindingCode::UnderstaffedRota,
            &rota.id,
            format!(
                "The {} {} rota has {people}, fewer than the minimum of {minimum}, so the services it covers are understaffed.",
                rota.name,
                rota.kind.label()
            ),
        );
    }

    let mut owned = vec![0_usize; model.teams.len()];
    for t in index.owner.iter().flatten() {
        owned[*t] += 1;
    }
    let limit = model.settings.max_services_per_team as usize;
    for (t, team) in model.teams.iter().enumerate() {
        if owned[t] > limit {
            out.push(
                FindingCode::TeamOverloaded,
                &team.id,
                format!(
                    "{} owns {} services, more than the {limit} one team can run well.",
                    team_label(t),
                    owned[t]
                ),
            );
        }
    }

    for &(from, to) in &graph.edges {
        let (a, b) = (decisions[from].availability, decisions[to].availability);
        if b < a {
            out.push(
                FindingCode::WeakerDependency,
                &model.services[from].id,
                format!(
                    "{} targets {} but depends on {}, which targets only {}, so it cannot reliably meet its own target.",
                    service_label(from),
                    target(from),
                    service_label(to),
                    target(to)
                ),
            );
        }
    }

    for members in graph.cycles() {
        let names: Vec<String> = members
            .iter()
            .map(|&s| service_label(s).to_string())
            .collect();
        let message = if members.len() == 1 {
            format!("{} depends on itself.", names[0])
        } else {
            format!(
                "{} depend on each other in a cycle, so a failure in one can cascade around it.",
                join_names(&names)
            )
        };
        out.push(
            FindingCode::DependencyCycle,
            &model.services[members[0]].id,
            message,
        );
    }

    for (s, service) in model.services.iter().enumerate() {
        if service.kind == ServiceKind::Digital
            && decisions[s].operating_model == OperatingModel::OpsRunIt
        {
            out.push(
                FindingCode::DigitalOpsRunIt,
                &service.id,
                format!(
                    "{} is a digital service run Ops Run It: handing it to operations slows down change and learning from incidents.",
                    service_label(s)
                ),
            );
        }
    }

    for (s, service) in model.services.iter().enumerate() {
        let decision = &decisions[s];
        if service.operating_model.is_some() && decision.operating_model != decision.recommended {
            out.push(
                FindingCode::OverrideDiffers,
                &service.id,
                format!(
                    "{} is set to {}, but its demand and availability recommend {}.",
                    service_label(s),
                    decision.operating_model.label(),
                    decision.recommended.label()
                ),
            );
        }
    }

    let owning_product_teams = model
        .teams
        .iter()
        .enumerate()
        .filter(|(t, team)| owned[*t] > 0 && !team.is_operations())
        .count();
    let team_rotas = plan.team_has_rota.iter().filter(|has| **has).count();
    if team_rotas * 2 > owning_product_teams {
        out.push(
            FindingCode::ManyTeamRotas,
            "",
            format!(
                "{team_rotas} of the {owning_product_teams} non-operations teams that own services run their own team rota. The cost of team rotas grows linearly with the number of teams; domain rotas break that line, and this many team rotas suggests inflated availability targets."
            ),
        );
    }

    for (s, service) in model.services.iter().enumerate() {
        if service.availability.is_none() && service.exposure_per_hour.is_none() {
            out.push(
                FindingCode::NoAvailabilityTarget,
                &service.id,
                format!(
                    "{} has neither an availability target nor a financial exposure, so it gets {}.",
                    service_label(s),
                    target(s)
                ),
            );
        }
    }
    out.0
}

/// The distinct availability targets of a model, each with its text: "99.9 %".
struct Targets {
    values: Vec<f64>,
    texts: Vec<String>,
}

impl Targets {
    fn new(decisions: &[Decision]) -> Self {
        let mut values: Vec<f64> = decisions.iter().map(|d| d.availability).collect();
        values.sort_unstable_by(f64::total_cmp);
        values.dedup_by(|a, b| a.total_cmp(b).is_eq());
        let texts = values.iter().map(|&value| percent(value)).collect();
        Targets { values, texts }
    }

    fn text(&self, availability: f64) -> &str {
        let at = self
            .values
            .binary_search_by(|value| value.total_cmp(&availability))
            .expect("every decision's availability is listed");
        &self.texts[at]
    }
}

/// "a, b and c".
fn join_names(names: &[String]) -> String {
    match names {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}
