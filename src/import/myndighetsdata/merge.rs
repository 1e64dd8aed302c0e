//! One agency, one record: the five registers merged.
//!
//! Identity: every entry is read under its official name (`matchlist.csv`
//! maps each spelling to one). Entries that give the same organisation
//! number are one agency, even under different names (a renamed agency
//! keeps its number); an entry without a number joins the agency that has
//! its official name. A number that more than [`SHARED_AFTER`] names give
//! is shared (Sweden's courts all give the National Courts
//! Administration's) and joins nothing.
//!
//! Precedence where the registers disagree: for dates SFS (to the day),
//! then Wikidata, then SCB, Statskontoret and ESV (to the year); for the
//! organisation number SCB, Statskontoret, ESV, Wikidata; for the ministry
//! Statskontoret, ESV, Wikidata. The value that loses is reported as a
//! conflict in the summary, never silently dropped.

use std::collections::{BTreeMap, BTreeSet};

use chrono::NaiveDate;

use crate::domain::{AgencyKind, ContactKind, OrganisationNumber, PartialDate};

use super::clean::{self, Contact};
use super::files::{Files, Loose};
use crate::import::names;

/// More names than this on one organisation number: it is shared.
const SHARED_AFTER: usize = 3;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Register {
    Sfs,
    Scb,
    Stkt,
    Esv,
    Wd,
}

impl Register {
    pub fn file(self) -> &'static str {
        match self {
            Register::Sfs => "sfs.json",
            Register::Scb => "scb.json",
            Register::Stkt => "stkt.json",
            Register::Esv => "esv.json",
            Register::Wd => "wd.json",
        }
    }
}

/// One entry of one register, read under its official name.
#[derive(Debug, Clone)]
pub struct Entry {
    pub register: Register,
    pub name: String,
    pub official: String,
    pub organisation_number: Option<OrganisationNumber>,
    pub start: Option<PartialDate>,
    pub end: Option<PartialDate>,
    /// Whether its dates are of the name it is listed under, not of the
    /// official name it is read under (see [`Entry::own_name`]).
    pub dates_own_name: bool,
}

impl Entry {
    /// The name this entry dates. SFS keys each instruction by the name the
    /// agency had then, so an SFS entry keeps its own name where
    /// `matchlist.csv` maps it to a later one (Myndigheten för
    /// internationella adoptionsfrågor, 2005–2008, is a spelling of
    /// Myndigheten för familjerätt och föräldraskapsstöd there). So does a
    /// Wikidata item under a name that SFS dates an instruction of
    /// (Utlänningsnämnden, which `matchlist.csv` files under its winding-up
    /// organisation); under any other name (`Verva`, `Kungl. biblioteket`)
    /// it dates the official one. A difference of case alone is a
    /// spelling.
    pub fn own_name(&self) -> String {
        let own = clean::name(&self.name);
        if self.dates_own_name && own.to_lowercase() != self.official.to_lowercase() {
            own
        } else {
            self.official.clone()
        }
    }
}

/// A name the merged agency had, with its period where known.
#[derive(Debug, Clone, PartialEq)]
pub struct DatedName {
    pub sv: String,
    pub en: Option<String>,
    pub valid_from: Option<PartialDate>,
    pub valid_to: Option<PartialDate>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum AliasKind {
    Abbreviation,
    FormerName,
    OtherName,
}

impl AliasKind {
    pub fn as_str(self) -> &'static str {
        match self {
            AliasKind::Abbreviation => "abbreviation",
            AliasKind::FormerName => "former_name",
            AliasKind::OtherName => "other_name",
        }
    }
}

/// An agency as the snapshot describes it, merged.
#[derive(Debug, Clone, Default)]
pub struct Agency {
    /// The official name it is known by now; unique within a snapshot
    /// together with `organisation_number`.
    pub names: Vec<DatedName>,
    pub kind: Option<AgencyKind>,
    pub county_code: Option<String>,
    pub started_on: Option<PartialDate>,
    pub ended_on: Option<PartialDate>,
    /// Its own number (none where the number is shared).
    pub organisation_number: Option<OrganisationNumber>,
    /// (scheme, value): organisation_number, wikidata, esv.
    pub identifiers: BTreeSet<(&'static str, String)>,
    pub aliases: BTreeMap<String, AliasKind>,
    pub group: Option<String>,
    pub management_form: Option<String>,
    pub instruction: Option<String>,
    /// The official name of the agency that hosts it.
    pub host: Option<String>,
    /// The official name of its ministry.
    pub ministry: Option<String>,
    pub contacts: Vec<Contact>,
    /// The entries it was merged from.
    pub entries: Vec<Entry>,
}

impl Agency {
    /// Its current (last) name.
    pub fn name(&self) -> &str {
        &self.names.last().expect("an agency has a name").sv
    }

    /// The key that names it in a summary and links.
    pub fn key(&self) -> String {
        match &self.organisation_number {
            Some(number) => format!("{} ({number})", self.name()),
            None => self.name().to_owned(),
        }
    }
}

/// A link of lineage between two merged agencies (by index).
#[derive(Debug, Clone, PartialEq)]
pub struct Link {
    pub predecessor: usize,
    pub successor: usize,
    pub kind: &'static str,
    pub effective_on: Option<PartialDate>,
}

/// The snapshot merged, with what was skipped and what disagreed.
#[derive(Debug, Default)]
pub struct Snapshot {
    pub agencies: Vec<Agency>,
    pub links: Vec<Link>,
    pub skipped: Vec<String>,
    pub conflicts: Vec<String>,
}

/// An entry as read: register, name, and organisation number, start and
/// end.
type RawEntry<'a> = (Register, &'a String, [Option<Loose>; 3]);

/// A register's entries as read, `fields` giving each one's organisation
/// number, start and end.
fn listed<'a, E>(
    register: Register,
    entries: &'a BTreeMap<String, E>,
    fields: impl Fn(&E) -> [Option<Loose>; 3] + 'a,
) -> impl Iterator<Item = RawEntry<'a>> + 'a {
    entries
        .iter()
        .map(move |(name, entry)| (register, name, fields(entry)))
}

/// Reads every register's entries under official names.
fn entries(
    files: &Files,
    official: &impl Fn(&str) -> String,
    skipped: &mut Vec<String>,
) -> Vec<Entry> {
    let text = |value: &Option<String>| value.clone().map(Loose::Text);
    // The names SFS dates instructions under.
    let instructed: BTreeSet<String> = files
        .sfs
        .keys()
        .map(|name| clean::name(name).to_lowercase())
        .collect();
    let raw = listed(Register::Sfs, &files.sfs, |e| {
        [None, text(&e.start), text(&e.end)]
    })
    .chain(listed(Register::Scb, &files.scb, |e| {
        [e.org_nr.clone(), e.start.clone(), e.end.clone()]
    }))
    .chain(listed(Register::Stkt, &files.stkt, |e| {
        [e.org_nr.clone(), e.start.clone(), e.end.clone()]
    }))
    .chain(listed(Register::Esv, &files.esv, |e| {
        [e.org_nr.clone(), e.start.clone(), e.end.clone()]
    }))
    .chain(listed(Register::Wd, &files.wd, |e| {
        [e.org_nr.clone(), text(&e.start), text(&e.end)]
    }));
    raw.map(|(register, name, [number, start, end])| {
        let organisation_number = number.as_ref().and_then(Loose::text).and_then(|text| {
            OrganisationNumber::parse_any(&text)
                .map_err(|error| {
                    skipped.push(format!(
                        "{}, '{name}': organisation number: {error}",
                        register.file()
                    ))
                })
                .ok()
        });
        // Wikidata writes a date known to the year as its 1 January.
        let date = |d: &Option<Loose>| {
            d.as_ref()
                .and_then(|d| clean::date(d, register == Register::Wd))
        };
        let dates_own_name = match register {
            Register::Sfs => true,
            Register::Wd => instructed.contains(&clean::name(name).to_lowercase()),
            _ => false,
        };
        Entry {
            register,
            name: name.clone(),
            official: official(name),
            organisation_number,
            start: date(&start),
            end: date(&end),
            dates_own_name,
        }
    })
    .collect()
}

/// Groups entries into agencies: by organisation number, then by name.
/// Each group comes with its own organisation number, where it has one.
fn group(
    entries: Vec<Entry>,
    skipped: &mut Vec<String>,
) -> Vec<(Option<OrganisationNumber>, Vec<Entry>)> {
    let mut names_per_number: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for entry in &entries {
        if let Some(number) = &entry.organisation_number {
            names_per_number
                .entry(number.to_string())
                .or_default()
                .insert(entry.official.clone());
        }
    }
    let shared: BTreeSet<String> = names_per_number
        .iter()
        .filter(|(_, names)| names.len() > SHARED_AFTER)
        .map(|(number, names)| {
            skipped.push(format!(
                "organisation number {number} is given for {} agencies: kept as a shared identifier, not used to merge",
                names.len()
            ));
            number.clone()
        })
        .collect();
    let group_key = |entry: &Entry| match &entry.organisation_number {
        Some(number) if !shared.contains(number.as_str()) => Some(format!("org {number}")),
        _ => None,
    };
    // The groups each official name appears in by number, in register order.
    let mut numbered: BTreeMap<String, Vec<(Register, String)>> = BTreeMap::new();
    for entry in &entries {
        if let Some(key) = group_key(entry) {
            numbered
                .entry(entry.official.clone())
                .or_default()
                .push((entry.register, key));
        }
    }
    let mut groups: BTreeMap<String, (Option<OrganisationNumber>, Vec<Entry>)> = BTreeMap::new();
    for entry in entries {
        let key = match group_key(&entry) {
            Some(key) => key,
            None => match numbered.get(&entry.official) {
                Some(candidates) => {
                    let best = candidates.iter().min().expect("not empty");
                    let distinct: BTreeSet<&String> =
                        candidates.iter().map(|(_, key)| key).collect();
                    if distinct.len() > 1 {
                        skipped.push(format!(
                            "{}, '{}': several agencies are called '{}'; joined the one {} gives a number for",
                            entry.register.file(), entry.name, entry.official, best.0.file()
                        ));
                    }
                    best.1.clone()
                }
                None => format!("name {}", entry.official),
            },
        };
        let own = match group_key(&entry) {
            Some(_) => entry.organisation_number.clone(),
            None => None,
        };
        let group = groups.entry(key).or_insert((None, Vec::new()));
        group.0 = group.0.take().or(own);
        group.1.push(entry);
    }
    join_lone_numbers(&mut groups, skipped);
    groups.into_values().collect()
}

/// A number that one register alone gives, for a name that an agency
/// numbered by other registers has over the same years, is not a second
/// agency: Statskontoret's register gives Statens järnvägar the number of
/// SJ AB. Its entries join that agency, without the number.
fn join_lone_numbers(
    groups: &mut BTreeMap<String, (Option<OrganisationNumber>, Vec<Entry>)>,
    skipped: &mut Vec<String>,
) {
    // The years a group's entries span; an unknown bound is open.
    let span = |entries: &[Entry]| {
        let start = entries
            .iter()
            .filter_map(|e| e.start)
            .map(|d| d.first_day())
            .min();
        let end = entries
            .iter()
            .filter_map(|e| e.end)
            .map(|d| d.day_after())
            .max();
        (start, end)
    };
    let registers = |entries: &[Entry]| entries.iter().map(|e| e.register).collect::<BTreeSet<_>>();
    let lone: Vec<String> = groups
        .iter()
        .filter(|(key, (_, entries))| key.starts_with("org ") && registers(entries).len() == 1)
        .map(|(key, _)| key.clone())
        .collect();
    for key in lone {
        let (number, entries) = &groups[&key];
        let (start, end) = span(entries);
        let joins = groups.iter().find(|(other, (_, theirs))| {
            let (their_start, their_end) = span(theirs);
            **other != key
                && other.starts_with("org ")
                && registers(theirs).len() > 1
                && theirs
                    .iter()
                    .any(|t| entries.iter().any(|e| e.official == t.official))
                && start.zip(their_end).map_or(true, |(s, e)| s < e)
                && their_start.zip(end).map_or(true, |(s, e)| s < e)
        });
        let Some((other, (their_number, _))) = joins else {
            continue;
        };
        let other = other.clone();
        for entry in entries {
            skipped.push(format!(
                "{}, '{}': organisation number {} is not the one the other registers give ({}): joined that agency without it",
                entry.register.file(),
                entry.name,
                number.as_ref().map_or_else(String::new, ToString::to_string),
                their_number.as_ref().map_or_else(String::new, ToString::to_string),
            ));
        }
        let (_, entries) = groups.remove(&key).expect("listed");
        let group = groups.get_mut(&other).expect("found");
        group.1.extend(entries.into_iter().map(|entry| Entry {
            organisation_number: None,
            ..entry
        }));
    }
}

/// The snapshot of `as_of` merged into agencies, lineage, skips and
/// conflicts. `counties` are (code, Swedish name) pairs: `("12", "Skåne
/// län")`.
pub fn merge(files: &Files, counties: &[(String, String)], as_of: NaiveDate) -> Snapshot {
    let spellings: BTreeMap<String, String> = files
        .matchlist
        .iter()
        .map(|(name, official)| (names::key(name), clean::name(official)))
        .collect();
    // ESV marks an agency whose name a successor took as "(gamla)", the
    // old one: Statskontoret (gamla) is the Statskontoret that ended when
    // Ekonomistyrningsverket took its name (the key leaves the mark out).
    // Its organisation number keeps it apart from the new one.
    let official = |name: &str| {
        let name = name.trim();
        spellings
            .get(&names::key(name))
            .cloned()
            .unwrap_or_else(|| clean::name(name.strip_suffix(" (gamla)").unwrap_or(name)))
    };
    let mut snapshot = Snapshot::default();
    let all = entries(files, &official, &mut snapshot.skipped);
    let groups = group(all, &mut snapshot.skipped);
    for (own, entries) in groups {
        let agency = super::facts::agency(
            files,
            own,
            entries,
            &official,
            counties,
            as_of,
            &mut snapshot,
        );
        snapshot.agencies.push(agency);
    }
    super::relations::names_passed_on(&mut snapshot);
    super::relations::ministries(&mut snapshot);
    super::relations::lineage(files, &official, &mut snapshot);
    snapshot
}

/// The value of the first register in `order` that gives one, and the
/// others that differ from it, as conflicts.
pub fn prefer<T: Clone + PartialEq + std::fmt::Display>(
    what: &str,
    agency: &str,
    values: &[(Register, Option<T>)],
    conflicts: &mut Vec<String>,
) -> Option<T> {
    let given: Vec<&(Register, Option<T>)> = values.iter().filter(|(_, v)| v.is_some()).collect();
    let (winner, value) = given.first().map(|(r, v)| (*r, v.clone()))?;
    let value = value.expect("given");
    for (register, other) in given.iter().skip(1) {
        let other = other.as_ref().expect("given");
        if *other != value {
            conflicts.push(format!(
                "{agency}: {what} {value} ({}) kept over {other} ({})",
                winner.file(),
                register.file()
            ));
        }
    }
    Some(value)
}

/// The contact kinds an import keeps current, one of each.
pub const IMPORTED_CONTACTS: [ContactKind; 5] = [
    ContactKind::Email,
    ContactKind::Phone,
    ContactKind::Website,
    ContactKind::PostalAddress,
    ContactKind::VisitingAddress,
];
