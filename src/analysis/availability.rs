//! Per-service decisions (SPEC 2.1, rules 1–5): availability from exposure bands, the
//! deployment target from demand, the operating model selector and the out-of-hours level
//! (`Off` for a service in inception, SPEC section 5).

use std::fmt;

use serde::Serialize;

use crate::format::{Percent, grouped};
use crate::model::{
    Demand, ExposureBand, Lifecycle, Model, OperatingModel, OutOfHours, Service, ServiceKind,
};

/// The availability every service without an explicit target gets when there are no bands.
pub const NO_BANDS_AVAILABILITY: f64 = 99.0;

const HOURS_PER_WEEK: f64 = 168.0;

/// Where a service's availability target came from, so the GUI can explain it.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum AvailabilitySource {
    /// Set on the service itself.
    Explicit,
    /// The lowest band whose maximum covers the exposure.
    Band { max_exposure_per_hour: f64 },
    /// The exposure is above every band, so the highest band applies.
    AboveAllBands { max_exposure_per_hour: f64 },
    /// Neither availability nor exposure is set: the lowest band applies.
    LowestBand,
    /// No exposure bands are defined.
    NoBands,
}

impl AvailabilitySource {
    /// Whether nobody set this availability: it is neither given nor derived from an exposure
    /// through the bands (SPEC 7.1), so the service is not assessed.
    pub fn is_assumed(self) -> bool {
        matches!(
            self,
            AvailabilitySource::LowestBand | AvailabilitySource::NoBands
        )
    }

    /// A short phrase for people: "set on the service", "exposure band up to 250,000"…
    pub fn describe(self) -> String {
        match self {
            AvailabilitySource::Explicit => "set on the service".to_owned(),
            AvailabilitySource::Band {
                max_exposure_per_hour,
            } => format!(
                "exposure band up to {} per hour",
                grouped(max_exposure_per_hour)
            ),
            AvailabilitySource::AboveAllBands {
                max_exposure_per_hour,
            } => format!(
                "exposure above every band, so the highest band (up to {} per hour)",
                grouped(max_exposure_per_hour)
            ),
            AvailabilitySource::LowestBand => {
                "no availability or exposure set, so the lowest band".to_owned()
            }
            AvailabilitySource::NoBands => {
                format!("no exposure bands defined, so the default {NO_BANDS_AVAILABILITY} %")
            }
        }
    }
}

/// How often a service should be deployed, from its feature demand.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
pub enum Deployment {
    Monthly,
    Fortnightly,
    Weekly,
    Daily,
}

impl Deployment {
    pub fn label(self) -> &'static str {
        match self {
            Deployment::Monthly => "Monthly",
            Deployment::Fortnightly => "Fortnightly",
            Deployment::Weekly => "Weekly",
            Deployment::Daily => "Daily",
        }
    }
}

/// What Opmodel had to assume for a service because nobody has said (SPEC 7.1): a service
/// is assessed when neither is assumed.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct Assumed {
    /// No availability is set and none follows from an exposure through the bands.
    pub availability: bool,
    /// The demand is `Unknown`, so the deployment is taken from the service's kind.
    pub demand: bool,
}

impl Assumed {
    pub fn any(self) -> bool {
        self.availability || self.demand
    }

    /// The report's names of what was assumed, in the report's order.
    pub fn names(self) -> impl Iterator<Item = &'static str> {
        [(self.availability, "availability"), (self.demand, "demand")]
            .into_iter()
            .filter_map(|(assumed, name)| assumed.then_some(name))
    }
}

/// The report lists what was assumed: `["availability", "demand"]`, or `[]`.
impl Serialize for Assumed {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.names())
    }
}

/// The decisions made for one service before rotas are drawn up.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct Decision {
    pub availability: f64,
    pub source: AvailabilitySource,
    pub deployment: Deployment,
    pub assumed: Assumed,
    pub recommended: OperatingModel,
    pub operating_model: OperatingModel,
    pub out_of_hours: OutOfHours,
}

impl Decision {
    pub fn is_ybiyri(&self) -> bool {
        self.operating_model == OperatingModel::YouBuildItYouRunIt
    }
}

pub(crate) fn decide_all(model: &Model) -> Vec<Decision> {
    let bands = model.settings.sorted_bands();
    model.services.iter().map(|s| decide(s, &bands)).collect()
}

/// The decisions of the peak model (SPEC 8.2): a service with a peak exposure takes the
/// availability that exposure gets from the bands, or keeps its own where that is higher;
/// everything else follows from the availability as it does in the normal model.
pub(crate) fn decide_peak(model: &Model, normal: &[Decision]) -> Vec<Decision> {
    let bands = model.settings.sorted_bands();
    model
        .services
        .iter()
        .zip(normal)
        .map(|(service, decision)| {
            let Some(peak) = service.peak_exposure_per_hour else {
                return *decision;
            };
            match availability_from_exposure(Some(peak), &bands) {
                (availability, source) if availability > decision.availability => {
                    decide_at(service, availability, source)
                }
                _ => *decision,
            }
        })
        .collect()
}

fn decide(service: &Service, sorted_bands: &[ExposureBand]) -> Decision {
    let (availability, source) = match service.availability {
        Some(explicit) => (explicit, AvailabilitySource::Explicit),
        None => availability_from_exposure(service.exposure_per_hour, sorted_bands),
    };
    decide_at(service, availability, source)
}

/// The decisions for a service whose availability is known.
fn decide_at(service: &Service, availability: f64, source: AvailabilitySource) -> Decision {
    let deployment = deployment(service.demand, service.kind);
    let assumed = Assumed {
        availability: source.is_assumed(),
        demand: service.demand == Demand::Unknown,
    };
    let recommended = recommend(deployment, availability);
    let operating_model = service.operating_model.unwrap_or(recommended);
    // A service in inception serves no live traffic yet, so nothing needs answering out of
    // hours, whatever its target or override (SPEC section 5).
    let out_of_hours = if service.lifecycle == Lifecycle::Inception {
        OutOfHours::Off
    } else {
        service
            .out_of_hours
            .unwrap_or_else(|| out_of_hours_level(operating_model, availability))
    };
    Decision {
        availability,
        source,
        deployment,
        assumed,
        recommended,
        operating_model,
        out_of_hours,
    }
}

/// The availability target for a service without an explicit one. `sorted_bands` must be in
/// ascending order of maximum exposure; a band's maximum is inclusive.
pub fn availability_from_exposure(
    exposure: Option<f64>,
    sorted_bands: &[ExposureBand],
) -> (f64, AvailabilitySource) {
    let (Some(lowest), Some(highest)) = (sorted_bands.first(), sorted_bands.last()) else {
        return (NO_BANDS_AVAILABILITY, AvailabilitySource::NoBands);
    };
    let Some(exposure) = exposure else {
        return (lowest.availability, AvailabilitySource::LowestBand);
    };
    match sorted_bands
        .iter()
        .find(|band| exposure <= band.max_exposure_per_hour)
    {
        Some(band) => (
            band.availability,
            AvailabilitySource::Band {
                max_exposure_per_hour: band.max_exposure_per_hour,
            },
        ),
        None => (
            highest.availability,
            AvailabilitySource::AboveAllBands {
                max_exposure_per_hour: highest.max_exposure_per_hour,
            },
        ),
    }
}

/// The deployment target from the feature demand; an `Unknown` demand is taken per kind
/// (SPEC 7.1): weekly for a digital service, which the selector puts in its weekly and daily
/// columns, monthly for COTS and foundational systems.
pub fn deployment(demand: Demand, kind: ServiceKind) -> Deployment {
    match demand {
        Demand::Low => Deployment::Monthly,
        Demand::Medium => Deployment::Fortnightly,
        Demand::High => Deployment::Weekly,
        Demand::VeryHigh => Deployment::Daily,
        Demand::Unknown => assumed_deployment(kind),
    }
}

/// The deployment taken for a service of `kind` whose demand is `Unknown`.
pub fn assumed_deployment(kind: ServiceKind) -> Deployment {
    match kind {
        ServiceKind::Digital => Deployment::Weekly,
        ServiceKind::Cots | ServiceKind::Foundational => Deployment::Monthly,
    }
}

/// The selector: Ops Run It for infrequent deploys at up to 99.9 %, else You Build It You Run It.
pub fn recommend(deployment: Deployment, availability: f64) -> OperatingModel {
    let infrequent = matches!(deployment, Deployment::Monthly | Deployment::Fortnightly);
    if infrequent && availability <= 99.9 {
        OperatingModel::OpsRunIt
    } else {
        OperatingModel::YouBuildItYouRunIt
    }
}

/// Why the selector recommends what it does for one service (SPEC 7.2): the deployment
/// target and the availability that put it in its cell, and which of them was assumed.
/// `Display` writes it as a sentence for the inspector, the why card and the reports.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct RecommendationReason {
    pub recommended: OperatingModel,
    pub deployment: Deployment,
    pub availability: f64,
    pub assumed: Assumed,
}

impl fmt::Display for RecommendationReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let deploys = self.deployment.label().to_lowercase();
        let target = Percent(self.availability);
        let infrequent = matches!(
            self.deployment,
            Deployment::Monthly | Deployment::Fortnightly
        );
        match self.recommended {
            OperatingModel::OpsRunIt => write!(
                f,
                "Recommended Ops Run It: it deploys {deploys} and targets {target}, and the selector hands services that deploy monthly or fortnightly at up to 99.9 % to operations."
            )?,
            OperatingModel::YouBuildItYouRunIt if infrequent => write!(
                f,
                "Recommended You Build It You Run It: it targets {target}, above 99.9 %, so the team that builds it runs it however seldom it deploys."
            )?,
            OperatingModel::YouBuildItYouRunIt => write!(
                f,
                "Recommended You Build It You Run It: it deploys {deploys}, and the team that builds a service deployed weekly or daily runs it, at any availability."
            )?,
        }
        let assumptions: Vec<String> = [
            self.assumed
                .demand
                .then(|| format!("its deployment ({deploys}, as its demand is unknown)")),
            self.assumed
                .availability
                .then(|| format!("its availability ({target}, as no target or exposure is set)")),
        ]
        .into_iter()
        .flatten()
        .collect();
        if !assumptions.is_empty() {
            write!(f, " Assumed until assessed: {}.", assumptions.join(" and "))?;
        }
        Ok(())
    }
}

/// The out-of-hours level when the service does not override it.
pub fn out_of_hours_level(operating_model: OperatingModel, availability: f64) -> OutOfHours {
    match operating_model {
        OperatingModel::YouBuildItYouRunIt if availability >= 99.9 => OutOfHours::Team,
        OperatingModel::YouBuildItYouRunIt if availability >= 99.0 => OutOfHours::Domain,
        OperatingModel::OpsRunIt if availability >= 99.0 => OutOfHours::Team,
        _ => OutOfHours::Off,
    }
}

pub fn tolerable_downtime_per_week_s(availability: f64) -> f64 {
    (1.0 - availability / 100.0) * HOURS_PER_WEEK * 3600.0
}

pub fn projected_annual_loss(exposure: Option<f64>, availability: f64, weeks_per_year: f64) -> f64 {
    exposure.map_or(0.0, |exposure| {
        exposure * (1.0 - availability / 100.0) * HOURS_PER_WEEK * weeks_per_year
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn where_an_availability_came_from_reads_with_thousands_separators() {
        let band = AvailabilitySource::Band {
            max_exposure_per_hour: 5_000_000.0,
        };
        assert_eq!(band.describe(), "exposure band up to 5,000,000 per hour");
        let above = AvailabilitySource::AboveAllBands {
            max_exposure_per_hour: 250_000.0,
        };
        assert_eq!(
            above.describe(),
            "exposure above every band, so the highest band (up to 250,000 per hour)"
        );
    }
}
