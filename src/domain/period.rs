//! Half-open periods `[valid_from, valid_to)` of partly known dates: the
//! span over which a fact holds.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::PartialDate;

/// A half-open period `[valid_from, valid_to)`. A null `valid_from` means the
/// start is not known; a null `valid_to` means it still holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct Period {
    pub valid_from: Option<PartialDate>,
    pub valid_to: Option<PartialDate>,
}

/// An end that is not after the start.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("must be after the start ({0}); periods are half-open, the end is the first day no longer included")]
pub struct EndsBeforeStart(pub PartialDate);

impl Period {
    pub fn new(valid_from: Option<PartialDate>, valid_to: Option<PartialDate>) -> Self {
        Period {
            valid_from,
            valid_to,
        }
    }

    /// Refuses an end on or before the start: a period holds at least a day.
    pub fn check(&self) -> Result<(), EndsBeforeStart> {
        match (&self.valid_from, &self.valid_to) {
            (Some(from), Some(to)) if to.first_day() <= from.first_day() => {
                Err(EndsBeforeStart(*from))
            }
            _ => Ok(()),
        }
    }

    /// The period after a JSON merge patch of its bounds: a bound left out
    /// stays, `null` clears it.
    pub fn patched(
        self,
        valid_from: Option<Option<PartialDate>>,
        valid_to: Option<Option<PartialDate>>,
    ) -> Self {
        Period {
            valid_from: valid_from.unwrap_or(self.valid_from),
            valid_to: valid_to.unwrap_or(self.valid_to),
        }
    }

    /// The day to show what was written for this period on, so that the
    /// answer to a write shows it: today, or its first day where it begins
    /// later (a version from next year). A period over before today is
    /// shown today, without it: what ending a part looks like.
    pub fn shown_on(&self, today: NaiveDate) -> NaiveDate {
        match self.valid_from {
            Some(from) if from.first_day() > today => from.first_day(),
            _ => today,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(text: &str) -> Option<PartialDate> {
        Some(PartialDate::parse(text).unwrap())
    }

    #[test]
    fn an_end_after_the_start_or_an_open_bound_is_a_period() {
        assert!(Period::new(date("2018"), date("2019")).check().is_ok());
        assert!(Period::new(None, date("2019")).check().is_ok());
        assert!(Period::new(date("2018-01-01"), None).check().is_ok());
    }

    #[test]
    fn an_end_on_or_before_the_start_is_refused() {
        assert!(Period::new(date("2018-01-01"), date("2018-01-01"))
            .check()
            .is_err());
        assert!(Period::new(date("2014-05"), date("2013")).check().is_err());
        // The year 2018 begins on its first day, as does its January.
        assert!(Period::new(date("2018"), date("2018-01")).check().is_err());
    }

    #[test]
    fn a_write_is_shown_today_unless_it_begins_later() {
        let today = NaiveDate::from_ymd_opt(2026, 12, 7).unwrap();
        let day = |text: &str| date(text).unwrap().first_day();
        for (period, shown) in [
            (Period::new(date("2018-01-01"), None), today),
            (Period::new(None, None), today),
            (Period::new(None, date("2027")), today),
            (Period::new(date("2026-12-07"), date("2026-12-08")), today),
            (Period::new(date("2015"), date("2016-07-01")), today),
            // From a later day: that day (a month: its first).
            (Period::new(date("2026-12-08"), None), day("2026-12-08")),
            (
                Period::new(date("2027-03"), date("2028")),
                day("2027-03-01"),
            ),
        ] {
            assert_eq!(period.shown_on(today), shown, "{period:?}");
        }
    }

    #[test]
    fn a_patch_keeps_what_it_leaves_out_and_clears_what_it_nulls() {
        let period = Period::new(date("2018"), date("2020"));
        assert_eq!(period.patched(None, None), period);
        assert_eq!(
            period.patched(Some(None), Some(date("2021"))),
            Period::new(None, date("2021"))
        );
    }
}
