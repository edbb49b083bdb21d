//! One catalog file's YAML documents, read one at a time into the few fields of an entity
//! the import uses. Each document is parsed on its own from the parser's events, with a
//! bound on its nodes and its nesting ([`limits::DOCUMENT_NODES`],
//! [`limits::DOCUMENT_DEPTH`]), and dropped once its fields are taken: memory stays near the
//! size of the file, and no document can nest deep enough to exhaust the stack.

use std::path::Path;
use std::rc::Rc;

use saphyr::{Yaml, YamlLoader};
use saphyr_parser::{Event, Parser, SpannedEventReceiver};

use super::refs::Key;
use crate::files::limits;
use crate::format::grouped;

/// The fields of an entity this import uses.
#[derive(Clone, Debug)]
pub struct Entity {
    /// Kind, namespace and name, as references are matched.
    pub key: Key,
    /// metadata.name and metadata.namespace as written.
    pub name: String,
    pub namespace: String,
    /// metadata.title, a name for people.
    pub title: Option<String>,
    /// The file it was read from, shared by the file's entities.
    pub file: Rc<Path>,
    /// spec.type: `service`, `website`, `team`…
    pub spec_type: Option<String>,
    /// spec.owner, spec.lifecycle, spec.system and spec.domain: references and words as
    /// written.
    pub owner: Option<String>,
    pub lifecycle: Option<String>,
    pub system: Option<String>,
    pub domain: Option<String>,
    /// spec.dependsOn, spec.consumesApis, spec.providesApis, spec.memberOf and
    /// spec.members: references as written, in order.
    pub depends_on: Vec<String>,
    pub consumes_apis: Vec<String>,
    pub provides_apis: Vec<String>,
    pub member_of: Vec<String>,
    pub members: Vec<String>,
    /// spec.profile.displayName, a group's name for people.
    pub display_name: Option<String>,
    /// metadata.annotations, (key, value) in order.
    pub annotations: Vec<(String, String)>,
    /// A Location's `spec.target` then `spec.targets`, in order.
    pub targets: Vec<String>,
}

impl Entity {
    pub fn title_or_name(&self) -> &str {
        self.title.as_deref().unwrap_or(&self.name)
    }

    pub fn annotation(&self, name: &str) -> Option<&str> {
        self.annotations
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    /// The model id it would like: the name, prefixed with `namespace-` outside the default
    /// namespace.
    pub fn base_id(&self) -> String {
        if self.namespace.eq_ignore_ascii_case("default") {
            self.name.clone()
        } else {
            format!("{}-{}", self.namespace, self.name)
        }
    }
}

/// What one YAML document of a catalog file is.
#[derive(Debug)]
pub enum Document {
    /// A Backstage entity with a name.
    Entity(Box<Entity>),
    /// A Backstage entity without `metadata.name`: its kind.
    Nameless(String),
    /// A document whose top carries a tag, which no Backstage entity has: the tag and the
    /// line it is on.
    Tagged(String, usize),
}

/// Why a file's documents could not be read; the file is skipped.
#[derive(Debug, PartialEq, Eq)]
pub enum Fault {
    /// Not valid YAML: 1-based line and column, and the parser's words.
    Invalid(usize, usize, String),
    /// A document holds more nodes, or nests deeper, than an import reads: the line it
    /// starts on and what it exceeds.
    TooLarge(usize, String),
    /// The file holds more entities than the catalog has room for.
    TooManyEntities,
}

/// Which bound a document nesting `depth` deep and holding `nodes` values passes, if any,
/// in words: the depth first, as the parser meets it.
fn beyond_bounds(depth: usize, nodes: usize) -> Option<String> {
    if depth > limits::DOCUMENT_DEPTH {
        Some(format!(
            "a document nests lists and mappings more than {} levels deep",
            limits::DOCUMENT_DEPTH
        ))
    } else if nodes > limits::DOCUMENT_NODES {
        Some(format!(
            "a document holds more than {} values",
            grouped(limits::DOCUMENT_NODES as f64)
        ))
    } else {
        None
    }
}

/// The documents of a file's text, in order, or why the file cannot be read. Documents that
/// are not Backstage entities are left out; reading stops once more than `room` entities
/// are found, so a file of many small documents cannot hold more than the catalog may.
pub fn documents(source: &str, file: &Rc<Path>, room: usize) -> Result<Vec<Document>, Fault> {
    let mut parser = Parser::new_from_str(source);
    let mut out = Vec::new();
    let mut loader: Option<YamlLoader<'_, Yaml<'_>>> = None;
    let (mut depth, mut nodes, mut start_line) = (0_usize, 0_usize, 1_usize);
    let mut entities = 0_usize;
    while let Some(next) = parser.next_event() {
        let (event, span) = next.map_err(|e| {
            let marker = e.marker();
            Fault::Invalid(marker.line(), marker.col() + 1, e.info().to_owned())
        })?;
        match &event {
            Event::DocumentStart(_) => {
                loader = Some(YamlLoader::default());
                (depth, nodes, start_line) = (0, 0, span.start.line());
            }
            Event::SequenceStart(..) | Event::MappingStart(..) => depth += 1,
            Event::SequenceEnd | Event::MappingEnd => depth = depth.saturating_sub(1),
            _ => {}
        }
        if matches!(
            event,
            Event::Scalar(..)
                | Event::Alias(..)
                | Event::SequenceStart(..)
                | Event::MappingStart(..)
        ) {
            nodes += 1;
        }
        if let Some(beyond) = beyond_bounds(depth, nodes) {
            return Err(Fault::TooLarge(start_line, beyond));
        }
        let ends = matches!(event, Event::DocumentEnd);
        if let Some(loader) = loader.as_mut() {
            loader.on_event(event, span);
            if let Some(e) = loader.error() {
                let marker = e.marker();
                return Err(Fault::Invalid(
                    marker.line(),
                    marker.col() + 1,
                    e.info().to_owned(),
                ));
            }
        }
        if ends && let Some(done) = loader.take() {
            for yaml in done.into_documents() {
                if let Some(document) = document(&yaml, file, start_line) {
                    entities += usize::from(!matches!(document, Document::Tagged(..)));
                    out.push(document);
                }
            }
            if entities > room {
                return Err(Fault::TooManyEntities);
            }
        }
    }
    Ok(out)
}

/// A scalar as text (a name may be written as a number).
fn text(node: &Yaml) -> Option<String> {
    match node {
        Yaml::Value(scalar) => match scalar {
            saphyr::Scalar::String(s) => Some(s.to_string()),
            saphyr::Scalar::Integer(i) => Some(i.to_string()),
            saphyr::Scalar::FloatingPoint(f) => Some(f.to_string()),
            saphyr::Scalar::Boolean(b) => Some(b.to_string()),
            saphyr::Scalar::Null => None,
        },
        Yaml::Representation(raw, _, _) => Some(raw.to_string()),
        Yaml::Tagged(_, inner) => text(inner),
        _ => None,
    }
}

fn field<'a, 'y>(node: &'a Yaml<'y>, path: &[&str]) -> Option<&'a Yaml<'y>> {
    path.iter()
        .try_fold(node, |node, key| node.as_mapping_get(key))
}

fn text_at(node: &Yaml, path: &[&str]) -> Option<String> {
    field(node, path)
        .and_then(text)
        .map(|s| s.trim().to_owned())
        .filter(|s| !s.is_empty())
}

/// A list of strings; a single string counts as a list of one.
fn list_at(node: &Yaml, path: &[&str]) -> Vec<String> {
    match field(node, path) {
        Some(Yaml::Sequence(items)) => items.iter().filter_map(text).collect(),
        Some(other) => text(other).into_iter().collect(),
        None => Vec::new(),
    }
}

/// What a document is, or `None` when it is not a Backstage entity.
fn document(doc: &Yaml, file: &Rc<Path>, line: usize) -> Option<Document> {
    if let Yaml::Tagged(tag, _) = doc {
        return Some(Document::Tagged(tag.to_string(), line));
    }
    let api_version = text_at(doc, &["apiVersion"])?;
    let kind = text_at(doc, &["kind"])?;
    if !api_version.starts_with("backstage.io/") {
        return None;
    }
    let Some(name) = text_at(doc, &["metadata", "name"]) else {
        return Some(Document::Nameless(kind));
    };
    let namespace = text_at(doc, &["metadata", "namespace"]).unwrap_or_else(|| "default".into());
    let annotations = match field(doc, &["metadata", "annotations"]).and_then(Yaml::as_mapping) {
        Some(map) => map
            .iter()
            .filter_map(|(k, v)| Some((text(k)?, text(v)?)))
            .filter(|(k, _)| k.starts_with("opmodel/"))
            .collect(),
        None => Vec::new(),
    };
    let mut targets: Vec<String> = text_at(doc, &["spec", "target"]).into_iter().collect();
    targets.extend(list_at(doc, &["spec", "targets"]));
    Some(Document::Entity(Box::new(Entity {
        key: Key::new(&kind, &namespace, &name),
        name,
        namespace,
        title: text_at(doc, &["metadata", "title"]),
        file: Rc::clone(file),
        spec_type: text_at(doc, &["spec", "type"]),
        owner: text_at(doc, &["spec", "owner"]),
        lifecycle: text_at(doc, &["spec", "lifecycle"]),
        system: text_at(doc, &["spec", "system"]),
        domain: text_at(doc, &["spec", "domain"]),
        depends_on: list_at(doc, &["spec", "dependsOn"]),
        consumes_apis: list_at(doc, &["spec", "consumesApis"]),
        provides_apis: list_at(doc, &["spec", "providesApis"]),
        member_of: list_at(doc, &["spec", "memberOf"]),
        members: list_at(doc, &["spec", "members"]),
        display_name: text_at(doc, &["spec", "profile", "displayName"]),
        annotations,
        targets,
    })))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(source: &str) -> Result<Vec<Document>, Fault> {
        documents(source, &Rc::from(Path::new("c.yaml")), 100)
    }

    #[test]
    fn entities_are_read_document_by_document() {
        let docs = read(
            "apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata: {name: a, title: A}\nspec: {type: service, dependsOn: component:b}\n---\n- not an entity\n---\napiVersion: backstage.io/v1alpha1\nkind: Group\nmetadata: {}\n",
        )
        .unwrap();
        assert_eq!(docs.len(), 2);
        let Document::Entity(a) = &docs[0] else {
            panic!("{docs:?}")
        };
        assert_eq!(a.key.to_string(), "component:default/a");
        assert_eq!(a.title_or_name(), "A");
        assert_eq!(a.depends_on, ["component:b"]);
        assert!(matches!(&docs[1], Document::Nameless(kind) if kind == "Group"));
    }

    #[test]
    fn a_tagged_document_is_told_apart() {
        let docs = read("--- !secret\napiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata: {name: a}\n").unwrap();
        assert!(
            matches!(&docs[..], [Document::Tagged(tag, 1)] if tag.contains("secret")),
            "{docs:?}"
        );
        // A core-schema tag is plain YAML, not a tag of the document's own.
        let docs = read(
            "--- !!map\napiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata: {name: a}\n",
        )
        .unwrap();
        assert!(matches!(&docs[..], [Document::Entity(_)]), "{docs:?}");
    }

    #[test]
    fn deep_or_huge_documents_are_refused_before_they_are_built() {
        // Flow brackets the scanner itself refuses past 256 levels; indented mappings nest
        // as deep as the lines go, and are stopped at the depth bound.
        let brackets = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
        assert!(matches!(read(&brackets), Err(Fault::Invalid(1, _, _))));
        let indented: String = (0..2_000)
            .map(|i| format!("{}k:\n", " ".repeat(i)))
            .collect();
        let fault = read(&indented);
        assert!(
            matches!(&fault, Err(Fault::TooLarge(1, why)) if why.contains("64 levels")),
            "{fault:?}"
        );
        let mut long = String::from("---\nk:\n");
        for i in 0..=limits::DOCUMENT_NODES {
            long.push_str(&format!("  - {i}\n"));
        }
        assert!(matches!(read(&long), Err(Fault::TooLarge(1, why)) if why.contains("100,000")));
    }

    #[test]
    fn invalid_yaml_names_its_line_and_column() {
        let fault = read("a: [unclosed\n").unwrap_err();
        assert!(matches!(fault, Fault::Invalid(2, _, _)), "{fault:?}");
    }

    #[test]
    fn alias_bombs_stop_at_the_loaders_budget() {
        let mut bomb = String::from("a: &a [x, x, x, x, x, x, x, x, x, x]\n");
        for i in 1..12 {
            bomb.push_str(&format!(
                "{}: &{} [*{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}]\n",
                (b'a' + i) as char,
                (b'a' + i) as char,
                p = (b'a' + i - 1) as char
            ));
        }
        assert!(matches!(read(&bomb), Err(Fault::Invalid(..))));
    }
}
