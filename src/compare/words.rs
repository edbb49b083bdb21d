//! Names and values as the editor shows them, so that a comparison reads as a decision and
//! not as a file diff (SPEC 7.5, 8.1): teams, services, domains and rotas by name (with the
//! id only where two of them share a name), fields by their labels, and values in words —
//! "You Build It You Run It", "By availability (Domain)", "GBP 200,000" — with "none" only
//! where a field is empty.

use std::collections::HashMap;

use serde::de::DeserializeOwned;
use serde_json::Value;

use crate::analysis::{Analysis, ServiceFigures, out_of_hours_level};
use crate::format::{grouped, money, percent, trimmed};
use crate::model::{
    Demand, EntityKind, ExposureBand, Lifecycle, Model, OperatingModel, OutOfHours, ServiceKind,
    TeamKind,
};

/// What every entity and rota of the compared models is called: its name, or "Name (id)"
/// where another id of the same kind has that name too, or the id when it has no name of
/// its own. An entity renamed between models keeps the name of the first model that has it.
#[derive(Clone, Debug, Default)]
pub struct Names {
    services: HashMap<String, String>,
    teams: HashMap<String, String>,
    domains: HashMap<String, String>,
    rotas: HashMap<String, String>,
}

impl Names {
    pub fn new(models: &[&Model], reports: &[&Analysis]) -> Self {
        let services = models.iter().flat_map(|m| &m.services);
        let teams = models.iter().flat_map(|m| &m.teams);
        let domains = models.iter().flat_map(|m| &m.domains);
        let rotas = reports.iter().flat_map(|r| &r.rotas);
        Names {
            services: labels(services.map(|s| (&*s.id, &*s.name))),
            teams: labels(teams.map(|t| (&*t.id, &*t.name))),
            domains: labels(domains.map(|d| (&*d.id, &*d.name))),
            rotas: labels(rotas.map(|r| (&*r.id, &*r.name))),
        }
    }

    pub fn service<'a>(&'a self, id: &'a str) -> &'a str {
        self.services.get(id).map_or(id, String::as_str)
    }

    pub fn team<'a>(&'a self, id: &'a str) -> &'a str {
        self.teams.get(id).map_or(id, String::as_str)
    }

    pub fn domain<'a>(&'a self, id: &'a str) -> &'a str {
        self.domains.get(id).map_or(id, String::as_str)
    }

    pub fn rota<'a>(&'a self, id: &'a str) -> &'a str {
        self.rotas.get(id).map_or(id, String::as_str)
    }

    pub fn entity<'a>(&'a self, kind: EntityKind, id: &'a str) -> &'a str {
        match kind {
            EntityKind::Service => self.service(id),
            EntityKind::Team => self.team(id),
            EntityKind::Domain => self.domain(id),
        }
    }
}

/// Labels for `(id, name)` pairs in order: the first name of each id, with the id added
/// where two ids share a name.
fn labels<'a>(pairs: impl Iterator<Item = (&'a str, &'a str)>) -> HashMap<String, String> {
    let mut first: HashMap<&str, &str> = HashMap::new();
    for (id, name) in pairs {
        first.entry(id).or_insert(name);
    }
    let mut uses: HashMap<&str, usize> = HashMap::new();
    for name in first.values() {
        *uses.entry(name).or_default() += 1;
    }
    first
        .iter()
        .map(|(&id, &name)| {
            let label = if name.trim().is_empty() || name == id {
                id.to_owned()
            } else if uses[name] > 1 {
                format!("{name} ({id})")
            } else {
                name.to_owned()
            };
            (id.to_owned(), label)
        })
        .collect()
}

/// What a changed field belongs to, and what its value is read against.
#[derive(Clone, Copy)]
pub(crate) enum Owner<'a> {
    /// A service, with its figures in the model the value comes from (for what an empty
    /// override means there).
    Service(Option<&'a ServiceFigures>),
    Team,
    Domain,
    Settings,
}

/// A stored field's label as the editor shows it: "out of hours", "feature demand",
/// "product pay, standby per week".
pub(crate) fn field_label(field: &str) -> String {
    match field {
        "demand" => "feature demand".to_owned(),
        "product_pay.standby_per_week" => "product pay, standby per week".to_owned(),
        "product_pay.callout_per_hour" => "product pay, callout per hour".to_owned(),
        "ops_pay.standby_per_week" => "operations pay, standby per week".to_owned(),
        "ops_pay.callout_per_hour" => "operations pay, callout per hour".to_owned(),
        "min_rota_size" => "smallest healthy rota".to_owned(),
        "max_services_per_team" => "most services per team".to_owned(),
        _ => crate::format::field_words(field),
    }
}

/// A stored value in the editor's words. `currency` is the model's, for money.
pub(crate) fn value_words(
    field: &str,
    value: &Value,
    owner: Owner,
    currency: &str,
    names: &Names,
) -> String {
    let leaf = field.rsplit('.').next().unwrap_or(field);
    match (leaf, value, owner) {
        ("operating_model", Value::Null, Owner::Service(figures)) => match figures {
            Some(f) => format!("Recommended ({})", f.recommended_operating_model.label()),
            None => "Recommended".to_owned(),
        },
        ("out_of_hours", Value::Null, Owner::Service(figures)) => match figures {
            Some(f) => format!(
                "By availability ({})",
                out_of_hours_level(f.operating_model, f.availability).label()
            ),
            None => "By availability".to_owned(),
        },
        ("availability", Value::Null, Owner::Service(_)) => "from exposure bands".to_owned(),
        ("exposure_per_hour" | "peak_exposure_per_hour", Value::Null, _) => "not set".to_owned(),
        ("owner", Value::Null, _) => "no owner".to_owned(),
        ("domain", Value::Null, _) => "no domain".to_owned(),
        ("owner", Value::String(id), _) => names.team(id).to_owned(),
        ("domain", Value::String(id), _) => names.domain(id).to_owned(),
        ("kind", _, Owner::Service(_)) => label::<ServiceKind>(value, ServiceKind::label),
        ("kind", _, Owner::Team) => label::<TeamKind>(value, TeamKind::label),
        ("demand", ..) => label::<Demand>(value, Demand::label),
        ("operating_model", ..) => label::<OperatingModel>(value, OperatingModel::label),
        ("out_of_hours", ..) => label::<OutOfHours>(value, OutOfHours::label),
        ("lifecycle", ..) => label::<Lifecycle>(value, Lifecycle::label),
        (
            "exposure_per_hour"
            | "peak_exposure_per_hour"
            | "standby_per_week"
            | "callout_per_hour",
            Value::Number(n),
            _,
        ) => n
            .as_f64()
            .map_or_else(|| n.to_string(), |x| money(x, currency)),
        ("availability", Value::Number(n), _) => n.as_f64().map_or_else(|| n.to_string(), percent),
        ("exposure_bands", Value::Array(_), Owner::Settings) => bands(value, currency),
        _ => plain(value),
    }
}

/// An enum value by its label, or as stored when it is not one of `T`'s.
fn label<T: DeserializeOwned>(value: &Value, label: fn(T) -> &'static str) -> String {
    serde_json::from_value::<T>(value.clone())
        .map_or_else(|_| plain(value), |v| label(v).to_owned())
}

/// Exposure bands in words: "up to 7,000: 95 %; up to 250,000: 99 %".
fn bands(value: &Value, currency: &str) -> String {
    match serde_json::from_value::<Vec<ExposureBand>>(value.clone()) {
        Ok(bands) if bands.is_empty() => "none".to_owned(),
        Ok(bands) => {
            let listed: Vec<String> = bands
                .iter()
                .map(|b| {
                    format!(
                        "up to {} {}: {}",
                        currency,
                        grouped(b.max_exposure_per_hour),
                        percent(b.availability)
                    )
                })
                .collect();
            listed.join("; ")
        }
        Err(_) => plain(value),
    }
}

/// Any other value: `none` when empty, numbers without needless decimals, lists joined.
fn plain(value: &Value) -> String {
    match value {
        Value::Null => "none".to_owned(),
        Value::String(s) if s.is_empty() => "none".to_owned(),
        Value::String(s) => s.clone(),
        Value::Number(n) => n.as_f64().map_or_else(|| n.to_string(), |x| trimmed(x, 6)),
        Value::Bool(b) => if *b { "yes" } else { "no" }.to_owned(),
        Value::Array(items) if items.is_empty() => "none".to_owned(),
        Value::Array(items) if items.iter().all(Value::is_string) => items
            .iter()
            .filter_map(Value::as_str)
            .collect::<Vec<_>>()
            .join(", "),
        Value::Array(items) => crate::format::count(items.len(), "item", "items"),
        Value::Object(_) => "…".to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Service, Team};

    #[test]
    fn names_carry_the_id_only_where_two_share_a_name() {
        let mut a = Model::named("A");
        a.teams.push(Team::new("web", "Web", TeamKind::Product));
        a.teams.push(Team::new("ops", "Shop", TeamKind::Operations));
        let mut b = Model::named("B");
        b.teams
            .push(Team::new("web", "Web team", TeamKind::Product));
        b.teams.push(Team::new("shop", "Shop", TeamKind::Product));
        b.teams.push(Team::new("dns", "", TeamKind::Product));
        let names = Names::new(&[&a, &b], &[]);
        // Web keeps A's name; the two Shops show their ids; a nameless team is its id.
        assert_eq!(names.team("web"), "Web");
        assert_eq!(names.team("ops"), "Shop (ops)");
        assert_eq!(names.team("shop"), "Shop (shop)");
        assert_eq!(names.team("dns"), "dns");
        assert_eq!(names.team("gone"), "gone");
    }

    #[test]
    fn values_read_as_the_editor_shows_them() {
        let names = Names::default();
        let words = |field, value: Value, owner| value_words(field, &value, owner, "GBP", &names);
        let service = Owner::Service(None);
        assert_eq!(
            words("operating_model", Value::from("OpsRunIt"), service),
            "Ops Run It"
        );
        assert_eq!(
            words(
                "operating_model",
                Value::from("YouBuildItYouRunIt"),
                service
            ),
            "You Build It You Run It"
        );
        assert_eq!(
            words("demand", Value::from("VeryHigh"), service),
            "Very high"
        );
        assert_eq!(words("kind", Value::from("Cots"), service), "COTS");
        assert_eq!(
            words("kind", Value::from("ComplicatedSubsystem"), Owner::Team),
            "Complicated subsystem"
        );
        assert_eq!(
            words("exposure_per_hour", Value::from(200_000.0), service),
            "GBP 200,000"
        );
        assert_eq!(words("exposure_per_hour", Value::Null, service), "not set");
        assert_eq!(words("availability", Value::from(99.9), service), "99.9 %");
        assert_eq!(words("owner", Value::Null, service), "no owner");
        assert_eq!(words("compliance", Value::Array(vec![]), service), "none");
        assert_eq!(
            words(
                "product_pay.standby_per_week",
                Value::from(500.0),
                Owner::Settings
            ),
            "GBP 500"
        );
        let bands = serde_json::json!([
            {"max_exposure_per_hour": 7000.0, "availability": 95.0},
            {"max_exposure_per_hour": 250000.0, "availability": 99.0}
        ]);
        assert_eq!(
            words("exposure_bands", bands, Owner::Settings),
            "up to GBP 7,000: 95 %; up to GBP 250,000: 99 %"
        );
    }

    #[test]
    fn an_empty_override_says_what_the_rule_gives_in_that_model() {
        let mut model = Model::named("M");
        let mut service = Service::new("pay", "Payments", ServiceKind::Digital);
        service.availability = Some(99.95);
        service.demand = Demand::VeryHigh;
        model.services.push(service);
        let report = crate::analysis::analyze(&model);
        let owner = Owner::Service(report.services.first());
        let names = Names::default();
        assert_eq!(
            value_words("out_of_hours", &Value::Null, owner, "GBP", &names),
            "By availability (Team)"
        );
        assert_eq!(
            value_words("operating_model", &Value::Null, owner, "GBP", &names),
            "Recommended (You Build It You Run It)"
        );
    }
}
