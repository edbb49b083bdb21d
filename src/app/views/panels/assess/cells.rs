//! The cells of the Assess table: what each column shows for a service (with its colour and
//! tooltip), how a cell is edited (typed text, a number, or a choice from a list), what a
//! typed value means, and the one undoable edit a value set on several rows becomes, built
//! by [`crate::edit::actions`] and so checked as the loader checks a file.

use egui::Color32;

use crate::analysis::{AvailabilitySource, Cover, ServiceFigures};
use crate::app::state::Column;
use crate::app::views::theme;
use crate::edit::{Edit, actions};
use crate::format::{entity_label, grouped, percent};
use crate::model::{Demand, Lifecycle, Model, OperatingModel, OutOfHours, Service, ServiceKind};

/// How a cell is edited.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Editor {
    /// Free text: the service's name.
    Text,
    /// A number, or nothing when the text is left empty.
    Number,
    /// One of a list of values, picked by typing its first letters or with the arrows.
    Choice,
}

pub(super) fn editor(column: Column) -> Option<Editor> {
    match column {
        Column::Name => Some(Editor::Text),
        Column::Exposure | Column::Availability => Some(Editor::Number),
        Column::Owner
        | Column::Kind
        | Column::Lifecycle
        | Column::Demand
        | Column::OperatingModel
        | Column::OutOfHours => Some(Editor::Choice),
        Column::Recommended | Column::Cover | Column::LineItem => None,
    }
}

/// What one cell shows: its text and colour, a quieter note after it, and a tooltip.
pub(super) struct Shown {
    pub text: String,
    pub colour: Color32,
    pub note: Option<&'static str>,
    pub hover: Option<String>,
}

impl Shown {
    fn plain(text: impl Into<String>) -> Self {
        Shown {
            text: text.into(),
            colour: theme::INK,
            note: None,
            hover: None,
        }
    }

    fn coloured(text: impl Into<String>, colour: Color32) -> Self {
        Shown {
            colour,
            ..Shown::plain(text)
        }
    }
}

/// What `column` shows for `service`, whose figures are `figures` and whose owner is named
/// `owner` (its name, when it has an owner the model knows).
pub(super) fn shown(
    column: Column,
    service: &Service,
    figures: &ServiceFigures,
    owner: Option<&str>,
) -> Shown {
    match column {
        Column::Name => Shown {
            hover: Some(entity_label(&service.name, &service.id)),
            ..Shown::plain(service.name.clone())
        },
        Column::Owner => match owner {
            Some(name) => Shown::plain(name),
            None => Shown {
                hover: Some("Nobody is accountable for running it".to_owned()),
                ..Shown::coloured("no owner", theme::RED)
            },
        },
        Column::Kind => Shown::plain(service.kind.label()),
        Column::Lifecycle => Shown::plain(service.lifecycle.label()),
        Column::Exposure => match service.exposure_per_hour {
            Some(exposure) => Shown::plain(grouped(exposure)),
            None => Shown::coloured("not set", theme::MUTED_INK),
        },
        Column::Demand if service.demand == Demand::Unknown => Shown {
            hover: Some(format!(
                "Nobody has said how often it changes: {} deploys are assumed for a {} service",
                figures.deployment.label().to_lowercase(),
                service.kind.label()
            )),
            ..Shown::coloured("Unknown", theme::AMBER)
        },
        Column::Demand => Shown::plain(service.demand.label()),
        Column::Availability => {
            let (note, colour) = match figures.availability_source {
                AvailabilitySource::Explicit => ("set", theme::INK),
                AvailabilitySource::Band { .. } | AvailabilitySource::AboveAllBands { .. } => {
                    ("from exposure", theme::INK)
                }
                AvailabilitySource::LowestBand | AvailabilitySource::NoBands => {
                    ("assumed", theme::AMBER)
                }
            };
            Shown {
                note: Some(note),
                hover: Some(figures.availability_source.describe()),
                ..Shown::coloured(percent(figures.availability), colour)
            }
        }
        Column::Recommended => {
            let reason = figures.recommendation_reason().to_string();
            let label = figures.recommended_operating_model.label();
            if figures.assumed.any() {
                Shown {
                    note: Some("assumed"),
                    hover: Some(reason),
                    ..Shown::coloured(label, theme::AMBER)
                }
            } else {
                Shown {
                    hover: Some(reason),
                    ..Shown::plain(label)
                }
            }
        }
        Column::OperatingModel => {
            let label = figures.operating_model.label();
            match service.operating_model {
                Some(_) if figures.operating_model != figures.recommended_operating_model => {
                    Shown {
                        note: Some("override"),
                        hover: Some(format!(
                            "Set to {label} against the recommendation, {}",
                            figures.recommended_operating_model.label()
                        )),
                        ..Shown::plain(label)
                    }
                }
                _ => Shown::coloured(label, theme::MUTED_INK),
            }
        }
        Column::OutOfHours => {
            let label = figures.out_of_hours.label();
            match service.out_of_hours {
                Some(_) => Shown {
                    note: Some("override"),
                    ..Shown::plain(label)
                },
                None => Shown::coloured(label, theme::MUTED_INK),
            }
        }
        Column::Cover => {
            let (_, stroke) = theme::cover_colours(figures.cover);
            let colour = if figures.cover == Cover::NotRequired {
                theme::MUTED_INK
            } else {
                stroke
            };
            Shown::coloured(figures.cover.label(), colour)
        }
        Column::LineItem => Shown::plain(grouped(figures.annual_cost)),
    }
}

/// A value to set in a cell.
#[derive(Clone, Debug, PartialEq)]
pub(super) enum Value {
    Name(String),
    Owner(Option<String>),
    Kind(ServiceKind),
    Lifecycle(Lifecycle),
    Exposure(Option<f64>),
    Demand(Demand),
    Availability(Option<f64>),
    OperatingModel(Option<OperatingModel>),
    OutOfHours(Option<OutOfHours>),
}

impl Value {
    fn set(&self, service: &mut Service) {
        match self {
            Value::Name(name) => service.name.clone_from(name),
            Value::Owner(owner) => service.owner.clone_from(owner),
            Value::Kind(kind) => service.kind = *kind,
            Value::Lifecycle(lifecycle) => service.lifecycle = *lifecycle,
            Value::Exposure(exposure) => service.exposure_per_hour = *exposure,
            Value::Demand(demand) => service.demand = *demand,
            Value::Availability(availability) => service.availability = *availability,
            Value::OperatingModel(model) => service.operating_model = *model,
            Value::OutOfHours(level) => service.out_of_hours = *level,
        }
    }

    /// Whether `service` holds this value already.
    pub(super) fn is_held_by(&self, service: &Service) -> bool {
        let mut probe = service.clone();
        self.set(&mut probe);
        probe == *service
    }

    /// The value in words, for the undo step's label.
    fn words(&self, model: &Model) -> String {
        match self {
            Value::Name(name) => format!("“{name}”"),
            Value::Owner(Some(team)) => model.display_name(team).to_owned(),
            Value::Owner(None) => "no owner".to_owned(),
            Value::Kind(kind) => kind.label().to_owned(),
            Value::Lifecycle(lifecycle) => lifecycle.label().to_owned(),
            Value::Exposure(Some(exposure)) => format!("{} an hour", grouped(*exposure)),
            Value::Availability(Some(availability)) => percent(*availability),
            Value::Exposure(None) | Value::Availability(None) => "not set".to_owned(),
            Value::Demand(demand) => demand.label().to_owned(),
            Value::OperatingModel(Some(m)) => m.label().to_owned(),
            Value::OperatingModel(None) | Value::OutOfHours(None) => {
                "the recommendation".to_owned()
            }
            Value::OutOfHours(Some(level)) => level.label().to_owned(),
        }
    }
}

/// The words for a column's field in an undo step's label.
fn field(column: Column) -> &'static str {
    match column {
        Column::Name => "name",
        Column::Owner => "owner",
        Column::Kind => "kind",
        Column::Lifecycle => "lifecycle",
        Column::Exposure => "exposure",
        Column::Demand => "demand",
        Column::Availability => "availability",
        Column::OperatingModel => "operating model",
        Column::OutOfHours => "out-of-hours cover",
        Column::Recommended | Column::Cover | Column::LineItem => "",
    }
}

/// The text a cell starts editing with: its value as typed.
pub(super) fn edit_text(column: Column, service: &Service) -> String {
    let number = |value: Option<f64>| {
        value.map_or_else(String::new, |v| {
            if v.fract() == 0.0 {
                grouped(v)
            } else {
                v.to_string()
            }
        })
    };
    match column {
        Column::Name => service.name.clone(),
        Column::Exposure => number(service.exposure_per_hour),
        Column::Availability => number(service.availability),
        _ => String::new(),
    }
}

/// Every one of `values` with its label, as the cell value `wrap` makes of it.
fn every<T: Copy>(
    values: &[T],
    label: fn(T) -> &'static str,
    wrap: impl Fn(T) -> Value,
) -> Vec<(String, Value)> {
    values
        .iter()
        .map(|v| (label(*v).to_owned(), wrap(*v)))
        .collect()
}

/// The values a choice cell offers, with their labels: `figures` are the cursor row's, so
/// "Recommended" can say what the recommendation is.
pub(super) fn options(
    column: Column,
    model: &Model,
    figures: &ServiceFigures,
) -> Vec<(String, Value)> {
    match column {
        Column::Owner => std::iter::once(("no owner".to_owned(), Value::Owner(None)))
            .chain(model.teams.iter().map(|t| {
                (
                    entity_label(&t.name, &t.id),
                    Value::Owner(Some(t.id.clone())),
                )
            }))
            .collect(),
        Column::Kind => every(&ServiceKind::ALL, ServiceKind::label, Value::Kind),
        Column::Lifecycle => every(&Lifecycle::ALL, Lifecycle::label, Value::Lifecycle),
        Column::Demand => every(&Demand::ALL, Demand::label, Value::Demand),
        Column::OperatingModel => {
            let recommended = figures.recommended_operating_model.label();
            let mut options = every(&OperatingModel::ALL, OperatingModel::label, |m| {
                Value::OperatingModel(Some(m))
            });
            let unset = (
                format!("Recommended ({recommended})"),
                Value::OperatingModel(None),
            );
            options.insert(0, unset);
            options
        }
        Column::OutOfHours => {
            let level =
                crate::analysis::out_of_hours_level(figures.operating_model, figures.availability);
            let mut options = every(&OutOfHours::ALL, OutOfHours::label, |l| {
                Value::OutOfHours(Some(l))
            });
            let unset = (
                format!("By availability ({})", level.label()),
                Value::OutOfHours(None),
            );
            options.insert(0, unset);
            options
        }
        _ => Vec::new(),
    }
}

/// The options whose label matches what was typed: those starting with it first, then those
/// with a word starting with it, then those holding it anywhere; all of them for nothing.
pub(super) fn matching<'a>(
    options: &'a [(String, Value)],
    typed: &str,
) -> Vec<&'a (String, Value)> {
    let typed = typed.trim().to_lowercase();
    if typed.is_empty() {
        return options.iter().collect();
    }
    let rank = |label: &str| {
        let label = label.to_lowercase();
        if label.starts_with(&typed) {
            Some(0)
        } else if label
            .split(|c: char| !c.is_alphanumeric())
            .any(|word| word.starts_with(&typed))
        {
            Some(1)
        } else if label.contains(&typed) {
            Some(2)
        } else {
            None
        }
    };
    let mut ranked: Vec<(u8, &(String, Value))> = options
        .iter()
        .filter_map(|option| rank(&option.0).map(|r| (r, option)))
        .collect();
    ranked.sort_by_key(|(r, _)| *r);
    ranked.into_iter().map(|(_, option)| option).collect()
}

/// What typed text means in a text or number cell.
pub(super) fn parse(column: Column, text: &str, currency: &str) -> Result<Value, String> {
    let text = text.trim();
    let number = |text: &str, unit: &str| -> Result<Option<f64>, String> {
        let bare = text
            .strip_prefix(currency)
            .unwrap_or(text)
            .trim()
            .trim_end_matches('%')
            .trim()
            .replace(',', "");
        if bare.is_empty() {
            return Ok(None);
        }
        bare.parse::<f64>()
            .map(Some)
            .map_err(|_| format!("`{text}` is not {unit}"))
    };
    match column {
        Column::Name if text.is_empty() => Err("A service needs a name.".to_owned()),
        Column::Name => Ok(Value::Name(text.to_owned())),
        Column::Exposure => number(
            text,
            "an amount an hour (a number, 0 or more, such as 250,000)",
        )
        .map(Value::Exposure),
        Column::Availability => number(
            text,
            "an availability (a percentage above 0 and at most 100, such as 99.9)",
        )
        .map(Value::Availability),
        _ => Err(format!("{} is worked out, not typed", column.label())),
    }
}

/// What Delete leaves in a cell: nothing set (so the value is derived, assumed or
/// recommended), or `None` for a column that always holds a value.
pub(super) fn cleared(column: Column) -> Option<Value> {
    match column {
        Column::Owner => Some(Value::Owner(None)),
        Column::Exposure => Some(Value::Exposure(None)),
        Column::Availability => Some(Value::Availability(None)),
        Column::Demand => Some(Value::Demand(Demand::Unknown)),
        Column::OperatingModel => Some(Value::OperatingModel(None)),
        Column::OutOfHours => Some(Value::OutOfHours(None)),
        _ => None,
    }
}

/// The undoable edit that sets `value` in `column` on every service of `targets`, with its
/// label: one step however many rows it changes.
pub(super) fn edit(
    model: &Model,
    column: Column,
    targets: &[&str],
    value: &Value,
) -> (String, Result<Edit, String>) {
    let label = match targets {
        [one] => format!(
            "Set {} of {} to {}",
            field(column),
            model.display_name(one),
            value.words(model)
        ),
        many => format!(
            "Set {} of {} services to {}",
            field(column),
            grouped(many.len() as f64),
            value.words(model)
        ),
    };
    let edit = actions::update_services_and_place(model, targets, |s| value.set(s));
    (label, edit)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typed_numbers_read_with_separators_a_currency_or_a_percent_sign() {
        assert_eq!(
            parse(Column::Exposure, "GBP 250,000", "GBP"),
            Ok(Value::Exposure(Some(250_000.0)))
        );
        assert_eq!(
            parse(Column::Availability, "99.9 %", "GBP"),
            Ok(Value::Availability(Some(99.9)))
        );
        assert_eq!(
            parse(Column::Exposure, "  ", "GBP"),
            Ok(Value::Exposure(None))
        );
        assert_eq!(
            parse(Column::Exposure, "lots", "GBP"),
            Err("`lots` is not an amount an hour (a number, 0 or more, such as 250,000)".into())
        );
    }

    #[test]
    fn typed_letters_pick_the_option_they_start_best() {
        let options: Vec<(String, Value)> = Demand::ALL
            .iter()
            .map(|d| (d.label().to_owned(), Value::Demand(*d)))
            .collect();
        let first = |typed: &str| matching(&options, typed).first().map(|o| o.0.clone());
        assert_eq!(first("h").as_deref(), Some("High"));
        assert_eq!(first("v").as_deref(), Some("Very high"));
        assert_eq!(first("u").as_deref(), Some("Unknown"));
        // "hi" starts High and a word of Very high: High first.
        assert_eq!(matching(&options, "hi").len(), 2);
        assert!(matching(&options, "x").is_empty());
    }
}
