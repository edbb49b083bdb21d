//! Figures as text: percentages, shares, money, signed changes, counts and durations, and
//! numbers typed with thousands separators read back.

use std::fmt::{self, Write};

/// A percentage with as many decimals as it needs, up to four: "99.9 %", "99 %".
pub fn percent(value: f64) -> String {
    Percent(value).to_string()
}

/// [`percent`] as a value to format into a longer text.
#[derive(Clone, Copy, Debug)]
pub struct Percent(pub f64);

impl fmt::Display for Percent {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        Trimmed(self.0, 4).fmt(f)?;
        f.write_str(" %")
    }
}

/// A share between 0 and 1 as a percentage with one decimal: "57.1 %".
pub fn share(value: f64) -> String {
    format!("{:.1} %", value * 100.0)
}

/// A plain number with up to `decimals` decimals and no trailing zeros.
pub fn trimmed(value: f64, decimals: usize) -> String {
    Trimmed(value, decimals).to_string()
}

/// [`trimmed`] as a value to format into a longer text: the number, then the decimals.
#[derive(Clone, Copy, Debug)]
pub struct Trimmed(pub f64, pub usize);

impl fmt::Display for Trimmed {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let Trimmed(value, decimals) = *self;
        // Most figures are short, like 99.9: when their shortest text has no more than
        // `decimals` decimals, it is exactly what rounding to `decimals` gives, provided the
        // value is small enough that its binary error (at most 2^-52 of it) stays below the
        // last decimal. The shortest text is much cheaper to produce than exact rounding.
        let small_enough = value.abs() < 4e15 / 10_f64.powi(decimals.min(300) as i32);
        if small_enough {
            let mut shortest = ShortText::default();
            if write!(shortest, "{value}").is_ok() {
                let text = shortest.as_str();
                let used = text.find('.').map_or(0, |dot| text.len() - dot - 1);
                if used <= decimals {
                    return f.write_str(text);
                }
            }
        }
        let text = format!("{value:.decimals$}");
        f.write_str(if text.contains('.') {
            text.trim_end_matches('0').trim_end_matches('.')
        } else {
            &text
        })
    }
}

/// A number's text on the stack; writing fails when it does not fit.
#[derive(Default)]
struct ShortText {
    bytes: [u8; 32],
    len: usize,
}

impl ShortText {
    fn as_str(&self) -> &str {
        std::str::from_utf8(&self.bytes[..self.len]).expect("only whole strings are written")
    }
}

impl fmt::Write for ShortText {
    fn write_str(&mut self, s: &str) -> fmt::Result {
        let end = self.len + s.len();
        let slot = self.bytes.get_mut(self.len..end).ok_or(fmt::Error)?;
        slot.copy_from_slice(s.as_bytes());
        self.len = end;
        Ok(())
    }
}

/// Money rounded to whole units with thousands separators: "GBP 137,145".
pub fn money(value: f64, currency: &str) -> String {
    format!("{currency} {}", grouped(value))
}

/// A whole number with thousands separators: "137,145", "-2,000".
pub fn grouped(value: f64) -> String {
    let rounded = value.round();
    let digits = format!("{:.0}", rounded.abs());
    let mut out = String::with_capacity(digits.len() + digits.len() / 3 + 1);
    if rounded < 0.0 {
        out.push('-');
    }
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// A signed whole-money change: "+1,200", "−300", "0".
pub fn signed_money(value: f64) -> String {
    let rounded = value.round();
    if rounded > 0.0 {
        format!("+{}", grouped(rounded))
    } else if rounded < 0.0 {
        format!("−{}", grouped(-rounded))
    } else {
        "0".to_owned()
    }
}

/// A change in a share between 0 and 1, in percentage points: "+6.2 pts".
pub fn signed_points(value: f64) -> String {
    let points = value * 100.0;
    if points.abs() < 0.05 {
        "0".to_owned()
    } else if points > 0.0 {
        format!("+{points:.1} pts")
    } else {
        format!("−{:.1} pts", -points)
    }
}

/// A change in a count: "+2", "−1", "0".
pub fn signed_count(value: i64) -> String {
    match value {
        v if v > 0 => format!("+{v}"),
        v if v < 0 => format!("−{}", -v),
        _ => "0".to_owned(),
    }
}

/// A duration in seconds as "10 min 4.8 s", "1 h 40 min 48 s".
pub fn duration(seconds: f64) -> String {
    let total = (seconds * 10.0).round() / 10.0;
    let hours = (total / 3600.0).floor();
    let minutes = ((total - hours * 3600.0) / 60.0).floor();
    let rest = total - hours * 3600.0 - minutes * 60.0;
    let mut parts = Vec::new();
    if hours > 0.0 {
        parts.push(format!("{hours} h"));
    }
    if minutes > 0.0 {
        parts.push(format!("{minutes} min"));
    }
    if rest > 0.0 || parts.is_empty() {
        parts.push(format!("{} s", trimmed(rest, 1)));
    }
    parts.join(" ")
}

/// A count with its noun in the right number: "1 service", "2 services", "1,200 services".
pub fn count(n: usize, one: &str, many: &str) -> String {
    format!("{} {}", grouped(n as f64), if n == 1 { one } else { many })
}

/// A share between 0 and 1 as [`share`] does, or "–" when there is nothing to share out
/// (a coverage of no services at all is not 100 %).
pub fn share_or_dash(value: Option<f64>) -> String {
    value.map_or_else(|| "–".to_owned(), share)
}

/// A number as typed, with or without thousands separators: "137,145" → 137145.
pub fn parse_grouped(text: &str) -> Option<f64> {
    text.trim().replace(',', "").parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What [`trimmed`] always meant: round to `decimals`, then drop trailing zeros.
    fn rounded_then_trimmed(value: f64, decimals: usize) -> String {
        let text = format!("{value:.decimals$}");
        if text.contains('.') {
            text.trim_end_matches('0').trim_end_matches('.').to_owned()
        } else {
            text
        }
    }

    #[test]
    fn trimmed_is_rounding_to_the_decimals_then_dropping_zeros() {
        let mut values = vec![
            0.0,
            -0.0,
            1.0,
            95.0,
            99.0,
            99.9,
            99.95,
            99.99,
            99.123456,
            99.00005,
            99.99995,
            0.1 + 0.2,
            1e-5,
            -1e-5,
            1e-300,
            123456.78,
            4.4e11,
            4.6e11,
            1e15,
            1e16,
            1e300,
            -2.5,
            0.00005,
            0.00015,
            2.675,
            f64::MAX,
            f64::MIN_POSITIVE,
            f64::NAN,
            f64::INFINITY,
            f64::NEG_INFINITY,
        ];
        // Products of availabilities, as the ceilings are, and plain fractions.
        let mut product = 1.0;
        for i in 0..2_000_u32 {
            product *= [0.999, 0.99, 0.9995, 0.95][i as usize % 4];
            values.push(product * 100.0);
            values.push(f64::from(i) / 7.0);
            values.push(f64::from(i) * 0.001);
        }
        for value in values {
            for decimals in [0, 1, 2, 4, 6] {
                assert_eq!(
                    trimmed(value, decimals),
                    rounded_then_trimmed(value, decimals),
                    "{value:?} to {decimals} decimals"
                );
            }
        }
    }

    #[test]
    fn percentages_drop_needless_zeros() {
        assert_eq!(percent(99.0), "99 %");
        assert_eq!(percent(99.9), "99.9 %");
        assert_eq!(percent(99.99), "99.99 %");
        assert_eq!(share(4.0 / 7.0), "57.1 %");
    }

    #[test]
    fn money_groups_thousands() {
        assert_eq!(money(137145.0, "GBP"), "GBP 137,145");
        assert_eq!(grouped(999.6), "1,000");
        assert_eq!(grouped(-2000.0), "-2,000");
        assert_eq!(grouped(0.0), "0");
    }

    #[test]
    fn changes_carry_their_sign() {
        assert_eq!(signed_money(1200.4), "+1,200");
        assert_eq!(signed_money(-300.0), "−300");
        assert_eq!(signed_money(0.2), "0");
        assert_eq!(signed_points(0.0625), "+6.2 pts");
        assert_eq!(signed_points(-0.158), "−15.8 pts");
        assert_eq!(signed_count(-1), "−1");
        assert_eq!(signed_count(0), "0");
    }

    #[test]
    fn durations_read_like_the_spec() {
        assert_eq!(duration(604.8), "10 min 4.8 s");
        assert_eq!(duration(6048.0), "1 h 40 min 48 s");
        assert_eq!(duration(0.0), "0 s");
    }

    #[test]
    fn one_takes_the_singular_and_every_other_count_the_plural() {
        assert_eq!(count(0, "service", "services"), "0 services");
        assert_eq!(count(1, "service", "services"), "1 service");
        assert_eq!(count(2, "person", "people"), "2 people");
        assert_eq!(count(1, "person", "people"), "1 person");
        assert_eq!(count(1_200, "rota", "rotas"), "1,200 rotas");
    }

    #[test]
    fn a_share_of_nothing_is_a_dash() {
        assert_eq!(share_or_dash(None), "–");
        // 3 of 4 services owned: 75.0 %.
        assert_eq!(share_or_dash(Some(3.0 / 4.0)), "75.0 %");
    }

    #[test]
    fn grouped_numbers_read_back() {
        assert_eq!(parse_grouped("137,145"), Some(137_145.0));
        assert_eq!(parse_grouped(" 2500.5 "), Some(2_500.5));
        assert_eq!(parse_grouped(&grouped(1_000_000.0)), Some(1_000_000.0));
        assert_eq!(parse_grouped("a lot"), None);
    }
}
