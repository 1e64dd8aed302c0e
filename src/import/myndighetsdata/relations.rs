//! How merged agencies relate: names passed on, and the ministries they
//! answer to, as agencies of their own. Which agencies replaced which is
//! [`super::lineage`].

use std::collections::BTreeSet;

use chrono::Datelike;

use crate::domain::{AgencyKind, PartialDate, Precision};

use super::facts::is_ministry;
use super::snapshot::{Agency, DatedName, Snapshot};

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
pub(super) fn ministries_today(snapshot: &Snapshot) -> BTreeSet<String> {
    snapshot
        .agencies
        .iter()
        .filter(|a| a.ended_on.is_none())
        .filter_map(|a| a.ministry.clone())
        .collect()
}
