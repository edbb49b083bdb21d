//! Import from a Backstage software catalog (SPEC 6.1): `catalog-info.yaml` files, read
//! with their Locations, turned into domains, teams, services and dependencies.
//!
//! Reading ([`Catalog::read`]) collects the entities in the order met, following Locations
//! depth first, reading no file twice and keeping the first of two entities with the same
//! kind, namespace and name. Mapping ([`map`]) then resolves references the way Backstage
//! writes them, `[kind:][namespace/]name`, and applies the `opmodel/…` annotations. Every
//! thing left out or guessed becomes a [`Note`] in the import summary.

use std::collections::{HashMap, HashSet};
use std::fmt::Write;
use std::path::{Path, PathBuf};

use saphyr::{LoadableYamlNode, Yaml};

use super::csv_sheet::{
    parse_amount, parse_availability, parse_demand, parse_service_kind, parse_team_kind, settle_id,
    tags,
};
use crate::model::{Demand, Dependency, Domain, Model, Service, ServiceKind, Team, TeamKind};

/// Why something was left out or completed by a guess; notes are grouped by reason.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum NoteReason {
    UnreadablePath,
    InvalidYaml,
    LocationTarget,
    NoName,
    Duplicate,
    NotRun,
    OwnerIsPerson,
    OwnerUnresolved,
    Lifecycle,
    DependsOnWithoutKind,
    DependencyNotService,
    ConsumesNotApi,
    ApiWithoutProvider,
    DefaultMembers,
    BadAnnotation,
    IdTaken,
}

impl NoteReason {
    /// The heading of this group of notes in the summary.
    pub fn label(self) -> &'static str {
        match self {
            NoteReason::UnreadablePath => "cannot be read, skipped",
            NoteReason::InvalidYaml => "not valid YAML, file skipped",
            NoteReason::LocationTarget => "Location target that is a URL or missing, skipped",
            NoteReason::NoName => "entity without metadata.name, skipped",
            NoteReason::Duplicate => "duplicate entity (the first one read is kept), skipped",
            NoteReason::NotRun => {
                "component that is not run (type is not service or website), skipped"
            }
            NoteReason::OwnerIsPerson => {
                "owner is a user, not a team: service left without an owner"
            }
            NoteReason::OwnerUnresolved => {
                "owner resolves to no group: service left without an owner"
            }
            NoteReason::Lifecycle => {
                "lifecycle not experimental, production or deprecated: taken as Live"
            }
            NoteReason::DependsOnWithoutKind => "dependsOn reference without a kind, ignored",
            NoteReason::DependencyNotService => {
                "dependency on something not imported as a service, ignored"
            }
            NoteReason::ConsumesNotApi => {
                "consumesApis reference to something other than an API, ignored"
            }
            NoteReason::ApiWithoutProvider => {
                "consumed API that no imported service provides, ignored"
            }
            NoteReason::DefaultMembers => "team with no known members: given the default of 5",
            NoteReason::BadAnnotation => "opmodel annotation that does not parse, ignored",
            NoteReason::IdTaken => "id already taken, suffixed",
        }
    }

    /// Whether the note is about a file or an entity left out, which `--strict` refuses.
    pub fn skips(self) -> bool {
        matches!(
            self,
            NoteReason::UnreadablePath
                | NoteReason::InvalidYaml
                | NoteReason::LocationTarget
                | NoteReason::NoName
                | NoteReason::Duplicate
                | NoteReason::NotRun
        )
    }
}

/// One line of the import summary: what it is about (an entity reference or a file) and
/// the detail.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Note {
    pub reason: NoteReason,
    /// The entity (`component:default/checkout`) or file the note is about.
    pub subject: String,
    pub detail: String,
}

/// The result of an import: the model, the notes, and how much was read.
#[derive(Clone, Debug)]
pub struct Import {
    pub model: Model,
    pub notes: Vec<Note>,
    /// Backstage entities read, duplicates included.
    pub entities: usize,
}

impl Import {
    /// Whether any note is about a skipped file or entity (what `--strict` refuses).
    pub fn skipped_anything(&self) -> bool {
        self.notes.iter().any(|n| n.reason.skips())
    }

    /// What was imported from how many entities: "Imported 2 domains, … from 21 catalog
    /// entities."
    pub fn counts(&self) -> String {
        format!(
            "{} from {}.",
            super::imported_counts(&self.model).trim_end_matches('.'),
            crate::format::count(self.entities, "catalog entity", "catalog entities")
        )
    }

    /// The counts, then the notes grouped by reason with the entities they name.
    pub fn summary(&self) -> String {
        let mut out = format!("{}\n", self.counts());
        let mut reasons: Vec<NoteReason> = self.notes.iter().map(|n| n.reason).collect();
        reasons.sort();
        reasons.dedup();
        for reason in reasons {
            let notes: Vec<&Note> = self.notes.iter().filter(|n| n.reason == reason).collect();
            let _ = writeln!(out, "{} ({}):", reason.label(), notes.len());
            for note in notes {
                if note.detail.is_empty() {
                    let _ = writeln!(out, "  - {}", note.subject);
                } else {
                    let _ = writeln!(out, "  - {}: {}", note.subject, note.detail);
                }
            }
        }
        out
    }
}

/// Imports the catalog files and folders at `paths` into a model called `name`.
pub fn import(paths: &[PathBuf], name: &str) -> Import {
    let catalog = Catalog::read(paths);
    map(catalog, name)
}

/// `kind:namespace/name`, lower case: how entities are matched.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
struct Key {
    kind: String,
    namespace: String,
    name: String,
}

impl std::fmt::Display for Key {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}/{}", self.kind, self.namespace, self.name)
    }
}

/// A reference `[kind:][namespace/]name` read with `default_kind` and namespace `default`;
/// `None` for the kind when it is missing and there is no default.
fn reference(text: &str, default_kind: Option<&str>) -> Option<Key> {
    let text = text.trim();
    let (kind, rest) = match text.split_once(':') {
        Some((kind, rest)) => (Some(kind), rest),
        None => (default_kind, text),
    };
    let (namespace, name) = rest.split_once('/').unwrap_or(("default", rest));
    Some(Key {
        kind: kind?.trim().to_lowercase(),
        namespace: namespace.trim().to_lowercase(),
        name: name.trim().to_lowercase(),
    })
}

/// The fields of an entity this import uses.
#[derive(Clone, Debug, Default)]
struct Entity {
    key: Option<Key>,
    /// metadata.name and metadata.namespace as written.
    name: String,
    namespace: String,
    title: Option<String>,
    file: PathBuf,
    spec_type: Option<String>,
    owner: Option<String>,
    lifecycle: Option<String>,
    system: Option<String>,
    domain: Option<String>,
    depends_on: Vec<String>,
    consumes_apis: Vec<String>,
    provides_apis: Vec<String>,
    member_of: Vec<String>,
    members: Vec<String>,
    display_name: Option<String>,
    annotations: Vec<(String, String)>,
    target: Option<String>,
    targets: Vec<String>,
}

impl Entity {
    fn key(&self) -> &Key {
        self.key.as_ref().expect("kept entities have a key")
    }

    fn title_or_name(&self) -> String {
        self.title.clone().unwrap_or_else(|| self.name.clone())
    }

    fn annotation(&self, name: &str) -> Option<&str> {
        self.annotations
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    /// The model id: the name, prefixed with `namespace-` outside the default namespace.
    fn base_id(&self) -> String {
        if self.namespace.eq_ignore_ascii_case("default") {
            self.name.clone()
        } else {
            format!("{}-{}", self.namespace, self.name)
        }
    }
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

fn entity(doc: &Yaml, file: &Path) -> Option<Entity> {
    let api_version = text_at(doc, &["apiVersion"])?;
    let kind = text_at(doc, &["kind"])?;
    if !api_version.starts_with("backstage.io/") {
        return None;
    }
    let name = text_at(doc, &["metadata", "name"]).unwrap_or_default();
    let namespace = text_at(doc, &["metadata", "namespace"]).unwrap_or_else(|| "default".into());
    let key = (!name.is_empty()).then(|| Key {
        kind: kind.to_lowercase(),
        namespace: namespace.to_lowercase(),
        name: name.to_lowercase(),
    });
    let annotations = match field(doc, &["metadata", "annotations"]).and_then(Yaml::as_mapping) {
        Some(map) => map
            .iter()
            .filter_map(|(k, v)| Some((text(k)?, text(v)?)))
            .filter(|(k, _)| k.starts_with("opmodel/"))
            .collect(),
        None => Vec::new(),
    };
    Some(Entity {
        key,
        name,
        namespace,
        title: text_at(doc, &["metadata", "title"]),
        file: file.to_owned(),
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
        target: text_at(doc, &["spec", "target"]),
        targets: list_at(doc, &["spec", "targets"]),
    })
}

/// The entities of a catalog in the order read, without duplicates, and the notes so far.
struct Catalog {
    entities: Vec<Entity>,
    index: HashMap<Key, usize>,
    notes: Vec<Note>,
    read_files: HashSet<PathBuf>,
    read_count: usize,
}

impl Catalog {
    fn read(paths: &[PathBuf]) -> Catalog {
        let mut catalog = Catalog {
            entities: Vec::new(),
            index: HashMap::new(),
            notes: Vec::new(),
            read_files: HashSet::new(),
            read_count: 0,
        };
        for path in paths {
            catalog.read_path(path);
        }
        catalog
    }

    fn note(&mut self, reason: NoteReason, subject: impl Into<String>, detail: impl Into<String>) {
        self.notes.push(Note {
            reason,
            subject: subject.into(),
            detail: detail.into(),
        });
    }

    /// A file, or every `.yaml`/`.yml` file under a folder in path order.
    fn read_path(&mut self, path: &Path) {
        if path.is_dir() {
            let mut files = Vec::new();
            let mut seen_dirs = HashSet::new();
            collect_yaml(path, &mut files, &mut seen_dirs);
            files.sort();
            for file in files {
                self.read_file(&file);
            }
        } else if path.is_file() {
            self.read_file(path);
        } else {
            self.note(
                NoteReason::UnreadablePath,
                path.display().to_string(),
                "no such file or folder",
            );
        }
    }

    fn read_file(&mut self, path: &Path) {
        let identity = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_owned());
        if !self.read_files.insert(identity) {
            return;
        }
        let source = match std::fs::read(path) {
            Ok(bytes) => match String::from_utf8(bytes) {
                Ok(source) => source,
                Err(_) => {
                    let shown = path.display().to_string();
                    self.note(NoteReason::UnreadablePath, shown, "not UTF-8 text");
                    return;
                }
            },
            Err(e) => {
                self.note(
                    NoteReason::UnreadablePath,
                    path.display().to_string(),
                    e.to_string(),
                );
                return;
            }
        };
        let documents = match Yaml::load_from_str(&source) {
            Ok(documents) => documents,
            Err(e) => {
                let marker = e.marker();
                self.note(
                    NoteReason::InvalidYaml,
                    format!("{}:{}:{}", path.display(), marker.line(), marker.col() + 1),
                    e.info().to_owned(),
                );
                return;
            }
        };
        for document in &documents {
            let Some(entity) = entity(document, path) else {
                continue;
            };
            self.read_count += 1;
            let Some(key) = entity.key.clone() else {
                self.note(
                    NoteReason::NoName,
                    format!("{} in {}", entity_kind_word(document), path.display()),
                    "",
                );
                continue;
            };
            if let Some(first) = self.index.get(&key) {
                let first_file = self.entities[*first].file.display().to_string();
                self.note(
                    NoteReason::Duplicate,
                    key.to_string(),
                    format!("in {}, first read in {first_file}", path.display()),
                );
                continue;
            }
            self.index.insert(key.clone(), self.entities.len());
            let location = (key.kind == "location").then(|| {
                let mut targets: Vec<String> = entity.target.iter().cloned().collect();
                targets.extend(entity.targets.iter().cloned());
                targets
            });
            self.entities.push(entity);
            if let Some(targets) = location {
                self.follow(&key, path, &targets);
            }
        }
    }

    /// Reads a Location's targets, relative to the file that holds it, before going on.
    fn follow(&mut self, key: &Key, file: &Path, targets: &[String]) {
        if targets.is_empty() {
            self.note(
                NoteReason::LocationTarget,
                key.to_string(),
                "it has no target",
            );
        }
        let base = file.parent().unwrap_or(Path::new("."));
        for target in targets {
            let lower = target.to_lowercase();
            if lower.starts_with("http://") || lower.starts_with("https://") {
                self.note(
                    NoteReason::LocationTarget,
                    key.to_string(),
                    format!("{target} is a URL"),
                );
                continue;
            }
            let path = base.join(target);
            if path.exists() {
                self.read_path(&path);
            } else {
                self.note(
                    NoteReason::LocationTarget,
                    key.to_string(),
                    format!("{target} is missing ({} does not exist)", path.display()),
                );
            }
        }
    }
}

fn entity_kind_word(document: &Yaml) -> String {
    text_at(document, &["kind"]).unwrap_or_else(|| "entity".into())
}

/// Every `.yaml` and `.yml` file under `dir`; a folder reached twice (a link loop) is
/// walked once.
fn collect_yaml(dir: &Path, files: &mut Vec<PathBuf>, seen: &mut HashSet<PathBuf>) {
    let identity = std::fs::canonicalize(dir).unwrap_or_else(|_| dir.to_owned());
    if !seen.insert(identity) {
        return;
    }
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            collect_yaml(&path, files, seen);
        } else if path
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| e.eq_ignore_ascii_case("yaml") || e.eq_ignore_ascii_case("yml"))
        {
            files.push(path);
        }
    }
}

/// Lifecycle of a service, as SPEC section 5 names it.
fn lifecycle(word: Option<&str>) -> Option<crate::model::Lifecycle> {
    use crate::model::Lifecycle;
    match word?.to_lowercase().as_str() {
        "experimental" => Some(Lifecycle::Inception),
        "production" => Some(Lifecycle::Live),
        "deprecated" => Some(Lifecycle::Retiring),
        _ => None,
    }
}

/// The entities of one kind, with their places in the catalog.
fn of_kind<'a>(
    entities: &'a [Entity],
    kind: &'a str,
) -> impl Iterator<Item = (usize, &'a Entity)> + 'a {
    entities
        .iter()
        .enumerate()
        .filter(move |(_, e)| e.key().kind == kind)
}

/// Turns the catalog's entities into a model.
fn map(catalog: Catalog, name: &str) -> Import {
    let Catalog {
        entities,
        index,
        mut notes,
        read_count,
        ..
    } = catalog;
    let mut note = |reason, subject: &Key, detail: String| {
        notes.push(Note {
            reason,
            subject: subject.to_string(),
            detail,
        });
    };

    // Services: components that are run.
    let mut services: Vec<usize> = Vec::new();
    for (i, component) in of_kind(&entities, "component") {
        let run = component.spec_type.as_deref().is_some_and(|t| {
            t.eq_ignore_ascii_case("service") || t.eq_ignore_ascii_case("website")
        });
        if run {
            services.push(i);
        } else {
            let kind = component.spec_type.as_deref().unwrap_or("none");
            note(NoteReason::NotRun, component.key(), format!("type {kind}"));
        }
    }
    let service_of: HashMap<&Key, usize> = services
        .iter()
        .enumerate()
        .map(|(s, e)| (entities[*e].key(), s))
        .collect();

    // Owners.
    let mut owners: Vec<Option<usize>> = Vec::with_capacity(services.len());
    let mut owns_service: HashSet<usize> = HashSet::new();
    for &e in &services {
        let component = &entities[e];
        let owner = component
            .owner
            .as_deref()
            .and_then(|o| reference(o, Some("group")));
        let resolved = match &owner {
            None => {
                note(
                    NoteReason::OwnerUnresolved,
                    component.key(),
                    "it names no owner".into(),
                );
                None
            }
            Some(key) if key.kind == "user" => {
                note(
                    NoteReason::OwnerIsPerson,
                    component.key(),
                    format!("owner {key}"),
                );
                None
            }
            Some(key) => match index
                .get(key)
                .filter(|g| entities[**g].key().kind == "group")
            {
                Some(group) => Some(*group),
                None => {
                    note(
                        NoteReason::OwnerUnresolved,
                        component.key(),
                        format!("owner {key}"),
                    );
                    None
                }
            },
        };
        if let Some(group) = resolved {
            owns_service.insert(group);
        }
        owners.push(resolved);
    }

    // Domains: every Domain entity.
    let domains: Vec<usize> = of_kind(&entities, "domain").map(|(i, _)| i).collect();
    let domain_of: HashMap<&Key, usize> = domains
        .iter()
        .enumerate()
        .map(|(d, e)| (entities[*e].key(), d))
        .collect();

    // Teams: groups of type team, or owning an imported service.
    let teams: Vec<usize> = of_kind(&entities, "group")
        .filter(|(i, g)| {
            g.spec_type
                .as_deref()
                .is_some_and(|t| t.eq_ignore_ascii_case("team"))
                || owns_service.contains(i)
        })
        .map(|(i, _)| i)
        .collect();
    let team_of: HashMap<usize, usize> = teams.iter().enumerate().map(|(t, e)| (*e, t)).collect();

    // Ids: services keep theirs, then teams, then domains take a suffix.
    let mut taken: HashSet<String> = HashSet::new();
    let mut settle = |entity: &Entity, suffix: &str, notes: &mut Vec<Note>| {
        let base = entity.base_id();
        let id = settle_id(&base, suffix, &mut taken);
        if id != base {
            notes.push(Note {
                reason: NoteReason::IdTaken,
                subject: entity.key().to_string(),
                detail: format!("`{base}` is taken, so it is `{id}`"),
            });
        }
        id
    };
    let service_ids: Vec<String> = services
        .iter()
        .map(|e| settle(&entities[*e], "-2", &mut notes))
        .collect();
    let team_ids: Vec<String> = teams
        .iter()
        .map(|e| settle(&entities[*e], "-team", &mut notes))
        .collect();
    let domain_ids: Vec<String> = domains
        .iter()
        .map(|e| settle(&entities[*e], "-domain", &mut notes))
        .collect();
    let mut note = |reason, subject: &Key, detail: String| {
        notes.push(Note {
            reason,
            subject: subject.to_string(),
            detail,
        });
    };

    // A domain named by an annotation: a model domain id, or a reference to a Domain.
    let domain_by_annotation = |value: &str| {
        domain_ids.iter().position(|id| id == value).or_else(|| {
            reference(value, Some("domain")).and_then(|key| domain_of.get(&key).copied())
        })
    };

    // Each service's domain: its system's domain, or its own annotation.
    let mut service_domain: Vec<Option<usize>> = Vec::with_capacity(services.len());
    for &e in &services {
        let component = &entities[e];
        let from_system = component
            .system
            .as_deref()
            .and_then(|s| reference(s, Some("system")))
            .and_then(|key| index.get(&key))
            .map(|s| &entities[*s])
            .filter(|s| s.key().kind == "system")
            .and_then(|s| s.domain.as_deref())
            .and_then(|d| reference(d, Some("domain")))
            .and_then(|key| domain_of.get(&key).copied());
        let annotated = match component.annotation("opmodel/domain") {
            Some(value) => match domain_by_annotation(value) {
                Some(d) => Some(d),
                None => {
                    note(
                        NoteReason::BadAnnotation,
                        component.key(),
                        format!("opmodel/domain `{value}` is not a domain of this catalog"),
                    );
                    None
                }
            },
            None => None,
        };
        service_domain.push(annotated.or(from_system));
    }

    let mut model = Model::named(name);
    model.domains = domains
        .iter()
        .zip(&domain_ids)
        .map(|(e, id)| Domain {
            id: id.clone(),
            name: entities[*e].title_or_name(),
        })
        .collect();

    // Members: distinct users naming the group in memberOf or listed in its members.
    let mut members: Vec<HashSet<(String, String)>> = vec![HashSet::new(); teams.len()];
    for (_, user) in of_kind(&entities, "user") {
        for group in &user.member_of {
            if let Some(t) = reference(group, Some("group"))
                .and_then(|key| index.get(&key))
                .and_then(|g| team_of.get(g))
            {
                let key = user.key();
                members[*t].insert((key.namespace.clone(), key.name.clone()));
            }
        }
    }
    for (t, &e) in teams.iter().enumerate() {
        for member in &entities[e].members {
            if let Some(key) = reference(member, Some("user")).filter(|k| k.kind == "user") {
                members[t].insert((key.namespace, key.name));
            }
        }
    }
    // The most common domain among a team's services; a tie goes to the first in model order.
    let mut votes: Vec<HashMap<usize, usize>> = vec![HashMap::new(); teams.len()];
    for (s, owner) in owners.iter().enumerate() {
        if let (Some(group), Some(domain)) = (owner, service_domain[s]) {
            *votes[team_of[group]].entry(domain).or_default() += 1;
        }
    }
    for (t, &e) in teams.iter().enumerate() {
        let group = &entities[e];
        let name = group
            .display_name
            .clone()
            .or_else(|| group.title.clone())
            .unwrap_or_else(|| group.name.clone());
        let mut team = Team::new(&team_ids[t], &name, TeamKind::Product);
        if let Some(value) = group.annotation("opmodel/team-kind") {
            match parse_team_kind(value) {
                Ok(kind) => team.kind = kind,
                Err(why) => note(
                    NoteReason::BadAnnotation,
                    group.key(),
                    format!("opmodel/team-kind: {why}"),
                ),
            }
        }
        let annotated_members = group.annotation("opmodel/members").and_then(|value| {
            match value.trim().parse::<u32>() {
                Ok(n) if n > 0 => Some(n),
                _ => {
                    note(
                        NoteReason::BadAnnotation,
                        group.key(),
                        format!("opmodel/members: `{value}` is not a positive whole number"),
                    );
                    None
                }
            }
        });
        team.members = match annotated_members {
            Some(n) => n,
            None if members[t].is_empty() => {
                note(NoteReason::DefaultMembers, group.key(), String::new());
                team.members
            }
            None => u32::try_from(members[t].len()).unwrap_or(u32::MAX),
        };
        let voted = votes[t]
            .iter()
            .max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0)))
            .map(|(d, _)| *d);
        let annotated = match group.annotation("opmodel/domain") {
            Some(value) => match domain_by_annotation(value) {
                Some(d) => Some(d),
                None => {
                    note(
                        NoteReason::BadAnnotation,
                        group.key(),
                        format!("opmodel/domain `{value}` is not a domain of this catalog"),
                    );
                    None
                }
            },
            None => None,
        };
        team.domain = annotated.or(voted).map(|d| domain_ids[d].clone());
        model.teams.push(team);
    }

    // Services and their fields.
    for (s, &e) in services.iter().enumerate() {
        let component = &entities[e];
        let mut service = Service::new(
            &service_ids[s],
            &component.title_or_name(),
            ServiceKind::Digital,
        );
        service.owner = owners[s].map(|g| team_ids[team_of[&g]].clone());
        // Backstage knows nothing of feature demand: unknown until an annotation says (SPEC 7.1).
        service.demand = Demand::Unknown;
        match lifecycle(component.lifecycle.as_deref()) {
            Some(l) => service.lifecycle = l,
            None => note(
                NoteReason::Lifecycle,
                component.key(),
                format!(
                    "lifecycle {}",
                    component.lifecycle.as_deref().unwrap_or("missing")
                ),
            ),
        }
        let mut bad = |what: &str, why: String| {
            note(
                NoteReason::BadAnnotation,
                component.key(),
                format!("{what}: {why}"),
            );
        };
        if let Some(value) = component.annotation("opmodel/service-kind") {
            match parse_service_kind(value) {
                Ok(kind) => service.kind = kind,
                Err(why) => bad("opmodel/service-kind", why),
            }
        }
        if let Some(value) = component.annotation("opmodel/exposure-per-hour") {
            match parse_amount(value.trim()) {
                Ok(v) => service.exposure_per_hour = Some(v),
                Err(why) => bad("opmodel/exposure-per-hour", why),
            }
        }
        if let Some(value) = component.annotation("opmodel/availability") {
            match parse_availability(value.trim()) {
                Ok(v) => service.availability = Some(v),
                Err(why) => bad("opmodel/availability", why),
            }
        }
        if let Some(value) = component.annotation("opmodel/demand") {
            match parse_demand(value.trim()) {
                Ok(v) => service.demand = v,
                Err(why) => bad("opmodel/demand", why),
            }
        }
        if let Some(value) = component.annotation("opmodel/callouts-per-year") {
            match parse_amount(value.trim()) {
                Ok(v) => service.callouts_per_year = v,
                Err(why) => bad("opmodel/callouts-per-year", why),
            }
        }
        if let Some(value) = component.annotation("opmodel/compliance") {
            match tags(value, ',') {
                Ok(tags) => service.compliance = tags,
                Err(why) => bad("opmodel/compliance", why),
            }
        }
        model.services.push(service);
    }

    // Dependencies: dependsOn components imported as services, then providers of consumed APIs.
    let mut providers: HashMap<Key, Vec<usize>> = HashMap::new();
    for (s, &e) in services.iter().enumerate() {
        for api in &entities[e].provides_apis {
            if let Some(key) = reference(api, Some("api")) {
                providers.entry(key).or_default().push(s);
            }
        }
    }
    let mut seen: HashSet<(usize, usize)> = HashSet::new();
    for (s, &e) in services.iter().enumerate() {
        let component = &entities[e];
        let mut targets = Vec::new();
        for raw in &component.depends_on {
            match reference(raw, None) {
                None => note(
                    NoteReason::DependsOnWithoutKind,
                    component.key(),
                    raw.clone(),
                ),
                Some(key) => match service_of.get(&key) {
                    Some(to) => targets.push(*to),
                    None => note(
                        NoteReason::DependencyNotService,
                        component.key(),
                        format!("dependsOn {key}"),
                    ),
                },
            }
        }
        for raw in &component.consumes_apis {
            let Some(key) = reference(raw, Some("api")) else {
                continue;
            };
            if key.kind != "api" {
                note(
                    NoteReason::ConsumesNotApi,
                    component.key(),
                    format!("consumesApis {key}"),
                );
                continue;
            }
            match providers.get(&key) {
                Some(found) => targets.extend(found.iter().copied()),
                None => note(
                    NoteReason::ApiWithoutProvider,
                    component.key(),
                    format!("consumesApis {key}"),
                ),
            }
        }
        for to in targets {
            if to != s && seen.insert((s, to)) {
                model.dependencies.push(Dependency {
                    from: service_ids[s].clone(),
                    to: service_ids[to].clone(),
                });
            }
        }
    }

    Import {
        model,
        notes,
        entities: read_count,
    }
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
}
