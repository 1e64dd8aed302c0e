//! What one item says, read from its words alone: who it is given to (the
//! phrases that name recipients), who leads, who must be consulted, when it
//! must report, which case numbers it has and whether it amends an earlier
//! item. Which agencies the phrases name is decided later
//! ([`super::resolve`]), against the agencies on the item's date.

use std::sync::LazyLock;

use chrono::NaiveDate;
use regex::Regex;

mod recipients;

use recipients::{consulted_phrases, recipient_phrases};

use super::due;
use super::files::Item;
use super::text::{self, CaseNumber};
use crate::domain::PartialDate;
use crate::import::myndighetsdata::clean;

/// An item as read.
#[derive(Debug, Clone, PartialEq)]
pub struct Extracted {
    /// The title without case numbers.
    pub title: String,
    /// Its own case numbers: from its title, its page's name and, for a new
    /// assignment, its text.
    pub case_numbers: Vec<CaseNumber>,
    /// For an amendment, the case numbers its text cites (the original's).
    pub cited_case_numbers: Vec<CaseNumber>,
    pub amendment: bool,
    /// An amendment that ends the assignment.
    pub ends: bool,
    /// For an amendment, the day of the decision it changes, if cited.
    pub cited_decision: Option<NaiveDate>,
    /// For an amendment, the pages its text links to
    /// (`[(Uppdrag …)](/regeringsuppdrag/2016/04/…/)`).
    pub linked_pages: Vec<String>,
    /// The phrases that name who gets the assignment, in order, the text's
    /// before the title's.
    pub recipient_phrases: Vec<String>,
    /// The sentence that names the lead among several ("sammankallande").
    pub lead_sentence: Option<String>,
    /// The phrases that name whom to consult.
    pub consulted_phrases: Vec<String>,
    /// The final report's due date.
    pub due: Option<PartialDate>,
    /// Interim reports' due dates, oldest first.
    pub interim: Vec<PartialDate>,
}

/// A text's sentences: a full stop followed by a capital ends one, except
/// after an abbreviation (`Kungl. Tekniska högskolan`, `t.ex. Skolverket`);
/// so do paragraphs, list items and semicolons. A single line break inside
/// a paragraph is a space (Markdown), also before a number that does not
/// start a numbered list ("senast den 31 augusti\n2025").
pub fn sentences(text: &str) -> Vec<String> {
    static SOFT_BREAK: LazyLock<Regex> =
        LazyLock::new(|| pattern(r"([^\n])\n(\d+[^\d.)\n]|[^\n*\-−•#\d\s])"));
    let text = SOFT_BREAK.replace_all(text, "$1 $2");
    const ABBREVIATIONS: [&str; 12] = [
        "kungl", "t.ex", "bl.a", "m.fl", "s.k", "resp", "dnr", "nr", "kap", "jfr", "ca", "f.d",
    ];
    let mut sentences = Vec::new();
    for line in text.split(['\n', ';']) {
        let mut start = 0;
        let chars: Vec<(usize, char)> = line.char_indices().collect();
        for (i, &(at, c)) in chars.iter().enumerate() {
            if c != '.' {
                continue;
            }
            let next_is_capital = matches!(
                (chars.get(i + 1), chars.get(i + 2)),
                (Some((_, ' ')), Some((_, n))) if n.is_uppercase()
            );
            if !next_is_capital {
                continue;
            }
            let written = line[start..at].rsplit(' ').next().unwrap_or("");
            let before = written.to_lowercase();
            // An initial (`A. Svensson`) does not end a sentence either.
            let initial = written.chars().count() == 1 && written.chars().all(char::is_uppercase);
            if ABBREVIATIONS.contains(&before.as_str()) || initial {
                continue;
            }
            sentences.push(line[start..=at].trim().to_owned());
            start = at + 1;
        }
        sentences.push(line[start..].trim().to_owned());
    }
    sentences.retain(|s| !s.is_empty());
    sentences
}

fn pattern(source: &str) -> Regex {
    Regex::new(source).expect("a valid pattern")
}

/// A link in a text to an assignment's page, as Markdown writes it.
static LINKED_PAGE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\]\((/regeringsuppdrag/[^)\s]+?)/?\)").expect("a valid pattern"));

/// Reads one item.
pub fn extract(item: &Item) -> Extracted {
    let body = text::plain(item.text.as_deref().unwrap_or(""));
    let (title, mut case_numbers) = text::split_title(&item.title);
    // Whether the source cut it short shows in its length as published;
    // the title kept has one space between words (ten have two somewhere).
    let title = clean::spaced(&text::marked_if_cut(title, &body));
    let sentences = sentences(&body);
    let amendment = text::is_amendment(&title);
    let published = item.published();
    if let Some(page) = text::page_case_number(&item.page) {
        if !case_numbers.iter().any(|n| n.core() == page.core()) {
            case_numbers.push(page);
        }
    }
    let cited = text::case_numbers(&body);
    let mut cited_case_numbers = Vec::new();
    for number in cited {
        if case_numbers.iter().any(|n| n.core() == number.core()) {
            continue;
        }
        if amendment {
            cited_case_numbers.push(number);
        } else {
            case_numbers.push(number);
        }
    }
    let (due, interim) = due::due_dates(&sentences, published);
    Extracted {
        recipient_phrases: recipient_phrases(&sentences, &title, amendment),
        lead_sentence: recipients::lead_sentence(&sentences),
        consulted_phrases: consulted_phrases(&sentences),
        cited_decision: amendment.then(|| text::cited_decision(&body)).flatten(),
        linked_pages: LINKED_PAGE
            .captures_iter(&body)
            .filter(|_| amendment)
            .map(|link| format!("{}/", &link[1]))
            .collect(),
        ends: text::ends_assignment(&title),
        title,
        case_numbers,
        cited_case_numbers,
        amendment,
        due,
        interim,
    }
}

#[cfg(test)]
mod tests;
