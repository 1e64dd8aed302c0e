//! Dates known only in part: "since 2009" is a year, not 2009-01-01.

use std::fmt;

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::date::{parse_date, DateError, RECORDED_YEARS};

/// How much of a date is known.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Precision {
    Year,
    Month,
    Day,
}

impl Precision {
    pub fn as_str(self) -> &'static str {
        match self {
            Precision::Year => "year",
            Precision::Month => "month",
            Precision::Day => "day",
        }
    }
}

/// A date with its precision: `2009`, `2013-05` or `2018-01-01`.
///
/// It is stored as the first day of the known span plus the precision, so it
/// still orders and compares; it is shown only to the precision that is
/// known. SQL reads it with `partial_date_text` and writes it with
/// `partial_date_day` and `partial_date_precision`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PartialDate {
    first_day: NaiveDate,
    precision: Precision,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PartialDateError {
    #[error("'{0}' is not a date of the form YYYY, YYYY-MM or YYYY-MM-DD")]
    Format(String),
    #[error("'{0}' is not a day of the calendar")]
    NoSuchDay(String),
    #[error("'{0}' is before the year 1000; the registry records dates from 1000 to 9999")]
    NotRecorded(String),
}

impl PartialDate {
    pub fn day(date: NaiveDate) -> Self {
        PartialDate {
            first_day: date,
            precision: Precision::Day,
        }
    }

    /// Parses `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, in the years the registry
    /// records ([`RECORDED_YEARS`]).
    pub fn parse(input: &str) -> Result<Self, PartialDateError> {
        let date = Self::parse_any_year(input)?;
        if RECORDED_YEARS.contains(&date.first_day.year()) {
            Ok(date)
        } else {
            Err(PartialDateError::NotRecorded(input.to_owned()))
        }
    }

    fn parse_any_year(input: &str) -> Result<Self, PartialDateError> {
        let format_error = || PartialDateError::Format(input.to_owned());
        let all_digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
        match input.len() {
            4 if all_digits(input) => {
                let year = input.parse().map_err(|_| format_error())?;
                let first_day = NaiveDate::from_ymd_opt(year, 1, 1).ok_or_else(format_error)?;
                Ok(PartialDate {
                    first_day,
                    precision: Precision::Year,
                })
            }
            7 if input.as_bytes()[4] == b'-'
                && all_digits(&input[..4])
                && all_digits(&input[5..]) =>
            {
                let year = input[..4].parse().map_err(|_| format_error())?;
                let month = input[5..].parse().map_err(|_| format_error())?;
                let first_day = NaiveDate::from_ymd_opt(year, month, 1)
                    .ok_or_else(|| PartialDateError::NoSuchDay(input.to_owned()))?;
                Ok(PartialDate {
                    first_day,
                    precision: Precision::Month,
                })
            }
            _ => parse_date(input)
                .map(PartialDate::day)
                .map_err(|error| match error {
                    DateError::Format(_) => format_error(),
                    DateError::NoSuchDay(_) | DateError::NotRecorded(_) => {
                        PartialDateError::NoSuchDay(input.to_owned())
                    }
                }),
        }
    }

    pub fn first_day(&self) -> NaiveDate {
        self.first_day
    }

    pub fn precision(&self) -> Precision {
        self.precision
    }

    /// The first day after the known span: a deadline of "March 2019" is
    /// met until 2019-04-01.
    pub fn day_after(&self) -> NaiveDate {
        let next = match self.precision {
            Precision::Day => self.first_day.succ_opt(),
            Precision::Month => self.first_day.checked_add_months(chrono::Months::new(1)),
            Precision::Year => self.first_day.checked_add_months(chrono::Months::new(12)),
        };
        next.unwrap_or(NaiveDate::MAX)
    }

    /// Whether the spans of the two have a day in common: March 2019 and
    /// 2019, or 2019-03-12 and March 2019, but not March and April.
    pub fn overlaps(&self, other: &PartialDate) -> bool {
        self.first_day < other.day_after() && other.first_day < self.day_after()
    }

    /// Whether the whole span lies before `other` begins: a report due in
    /// March 2019 ends before April, not before 2019-03-15 (it may be the
    /// 20th).
    pub fn ends_before(&self, other: &PartialDate) -> bool {
        self.day_after() <= other.first_day
    }
}

impl fmt::Display for PartialDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let date = self.first_day;
        match self.precision {
            Precision::Year => write!(f, "{:04}", date.year()),
            Precision::Month => write!(f, "{:04}-{:02}", date.year(), date.month()),
            Precision::Day => write!(f, "{}", date.format("%Y-%m-%d")),
        }
    }
}

impl Serialize for PartialDate {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for PartialDate {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        PartialDate::parse(&text).map_err(serde::de::Error::custom)
    }
}

impl utoipa::PartialSchema for PartialDate {
    fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
        utoipa::openapi::ObjectBuilder::new()
            .schema_type(utoipa::openapi::schema::Type::String)
            .pattern(Some(
                r"^[1-9][0-9]{3}(-(0[1-9]|1[0-2])(-(0[1-9]|[12][0-9]|3[01]))?)?$",
            ))
            .description(Some(
                "A date known to the precision shown: `YYYY` (only the year is known), \
                 `YYYY-MM` (the month) or `YYYY-MM-DD` (the day).",
            ))
            .examples([serde_json::json!("2009")])
            .into()
    }
}

impl utoipa::ToSchema for PartialDate {}

/// Read from the text the SQL function `partial_date_text` makes of a stored
/// date and its precision (`partial_date_text(valid_from, valid_from_precision)
/// as "valid_from: PartialDate"`).
impl sqlx::Type<sqlx::Postgres> for PartialDate {
    fn type_info() -> sqlx::postgres::PgTypeInfo {
        <&str as sqlx::Type<sqlx::Postgres>>::type_info()
    }
}

impl<'r> sqlx::Decode<'r, sqlx::Postgres> for PartialDate {
    fn decode(value: sqlx::postgres::PgValueRef<'r>) -> Result<Self, sqlx::error::BoxDynError> {
        let text = <&str as sqlx::Decode<sqlx::Postgres>>::decode(value)?;
        Ok(PartialDate::parse(text)?)
    }
}

/// Bound as the text the API shows; SQL stores it with `partial_date_day`
/// and `partial_date_precision` (`started_on = partial_date_day($1),
/// started_on_precision = partial_date_precision($1)`, bound as `date as _`).
impl sqlx::Encode<'_, sqlx::Postgres> for PartialDate {
    fn encode_by_ref(
        &self,
        buf: &mut sqlx::postgres::PgArgumentBuffer,
    ) -> Result<sqlx::encode::IsNull, sqlx::error::BoxDynError> {
        <String as sqlx::Encode<sqlx::Postgres>>::encode(self.to_string(), buf)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn spans_overlap_where_they_have_a_day_in_common() {
        let span = |text: &str| PartialDate::parse(text).unwrap();
        assert!(span("2019-03").overlaps(&span("2019")));
        assert!(span("2019").overlaps(&span("2019-03")));
        assert!(span("2019-03-12").overlaps(&span("2019-03")));
        assert!(span("2019-03-31").overlaps(&span("2019-03-31")));
        assert!(!span("2019-03").overlaps(&span("2019-04")));
        assert!(!span("2019-03-31").overlaps(&span("2019-04-01")));
        assert!(!span("2018").overlaps(&span("2019-01")));
    }

    #[test]
    fn a_span_ends_before_another_only_if_its_last_day_is_earlier() {
        let span = |text: &str| PartialDate::parse(text).unwrap();
        assert!(span("2019-03").ends_before(&span("2019-04-01")));
        assert!(span("2019-03-31").ends_before(&span("2019-04")));
        assert!(span("2018").ends_before(&span("2019-01-01")));
        assert!(!span("2019-03").ends_before(&span("2019-03-15")));
        assert!(!span("2019-03-15").ends_before(&span("2019-03")));
        assert!(!span("2019-03-15").ends_before(&span("2019-03-15")));
        assert!(!span("2019").ends_before(&span("2019-12")));
    }

    #[test]
    fn partial_dates_lie_in_the_years_the_registry_records() {
        assert!(PartialDate::parse("1000").is_ok());
        for input in ["0999", "0000-05", "0001-01-01"] {
            assert_eq!(
                PartialDate::parse(input),
                Err(PartialDateError::NotRecorded(input.to_owned()))
            );
        }
    }

    #[test]
    fn the_day_after_a_span_is_after_its_last_day() {
        let after = |input: &str| PartialDate::parse(input).unwrap().day_after();
        assert_eq!(after("2019-03-31"), date(2019, 4, 1));
        assert_eq!(after("2019-12"), date(2020, 1, 1));
        assert_eq!(after("2019-02"), date(2019, 3, 1));
        assert_eq!(after("2019"), date(2020, 1, 1));
    }

    #[test]
    fn a_year_alone_is_not_the_first_of_january() {
        let year = PartialDate::parse("2009").unwrap();
        assert_eq!(year.precision(), Precision::Year);
        assert_eq!(year.to_string(), "2009");
        assert_ne!(year, PartialDate::parse("2009-01-01").unwrap());
        assert_eq!(year.first_day(), date(2009, 1, 1));
    }

    #[test]
    fn each_precision_round_trips_through_its_text() {
        for text in ["2009", "2013-05", "2018-01-01", "1000", "9999-12-31"] {
            assert_eq!(PartialDate::parse(text).unwrap().to_string(), text);
        }
    }

    #[test]
    fn malformed_partial_dates_are_rejected() {
        for text in [
            "",
            "209",
            "20091",
            "2009-1",
            "2009-13",
            "2009-00",
            "2009-02-30",
            "2009-01-01x",
            "year",
        ] {
            assert!(PartialDate::parse(text).is_err(), "{text:?}");
        }
    }

    #[test]
    fn it_serialises_as_its_text() {
        let value = serde_json::to_value(PartialDate::parse("2013").unwrap()).unwrap();
        assert_eq!(value, serde_json::json!("2013"));
    }
}
