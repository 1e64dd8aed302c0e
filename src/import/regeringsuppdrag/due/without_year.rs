//! Days written without a year: "senast den 30 november", "senast den 1
//! mars varje år 2017–2019", "den 31 maj, den 30 oktober och den 31
//! december 2015".

use std::ops::Range;
use std::sync::LazyLock;

use chrono::{Datelike, NaiveDate};
use regex::Regex;

use super::{pattern, Deadline, Recurs, Yearless};
use crate::domain::PartialDate;
use crate::import::regeringsuppdrag::text::month_number;

/// A deadline's day with no year after it: "senast den 30 november".
static YEARLESS: LazyLock<Regex> =
    LazyLock::new(|| pattern(r"(?i)\b(?:SETS)\s+(?:den\s+)?(\d{1,2})\s+(MONTHS)\b"));

/// What may follow a day with no year: more days, and the year they all
/// fall in ("…, den 30 oktober och den 31 december 2015").
static REST_OF_LIST: LazyLock<Regex> = LazyLock::new(|| {
    pattern(
        r"(?i)^((?:\s*(?:,|och|respektive)\s+(?:den\s+)?\d{1,2}\s+(?:MONTHS)\b)*)(?:,?\s+(?:år\s+)?(\d{4})\b)?",
    )
});

static DAY_AND_MONTH: LazyLock<Regex> = LazyLock::new(|| pattern(r"(?i)(\d{1,2})\s+(MONTHS)\b"));

/// "2017–2019", "senast den 28 februari 2026–2030": the years a report
/// recurs over.
static YEARS: LazyLock<Regex> = LazyLock::new(|| {
    pattern(
        r"(?i)\b((?:19|20)\d{2})\s*[–−—-]\s*((?:19|20)\d{2})\b|\bfrån\s+(?:och\s+med\s+)?(?:år\s+)?((?:19|20)\d{2})\s+till\s+(?:och\s+med\s+)?(?:år\s+)?((?:19|20)\d{2})\b|\btill\s+och\s+med\s+(?:år\s+)?((?:19|20)\d{2})\b",
    )
});

/// Words that make a day with no year come back.
const RECURS: [&str; 14] = [
    "årlig",
    "årsredovisning",
    "under åren",
    "under perioden",
    "varje år",
    "per år",
    "varje kalenderår",
    "året",
    "påföljande",
    "respektive år",
    "halvår",
    "kvartal",
    "månad",
    "med start",
];

pub(super) fn recurs(text: &str) -> bool {
    let lower = text.to_lowercase();
    RECURS.iter().any(|word| lower.contains(word))
}

/// The deadlines of days written with no year after them.
pub(super) fn without_year(
    sentence: &str,
    published: PartialDate,
    yearless: Yearless,
) -> Vec<Deadline> {
    let recurs = recurs(sentence);
    let mut found = Vec::new();
    for m in YEARLESS.captures_iter(sentence) {
        let Some(whole) = m.get(0) else { continue };
        let rest = &sentence[whole.end()..];
        let Some(list) = REST_OF_LIST.captures(rest) else {
            continue;
        };
        let at = whole.start()..whole.end() + list.get(0).map_or(0, |l| l.end());
        let more = list.get(1).map_or("", |l| l.as_str());
        let days: Vec<(u32, u32)> = std::iter::once((&m[1], &m[2]))
            .chain(DAY_AND_MONTH.captures_iter(more).map(|d| {
                (
                    d.get(1).map_or("", |g| g.as_str()),
                    d.get(2).map_or("", |g| g.as_str()),
                )
            }))
            .filter_map(|(day, month)| Some((day.parse().ok()?, month_number(month)?)))
            .collect();
        let listed_year = list.get(2).and_then(|y| y.as_str().parse::<i32>().ok());
        match listed_year {
            // A date with its year is the deadline pattern's.
            Some(_) if more.is_empty() => {}
            Some(year) => found.extend(
                days.iter()
                    .filter_map(|&(day, month)| day_of(year, month, day))
                    .map(|date| Deadline::once(at.clone(), date)),
            ),
            None if recurs => {
                if let Some((first, last)) = years(sentence, published) {
                    for &(day, month) in &days {
                        if let Some(date) = day_of(first, month, day) {
                            found.extend(yearly(at.clone(), date, first, last));
                        }
                    }
                }
            }
            None if yearless == Yearless::Unread => {}
            None => {
                let named = the_year_named(sentence).filter(|&y| y >= published.first_day().year());
                for &(day, month) in &days {
                    let year = named.unwrap_or(if month < published.first_day().month() {
                        published.first_day().year() + 1
                    } else {
                        published.first_day().year()
                    });
                    if let Some(date) = day_of(year, month, day) {
                        found.push(Deadline::once(at.clone(), date));
                    }
                }
            }
        }
    }
    found
}

/// The first `day` of `month` after `previous`: "den 15 juni 2024 och den
/// 15 december" is 2024-12-15.
pub(super) fn day_after(previous: PartialDate, day: &str, month: &str) -> Option<PartialDate> {
    let month = month_number(month)?;
    let day: u32 = day.parse().ok()?;
    let before = previous.first_day();
    let year = before.year();
    [year, year + 1]
        .into_iter()
        .filter_map(|year| NaiveDate::from_ymd_opt(year, month, day))
        .find(|candidate| *candidate > before)
        .map(PartialDate::day)
}

/// The one year a sentence names, if it names one ("Delredovisningen för
/// 2020 ska inkomma senast den 30 september").
fn the_year_named(sentence: &str) -> Option<i32> {
    static YEAR: LazyLock<Regex> = LazyLock::new(|| pattern(r"\b((?:19|20)\d{2})\b"));
    let mut years = YEAR
        .captures_iter(sentence)
        .filter_map(|y| y[1].parse::<i32>().ok());
    let first = years.next()?;
    years.all(|y| y == first).then_some(first)
}

fn day_of(year: i32, month: u32, day: u32) -> Option<PartialDate> {
    NaiveDate::from_ymd_opt(year, month, day).map(PartialDate::day)
}

/// The years a recurring report is made in: from the first year named (or
/// the year of publication) to the last.
fn years(sentence: &str, published: PartialDate) -> Option<(i32, i32)> {
    let m = YEARS.captures(sentence)?;
    let year = |group: usize| m.get(group).and_then(|y| y.as_str().parse::<i32>().ok());
    let last = year(2).or(year(4)).or(year(5))?;
    let first = year(1).or(year(3)).unwrap_or(published.first_day().year());
    Some((first, last))
}

/// The day and month of `date` in each year from `first` to `last`: a
/// report a year. A span of more than a few decades is not a series.
pub(super) fn yearly(at: Range<usize>, date: PartialDate, first: i32, last: i32) -> Vec<Deadline> {
    if last < first || last - first > 30 {
        return Vec::new();
    }
    let day = date.first_day();
    (first..=last)
        .filter_map(|year| day.with_year(year).map(PartialDate::day))
        .map(|date| Deadline {
            until: at.end,
            at: at.clone(),
            date,
            recurs: Recurs::Yearly {
                last: date.first_day().year() == last,
            },
        })
        .collect()
}
