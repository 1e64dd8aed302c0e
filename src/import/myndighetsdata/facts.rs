//! What a merged agency is: its names over time and lifetime (from
//! [`super::timeline`]), identifiers, other names (cleaned in
//! [`super::aliases`]), how it is run, whom it answers to, how to reach it.

use std::collections::BTreeMap;

use chrono::NaiveDate;

use crate::domain::{AgencyKind, ContactKind, OrganisationNumber, PartialDate};

use super::clean;
use super::files::{Files, StktEntry};
use super::snapshot::{prefer, Agency, Entry, Register, Snapshot};
use super::timeline;

/// One merged agency from its entries.
pub fn agency(
    files: &Files,
    own: Option<OrganisationNumber>,
    mut entries: Vec<Entry>,
    official: &dyn Fn(&str) -> String,
    counties: &[(String, String)],
    as_of: NaiveDate,
    snapshot: &mut Snapshot,
) -> Agency {
    let conflicts = &mut snapshot.conflicts;
    hosted_accounts_are_not_an_end(files, &mut entries, conflicts);
    let mut agency = Agency::default();
    names_and_lifetime(files, &entries, as_of, &mut agency, conflicts);
    instruction_is_not_the_end(files, &mut agency, &entries, as_of, conflicts);
    let (kind, county_code) = kind(agency.name(), counties);
    agency.kind = Some(kind);
    agency.county_code = county_code;
    agency.organisation_number = own;
    identifiers(files, &entries, &mut agency);
    how_it_is_run(files, &entries, official, &mut agency, conflicts);
    agency.forget_own_names();
    // How to reach it, while it exists: SCB's register, ESV's e-mail.
    if agency.ended_on.is_none() {
        contacts(files, &entries, &mut agency, &mut snapshot.skipped);
    }
    agency.entries = entries;
    agency
}

/// The agency's names over time, in Swedish and English, and the lifetime
/// they give it (see [`timeline::names`]).
fn names_and_lifetime(
    files: &Files,
    entries: &[Entry],
    as_of: NaiveDate,
    agency: &mut Agency,
    conflicts: &mut Vec<String>,
) {
    // The English name the registers give, ESV's first (see [`english_of`]).
    let english = |name: &str| {
        let mut given: Vec<(Register, String)> = entries
            .iter()
            .filter(|e| e.official == name)
            .filter_map(|e| match e.register {
                Register::Esv => Some((e.register, files.esv[&e.name].name_en.as_deref()?)),
                Register::Wd => Some((e.register, files.wd[&e.name].name_en.as_deref()?)),
                _ => None,
            })
            .filter_map(|(register, english)| Some((register, clean::english_name(english)?)))
            .collect();
        given.sort_by_key(|(register, _)| *register);
        english_of(name, given.into_iter().map(|(_, english)| english))
    };
    // Names a register gives with their old names: (old, new).
    let renamed: Vec<(String, String)> = entries
        .iter()
        .flat_map(|e| {
            let old_names = match e.register {
                Register::Scb => files.scb[&e.name].old_names.as_slice(),
                Register::Esv => files.esv[&e.name].old_names.as_slice(),
                _ => &[],
            };
            old_names
                .iter()
                .map(move |old| (clean::name(old), e.own_name()))
        })
        .collect();
    let (names, ended_on) = timeline::names(
        entries,
        english,
        &renamed,
        as_of,
        &mut agency.aliases,
        conflicts,
    );
    agency.started_on = names[0].valid_from;
    agency.ended_on = ended_on;
    agency.names = names;
}

/// What kind of agency `name` is, and for a county administrative board
/// its county's code: "Länsstyrelsen i …" names one of `counties`.
fn kind(name: &str, counties: &[(String, String)]) -> (AgencyKind, Option<String>) {
    if let Some(county) = name.strip_prefix("Länsstyrelsen i ") {
        if let Some((code, _)) = counties
            .iter()
            .find(|(_, county_name)| county_name == county)
        {
            return (AgencyKind::CountyAdministrativeBoard, Some(code.clone()));
        }
    } else if is_ministry(name) {
        return (AgencyKind::Ministry, None);
    }
    (AgencyKind::GovernmentAgency, None)
}

/// Identifiers the registers give: organisation numbers, Wikidata's
/// Q-number, ESV's id.
fn identifiers(files: &Files, entries: &[Entry], agency: &mut Agency) {
    for entry in entries {
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
}

/// Other names, how it is run (group, management form, host), whom it
/// answers to (the ministry, while it exists) and its instruction.
fn how_it_is_run(
    files: &Files,
    entries: &[Entry],
    official: &dyn Fn(&str) -> String,
    agency: &mut Agency,
    conflicts: &mut Vec<String>,
) {
    let mut sfs_numbers: Vec<String> = Vec::new();
    let mut ministries: Vec<(Register, Option<String>)> = Vec::new();
    for entry in entries {
        if let Some(aside) = clean::aside(&entry.name) {
            agency.add_aside(&aside);
        }
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
                    .or_else(|| given(&e.group).map(str::to_owned));
                agency.add_short_and_old_names(e.short_name.as_deref(), &e.old_names);
            }
            Register::Stkt => {
                let e = &files.stkt[&entry.name];
                agency.management_form = agency
                    .management_form
                    .take()
                    .or_else(|| given(&e.structure).map(str::to_owned));
                agency.host = agency.host.take().or_else(|| given(&e.host).map(official));
                ministries.push((Register::Stkt, given(&e.department).map(official)));
                agency.add_other_names(&e.other_names);
            }
            Register::Esv => {
                let e = &files.esv[&entry.name];
                agency.add_short_and_old_names(e.short_name.as_deref(), &e.old_names);
                ministries.push((Register::Esv, given(&e.department).map(official)));
            }
            Register::Wd => {
                let e = &files.wd[&entry.name];
                agency.add_wikidata_names(&e.other_names);
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
        let name = agency.name().to_owned();
        agency.ministry = prefer("ministry", &name, &ministries, conflicts);
    }
    sfs_numbers.sort_by_key(|n| {
        n.split_once(':')
            .map(|(y, n)| (y.to_owned(), n.parse::<u32>().unwrap_or(0)))
    });
    sfs_numbers.dedup();
    agency.instructions = sfs_numbers.clone();
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
}

/// A register's text, unless it is left blank.
fn given(text: &Option<String>) -> Option<&str> {
    text.as_deref().filter(|text| !text.trim().is_empty())
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

/// Statskontoret's register lists the agencies in being shortly before
/// the snapshot (`as_of`). Where it lists one as current and only SFS ends
/// it, more than a year before the snapshot, SFS's end is that of an
/// instruction, not of the agency: Försvarshögskolan's instruction ended
/// in 2008, when the Higher Education Act came to govern it. That end is
/// set aside, as a conflict, and so is the instruction's start where no
/// other register dates one (Länsstyrelsen i Norrbottens län did not begin
/// with its instruction of 1987).
fn instruction_is_not_the_end(
    files: &Files,
    agency: &mut Agency,
    entries: &[Entry],
    as_of: NaiveDate,
    conflicts: &mut Vec<String>,
) {
    let Some(end) = agency.ended_on else { return };
    let current = listed_as_current(files, entries).is_some();
    let only_sfs = |date: fn(&Entry) -> Option<PartialDate>| {
        entries
            .iter()
            .all(|e| date(e).is_none() || e.register == Register::Sfs)
    };
    let long_before = as_of - chrono::Months::new(12);
    if !(current && only_sfs(|e| e.end) && end.day_after() <= long_before) {
        return;
    }
    conflicts.push(format!(
        "{}: end {end} (sfs.json) set aside: Statskontoret lists it as current; it ended an instruction",
        agency.name()
    ));
    agency.ended_on = None;
    if only_sfs(|e| e.start) {
        if let Some(start) = agency.started_on.take() {
            conflicts.push(format!(
                "{}: start {start} (sfs.json) set aside with the end of its instruction",
                agency.name()
            ));
        }
        if let Some(first) = agency.names.first_mut() {
            first.valid_from = None;
        }
    }
}

/// ESV lists the agencies that keep accounts of their own. Its end for an
/// agency that Statskontoret lists as current, run by a host agency, is
/// the year the host took its accounts over, not the agency's end
/// (Valmyndigheten, 2016, to Skatteverket): that end is set aside, as a
/// conflict.
fn hosted_accounts_are_not_an_end(
    files: &Files,
    entries: &mut [Entry],
    conflicts: &mut Vec<String>,
) {
    let host = listed_as_current(files, entries)
        .and_then(|listed| listed.host.as_deref())
        .map(str::trim)
        .filter(|host| !host.is_empty())
        .map(str::to_owned);
    let Some(host) = host else { return };
    for entry in entries.iter_mut().filter(|e| e.register == Register::Esv) {
        if let Some(end) = entry.end.take() {
            conflicts.push(format!(
                "{}: end {end} (esv.json) set aside: Statskontoret lists it as current, run by {host}, which took over its accounts",
                entry.official
            ));
        }
    }
}

/// Statskontoret's entry of an agency it lists as current (with no end),
/// if it does.
fn listed_as_current<'a>(files: &'a Files, entries: &[Entry]) -> Option<&'a StktEntry> {
    entries
        .iter()
        .find(|e| e.register == Register::Stkt && e.end.is_none())
        .map(|e| &files.stkt[&e.name])
}

/// A ministry (departement), or the Prime Minister's Office.
pub fn is_ministry(name: &str) -> bool {
    name.ends_with("departementet") || name == "Statsrådsberedningen"
}

fn is_wikidata_id(id: &str) -> bool {
    id.len() > 1 && id.starts_with('Q') && id[1..].chars().all(|c| c.is_ascii_digit())
}

/// Of the English names the registers give for the agency called `swedish`,
/// in the order their registers are preferred, the one to keep: the first,
/// unless it is the Swedish name again (ESV's `Kammarkollegiet`) and another
/// is not, or it was cut in the middle of a word that another gives whole
/// (ESV cut some at 65 or 80 characters: `… with Foundation of Hallwyl Mu`).
/// A name another only goes on from (`Halmstad University`, `Halmstad
/// University College`) is kept.
fn english_of(swedish: &str, given: impl Iterator<Item = String>) -> Option<String> {
    let swedish = swedish.to_lowercase();
    let mut given: Vec<String> = given.collect();
    given.sort_by_key(|english| english.to_lowercase() == swedish);
    let first = given.first()?;
    let start = first.to_lowercase();
    let whole = given.iter().find(|other| {
        let other = other.to_lowercase();
        other
            .strip_prefix(&start)
            .is_some_and(|rest| rest.starts_with(char::is_alphabetic))
    });
    Some(whole.unwrap_or(first).clone())
}

#[cfg(test)]
mod tests;
