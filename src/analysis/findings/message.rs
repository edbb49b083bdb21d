//! The sentence of each finding: kept as its parts, with the labels of the model's services
//! and teams written once into a table the findings share, and written out only when read.

use std::fmt;
use std::sync::Arc;

use serde::{Serialize, Serializer};

use super::super::RotaKind;
use super::super::availability::{Decision, assumed_deployment, deployment};
use super::super::rotas::UncoveredReason;
use crate::format::{EntityLabel, Percent};
use crate::model::{Demand, Model, OperatingModel, OutOfHours, ServiceKind};

/// A service or team as a message names it ("Checkout web (checkout-web)"): its entry in
/// the analysis's shared [`LabelTable`], so a finding costs no text of its own.
pub(super) type Label = usize;

/// Every service's and team's label, written once into one string.
#[derive(Debug, PartialEq, Eq)]
pub(super) struct LabelTable {
    text: String,
    /// Where each label ends in `text`: services first, then teams.
    ends: Vec<usize>,
}

impl LabelTable {
    pub(super) fn new(model: &Model) -> Self {
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

impl Message {
    pub(super) fn new(labels: Arc<LabelTable>, parts: Parts) -> Self {
        Message { labels, parts }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub(super) enum Parts {
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
pub(super) struct Labels {
    pub(super) services: usize,
}

impl Labels {
    pub(super) fn service(&self, s: usize) -> Label {
        s
    }

    pub(super) fn team(&self, t: usize) -> Label {
        self.services + t
    }
}

/// The services not assessed yet, and what was assumed for them (finding `not-assessed`).
#[derive(Clone, Debug, PartialEq)]
pub(super) struct Unassessed {
    services: usize,
    of: usize,
    /// Services with no availability set or derived from an exposure, and what they get.
    availability_assumed: usize,
    assumed_availability: f64,
    /// Services whose demand is `Unknown`.
    demand_unknown: usize,
}

impl Unassessed {
    pub(super) fn count(model: &Model, decisions: &[Decision]) -> Option<Self> {
        let assumed = decisions.iter().map(|d| d.assumed);
        let unassessed = Unassessed {
            services: assumed.clone().filter(|a| a.any()).count(),
            of: decisions.len(),
            availability_assumed: assumed.clone().filter(|a| a.availability).count(),
            assumed_availability: model
                .settings
                .sorted_bands()
                .first()
                .map_or(super::super::availability::NO_BANDS_AVAILABILITY, |band| {
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
