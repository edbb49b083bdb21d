//! Checks that a parsed model makes sense: every id unique and not blank, every reference
//! pointing at an entity of the right kind, every number within the bounds of [`limits`].
//! The first fault found is returned as one message a person can act on, with the
//! structural path of the value at fault so that [`crate::files::ron`] can point at it.
//!
//! Everything here is linear in the size of the model (or `n log n` for the exposure
//! bands), so a model of hundreds of thousands of entities is checked in a blink.

use std::collections::HashMap;
use std::fmt;

use super::{
    Demand, EntityKind, FORMAT_VERSION, Model, PEAK_FORMAT_VERSION, Pay, Service,
    UNKNOWN_DEMAND_FORMAT_VERSION,
};
use crate::format::Shown;

/// The bounds of every number in a model: far beyond any real organisation, and small
/// enough that every figure worked out from them stays a finite number.
pub mod limits {
    /// Weeks in a year: above 0 and at most 53.
    pub const WEEKS_PER_YEAR: f64 = 53.0;
    /// People on call at once, and the smallest healthy rota.
    pub const PEOPLE: u32 = 1_000;
    /// Members of one team.
    pub const MEMBERS: u32 = 10_000;
    /// Services one team can run.
    pub const SERVICES_PER_TEAM: u32 = 1_000_000;
    /// Hours one callout takes: at most a week.
    pub const CALLOUT_HOURS: f64 = 168.0;
    /// Standby pay per person per week.
    pub const STANDBY_PER_WEEK: f64 = 1e7;
    /// Callout pay per person per hour.
    pub const CALLOUT_PER_HOUR: f64 = 1e6;
    /// Money lost per hour of outage, for a service or an exposure band.
    pub const EXPOSURE_PER_HOUR: f64 = 1e12;
    /// Callouts per service per year: more than one a minute.
    pub const CALLOUTS_PER_YEAR: f64 = 1e6;
    /// How far from the origin a canvas position may be, either way.
    pub const POSITION: f64 = 1e9;
    /// Characters in an id, a name, a compliance tag or the currency: a sentence's worth,
    /// far more than a label can show, and little enough that every picture, report and
    /// message stays quick to make.
    pub const NAME_CHARS: usize = 1_000;
    /// Characters in the model's description: a few pages.
    pub const DESCRIPTION_CHARS: usize = 10_000;
}

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
    for (index, dependency) in model.dependencies.iter().enumerate() {
        for (end, field) in [(&dependency.from, "from"), (&dependency.to, "to")] {
            expect_kind(
                kinds.get(end.as_str()).copied(),
                end,
                EntityKind::Service,
                || {
                    (
                        format!(
                            "the dependency from `{}` to `{}` names `{}`",
                            Shown(&dependency.from),
                            Shown(&dependency.to),
                            Shown(end)
                        ),
                        item_field("dependencies", index, field),
                    )
                },
            )?;
        }
    }
    for (index, interaction) in model.interactions.iter().enumerate() {
        for (end, field) in [(&interaction.from, "from"), (&interaction.to, "to")] {
            expect_kind(
                kinds.get(end.as_str()).copied(),
                end,
                EntityKind::Team,
                || {
                    (
                        format!(
                            "the interaction between `{}` and `{}` names `{}`",
                            Shown(&interaction.from),
                            Shown(&interaction.to),
                            Shown(end)
                        ),
                        item_field("interactions", index, field),
                    )
                },
            )?;
        }
    }
    check_layout(model)
}

/// Every text within its bound: ids, names, tags and the currency at most
/// [`limits::NAME_CHARS`] characters, the description at most
/// [`limits::DESCRIPTION_CHARS`].
fn check_lengths(model: &Model) -> Result<(), ValidationError> {
    let long = |text: &str, limit: usize| text.len() > limit && text.chars().count() > limit;
    let refuse = |what: String, text: &str, limit: usize, path: Vec<Step>| {
        fault(
            format!(
                "{what} is {} characters long; it may have at most {}",
                crate::format::grouped(text.chars().count() as f64),
                crate::format::grouped(limit as f64)
            ),
            path,
        )
    };
    let top = [
        ("name", &model.name, limits::NAME_CHARS),
        ("description", &model.description, limits::DESCRIPTION_CHARS),
    ];
    for (field, text, limit) in top {
        if long(text, limit) {
            return refuse(
                format!("the model's {field}"),
                text,
                limit,
                vec![step(field)],
            );
        }
    }
    if long(&model.settings.currency, limits::NAME_CHARS) {
        return refuse(
            "settings: currency".to_owned(),
            &model.settings.currency,
            limits::NAME_CHARS,
            vec![step("settings"), step("currency")],
        );
    }
    let entities = model
        .domains
        .iter()
        .map(|d| (&d.id, &d.name))
        .enumerate()
        .map(|(i, texts)| ("domains", EntityKind::Domain, i, texts))
        .chain(
            model
                .teams
                .iter()
                .enumerate()
                .map(|(i, t)| ("teams", EntityKind::Team, i, (&t.id, &t.name))),
        )
        .chain(
            model
                .services
                .iter()
                .enumerate()
                .map(|(i, s)| ("services", EntityKind::Service, i, (&s.id, &s.name))),
        );
    for (list, kind, index, (id, name)) in entities {
        for (field, text) in [("id", id), ("name", name)] {
            if long(text, limits::NAME_CHARS) {
                let whose = if field == "id" {
                    format!("the id of {} {}", kind.label(), index + 1)
                } else {
                    format!("the name of {} `{}`", kind.label(), Shown(id))
                };
                return refuse(
                    whose,
                    text,
                    limits::NAME_CHARS,
                    item_field(list, index, field),
                );
            }
        }
    }
    for (index, service) in model.services.iter().enumerate() {
        if let Some(tag) = service
            .compliance
            .iter()
            .find(|tag| long(tag, limits::NAME_CHARS))
        {
            return refuse(
                format!("a compliance tag of service `{}`", Shown(&service.id)),
                tag,
                limits::NAME_CHARS,
                item_field("services", index, "compliance"),
            );
        }
    }
    if let Some(id) = model.layout.keys().find(|id| long(id, limits::NAME_CHARS)) {
        return refuse(
            "an id in the layout".to_owned(),
            id,
            limits::NAME_CHARS,
            vec![step("layout"), Step::Key(id.clone())],
        );
    }
    Ok(())
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
    let weeks = settings.weeks_per_year;
    if !(weeks.is_finite() && weeks > 0.0 && weeks <= limits::WEEKS_PER_YEAR) {
        return fault(
            format!(
                "settings: weeks_per_year must be a number above 0 and at most {}, not {}",
                number(limits::WEEKS_PER_YEAR),
                number(weeks)
            ),
            at("weeks_per_year"),
        );
    }
    let peak = settings.peak_weeks;
    if !(peak.is_finite() && (0.0..=weeks).contains(&peak)) {
        return fault(
            format!(
                "settings: peak_weeks must be a number from 0 to weeks_per_year ({}), not {}",
                number(weeks),
                number(peak)
            ),
            at("peak_weeks"),
        );
    }
    if settings.people_per_shift == 0 {
        return fault(
            "settings: people_per_shift must be at least 1".to_owned(),
            at("people_per_shift"),
        );
    }
    for (value, limit, field) in [
        (
            settings.people_per_shift,
            limits::PEOPLE,
            "people_per_shift",
        ),
        (settings.min_rota_size, limits::PEOPLE, "min_rota_size"),
        (
            settings.max_services_per_team,
            limits::SERVICES_PER_TEAM,
            "max_services_per_team",
        ),
    ] {
        at_most_count(value, limit, || (format!("settings: {field}"), at(field)))?;
    }
    within(settings.callout_hours, limits::CALLOUT_HOURS, || {
        ("settings: callout_hours".to_owned(), at("callout_hours"))
    })?;
    check_pay(&settings.product_pay, "product_pay")?;
    check_pay(&settings.ops_pay, "ops_pay")?;
    let at_band = |index: usize, field: &'static str| {
        vec![
            step("settings"),
            step("exposure_bands"),
            Step::Item(index),
            step(field),
        ]
    };
    for (index, band) in settings.exposure_bands.iter().enumerate() {
        let label = format!("settings: exposure band {}", index + 1);
        within(
            band.max_exposure_per_hour,
            limits::EXPOSURE_PER_HOUR,
            || {
                (
                    format!("{label}: max_exposure_per_hour"),
                    at_band(index, "max_exposure_per_hour"),
                )
            },
        )?;
        percentage(band.availability, || {
            (
                format!("{label}: availability"),
                at_band(index, "availability"),
            )
        })?;
    }
    if let Some((first, repeat)) = first_repeated_maximum(&settings.exposure_bands) {
        return fault(
            format!(
                "settings: exposure band {} repeats the maximum exposure {} of band {}; each band needs its own maximum",
                repeat + 1,
                number(settings.exposure_bands[repeat].max_exposure_per_hour),
                first + 1
            ),
            at_band(repeat, "max_exposure_per_hour"),
        );
    }
    Ok(())
}

/// The first band, in file order, whose maximum an earlier band already has, with that
/// earlier band: found by sorting, so that many bands cost `n log n`, not `n²`.
fn first_repeated_maximum(bands: &[super::ExposureBand]) -> Option<(usize, usize)> {
    let mut order: Vec<(f64, usize)> = bands
        .iter()
        .enumerate()
        // Adding 0 makes -0 and 0 one value, as they are one maximum.
        .map(|(index, band)| (band.max_exposure_per_hour + 0.0, index))
        .collect();
    order.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
    order
        .windows(2)
        .filter(|pair| pair[0].0 == pair[1].0)
        .map(|pair| (pair[0].1, pair[1].1))
        .min_by_key(|&(_, repeat)| repeat)
}

fn check_pay(pay: &Pay, field: &'static str) -> Result<(), ValidationError> {
    let at = |rate: &'static str| vec![step("settings"), step(field), step(rate)];
    within(pay.standby_per_week, limits::STANDBY_PER_WEEK, || {
        (
            format!("settings: {field}.standby_per_week"),
            at("standby_per_week"),
        )
    })?;
    within(pay.callout_per_hour, limits::CALLOUT_PER_HOUR, || {
        (
            format!("settings: {field}.callout_per_hour"),
            at("callout_per_hour"),
        )
    })
}

/// Every position must be a finite number within [`limits::POSITION`] of the origin.
fn check_layout(model: &Model) -> Result<(), ValidationError> {
    for (id, position) in &model.layout {
        for (value, axis) in [(position.x, "x"), (position.y, "y")] {
            if !(value.is_finite() && value.abs() <= limits::POSITION) {
                return fault(
                    format!(
                        "layout: the position of `{}` has {axis} = {}; it must be a number between -{limit} and {limit}",
                        Shown(id),
                        number(value),
                        limit = number(limits::POSITION)
                    ),
                    vec![step("layout"), Step::Key(id.clone())],
                );
            }
        }
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

/// A number from 0 to `limit`.
fn within(
    value: f64,
    limit: f64,
    context: impl FnOnce() -> (String, Vec<Step>),
) -> Result<(), ValidationError> {
    if value.is_finite() && (0.0..=limit).contains(&value) {
        return Ok(());
    }
    let (what, path) = context();
    fault(
        format!(
            "{what} must be a number from 0 to {}, not {}",
            number(limit),
            number(value)
        ),
        path,
    )
}

/// A whole number of at most `limit`.
fn at_most_count(
    value: u32,
    limit: u32,
    context: impl FnOnce() -> (String, Vec<Step>),
) -> Result<(), ValidationError> {
    if value <= limit {
        return Ok(());
    }
    let (what, path) = context();
    fault(format!("{what} must be at most {limit}, not {value}"), path)
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
        format!(
            "{what} must be a percentage above 0 and at most 100, not {}",
            number(value)
        ),
        path,
    )
}

/// A number as a message shows it: plainly when short, in scientific notation when it would
/// run to many digits (`1e308`, not three hundred zeros).
fn number(value: f64) -> String {
    let magnitude = value.abs();
    if value != 0.0 && value.is_finite() && !(1e-6..1e15).contains(&magnitude) {
        format!("{value:e}")
    } else {
        format!("{value}")
    }
}

/// Compliance tags (SPEC section 5): each non-empty, without leading or trailing spaces, and
/// given at most once per service.
/// The compliance tags of the service at `index`: none blank, padded or repeated.
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
    use crate::model::ExposureBand;

    fn bands(maxima: &[f64]) -> Vec<ExposureBand> {
        maxima
            .iter()
            .map(|&max_exposure_per_hour| ExposureBand {
                max_exposure_per_hour,
                availability: 99.0,
            })
            .collect()
    }

    #[test]
    fn the_first_repeat_in_file_order_is_the_one_named() {
        // 5 repeats band 1 at position 4; 7 repeats band 2 at position 3, which comes first.
        assert_eq!(
            first_repeated_maximum(&bands(&[5.0, 7.0, 1.0, 7.0, 5.0])),
            Some((1, 3))
        );
        assert_eq!(first_repeated_maximum(&bands(&[0.0, -0.0])), Some((0, 1)));
        assert_eq!(first_repeated_maximum(&bands(&[3.0, 2.0, 1.0])), None);
    }

    #[test]
    fn numbers_in_messages_stay_short() {
        assert_eq!(number(1e308), "1e308");
        assert_eq!(number(52.5), "52.5");
        assert_eq!(number(f64::NAN), "NaN");
        assert_eq!(number(-1e-9), "-1e-9");
    }
}
