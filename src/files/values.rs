//! The values both importers read from text — a team or service kind, a demand, a lifecycle,
//! members, amounts, an availability, compliance tags — with the bounds of a model file
//! ([`limits`]), so that every value an import accepts is one the loader accepts. Each parser
//! returns the reason a value was refused ([`Refusal`]), naming the value as the user wrote
//! it, and whether it did not read at all or lay beyond what a model holds.

use crate::format::{Shown, grouped};
use crate::model::limits;
use crate::model::{Demand, Lifecycle, ServiceKind, TeamKind};

/// Why a value was refused; its text is the message.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Refusal {
    /// It does not read as a value of its kind.
    Unreadable(String),
    /// It reads, but lies beyond what a model holds.
    Beyond(String),
}

impl std::fmt::Display for Refusal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Refusal::Unreadable(message) | Refusal::Beyond(message) => f.write_str(message),
        }
    }
}

/// A word compared without case, spaces, `-` or `_`: "Very high" = "VeryHigh".
fn folded(word: &str) -> String {
    word.chars()
        .filter(|c| !matches!(c, ' ' | '-' | '_'))
        .flat_map(char::to_lowercase)
        .collect()
}

/// The one of `choices` whose label `text` names, or why none is.
fn one_of<T: Copy>(
    text: &str,
    choices: impl IntoIterator<Item = T>,
    label: impl Fn(T) -> &'static str,
    what: &str,
) -> Result<T, Refusal> {
    choices
        .into_iter()
        .find(|choice| folded(label(*choice)) == folded(text))
        .ok_or_else(|| Refusal::Unreadable(format!("`{}` is not {what}", Shown(text))))
}

pub fn team_kind(text: &str) -> Result<TeamKind, Refusal> {
    one_of(
        text,
        TeamKind::ALL,
        TeamKind::label,
        "a team kind (Product, Platform, Enabling, ComplicatedSubsystem or Operations)",
    )
}

pub fn service_kind(text: &str) -> Result<ServiceKind, Refusal> {
    one_of(
        text,
        ServiceKind::ALL,
        ServiceKind::label,
        "a service kind (Digital, COTS or Foundational)",
    )
}

pub fn demand(text: &str) -> Result<Demand, Refusal> {
    one_of(
        text,
        Demand::ALL,
        Demand::label,
        "a demand (Low, Medium, High or VeryHigh; empty when not known)",
    )
}

pub fn lifecycle(text: &str) -> Result<Lifecycle, Refusal> {
    one_of(
        text,
        Lifecycle::ALL,
        Lifecycle::label,
        "a lifecycle (Inception, Live or Retiring)",
    )
}

/// Compliance tags separated by `separator`, trimmed, empty ones left out; a tag given twice
/// or longer than a name may be is refused, as a model file refuses it.
pub fn tags(text: &str, separator: char) -> Result<Vec<String>, Refusal> {
    let mut tags: Vec<String> = Vec::new();
    for tag in text
        .split(separator)
        .map(str::trim)
        .filter(|t| !t.is_empty())
    {
        if tags.iter().any(|t| t == tag) {
            return Err(Refusal::Unreadable(format!(
                "the compliance tag `{}` is given twice",
                Shown(tag)
            )));
        }
        not_too_long(tag, "a compliance tag")?;
        tags.push(tag.to_owned());
    }
    Ok(tags)
}

/// A number of people: a whole number from 0 to the most a team may have.
pub fn members(text: &str) -> Result<u32, Refusal> {
    match text.parse::<u64>() {
        Ok(n) if n <= u64::from(limits::MEMBERS) => {
            Ok(u32::try_from(n).expect("the bound fits a u32"))
        }
        Ok(n) => Err(Refusal::Beyond(format!(
            "{} people is more than a team may have ({})",
            grouped(n as f64),
            grouped(f64::from(limits::MEMBERS))
        ))),
        Err(_) => Err(Refusal::Unreadable(format!(
            "`{}` is not a number of people (a whole number, 0 or more)",
            Shown(text)
        ))),
    }
}

/// Money lost per hour of outage: a finite amount from 0 to the most a model holds.
pub fn exposure(text: &str) -> Result<f64, Refusal> {
    amount(text, limits::EXPOSURE_PER_HOUR, "an exposure per hour")
}

/// Callouts per year: a finite amount from 0 to the most a model holds.
pub fn callouts(text: &str) -> Result<f64, Refusal> {
    amount(text, limits::CALLOUTS_PER_YEAR, "callouts per year")
}

/// A finite amount from 0 to `limit`; `-0` is 0.
fn amount(text: &str, limit: f64, what: &str) -> Result<f64, Refusal> {
    match text.parse::<f64>() {
        Ok(value) if value.is_finite() && (0.0..=limit).contains(&value) => Ok(value + 0.0),
        Ok(value) if value.is_finite() && value > limit => Err(Refusal::Beyond(format!(
            "`{}` is more than a model holds as {what} (at most {})",
            Shown(text),
            grouped(limit)
        ))),
        _ => Err(Refusal::Unreadable(format!(
            "`{}` is not an amount (a number, 0 or more)",
            Shown(text)
        ))),
    }
}

/// A percentage above 0 and at most 100; a trailing `%` is allowed.
pub fn availability(text: &str) -> Result<f64, Refusal> {
    let number = text.strip_suffix('%').unwrap_or(text).trim();
    match number.parse::<f64>() {
        Ok(value) if value > 0.0 && value <= 100.0 => Ok(value),
        _ => Err(Refusal::Unreadable(format!(
            "`{}` is not an availability (a percentage above 0 and at most 100, such as 99.9)",
            Shown(text)
        ))),
    }
}

/// A name or id no longer than a model file allows ([`limits::NAME_CHARS`]).
pub fn not_too_long(text: &str, what: &str) -> Result<(), Refusal> {
    let count = text.chars().count();
    if count > limits::NAME_CHARS {
        return Err(Refusal::Beyond(format!(
            "{what} of {} characters is longer than a model allows ({}): `{}`",
            grouped(count as f64),
            grouped(limits::NAME_CHARS as f64),
            Shown(text)
        )));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_match_without_case_spaces_or_dashes() {
        assert_eq!(demand("very high"), Ok(Demand::VeryHigh));
        assert_eq!(service_kind("cots"), Ok(ServiceKind::Cots));
        assert_eq!(
            team_kind("Complicated-Subsystem"),
            Ok(TeamKind::ComplicatedSubsystem)
        );
        assert_eq!(lifecycle("RETIRING"), Ok(Lifecycle::Retiring));
        assert!(
            demand("Extreme")
                .unwrap_err()
                .to_string()
                .contains("`Extreme`")
        );
    }

    #[test]
    fn amounts_stay_within_what_a_model_holds() {
        assert_eq!(exposure("250000"), Ok(250_000.0));
        assert_eq!(exposure("-0"), Ok(0.0));
        // 1e12 is the most; 1e300 and infinity are not amounts a model may hold.
        assert_eq!(exposure("1e12"), Ok(1e12));
        assert!(
            matches!(exposure("1e300"), Err(Refusal::Beyond(m)) if m.contains("more than a model holds"))
        );
        assert!(
            matches!(exposure("inf"), Err(Refusal::Unreadable(m)) if m.contains("not an amount"))
        );
        assert!(
            matches!(callouts("1e15"), Err(Refusal::Beyond(m)) if m.contains("at most 1,000,000"))
        );
        assert!(callouts("NaN").is_err());
        assert_eq!(members("10000"), Ok(10_000));
        assert!(matches!(members("10001"), Err(Refusal::Beyond(m)) if m.contains("10,000")));
        assert!(matches!(members("99999999999"), Err(Refusal::Beyond(_))));
        assert!(matches!(members("2.5"), Err(Refusal::Unreadable(_))));
    }

    #[test]
    fn availability_takes_a_percent_sign() {
        assert_eq!(availability("99.9 %"), Ok(99.9));
        assert!(availability("0").is_err());
        assert!(availability("100.1").is_err());
    }

    #[test]
    fn tags_are_trimmed_once_each_and_bounded() {
        assert_eq!(
            tags(" PCI-DSS ; SOX;", ';'),
            Ok(vec!["PCI-DSS".into(), "SOX".into()])
        );
        assert!(
            tags("SOX, SOX", ',')
                .unwrap_err()
                .to_string()
                .contains("twice")
        );
        let long = "t".repeat(limits::NAME_CHARS + 1);
        assert!(
            matches!(tags(&long, ';'), Err(Refusal::Beyond(m)) if m.contains("longer than a model allows"))
        );
    }

    #[test]
    fn messages_show_a_hostile_value_short_and_escaped() {
        let error = demand(&format!("\u{1b}[2J{}", "x".repeat(10_000)))
            .unwrap_err()
            .to_string();
        assert!(error.starts_with("`\\u{1b}[2J"), "{error}");
        assert!(error.len() < 200, "{error}");
    }
}
