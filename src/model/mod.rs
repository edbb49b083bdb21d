//! The operating model as plain data: teams, domains, services, dependencies, settings and
//! canvas positions, exactly as SPEC section 3 stores them in a `.ron` file.
//!
//! Nothing here computes figures (see [`crate::analysis`]) or touches the screen. Every field
//! except `id`, `name` and `kind` has a default, so a hand-written file can stay short.

mod ids;
mod validate;

pub use ids::{follows_name, id_from_name, next_free};
pub use validate::{Step, ValidationError, limits, validate, validate_file, validate_service};

use std::collections::{BTreeMap, HashMap};

use serde::{Deserialize, Serialize};

/// The newest file format version this build reads and writes.
pub const FORMAT_VERSION: u32 = 3;

/// The version of a model that uses none of the version 2 fields (SPEC section 5).
pub const FIRST_FORMAT_VERSION: u32 = 1;

/// The version that added lifecycle and compliance scope (SPEC section 5).
pub const LIFECYCLE_FORMAT_VERSION: u32 = 2;

/// The version that added the `Unknown` demand (SPEC section 7).
pub const UNKNOWN_DEMAND_FORMAT_VERSION: u32 = 3;

/// The version that added peak exposure (SPEC 8.2): the same as the `Unknown` demand's.
pub const PEAK_FORMAT_VERSION: u32 = 3;

/// A whole operating model: one `.ron` file.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Model {
    #[serde(default = "format_version")]
    pub version: u32,
    pub name: String,
    #[serde(default)]
    pub description: String,
    #[serde(default)]
    pub settings: Settings,
    #[serde(default)]
    pub domains: Vec<Domain>,
    #[serde(default)]
    pub teams: Vec<Team>,
    #[serde(default)]
    pub services: Vec<Service>,
    #[serde(default)]
    pub dependencies: Vec<Dependency>,
    #[serde(default)]
    pub interactions: Vec<Interaction>,
    /// Canvas positions by id; entities without one are laid out automatically.
    #[serde(default, deserialize_with = "unique_keys")]
    pub layout: BTreeMap<String, Position>,
}

/// A map whose keys must all differ: a file that gives one id two positions is refused,
/// rather than silently keeping the last one.
fn unique_keys<'de, D, V>(deserializer: D) -> Result<BTreeMap<String, V>, D::Error>
where
    D: serde::Deserializer<'de>,
    V: Deserialize<'de>,
{
    struct UniqueKeys<V>(std::marker::PhantomData<V>);
    impl<'de, V: Deserialize<'de>> serde::de::Visitor<'de> for UniqueKeys<V> {
        type Value = BTreeMap<String, V>;

        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str("a map from ids to positions")
        }

        fn visit_map<A: serde::de::MapAccess<'de>>(
            self,
            mut map: A,
        ) -> Result<Self::Value, A::Error> {
            let mut entries = BTreeMap::new();
            while let Some(key) = map.next_key::<String>()? {
                if entries.contains_key(&key) {
                    return Err(serde::de::Error::custom(format!(
                        "`{}` is given a position twice; each id may have only one",
                        crate::format::Shown(&key)
                    )));
                }
                let value = map.next_value()?;
                entries.insert(key, value);
            }
            Ok(entries)
        }
    }
    deserializer.deserialize_map(UniqueKeys(std::marker::PhantomData))
}

fn format_version() -> u32 {
    FIRST_FORMAT_VERSION
}

/// Where each of `entities` stands in its list, by its id (`id` gives it): the lookup built
/// once when references are followed many times, rather than a search of the list for each.
pub fn positions_by_id<'a, T>(
    entities: &'a [T],
    id: impl Fn(&'a T) -> &'a str,
) -> HashMap<&'a str, usize> {
    entities
        .iter()
        .enumerate()
        .map(|(position, entity)| (id(entity), position))
        .collect()
}

impl Default for Model {
    fn default() -> Self {
        Model::named("Untitled model")
    }
}

impl Model {
    /// An empty model with default settings.
    pub fn named(name: &str) -> Self {
        Model {
            version: FIRST_FORMAT_VERSION,
            name: name.to_owned(),
            description: String::new(),
            settings: Settings::default(),
            domains: Vec::new(),
            teams: Vec::new(),
            services: Vec::new(),
            dependencies: Vec::new(),
            interactions: Vec::new(),
            layout: BTreeMap::new(),
        }
    }

    pub fn team(&self, id: &str) -> Option<&Team> {
        self.teams.iter().find(|t| t.id == id)
    }

    pub fn service(&self, id: &str) -> Option<&Service> {
        self.services.iter().find(|s| s.id == id)
    }

    pub fn domain(&self, id: &str) -> Option<&Domain> {
        self.domains.iter().find(|d| d.id == id)
    }

    /// The oldest format version that can hold this model: 3 when a service's demand is
    /// `Unknown` or there is a peak season or a peak exposure, 2 when a service uses a
    /// lifecycle other than `Live` or compliance tags, else 1, so that a model which never
    /// uses the newer fields saves exactly as before.
    pub fn required_version(&self) -> u32 {
        let settings = if self.settings.peak_weeks != 0.0 {
            PEAK_FORMAT_VERSION
        } else {
            FIRST_FORMAT_VERSION
        };
        self.services
            .iter()
            .map(Service::required_version)
            .fold(settings, u32::max)
    }

    /// What kind of entity, if any, holds this id.
    pub fn entity_kind(&self, id: &str) -> Option<EntityKind> {
        if self.team(id).is_some() {
            Some(EntityKind::Team)
        } else if self.service(id).is_some() {
            Some(EntityKind::Service)
        } else if self.domain(id).is_some() {
            Some(EntityKind::Domain)
        } else {
            None
        }
    }

    /// The display name of any entity, falling back to the id itself.
    pub fn display_name<'a>(&'a self, id: &'a str) -> &'a str {
        self.team(id)
            .map(|t| t.name.as_str())
            .or_else(|| self.service(id).map(|s| s.name.as_str()))
            .or_else(|| self.domain(id).map(|d| d.name.as_str()))
            .unwrap_or(id)
    }

    /// Whether an id is already taken by a team, service or domain (ids share one namespace).
    pub fn id_in_use(&self, id: &str) -> bool {
        self.entity_kind(id).is_some()
    }

    /// A fresh id built from `stem` (`stem`, `stem-2`, `stem-3`…) that no entity uses yet.
    pub fn unused_id(&self, stem: &str) -> String {
        if !self.id_in_use(stem) {
            return stem.to_owned();
        }
        (2..)
            .map(|n| format!("{stem}-{n}"))
            .find(|id| !self.id_in_use(id))
            .expect("an unbounded range always yields a free id")
    }

    /// The services team `team` owns, in the model's order.
    pub fn services_of<'a>(&'a self, team: &'a str) -> impl Iterator<Item = &'a Service> + 'a {
        self.services
            .iter()
            .filter(move |s| s.owner.as_deref() == Some(team))
    }

    /// The entity of kind `kind` with id `id`, by its name, if there is one.
    pub fn name_of(&self, kind: EntityKind, id: &str) -> Option<&str> {
        match kind {
            EntityKind::Team => self.team(id).map(|t| t.name.as_str()),
            EntityKind::Service => self.service(id).map(|s| s.name.as_str()),
            EntityKind::Domain => self.domain(id).map(|d| d.name.as_str()),
        }
    }
}

/// The three kinds of entity that carry ids.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum EntityKind {
    Team,
    Service,
    Domain,
}

impl EntityKind {
    pub fn label(self) -> &'static str {
        match self {
            EntityKind::Team => "team",
            EntityKind::Service => "service",
            EntityKind::Domain => "domain",
        }
    }
}

/// Organisation-wide pay, rota and availability settings.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Settings {
    pub currency: String,
    pub weeks_per_year: f64,
    pub people_per_shift: u32,
    pub callout_hours: f64,
    pub min_rota_size: u32,
    pub max_services_per_team: u32,
    /// Weeks a year of the peak season, when services with a peak exposure need a higher
    /// availability (version 3, SPEC 8.2; omitted from files when 0).
    #[serde(skip_serializing_if = "is_zero")]
    pub peak_weeks: f64,
    pub product_pay: Pay,
    pub ops_pay: Pay,
    pub exposure_bands: Vec<ExposureBand>,
}

fn is_zero(value: &f64) -> bool {
    *value == 0.0
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            currency: "GBP".to_owned(),
            weeks_per_year: 52.0,
            people_per_shift: 1,
            callout_hours: 2.0,
            min_rota_size: 3,
            max_services_per_team: 6,
            product_pay: Pay {
                standby_per_week: 500.0,
                callout_per_hour: 60.0,
            },
            ops_pay: Pay {
                standby_per_week: 350.0,
                callout_per_hour: 45.0,
            },
            exposure_bands: Vec::new(),
            peak_weeks: 0.0,
        }
    }
}

impl Settings {
    /// The bands in ascending order of their maximum exposure, whatever their order in the file.
    pub fn sorted_bands(&self) -> Vec<ExposureBand> {
        let mut bands = self.exposure_bands.clone();
        bands.sort_by(|a, b| a.max_exposure_per_hour.total_cmp(&b.max_exposure_per_hour));
        bands
    }
}

/// On-call pay rates for one kind of rota.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Pay {
    pub standby_per_week: f64,
    pub callout_per_hour: f64,
}

/// Services whose financial exposure per hour is at most `max_exposure_per_hour` get `availability`.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExposureBand {
    pub max_exposure_per_hour: f64,
    pub availability: f64,
}

/// A product domain: a group of teams that can share a domain rota.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Domain {
    pub id: String,
    pub name: String,
}

/// Team Topologies team types, plus the operations teams of Ops Run It.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum TeamKind {
    Product,
    Platform,
    Enabling,
    ComplicatedSubsystem,
    Operations,
}

impl TeamKind {
    pub const ALL: [TeamKind; 5] = [
        TeamKind::Product,
        TeamKind::Platform,
        TeamKind::Enabling,
        TeamKind::ComplicatedSubsystem,
        TeamKind::Operations,
    ];

    pub fn label(self) -> &'static str {
        match self {
            TeamKind::Product => "Product",
            TeamKind::Platform => "Platform",
            TeamKind::Enabling => "Enabling",
            TeamKind::ComplicatedSubsystem => "Complicated subsystem",
            TeamKind::Operations => "Operations",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Team {
    pub id: String,
    pub name: String,
    pub kind: TeamKind,
    #[serde(default = "default_members")]
    pub members: u32,
    #[serde(default)]
    pub domain: Option<String>,
}

fn default_members() -> u32 {
    5
}

impl Team {
    pub fn new(id: &str, name: &str, kind: TeamKind) -> Self {
        Team {
            id: id.to_owned(),
            name: name.to_owned(),
            kind,
            members: default_members(),
            domain: None,
        }
    }

    pub fn is_operations(&self) -> bool {
        self.kind == TeamKind::Operations
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum ServiceKind {
    Digital,
    Cots,
    Foundational,
}

impl ServiceKind {
    pub const ALL: [ServiceKind; 3] = [
        ServiceKind::Digital,
        ServiceKind::Cots,
        ServiceKind::Foundational,
    ];

    pub fn label(self) -> &'static str {
        match self {
            ServiceKind::Digital => "Digital",
            ServiceKind::Cots => "COTS",
            ServiceKind::Foundational => "Foundational",
        }
    }
}

/// How often the business wants new features.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Demand {
    #[default]
    Low,
    Medium,
    High,
    VeryHigh,
    /// Nobody has said yet (SPEC 7.1, version 3): what an import writes where its source is
    /// silent, and what a new service starts with. An omitted demand is still `Low`.
    Unknown,
}

impl Demand {
    pub const ALL: [Demand; 5] = [
        Demand::Low,
        Demand::Medium,
        Demand::High,
        Demand::VeryHigh,
        Demand::Unknown,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Demand::Low => "Low",
            Demand::Medium => "Medium",
            Demand::High => "High",
            Demand::VeryHigh => "Very high",
            Demand::Unknown => "Unknown",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum OperatingModel {
    YouBuildItYouRunIt,
    OpsRunIt,
}

impl OperatingModel {
    pub const ALL: [OperatingModel; 2] =
        [OperatingModel::YouBuildItYouRunIt, OperatingModel::OpsRunIt];

    pub fn label(self) -> &'static str {
        match self {
            OperatingModel::YouBuildItYouRunIt => "You Build It You Run It",
            OperatingModel::OpsRunIt => "Ops Run It",
        }
    }
}

/// Who answers when the service fails outside working hours.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum OutOfHours {
    Off,
    Domain,
    Team,
}

impl OutOfHours {
    pub const ALL: [OutOfHours; 3] = [OutOfHours::Off, OutOfHours::Domain, OutOfHours::Team];

    pub fn label(self) -> &'static str {
        match self {
            OutOfHours::Off => "Off",
            OutOfHours::Domain => "Domain",
            OutOfHours::Team => "Team",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Service {
    /// Unique among the model's teams, services and domains; what references name.
    pub id: String,
    pub name: String,
    pub kind: ServiceKind,
    /// The owning team's id; none for an orphan.
    #[serde(default)]
    pub owner: Option<String>,
    /// What an hour of downtime costs, in the model's currency: read against the exposure
    /// bands when no availability target is set.
    #[serde(default)]
    pub exposure_per_hour: Option<f64>,
    /// The exposure during the peak season (version 3, SPEC 8.2; omitted from files when
    /// not set).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub peak_exposure_per_hour: Option<f64>,
    /// The availability target in percent (99.9); none to take it from the exposure.
    #[serde(default)]
    pub availability: Option<f64>,
    /// How much feature demand the service has, which sets its deployment target.
    #[serde(default)]
    pub demand: Demand,
    /// Out-of-hours callouts a year, each paid for `settings.callout_hours`.
    #[serde(default)]
    pub callouts_per_year: f64,
    /// An override of the selector's recommendation; none to follow it.
    #[serde(default)]
    pub operating_model: Option<OperatingModel>,
    /// An override of the out-of-hours level the rules give it; none to follow them.
    #[serde(default)]
    pub out_of_hours: Option<OutOfHours>,
    /// Where the service is in its life (version 2; omitted from files when `Live`).
    #[serde(default, skip_serializing_if = "Lifecycle::is_live")]
    pub lifecycle: Lifecycle,
    /// Compliance scope tags such as `"PCI-DSS"` (version 2; omitted from files when empty).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub compliance: Vec<String>,
}

impl Service {
    pub fn new(id: &str, name: &str, kind: ServiceKind) -> Self {
        Service {
            id: id.to_owned(),
            name: name.to_owned(),
            kind,
            owner: None,
            exposure_per_hour: None,
            peak_exposure_per_hour: None,
            availability: None,
            demand: Demand::Low,
            callouts_per_year: 0.0,
            operating_model: None,
            out_of_hours: None,
            lifecycle: Lifecycle::Live,
            compliance: Vec::new(),
        }
    }

    /// A service added in the editor: nobody has said how often it changes yet, so its demand
    /// is `Unknown` until it is assessed (SPEC 7.1).
    pub fn unassessed(id: &str, name: &str, kind: ServiceKind) -> Self {
        Service {
            demand: Demand::Unknown,
            ..Service::new(id, name, kind)
        }
    }

    /// The oldest format version that can hold this service (see [`Model::required_version`]).
    pub fn required_version(&self) -> u32 {
        if self.demand == Demand::Unknown {
            UNKNOWN_DEMAND_FORMAT_VERSION
        } else if self.peak_exposure_per_hour.is_some() {
            PEAK_FORMAT_VERSION
        } else if self.lifecycle != Lifecycle::Live || !self.compliance.is_empty() {
            LIFECYCLE_FORMAT_VERSION
        } else {
            FIRST_FORMAT_VERSION
        }
    }
}

/// Where a service is in its life (SPEC section 5).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Lifecycle {
    /// Being built: not yet serving live traffic, so it needs no out-of-hours cover.
    Inception,
    #[default]
    Live,
    /// Still live while it is being decommissioned.
    Retiring,
}

impl Lifecycle {
    pub const ALL: [Lifecycle; 3] = [Lifecycle::Inception, Lifecycle::Live, Lifecycle::Retiring];

    pub fn label(self) -> &'static str {
        match self {
            Lifecycle::Inception => "Inception",
            Lifecycle::Live => "Live",
            Lifecycle::Retiring => "Retiring",
        }
    }

    pub fn is_live(&self) -> bool {
        *self == Lifecycle::Live
    }
}

/// `from` depends on `to`: both are service ids.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Dependency {
    pub from: String,
    pub to: String,
}

/// Team Topologies interaction modes.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum InteractionMode {
    #[default]
    Collaboration,
    XAsAService,
    Facilitating,
}

impl InteractionMode {
    pub const ALL: [InteractionMode; 3] = [
        InteractionMode::Collaboration,
        InteractionMode::XAsAService,
        InteractionMode::Facilitating,
    ];

    pub fn label(self) -> &'static str {
        match self {
            InteractionMode::Collaboration => "Collaboration",
            InteractionMode::XAsAService => "X-as-a-Service",
            InteractionMode::Facilitating => "Facilitating",
        }
    }
}

/// How two teams work together; drawn on the canvas when interactions are shown.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Interaction {
    pub from: String,
    pub to: String,
    #[serde(default, alias = "kind")]
    pub mode: InteractionMode,
}

/// A canvas position in model coordinates.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Position {
    pub x: f64,
    pub y: f64,
}
