//! Entity references as Backstage writes them, `[kind:][namespace/]name` (SPEC 6.1): read
//! with a default kind and the namespace `default`, and compared case-insensitively.

/// `kind:namespace/name`, lower case: how entities are matched.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Key {
    pub kind: String,
    pub namespace: String,
    pub name: String,
}

impl Key {
    /// The key of an entity of `kind` called `name` in `namespace`, as written.
    pub fn new(kind: &str, namespace: &str, name: &str) -> Key {
        Key {
            kind: kind.trim().to_lowercase(),
            namespace: namespace.trim().to_lowercase(),
            name: name.trim().to_lowercase(),
        }
    }
}

impl std::fmt::Display for Key {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}/{}", self.kind, self.namespace, self.name)
    }
}

/// A reference `[kind:][namespace/]name` read with `default_kind` and namespace `default`;
/// `None` when it names no kind and there is no default.
pub fn reference(text: &str, default_kind: Option<&str>) -> Option<Key> {
    let text = text.trim();
    let (kind, rest) = match text.split_once(':') {
        Some((kind, rest)) => (Some(kind), rest),
        None => (default_kind, text),
    };
    let (namespace, name) = rest.split_once('/').unwrap_or(("default", rest));
    Some(Key::new(kind?, namespace, name))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn references_take_their_default_kind_and_namespace() {
        let key = reference("Payments", Some("group")).unwrap();
        assert_eq!(key.to_string(), "group:default/payments");
        let key = reference("user:Other/Jane", Some("group")).unwrap();
        assert_eq!(key.to_string(), "user:other/jane");
        assert!(
            reference("checkout", None).is_none(),
            "dependsOn must name its kind"
        );
        assert_eq!(
            reference("component:checkout", None).unwrap().to_string(),
            "component:default/checkout"
        );
    }

    #[test]
    fn references_compare_without_case_or_surrounding_spaces() {
        assert_eq!(
            reference(" Group:Default/Team-A ", None),
            Some(Key::new("group", "default", "team-a"))
        );
    }
}
