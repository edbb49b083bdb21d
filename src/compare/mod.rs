//! Comparing 2 to 8 models (SPEC section 4 and 8.1, `opmodel compare A B [C …]`). The first
//! model, A, is the baseline: every other model gets a [`Delta`] against it (B − A, C − A…)
//! holding the change in totals, coverage and finding counts; which services, teams and
//! domains were added, removed or changed, matched by id, down to the stored fields and
//! their values in the editor's words; which rotas were added, removed or changed; which
//! findings came and went, with their messages; and how each service's cover cost moved.
//! The reports of [`crate::report`] turn it into a decision record.

mod entities;
mod findings;
mod rotas;
mod words;

pub use entities::{EntityChange, FieldChange};
pub use findings::ChangedFinding;
pub use rotas::{RotaChange, team_rotas};
pub use words::Names;

use serde::Serialize;
use serde::ser::SerializeMap;
use serde_json::Value;

use crate::analysis::{Analysis, Severity, analyze};
use crate::model::{Dependency, EntityKind, Interaction, Lifecycle, Model, Service, Settings};
use entities::{Reading, entity_changes, field_changes, missing_from};
use words::Owner;

/// The most models one comparison takes.
pub const MOST_MODELS: usize = 8;

/// Every model's analysis, the first the baseline, and each other model's delta against it.
#[derive(Clone, Debug, PartialEq)]
pub struct Comparison {
    pub reports: Vec<Analysis>,
    /// `deltas[i]` is `reports[i + 1]` − `reports[0]`.
    pub deltas: Vec<Delta>,
}

/// Two models keep the shape of SPEC section 4, `{"a", "b", "delta"}`; more are
/// `{"models": […], "deltas": […]}` (SPEC 8.1).
impl Serialize for Comparison {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map =
            serializer.serialize_map(Some(if self.reports.len() == 2 { 3 } else { 2 }))?;
        if let ([a, b], [delta]) = (&self.reports[..], &self.deltas[..]) {
            map.serialize_entry("a", a)?;
            map.serialize_entry("b", b)?;
            map.serialize_entry("delta", delta)?;
        } else {
            map.serialize_entry("models", &self.reports)?;
            map.serialize_entry("deltas", &self.deltas)?;
        }
        map.end()
    }
}

/// `b − a` for every figure; ids in file order (added: `b`'s order; removed and changed: `a`'s).
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Delta {
    /// The year's on-call cost, in the models' currency.
    pub annual_cost: f64,
    pub standby_cost: f64,
    pub callout_cost: f64,
    /// Shares (−1 to 1): the ownership and on-call coverage of [`crate::analysis::Coverage`].
    pub ownership: f64,
    pub on_call: f64,
    /// Counts: rotas, then findings by severity.
    pub rotas: i64,
    pub errors: i64,
    pub warnings: i64,
    pub infos: i64,
    /// Service ids added, removed, and in both with a stored field changed (layout aside).
    pub services_added: Vec<String>,
    pub services_removed: Vec<String>,
    pub services_changed: Vec<String>,
    /// Team ids, as for services.
    pub teams_added: Vec<String>,
    pub teams_removed: Vec<String>,
    pub teams_changed: Vec<String>,
    /// Domain ids, as for services.
    pub domains_added: Vec<String>,
    pub domains_removed: Vec<String>,
    pub domains_changed: Vec<String>,
    /// Field by field, for every changed service, team and domain.
    pub changes: Vec<EntityChange>,
    /// The settings whose value differs, in the editor's words.
    pub settings_changed: Vec<FieldChange>,
    /// Dependencies and interactions, matched by their two ends (and an interaction's mode).
    pub dependencies_added: Vec<Dependency>,
    pub dependencies_removed: Vec<Dependency>,
    pub interactions_added: Vec<Interaction>,
    pub interactions_removed: Vec<Interaction>,
    /// Rota ids: added in `b`'s report order, removed in `a`'s, changed in `b`'s.
    pub rotas_added: Vec<String>,
    pub rotas_removed: Vec<String>,
    pub rotas_changed: Vec<String>,
    /// What changed about each rota of `rotas_changed`.
    pub rota_changes: Vec<RotaChange>,
    /// `[severity, code, subject]`, sorted as strings.
    pub findings_added: Vec<ChangedFinding>,
    pub findings_removed: Vec<ChangedFinding>,
    /// Services in both models whose cover cost differs, in `a`'s order.
    pub cover_costs_changed: Vec<CoverCostChange>,
}

/// A service in both models whose cover cost (SPEC section 5) changed.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct CoverCostChange {
    pub id: String,
    pub cover_cost_a: f64,
    pub cover_cost_b: f64,
}

/// Analyses every model and works out each one's delta against the first.
pub fn compare(models: &[&Model]) -> Comparison {
    let reports: Vec<Analysis> = models.iter().map(|m| analyze(m)).collect();
    let names = Names::new(models, &reports.iter().collect::<Vec<_>>());
    let deltas = models
        .iter()
        .zip(&reports)
        .skip(1)
        .map(|(model, report)| delta_named(models[0], model, &reports[0], report, &names))
        .collect();
    Comparison { reports, deltas }
}

/// The delta between two models whose analyses are already known (the editor keeps them).
pub fn delta(a: &Model, b: &Model, report_a: &Analysis, report_b: &Analysis) -> Delta {
    let names = Names::new(&[a, b], &[report_a, report_b]);
    delta_named(a, b, report_a, report_b, &names)
}

/// [`delta`], naming things as `names` does.
pub fn delta_named(
    a: &Model,
    b: &Model,
    report_a: &Analysis,
    report_b: &Analysis,
    names: &Names,
) -> Delta {
    let count = |report: &Analysis, severity| report.count(severity) as i64;
    let currencies = (a.settings.currency.as_str(), b.settings.currency.as_str());
    let settings = Reading {
        old: Owner::Settings,
        new: Owner::Settings,
        currencies,
        names,
    };
    let mut delta = Delta {
        annual_cost: report_b.totals.annual_cost - report_a.totals.annual_cost,
        standby_cost: report_b.totals.standby_cost - report_a.totals.standby_cost,
        callout_cost: report_b.totals.callout_cost - report_a.totals.callout_cost,
        ownership: report_b.coverage.ownership - report_a.coverage.ownership,
        on_call: report_b.coverage.on_call - report_a.coverage.on_call,
        rotas: report_b.rotas.len() as i64 - report_a.rotas.len() as i64,
        errors: count(report_b, Severity::Error) - count(report_a, Severity::Error),
        warnings: count(report_b, Severity::Warning) - count(report_a, Severity::Warning),
        infos: count(report_b, Severity::Info) - count(report_a, Severity::Info),
        settings_changed: field_changes(
            &settings_fields(&a.settings),
            &settings_fields(&b.settings),
            &settings,
        ),
        dependencies_added: missing_from(&b.dependencies, &a.dependencies),
        dependencies_removed: missing_from(&a.dependencies, &b.dependencies),
        interactions_added: missing_from(&b.interactions, &a.interactions),
        interactions_removed: missing_from(&a.interactions, &b.interactions),
        ..Delta::default()
    };

    let reading = |old, new| Reading {
        old,
        new,
        currencies,
        names,
    };
    let (services, service_changes) =
        entity_changes((&a.services, &b.services), service_fields, |i, j| {
            reading(
                Owner::Service(report_a.services.get(i)),
                Owner::Service(report_b.services.get(j)),
            )
        });
    let (teams, team_changes) = entity_changes((&a.teams, &b.teams), fields, |_, _| {
        reading(Owner::Team, Owner::Team)
    });
    let (domains, domain_changes) = entity_changes((&a.domains, &b.domains), fields, |_, _| {
        reading(Owner::Domain, Owner::Domain)
    });
    delta.changes = [service_changes, team_changes, domain_changes].concat();
    let ids = |kind| -> Vec<String> {
        (delta.changes.iter())
            .filter(|c| c.kind == kind)
            .map(|c| c.id.clone())
            .collect()
    };
    delta.services_changed = ids(EntityKind::Service);
    delta.teams_changed = ids(EntityKind::Team);
    delta.domains_changed = ids(EntityKind::Domain);
    (delta.services_added, delta.services_removed) = (services.added, services.removed);
    (delta.teams_added, delta.teams_removed) = (teams.added, teams.removed);
    (delta.domains_added, delta.domains_removed) = (domains.added, domains.removed);

    let rota_changes;
    (delta.rotas_added, delta.rotas_removed, rota_changes) =
        rotas::rota_differences(report_a, report_b, names);
    delta.rotas_changed = rota_changes.iter().map(|r| r.id.clone()).collect();
    delta.rota_changes = rota_changes;
    (delta.findings_added, delta.findings_removed) =
        findings::finding_differences(report_a, report_b);
    delta.cover_costs_changed = cover_cost_changes(report_a, report_b);
    delta
}

/// Services in both analyses whose cover cost moved by more than rounding.
fn cover_cost_changes(report_a: &Analysis, report_b: &Analysis) -> Vec<CoverCostChange> {
    let in_b: std::collections::HashMap<&str, f64> = report_b
        .services
        .iter()
        .map(|s| (&*s.id, s.cover_cost))
        .collect();
    report_a
        .services
        .iter()
        .filter_map(|old| {
            let new = *in_b.get(&*old.id)?;
            rotas::differs(old.cover_cost, new).then(|| CoverCostChange {
                id: old.id.to_string(),
                cover_cost_a: old.cover_cost,
                cover_cost_b: new,
            })
        })
        .collect()
}

/// An entity's stored fields as JSON.
fn fields<T: Serialize>(entity: &T) -> Value {
    serde_json::to_value(entity).unwrap_or(Value::Null)
}

/// The settings' stored fields, with a peak season of 0 weeks, which a file omits, written
/// out, so that starting one reads as going from 0.
fn settings_fields(settings: &Settings) -> Value {
    let mut value = fields(settings);
    if let Value::Object(map) = &mut value {
        map.entry("peak_weeks").or_insert_with(|| Value::from(0.0));
    }
    value
}

/// A service's stored fields, with the version 2 fields a file omits when they hold their
/// defaults written out, so that going from `Live` to `Retiring` reads as such.
fn service_fields(service: &Service) -> Value {
    let mut value = fields(service);
    if let Value::Object(map) = &mut value {
        map.entry("lifecycle")
            .or_insert_with(|| Value::from(format!("{:?}", Lifecycle::Live)));
        map.entry("compliance")
            .or_insert_with(|| Value::Array(Vec::new()));
    }
    value
}
