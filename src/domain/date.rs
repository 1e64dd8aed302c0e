//! Calendar dates as the API reads them: `YYYY-MM-DD`, and "today" in the
//! registry's home time zone.

use chrono::{NaiveDate, Utc};

/// Why a string is not a calendar date.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DateError {
    #[error("'{0}' is not a date of the form YYYY-MM-DD")]
    Format(String),
    #[error("'{0}' is not a day of the calendar")]
    NoSuchDay(String),
}

/// Parses a full date, exactly `YYYY-MM-DD` with a four-digit year.
pub fn parse_date(input: &str) -> Result<NaiveDate, DateError> {
    let bytes = input.as_bytes();
    let digits_at = |range: std::ops::Range<usize>| bytes[range].iter().all(u8::is_ascii_digit);
    let well_formed = bytes.len() == 10
        && bytes[4] == b'-'
        && bytes[7] == b'-'
        && digits_at(0..4)
        && digits_at(5..7)
        && digits_at(8..10);
    if !well_formed {
        return Err(DateError::Format(input.to_owned()));
    }
    let number =
        |range: std::ops::Range<usize>| input[range].parse::<u32>().expect("checked digits");
    let year = i32::try_from(number(0..4)).expect("four digits fit");
    NaiveDate::from_ymd_opt(year, number(5..7), number(8..10))
        .ok_or_else(|| DateError::NoSuchDay(input.to_owned()))
}

/// Today's date in Europe/Stockholm, the default for every `at`.
pub fn today_in_stockholm() -> NaiveDate {
    Utc::now()
        .with_timezone(&chrono_tz::Europe::Stockholm)
        .date_naive()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_full_date_parses() {
        assert_eq!(
            parse_date("2018-01-01"),
            Ok(NaiveDate::from_ymd_opt(2018, 1, 1).unwrap())
        );
        assert_eq!(
            parse_date("2016-02-29"),
            Ok(NaiveDate::from_ymd_opt(2016, 2, 29).unwrap())
        );
    }

    #[test]
    fn malformed_dates_are_rejected_as_format_errors() {
        for input in [
            "",
            "2018",
            "2018-1-1",
            "18-01-01",
            "2018/01/01",
            "2018-01-01T00:00",
            "+2018-01-01",
            "2018-01-0a",
            "２０１８-01-01",
        ] {
            assert!(
                matches!(parse_date(input), Err(DateError::Format(_))),
                "{input:?}"
            );
        }
    }

    #[test]
    fn days_that_do_not_exist_are_rejected() {
        for input in [
            "2018-02-30",
            "2017-02-29",
            "2018-13-01",
            "2018-00-10",
            "2018-04-31",
        ] {
            assert!(
                matches!(parse_date(input), Err(DateError::NoSuchDay(_))),
                "{input:?}"
            );
        }
    }
}
