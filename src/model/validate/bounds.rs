//! The bounds of a model: every number within [`limits`], so that every figure worked out
//! from it stays finite, and every text short enough that pictures, reports and messages
//! stay quick to make. Each check returns the first value out of bounds as a
//! [`ValidationError`] naming the field.

use super::{Step, ValidationError, fault, item_field, step};
use crate::format::Shown;
use crate::model::{EntityKind, ExposureBand, Model, Pay};

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

/// Every text within its bound: ids, names, tags and the currency at most
/// [`limits::NAME_CHARS`] characters, the description at most
/// [`limits::DESCRIPTION_CHARS`].
pub(super) fn check_lengths(model: &Model) -> Result<(), ValidationError> {
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

pub(super) fn check_settings(model: &Model) -> Result<(), ValidationError> {
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
fn first_repeated_maximum(bands: &[ExposureBand]) -> Option<(usize, usize)> {
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
pub(super) fn check_layout(model: &Model) -> Result<(), ValidationError> {
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

/// A number from 0 to `limit`.
pub(super) fn within(
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
pub(super) fn at_most_count(
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

pub(super) fn percentage(
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

#[cfg(test)]
mod tests {
    use super::*;

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
