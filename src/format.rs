//! Number and name formatting shared by the reports, the findings and the GUI, so a figure
//! reads the same everywhere.

/// "Bedroom frontend (bedroom)", or just the id when the name adds nothing.
pub fn entity_label(name: &str, id: &str) -> String {
    if name.is_empty() || name == id {
        id.to_owned()
    } else {
        format!("{name} ({id})")
    }
}

/// A percentage with as many decimals as it needs, up to four: "99.9 %", "99 %".
pub fn percent(value: f64) -> String {
    format!("{} %", trimmed(value, 4))
}

/// A share between 0 and 1 as a percentage with one decimal: "57.1 %".
pub fn share(value: f64) -> String {
    format!("{:.1} %", value * 100.0)
}

/// A plain number with up to `decimals` decimals and no trailing zeros.
pub fn trimmed(value: f64, decimals: usize) -> String {
    let text = format!("{value:.decimals$}");
    if text.contains('.') {
        text.trim_end_matches('0').trim_end_matches('.').to_owned()
    } else {
        text
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

#[cfg(test)]
mod tests {
    use super::*;

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
    fn durations_read_like_the_spec() {
        assert_eq!(duration(604.8), "10 min 4.8 s");
        assert_eq!(duration(6048.0), "1 h 40 min 48 s");
        assert_eq!(duration(0.0), "0 s");
    }

    #[test]
    fn labels_show_the_id_once() {
        assert_eq!(entity_label("Bedroom", "bedroom"), "Bedroom (bedroom)");
        assert_eq!(entity_label("dns", "dns"), "dns");
    }
}
