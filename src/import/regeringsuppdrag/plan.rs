//! From items to assignments: each item read ([`extract`]) and its
//! recipients resolved ([`Directory::resolve`]); an amendment joined to the
//! assignment it changes when that can be found, as a dated version; what
//! an assignment should look like, before anything is written.

use std::collections::{BTreeMap, HashMap, HashSet};

use chrono::NaiveDate;
use uuid::Uuid;

use super::extract::{extract, Extracted};
use super::files::Item;
use super::resolve::{Directory, Recipients};
use super::text;
use crate::domain::{AssignmentKind, PartialDate, Unresolved};
use crate::import::myndighetsdata::clean;
use original::original;

/// A change an amendment makes, from its date.
#[derive(Debug, Clone, PartialEq)]
pub struct Change {
    /// The amendment's item.
    pub item: usize,
    pub from: PartialDate,
    /// The text of the amendment: the new scope.
    pub scope: Option<String>,
    /// A new final due date, if it gives one.
    pub due: Option<PartialDate>,
    pub interim: Vec<PartialDate>,
    /// A new lead, where the amendment gives the assignment to another.
    pub lead: Option<Uuid>,
    /// The amendment ends the assignment on its date.
    pub ends: bool,
}

/// One assignment to write.
#[derive(Debug, Clone)]
pub struct Planned {
    /// The item that gave it.
    pub item: usize,
    pub slug: String,
    pub kind: AssignmentKind,
    pub read: Extracted,
    /// When it was given: the month published, or the day of the decision
    /// where an amendment cites it.
    pub start: PartialDate,
    pub recipients: Recipients,
    /// The phrases that named its recipients, as published.
    pub recipient_text: Option<String>,
    /// The amendments that change it, oldest first.
    pub changes: Vec<Change>,
    /// Case numbers with the item that gives each.
    pub case_numbers: Vec<(String, usize)>,
}

/// Everything a file says, planned.
#[derive(Debug, Default)]
pub struct Plan {
    pub items: usize,
    pub assignments: Vec<Planned>,
    /// Items left out, with the reason.
    pub skipped: Vec<String>,
    pub amendments_linked: usize,
    pub amendments_alone: usize,
}

impl Plan {
    /// How many assignments have no recipient agency, by reason.
    pub fn unresolved(&self) -> BTreeMap<Unresolved, usize> {
        let mut counts = BTreeMap::new();
        for planned in &self.assignments {
            if let Some(reason) = planned.recipients.unresolved {
                *counts.entry(reason).or_default() += 1;
            }
        }
        counts
    }

    /// Assignments with at least one recipient agency.
    pub fn resolved(&self) -> usize {
        self.assignments
            .iter()
            .filter(|p| p.recipients.unresolved.is_none())
            .count()
    }
}

/// The slug an earlier import gave the page (in `existing`), or a new one
/// from the page's name (`/regeringsuppdrag/2018/01/
/// uppdrag-angaende-utvardering-av-barnahus/`), unique in the plan and
/// against `taken`.
fn slug_for(
    item: &Item,
    existing: &HashMap<String, String>,
    used: &mut HashSet<String>,
    taken: &HashSet<String>,
) -> String {
    if let Some(slug) = existing.get(&item.page) {
        return slug.clone();
    }
    let last = item
        .page
        .trim_end_matches('/')
        .rsplit('/')
        .next()
        .unwrap_or("");
    let mut base = clean::slug(last);
    if base.is_empty() {
        base = clean::slug(&item.title);
    }
    let mut candidates = vec![
        base.clone(),
        format!("{base}-{:04}-{:02}", item.year, item.month),
    ];
    candidates.extend((2..1000).map(|n| format!("{base}-{n}")));
    let slug = candidates
        .into_iter()
        .find(|c| !used.contains(c) && !taken.contains(c))
        .unwrap_or_else(|| format!("{base}-{}", Uuid::new_v4().simple()));
    used.insert(slug.clone());
    slug
}

/// Plans `items`. `taken` are slugs of assignments the registry has that
/// no item gave; `existing` the slugs of those earlier imports of these
/// pages made (kept).
pub fn plan(
    items: &[Item],
    directory: &Directory,
    taken: &HashSet<String>,
    existing: &HashMap<String, String>,
    progress: &dyn Fn(),
) -> Plan {
    let mut plan = Plan {
        items: items.len(),
        ..Plan::default()
    };
    let mut seen: HashMap<(String, String), usize> = HashMap::new();
    let mut amendments = Vec::new();
    for (at, item) in items.iter().enumerate() {
        progress();
        let text = item.text.clone().unwrap_or_default();
        if let Some(first) = seen.get(&(item.title.clone(), text.clone())) {
            if !text.trim().is_empty() {
                plan.skipped.push(format!(
                    "{}: the same title and text as {}",
                    item.page, items[*first].page
                ));
                continue;
            }
        }
        seen.insert((item.title.clone(), text), at);
        let read = extract(item);
        let published = item.published();
        let recipients = directory.resolve(&read, published);
        if read.amendment {
            amendments.push((at, read, recipients));
            continue;
        }
        let kind = AssignmentKind::GovernmentAssignment;
        plan.assignments
            .push(planned(at, item, kind, read, recipients));
    }
    for (at, read, recipients) in amendments {
        let item = &items[at];
        match original(&plan.assignments, items, item, &read, &recipients) {
            Some(index) => {
                amend(&mut plan.assignments[index], at, item, read, recipients);
                plan.amendments_linked += 1;
            }
            None => {
                let kind = AssignmentKind::Amendment;
                plan.assignments
                    .push(planned(at, item, kind, read, recipients));
                plan.amendments_alone += 1;
            }
        }
    }
    // Slugs last, once it is known which items stand alone: a page keeps
    // the slug an earlier import gave it, and the slug of a page that is
    // now part of another assignment is free again (its assignment is
    // withdrawn). The assignments first, then the amendments, each in the
    // file's order.
    let standing: HashSet<&str> = plan
        .assignments
        .iter()
        .map(|p| items[p.item].page.as_str())
        .collect();
    let mut used: HashSet<String> = existing
        .iter()
        .filter(|(page, _)| standing.contains(page.as_str()))
        .map(|(_, slug)| slug.clone())
        .collect();
    for planned in &mut plan.assignments {
        planned.slug = slug_for(&items[planned.item], existing, &mut used, taken);
    }
    plan.assignments.sort_by_key(|p| p.item);
    plan
}

/// An item planned as an assignment of its own; its slug comes last.
fn planned(
    at: usize,
    item: &Item,
    kind: AssignmentKind,
    read: Extracted,
    recipients: Recipients,
) -> Planned {
    let recipient_text =
        (!read.recipient_phrases.is_empty()).then(|| read.recipient_phrases.join("; "));
    let case_numbers = read
        .case_numbers
        .iter()
        .chain(&read.cited_case_numbers)
        .map(|n| (n.written.clone(), at))
        .collect();
    Planned {
        item: at,
        slug: String::new(),
        kind,
        start: item.published(),
        recipients,
        recipient_text,
        changes: Vec::new(),
        case_numbers,
        read,
    }
}

/// Joins an amendment to its original: the decision day it cites dates the
/// original to the day; from its month, a version with its text as scope
/// and its deadline, or another lead.
fn amend(original: &mut Planned, at: usize, item: &Item, read: Extracted, recipients: Recipients) {
    // The decision is made days, at most weeks, before it is published.
    if let Some(day) = read.cited_decision {
        let published = original.start;
        let earliest = published
            .first_day()
            .checked_sub_months(chrono::Months::new(2))
            .unwrap_or(NaiveDate::MIN);
        if day < published.day_after() && day >= earliest {
            original.start = PartialDate::day(day);
        }
    }
    for number in read.case_numbers.iter().chain(&read.cited_case_numbers) {
        if !original
            .case_numbers
            .iter()
            .any(|(n, _)| text::core_of(n) == number.core())
        {
            original.case_numbers.push((number.written.clone(), at));
        }
    }
    let known = original
        .recipients
        .lead
        .iter()
        .chain(&original.recipients.co_recipients)
        .copied()
        .collect::<Vec<_>>();
    let lead = recipients
        .lead
        .filter(|lead| !known.is_empty() && !known.contains(lead));
    original.changes.push(Change {
        item: at,
        from: item.published(),
        scope: item.text.clone().filter(|t| !t.trim().is_empty()),
        due: read.due,
        interim: read.interim,
        lead,
        ends: read.ends,
    });
}

mod original;

#[cfg(test)]
mod tests;
