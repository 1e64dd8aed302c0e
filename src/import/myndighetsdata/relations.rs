//! How merged agencies relate: the ministries they answer to, as agencies
//! of their own, and which agencies replaced which.

use std::collections::{BTreeMap, BTreeSet};

use chrono::Datelike;

use crate::domain::{AgencyKind, PartialDate, Precision};

use super::facts::is_ministry;
use super::files::Files;
use super::merge::{Agency, DatedName, Link, Register, Snapshot};

/// An agency whose name another takes on a known day, and whose own end the
/// registers give only to that day's year or the year before (ESV's end is
/// the last year of an agency's accounts), ended on that day: two agencies
/// do not bear one name at once. Statskontoret, to 2025, ended on
/// 2026-01-01, when Ekonomistyrningsverket took its name.
pub fn names_passed_on(snapshot: &mut Snapshot) {
    let taken: Vec<(usize, String, PartialDate)> = snapshot
        .agencies
        .iter()
        .enumerate()
        .flat_map(|(index, agency)| {
            agency
                .names
                .iter()
                .filter_map(move |name| Some((index, name.sv.clone(), name.valid_from?)))
        })
        .filter(|(_, _, from)| from.precision() == Precision::Day)
        .collect();
    for (index, agency) in snapshot.agencies.iter_mut().enumerate() {
        let Some(end) = agency
            .ended_on
            .filter(|end| end.precision() == Precision::Year)
        else {
            continue;
        };
        let year = end.first_day().year();
        let passed = taken.iter().find(|(other, name, day)| {
            let day = day.first_day();
            *other != index
                && name == agency.name()
                && (day.year() == year || (day.year() == year + 1 && day.ordinal() == 1))
        });
        if let Some((_, _, day)) = passed {
            snapshot.conflicts.push(format!(
                "{}: end {end} dated {day}, when another agency took its name",
                agency.name()
            ));
            agency.ended_on = Some(*day);
        }
    }
}

/// The ministries agencies answer to become agencies of their own (kind
/// ministry), unless a register already has them. One that agencies answer
/// to on the snapshot's date has not ended: SFS ends Utrikesdepartementet
/// in 1997, when the ministries became one agency (Regeringskansliet), and
/// it goes on as a ministry.
pub fn ministries(snapshot: &mut Snapshot) {
    let existing: BTreeSet<String> = snapshot
        .agencies
        .iter()
        .map(|a| a.name().to_owned())
        .collect();
    let wanted: BTreeSet<String> = snapshot
        .agencies
        .iter()
        .filter_map(|a| a.ministry.clone())
        .collect();
    let answered_to_today = ministries_today(snapshot);
    for ministry in wanted {
        if !is_ministry(&ministry) {
            snapshot.skipped.push(format!(
                "'{ministry}' is not a ministry: the agencies naming it are left without one"
            ));
            for agency in &mut snapshot.agencies {
                if agency.ministry.as_deref() == Some(ministry.as_str()) {
                    agency.ministry = None;
                }
            }
            continue;
        }
        let record = snapshot.agencies.iter_mut().find(|a| a.name() == ministry);
        let ended = match record {
            Some(record) if answered_to_today.contains(&ministry) => record.ended_on.take(),
            _ => None,
        };
        if let Some(end) = ended {
            snapshot.conflicts.push(format!(
                "{ministry}: end {end} left out: agencies answer to it on the snapshot's date"
            ));
        }
        if !existing.contains(&ministry) {
            snapshot.agencies.push(Agency {
                names: vec![DatedName {
                    sv: ministry.clone(),
                    en: None,
                    valid_from: None,
                    valid_to: None,
                }],
                kind: Some(AgencyKind::Ministry),
                ..Agency::default()
            });
        }
    }
}

/// The ministries that agencies still in being answer to.
fn ministries_today(snapshot: &Snapshot) -> BTreeSet<String> {
    snapshot
        .agencies
        .iter()
        .filter(|a| a.ended_on.is_none())
        .filter_map(|a| a.ministry.clone())
        .collect()
}

/// Who replaced whom, from SFS's `replaces`, Wikidata's `replaces` and
/// `replaced_by`, and ESV's "(gamla)", typed by how many took part on one
/// date.
///
/// A link is dated by the entry that states it: the start of the
/// successor's name whose entry names its predecessor (SFS before
/// Wikidata), or the predecessor's end where that is later (the successor
/// existed and took over when the predecessor ended). A link whose
/// predecessor is shown to go on after that date (a name of its own from
/// then, a predecessor of its own taken over later, agencies answering to
/// it as their ministry) is left out: `matchlist.csv` files some
/// predecessors under the agency that took their name or task much later,
/// and such a link would say that the agency ended when it did not
/// (Arbetsmiljöverket "merged into" Arbetarskyddsverket in 1987, which
/// Arbetsmiljöverket replaced in 2001). So is a link stated both ways,
/// and one whose successor had ended by its date. A predecessor that no
/// register gives an end ended on its first link's date.
pub fn lineage(files: &Files, official: &dyn Fn(&str) -> String, snapshot: &mut Snapshot) {
    let mut by_name: BTreeMap<String, BTreeSet<usize>> = BTreeMap::new();
    for (index, agency) in snapshot.agencies.iter().enumerate() {
        for name in agency
            .names
            .iter()
            .map(|n| n.sv.clone())
            .chain(agency.entries.iter().map(|e| e.official.clone()))
        {
            by_name.entry(name).or_default().insert(index);
        }
    }
    // (predecessor, successor) and the date the first entry stating it gives.
    let mut stated: BTreeMap<(usize, usize), Option<PartialDate>> = BTreeMap::new();
    let mut state = |pair: (usize, usize), date: Option<PartialDate>| {
        let slot = stated.entry(pair).or_default();
        *slot = slot.or(date);
    };
    for (index, agency) in snapshot.agencies.iter().enumerate() {
        for entry in &agency.entries {
            // ESV marks an agency whose name a successor took "(gamla)":
            // the other agency of that name succeeded it when it ended.
            if entry.register == Register::Esv && entry.name.trim_end().ends_with("(gamla)") {
                let others: Vec<usize> = by_name
                    .get(&entry.official)
                    .into_iter()
                    .flatten()
                    .copied()
                    .filter(|other| *other != index)
                    .collect();
                if let [successor] = others.as_slice() {
                    state((index, *successor), agency.ended_on);
                }
                continue;
            }
            let (predecessors, successors): (Vec<&String>, Vec<&String>) = match entry.register {
                Register::Sfs => (files.sfs[&entry.name].replaces.iter().collect(), Vec::new()),
                Register::Wd => {
                    let e = &files.wd[&entry.name];
                    (e.replaces.iter().collect(), e.replaced_by.iter().collect())
                }
                _ => continue,
            };
            let mut resolve = |name: &String| match by_name
                .get(&official(name))
                .map(|set| set.iter().collect::<Vec<_>>())
            {
                Some(found) if found.len() == 1 => Some(*found[0]),
                Some(_) => {
                    snapshot.skipped.push(format!(
                        "{}, '{}': lineage names '{name}', which several agencies are called",
                        entry.register.file(),
                        entry.name
                    ));
                    None
                }
                None => {
                    snapshot.skipped.push(format!(
                        "{}, '{}': lineage names '{name}', which no register describes",
                        entry.register.file(),
                        entry.name
                    ));
                    None
                }
            };
            // The entry's name as merged dates it best (SFS's day before
            // Wikidata's year).
            let own = agency.names.iter().find(|n| n.sv == entry.own_name());
            let start = own.and_then(|n| n.valid_from).or(entry.start);
            let end = own
                .and_then(|n| n.valid_to.or(agency.ended_on))
                .or(entry.end);
            for name in predecessors {
                if let Some(other) = resolve(name).filter(|other| *other != index) {
                    state((other, index), start);
                }
            }
            for name in successors {
                if let Some(other) = resolve(name).filter(|other| *other != index) {
                    state((index, other), end);
                }
            }
        }
    }
    let agencies = &snapshot.agencies;
    let dated: BTreeMap<(usize, usize), Option<PartialDate>> = stated
        .into_iter()
        .map(|((predecessor, successor), start)| {
            let start = start.or(agencies[successor].started_on);
            let end = agencies[predecessor].ended_on;
            let on = match (start, end) {
                (Some(start), Some(end)) if end.first_day() > start.first_day() => Some(end),
                (start, end) => start.or(end),
            };
            ((predecessor, successor), on)
        })
        .collect();
    let answered_to_today = ministries_today(snapshot);
    let goes_on_after = |predecessor: usize, on: PartialDate| -> Option<String> {
        let agency = &agencies[predecessor];
        if agency.ended_on.is_some() {
            return None;
        }
        if answered_to_today.contains(agency.name()) {
            return Some("agencies answer to it as their ministry".to_owned());
        }
        let later_name = agency.names.iter().find(|name| {
            name.valid_from
                .is_some_and(|from| from.first_day() >= on.first_day())
        });
        if let Some(name) = later_name {
            let from = name.valid_from.expect("found by it");
            return Some(format!("it is named '{}' from {from}", name.sv));
        }
        dated.iter().find_map(|(&(earlier, successor), taken)| {
            let taken = (*taken)?;
            (successor == predecessor && taken.first_day() > on.first_day()).then(|| {
                format!(
                    "it took over from '{}' on {taken}",
                    agencies[earlier].name()
                )
            })
        })
    };
    let mut kept: BTreeMap<(usize, usize), Option<PartialDate>> = BTreeMap::new();
    for (&(predecessor, successor), &on) in &dated {
        let going_on = on.and_then(|on| goes_on_after(predecessor, on).map(|why| (on, why)));
        // A successor that had ended by then took over nothing (Banverket,
        // to 2010, named Statens järnvägar, to 2013, its predecessor).
        let successor_ended = on
            .zip(agencies[successor].ended_on)
            .filter(|(on, end)| end.first_day() <= on.first_day());
        match (going_on, successor_ended) {
            (Some((on, why)), _) => snapshot.skipped.push(format!(
                "lineage: '{}' did not end when '{}' took over on {on} ({why}): the link is left out",
                agencies[predecessor].name(),
                agencies[successor].name()
            )),
            (None, Some((on, end))) => snapshot.skipped.push(format!(
                "lineage: '{}' had ended on {end}, before it would have taken over from '{}' on {on}: the link is left out",
                agencies[successor].name(),
                agencies[predecessor].name()
            )),
            (None, None) => {
                kept.insert((predecessor, successor), on);
            }
        }
    }
    // A link stated both ways says nothing certain about either.
    let both_ways: Vec<(usize, usize)> = kept
        .keys()
        .filter(|(p, s)| kept.contains_key(&(*s, *p)))
        .copied()
        .collect();
    for (predecessor, successor) in both_ways {
        kept.remove(&(predecessor, successor));
        snapshot.skipped.push(format!(
            "lineage: '{}' and '{}' are each named the other's predecessor: neither link is kept",
            agencies[predecessor].name(),
            agencies[successor].name()
        ));
    }
    for (&(predecessor, successor), &on) in &kept {
        let merged = kept
            .iter()
            .any(|(&(p, s), &date)| s == successor && p != predecessor && date == on);
        let split = kept
            .keys()
            .any(|&(p, s)| p == predecessor && s != successor);
        let kind = match (merged, split) {
            (true, _) => "merged_into",
            (false, true) => "split_into",
            _ => "replaced",
        };
        snapshot.links.push(Link {
            predecessor,
            successor,
            kind,
            effective_on: on,
        });
    }
    // An agency that was replaced has ended, when no register says when.
    let mut ends: BTreeMap<usize, PartialDate> = BTreeMap::new();
    for (&(predecessor, _), on) in &kept {
        if let Some(on) = *on {
            let end = ends.entry(predecessor).or_insert(on);
            if on.first_day() < end.first_day() {
                *end = on;
            }
        }
    }
    for (predecessor, end) in ends {
        let agency = &mut snapshot.agencies[predecessor];
        if agency.ended_on.is_none() {
            agency.ended_on = Some(end);
            snapshot.conflicts.push(format!(
                "{}: no register gives an end; it ended on {end}, when its successor took over",
                agency.name()
            ));
        }
    }
}
