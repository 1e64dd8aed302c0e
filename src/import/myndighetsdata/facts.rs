//! What a merged agency is: its names over time, lifetime, identifiers,
//! other names, how it is run, whom it answers to, how to reach it; and
//! which agencies replaced which.

use std::collections::{BTreeMap, BTreeSet};

use chrono::Datelike;

use crate::domain::{AgencyKind, ContactKind, OrganisationNumber, PartialDate, Precision};

use super::clean;
use super::files::Files;
use super::merge::{prefer, Agency, AliasKind, DatedName, Entry, Register, Snapshot};

/// Whether two dates say the same: equal; or one known only to the year
/// and the years equal; or a day apart (an end written as the last day
/// against one written as the first day after).
fn agree(a: &PartialDate, b: &PartialDate) -> bool {
    if a == b {
        return true;
    }
    if a.precision() != Precision::Day || b.precision() != Precision::Day {
        return a.first_day().year() == b.first_day().year();
    }
    (a.first_day() - b.first_day()).num_days().abs() <= 1
}

/// The date of the first register in date precedence that gives one; the
/// others that do not agree are conflicts.
fn dated(
    what: &str,
    name: &str,
    entries: &[&Entry],
    pick: impl Fn(&Entry) -> Option<PartialDate>,
    conflicts: &mut Vec<String>,
) -> Option<PartialDate> {
    let order = [
        Register::Sfs,
        Register::Wd,
        Register::Scb,
        Register::Stkt,
        Register::Esv,
    ];
    let mut given: Vec<(Register, PartialDate)> = entries
        .iter()
        .filter_map(|entry| pick(entry).map(|date| (entry.register, date)))
        .collect();
    given.sort_by_key(|(register, _)| order.iter().position(|r| r == register));
    let (winner, date) = *given.first()?;
    for (register, other) in &given[1..] {
        if !agree(&date, other) {
            conflicts.push(format!(
                "{name}: {what} {date} ({}) kept over {other} ({})",
                winner.file(),
                register.file()
            ));
        }
    }
    Some(date)
}

/// One merged agency from its entries.
pub fn agency(
    files: &Files,
    own: Option<OrganisationNumber>,
    entries: Vec<Entry>,
    official: &dyn Fn(&str) -> String,
    counties: &[(String, String)],
    snapshot: &mut Snapshot,
) -> Agency {
    let conflicts = &mut snapshot.conflicts;
    // The names it has had, each with its own dates, oldest first.
    let mut officials: Vec<(String, Option<PartialDate>, Option<PartialDate>)> = Vec::new();
    let distinct: BTreeSet<String> = entries.iter().map(Entry::own_name).collect();
    for name in &distinct {
        let of_name: Vec<&Entry> = entries
            .iter()
            .filter(|entry| &entry.own_name() == name)
            .collect();
        let start = dated("start", name, &of_name, |e| e.start, conflicts);
        let end = dated("end", name, &of_name, |e| e.end, conflicts);
        officials.push((name.clone(), start, end));
    }
    officials.sort_by_key(|(_, start, end)| {
        (
            end.is_none(),
            end.map(|d| d.first_day()),
            start.map(|d| d.first_day()),
        )
    });
    // An English name from ESV, else from Wikidata.
    let english = |name: &str| {
        entries
            .iter()
            .filter(|e| e.official == name)
            .filter_map(|e| match e.register {
                Register::Esv => Some((e.register, files.esv[&e.name].name_en.as_deref()?)),
                Register::Wd => Some((e.register, files.wd[&e.name].name_en.as_deref()?)),
                _ => None,
            })
            .filter(|(_, english)| !english.trim().is_empty())
            .min_by_key(|(register, _)| *register)
            .map(|(_, english)| english.trim().to_owned())
    };
    let mut agency = Agency::default();
    // Earlier names are dated by their ends; one whose end is not known is
    // kept as a former name. So is one that ends well before the next name
    // starts (to the day: SCB's years are often when it was registered):
    // not one agency renamed, but `matchlist.csv` filing Arbetarskydds-
    // styrelsen (to 1987) under Arbetsmiljöverket (from 2001).
    let (current, earlier) = officials.split_last().expect("a group has entries");
    let mut names: Vec<DatedName> = Vec::new();
    for (index, (name, start, end)) in earlier.iter().enumerate() {
        let from = names.last().and_then(|n: &DatedName| n.valid_to).or(*start);
        let next_start = officials[index + 1].1;
        let gap = match (end, next_start) {
            (Some(end), Some(next)) if next.precision() == Precision::Day => {
                !agree(end, &next) && end.first_day() < next.first_day()
            }
            _ => false,
        };
        match end {
            Some(end) if !gap && from.map_or(true, |from| from.first_day() < end.first_day()) => {
                names.push(DatedName {
                    sv: name.clone(),
                    en: english(name),
                    valid_from: from,
                    valid_to: Some(*end),
                })
            }
            _ => {
                agency.aliases.insert(name.clone(), AliasKind::FormerName);
            }
        }
    }
    let from = names.last().and_then(|n| n.valid_to).or(current.1);
    let (current_from, current_to) = match (from, current.2) {
        (Some(from), Some(to)) if from.first_day() >= to.first_day() => {
            conflicts.push(format!(
                "{}: end {to} is not after start {from}; the end is left unknown",
                current.0
            ));
            (Some(from), None)
        }
        pair => pair,
    };
    names.push(DatedName {
        sv: current.0.clone(),
        en: english(&current.0),
        valid_from: current_from,
        valid_to: None,
    });
    agency.started_on = names[0].valid_from;
    agency.ended_on = current_to;
    agency.names = names;

    let name = agency.name().to_owned();
    agency.kind = Some(
        if let Some(county) = name.strip_prefix("Länsstyrelsen i ") {
            match counties
                .iter()
                .find(|(_, county_name)| county_name == county)
            {
                Some((code, _)) => {
                    agency.county_code = Some(code.clone());
                    AgencyKind::CountyAdministrativeBoard
                }
                None => AgencyKind::GovernmentAgency,
            }
        } else if is_ministry(&name) {
            AgencyKind::Ministry
        } else {
            AgencyKind::GovernmentAgency
        },
    );

    // Identifiers.
    agency.organisation_number = own;
    for entry in &entries {
        if let Some(number) = &entry.organisation_number {
            agency
                .identifiers
                .insert(("organisation_number", number.to_string()));
        }
        match entry.register {
            Register::Wd => {
                if let Some(id) = files.wd[&entry.name]
                    .id
                    .as_ref()
                    .filter(|id| is_wikidata_id(id))
                {
                    agency.identifiers.insert(("wikidata", id.clone()));
                }
            }
            Register::Esv => {
                if let Some(id) = files.esv[&entry.name].id.as_ref().and_then(|id| id.text()) {
                    agency.identifiers.insert(("esv", id));
                }
            }
            _ => {}
        }
    }

    // Other names, how it is run, whom it answers to.
    let mut sfs_numbers: Vec<String> = Vec::new();
    let mut ministries: Vec<(Register, Option<String>)> = Vec::new();
    for entry in &entries {
        match entry.register {
            Register::Sfs => {
                let e = &files.sfs[&entry.name];
                sfs_numbers.extend(e.sfs.iter().filter_map(|n| clean::sfs_number(n)));
                agency.add_other_names(&e.other_names);
            }
            Register::Scb => {
                let e = &files.scb[&entry.name];
                agency.group = agency
                    .group
                    .take()
                    .or_else(|| e.group.clone().filter(|g| !g.trim().is_empty()));
                agency.add_short_and_old_names(e.short_name.as_deref(), &e.old_names);
            }
            Register::Stkt => {
                let e = &files.stkt[&entry.name];
                agency.management_form = agency
                    .management_form
                    .take()
                    .or_else(|| e.structure.clone().filter(|s| !s.trim().is_empty()));
                agency.host = agency.host.take().or_else(|| {
                    e.host
                        .as_deref()
                        .filter(|h| !h.trim().is_empty())
                        .map(official)
                });
                ministries.push((
                    Register::Stkt,
                    e.department
                        .as_deref()
                        .filter(|d| !d.trim().is_empty())
                        .map(official),
                ));
                agency.add_other_names(&e.other_names);
            }
            Register::Esv => {
                let e = &files.esv[&entry.name];
                agency.add_short_and_old_names(e.short_name.as_deref(), &e.old_names);
                ministries.push((
                    Register::Esv,
                    e.department
                        .as_deref()
                        .filter(|d| !d.trim().is_empty())
                        .map(official),
                ));
            }
            Register::Wd => {
                let e = &files.wd[&entry.name];
                for other in &e.other_names {
                    let kind = if is_abbreviation(other) {
                        AliasKind::Abbreviation
                    } else {
                        AliasKind::OtherName
                    };
                    agency
                        .aliases
                        .entry(other.trim().to_owned())
                        .or_insert(kind);
                }
                let parent = e
                    .part_of
                    .as_ref()
                    .or(e.mother_org.as_ref())
                    .map(|p| official(p))
                    .filter(|p| is_ministry(p));
                ministries.push((Register::Wd, parent));
            }
        }
    }
    ministries.sort_by_key(|(register, _)| {
        [Register::Stkt, Register::Esv, Register::Wd]
            .iter()
            .position(|r| r == register)
    });
    if agency.ended_on.is_none() && agency.kind != Some(AgencyKind::Ministry) {
        agency.ministry = prefer("ministry", &name, &ministries, conflicts);
    }
    sfs_numbers.sort_by_key(|n| {
        n.split_once(':')
            .map(|(y, n)| (y.to_owned(), n.parse::<u32>().unwrap_or(0)))
    });
    agency.instruction = sfs_numbers.last().cloned().or_else(|| {
        entries.iter().find_map(|e| match e.register {
            Register::Stkt => files.stkt[&e.name]
                .created_by
                .as_deref()
                .and_then(clean::sfs_number),
            Register::Scb => files.scb[&e.name]
                .created_by
                .as_deref()
                .and_then(clean::sfs_number),
            _ => None,
        })
    });
    let known: BTreeSet<String> = agency
        .names
        .iter()
        .flat_map(|n| {
            [
                Some(n.sv.to_lowercase()),
                n.en.as_ref().map(|en| en.to_lowercase()),
            ]
        })
        .flatten()
        .collect();
    agency
        .aliases
        .retain(|alias, _| !alias.trim().is_empty() && !known.contains(&alias.to_lowercase()));

    // How to reach it, while it exists: SCB's register, ESV's e-mail.
    if agency.ended_on.is_none() {
        contacts(files, &entries, &mut agency, &mut snapshot.skipped);
    }
    agency.entries = entries;
    agency
}

fn contacts(files: &Files, entries: &[Entry], agency: &mut Agency, skipped: &mut Vec<String>) {
    let mut found: BTreeMap<ContactKind, clean::Contact> = BTreeMap::new();
    for entry in entries.iter().filter(|e| e.register == Register::Scb) {
        let e = &files.scb[&entry.name];
        let mut add = |contact: Option<clean::Contact>| {
            if let Some(contact) = contact {
                found.entry(contact.kind).or_insert(contact);
            }
        };
        add(e.email.as_deref().and_then(clean::email));
        add(e.website.as_deref().and_then(clean::website));
        add(e
            .postal_address
            .as_ref()
            .and_then(|a| clean::address(ContactKind::PostalAddress, a)));
        add(e
            .office_address
            .as_ref()
            .and_then(|a| clean::address(ContactKind::VisitingAddress, a)));
        match e.phone.as_ref().map(clean::phone) {
            Some(Ok(phone)) => add(phone),
            Some(Err(error)) => skipped.push(format!("scb.json, '{}': phone: {error}", entry.name)),
            None => {}
        }
    }
    if let std::collections::btree_map::Entry::Vacant(email) = found.entry(ContactKind::Email) {
        let esv = entries
            .iter()
            .filter(|e| e.register == Register::Esv)
            .find_map(|e| files.esv[&e.name].email.as_deref().and_then(clean::email));
        if let Some(esv) = esv {
            email.insert(esv);
        }
    }
    agency.contacts = found.into_values().collect();
}

impl Agency {
    /// A register's abbreviation and former names, as other names.
    fn add_short_and_old_names(&mut self, short: Option<&str>, old_names: &[String]) {
        if let Some(short) = short.map(str::trim).filter(|s| !s.is_empty()) {
            self.aliases
                .insert(short.to_owned(), AliasKind::Abbreviation);
        }
        for old in old_names {
            self.aliases
                .entry(clean::name(old))
                .or_insert(AliasKind::FormerName);
        }
    }

    /// Other names a register gives, unless known as something more
    /// specific.
    fn add_other_names(&mut self, names: &[String]) {
        for other in names {
            self.aliases
                .entry(clean::name(other))
                .or_insert(AliasKind::OtherName);
        }
    }
}

/// A ministry (departement), or the Prime Minister's Office.
pub fn is_ministry(name: &str) -> bool {
    name.ends_with("departementet") || name == "Statsrådsberedningen"
}

fn is_wikidata_id(id: &str) -> bool {
    id.len() > 1 && id.starts_with('Q') && id[1..].chars().all(|c| c.is_ascii_digit())
}

/// TRV, SVK, Jämy: short, one word, with a capital.
fn is_abbreviation(text: &str) -> bool {
    let text = text.trim();
    text.chars().count() <= 8 && !text.contains(' ') && text.chars().any(char::is_uppercase)
}
