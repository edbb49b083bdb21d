//! The ids an import gives its entities (SPEC 6.1 and 6.2), unique across the model and
//! never longer than a model allows: services keep theirs; a team whose id a service has
//! takes the suffix `-team`, a domain whose id is taken the suffix `-domain`; an id an entity
//! of the same kind already has is numbered, `-2`, `-3`, and so on.

use std::collections::HashMap;

use crate::model::EntityKind;
use crate::model::limits::NAME_CHARS;

/// The ids given so far, with the kind of entity each was given to.
#[derive(Debug, Default)]
pub struct Ids {
    taken: HashMap<String, EntityKind>,
}

impl Ids {
    /// A fresh id for an entity of `kind` that would like `wanted`.
    pub fn settle(&mut self, wanted: &str, kind: EntityKind) -> String {
        let base = fit(wanted, "");
        let id = match self.taken.get(&base) {
            None => base,
            Some(other) if *other != kind => {
                let suffix = match kind {
                    EntityKind::Team => "-team",
                    EntityKind::Domain => "-domain",
                    EntityKind::Service => "-service",
                };
                let suffixed = fit(wanted, suffix);
                if self.taken.contains_key(&suffixed) {
                    self.numbered(&suffixed)
                } else {
                    suffixed
                }
            }
            Some(_) => self.numbered(wanted),
        };
        self.taken.insert(id.clone(), kind);
        id
    }

    /// `stem-2`, `stem-3`, …: the first that is free.
    fn numbered(&self, stem: &str) -> String {
        (2_u64..)
            .map(|n| fit(stem, &format!("-{n}")))
            .find(|id| !self.taken.contains_key(id))
            .expect("an unbounded range always yields a free id")
    }
}

/// `stem` + `suffix`, the stem cut short so that the whole is at most [`NAME_CHARS`].
fn fit(stem: &str, suffix: &str) -> String {
    let room = NAME_CHARS - suffix.chars().count();
    let mut id: String = stem.chars().take(room).collect();
    id.push_str(suffix);
    id
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn services_keep_theirs_then_teams_and_domains_take_a_suffix() {
        let mut ids = Ids::default();
        assert_eq!(ids.settle("payments", EntityKind::Service), "payments");
        assert_eq!(ids.settle("payments", EntityKind::Team), "payments-team");
        assert_eq!(
            ids.settle("payments", EntityKind::Domain),
            "payments-domain"
        );
        // A second team called payments: payments-team is taken too, so it is numbered.
        assert_eq!(ids.settle("payments", EntityKind::Team), "payments-team-2");
    }

    #[test]
    fn a_clash_within_a_kind_is_numbered() {
        let mut ids = Ids::default();
        assert_eq!(ids.settle("a-b", EntityKind::Service), "a-b");
        assert_eq!(ids.settle("a-b", EntityKind::Service), "a-b-2");
        assert_eq!(ids.settle("a-b-2", EntityKind::Service), "a-b-2-2");
        assert_eq!(ids.settle("a-b", EntityKind::Service), "a-b-3");
    }

    #[test]
    fn ids_never_grow_past_the_longest_a_model_allows() {
        let mut ids = Ids::default();
        let long = "x".repeat(NAME_CHARS + 50);
        let first = ids.settle(&long, EntityKind::Service);
        assert_eq!(first.chars().count(), NAME_CHARS);
        let team = ids.settle(&long, EntityKind::Team);
        assert_eq!(team.chars().count(), NAME_CHARS);
        assert!(team.ends_with("x-team"), "{team}");
        let again = ids.settle(&long, EntityKind::Service);
        assert_eq!(again.chars().count(), NAME_CHARS);
        assert!(again.ends_with("x-2"), "{again}");
    }
}
