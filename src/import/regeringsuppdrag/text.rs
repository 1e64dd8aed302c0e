//! What the items' words say, read without knowing any agency: Swedish
//! dates (deadlines are [`super::due`]'s), case numbers (diarienummer),
//! titles and whether an item amends another.

use std::sync::LazyLock;

use chrono::NaiveDate;
use regex::Regex;

use crate::domain::PartialDate;
pub use crate::domain::{core_of, CaseNumber};

const MONTHS: [&str; 12] = [
    "januari",
    "februari",
    "mars",
    "april",
    "maj",
    "juni",
    "juli",
    "augusti",
    "september",
    "oktober",
    "november",
    "december",
];

pub(super) fn month_number(name: &str) -> Option<u32> {
    let name = name.to_lowercase();
    MONTHS
        .iter()
        .position(|month| *month == name)
        .map(|at| at as u32 + 1)
}

/// Texts separate day, month and year with spaces, no-break spaces or a
/// line break; soft hyphens may sit anywhere; Markdown's bold may cut a
/// date in two (`**senast den 29 september** 2017`) and is left out.
pub fn plain(text: &str) -> String {
    text.replace('\u{ad}', "")
        .replace("**", "")
        .replace(['\u{a0}', '\u{202f}'], " ")
}

static DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)\b(?:(\d{1,2})\s+)?(januari|februari|mars|april|maj|juni|juli|augusti|september|oktober|november|december)\s+(\d{4})\b",
    )
    .expect("a valid pattern")
});

/// A Swedish date at the start of `text`: `9 maj 2018` (a day) or `mars
/// 2019` (a month).
pub fn swedish_date(text: &str) -> Option<PartialDate> {
    let found = DATE.captures(text)?;
    if found.get(0)?.start() != 0 {
        return None;
    }
    date_of(&found)
}

/// The date a match of a pattern like [`DATE`]'s captured: day (if any),
/// month name and year as groups 1 to 3.
pub(super) fn date_of(found: &regex::Captures<'_>) -> Option<PartialDate> {
    let month = month_number(&found[2])?;
    let year: i32 = found[3].parse().ok()?;
    match found.get(1) {
        Some(day) => {
            NaiveDate::from_ymd_opt(year, month, day.as_str().parse().ok()?).map(PartialDate::day)
        }
        None => PartialDate::parse(&format!("{year:04}-{month:02}")).ok(),
    }
}

static ON_DAY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)\bden\s+(\d{1,2})\s+(januari|februari|mars|april|maj|juni|juli|augusti|september|oktober|november|december)\s+(\d{4})",
    )
    .expect("a valid pattern")
});

/// The day of an earlier decision a text cites ("med ändring av
/// regeringens beslut den 9 maj 2018", "uppdraget … den 2 maj 2013"): a
/// day after words of a decision or an assignment, not a deadline
/// ("senast den …").
pub fn cited_decision(text: &str) -> Option<NaiveDate> {
    const NOT_A_DECISION: [&str; 9] = [
        "senast", "före", "efter", "till", "från", "tom", "fr", "om", "under",
    ];
    ON_DAY.captures_iter(text).find_map(|found| {
        let at = found.get(0)?.start();
        let before = &text[text.floor_char_boundary_compat(at.saturating_sub(200))..at];
        let before = before.rsplit(['.', '\n']).next().unwrap_or("");
        let last = before
            .split_whitespace()
            .last()
            .unwrap_or("")
            .to_lowercase();
        let lower = before.to_lowercase();
        if NOT_A_DECISION.contains(&last.trim_matches(|c: char| !c.is_alphanumeric()))
            || !(lower.contains("beslut") || lower.contains("uppdrag"))
        {
            return None;
        }
        let month = month_number(&found[2])?;
        NaiveDate::from_ymd_opt(found[3].parse().ok()?, month, found[1].parse().ok()?)
    })
}

/// `str::floor_char_boundary`, which is not stable in Rust 1.80.
trait FloorCharBoundary {
    fn floor_char_boundary_compat(&self, at: usize) -> usize;
}

impl FloorCharBoundary for str {
    fn floor_char_boundary_compat(&self, mut at: usize) -> usize {
        while at > 0 && !self.is_char_boundary(at) {
            at -= 1;
        }
        at
    }
}

/// A case number cited in running text: its department in capitals (a
/// lower-case word before a year is none; [`CaseNumber::parse`] reads a
/// whole one as a client writes it).
static CASE_NUMBER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b([A-ZÅÄÖ][A-Za-zÅÄÖåäö]{0,3})\s?(\d{4})/(\d{1,6})(/[A-ZÅÄÖ0-9][A-ZÅÄÖ0-9-]*)?")
        .expect("a valid pattern")
});

/// Every case number cited in `text`, in order, each once.
pub fn case_numbers(text: &str) -> Vec<CaseNumber> {
    let mut found: Vec<CaseNumber> = Vec::new();
    for c in CASE_NUMBER.captures_iter(text) {
        let number = CaseNumber::new(&c[1], &c[2], &c[3], c.get(4).map(|u| u.as_str()));
        if !found.iter().any(|known| known.core() == number.core()) {
            found.push(number);
        }
    }
    found
}

static PAGE_CASE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^([a-z]{1,3})((?:19|20)\d{2})(\d{1,6})([a-z]{0,5})$").expect("a valid pattern")
});

/// The case number older pages are named after: `/regeringsuppdrag/2011/03/
/// s20111232fst/` is S2011/1232/FST.
pub fn page_case_number(page: &str) -> Option<CaseNumber> {
    let last = page.trim_end_matches('/').rsplit('/').next()?;
    let c = PAGE_CASE.captures(last)?;
    let unit = (!c[4].is_empty()).then(|| format!("/{}", c[4].to_uppercase()));
    Some(CaseNumber::new(&c[1], &c[2], &c[3], unit.as_deref()))
}

/// A title without the case numbers run into its end
/// (`…rasism mot samerDiarienummer: A2025/00141, A2025/00674`), and those
/// numbers.
pub fn split_title(title: &str) -> (String, Vec<CaseNumber>) {
    let title = plain(title);
    match title.find("Diarienummer:") {
        Some(at) => (title[..at].trim().to_owned(), case_numbers(&title[at..])),
        None => (title.trim().to_owned(), Vec::new()),
    }
}

/// An assignment's title from its page's: one the source cut short ends
/// with "…" (see [`cut_short`]). The page, as a source, keeps its title
/// as published.
pub fn marked_if_cut(title: String, text: &str) -> String {
    if cut_short(&title, text) {
        format!("{title}…")
    } else {
        title
    }
}

/// Where the source cut older titles, in characters.
const CUT_AT: usize = 128;

/// Words no title ends with: a title that ends with one goes on.
const GOES_ON: [&str; 20] = [
    "och", "att", "som", "för", "till", "i", "med", "av", "om", "på", "samt", "eller", "den",
    "det", "en", "ett", "inom", "från", "vid", "mot",
];

/// Whether the source cut a title short: 128 characters long, ending in a
/// word its text never writes whole (`… med psykisk funkt`, where the text
/// says "funktionsnedsättning") or in a word no title ends with (`… unga
/// lagöverträdare som`). A title that ends in a whole word at that length
/// may be cut too; nothing tells.
fn cut_short(title: &str, text: &str) -> bool {
    if title.chars().count() != CUT_AT {
        return false;
    }
    let Some(last) = title.split_whitespace().last() else {
        return false;
    };
    let last = last.to_lowercase();
    let whole = text
        .split(|c: char| !c.is_alphanumeric())
        .any(|word| word.to_lowercase() == last);
    !whole || GOES_ON.contains(&last.as_str())
}

/// Titles that change an earlier item rather than give a new one.
const AMENDING: [&str; 16] = [
    "ändring av",
    "ändring i",
    "ändrat uppdrag",
    "ändrad tid",
    "förlängd tid",
    "förlängning av",
    "förlängt uppdrag",
    "framställning om förlängd",
    "framställan om förlängd",
    "framställning om ändr",
    "tillägg till",
    "tilläggsuppdrag",
    "komplettering av",
    "upphörande av",
    "utökat uppdrag",
    "utvidgat uppdrag",
];

/// Whether an item amends an earlier one, by its title.
pub fn is_amendment(title: &str) -> bool {
    let title = title.to_lowercase();
    AMENDING.iter().any(|start| title.starts_with(start))
        || title.starts_with("precisering av uppdrag")
}

/// Whether an amendment ends the assignment ("Upphörande av uppdraget …").
pub fn ends_assignment(title: &str) -> bool {
    title.to_lowercase().starts_with("upphörande av")
}

/// What an amendment's title says of the original: the title without the
/// words that say it amends (`Ändring av uppdraget att …` → `att …`).
pub fn amended_subject(title: &str) -> String {
    static PREFIX: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"(?i)^(?:framställ(?:ning|an) om |ändring av |ändring i |ändrat |ändrad |förlängd |förlängning av |förlängt |tillägg till |komplettering av |upphörande av |utökat |utvidgat |precisering av |tid för |beslut om |regeringens |föreskrifter för |villkor för )+(?:(?:tilläggs)?uppdrag(?:et)?\s*)?",
        )
        .expect("a valid pattern")
    });
    PREFIX.replace(title, "").into_owned()
}

/// The words of a title that say what it is about, for comparing two
/// titles: lower case, short and common words left out.
pub fn subject_words(title: &str) -> std::collections::BTreeSet<String> {
    const COMMON: [&str; 14] = [
        "uppdrag",
        "uppdraget",
        "till",
        "att",
        "och",
        "för",
        "med",
        "inom",
        "samt",
        "av",
        "om",
        "den",
        "det",
        "en",
    ];
    title
        .to_lowercase()
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.chars().count() > 2 && !COMMON.contains(w))
        .map(str::to_owned)
        .collect()
}

#[cfg(test)]
mod tests;
