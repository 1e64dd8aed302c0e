//! Which entries of the registers are one agency.
//!
//! Every entry is read under its official name (`matchlist.csv` maps each
//! spelling to one). Entries that give the same organisation number are one
//! agency, even under different names (a renamed agency keeps its number);
//! an entry without a number joins the agency that has its official name.
//! A number that more than [`SHARED_AFTER`] names give is shared (Sweden's
//! courts all give the National Courts Administration's) and joins nothing.

use std::collections::{BTreeMap, BTreeSet};

use crate::domain::OrganisationNumber;

use super::clean;
use super::files::{Files, Loose};
use super::snapshot::{Entry, Register};

/// More names than this on one organisation number: it is shared.
const SHARED_AFTER: usize = 3;

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
pub fn entries(
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
pub fn group(
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
    // The years a group's entries give, from the earliest start to the
    // latest end; a bound that none of them gives is open.
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
