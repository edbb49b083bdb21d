//! Calendar dates as a roadmap writes them (`2027-04-05`, ISO 8601), counted in days so that
//! a phase's length is a subtraction. The proleptic Gregorian calendar, as ISO 8601 has it.

use std::fmt;

use crate::format::civil_from_days;
use serde::{Serialize, Serializer};

/// A day, as the number of days since 1970-01-01.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date(i64);

impl Date {
    /// 1970-01-01, day 0.
    pub const EPOCH: Date = Date(0);

    /// Reads `YYYY-MM-DD`, refusing anything else and any day the month does not have.
    pub fn parse(text: &str) -> Option<Date> {
        let bytes = text.as_bytes();
        let shape = bytes.len() == 10
            && bytes[4] == b'-'
            && bytes[7] == b'-'
            && bytes
                .iter()
                .enumerate()
                .all(|(i, b)| i == 4 || i == 7 || b.is_ascii_digit());
        if !shape {
            return None;
        }
        let number = |range: std::ops::Range<usize>| text[range].parse::<i64>().ok();
        let (year, month, day) = (number(0..4)?, number(5..7)?, number(8..10)?);
        if !(1..=12).contains(&month) || day < 1 || day > days_in_month(year, month) {
            return None;
        }
        Some(Date(days_from_civil(year, month, day)))
    }

    /// The date `days` later (earlier when negative).
    pub fn plus_days(self, days: i64) -> Date {
        Date(self.0 + days)
    }

    /// Days from `earlier` to this date.
    pub fn days_since(self, earlier: Date) -> i64 {
        self.0 - earlier.0
    }

    /// Year, month and day.
    pub fn civil(self) -> (i64, i64, i64) {
        civil_from_days(self.0)
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (year, month, day) = self.civil();
        write!(f, "{year:04}-{month:02}-{day:02}")
    }
}

impl Serialize for Date {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

fn is_leap(year: i64) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

fn days_in_month(year: i64, month: i64) -> i64 {
    match month {
        2 if is_leap(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Days since 1970-01-01 of a civil date (Howard Hinnant's algorithm: years start in March,
/// so that the leap day falls at the end of one).
fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let year = if month <= 2 { year - 1 } else { year };
    let era = year.div_euclid(400);
    let year_of_era = year - era * 400;
    let day_of_year = (153 * (month + if month > 2 { -3 } else { 9 }) + 2) / 5 + day - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    era * 146_097 + day_of_era - 719_468
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_are_counted_across_months_and_leap_years() {
        let date = |text| Date::parse(text).unwrap_or_else(|| panic!("{text} is a date"));
        assert_eq!(date("1970-01-01"), Date(0));
        assert_eq!(date("2000-03-01").days_since(date("2000-02-28")), 2);
        assert_eq!(date("2100-03-01").days_since(date("2100-02-28")), 1);
        // 2027 is not a leap year; 2028 is.
        assert_eq!(date("2028-01-04").days_since(date("2027-01-04")), 365);
        assert_eq!(date("2029-01-04").days_since(date("2028-01-04")), 366);
        // The sample roadmap: 91 days to April, 182 to October.
        assert_eq!(date("2027-04-05").days_since(date("2027-01-04")), 91);
        assert_eq!(date("2027-10-04").days_since(date("2027-04-05")), 182);
        assert_eq!(date("2027-01-04").plus_days(365).to_string(), "2028-01-04");
        assert_eq!(date("2028-01-04").plus_days(365).to_string(), "2029-01-03");
    }

    #[test]
    fn every_day_of_four_centuries_reads_back_as_written() {
        let start = Date::parse("1900-01-01").unwrap();
        for days in 0..146_097 {
            let date = start.plus_days(days);
            assert_eq!(Date::parse(&date.to_string()), Some(date));
        }
    }

    #[test]
    fn only_real_iso_dates_are_read() {
        for text in [
            "2027-02-29",
            "2027-13-01",
            "2027-00-10",
            "2027-04-31",
            "2027-4-5",
            "27-04-05",
            "2027/04/05",
            "2027-04-05T00:00",
            "",
            "２０２７-04-05",
        ] {
            assert_eq!(Date::parse(text), None, "{text}");
        }
        assert!(Date::parse("2028-02-29").is_some());
    }
}
