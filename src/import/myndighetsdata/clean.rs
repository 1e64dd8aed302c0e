//! Cleaning the registers' values: names and addresses out of capitals,
//! dates of three shapes, contacts as users can use them.

use crate::domain::contact_value::{is_email, is_web_address};
use crate::domain::{ContactKind, PartialDate, PhoneNumber};

use super::files::{Address, Loose};

/// Whether `text` is written in capitals (has letters, none lower-case).
fn in_capitals(text: &str) -> bool {
    text.chars().any(char::is_alphabetic) && !text.chars().any(char::is_lowercase)
}

/// A name as Swedish writes agency names: one space between words, a word
/// that SFS broke at a line's end whole again (`Skatteför- valtningen` →
/// `Skatteförvaltningen`), and a name in capitals with only its first
/// letter capital (`REDERINÄMNDEN` → `Rederinämnden`). What a register
/// wrote beside the name is no part of it (see [`aside`]), and SFS's
/// title of an instruction names the agency it instructs
/// (`Instruktion för Statens va-nämnd` is Statens va-nämnd). A name
/// starts with a capital (Wikidata's `överståthållarämbetet` is
/// Överståthållarämbetet), and a full stop after its last word ends a
/// sentence, not the name (ESV's `… i Sverige.`); one that ends an
/// abbreviation stays (`m.m.`).
pub fn name(text: &str) -> String {
    let (text, _) = split_aside(text);
    let text = text.strip_prefix("Instruktion för ").unwrap_or(&text);
    let text = unbroken(without_final_full_stop(text));
    let text = if in_capitals(&text) {
        sentence_case(&text)
    } else {
        capitalised(&text)
    };
    text.split(' ')
        .map(
            |word| match MISSPELT.iter().find(|(wrong, _)| *wrong == word) {
                Some((_, right)) => right,
                None => word,
            },
        )
        .collect::<Vec<_>>()
        .join(" ")
}

/// Words SCB's register of missions abroad misspells, and how they are
/// spelt: "Svergies ambassad Santigao" is Sveriges ambassad Santiago.
const MISSPELT: [(&str, &str); 2] = [("Svergies", "Sveriges"), ("Santigao", "Santiago")];

/// What a register wrote in parentheses after a name: another name for
/// the agency (`Nordiska afrikainstitutet (Scandinavian Institute of
/// African Studies)`, `Styrelsen för u-landsutbildning i Sandö (Sandö
/// U-centrum)`), its abbreviation (`(ISA)`), the country that tells a
/// Wikidata item apart (`Åklagarmyndigheten (Sverige)`), or that the name
/// is an old one (`(gammalt namn)`, ESV's `(gamla)`).
pub fn aside(text: &str) -> Option<String> {
    split_aside(text).1
}

/// A name one space between words, without Excel's escaped line end
/// (`_x000D_`), and what stands in parentheses at its end apart. A full
/// stop before the parentheses ends no name (`… i Sverige. (Invest in
/// Sveden Agency)`).
fn split_aside(text: &str) -> (String, Option<String>) {
    let text = spaced(&text.replace("_x000D_", " "));
    let Some(inner) = text.strip_suffix(')') else {
        return (text, None);
    };
    let Some((name, aside)) = inner.rsplit_once(" (") else {
        return (text, None);
    };
    let name = name.strip_suffix('.').unwrap_or(name).trim();
    if name.is_empty() || aside.trim().is_empty() {
        return (text, None);
    }
    (name.to_owned(), Some(aside.trim().to_owned()))
}

/// An English name as a register gives it, one space between words,
/// without what it writes beside it or a full stop after its last word, as
/// [`name`] reads it (ESV's `The Equality Ombudsman
/// (Diskrimineringsombudsmannen, DO)`, `National Agency for Education.`),
/// and without the article of a sentence (ESV's `the Swedish eHealth
/// Agency`); none where it has no letter (ESV writes `?` for eleven
/// agencies whose English name it did not know, Trafikanalys among them).
pub fn english_name(text: &str) -> Option<String> {
    let (text, _) = split_aside(text);
    let text = without_final_full_stop(&text);
    let text = text.strip_prefix("the ").unwrap_or(text);
    text.chars()
        .any(char::is_alphabetic)
        .then(|| text.to_owned())
}

/// Words one space apart (`Government  Offices`, as ESV writes it, is
/// `Government Offices`).
pub fn spaced(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Words broken at a line's end joined again: a hyphen at a word's end
/// followed by a word in lower case. A hyphen before a conjunction is
/// Swedish's shared ending (`Dans- och cirkushögskolan`) and stays.
fn unbroken(text: &str) -> String {
    const CONJUNCTIONS: [&str; 4] = ["och", "eller", "samt", "respektive"];
    let mut joined = String::with_capacity(text.len());
    let mut words = text.split(' ').peekable();
    while let Some(word) = words.next() {
        joined.push_str(word);
        let Some(next) = words.peek() else { break };
        let broken = word.len() > 1
            && word.ends_with('-')
            && word[..word.len() - 1].ends_with(char::is_alphabetic)
            && next.starts_with(char::is_lowercase)
            && !CONJUNCTIONS.contains(next);
        if broken {
            joined.pop();
        } else {
            joined.push(' ');
        }
    }
    joined
}

/// `text` without a full stop at its end, unless its last word has
/// another (an abbreviation: `m.m.`).
fn without_final_full_stop(text: &str) -> &str {
    match text.strip_suffix('.') {
        Some(rest) if !rest.rsplit(' ').next().unwrap_or("").contains('.') => rest.trim_end(),
        _ => text,
    }
}

/// `text` with its first letter capital.
fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

fn sentence_case(text: &str) -> String {
    capitalised(&text.to_lowercase())
}

/// A place name out of capitals: every word capital (`UPPLANDS VÄSBY` →
/// `Upplands Väsby`).
fn place(text: &str) -> String {
    if !in_capitals(text) {
        return text.trim().to_owned();
    }
    text.split_whitespace()
        .map(sentence_case)
        .collect::<Vec<_>>()
        .join(" ")
}

/// A date as the files write it: an ISO timestamp (`2010-04-01T00:00:00`,
/// from SFS and Wikidata) or a year (`2010` or "2010"). Wikidata writes a
/// date known only to the year as its 1 January; `year_only_on_new_year`
/// reads those as years, never as the day.
pub fn date(value: &Loose, year_only_on_new_year: bool) -> Option<PartialDate> {
    let text = value.text()?;
    let day = text.get(..10).unwrap_or(&text);
    let parsed = PartialDate::parse(day).ok()?;
    if year_only_on_new_year && day.ends_with("-01-01") {
        return PartialDate::parse(&day[..4]).ok();
    }
    Some(parsed)
}

/// A contact point as the registers give it, cleaned.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Contact {
    pub kind: ContactKind,
    pub value: String,
}

/// An e-mail address in lower case, if it looks like one.
pub fn email(text: &str) -> Option<Contact> {
    let email = text.trim().to_lowercase();
    is_email(&email).then_some(Contact {
        kind: ContactKind::Email,
        value: email,
    })
}

/// A website as an `https://` URL.
pub fn website(text: &str) -> Option<Contact> {
    let trimmed = text.trim();
    let bare = trimmed
        .strip_prefix("https://")
        .or_else(|| trimmed.strip_prefix("http://"))
        .unwrap_or(trimmed);
    let (host, path) = bare.split_once('/').unwrap_or((bare, ""));
    let host = host.to_lowercase();
    let url = if path.is_empty() {
        format!("https://{host}")
    } else {
        format!("https://{host}/{path}")
    };
    is_web_address(&url).then_some(Contact {
        kind: ContactKind::Website,
        value: url,
    })
}

/// A telephone number in E.164 (a short number as dialled). Of several
/// (`+66 2 263 72 00 / +66 2 263 72 11`), the first is the agency's.
pub fn phone(value: &Loose) -> Result<Option<Contact>, String> {
    let Some(text) = value.text() else {
        return Ok(None);
    };
    let first = text.split('/').next().unwrap_or(&text);
    PhoneNumber::parse(first)
        .map(|number| {
            Some(Contact {
                kind: ContactKind::Phone,
                value: number.e164().to_owned(),
            })
        })
        .map_err(|error| error.to_string())
}

/// An address on one line, `Box 174, 101 23 Stockholm`, out of capitals;
/// none when the street is not given. The postcode `000 00` means unknown
/// and is left out.
pub fn address(kind: ContactKind, address: &Address) -> Option<Contact> {
    // SCB writes a second line after two spaces (`SVEAVÄGEN 151  6 TR.`):
    // each line out of capitals, on one line as Swedish writes an address.
    let street = address
        .address
        .as_deref()
        .unwrap_or("")
        .split("  ")
        .map(|line| line.trim().trim_end_matches(','))
        .filter(|line| !line.is_empty())
        .map(|line| {
            if in_capitals(line) {
                sentence_case(line)
            } else {
                line.to_owned()
            }
        })
        .collect::<Vec<_>>()
        .join(", ");
    if street.is_empty() {
        return None;
    }
    let postcode = address
        .postcode
        .as_deref()
        .map(str::trim)
        .filter(|code| !code.is_empty() && *code != "000 00");
    let city = address
        .city
        .as_deref()
        .map(str::trim)
        .filter(|city| !city.is_empty())
        .map(place);
    let town = [postcode.map(str::to_owned), city]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(" ");
    let value = if town.is_empty() {
        street
    } else {
        format!("{street}, {town}")
    };
    Some(Contact { kind, value })
}

/// A slug from a name: `Länsstyrelsen i Skåne län` →
/// `lansstyrelsen-i-skane-lan`.
pub fn slug(name: &str) -> String {
    let mut slug = String::new();
    for c in name.to_lowercase().chars() {
        let c = match c {
            'å' | 'ä' | 'à' | 'á' | 'â' => 'a',
            'ö' | 'ø' | 'ó' | 'ô' => 'o',
            'é' | 'è' | 'ê' | 'ë' => 'e',
            'ü' | 'ú' => 'u',
            'í' | 'ï' => 'i',
            c => c,
        };
        if c.is_ascii_alphanumeric() {
            slug.push(c);
        } else if !slug.is_empty() && !slug.ends_with('-') {
            slug.push('-');
        }
    }
    let mut slug = slug.trim_end_matches('-').to_owned();
    if slug.len() > 90 {
        slug.truncate(90);
        slug = slug.trim_end_matches('-').to_owned();
    }
    slug
}

/// An SFS number (`2010:185`), if `text` is one.
pub fn sfs_number(text: &str) -> Option<String> {
    let text = text.trim();
    let (year, number) = text.split_once(':')?;
    let valid = year.len() == 4
        && year.chars().all(|c| c.is_ascii_digit())
        && !number.is_empty()
        && number.chars().all(|c| c.is_ascii_digit());
    valid.then(|| text.to_owned())
}

#[cfg(test)]
mod tests;
