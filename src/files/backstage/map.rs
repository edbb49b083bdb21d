//! Turning a catalog's entities into a model (SPEC 6.1): run components become services,
//! teams become teams, Domain entities domains; owners, systems, members and dependencies
//! are resolved by reference, and the `opmodel/…` annotations override and complete the
//! mapping. Every value written lies within what a model holds: a name too long is cut, a
//! count too large clamped, an annotation beyond the bounds ignored, each with a note.

use std::collections::{HashMap, HashSet};

use super::entity::Entity;
use super::read::Catalog;
use super::refs::{Key, reference};
use super::{Import, Note, NoteReason};
use crate::files::ids::Ids;
use crate::files::values::{self, Refusal};
use crate::format::grouped;
use crate::model::limits;
use crate::model::{
    Demand, Dependency, Domain, EntityKind, Lifecycle, Model, Service, ServiceKind, Team, TeamKind,
};

/// Turns the catalog's entities into a model called `name`.
pub fn map(catalog: Catalog, name: &str) -> Import {
    let Catalog {
        entities,
        index,
        notes,
        read_count,
        files,
        ..
    } = catalog;
    let mut mapping = Mapping {
        entities: &entities,
        index: &index,
        notes,
        domain_of_entity: HashMap::new(),
        domain_of_id: HashMap::new(),
    };
    let services = mapping.services();
    let owners = mapping.owners(&services);
    let domains: Vec<usize> = of_kind(&entities, "domain").map(|(i, _)| i).collect();
    let owning: HashSet<usize> = owners.iter().flatten().copied().collect();
    let teams: Vec<usize> = of_kind(&entities, "group")
        .filter(|(i, g)| {
            g.spec_type
                .as_deref()
                .is_some_and(|t| t.eq_ignore_ascii_case("team"))
                || owning.contains(i)
        })
        .map(|(i, _)| i)
        .collect();
    let ids = mapping.ids(&services, &teams, &domains);
    mapping.domain_of_entity = domains.iter().enumerate().map(|(d, e)| (*e, d)).collect();
    mapping.domain_of_id = ids.domains.iter().cloned().zip(0..).collect();
    let service_domains = mapping.service_domains(&services);

    let mut model = Model::named(name);
    model.domains = domains
        .iter()
        .zip(&ids.domains)
        .map(|(e, id)| Domain {
            id: id.clone(),
            name: mapping.name_within_bounds(&entities[*e], entities[*e].title_or_name()),
        })
        .collect();
    let team_of: HashMap<usize, usize> = teams.iter().enumerate().map(|(t, e)| (*e, t)).collect();
    let members = mapping.members(&teams, &team_of);
    // The most common domain among a team's services; a tie goes to the first in model order.
    let mut votes: Vec<HashMap<usize, usize>> = vec![HashMap::new(); teams.len()];
    for (s, owner) in owners.iter().enumerate() {
        if let (Some(group), Some(domain)) = (owner, service_domains[s]) {
            *votes[team_of[group]].entry(domain).or_default() += 1;
        }
    }
    for (t, &e) in teams.iter().enumerate() {
        let voted = votes[t]
            .iter()
            .max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0)))
            .map(|(d, _)| *d);
        let mut team = mapping.team(&entities[e], &ids.teams[t], members[t].len());
        let domain = mapping
            .domain_by_annotation(&entities[e])
            .or(voted)
            .map(|d| ids.domains[d].clone());
        team.domain = domain;
        model.teams.push(team);
    }
    for (s, &e) in services.iter().enumerate() {
        let mut service = mapping.service(&entities[e], &ids.services[s]);
        service.owner = owners[s].map(|g| ids.teams[team_of[&g]].clone());
        model.services.push(service);
    }
    model.dependencies = mapping.dependencies(&services, &ids.services);
    Import {
        model,
        notes: mapping.notes,
        entities: read_count,
        files,
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
        .filter(move |(_, e)| e.key.kind == kind)
}

/// Lifecycle of a service, as SPEC section 5 names it.
fn lifecycle(word: Option<&str>) -> Option<Lifecycle> {
    match word?.to_lowercase().as_str() {
        "experimental" => Some(Lifecycle::Inception),
        "production" => Some(Lifecycle::Live),
        "deprecated" => Some(Lifecycle::Retiring),
        _ => None,
    }
}

/// The ids of the services, teams and domains, in the order of their lists.
struct EntityIds {
    services: Vec<String>,
    teams: Vec<String>,
    domains: Vec<String>,
}

/// The catalog being mapped, and the notes made so far.
struct Mapping<'a> {
    entities: &'a [Entity],
    index: &'a HashMap<Key, usize>,
    notes: Vec<Note>,
    /// Each Domain entity's place in the model's domains, by its place in the catalog.
    domain_of_entity: HashMap<usize, usize>,
    /// Each model domain's place, by its id.
    domain_of_id: HashMap<String, usize>,
}

impl Mapping<'_> {
    fn note(&mut self, reason: NoteReason, subject: &Key, detail: String) {
        self.notes.push(Note {
            reason,
            subject: subject.to_string(),
            detail,
        });
    }

    /// A value of an annotation: noted and ignored when it does not read, or lies beyond
    /// what a model holds.
    fn annotated<T>(
        &mut self,
        entity: &Entity,
        annotation: &str,
        parse: impl Fn(&str) -> Result<T, Refusal>,
    ) -> Option<T> {
        let value = entity.annotation(annotation)?;
        match parse(value.trim()) {
            Ok(value) => Some(value),
            Err(Refusal::Unreadable(why)) => {
                self.note(
                    NoteReason::BadAnnotation,
                    &entity.key,
                    format!("{annotation}: {why}"),
                );
                None
            }
            Err(Refusal::Beyond(why)) => {
                self.note(
                    NoteReason::OutOfBounds,
                    &entity.key,
                    format!("{annotation}: {why}: ignored"),
                );
                None
            }
        }
    }

    /// `name`, or as much of it as a model allows, with a note.
    fn name_within_bounds(&mut self, entity: &Entity, name: &str) -> String {
        let count = name.chars().count();
        if count <= limits::NAME_CHARS {
            return name.to_owned();
        }
        self.note(
            NoteReason::OutOfBounds,
            &entity.key,
            format!(
                "its name of {} characters is cut to {}, the most a model allows",
                grouped(count as f64),
                grouped(limits::NAME_CHARS as f64)
            ),
        );
        name.chars().take(limits::NAME_CHARS).collect()
    }

    /// The components that are run, in order; the others are noted.
    fn services(&mut self) -> Vec<usize> {
        let mut services = Vec::new();
        for (i, component) in of_kind(self.entities, "component") {
            let run = component.spec_type.as_deref().is_some_and(|t| {
                t.eq_ignore_ascii_case("service") || t.eq_ignore_ascii_case("website")
            });
            if run {
                services.push(i);
            } else {
                let kind = component.spec_type.as_deref().unwrap_or("none");
                self.note(NoteReason::NotRun, &component.key, format!("type {kind}"));
            }
        }
        services
    }

    /// Each service's owning group, where its owner reference resolves to one.
    fn owners(&mut self, services: &[usize]) -> Vec<Option<usize>> {
        let entities = self.entities;
        services.iter().map(|&e| self.owner(&entities[e])).collect()
    }

    /// A component's owning group, where its owner reference resolves to one; noted where
    /// it does not.
    fn owner(&mut self, component: &Entity) -> Option<usize> {
        let owner = component
            .owner
            .as_deref()
            .and_then(|o| reference(o, Some("group")));
        match owner {
            None => {
                let why = "it names no owner".to_owned();
                self.note(NoteReason::OwnerUnresolved, &component.key, why);
                None
            }
            Some(key) if key.kind == "user" => {
                self.note(
                    NoteReason::OwnerIsPerson,
                    &component.key,
                    format!("owner {key}"),
                );
                None
            }
            Some(key) => {
                let group = self
                    .index
                    .get(&key)
                    .copied()
                    .filter(|g| self.entities[*g].key.kind == "group");
                if group.is_none() {
                    let why = format!("owner {key}");
                    self.note(NoteReason::OwnerUnresolved, &component.key, why);
                }
                group
            }
        }
    }

    /// Ids: services keep theirs, then teams, then domains take a suffix when taken.
    fn ids(&mut self, services: &[usize], teams: &[usize], domains: &[usize]) -> EntityIds {
        let mut ids = Ids::default();
        let mut settle = |mapping: &mut Self, e: usize, kind: EntityKind| {
            let entity = &mapping.entities[e];
            let base = entity.base_id();
            let id = ids.settle(&base, kind);
            if id != base {
                let detail = format!("`{base}` is taken, so it is `{id}`");
                mapping.note(NoteReason::IdTaken, &entity.key, detail);
            }
            id
        };
        EntityIds {
            services: services
                .iter()
                .map(|e| settle(self, *e, EntityKind::Service))
                .collect(),
            teams: teams
                .iter()
                .map(|e| settle(self, *e, EntityKind::Team))
                .collect(),
            domains: domains
                .iter()
                .map(|e| settle(self, *e, EntityKind::Domain))
                .collect(),
        }
    }

    /// A domain named by an annotation: a model domain id, or a reference to a Domain.
    fn domain_by_annotation(&mut self, entity: &Entity) -> Option<usize> {
        let value = entity.annotation("opmodel/domain")?;
        let found = self.domain_of_id.get(value).copied().or_else(|| {
            let key = reference(value, Some("domain"))?;
            self.domain_of_entity.get(self.index.get(&key)?).copied()
        });
        if found.is_none() {
            let why = format!("opmodel/domain `{value}` is not a domain of this catalog");
            self.note(NoteReason::BadAnnotation, &entity.key, why);
        }
        found
    }

    /// Each service's domain: its own annotation, else its system's domain.
    fn service_domains(&mut self, services: &[usize]) -> Vec<Option<usize>> {
        let entities = self.entities;
        (services.iter())
            .map(|&e| {
                let component = &entities[e];
                let from_system = component
                    .system
                    .as_deref()
                    .and_then(|s| reference(s, Some("system")))
                    .and_then(|key| self.index.get(&key))
                    .map(|s| &self.entities[*s])
                    .filter(|s| s.key.kind == "system")
                    .and_then(|s| s.domain.as_deref())
                    .and_then(|d| reference(d, Some("domain")))
                    .and_then(|key| self.index.get(&key))
                    .and_then(|d| self.domain_of_entity.get(d).copied());
                self.domain_by_annotation(component).or(from_system)
            })
            .collect()
    }

    /// Members of each team: distinct users naming the group in memberOf or listed in its
    /// members.
    fn members(
        &self,
        teams: &[usize],
        team_of: &HashMap<usize, usize>,
    ) -> Vec<HashSet<(String, String)>> {
        let mut members: Vec<HashSet<(String, String)>> = vec![HashSet::new(); teams.len()];
        for (_, user) in of_kind(self.entities, "user") {
            for group in &user.member_of {
                if let Some(t) = reference(group, Some("group"))
                    .and_then(|key| self.index.get(&key))
                    .and_then(|g| team_of.get(g))
                {
                    members[*t].insert((user.key.namespace.clone(), user.key.name.clone()));
                }
            }
        }
        for (t, &e) in teams.iter().enumerate() {
            for member in &self.entities[e].members {
                if let Some(key) = reference(member, Some("user")).filter(|k| k.kind == "user") {
                    members[t].insert((key.namespace, key.name));
                }
            }
        }
        members
    }

    /// A team from a group with `counted` members known, its annotations applied but for
    /// its domain.
    fn team(&mut self, group: &Entity, id: &str, counted: usize) -> Team {
        let name = group
            .display_name
            .as_deref()
            .or(group.title.as_deref())
            .unwrap_or(&group.name);
        let name = self.name_within_bounds(group, name);
        let mut team = Team::new(id, &name, TeamKind::Product);
        if let Some(kind) = self.annotated(group, "opmodel/team-kind", values::team_kind) {
            team.kind = kind;
        }
        let annotated = self.annotated(group, "opmodel/members", |text| {
            match values::members(text)? {
                0 => Err(Refusal::Unreadable(format!(
                    "`{}` is not a positive whole number",
                    crate::format::Shown(text)
                ))),
                n => Ok(n),
            }
        });
        team.members = match annotated {
            Some(n) => n,
            None if counted == 0 => {
                self.note(NoteReason::DefaultMembers, &group.key, String::new());
                team.members
            }
            None if counted > limits::MEMBERS as usize => {
                let why = format!(
                    "{} members counted, more than a team may have: given {}",
                    grouped(counted as f64),
                    grouped(f64::from(limits::MEMBERS))
                );
                self.note(NoteReason::OutOfBounds, &group.key, why);
                limits::MEMBERS
            }
            None => u32::try_from(counted).expect("at most the bound on members"),
        };
        team
    }

    /// A service from a component, its lifecycle and annotations applied.
    fn service(&mut self, component: &Entity, id: &str) -> Service {
        let name = self.name_within_bounds(component, component.title_or_name());
        let mut service = Service::new(id, &name, ServiceKind::Digital);
        match lifecycle(component.lifecycle.as_deref()) {
            Some(l) => service.lifecycle = l,
            None => {
                let word = component.lifecycle.as_deref().unwrap_or("missing");
                self.note(
                    NoteReason::Lifecycle,
                    &component.key,
                    format!("lifecycle {word}"),
                );
            }
        }
        if let Some(kind) = self.annotated(component, "opmodel/service-kind", values::service_kind)
        {
            service.kind = kind;
        }
        service.exposure_per_hour =
            self.annotated(component, "opmodel/exposure-per-hour", values::exposure);
        service.availability =
            self.annotated(component, "opmodel/availability", values::availability);
        // Backstage knows nothing of feature demand: unknown until an annotation says (SPEC 7.1).
        service.demand = self
            .annotated(component, "opmodel/demand", values::demand)
            .unwrap_or(Demand::Unknown);
        if let Some(callouts) =
            self.annotated(component, "opmodel/callouts-per-year", values::callouts)
        {
            service.callouts_per_year = callouts;
        }
        if let Some(tags) = self.annotated(component, "opmodel/compliance", |text| {
            values::tags(text, ',')
        }) {
            service.compliance = tags;
        }
        service
    }

    /// Dependencies: dependsOn components imported as services, then the providers of
    /// consumed APIs; no self-dependency, no repeats.
    fn dependencies(&mut self, services: &[usize], service_ids: &[String]) -> Vec<Dependency> {
        let service_of: HashMap<&Key, usize> = services
            .iter()
            .enumerate()
            .map(|(s, e)| (&self.entities[*e].key, s))
            .collect();
        let mut providers: HashMap<Key, Vec<usize>> = HashMap::new();
        for (s, &e) in services.iter().enumerate() {
            for api in &self.entities[e].provides_apis {
                if let Some(key) = reference(api, Some("api")) {
                    providers.entry(key).or_default().push(s);
                }
            }
        }
        let mut dependencies = Vec::new();
        let mut seen: HashSet<(usize, usize)> = HashSet::new();
        for (s, &e) in services.iter().enumerate() {
            let component = &self.entities[e];
            let mut targets = Vec::new();
            let mut notes = Vec::new();
            for raw in &component.depends_on {
                match reference(raw, None) {
                    None => notes.push((NoteReason::DependsOnWithoutKind, raw.clone())),
                    Some(key) => match service_of.get(&key) {
                        Some(to) => targets.push(*to),
                        None => notes
                            .push((NoteReason::DependencyNotService, format!("dependsOn {key}"))),
                    },
                }
            }
            for raw in &component.consumes_apis {
                let Some(key) = reference(raw, Some("api")) else {
                    continue;
                };
                if key.kind != "api" {
                    notes.push((NoteReason::ConsumesNotApi, format!("consumesApis {key}")));
                    continue;
                }
                match providers.get(&key) {
                    Some(found) => targets.extend(found.iter().copied()),
                    None => notes.push((
                        NoteReason::ApiWithoutProvider,
                        format!("consumesApis {key}"),
                    )),
                }
            }
            for (reason, detail) in notes {
                self.note(reason, &component.key, detail);
            }
            for to in targets {
                if to != s && seen.insert((s, to)) {
                    dependencies.push(Dependency {
                        from: service_ids[s].clone(),
                        to: service_ids[to].clone(),
                    });
                }
            }
        }
        dependencies
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entity(kind: &str, name: &str, rest: &str) -> String {
        format!(
            "---\napiVersion: backstage.io/v1alpha1\nkind: {kind}\nmetadata:\n  name: {name}\n{rest}"
        )
    }

    fn mapped(text: &str) -> Import {
        map(Catalog::of_text(text), "m")
    }

    fn notes(import: &Import, reason: NoteReason) -> Vec<String> {
        import
            .notes
            .iter()
            .filter(|n| n.reason == reason)
            .map(|n| format!("{}: {}", n.subject, n.detail))
            .collect()
    }

    #[test]
    fn a_team_counted_past_the_bound_is_given_the_most_a_model_holds() {
        let members: Vec<String> = (0..=limits::MEMBERS).map(|i| format!("u{i}")).collect();
        let import = mapped(&entity(
            "Group",
            "crowd",
            &format!("spec:\n  type: team\n  members: [{}]\n", members.join(", ")),
        ));
        assert_eq!(import.model.teams[0].members, limits::MEMBERS);
        assert_eq!(
            notes(&import, NoteReason::OutOfBounds),
            [
                "group:default/crowd: 10,001 members counted, more than a team may have: given 10,000"
            ]
        );
    }

    #[test]
    fn a_title_too_long_is_cut_with_a_note() {
        let title = "t".repeat(limits::NAME_CHARS + 5);
        let import = mapped(&entity(
            "Component",
            "c",
            &format!("  title: {title}\nspec:\n  type: service\n  lifecycle: production\n"),
        ));
        assert_eq!(
            import.model.services[0].name.chars().count(),
            limits::NAME_CHARS
        );
        assert_eq!(
            notes(&import, NoteReason::OutOfBounds),
            [
                "component:default/c: its name of 1,005 characters is cut to 1,000, the most a model allows"
            ]
        );
    }

    #[test]
    fn an_annotation_beyond_the_bounds_is_told_apart_from_one_that_does_not_read() {
        let import = mapped(&entity(
            "Component",
            "c",
            "  annotations:\n    opmodel/exposure-per-hour: \"1e13\"\n    opmodel/callouts-per-year: lots\nspec:\n  type: service\n  lifecycle: production\n",
        ));
        let service = &import.model.services[0];
        assert_eq!(
            (service.exposure_per_hour, service.callouts_per_year),
            (None, 0.0)
        );
        assert_eq!(notes(&import, NoteReason::OutOfBounds).len(), 1);
        assert_eq!(
            notes(&import, NoteReason::BadAnnotation),
            [
                "component:default/c: opmodel/callouts-per-year: `lots` is not an amount (a number, 0 or more)"
            ]
        );
    }

    #[test]
    fn a_team_annotated_with_an_unknown_domain_takes_its_services_domain() {
        let text = [
            entity("Domain", "home", "spec: {}\n"),
            entity("System", "beds", "spec:\n  domain: home\n"),
            entity(
                "Group",
                "a",
                "  annotations:\n    opmodel/domain: nowhere\nspec:\n  type: team\n  members: [x]\n",
            ),
            entity(
                "Component",
                "bed",
                "spec:\n  type: service\n  lifecycle: production\n  owner: a\n  system: beds\n",
            ),
        ]
        .concat();
        let import = mapped(&text);
        assert_eq!(import.model.teams[0].domain.as_deref(), Some("home"));
        assert_eq!(notes(&import, NoteReason::BadAnnotation).len(), 1);
    }
}
