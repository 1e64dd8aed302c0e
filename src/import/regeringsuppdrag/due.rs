//! When an item says its assignment must report: the final report's due
//! date and the interim reports'.
//!
//! A deadline is a date after words that set one ("senast den 31 mars
//! 2019", "ska slutredovisas 2020", "före utgången av juni 2023"). Which
//! report it is, its own verb says, else the words right after it ("senast
//! den 15 oktober 2028 lämna en slutredovisning"), else the words before it,
//! else its sentence. A day written without a year takes the year its list
//! ends with ("den 31 maj, den 30 oktober och den 31 december 2015"); where
//! it recurs ("senast den 1 mars varje år 2017–2019") it is a report a year
//! over the years named, the last of them the final one, and nothing where
//! no last year is named; otherwise it is the next such day after the item
//! was published ("CSN ska redovisa sitt uppdrag senast den 30 november").

use std::ops::Range;
use std::sync::LazyLock;

use chrono::Datelike;
use regex::Regex;

mod without_year;

use without_year::{day_after, recurs, without_year, yearly};

use super::text::date_of;
use crate::domain::PartialDate;

const MONTHS: &str =
    "januari|februari|mars|april|maj|juni|juli|augusti|september|oktober|november|december";

/// The words that set a deadline.
const SETS: &str = r"senast|(?:slut|del)?(?:redovisa|rapportera)s?(?:\s+(?:uppdraget|sitt\s+uppdrag))?|(?:slut|del)?redovisning(?:en|ar(?:na)?)?|lämnas|före\s+utgången\s+av";

fn pattern(source: &str) -> Regex {
    Regex::new(&source.replace("MONTHS", MONTHS).replace("SETS", SETS)).expect("a valid pattern")
}

static DEADLINE: LazyLock<Regex> = LazyLock::new(|| {
    pattern(
        r"(?i)\b(?:SETS)(?:\s+(?:den|i|under|(?:före|vid)\s+utgången\s+av|till|före|per))?\s+(?:(\d{1,2})\s+)?(MONTHS)\s+(\d{4})\b",
    )
});

/// A further date in a list after a deadline: "senast den 24 juni 2024
/// och 21 oktober 2024", "senast den 1 juni 2025 respektive den 1 juni
/// 2026 delredovisa".
static AND_DATE: LazyLock<Regex> = LazyLock::new(|| {
    pattern(
        r"(?i)^\s*(?:,|och|respektive|samt)\s+(?:senast\s+)?(?:den\s+)?(?:(\d{1,2})\s+)?(MONTHS)\s+(\d{4})\b",
    )
});

/// A further day in a list after a deadline, with no year: "senast den 15
/// juni 2024 och den 15 december delredovisa" (the year goes on).
static AND_DAY: LazyLock<Regex> = LazyLock::new(|| {
    pattern(r"(?i)^\s*(?:,|och|respektive|samt)\s+(?:senast\s+)?(?:den\s+)?(\d{1,2})\s+(MONTHS)\b")
});

/// A year right after a date.
static YEAR_NEXT: LazyLock<Regex> = LazyLock::new(|| pattern(r"^,?\s+(?:år\s+)?\d{4}\b"));

/// A date its report's verb follows: "och den 1 mars 2026 (gemensamt)
/// slutredovisa".
static DATE_THEN_VERB: LazyLock<Regex> = LazyLock::new(|| {
    pattern(
        r"(?i)\bden\s+(\d{1,2})\s+(MONTHS)\s+(\d{4})\s+(?:\p{L}+\s+)?(?:slut|del)?(?:redovisa|rapportera)\b",
    )
});

/// A sentence that opens with its deadline: "Den 1 mars 2019 ska
/// Statskontoret redovisa uppdraget i en slutrapport."
static OPENS_WITH_DATE: LazyLock<Regex> =
    LazyLock::new(|| pattern(r"(?i)^(?:\*\s+)?den\s+(\d{1,2})\s+(MONTHS)\s+(\d{4}),?\s+ska\b"));

/// A deadline moved: "förlänga tiden för redovisning … till den 15 april
/// 2010".
static EXTENDED_TO: LazyLock<Regex> = LazyLock::new(|| {
    pattern(r"(?i)\btill\s+(?:och\s+med\s+)?(?:den\s+)?(\d{1,2})\s+(MONTHS)\s+(\d{4})\b")
});

/// A report due in a year only: "Uppdraget ska slutredovisas 2020."
static IN_YEAR: LazyLock<Regex> = LazyLock::new(|| {
    pattern(
        r"(?i)\b(?:slutredovisas|redovisas|slutrapporteras)\s+(?:under\s+|år\s+)?(\d{4})(?:\s*[.;,]|\s*$)",
    )
});

/// The year after a deadline's date that makes it a yearly one: "senast
/// den 28 februari 2026–2030".
static THROUGH_YEAR: LazyLock<Regex> =
    LazyLock::new(|| pattern(r"^\s*[–−—-]\s*((?:19|20)\d{2})\b"));

/// One deadline in a sentence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Deadline {
    /// Where it is written.
    pub at: Range<usize>,
    /// Where the list it stands in ends ("senast den 1 juni 2025
    /// respektive den 1 juni 2026"): the deadlines of a list are reports of
    /// one kind.
    pub until: usize,
    pub date: PartialDate,
    pub recurs: Recurs,
}

impl Deadline {
    /// A deadline that stands alone at `at`.
    fn once(at: Range<usize>, date: PartialDate) -> Self {
        Deadline {
            until: at.end,
            at,
            date,
            recurs: Recurs::Once,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Recurs {
    Once,
    /// One of a report a year; `last` where it is the series' last year.
    Yearly {
        last: bool,
    },
}

/// What to make of a day with no year that neither a list nor a series
/// gives one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Yearless {
    /// The next such day after publication: the item reports once.
    NextAfterPublished,
    /// Nothing: the item speaks of reports that come back, and the day may
    /// be any year's.
    Unread,
}

/// Every deadline in `sentence` of an item published in `published`, in
/// order.
pub(super) fn deadlines(
    sentence: &str,
    published: PartialDate,
    yearless: Yearless,
) -> Vec<Deadline> {
    let mut found = Vec::new();
    for m in DEADLINE.captures_iter(sentence) {
        let (Some(whole), Some(date)) = (m.get(0), date_of(&m)) else {
            continue;
        };
        let mut end = whole.end();
        if let Some(through) = THROUGH_YEAR.captures(&sentence[end..]) {
            let last = through[1].parse().unwrap_or(0);
            found.extend(yearly(whole.range(), date, date.first_day().year(), last));
            continue;
        }
        let first = found.len();
        found.push(Deadline::once(whole.range(), date));
        let mut previous = date;
        loop {
            let rest = &sentence[end..];
            let (more, date) = if let Some(next) = AND_DATE.captures(rest) {
                (next.get(0), date_of(&next))
            } else if let Some(next) = AND_DAY.captures(rest) {
                let whole = next.get(0);
                let after = whole.map_or("", |w| &rest[w.end()..]);
                let date = day_after(previous, &next[1], &next[2]);
                (whole.filter(|_| !YEAR_NEXT.is_match(after)), date)
            } else {
                break;
            };
            let (Some(more), Some(date)) = (more, date) else {
                break;
            };
            found.push(Deadline::once(end..end + more.end(), date));
            end += more.end();
            previous = date;
        }
        for member in &mut found[first..] {
            member.until = end;
        }
    }
    for m in DATE_THEN_VERB
        .captures_iter(sentence)
        .chain(OPENS_WITH_DATE.captures(sentence))
    {
        if let (Some(whole), Some(date)) = (m.get(0), date_of(&m)) {
            found.push(Deadline::once(whole.range(), date));
        }
    }
    if sentence.to_lowercase().contains("förläng") {
        for m in EXTENDED_TO.captures_iter(sentence) {
            if let (Some(whole), Some(date)) = (m.get(0), date_of(&m)) {
                found.push(Deadline::once(whole.range(), date));
            }
        }
    }
    for m in IN_YEAR.captures_iter(sentence) {
        if let (Some(whole), Some(year)) = (m.get(0), m.get(1)) {
            if let Ok(date) = PartialDate::parse(year.as_str()) {
                found.push(Deadline::once(whole.range(), date));
            }
        }
    }
    found.extend(without_year(sentence, published, yearless));
    found.sort_by_key(|d| (d.at.start, d.date.first_day()));
    // Where two readings cover the same words, the first stands.
    let mut kept: Vec<Deadline> = Vec::new();
    for deadline in found {
        match kept.last() {
            Some(last) if deadline.at.start < last.at.end && deadline.at != last.at => {}
            _ => kept.push(deadline),
        }
    }
    kept
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Report {
    Final,
    Interim,
    Some,
    None,
}

fn report_kind(words: &str) -> Report {
    const INTERIM: [&str; 14] = [
        "delredovis",
        "lägesuppdatering",
        "delrapport",
        "lägesrapport",
        "lägesredovis",
        "delredogör",
        "delresultat",
        "första redovisning",
        "preliminär",
        "årlig",
        "löpande",
        "halvår",
        "kvartal",
        "successivt",
    ];
    const FINAL: [&str; 5] = [
        "slutredovis",
        "slutrapport",
        "slutlig",
        "i sin helhet",
        "slutredogör",
    ];
    const REPORT: [&str; 13] = [
        // "Uppdragstiden förlängs till och med den 31 december 2026."
        "uppdragstid",
        "redovis",
        "rapport",
        "lämna",
        "redogör",
        "överlämna",
        "inkomma",
        "presentera",
        "uppdraget ska",
        "slutföra",
        "ge in",
        "ges in",
        "tillhanda",
    ];
    // Money asked for or paid back by a day is not a report, unless the
    // words also speak of one.
    const PAYMENT: [&str; 5] = [
        "rekvisition",
        "rekvirera",
        "återbetala",
        "betalas ut",
        "utbetala",
    ];
    let words = words.to_lowercase();
    let has = |list: &[&str]| list.iter().any(|w| words.contains(w));
    if has(&PAYMENT) && !has(&FINAL) && !has(&INTERIM) && !has(&["redovis", "rapport", "redogör"])
    {
        Report::None
    } else if has(&FINAL) {
        Report::Final
    } else if has(&INTERIM) {
        Report::Interim
    } else if has(&REPORT) {
        Report::Some
    } else {
        Report::None
    }
}

/// The words right after a deadline, to the end of their clause or the
/// next date: "senast den 15 oktober 2028 lämna en gemensam
/// slutredovisning", "senast den 1 mars 2024, delredovisa uppdraget till
/// Regeringskansliet och …", not "… senast den 31 mars 2020 med en
/// delredovisning den 29 mars 2019".
fn clause(rest: &str) -> &str {
    let rest = rest.strip_prefix(',').unwrap_or(rest);
    let end = [",", ";", " och ", " samt ", " med "]
        .iter()
        .filter_map(|stop| rest.find(stop))
        .chain(rest.find(|c: char| c.is_ascii_digit()))
        .min()
        .unwrap_or(rest.len());
    &rest[..end]
}

/// The final due date and the interim ones, from an item's sentences.
/// Dates before the item was published are citations, not deadlines.
pub fn due_dates(
    sentences: &[String],
    published: PartialDate,
) -> (Option<PartialDate>, Vec<PartialDate>) {
    let yearless = if sentences.iter().any(|sentence| recurs(sentence)) {
        Yearless::Unread
    } else {
        Yearless::NextAfterPublished
    };
    let mut finals = Vec::new();
    let mut interims = Vec::new();
    let mut others = Vec::new();
    for sentence in sentences {
        let whole = report_kind(sentence);
        let found = deadlines(sentence, published, yearless);
        let mut from = 0;
        let mut list: Option<(usize, Report)> = None;
        for deadline in &found {
            let kind = match list {
                Some((until, kind)) if until == deadline.until => kind,
                _ => {
                    let window = &sentence[from.min(deadline.at.start)..deadline.at.start];
                    let next = found
                        .iter()
                        .map(|d| d.at.start)
                        .find(|&start| start >= deadline.until)
                        .unwrap_or(sentence.len());
                    let after = clause(&sentence[deadline.until..next]);
                    let own = report_kind(&sentence[deadline.at.clone()]);
                    let kind = match (own, report_kind(after), report_kind(window)) {
                        (own @ (Report::Final | Report::Interim), _, _) => own,
                        (_, after @ (Report::Final | Report::Interim), _) => after,
                        (_, _, Report::None) => whole,
                        (_, _, kind) => kind,
                    };
                    list = Some((deadline.until, kind));
                    from = from.max(deadline.until);
                    kind
                }
            };
            if deadline.date.first_day() < published.first_day() {
                continue;
            }
            let kind = match (deadline.recurs, kind) {
                (_, Report::None) => Report::None,
                (Recurs::Yearly { last: false }, _) => Report::Interim,
                // The last of a report a year ends the assignment, unless
                // another deadline is its final report.
                (Recurs::Yearly { last: true }, Report::Interim) => Report::Some,
                (_, kind) => kind,
            };
            match kind {
                Report::Final => finals.push(deadline.date),
                Report::Interim => interims.push(deadline.date),
                Report::Some => others.push(deadline.date),
                Report::None => {}
            }
        }
    }
    let latest = |dates: &[PartialDate]| dates.iter().copied().max_by_key(|d| d.first_day());
    let due = latest(&finals).or_else(|| latest(&others));
    let mut interim: Vec<PartialDate> = interims
        .into_iter()
        .chain(others)
        // An interim report stands beside the final one: before it.
        .filter(|d| due.map_or(true, |due| d.first_day() < due.first_day()))
        .collect();
    interim.sort_by_key(|d| d.first_day());
    interim.dedup();
    (due, interim)
}

#[cfg(test)]
mod tests;
