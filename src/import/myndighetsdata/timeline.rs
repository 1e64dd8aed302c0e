//! The names a merged agency has had, each dated where the registers
//! allow, and when it ended.

use std::collections::{BTreeMap, BTreeSet};

use chrono::{Datelike, NaiveDate};

use crate::domain::{PartialDate, Precision};

use super::snapshot::{AliasKind, DatedName, Entry, Register};

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

/// One end of a name's period.
#[derive(Clone, Copy)]
enum Bound {
    Start,
    End,
}

impl Bound {
    fn of(self, entry: &Entry) -> Option<PartialDate> {
        match self {
            Bound::Start => entry.start,
            Bound::End => entry.end,
        }
    }

    /// The one of two dates that bounds both periods: the earlier start,
    /// the later end.
    fn outer(self, a: PartialDate, b: PartialDate) -> PartialDate {
        let earlier = a.first_day() <= b.first_day();
        match (self, earlier) {
            (Bound::Start, true) | (Bound::End, false) => a,
            _ => b,
        }
    }

    fn noun(self) -> &'static str {
        match self {
            Bound::Start => "start",
            Bound::End => "end",
        }
    }
}

/// The date of the first register in date precedence that gives one; the
/// others that do not agree are conflicts.
///
/// SFS keys an agency's instructions by the name each gave it, so two SFS
/// entries under one name (spelt in another case, or with a word broken at
/// a line's end) are its instructions in turn: SFS dates the name by the
/// span they cover together. A bound that one of them leaves open (an
/// instruction from before the register, one still in force) leaves the
/// span open there, as it does for a single entry.
fn dated(
    bound: Bound,
    name: &str,
    entries: &[&Entry],
    conflicts: &mut Vec<String>,
) -> Option<PartialDate> {
    let order = [
        Register::Sfs,
        Register::Wd,
        Register::Scb,
        Register::Stkt,
        Register::Esv,
    ];
    let mut given: Vec<(Register, PartialDate)> = Vec::new();
    for register in order {
        let dates = entries
            .iter()
            .filter(|entry| entry.register == register)
            .map(|entry| bound.of(entry));
        if register == Register::Sfs {
            let span = dates
                .collect::<Option<Vec<PartialDate>>>()
                .and_then(|dates| dates.into_iter().reduce(|a, b| bound.outer(a, b)));
            given.extend(span.map(|date| (register, date)));
        } else {
            given.extend(dates.flatten().map(|date| (register, date)));
        }
    }
    let (winner, date) = *given.first()?;
    for (register, other) in &given[1..] {
        if !agree(&date, other) {
            conflicts.push(format!(
                "{name}: {} {date} ({}) kept over {other} ({})",
                bound.noun(),
                winner.file(),
                register.file()
            ));
        }
    }
    Some(date)
}

/// Its names oldest first (the last is the current one), and its end. A
/// name that cannot be placed in time is added to `aliases` as a former
/// name; `english` gives a name's English form where a register does.
/// `renamed` are (old, new) pairs of names a register gives as a name and
/// among its old names; `as_of` is the snapshot's date.
pub fn names(
    entries: &[Entry],
    english: impl Fn(&str) -> Option<String>,
    renamed: &[(String, String)],
    as_of: NaiveDate,
    aliases: &mut BTreeMap<String, AliasKind>,
    conflicts: &mut Vec<String>,
) -> (Vec<DatedName>, Option<PartialDate>) {
    let officials = officials(entries, renamed, as_of, conflicts);
    let current = officials.last().expect("a group has entries");
    let mut names = dated_earlier(&officials, &english, aliases);
    let from = names.last().and_then(|n| n.valid_to).or(current.1);
    // A last name that begins in the year that its end, known only to the
    // year, falls in (a winding-up organisation's name, or a spelling
    // ESV ends in 2000 after SFS's name ended on 2000-07-01) cannot be
    // dated: it is kept as a former name, and the agency ended with the
    // name before it.
    if let (Some(from), Some(to), Some(previous)) = (from, current.2, names.last()) {
        if to.precision() != Precision::Day && agree(&from, &to) {
            conflicts.push(format!(
                "{}: begins {from}, within its end {to}: kept as a former name; the agency ended with '{}'",
                current.0, previous.sv
            ));
            aliases.insert(current.0.clone(), AliasKind::FormerName);
            let previous = names.pop().expect("a name before");
            let end = previous.valid_to;
            names.push(DatedName {
                valid_to: None,
                ..previous
            });
            return (names, end);
        }
    }
    let (current_from, current_to) = match (from, current.2) {
        // An agency of one name that began and ended within the year its
        // registers give for both (a winding-up agency, ESV's 2009 and
        // 2009): it has ended; when it began is left unknown, as a start
        // cannot be stored on or after its end.
        (Some(from), Some(to))
            if names.is_empty() && to.precision() != Precision::Day && agree(&from, &to) =>
        {
            conflicts.push(format!(
                "{}: start {from} and end {to} fall in one year; the start is left unknown",
                current.0
            ));
            (None, Some(to))
        }
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
    (names, current_to)
}

/// A name an agency has had, with the start and end its registers give.
type Official = (String, Option<PartialDate>, Option<PartialDate>);

/// The names it has had, each with its own dates, in order: by end (an
/// unknown end last), then by start.
fn officials(
    entries: &[Entry],
    renamed: &[(String, String)],
    as_of: NaiveDate,
    conflicts: &mut Vec<String>,
) -> Vec<Official> {
    let mut officials: Vec<Official> = Vec::new();
    let distinct: BTreeSet<String> = entries.iter().map(Entry::own_name).collect();
    for name in &distinct {
        let of_name: Vec<&Entry> = entries
            .iter()
            .filter(|entry| &entry.own_name() == name)
            .collect();
        let start = dated(Bound::Start, name, &of_name, conflicts);
        let end = dated(Bound::End, name, &of_name, conflicts);
        officials.push((name.clone(), start, end));
    }
    renamed_by_the_snapshot(&mut officials, renamed, as_of, conflicts);
    // An end known to the year may fall on its last day: "2006" comes
    // after 2006-01-01.
    officials.sort_by_key(|(_, start, end)| {
        (
            end.is_none(),
            end.map(|d| d.day_after()),
            start.map(|d| d.first_day()),
        )
    });
    officials
}

/// The names before the current one (the last of `officials`) that can be
/// placed in time, dated from the end of the one before; the others are
/// added to `aliases` as former names.
fn dated_earlier(
    officials: &[Official],
    english: &impl Fn(&str) -> Option<String>,
    aliases: &mut BTreeMap<String, AliasKind>,
) -> Vec<DatedName> {
    let earlier = &officials[..officials.len() - 1];
    // Earlier names are dated by their ends; one whose end is not known is
    // kept as a former name. So is one that ends well before the next name
    // starts (to the day: SCB's years are often when it was registered):
    // not one agency renamed, but `matchlist.csv` filing Arbetarskydds-
    // styrelsen (to 1987) under Arbetsmiljöverket (from 2001).
    let mut names: Vec<DatedName> = Vec::new();
    for (index, (name, start, end)) in earlier.iter().enumerate() {
        let from = names.last().and_then(|n: &DatedName| n.valid_to).or(*start);
        let next_start = officials[index + 1].1;
        // A dated name that no register ends gave way to the next one
        // (Myndigheten för press, radio och tv to Mediemyndigheten).
        let gave_way =
            next_start.filter(|next| start.is_some_and(|s| s.first_day() < next.first_day()));
        let end = end.or(gave_way);
        let gap = match (end, next_start) {
            (Some(end), Some(next)) if next.precision() == Precision::Day => {
                !agree(&end, &next) && end.first_day() < next.first_day()
            }
            _ => false,
        };
        match end {
            Some(end) if !gap && from.map_or(true, |from| from.first_day() < end.first_day()) => {
                names.push(DatedName {
                    sv: name.clone(),
                    en: english(name),
                    valid_from: from,
                    valid_to: Some(end),
                })
            }
            _ => {
                aliases.insert(name.clone(), AliasKind::FormerName);
            }
        }
    }
    names
}

/// A name that a register gives as an old name of another, where the
/// registers end neither and no start dates the other after it: the other
/// had taken its place by the snapshot's date, but no register says when.
/// ESV names Myndigheten för civilt försvar with Myndigheten för
/// samhällsskydd och beredskap among its old names; SCB and Statskontoret still list the old name. The old name ends,
/// and the new one begins, on the snapshot's date (`as_of`), the latest day
/// it can be, and the conflict says so. Without it, whichever name sorted
/// last would be the current one, and the other a "former" name.
fn renamed_by_the_snapshot(
    officials: &mut [Official],
    renamed: &[(String, String)],
    as_of: NaiveDate,
    conflicts: &mut Vec<String>,
) {
    let find = |officials: &[Official], name: &str| {
        officials.iter().position(|(official, _, end)| {
            end.is_none() && official.to_lowercase() == name.to_lowercase()
        })
    };
    for (old, new) in renamed {
        let (Some(old), Some(new)) = (find(officials, old), find(officials, new)) else {
            continue;
        };
        // A later start dates the new name (Mediemyndigheten from 2024).
        let dated = match (officials[old].1, officials[new].1) {
            (Some(old_from), Some(new_from)) => new_from.first_day() > old_from.first_day(),
            (None, Some(_)) => true,
            _ => false,
        };
        if old == new || dated {
            continue;
        }
        let day = PartialDate::day(as_of);
        officials[old].2 = Some(day);
        officials[new].1 = Some(day);
        conflicts.push(format!(
            "{}: named so, with '{}' among its old names, by the snapshot's date; no register says since when, so the name is dated from {as_of}",
            officials[new].0, officials[old].0
        ));
    }
}
