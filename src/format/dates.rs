//! Dates as people write them: "6 December 2025", for the deck's title page and
//! presentation mode's strip.

/// The civil date (year, month 1–12, day 1–31) of a day counted from 1 January 1970.
pub fn civil_from_days(days_since_1970: i64) -> (i64, i64, i64) {
    // Howard Hinnant's days-to-civil: eras of 400 years, March-based years.
    let z = days_since_1970 + 719_468;
    let era = z.div_euclid(146_097);
    let day_of_era = z.rem_euclid(146_097);
    let year_of_era =
        (day_of_era - day_of_era / 1_460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let shifted_month = (5 * day_of_year + 2) / 153;
    let day = day_of_year - (153 * shifted_month + 2) / 5 + 1;
    let month = if shifted_month < 10 {
        shifted_month + 3
    } else {
        shifted_month - 9
    };
    let year = year_of_era + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

/// The date of a day counted from 1 January 1970, as "6 December 2025".
pub fn date(days_since_1970: i64) -> String {
    let (year, month, day) = civil_from_days(days_since_1970);
    const MONTHS: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    format!("{day} {} {year}", MONTHS[(month - 1) as usize])
}

/// Today's date (UTC), or the day of `SOURCE_DATE_EPOCH` when it is set, so that a deck
/// can be made again byte for byte.
pub fn today() -> String {
    let seconds = std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|s| s.trim().parse::<i64>().ok())
        .unwrap_or_else(|| {
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(0, |d| d.as_secs() as i64)
        });
    date(seconds.div_euclid(86_400))
}

#[cfg(test)]
mod tests {
    use super::date;

    #[test]
    fn days_count_from_the_first_of_january_1970() {
        assert_eq!(date(0), "1 January 1970");
        // 2000 was a leap year: 29 February is day 11,016; 1 March the next.
        assert_eq!(date(11_016), "29 February 2000");
        assert_eq!(date(11_017), "1 March 2000");
        assert_eq!(date(-1), "31 December 1969");
        // 1 January 2027: 57 years of days, 14 of them leap years.
        assert_eq!(date(57 * 365 + 14), "1 January 2027");
    }
}
