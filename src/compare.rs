//! Comparing two models (SPEC section 4, `opmodel compare`): the change in totals, coverage
//! and rotas, and which services, teams and domains were added, removed or changed, matched
//! by id, down to the stored fields that changed (lifecycle and compliance included), and how
//! each service's cover cost moved.

use serde::Serialize;
use serde_json::Value;

use crate::analysis::{Analysis, Rota, Severity, analyze};
use crate::model::{Dependency, EntityKind, Interaction, Lifecycle, Model, Service};

/// Both analyses and what changed from `a` to `b`.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Comparison {
    pub a: Analysis,
    pub b: Analysis,
    pub delta: Delta,
}

/// `b − a` for every figure; ids in file order (added: `b`'s order; removed and changed: `a`'s).
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Delta {
    pub annual_cost: f64,
    pub standby_cost: f64,
    pub callout_cost: f64,
    pub ownership: f64,
    pub on_call: f64,
    pub rotas: i64,
    pub errors: i64,
    pub warnings: i64,
    pub infos: i64,
    pub services_added: Vec<String>,
    pub services_removed: Vec<String>,
    pub services_changed: Vec<String>,
    pub teams_added: Vec<String>,
    pub teams_removed: Vec<String>,
    pub teams_changed: Vec<String>,
    pub domains_added: Vec<String>,
    pub domains_removed: Vec<String>,
    pub domains_changed: Vec<String>,
    /// Field by field, for every changed service, team and domain.
    pub changes: Vec<EntityChange>,
    pub settings_changed: Vec<FieldChange>,
    pub dependencies_added: Vec<Dependency>,
    pub dependencies_removed: Vec<Dependency>,
    pub interactions_added: Vec<Interaction>,
    pub interactions_removed: Vec<Interaction>,
    pub rotas_added: Vec<String>,
    pub rotas_removed: Vec<String>,
    pub rotas_changed: Vec<RotaChange>,
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

impl CoverCostChange {
    /// "checkout: 26,240 → 120 (−26,120)".
    pub fn describe(&self) -> String {
        use crate::format::{grouped, signed_money};
        format!(
            "{}: {} → {} ({})",
            self.id,
            grouped(self.cover_cost_a),
            grouped(self.cover_cost_b),
            signed_money(self.cover_cost_b - self.cover_cost_a)
        )
    }
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct EntityChange {
    pub kind: EntityKind,
    pub id: String,
    pub fields: Vec<FieldChange>,
}

/// One stored field, from its value in `a` to its value in `b`.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct FieldChange {
    pub field: String,
    pub old: Value,
    pub new: Value,
}

impl FieldChange {
    /// "members: 2 → 6".
    pub fn describe(&self) -> String {
        format!("{}: {}", self.field, self.values())
    }

    /// The old value and the new: "2 → 6".
    pub fn values(&self) -> String {
        format!("{} → {}", show_value(&self.old), show_value(&self.new))
    }
}

/// A rota in both models whose pool, health, services or cost changed.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct RotaChange {
    pub id: String,
    pub pool_a: u64,
    pub pool_b: u64,
    pub healthy_a: bool,
    pub healthy_b: bool,
    pub services_a: usize,
    pub services_b: usize,
    /// Services it covers in `b` but not in `a`, and the other way round, in file order.
    pub services_added: Vec<String>,
    pub services_removed: Vec<String>,
    pub annual_cost_a: f64,
    pub annual_cost_b: f64,
}

impl RotaChange {
    /// Only what changed: "team:web: pool 2 → 6, unhealthy → healthy", or
    /// "domain:shop: services 1 → 2 (+pay), cost 26,240 → 26,840".
    pub fn describe(&self) -> String {
        format!("{}: {}", self.id, self.what_changed())
    }

    /// [`RotaChange::describe`] without the id.
    pub fn what_changed(&self) -> String {
        use crate::format::grouped;
        let mut parts = Vec::new();
        if self.pool_a != self.pool_b {
            parts.push(format!("pool {} → {}", self.pool_a, self.pool_b));
        }
        if let Some(healthy) = self.became_healthy() {
            parts.push(
                if healthy {
                    "unhealthy → healthy"
                } else {
                    "healthy → unhealthy"
                }
                .to_owned(),
            );
        }
        if !self.services_added.is_empty() || !self.services_removed.is_empty() {
            let moved: Vec<String> = (self.services_added.iter().map(|id| format!("+{id}")))
                .chain(self.services_removed.iter().map(|id| format!("−{id}")))
                .collect();
            parts.push(format!(
                "services {} → {} ({})",
                self.services_a,
                self.services_b,
                moved.join(", ")
            ));
        }
        let (cost_a, cost_b) = (grouped(self.annual_cost_a), grouped(self.annual_cost_b));
        if cost_a != cost_b {
            parts.push(format!("cost {cost_a} → {cost_b}"));
        }
        parts.join(", ")
    }

    /// `Some(true)` when the rota became healthy, `Some(false)` when it stopped being so.
    pub fn became_healthy(&self) -> Option<bool> {
        (self.healthy_a != self.healthy_b).then_some(self.healthy_b)
    }
}

/// How a rota in both models changed, or `None` when nothing a person would notice did: the
/// cost counts as changed only when it differs in whole units, as it is shown.
fn rota_change(old: &Rota, new: &Rota) -> Option<RotaChange> {
    let missing = |these: &[crate::analysis::Id], those: &[crate::analysis::Id]| -> Vec<String> {
        these
            .iter()
            .filter(|id| !those.contains(id))
            .map(|id| id.to_string())
            .collect()
    };
    let change = RotaChange {
        id: new.id.to_string(),
        pool_a: old.pool,
        pool_b: new.pool,
        healthy_a: old.healthy,
        healthy_b: new.healthy,
        services_a: old.services.len(),
        services_b: new.services.len(),
        services_added: missing(&new.services, &old.services),
        services_removed: missing(&old.services, &new.services),
        annual_cost_a: old.annual_cost,
        annual_cost_b: new.annual_cost,
    };
    let changed = change.pool_a != change.pool_b
        || change.healthy_a != change.healthy_b
        || !change.services_added.is_empty()
        || !change.services_removed.is_empty()
        || change.annual_cost_a.round() != change.annual_cost_b.round();
    changed.then_some(change)
}

/// Analyses both models and works out the delta.
pub fn compare(a: &Model, b: &Model) -> Comparison {
    let (report_a, report_b) = (analyze(a), analyze(b));
    let delta = delta(a, b, &report_a, &report_b);
    Comparison {
        a: report_a,
        b: report_b,
        delta,
    }
}

/// The delta between two models whose analyses are already known (the GUI keeps them).
pub fn delta(a: &Model, b: &Model, report_a: &Analysis, report_b: &Analysis) -> Delta {
    let count = |report: &Analysis, severity| report.count(severity) as i64;
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
        settings_changed: field_changes(&a.settings, &b.settings),
        dependencies_added: missing_from(&b.dependencies, &a.dependencies),
        dependencies_removed: missing_from(&a.dependencies, &b.dependencies),
        interactions_added: missing_from(&b.interactions, &a.interactions),
        interactions_removed: missing_from(&a.interactions, &b.interactions),
        ..Delta::default()
    };
    let services = match_entities(
        &a.services,
        &b.services,
        |s| &s.id,
        EntityKind::Service,
        service_fields,
    );
    (
        delta.services_added,
        delta.services_removed,
        delta.services_changed,
    ) = services.ids();
    let teams = match_entities(&a.teams, &b.teams, |t| &t.id, EntityKind::Team, fields);
    (delta.teams_added, delta.teams_removed, delta.teams_changed) = teams.ids();
    let domains = match_entities(
        &a.domains,
        &b.domains,
        |d| &d.id,
        EntityKind::Domain,
        fields,
    );
    (
        delta.domains_added,
        delta.domains_removed,
        delta.domains_changed,
    ) = domains.ids();
    delta.changes = [services, teams, domains]
        .into_iter()
        .flat_map(|m| m.changed)
        .collect();

    for rota in &report_b.rotas {
        match report_a.rota(&rota.id) {
            None => delta.rotas_added.push(rota.id.to_string()),
            Some(old) => delta.rotas_changed.extend(rota_change(old, rota)),
        }
    }
    delta.rotas_removed = report_a
        .rotas
        .iter()
        .filter(|r| report_b.rota(&r.id).is_none())
        .map(|r| r.id.to_string())
        .collect();
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
            let rounding = 1e-9 * old.cover_cost.abs().max(new.abs()).max(1.0);
            ((new - old.cover_cost).abs() > rounding).then(|| CoverCostChange {
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

struct Matched {
    added: Vec<String>,
    removed: Vec<String>,
    changed: Vec<EntityChange>,
}

impl Matched {
    fn ids(&self) -> (Vec<String>, Vec<String>, Vec<String>) {
        (
            self.added.clone(),
            self.removed.clone(),
            self.changed.iter().map(|c| c.id.clone()).collect(),
        )
    }
}

fn match_entities<T: PartialEq>(
    a: &[T],
    b: &[T],
    id: impl Fn(&T) -> &String,
    kind: EntityKind,
    stored: impl Fn(&T) -> Value,
) -> Matched {
    let in_b: std::collections::HashMap<&String, &T> = b.iter().map(|e| (id(e), e)).collect();
    let in_a: std::collections::HashSet<&String> = a.iter().map(&id).collect();
    let mut matched = Matched {
        added: b
            .iter()
            .map(&id)
            .filter(|i| !in_a.contains(i))
            .cloned()
            .collect(),
        removed: Vec::new(),
        changed: Vec::new(),
    };
    for old in a {
        match in_b.get(id(old)) {
            None => matched.removed.push(id(old).clone()),
            Some(new) if *new != old => matched.changed.push(EntityChange {
                kind,
                id: id(old).clone(),
                fields: value_changes(&stored(old), &stored(new)),
            }),
            Some(_) => {}
        }
    }
    matched
}

/// Items of `these` that `those` lacks, in order.
fn missing_from<T: PartialEq + Clone>(these: &[T], those: &[T]) -> Vec<T> {
    these
        .iter()
        .filter(|x| !those.contains(x))
        .cloned()
        .collect()
}

/// Every stored field that differs, nested fields written `product_pay.standby_per_week`.
pub fn field_changes<T: Serialize>(a: &T, b: &T) -> Vec<FieldChange> {
    match (serde_json::to_value(a), serde_json::to_value(b)) {
        (Ok(a), Ok(b)) => value_changes(&a, &b),
        _ => Vec::new(),
    }
}

/// Every field that differs between two JSON values.
fn value_changes(a: &Value, b: &Value) -> Vec<FieldChange> {
    let mut changes = Vec::new();
    collect_changes("", a, b, &mut changes);
    changes
}

fn collect_changes(prefix: &str, a: &Value, b: &Value, out: &mut Vec<FieldChange>) {
    match (a, b) {
        (Value::Object(a), Value::Object(b)) => {
            // Keys only `b` has count too: a field one side leaves out is a change.
            let only_in_b = b.iter().filter(|(key, _)| !a.contains_key(*key));
            for (key, old, new) in a
                .iter()
                .map(|(key, old)| (key, old, b.get(key).unwrap_or(&Value::Null)))
                .chain(only_in_b.map(|(key, new)| (key, &Value::Null, new)))
            {
                let field = if prefix.is_empty() {
                    key.clone()
                } else {
                    format!("{prefix}.{key}")
                };
                collect_changes(&field, old, new, out);
            }
        }
        _ if a != b => out.push(FieldChange {
            field: prefix.to_owned(),
            old: a.clone(),
            new: b.clone(),
        }),
        _ => {}
    }
}

/// A stored value as a person reads it: `none`, `checkout`, `99.9`, `[…]`.
fn show_value(value: &Value) -> String {
    match value {
        Value::Null => "none".to_owned(),
        Value::String(s) => s.clone(),
        Value::Number(n) => n
            .as_f64()
            .map_or_else(|| n.to_string(), |x| crate::format::trimmed(x, 6)),
        Value::Bool(b) => b.to_string(),
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
