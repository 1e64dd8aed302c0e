//! Which agencies replaced which: the links the registers state, dated,
//! checked against the agencies' own lives, and typed.

use std::collections::{BTreeMap, BTreeSet};

use crate::domain::{LineageKind, PartialDate};

use super::files::Files;
use super::relations::ministries_today;
use super::snapshot::{Agency, Entry, Link, Register, Snapshot};

/// Links by (predecessor, successor), indexes into the snapshot's
/// agencies, each with its date where one is known.
type Links = BTreeMap<(usize, usize), Option<PartialDate>>;

/// Agencies by every name they bear or their entries give.
type ByName = BTreeMap<String, BTreeSet<usize>>;

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
    let mut by_name = ByName::new();
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
    let stated = stated(files, official, &by_name, snapshot);
    let dated = dated(stated, &snapshot.agencies);
    let kept = kept(&dated, snapshot);
    for (&(predecessor, successor), &on) in &kept {
        snapshot.links.push(Link {
            predecessor,
            successor,
            kind: kind(&kept, predecessor, successor, on),
            effective_on: on,
        });
    }
    end_the_replaced(&kept, snapshot);
}

/// The links the entries state, each with the date the first entry
/// stating it gives.
fn stated(
    files: &Files,
    official: &dyn Fn(&str) -> String,
    by_name: &ByName,
    snapshot: &mut Snapshot,
) -> Links {
    let mut stated = Links::new();
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
            let mut resolve = |name: &String| {
                resolve(by_name, official, entry, name, &mut snapshot.skipped)
                    .filter(|other| *other != index)
            };
            // The entry's name as merged dates it best (SFS's day before
            // Wikidata's year).
            let own = agency.names.iter().find(|n| n.sv == entry.own_name());
            let start = own.and_then(|n| n.valid_from).or(entry.start);
            let end = own
                .and_then(|n| n.valid_to.or(agency.ended_on))
                .or(entry.end);
            for name in predecessors {
                if let Some(other) = resolve(name) {
                    state((other, index), start);
                }
            }
            for name in successors {
                if let Some(other) = resolve(name) {
                    state((index, other), end);
                }
            }
        }
    }
    stated
}

/// The one agency that `entry`'s lineage `name` is; none, said in
/// `skipped`, where several or none are called that.
fn resolve(
    by_name: &ByName,
    official: &dyn Fn(&str) -> String,
    entry: &Entry,
    name: &str,
    skipped: &mut Vec<String>,
) -> Option<usize> {
    let found: Vec<usize> = by_name
        .get(&official(name))
        .into_iter()
        .flatten()
        .copied()
        .collect();
    let which = match found.as_slice() {
        [one] => return Some(*one),
        [] => "no register describes",
        _ => "several agencies are called",
    };
    skipped.push(format!(
        "{}, '{}': lineage names '{name}', which {which}",
        entry.register.file(),
        entry.name
    ));
    None
}

/// Each link dated: the stated start (or the successor's), or the
/// predecessor's end where that is later.
fn dated(stated: Links, agencies: &[Agency]) -> Links {
    stated
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
        .collect()
}

/// The links that the agencies' own lives allow, the others said in
/// `snapshot.skipped`: not one whose predecessor goes on after it, nor one
/// whose successor had ended by then, nor one stated both ways.
fn kept(dated: &Links, snapshot: &mut Snapshot) -> Links {
    let agencies = &snapshot.agencies;
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
    let mut kept = Links::new();
    for (&(predecessor, successor), &on) in dated {
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
    kept
}

/// How a kept link happened: merged into a successor that others joined on
/// the same date, split into several, or replaced.
fn kind(
    kept: &Links,
    predecessor: usize,
    successor: usize,
    on: Option<PartialDate>,
) -> LineageKind {
    let merged = kept
        .iter()
        .any(|(&(p, s), &date)| s == successor && p != predecessor && date == on);
    let split = kept
        .keys()
        .any(|&(p, s)| p == predecessor && s != successor);
    match (merged, split) {
        (true, _) => LineageKind::MergedInto,
        (false, true) => LineageKind::SplitInto,
        _ => LineageKind::Replaced,
    }
}

/// An agency that was replaced has ended, when no register says when: on
/// its first link's date.
fn end_the_replaced(kept: &Links, snapshot: &mut Snapshot) {
    let mut ends: BTreeMap<usize, PartialDate> = BTreeMap::new();
    for (&(predecessor, _), on) in kept {
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
