//! How merged agencies relate: the ministries they answer to, as agencies
//! of their own, and which agencies replaced which.

use std::collections::{BTreeMap, BTreeSet};

use crate::domain::{AgencyKind, PartialDate};

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
///
/// A link is dated by the entry that states it: the start of the
/// successor's name whose entry names its predecessor (SFS before
/// Wikidata), or the predecessor's end where that is later (the successor existed and
/// took over when the predecessor ended). A link whose predecessor is
/// shown to go on after that date (a name of its own from then, or a
/// predecessor of its own taken over later) is left out: `matchlist.csv`
/// files some predecessors under the agency that took their name or task
/// much later, and such a link would say that the agency ended when it
/// did not (Arbetsmiljöverket "merged into" Arbetarskyddsverket in 1987,
/// which Arbetsmiljöverket replaced in 2001). A predecessor that no register
/// gives an end ended on its first link's date.
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
    let goes_on_after = |predecessor: usize, on: PartialDate| -> Option<String> {
        let agency = &agencies[predecessor];
        if agency.ended_on.is_some() {
            return None;
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
        match going_on {
            Some((on, why)) => snapshot.skipped.push(format!(
                "lineage: '{}' did not end when '{}' took over on {on} ({why}): the link is left out",
                agencies[predecessor].name(),
                agencies[successor].name()
            )),
            None => {
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

#[cfg(test)]
mod tests {
    use serde_json::{json, Value};

    use super::super::files::{matchlist, Files};
    use super::super::merge::{merge, AliasKind, Snapshot};
    use crate::domain::PartialDate;

    fn snapshot(sfs: Value, wd: Value, spellings: &str) -> Snapshot {
        let files = Files {
            sfs: serde_json::from_value(sfs).unwrap(),
            wd: serde_json::from_value(wd).unwrap(),
            matchlist: matchlist(&format!("name,official_name\n{spellings}")).unwrap(),
            ..Files::default()
        };
        merge(&files, &[])
    }

    fn date(text: &str) -> Option<PartialDate> {
        Some(PartialDate::parse(text).unwrap())
    }

    /// (predecessor, successor, kind, effective_on) by current names.
    fn links(snapshot: &Snapshot) -> Vec<(&str, &str, &str, Option<PartialDate>)> {
        let name = |index: usize| snapshot.agencies[index].name();
        snapshot
            .links
            .iter()
            .map(|l| {
                (
                    name(l.predecessor),
                    name(l.successor),
                    l.kind,
                    l.effective_on,
                )
            })
            .collect()
    }

    fn agency<'a>(snapshot: &'a Snapshot, name: &str) -> &'a super::Agency {
        snapshot.agencies.iter().find(|a| a.name() == name).unwrap()
    }

    #[test]
    fn a_predecessor_filed_under_an_agency_that_goes_on_is_not_a_link_nor_a_name() {
        let snapshot = snapshot(
            json!({
                "Arbetarskyddsstyrelsen": {"end": "1987-07-01T00:00:00"},
                "Arbetarskyddsverket": {"start": "1987-07-01T00:00:00", "end": "2001-01-01T00:00:00",
                                        "replaces": ["Arbetarskyddsstyrelsen"]},
                "Arbetsmiljöverket": {"start": "2001-01-01T00:00:00", "replaces": ["Arbetarskyddsverket"]},
            }),
            json!({}),
            "arbetarskyddsstyrelsen,Arbetsmiljöverket\n",
        );
        assert_eq!(
            links(&snapshot),
            [(
                "Arbetarskyddsverket",
                "Arbetsmiljöverket",
                "replaced",
                date("2001-01-01")
            )]
        );
        let av = agency(&snapshot, "Arbetsmiljöverket");
        assert_eq!(av.names.len(), 1, "{:?}", av.names);
        assert_eq!(av.started_on, date("2001-01-01"));
        assert_eq!(av.ended_on, None);
        assert_eq!(
            av.aliases.get("Arbetarskyddsstyrelsen"),
            Some(&AliasKind::FormerName)
        );
        assert!(
            snapshot.skipped.iter().any(|s| {
                s.contains(
                "'Arbetsmiljöverket' did not end when 'Arbetarskyddsverket' took over on 1987-07-01"
            )
            }),
            "{:?}",
            snapshot.skipped
        );
    }

    #[test]
    fn a_replaced_agency_without_an_end_ended_when_its_successor_took_its_name() {
        let snapshot = snapshot(
            json!({
                "Rikspolisstyrelsen": {"start": "1984-10-01T00:00:00", "end": "2015-01-01T00:00:00"},
                "Polismyndigheten": {"start": "2015-01-01T00:00:00", "replaces": ["Rikspolisstyrelsen"]},
            }),
            json!({
                "Polismyndigheten": {"start": "2015-01-01T00:00:00Z",
                                     "replaces": ["Polismyndigheten i Blekinge län"]},
                "Polismyndigheten i Blekinge län": {"replaced_by": ["Polismyndigheten"]},
            }),
            "rikspolisstyrelsen,Polismyndigheten\n",
        );
        let police = agency(&snapshot, "Polismyndigheten");
        let names: Vec<(&str, Option<PartialDate>, Option<PartialDate>)> = police
            .names
            .iter()
            .map(|n| (n.sv.as_str(), n.valid_from, n.valid_to))
            .collect();
        assert_eq!(
            names,
            [
                ("Rikspolisstyrelsen", date("1984-10-01"), date("2015-01-01")),
                ("Polismyndigheten", date("2015-01-01"), None),
            ]
        );
        // Dated by the name the successor took that day (SFS's day, not
        // Wikidata's year, and not the start of the agency as a whole).
        assert_eq!(
            links(&snapshot),
            [(
                "Polismyndigheten i Blekinge län",
                "Polismyndigheten",
                "replaced",
                date("2015-01-01")
            )]
        );
        let blekinge = agency(&snapshot, "Polismyndigheten i Blekinge län");
        assert_eq!(blekinge.ended_on, date("2015-01-01"));
        assert!(snapshot
            .conflicts
            .iter()
            .any(|c| c.starts_with("Polismyndigheten i Blekinge län: no register gives an end")));
    }

    #[test]
    fn two_agencies_named_each_other_s_predecessor_are_not_linked() {
        let snapshot = snapshot(
            json!({
                "Östra verket": {"start": "1990-01-01T00:00:00", "end": "2000-01-01T00:00:00",
                                 "replaces": ["Västra verket"]},
                "Västra verket": {"start": "1990-01-01T00:00:00", "end": "2000-01-01T00:00:00",
                                  "replaces": ["Östra verket"]},
            }),
            json!({}),
            "",
        );
        assert_eq!(links(&snapshot), []);
        assert_eq!(
            snapshot
                .skipped
                .iter()
                .filter(|s| s.contains("are each named the other's predecessor"))
                .count(),
            2
        );
    }
}
