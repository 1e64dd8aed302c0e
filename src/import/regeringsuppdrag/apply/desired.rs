//! What an assignment should be, as the file says it ([`desired`]), and
//! what an earlier import recorded ([`stored_facts`]), in one shape so that
//! they compare.

use std::collections::HashMap;

use serde_json::{json, Value};
use sqlx::PgConnection;
use uuid::Uuid;

use super::super::files::Item;
use super::super::plan::Planned;
use super::super::resolve::Directory;
use crate::domain::{AssignmentRole, PartialDate, Unresolved};

/// One fact's period.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct Span {
    pub(super) from: PartialDate,
    pub(super) to: Option<PartialDate>,
}

pub(super) fn text(date: Option<PartialDate>) -> Option<String> {
    date.map(|d| d.to_string())
}

/// A version of an assignment: title, scope, period, final due date, and
/// the source that gives it.
#[derive(Debug)]
pub(super) struct Version {
    pub(super) title: String,
    pub(super) scope: Option<String>,
    pub(super) span: Span,
    pub(super) due: Option<PartialDate>,
    pub(super) source: Uuid,
}

/// An assignment's facts as the file says them.
#[derive(Debug, Default)]
pub(super) struct Desired {
    pub(super) versions: Vec<Version>,
    pub(super) holdings: Vec<(Uuid, Span, Uuid)>,
    pub(super) participations: Vec<(Uuid, AssignmentRole, Span, Uuid)>,
    pub(super) identifiers: Vec<(String, Uuid)>,
    pub(super) reports: Vec<(PartialDate, Uuid)>,
}

impl Desired {
    /// The same shape as `stored_facts` builds in SQL.
    pub(super) fn canonical(&self, planned: &Planned) -> Value {
        let span = |s: &Span| json!([s.from.to_string(), text(s.to)]);
        json!({
            "kind": planned.kind.as_str(),
            "recipient_text": planned.recipient_text,
            "unresolved": planned.recipients.unresolved.map(Unresolved::as_str),
            "versions": self.versions.iter().map(|v|
                json!([v.title, v.scope, span(&v.span), text(v.due), v.source])).collect::<Vec<_>>(),
            "holdings": self.holdings.iter().map(|(agency, s, source)|
                json!([agency, span(s), source])).collect::<Vec<_>>(),
            "participations": self.participations.iter().map(|(agency, role, s, source)|
                json!([agency, role.as_str(), span(s), source])).collect::<Vec<_>>(),
            "identifiers": self.identifiers.iter().map(|(value, source)| json!([value, source])).collect::<Vec<_>>(),
            "reports": self.reports.iter().map(|(due, source)| json!([due.to_string(), source])).collect::<Vec<_>>(),
        })
    }
}

/// `span` cut to `agency`'s lifetime; none if nothing is left.
fn within(directory: &Directory, agency: Uuid, span: Span) -> Option<Span> {
    let (started, ended) = directory.lifetime(agency);
    let mut span = span;
    if let Some(started) = started {
        if span.from.first_day() < started {
            span.from = PartialDate::day(started);
        }
    }
    // A holding of an agency that ended ends with it.
    if let Some(ended) = ended {
        if span.to.map_or(true, |to| to.first_day() > ended) {
            span.to = Some(PartialDate::day(ended));
        }
    }
    match span.to {
        Some(to) if to.first_day() <= span.from.first_day() => None,
        _ => Some(span),
    }
}

/// What `planned` should be, citing `sources` (by item).
pub(super) fn desired(
    planned: &Planned,
    items: &[Item],
    sources: &HashMap<usize, Uuid>,
    directory: &Directory,
) -> Desired {
    let source = |item: usize| sources[&item];
    let mut facts = Desired::default();
    let title = planned.read.title.clone();
    let main = source(planned.item);
    // Versions: the original's, then one per amendment from its month; an
    // amendment in the original's own month corrects it instead.
    let mut versions: Vec<(Option<String>, PartialDate, Option<PartialDate>, Uuid)> = vec![(
        items[planned.item]
            .text
            .clone()
            .filter(|t| !t.trim().is_empty()),
        planned.start,
        planned.read.due,
        main,
    )];
    let mut reports: Vec<(PartialDate, Uuid)> =
        planned.read.interim.iter().map(|d| (*d, main)).collect();
    let mut leads: Vec<(PartialDate, Option<Uuid>, Uuid)> =
        vec![(planned.start, planned.recipients.lead, main)];
    let mut ended: Option<PartialDate> = None;
    for change in &planned.changes {
        let cited = source(change.item);
        let last = versions.last_mut().expect("a first version");
        let due = change.due.or(last.2);
        if change.from.first_day() <= last.1.first_day() {
            last.2 = due;
        } else {
            versions.push((change.scope.clone(), change.from, due, cited));
        }
        reports.extend(change.interim.iter().map(|d| (*d, cited)));
        if let Some(lead) = change.lead {
            if change.from.first_day() > planned.start.first_day() {
                leads.push((change.from, Some(lead), cited));
            }
        }
        if change.ends && change.from.first_day() > planned.start.first_day() {
            ended = Some(change.from);
        }
    }
    let due = versions.last().and_then(|v| v.2);
    let end = ended.or_else(|| due.map(|d| PartialDate::day(d.day_after())));
    for (at, (scope, from, due, cited)) in versions.iter().enumerate() {
        let to = versions.get(at + 1).map(|next| next.1);
        facts.versions.push(Version {
            title: title.clone(),
            scope: scope.clone(),
            span: Span { from: *from, to },
            due: *due,
            source: *cited,
        });
    }
    let whole = Span {
        from: planned.start,
        to: end,
    };
    for (at, (from, lead, cited)) in leads.iter().enumerate() {
        let to = leads.get(at + 1).map(|next| next.0).or(end);
        if let Some(lead) = lead {
            if let Some(span) = within(directory, *lead, Span { from: *from, to }) {
                facts.holdings.push((*lead, span, *cited));
            }
        }
    }
    let mut participants: Vec<(Uuid, AssignmentRole)> = planned
        .recipients
        .co_recipients
        .iter()
        .map(|a| (*a, AssignmentRole::CoRecipient))
        .chain(
            planned
                .recipients
                .consulted
                .iter()
                .map(|a| (*a, AssignmentRole::Consulted)),
        )
        .collect();
    participants.sort_by_key(|(agency, role)| (role.as_str(), *agency));
    for (agency, role) in participants {
        if let Some(span) = within(directory, agency, whole) {
            facts.participations.push((agency, role, span, main));
        }
    }
    let mut identifiers: Vec<(String, Uuid)> = planned
        .case_numbers
        .iter()
        .map(|(n, item)| (n.clone(), source(*item)))
        .collect();
    identifiers.sort();
    identifiers.dedup_by(|a, b| a.0 == b.0);
    facts.identifiers = identifiers;
    reports.retain(|(d, _)| end.map_or(true, |end| d.first_day() < end.first_day()));
    reports.sort_by_key(|(d, _)| d.first_day());
    reports.dedup_by_key(|(d, _)| d.first_day());
    facts.reports = reports;
    facts
}

pub(super) async fn stored_facts(
    conn: &mut PgConnection,
    assignment: Uuid,
) -> Result<Value, sqlx::Error> {
    let value = sqlx::query_scalar!(
        r#"
        select jsonb_build_object(
            'kind', a.kind, 'recipient_text', a.recipient_text, 'unresolved', a.unresolved,
            'versions', (select coalesce(jsonb_agg(jsonb_build_array(
                                 v.title_sv, v.scope_sv,
                                 jsonb_build_array(partial_date_text(v.valid_from, v.valid_from_precision),
                                                   partial_date_text(v.valid_to, v.valid_to_precision)),
                                 partial_date_text(v.due_on, v.due_on_precision), v.source_id)
                             order by v.valid_from), '[]')
                         from assignment_versions v where v.assignment_id = a.id),
            'holdings', (select coalesce(jsonb_agg(jsonb_build_array(
                                 h.agency_id,
                                 jsonb_build_array(partial_date_text(h.valid_from, h.valid_from_precision),
                                                   partial_date_text(h.valid_to, h.valid_to_precision)),
                                 h.source_id)
                             order by h.valid_from), '[]')
                         from holdings h where h.assignment_id = a.id),
            'participations', (select coalesce(jsonb_agg(jsonb_build_array(
                                 p.agency_id, p.role,
                                 jsonb_build_array(partial_date_text(p.valid_from, p.valid_from_precision),
                                                   partial_date_text(p.valid_to, p.valid_to_precision)),
                                 p.source_id)
                             order by p.role collate "C", p.agency_id), '[]')
                         from assignment_participations p where p.assignment_id = a.id),
            'identifiers', (select coalesce(jsonb_agg(jsonb_build_array(i.value, i.source_id)
                             order by i.value collate "C"), '[]')
                         from assignment_identifiers i where i.assignment_id = a.id),
            'reports', (select coalesce(jsonb_agg(jsonb_build_array(
                                 partial_date_text(r.due_on, r.due_on_precision), r.source_id)
                             order by r.due_on), '[]')
                         from assignment_reports r where r.assignment_id = a.id)
        ) as "facts!"
        from assignments a where a.id = $1
        "#,
        assignment
    )
    .fetch_one(conn)
    .await?;
    Ok(value)
}
