//! Which agencies an item's phrases name, on the item's date: each name is
//! looked up among every agency's names over time and other names
//! ([`crate::import::names`]), and kept only if exactly one agency that
//! existed then goes by it. Nothing is guessed: a phrase that names a
//! person, a body that is not a state agency, an annex or nothing known
//! says so ([`Unresolved`]).

use std::collections::HashMap;
use std::sync::LazyLock;

use chrono::NaiveDate;
use regex::Regex;
use uuid::Uuid;

use super::extract::Extracted;
use crate::domain::{AgencyKind, PartialDate, Unresolved};
use crate::import::names::Matcher;

/// An agency as resolution needs it.
#[derive(Debug, Clone)]
pub struct Agency {
    pub id: Uuid,
    pub started_on: Option<NaiveDate>,
    pub ended_on: Option<NaiveDate>,
    pub kind: AgencyKind,
}

/// One of an agency's names: dated (a name it had over a period) or not
/// (an abbreviation, another spelling, an English name).
#[derive(Debug, Clone, PartialEq)]
pub struct Named {
    pub agency: Uuid,
    pub during: Option<(Option<NaiveDate>, Option<NaiveDate>)>,
}

/// Every agency and every name it goes by.
#[derive(Debug, Default)]
pub struct Directory {
    agencies: HashMap<Uuid, Agency>,
    names: Matcher<Named>,
}

fn overlaps(from: Option<NaiveDate>, to: Option<NaiveDate>, span: (NaiveDate, NaiveDate)) -> bool {
    from.map_or(true, |from| from < span.1) && to.map_or(true, |to| to > span.0)
}

/// Who an item names, resolved.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Recipients {
    /// The lead, first named or called "sammankallande".
    pub lead: Option<Uuid>,
    /// The others it is given to.
    pub co_recipients: Vec<Uuid>,
    /// Those it is to consult (not recipients).
    pub consulted: Vec<Uuid>,
    /// Why there is no lead, if there is none.
    pub unresolved: Option<Unresolved>,
}

/// What a phrase named.
#[derive(Debug, Default)]
struct Found {
    agencies: Vec<Uuid>,
    not_active: bool,
    ambiguous: bool,
}

impl Found {
    fn add(&mut self, agency: Uuid) {
        if !self.agencies.contains(&agency) {
            self.agencies.push(agency);
        }
    }
}

/// County boards: all of them ("länsstyrelserna", "samtliga
/// länsstyrelser"), those of the `counties` listed ("länsstyrelserna i
/// Kalmar respektive Kronobergs län"), or `some` not named here ("vissa
/// länsstyrelser", "berörda länsstyrelser").
static ALL_COUNTY_BOARDS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)\b(?:(?P<some>vissa|några|berörda|utvalda|flera|två|tre|fyra|fem|sex|sju|åtta|nio|tio)\s+)?(?:samtliga\s+|alla\s+|övriga\s+)?länsstyrelser(?:na)?\b(?:\s+i\s+(?P<counties>.+?)\s+län\b)?",
    )
    .expect("a valid pattern")
});

/// Where a list of counties starts after "länsstyrelserna".
static UNENDED_LIST: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\s+i\s+").expect("a valid pattern"));

static COUNTY_LIST: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\s*,\s*|\s+och\s+|\s+respektive\s+").expect("a valid pattern"));

impl Directory {
    pub fn new(agencies: Vec<Agency>) -> Self {
        Directory {
            agencies: agencies.into_iter().map(|a| (a.id, a)).collect(),
            names: Matcher::default(),
        }
    }

    /// Adds one of `agency`'s names (dated by `during`, or not).
    pub fn add_name(
        &mut self,
        name: &str,
        agency: Uuid,
        during: Option<(Option<NaiveDate>, Option<NaiveDate>)>,
    ) {
        self.names.add(name, Named { agency, during });
    }

    /// Another spelling of an official name: it names whatever that name
    /// names, at any time.
    /// A short word in lower case (`av`, `svk`) is an abbreviation whose
    /// case was lost: it would match ordinary words, so it is left out (the
    /// agency's abbreviations are among its other names, as written).
    pub fn add_spelling(&mut self, spelling: &str, official: &str) {
        if !spelling.contains(' ') && spelling.chars().count() <= 5 {
            return;
        }
        let agencies: Vec<Uuid> = self.names.get(official).iter().map(|n| n.agency).collect();
        for agency in agencies {
            self.names.add(
                spelling,
                Named {
                    agency,
                    during: None,
                },
            );
        }
    }

    /// An agency's start and end, as far as they are known.
    pub fn lifetime(&self, agency: Uuid) -> (Option<NaiveDate>, Option<NaiveDate>) {
        self.agencies
            .get(&agency)
            .map_or((None, None), |a| (a.started_on, a.ended_on))
    }

    fn is_ministry(&self, agency: Uuid) -> bool {
        self.agencies
            .get(&agency)
            .is_some_and(|a| a.kind == AgencyKind::Ministry)
    }

    fn alive(&self, agency: Uuid, span: (NaiveDate, NaiveDate)) -> bool {
        self.agencies
            .get(&agency)
            .is_some_and(|a| overlaps(a.started_on, a.ended_on, span))
    }

    /// The one agency that went by one of `names` during `span`, if there
    /// is exactly one.
    fn pick(&self, names: &[Named], span: (NaiveDate, NaiveDate), found: &mut Found) {
        // An agency that took the name only later did not have it then,
        // whatever a list of spellings says: Ekonomistyrningsverket is
        // Statskontoret from 2026, not in 2025. (A former name is another
        // matter: texts go on using it, and the registers date renames
        // loosely.)
        let named_only_later = |agency: Uuid| {
            let mut dated = names
                .iter()
                .filter(|n| n.agency == agency)
                .filter_map(|n| n.during)
                .peekable();
            dated.peek().is_some() && dated.all(|(from, _)| from.is_some_and(|from| from >= span.1))
        };
        let alive: Vec<&Named> = names
            .iter()
            .filter(|n| self.alive(n.agency, span) && !named_only_later(n.agency))
            .collect();
        if alive.is_empty() {
            found.not_active |= !names.is_empty();
            return;
        }
        let named_then: Vec<&Named> = alive
            .iter()
            .copied()
            .filter(|n| n.during.is_some_and(|(from, to)| overlaps(from, to, span)))
            .collect();
        let chosen = if named_then.is_empty() {
            alive
        } else {
            named_then
        };
        let mut agencies: Vec<Uuid> = chosen.iter().map(|n| n.agency).collect();
        agencies.sort();
        agencies.dedup();
        match agencies.as_slice() {
            [one] => found.add(*one),
            _ => found.ambiguous = true,
        }
    }

    /// The county boards of a list of counties that does not end in "län"
    /// (" i Stockholm, Östergötland och Norrbotten"), read while each item
    /// (or its first word or two) names a county: how much of `rest` the
    /// list takes, 0 where it names none.
    fn unended_county_list(
        &self,
        rest: &str,
        span: (NaiveDate, NaiveDate),
        named: &mut Found,
    ) -> usize {
        let Some(list) = UNENDED_LIST.find(rest) else {
            return 0;
        };
        let mut taken = 0;
        for item in COUNTY_LIST.split(&rest[list.end()..]) {
            let words: Vec<&str> = item.split_whitespace().collect();
            let county = (1..=words.len().min(2)).rev().find_map(|n| {
                // The first n words as written, so that what the list takes
                // is measured in `rest` itself.
                let last = words[n - 1];
                let length = last.as_ptr() as usize + last.len() - item.as_ptr() as usize;
                let county = &item[..length];
                [
                    format!("Länsstyrelsen i {county}s län"),
                    format!("Länsstyrelsen i {county} län"),
                ]
                .into_iter()
                .map(|name| self.names.get(&name))
                .find(|targets| !targets.is_empty())
                .map(|targets| (targets, length))
            });
            let Some((targets, length)) = county else {
                break;
            };
            self.pick(targets, span, named);
            let start = item.as_ptr() as usize - rest.as_ptr() as usize;
            taken = start + length;
            if length < item.trim_end().len() {
                break;
            }
        }
        taken
    }

    /// The agencies `phrase` names during `span`, in the order named.
    fn agencies_in(&self, phrase: &str, span: (NaiveDate, NaiveDate)) -> Found {
        let mut found = Found::default();
        let mut boards: Vec<(usize, Vec<Uuid>)> = Vec::new();
        let mut covered: Vec<(usize, usize)> = Vec::new();
        for group in ALL_COUNTY_BOARDS.captures_iter(phrase) {
            let whole = group.get(0).expect("a match");
            let mut end = whole.end();
            let mut named = Found::default();
            let counties = group.name("counties");
            let some = group.name("some");
            let unended = match (counties, some) {
                (None, None) => self.unended_county_list(&phrase[end..], span, &mut named),
                _ => 0,
            };
            match (counties, some) {
                (Some(counties), _) => {
                    for county in COUNTY_LIST.split(counties.as_str()) {
                        let name = format!("Länsstyrelsen i {} län", county.trim());
                        self.pick(self.names.get(&name), span, &mut named);
                    }
                }
                (None, Some(_)) => {}
                (None, None) if unended > 0 => end += unended,
                (None, None) => {
                    let mut all: Vec<&Agency> = self
                        .agencies
                        .values()
                        .filter(|a| a.kind == AgencyKind::CountyAdministrativeBoard)
                        .filter(|a| overlaps(a.started_on, a.ended_on, span))
                        .collect();
                    all.sort_by_key(|a| a.id);
                    for agency in all {
                        named.add(agency.id);
                    }
                }
            }
            covered.push((whole.start(), end));
            boards.push((whole.start(), named.agencies));
        }
        let mut mentions: Vec<(usize, Vec<Uuid>)> = boards;
        for mention in self.names.find(phrase) {
            if covered
                .iter()
                .any(|(s, e)| mention.start < *e && mention.end > *s)
            {
                continue;
            }
            let mut one = Found::default();
            self.pick(&mention.targets, span, &mut one);
            if one.agencies.is_empty() && one.not_active {
                // No agency had the whole name then: the names inside it
                // may be agencies of their own ("Riksantikvarieämbetet och
                // Statens historiska museer", one agency until 1998).
                let mut parts: Vec<(usize, Vec<Uuid>)> = Vec::new();
                for part in self.names.find_inside(phrase, &mention) {
                    let mut named = Found::default();
                    self.pick(&part.targets, span, &mut named);
                    if !named.agencies.is_empty() {
                        parts.push((part.start, named.agencies));
                    }
                }
                if !parts.is_empty() {
                    mentions.extend(parts);
                    continue;
                }
            }
            found.not_active |= one.not_active;
            found.ambiguous |= one.ambiguous;
            mentions.push((mention.start, one.agencies));
        }
        mentions.sort_by_key(|(at, _)| *at);
        for agency in mentions.into_iter().flat_map(|(_, agencies)| agencies) {
            found.add(agency);
        }
        found
    }

    /// Who `item`, published in `published`, names: the lead, the others
    /// given it, and whom to consult; or why nobody.
    pub fn resolve(&self, item: &Extracted, published: PartialDate) -> Recipients {
        let span = (published.first_day(), published.day_after());
        let mut given = Found::default();
        for phrase in &item.recipient_phrases {
            let found = self.agencies_in(phrase, span);
            given.not_active |= found.not_active;
            given.ambiguous |= found.ambiguous;
            // The government gives assignments through its offices and
            // takes their reports there: a ministry in a recipient phrase
            // ("till regeringen (Finansdepartementet)",
            // "Utbildningsdepartementets del av kostnaderna") is not given
            // one.
            for agency in found.agencies.into_iter().filter(|a| !self.is_ministry(*a)) {
                given.add(agency);
            }
        }
        let mut recipients = Recipients::default();
        let named_lead = item.lead_sentence.as_deref().and_then(|sentence| {
            // The lead is named: "samtliga länsstyrelser" in the sentence
            // names none of them ("Som ansvarig länsstyrelse … avseende
            // samtliga länsstyrelser ska Länsstyrelsen i Örebro län …").
            let named = ALL_COUNTY_BOARDS.replace_all(sentence, |c: &regex::Captures<'_>| {
                if c.name("counties").is_some() {
                    c[0].to_owned()
                } else {
                    String::new()
                }
            });
            self.agencies_in(&named, span)
                .agencies
                .into_iter()
                .find(|a| given.agencies.contains(a))
        });
        // Several agencies named together with none leading (all county
        // boards): nobody is the lead. An agency named before them
        // ("Läkemedelsverket, Folkhälsomyndigheten och länsstyrelserna")
        // leads, as the first named does.
        let jointly = item.recipient_phrases.first().is_some_and(|p| {
            ALL_COUNTY_BOARDS.captures(p).is_some_and(|c| {
                let after = &p[c.get(0).map_or(0, |whole| whole.end())..];
                c.name("counties").is_none()
                    && c.name("some").is_none()
                    && self.unended_county_list(after, span, &mut Found::default()) == 0
            })
        }) && given.agencies.len() > 1
            && given
                .agencies
                .first()
                .and_then(|first| self.agencies.get(first))
                .is_some_and(|first| first.kind == AgencyKind::CountyAdministrativeBoard);
        recipients.lead = named_lead.or_else(|| {
            (!jointly)
                .then(|| given.agencies.first().copied())
                .flatten()
        });
        recipients.co_recipients = given
            .agencies
            .iter()
            .copied()
            .filter(|a| Some(*a) != recipients.lead)
            .collect();
        for phrase in &item.consulted_phrases {
            for agency in self.agencies_in(phrase, span).agencies {
                if !given.agencies.contains(&agency) && !recipients.consulted.contains(&agency) {
                    recipients.consulted.push(agency);
                }
            }
        }
        if given.agencies.is_empty() {
            recipients.unresolved = Some(unresolved::reason(item, &given));
        }
        recipients
    }
}

mod unresolved;

#[cfg(test)]
mod tests;
