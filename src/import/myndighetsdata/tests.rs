//! The registers merged, on snapshots small enough to read: names over
//! time, and lineage that does not contradict itself.

use serde_json::{json, Value};

use super::files::{matchlist, Files};
use super::merge::merge;
use super::snapshot::{one_spelling, Agency, AliasKind, Snapshot};
use crate::domain::PartialDate;

fn snapshot(sfs: Value, wd: Value, spellings: &str) -> Snapshot {
    let files = Files {
        sfs: serde_json::from_value(sfs).unwrap(),
        wd: serde_json::from_value(wd).unwrap(),
        matchlist: matchlist(&format!("name,official_name\n{spellings}")).unwrap(),
        ..Files::default()
    };
    merge(&files, &[], as_of())
}

/// The carried snapshot's date.
fn as_of() -> chrono::NaiveDate {
    chrono::NaiveDate::from_ymd_opt(2026, 1, 2).unwrap()
}

/// A register's entries, from JSON as its file writes them.
fn parsed<T: serde::de::DeserializeOwned>(entries: Value) -> T {
    serde_json::from_value(entries).unwrap()
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
                l.kind.as_str(),
                l.effective_on,
            )
        })
        .collect()
}

/// (name, valid_from, valid_to), oldest first.
fn names(agency: &Agency) -> Vec<(&str, Option<PartialDate>, Option<PartialDate>)> {
    agency
        .names
        .iter()
        .map(|n| (n.sv.as_str(), n.valid_from, n.valid_to))
        .collect()
}

fn agency<'a>(snapshot: &'a Snapshot, name: &str) -> &'a Agency {
    snapshot.agencies.iter().find(|a| a.name() == name).unwrap()
}

/// (name, started_on, ended_on) of an agency.
fn lifetime<'a>(
    snapshot: &'a Snapshot,
    name: &str,
) -> (&'a str, Option<PartialDate>, Option<PartialDate>) {
    let agency = agency(snapshot, name);
    (agency.name(), agency.started_on, agency.ended_on)
}

mod lifetimes;
mod lineage;
