//! Services, teams and domains matched by id between two models: which were added, removed
//! or changed, and for a changed one every stored field that differs, layout aside, with its
//! old and new value both as stored and in the editor's words.

use std::collections::{HashMap, HashSet};

use serde::Serialize;
use serde_json::Value;

use super::words::{Names, Owner, field_label, value_words};
use crate::model::{Domain, EntityKind, Service, Team};

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct EntityChange {
    pub kind: EntityKind,
    pub id: String,
    pub fields: Vec<FieldChange>,
}

/// One stored field, from its value in `a` to its value in `b`.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct FieldChange {
    /// As stored: `out_of_hours`, `product_pay.standby_per_week`.
    pub field: String,
    pub old: Value,
    pub new: Value,
    /// The field's label in the editor: "out of hours".
    #[serde(skip)]
    pub label: String,
    /// The values in the editor's words: "By availability (Team)", "Domain".
    #[serde(skip)]
    pub old_words: String,
    #[serde(skip)]
    pub new_words: String,
}

impl FieldChange {
    /// "members: 2 → 6", "out of hours: By availability (Team) → Domain".
    pub fn describe(&self) -> String {
        format!("{}: {}", self.label, self.values())
    }

    /// The old value and the new: "2 → 6".
    pub fn values(&self) -> String {
        format!("{} → {}", self.old_words, self.new_words)
    }
}

/// How the entities of one kind line up between two models.
pub(crate) struct Matched {
    /// Ids only `b` has, in `b`'s order.
    pub added: Vec<String>,
    /// Ids only `a` has, in `a`'s order.
    pub removed: Vec<String>,
    /// Positions in `a` and in `b` of entities whose stored fields differ, in `a`'s order.
    pub changed: Vec<(usize, usize)>,
}

/// A team, service or domain: what a comparison matches between two models, by id.
pub(crate) trait ModelEntity: PartialEq {
    const KIND: EntityKind;
    fn id(&self) -> &String;
}

impl ModelEntity for Service {
    const KIND: EntityKind = EntityKind::Service;
    fn id(&self) -> &String {
        &self.id
    }
}

impl ModelEntity for Team {
    const KIND: EntityKind = EntityKind::Team;
    fn id(&self) -> &String {
        &self.id
    }
}

impl ModelEntity for Domain {
    const KIND: EntityKind = EntityKind::Domain;
    fn id(&self) -> &String {
        &self.id
    }
}

/// How the entities of `a` and `b` line up by id: added, removed, and changed.
fn match_entities<T: ModelEntity>(a: &[T], b: &[T]) -> Matched {
    let in_b: HashMap<&String, usize> = b.iter().enumerate().map(|(i, e)| (e.id(), i)).collect();
    let in_a: HashSet<&String> = a.iter().map(T::id).collect();
    let mut matched = Matched {
        added: b
            .iter()
            .map(T::id)
            .filter(|i| !in_a.contains(i))
            .cloned()
            .collect(),
        removed: Vec::new(),
        changed: Vec::new(),
    };
    for (i, old) in a.iter().enumerate() {
        match in_b.get(old.id()) {
            None => matched.removed.push(old.id().clone()),
            Some(&j) if b[j] != *old => matched.changed.push((i, j)),
            Some(_) => {}
        }
    }
    matched
}

/// The entities of `a` and `b` matched by id, and each one in both whose stored fields
/// differ with its changes field by field: `fields` gives an entity's stored fields, and
/// `reading` where the fields of the entities at positions (in `a`, in `b`) are read.
pub(crate) fn entity_changes<'n, T: ModelEntity>(
    (a, b): (&[T], &[T]),
    fields: impl Fn(&T) -> Value,
    reading: impl Fn(usize, usize) -> Reading<'n>,
) -> (Matched, Vec<EntityChange>) {
    let matched = match_entities(a, b);
    let changes = (matched.changed.iter())
        .map(|&(i, j)| EntityChange {
            kind: T::KIND,
            id: a[i].id().clone(),
            fields: field_changes(&fields(&a[i]), &fields(&b[j]), &reading(i, j)),
        })
        .collect();
    (matched, changes)
}

/// Items of `these` that `those` lacks, in order.
pub(crate) fn missing_from<T: Eq + std::hash::Hash + Clone>(these: &[T], those: &[T]) -> Vec<T> {
    let those: HashSet<&T> = those.iter().collect();
    these
        .iter()
        .filter(|x| !those.contains(x))
        .cloned()
        .collect()
}

/// Where the values of a changed field are read: what they belong to in each model, the
/// models' currencies, and the names of everything.
pub(crate) struct Reading<'a> {
    pub old: Owner<'a>,
    pub new: Owner<'a>,
    pub currencies: (&'a str, &'a str),
    pub names: &'a Names,
}

/// Every stored field that differs, nested fields written `product_pay.standby_per_week`,
/// with its words.
pub(crate) fn field_changes(a: &Value, b: &Value, reading: &Reading) -> Vec<FieldChange> {
    let mut changes = Vec::new();
    collect_changes("", a, b, &mut changes);
    changes
        .into_iter()
        .map(|(field, old, new)| FieldChange {
            label: field_label(&field),
            old_words: value_words(
                &field,
                &old,
                reading.old,
                reading.currencies.0,
                reading.names,
            ),
            new_words: value_words(
                &field,
                &new,
                reading.new,
                reading.currencies.1,
                reading.names,
            ),
            field,
            old,
            new,
        })
        .collect()
}

fn collect_changes(prefix: &str, a: &Value, b: &Value, out: &mut Vec<(String, Value, Value)>) {
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
        _ if a != b => out.push((prefix.to_owned(), a.clone(), b.clone())),
        _ => {}
    }
}
