//! Calendar dates as the API reads them: `YYYY-MM-DD`, and "today" in the
//! registry's home time zone.

use chrono::{Datelike, NaiveDate, Utc};

/// Why a string is not a calendar date.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DateError {
    #[error("'{0}' is not a date of the form YYYY-MM-DD")]
    Format(String),
    #[error("'{0}' is not a day of the calendar")]
    NoSuchDay(String),
    #[error("'{0}' is before the year 1000; the registry records dates from 1000 to 9999")]
    NotRecorded(String),
}

/// The years the registry records facts in. Reads may ask about any date;
/// a write's date lies in these years (PostgreSQL would write the years
/// before 1 as BC, and no public body of Sweden began before 1000).
pub const RECORDED_YEARS: std::ops::RangeInclusive<i32> = 1000..=9999;

/// A day a write records: `YYYY-MM-DD`, a day of the calendar, in
/// [`RECORDED_YEARS`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Day(pub NaiveDate);

impl<'de> serde::Deserialize<'de> for Day {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = <String as serde::Deserialize>::deserialize(deserializer)?;
        parse_recorded_date(&text)
            .map(Day)
            .map_err(serde::de::Error::custom)
    }
}

impl utoipa::PartialSchema for Day {
    fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
        use utoipa::openapi::schema::{KnownFormat, ObjectBuilder, SchemaFormat, Type};
        ObjectBuilder::new()
            .schema_type(Type::String)
            .format(Some(SchemaFormat::KnownFormat(KnownFormat::Date)))
            .description(Some("A day, `YYYY-MM-DD`, in the years 1000 to 9999."))
            .pattern(Some(
                r"^[1-9][0-9]{3}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$",
            ))
            .examples([serde_json::json!("2018-01-01")])
            .into()
    }
}

impl utoipa::ToSchema for Day {}

/// Parses a date a write records: [`parse_date`], in [`RECORDED_YEARS`].
pub fn parse_recorded_date(input: &str) -> Result<NaiveDate, DateError> {
    let date = parse_date(input)?;
    if RECORDED_YEARS.contains(&date.year()) {
        Ok(date)
    } else {
        Err(DateError::NotRecorded(input.to_owned()))
    }
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
    fn a_write_records_days_from_the_year_1000_to_9999() {
        assert!(parse_recorded_date("1000-01-01").is_ok());
        assert!(parse_recorded_date("9999-12-31").is_ok());
        for input in ["0999-12-31", "0000-01-01"] {
            assert_eq!(
                parse_recorded_date(input),
                Err(DateError::NotRecorded(input.to_owned()))
            );
        }
        // Reads may ask about any day.
        assert!(parse_date("0000-01-01").is_ok());
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
