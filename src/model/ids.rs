//! Ids made for people who never type one: an id built from a name (`"Checkout API"` →
//! `checkout-api`), whether an id still follows its entity's name, and the next free id or
//! name in a numbered run (`checkout`, `checkout-2`, `checkout-3`…) for copies and newcomers.

use super::{EntityKind, Model};

/// The id a name gives: lower case, with every run of characters that are not letters or
/// digits turned into one `-`, and none at either end. A name with no letter or digit gives
/// the kind's own word (`team`, `service`, `domain`).
pub fn id_from_name(name: &str, kind: EntityKind) -> String {
    let mut id = String::new();
    for c in name.chars().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() {
            id.push(c);
        } else if !id.is_empty() && !id.ends_with('-') {
            id.push('-');
        }
    }
    let id = id.trim_end_matches('-');
    if id.is_empty() {
        kind.label().to_owned()
    } else {
        id.to_owned()
    }
}

/// Whether `id` is what `name` gives, alone or numbered (`checkout`, `checkout-2`): an id
/// nobody has edited by hand, which keeps following the name as it is retyped.
pub fn follows_name(id: &str, name: &str, kind: EntityKind) -> bool {
    let from_name = id_from_name(name, kind);
    id == from_name || numbered(id, '-').is_some_and(|(stem, _)| stem == from_name)
}

/// Splits `checkout-2` into `("checkout", 2)`. Only short numbers count as a copy's number:
/// `release-2024` is a name of its own.
fn numbered(text: &str, separator: char) -> Option<(&str, u32)> {
    let (stem, number) = text.rsplit_once(separator)?;
    let short = (1..=3).contains(&number.len());
    if stem.is_empty() || !short || !number.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    number.parse().ok().map(|n| (stem, n))
}

/// `wanted` if `taken` says it is free, else the next free one of its numbered run: the
/// copy of `checkout` is `checkout-2`, and the copy of `checkout-2` is `checkout-3`.
pub fn next_free(wanted: &str, separator: char, taken: impl Fn(&str) -> bool) -> String {
    if !taken(wanted) {
        return wanted.to_owned();
    }
    let (stem, first) = numbered(wanted, separator).map_or((wanted, 2), |(stem, n)| (stem, n + 1));
    (first.max(2)..)
        .map(|n| format!("{stem}{separator}{n}"))
        .find(|candidate| !taken(candidate))
        .expect("an unbounded range always yields a free one")
}

impl Model {
    /// A fresh id for a copy of `id` (itself when free): see [`next_free`].
    pub fn free_copy_id(&self, id: &str) -> String {
        next_free(id, '-', |candidate| self.id_in_use(candidate))
    }

    /// The id a new entity named `name` gets: the name's id, numbered when taken.
    pub fn id_for_name(&self, name: &str, kind: EntityKind) -> String {
        self.free_copy_id(&id_from_name(name, kind))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_name_gives_a_plain_lower_case_id() {
        let id = |name| id_from_name(name, EntityKind::Service);
        assert_eq!(id("Checkout API"), "checkout-api");
        assert_eq!(id("  Click & Collect  "), "click-collect");
        assert_eq!(id("Pay—ments (UK)"), "pay-ments-uk");
        assert_eq!(id("Ünïcode Straße"), "ünïcode-straße");
        assert_eq!(id("!!!"), "service", "no letter: the kind's word");
        assert_eq!(id(""), "service");
    }

    #[test]
    fn an_id_follows_its_name_until_it_is_edited_by_hand() {
        let kind = EntityKind::Team;
        assert!(follows_name("web-team", "Web team", kind));
        assert!(follows_name("web-team-2", "Web team", kind), "numbered");
        assert!(!follows_name("web", "Web team", kind), "typed by hand");
        assert!(!follows_name("web-team-2024", "Web team", kind));
        assert!(
            follows_name("team", "", kind),
            "an empty name gives the kind's word"
        );
    }

    #[test]
    fn copies_are_numbered_on_from_the_original() {
        let taken = ["checkout", "checkout-2", "release-2024"];
        let free = |id| next_free(id, '-', |c| taken.contains(&c));
        assert_eq!(free("basket"), "basket");
        assert_eq!(free("checkout"), "checkout-3");
        assert_eq!(free("checkout-2"), "checkout-3");
        assert_eq!(free("release-2024"), "release-2024-2");
        let names = ["Checkout", "Checkout 2"];
        assert_eq!(
            next_free("Checkout", ' ', |c| names.contains(&c)),
            "Checkout 3"
        );
    }
}
