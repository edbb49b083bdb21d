//! Per-service decisions (SPEC 2.1, rules 1–5): availability from exposure bands, the
//! deployment target from demand, the operating model selector and the out-of-hours level
//! (`Off` for a service in inception, SPEC section 5).

use serde::Serialize;

use crate::format::grouped;
use crate::model::{Demand, ExposureBand, Lifecycle, Model, OperatingModel, OutOfHours, Service};

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

/// The decisions made for one service before rotas are drawn up.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct Decision {
    pub availability: f64,
    pub source: AvailabilitySource,
    pub deployment: Deployment,
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

fn decide(service: &Service, sorted_bands: &[ExposureBand]) -> Decision {
    let (availability, source) = match service.availability {
        Some(explicit) => (explicit, AvailabilitySource::Explicit),
        None => availability_from_exposure(service.exposure_per_hour, sorted_bands),
    };
    let deployment = deployment(service.demand);
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

pub fn deployment(demand: Demand) -> Deployment {
    match demand {
        Demand::Low => Deployment::Monthly,
        Demand::Medium => Deployment::Fortnightly,
        Demand::High => Deployment::Weekly,
        Demand::VeryHigh => Deployment::Daily,
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
