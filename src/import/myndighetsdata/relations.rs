//! How merged agencies relate: the ministries they answer to, as agencies
//! of their own, and which agencies replaced which.

use std::collections::{BTreeMap, BTreeSet};

use crate::domain::AgencyKind;

use super::facts::is_ministry;
use super::files::Files;
use super::merge::{Agency, DatedName, Link, Register, Snapshot};

/// The ministries agencies answer to become agencies of their own (kind
/// ministry), unless a register already has them.
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

/// Who replaced whom, from SFS's `replaces` and Wikidata's `replaces` and
/// `replaced_by`, typed by how many took part on one date.
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
    let mut pairs: BTreeSet<(usize, usize)> = BTreeSet::new();
    for (index, agency) in snapshot.agencies.iter().enumerate() {
        for entry in &agency.entries {
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
            for name in predecessors {
                if let Some(other) = resolve(name).filter(|other| *other != index) {
                    pairs.insert((other, index));
                }
            }
            for name in successors {
                if let Some(other) = resolve(name).filter(|other| *other != index) {
                    pairs.insert((index, other));
                }
            }
        }
    }
    let agencies = &snapshot.agencies;
    let date = |(predecessor, successor): (usize, usize)| {
        agencies[successor]
            .started_on
            .or(agencies[predecessor].ended_on)
    };
    for &(predecessor, successor) in &pairs {
        let on = date((predecessor, successor));
        let merged = pairs
            .iter()
            .filter(|(p, s)| *s == successor && *p != predecessor && date((*p, *s)) == on)
            .count()
            > 0;
        let split = pairs
            .iter()
            .filter(|(p, s)| *p == predecessor && *s != successor)
            .count()
            > 0;
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
}
