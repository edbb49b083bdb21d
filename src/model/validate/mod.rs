//! Checks that a parsed model makes sense: every id unique and not blank, every reference
//! pointing at an entity of the right kind, every number within the bounds of [`limits`]
//! (checked in [`bounds`]). The first fault found is returned as one message a person can
//! act on, with the structural path of the value at fault so that [`crate::files::ron`] can
//! point at it.
//!
//! Everything here is linear in the size of the model (or `n log n` for the exposure
//! bands), so a model of hundreds of thousands of entities is checked in a blink.

mod bounds;

use std::collections::HashMap;
use std::fmt;

use super::{
    Demand, EntityKind, FORMAT_VERSION, Model, PEAK_FORMAT_VERSION, Service,
    UNKNOWN_DEMAND_FORMAT_VERSION,
};
use crate::format::Shown;
pub use bounds::limits;
use bounds::{at_most_count, check_layout, check_lengths, check_settings, percentage, within};

/// One fault in a model: its message, and where it sits as a path of [`Step`]s from the
/// top of the file, such as `services`, item 3, `owner`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ValidationError {
    pub message: String,
    pub path: Vec<Step>,
}

/// One step of a [`ValidationError`] path, each taken inside what the previous one picked.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Step {
    /// The value of a field of a struct.
    Field(&'static str),
    /// An item of a list, counted from 0.
    Item(usize),
    /// An entry of a map, by its key.
    Key(String),
    /// The first struct, anywhere within, whose `field` holds the string `value`: an entity
    /// found by its id when its place in the file is not known.
    Entity { field: &'static str, value: String },
}

impl fmt::Display for ValidationError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for ValidationError {}

fn step(field: &'static str) -> Step {
    Step::Field(field)
}

/// The path of a field of the `index`-th item of the list `list`.
fn item_field(list: &'static str, index: usize, field: &'static str) -> Vec<Step> {
    vec![step(list), Step::Item(index), step(field)]
}

fn fault<T>(message: String, path: Vec<Step>) -> Result<T, ValidationError> {
    Err(ValidationError { message, path })
}

/// Returns the first fault in a model read from a file, or `Ok` when it is sound: what
/// [`validate`] checks, and that the file's `version` can hold what it uses.
pub fn validate_file(model: &Model) -> Result<(), ValidationError> {
    validate(model)?;
    check_version_holds(model)
}

/// A file that says it is older than a value it uses is refused, since an Opmodel of that
/// version could not read it (SPEC section 7). Only files are held to this: a model being
/// edited takes the version its content needs when it is saved.
fn check_version_holds(model: &Model) -> Result<(), ValidationError> {
    let too_old = |needs: u32, what: String, path: Vec<Step>| {
        fault(
            format!(
                "{what} needs version {needs}, but the file says version {}",
                model.version
            ),
            path,
        )
    };
    // The settings come before the services in a file: the first fault in it is named.
    if model.settings.peak_weeks != 0.0 && model.version < PEAK_FORMAT_VERSION {
        return too_old(
            PEAK_FORMAT_VERSION,
            "settings: peak_weeks".to_owned(),
            vec![step("settings"), step("peak_weeks")],
        );
    }
    for (index, service) in model.services.iter().enumerate() {
        let id = Shown(&service.id);
        if service.demand == Demand::Unknown && model.version < UNKNOWN_DEMAND_FORMAT_VERSION {
            return too_old(
                UNKNOWN_DEMAND_FORMAT_VERSION,
                format!("service `{id}`: demand `Unknown`"),
                item_field("services", index, "demand"),
            );
        }
        if service.peak_exposure_per_hour.is_some() && model.version < PEAK_FORMAT_VERSION {
            return too_old(
                PEAK_FORMAT_VERSION,
                format!("service `{id}`: peak_exposure_per_hour"),
                item_field("services", index, "peak_exposure_per_hour"),
            );
        }
    }
    Ok(())
}

/// Returns the first fault in `model`, or `Ok` when it is sound.
pub fn validate(model: &Model) -> Result<(), ValidationError> {
    check_version(model)?;
    check_lengths(model)?;
    check_settings(model)?;
    let kinds = check_ids(model)?;
    for (index, team) in model.teams.iter().enumerate() {
        let at = |field| item_field("teams", index, field);
        at_most_count(team.members, limits::MEMBERS, || {
            (
                format!("team `{}`: members", Shown(&team.id)),
                at("members"),
            )
        })?;
        if let Some(domain) = &team.domain {
            expect_kind(
                kinds.get(domain.as_str()).copied(),
                domain,
                EntityKind::Domain,
                || {
                    (
                        format!(
                            "team `{}` belongs to domain `{}`",
                            Shown(&team.id),
                            Shown(domain)
                        ),
                        at("domain"),
                    )
                },
            )?;
        }
    }
    for (index, service) in model.services.iter().enumerate() {
        check_service(|id| kinds.get(id).copied(), index, service)?;
    }
    for (index, service) in model.services.iter().enumerate() {
        check_tags(index, service)?;
    }
    let ends = |kind, list, links: Vec<(&String, &String)>, link: fn(&str, &str) -> String| {
        for (index, (from, to)) in links.into_iter().enumerate() {
            for (end, field) in [(from, "from"), (to, "to")] {
                expect_kind(kinds.get(end.as_str()).copied(), end, kind, || {
                    (
                        format!("{} names `{}`", link(from, to), Shown(end)),
                        item_field(list, index, field),
                    )
                })?;
            }
        }
        Ok(())
    };
    ends(
        EntityKind::Service,
        "dependencies",
        model
            .dependencies
            .iter()
            .map(|d| (&d.from, &d.to))
            .collect(),
        |from, to| format!("the dependency from `{}` to `{}`", Shown(from), Shown(to)),
    )?;
    ends(
        EntityKind::Team,
        "interactions",
        model
            .interactions
            .iter()
            .map(|i| (&i.from, &i.to))
            .collect(),
        |from, to| {
            format!(
                "the interaction between `{}` and `{}`",
                Shown(from),
                Shown(to)
            )
        },
    )?;
    check_layout(model)
}

fn check_version(model: &Model) -> Result<(), ValidationError> {
    let path = vec![step("version")];
    if model.version > FORMAT_VERSION {
        return fault(
            format!(
                "the file is format version {}, written by a newer Opmodel; this build reads version {FORMAT_VERSION}",
                model.version
            ),
            path,
        );
    }
    if model.version == 0 {
        return fault(
            format!("format version 0 does not exist; this build reads version {FORMAT_VERSION}"),
            path,
        );
    }
    Ok(())
}

/// Every id must hold something other than spaces and be unique across teams, domains and
/// services.
fn check_ids(model: &Model) -> Result<HashMap<&str, EntityKind>, ValidationError> {
    let lists = [
        (
            "domains",
            EntityKind::Domain,
            ids(&model.domains, |d| &d.id),
        ),
        ("teams", EntityKind::Team, ids(&model.teams, |t| &t.id)),
        (
            "services",
            EntityKind::Service,
            ids(&model.services, |s| &s.id),
        ),
    ];
    let mut kinds =
        HashMap::with_capacity(model.domains.len() + model.teams.len() + model.services.len());
    for (list, kind, ids) in lists {
        for (index, id) in ids.into_iter().enumerate() {
            if id.trim().is_empty() {
                let what = if id.is_empty() {
                    "an empty id".to_owned()
                } else {
                    format!("a blank id (`{}`)", Shown(id))
                };
                return fault(
                    format!(
                        "a {} has {what}; every entity needs one with at least one letter or digit",
                        kind.label()
                    ),
                    item_field(list, index, "id"),
                );
            }
            if let Some(first) = kinds.insert(id, kind) {
                return fault(
                    format!(
                        "the id `{}` is used twice (by a {} and a {}); ids must be unique across teams, domains and services",
                        Shown(id),
                        first.label(),
                        kind.label()
                    ),
                    item_field(list, index, "id"),
                );
            }
        }
    }
    Ok(kinds)
}

fn ids<T>(entities: &[T], id: impl Fn(&T) -> &String) -> Vec<&str> {
    entities.iter().map(|e| id(e).as_str()).collect()
}

/// `id`, found to be of kind `found` (`None`: no entity has it), must be a `wanted`.
fn expect_kind(
    found: Option<EntityKind>,
    id: &str,
    wanted: EntityKind,
    context: impl FnOnce() -> (String, Vec<Step>),
) -> Result<(), ValidationError> {
    match found {
        Some(kind) if kind == wanted => Ok(()),
        found => {
            let (what, path) = context();
            let why = match found {
                Some(kind) => format!(
                    "`{}` is a {}, not a {}",
                    Shown(id),
                    kind.label(),
                    wanted.label()
                ),
                None => format!("there is no {} with the id `{}`", wanted.label(), Shown(id)),
            };
            fault(format!("{what}, but {why}"), path)
        }
    }
}

/// The compliance tags (SPEC section 5) of the service at `index`: each non-empty, without
/// leading or trailing spaces, and given at most once.
fn check_tags(index: usize, service: &Service) -> Result<(), ValidationError> {
    let at = || item_field("services", index, "compliance");
    for (position, tag) in service.compliance.iter().enumerate() {
        let problem = if tag.trim().is_empty() {
            Some("a blank compliance tag; a tag needs a name such as \"PCI-DSS\"".to_owned())
        } else if tag.trim() != tag {
            Some(format!(
                "the compliance tag {tag:?} with spaces around it; write it {:?}",
                tag.trim()
            ))
        } else if service.compliance[..position].contains(tag) {
            Some(format!(
                "the compliance tag {tag:?} twice; give each tag once"
            ))
        } else {
            None
        };
        if let Some(problem) = problem {
            return fault(
                format!("service `{}` has {problem}", Shown(&service.id)),
                at(),
            );
        }
    }
    Ok(())
}

/// The first fault in `service`, taken as the one at `index` in `model` (its owner must be a
/// team of `model`), or `Ok`: what [`validate`] checks of one service, without checking the
/// whole model again, so an edit to one service is checked in constant time.
pub fn validate_service(
    model: &Model,
    index: usize,
    service: &Service,
) -> Result<(), ValidationError> {
    check_service(|id| model.entity_kind(id), index, service)?;
    check_tags(index, service)
}

/// A service's owner, numbers and bounds; `kind_of` tells what kind of entity an id names.
fn check_service(
    kind_of: impl Fn(&str) -> Option<EntityKind>,
    index: usize,
    service: &Service,
) -> Result<(), ValidationError> {
    let at = |field| item_field("services", index, field);
    let what = |field: &str| format!("service `{}`: {field}", Shown(&service.id));
    if let Some(owner) = &service.owner {
        expect_kind(kind_of(owner), owner, EntityKind::Team, || {
            (
                format!(
                    "service `{}` is owned by `{}`",
                    Shown(&service.id),
                    Shown(owner)
                ),
                at("owner"),
            )
        })?;
    }
    for (exposure, field) in [
        (service.exposure_per_hour, "exposure_per_hour"),
        (service.peak_exposure_per_hour, "peak_exposure_per_hour"),
    ] {
        if let Some(exposure) = exposure {
            within(exposure, limits::EXPOSURE_PER_HOUR, || {
                (what(field), at(field))
            })?;
        }
    }
    if let Some(availability) = service.availability {
        percentage(availability, || (what("availability"), at("availability")))?;
    }
    within(service.callouts_per_year, limits::CALLOUTS_PER_YEAR, || {
        (what("callouts_per_year"), at("callouts_per_year"))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_service_is_checked_as_the_whole_model_would_check_it() {
        let mut model = Model::named("m");
        model.teams.push(crate::model::Team::new(
            "t",
            "T",
            crate::model::TeamKind::Product,
        ));
        model
            .services
            .push(Service::new("s", "S", crate::model::ServiceKind::Digital));
        let faults: [fn(&mut Service); 5] = [
            |s| s.availability = Some(0.0),
            |s| s.owner = Some("nobody".into()),
            |s| s.owner = Some("s".into()),
            |s| s.callouts_per_year = f64::NAN,
            |s| s.compliance = vec!["SOX".into(), "SOX".into()],
        ];
        for fault in faults {
            let mut service = model.services[0].clone();
            fault(&mut service);
            let mut whole = model.clone();
            whole.services[0] = service.clone();
            assert_eq!(
                validate_service(&model, 0, &service),
                validate(&whole),
                "{service:?}"
            );
            assert!(validate(&whole).is_err());
        }
        assert_eq!(validate_service(&model, 0, &model.services[0]), Ok(()));
    }
}
