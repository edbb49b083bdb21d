//! Checks that a parsed model makes sense: every id unique and non-empty, every reference
//! pointing at an entity of the right kind, every number possible. The first fault found is
//! returned as one message a person can act on, with a hint of where it sits in the file.

use std::collections::HashMap;
use std::fmt;

use super::{EntityKind, FORMAT_VERSION, Model, Pay};

/// One fault in a model. `path` says where to look in the file: a chain of `field: value`
/// steps, each searched for after the previous one (see [`crate::io`]).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ValidationError {
    pub message: String,
    pub path: Vec<Step>,
}

/// One step of a [`ValidationError`] location: the field name, and the literal value it holds
/// when that picks out one entity among many.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Step {
    pub field: &'static str,
    pub value: Option<String>,
}

impl fmt::Display for ValidationError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for ValidationError {}

fn step(field: &'static str) -> Step {
    Step { field, value: None }
}

fn step_id(field: &'static str, id: &str) -> Step {
    Step {
        field,
        value: Some(quoted(id)),
    }
}

/// An id as it is written in a RON file.
fn quoted(id: &str) -> String {
    format!("{id:?}")
}

fn fault<T>(message: String, path: Vec<Step>) -> Result<T, ValidationError> {
    Err(ValidationError { message, path })
}

/// Returns the first fault in `model`, in file order, or `Ok` when it is sound.
pub fn validate(model: &Model) -> Result<(), ValidationError> {
    check_version(model)?;
    check_settings(model)?;
    let kinds = check_ids(model)?;
    for team in &model.teams {
        if let Some(domain) = &team.domain {
            expect_kind(&kinds, domain, EntityKind::Domain, || {
                (
                    format!("team `{}` belongs to domain `{domain}`", team.id),
                    vec![step_id("id", &team.id), step("domain")],
                )
            })?;
        }
    }
    for service in &model.services {
        let here = || vec![step_id("id", &service.id)];
        let at = |field: &'static str| {
            let mut path = here();
            path.push(step(field));
            path
        };
        if let Some(owner) = &service.owner {
            expect_kind(&kinds, owner, EntityKind::Team, || {
                (
                    format!("service `{}` is owned by `{owner}`", service.id),
                    at("owner"),
                )
            })?;
        }
        if let Some(exposure) = service.exposure_per_hour {
            non_negative(exposure, || {
                (
                    format!("service `{}`: exposure_per_hour", service.id),
                    at("exposure_per_hour"),
                )
            })?;
        }
        if let Some(availability) = service.availability {
            percentage(availability, || {
                (
                    format!("service `{}`: availability", service.id),
                    at("availability"),
                )
            })?;
        }
        non_negative(service.callouts_per_year, || {
            (
                format!("service `{}`: callouts_per_year", service.id),
                at("callouts_per_year"),
            )
        })?;
    }
    check_compliance(model)?;
    for dependency in &model.dependencies {
        for (end, field) in [(&dependency.from, "from"), (&dependency.to, "to")] {
            expect_kind(&kinds, end, EntityKind::Service, || {
                (
                    format!(
                        "the dependency from `{}` to `{}` names `{end}`",
                        dependency.from, dependency.to
                    ),
                    link_end("dependencies", &dependency.from, field, end),
                )
            })?;
        }
    }
    for interaction in &model.interactions {
        for (end, field) in [(&interaction.from, "from"), (&interaction.to, "to")] {
            expect_kind(&kinds, end, EntityKind::Team, || {
                (
                    format!(
                        "the interaction between `{}` and `{}` names `{end}`",
                        interaction.from, interaction.to
                    ),
                    link_end("interactions", &interaction.from, field, end),
                )
            })?;
        }
    }
    Ok(())
}

/// Where one end of a dependency or interaction sits: the link is found by its `from`, and
/// a faulty `to` by its value, since other links may share the `from` or follow it.
fn link_end(list: &'static str, from: &str, field: &'static str, end: &str) -> Vec<Step> {
    let mut path = vec![step(list), step_id("from", from)];
    if field != "from" {
        path.push(step_id(field, end));
    }
    path
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

fn check_settings(model: &Model) -> Result<(), ValidationError> {
    let settings = &model.settings;
    let at = |field: &'static str| vec![step("settings"), step(field)];
    if !(settings.weeks_per_year.is_finite() && settings.weeks_per_year > 0.0) {
        return fault(
            format!(
                "settings: weeks_per_year must be a number above 0, not {}",
                settings.weeks_per_year
            ),
            at("weeks_per_year"),
        );
    }
    if settings.people_per_shift == 0 {
        return fault(
            "settings: people_per_shift must be at least 1".to_owned(),
            at("people_per_shift"),
        );
    }
    non_negative(settings.callout_hours, || {
        ("settings: callout_hours".to_owned(), at("callout_hours"))
    })?;
    check_pay(&settings.product_pay, "product_pay")?;
    check_pay(&settings.ops_pay, "ops_pay")?;
    let mut seen_maxima: Vec<f64> = Vec::new();
    for (index, band) in settings.exposure_bands.iter().enumerate() {
        let label = format!("settings: exposure band {}", index + 1);
        let at_band = || vec![step("settings"), step("exposure_bands")];
        non_negative(band.max_exposure_per_hour, || {
            (format!("{label}: max_exposure_per_hour"), at_band())
        })?;
        percentage(band.availability, || {
            (format!("{label}: availability"), at_band())
        })?;
        if seen_maxima.contains(&band.max_exposure_per_hour) {
            return fault(
                format!(
                    "{label} repeats the maximum exposure {}; each band needs its own maximum",
                    band.max_exposure_per_hour
                ),
                at_band(),
            );
        }
        seen_maxima.push(band.max_exposure_per_hour);
    }
    Ok(())
}

fn check_pay(pay: &Pay, field: &'static str) -> Result<(), ValidationError> {
    let at = |rate: &'static str| vec![step("settings"), step(field), step(rate)];
    non_negative(pay.standby_per_week, || {
        (
            format!("settings: {field}.standby_per_week"),
            at("standby_per_week"),
        )
    })?;
    non_negative(pay.callout_per_hour, || {
        (
            format!("settings: {field}.callout_per_hour"),
            at("callout_per_hour"),
        )
    })
}

/// Every id must be non-empty and unique across teams, domains and services.
fn check_ids(model: &Model) -> Result<HashMap<&str, EntityKind>, ValidationError> {
    let entities = model
        .domains
        .iter()
        .map(|d| (d.id.as_str(), EntityKind::Domain))
        .chain(
            model
                .teams
                .iter()
                .map(|t| (t.id.as_str(), EntityKind::Team)),
        )
        .chain(
            model
                .services
                .iter()
                .map(|s| (s.id.as_str(), EntityKind::Service)),
        );
    let mut kinds =
        HashMap::with_capacity(model.domains.len() + model.teams.len() + model.services.len());
    for (id, kind) in entities {
        if id.trim().is_empty() {
            return fault(
                format!("a {} has an empty id; every entity needs one", kind.label()),
                vec![step_id("id", id)],
            );
        }
        if let Some(first) = kinds.insert(id, kind) {
            return fault(
                format!(
                    "the id `{id}` is used twice (by a {} and a {}); ids must be unique across teams, domains and services",
                    first.label(),
                    kind.label()
                ),
                vec![step_id("id", id), step_id("id", id)],
            );
        }
    }
    Ok(kinds)
}

fn expect_kind(
    kinds: &HashMap<&str, EntityKind>,
    id: &str,
    wanted: EntityKind,
    context: impl FnOnce() -> (String, Vec<Step>),
) -> Result<(), ValidationError> {
    match kinds.get(id) {
        Some(kind) if *kind == wanted => Ok(()),
        found => {
            let (what, path) = context();
            let why = match found {
                Some(kind) => format!("`{id}` is a {}, not a {}", kind.label(), wanted.label()),
                None => format!("there is no {} with the id `{id}`", wanted.label()),
            };
            fault(format!("{what}, but {why}"), path)
        }
    }
}

fn non_negative(
    value: f64,
    context: impl FnOnce() -> (String, Vec<Step>),
) -> Result<(), ValidationError> {
    if value.is_finite() && value >= 0.0 {
        return Ok(());
    }
    let (what, path) = context();
    fault(
        format!("{what} must be a number of 0 or more, not {value}"),
        path,
    )
}

fn percentage(
    value: f64,
    context: impl FnOnce() -> (String, Vec<Step>),
) -> Result<(), ValidationError> {
    if value.is_finite() && value > 0.0 && value <= 100.0 {
        return Ok(());
    }
    let (what, path) = context();
    fault(
        format!("{what} must be a percentage above 0 and at most 100, not {value}"),
        path,
    )
}

/// Compliance tags (SPEC section 5): each non-empty, without leading or trailing spaces, and
/// given at most once per service.
fn check_compliance(model: &Model) -> Result<(), ValidationError> {
    for service in &model.services {
        let at = || vec![step_id("id", &service.id), step("compliance")];
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
                return fault(format!("service `{}` has {problem}", service.id), at());
            }
        }
    }
    Ok(())
}
