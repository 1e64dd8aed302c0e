//! Which assignment an amendment changes.

use std::collections::{BTreeSet, HashSet};

use chrono::{Datelike, Months};
use uuid::Uuid;

use super::Planned;
use crate::import::regeringsuppdrag::extract::Extracted;
use crate::import::regeringsuppdrag::files::Item;
use crate::import::regeringsuppdrag::resolve::Recipients;
use crate::import::regeringsuppdrag::text;

/// The assignment an amendment changes: one whose page the amendment links
/// to, else one it cites by case number (where that one was given to none
/// of the recipients the amendment names, one given to them whose title
/// says something of the same, if there is one), else one given on the
/// decision day it cites, else the one whose title says the same, given to
/// the same agency; always given before the amendment was published. An
/// index into `assignments`, planned so far.
pub(super) fn original(
    assignments: &[Planned],
    items: &[Item],
    item: &Item,
    read: &Extracted,
    recipients: &Recipients,
) -> Option<usize> {
    let published = item.published().first_day();
    let amendment = Amendment {
        read,
        subject: text::subject_words(&text::amended_subject(&read.title)),
        recipients: recipients
            .lead
            .iter()
            .chain(&recipients.co_recipients)
            .copied()
            .collect(),
        cited: read
            .cited_case_numbers
            .iter()
            .chain(&read.case_numbers)
            .map(|number| number.core())
            .collect(),
    };
    let earlier: Vec<usize> = (0..assignments.len())
        .filter(|&i| assignments[i].start.first_day() <= published)
        .collect();
    // Each way is tried only if the ones before it found nothing.
    let ways: [&dyn Fn(&Planned) -> bool; 4] = [
        &|planned| read.linked_pages.contains(&items[planned.item].page),
        &|planned| amendment.cites_case_number_of(planned) && amendment.may_change(planned),
        &|planned| amendment.given_on_decision_day(planned),
        &|planned| amendment.says_the_same(planned),
    ];
    let (way, mut found): (usize, Vec<usize>) = ways
        .iter()
        .map(|way| {
            earlier
                .iter()
                .copied()
                .filter(|&i| way(&assignments[i]))
                .collect()
        })
        .enumerate()
        .find(|(_, found): &(usize, Vec<usize>)| !found.is_empty())?;
    // A case number cited by an assignment given to others (an evaluation
    // of the one amended, say) yields to one given to the amendment's own
    // recipients that says something of the same.
    const BY_CASE_NUMBER: usize = 1;
    let given_to_others = found
        .iter()
        .all(|&i| !amendment.shares_recipient(&assignments[i]));
    if way == BY_CASE_NUMBER && !amendment.recipients.is_empty() && given_to_others {
        let theirs: Vec<usize> = earlier
            .iter()
            .copied()
            .filter(|&i| amendment.shares_recipient(&assignments[i]))
            .filter(|&i| amendment.similarity(&assignments[i]) >= 0.3)
            .collect();
        if !theirs.is_empty() {
            found = theirs;
        }
    }
    // The likest; of equals, the one planned last.
    found.into_iter().max_by(|&a, &b| {
        amendment
            .likeness(&assignments[a])
            .total_cmp(&amendment.likeness(&assignments[b]))
            .then(a.cmp(&b))
    })
}

/// What an amendment says of the assignment it changes.
struct Amendment<'a> {
    read: &'a Extracted,
    /// The words of the subject its title names.
    subject: BTreeSet<String>,
    /// Its lead and co-recipients.
    recipients: HashSet<Uuid>,
    /// The case numbers it cites or has, as [`text::CaseNumber::core`] gives them.
    cited: HashSet<String>,
}

impl Amendment<'_> {
    /// How much of the subject `planned`'s title shares (0 to 1).
    fn similarity(&self, planned: &Planned) -> f64 {
        let theirs = text::subject_words(&planned.read.title);
        let common = self.subject.intersection(&theirs).count() as f64;
        let all = self.subject.union(&theirs).count().max(1) as f64;
        common / all
    }

    /// Whether `planned` was given to one of the amendment's recipients.
    fn shares_recipient(&self, planned: &Planned) -> bool {
        planned
            .recipients
            .lead
            .iter()
            .chain(&planned.recipients.co_recipients)
            .any(|agency| self.recipients.contains(agency))
    }

    /// How the candidates found one way are ranked: the title's
    /// similarity, and half as much again for a shared recipient.
    fn likeness(&self, planned: &Planned) -> f64 {
        self.similarity(planned)
            + if self.shares_recipient(planned) {
                0.5
            } else {
                0.0
            }
    }

    /// Whether `planned` has a case number the amendment cites or has.
    fn cites_case_number_of(&self, planned: &Planned) -> bool {
        planned
            .read
            .case_numbers
            .iter()
            .any(|number| self.cited.contains(&number.core()))
    }

    /// Whether the amendment can be about `planned`, which has a case
    /// number it cites: `planned` was given to one of its recipients, or
    /// its title says something of the same. A text also cites other
    /// decisions: "Arbetsförmedlingen har den 14 oktober 2020 fått i
    /// uppdrag att införa ett intensivår (A2020/02108)", in Statskontoret's
    /// assignment to analyse it, is not Statskontoret's case number.
    fn may_change(&self, planned: &Planned) -> bool {
        self.shares_recipient(planned) || self.similarity(planned) >= 0.3
    }

    /// Whether `planned` was given in the month of the decision day the
    /// amendment cites or the next two, and its title says something of
    /// the same.
    fn given_on_decision_day(&self, planned: &Planned) -> bool {
        let Some(day) = self.read.cited_decision else {
            return false;
        };
        let month = day.with_day0(0).unwrap_or(day);
        let until = month.checked_add_months(Months::new(3)).unwrap_or(month);
        let similarity = self.similarity(planned);
        (month..until).contains(&planned.start.first_day())
            && ((self.shares_recipient(planned) && similarity >= 0.1) || similarity >= 0.3)
    }

    /// Whether `planned`'s title says the same, and it was given to the
    /// same agency (where the amendment names one), or nearly all of it.
    fn says_the_same(&self, planned: &Planned) -> bool {
        let similarity = self.similarity(planned);
        (similarity >= 0.5 && (self.recipients.is_empty() || self.shares_recipient(planned)))
            || similarity >= 0.8
    }
}
