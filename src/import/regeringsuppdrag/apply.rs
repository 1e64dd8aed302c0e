//! Writing a plan: each assignment's facts as the file says them (versions,
//! holdings, co-recipients and consulted agencies, case numbers, interim
//! reports), compared with what an earlier import recorded and written
//! only where they differ. A second import of the same file writes
//! nothing; a newer one rewrites the assignments it changes.

use std::collections::{BTreeMap, HashMap};

use serde_json::{json, Value};
use sqlx::PgConnection;
use uuid::Uuid;

use super::files::Item;
use super::plan::{Plan, Planned};
use super::resolve::Directory;
use crate::domain::{AssignmentRole, PartialDate, Unresolved};

/// What an import did.
#[derive(Debug, Default)]
pub struct Summary {
    pub items: usize,
    pub created: usize,
    pub updated: usize,
    pub unchanged: usize,
    pub resolved: usize,
    pub unresolved: BTreeMap<Unresolved, usize>,
    pub amendments_linked: usize,
    pub amendments_alone: usize,
    pub with_due_date: usize,
    pub co_recipients: usize,
    pub consulted: usize,
    pub case_numbers: usize,
    pub interim_reports: usize,
    /// Items left out, and assignments the registry refused, with reasons.
    pub skipped: Vec<String>,
}

/// One fact's period.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Span {
    from: PartialDate,
    to: Option<PartialDate>,
}

fn text(date: Option<PartialDate>) -> Option<String> {
    date.map(|d| d.to_string())
}

/// A version of an assignment: title, scope, period, final due date, and
/// the source that gives it.
#[derive(Debug)]
struct Version {
    title: String,
    scope: Option<String>,
    span: Span,
    due: Option<PartialDate>,
    source: Uuid,
}

/// An assignment's facts as the file says them.
#[derive(Debug, Default)]
struct Desired {
    versions: Vec<Version>,
    holdings: Vec<(Uuid, Span, Uuid)>,
    participations: Vec<(Uuid, AssignmentRole, Span, Uuid)>,
    identifiers: Vec<(String, Uuid)>,
    reports: Vec<(PartialDate, Uuid)>,
}

impl Desired {
    /// The same shape as `stored_facts` builds in SQL.
    fn canonical(&self, planned: &Planned) -> Value {
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
fn desired(
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

async fn stored_facts(conn: &mut PgConnection, assignment: Uuid) -> Result<Value, sqlx::Error> {
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

/// Registers each item's page as a source; their ids by item.
async fn sources(
    conn: &mut PgConnection,
    plan: &Plan,
    items: &[Item],
) -> Result<HashMap<usize, Uuid>, sqlx::Error> {
    let mut ids = HashMap::new();
    let mut cited: Vec<(usize, &str)> = Vec::new();
    for planned in &plan.assignments {
        cited.push((planned.item, &planned.slug));
        for change in &planned.changes {
            cited.push((change.item, &planned.slug));
        }
    }
    for (at, slug) in cited {
        let item = &items[at];
        let url = item.url();
        let existing = sqlx::query_scalar!("select id from sources where url = $1", url)
            .fetch_optional(&mut *conn)
            .await?;
        let id = match existing {
            Some(id) => id,
            None => {
                let base = source_slug(item, slug);
                let mut id = None;
                for candidate in
                    std::iter::once(base.clone()).chain((2..100).map(|n| format!("{base}-{n}")))
                {
                    id = sqlx::query_scalar!(
                        "insert into sources (slug, title, publisher, published_on, url, language, note)
                         values ($1, $2, 'Regeringen (regeringen.se)', $3, $4, 'sv',
                                 'regeringen.se, via g0vse (Civic Tech Sweden). Published in ' || $5 || '; the day is not given.')
                         on conflict (slug) do nothing
                         returning id",
                        candidate,
                        super::text::split_title(&item.title).0,
                        item.published().first_day(),
                        url,
                        item.published().to_string(),
                    )
                    .fetch_optional(&mut *conn)
                    .await?;
                    if id.is_some() {
                        break;
                    }
                }
                id.expect("a free slug among a hundred")
            }
        };
        ids.insert(at, id);
    }
    Ok(ids)
}

/// `regeringen-2018-01-<the assignment's slug>`, at most 96 characters (a
/// slug may have 100, and a taken one gets a number).
fn source_slug(item: &Item, assignment_slug: &str) -> String {
    let mut slug = format!(
        "regeringen-{:04}-{:02}-{assignment_slug}",
        item.year, item.month
    );
    if slug.len() > 96 {
        slug.truncate(96);
        slug = slug.trim_end_matches('-').to_owned();
    }
    slug
}

/// Writes `plan`; `progress` is told after each assignment.
pub async fn apply(
    conn: &mut PgConnection,
    plan: &Plan,
    items: &[Item],
    directory: &Directory,
    progress: &dyn Fn(),
) -> Result<Summary, sqlx::Error> {
    let mut summary = Summary {
        items: plan.items,
        resolved: plan.resolved(),
        unresolved: plan.unresolved(),
        amendments_linked: plan.amendments_linked,
        amendments_alone: plan.amendments_alone,
        skipped: plan.skipped.clone(),
        ..Summary::default()
    };
    let sources = sources(conn, plan, items).await?;
    for planned in &plan.assignments {
        progress();
        let facts = desired(planned, items, &sources, directory);
        summary.with_due_date +=
            usize::from(facts.versions.last().is_some_and(|v| v.due.is_some()));
        summary.co_recipients += planned.recipients.co_recipients.len();
        summary.consulted += planned.recipients.consulted.len();
        summary.case_numbers += facts.identifiers.len();
        summary.interim_reports += facts.reports.len();
        let mut savepoint = sqlx::Connection::begin(&mut *conn).await?;
        match write(&mut savepoint, planned, &facts, sources[&planned.item]).await {
            Ok(outcome) => {
                savepoint.commit().await?;
                match outcome {
                    Outcome::Created => summary.created += 1,
                    Outcome::Updated => summary.updated += 1,
                    Outcome::Unchanged => summary.unchanged += 1,
                }
            }
            Err(sqlx::Error::Database(error))
                if error
                    .code()
                    .is_some_and(|c| c == "RG001" || c.starts_with("23")) =>
            {
                savepoint.rollback().await?;
                summary.skipped.push(format!(
                    "{}: the registry refused it: {}",
                    items[planned.item].page,
                    error.message()
                ));
            }
            Err(error) => return Err(error),
        }
    }
    Ok(summary)
}

enum Outcome {
    Created,
    Updated,
    Unchanged,
}

async fn write(
    conn: &mut PgConnection,
    planned: &Planned,
    facts: &Desired,
    source: Uuid,
) -> Result<Outcome, sqlx::Error> {
    let existing = sqlx::query_scalar!(
        "select id from assignments where source_id = $1 and kind <> 'standing'",
        source
    )
    .fetch_optional(&mut *conn)
    .await?;
    let outcome = match existing {
        Some(id) => {
            if stored_facts(conn, id).await? == facts.canonical(planned) {
                return Ok(Outcome::Unchanged);
            }
            for statement in [
                "delete from assignment_reports where assignment_id = $1",
                "delete from assignment_identifiers where assignment_id = $1",
                "delete from assignment_participations where assignment_id = $1",
                "delete from holdings where assignment_id = $1",
                "delete from assignment_versions where assignment_id = $1",
            ] {
                sqlx::query(statement).bind(id).execute(&mut *conn).await?;
            }
            sqlx::query!(
                "update assignments set kind = $2, recipient_text = $3, unresolved = $4 where id = $1",
                id,
                planned.kind.as_str(),
                planned.recipient_text,
                planned.recipients.unresolved.map(Unresolved::as_str),
            )
            .execute(&mut *conn)
            .await?;
            (id, Outcome::Updated)
        }
        None => {
            let id = sqlx::query_scalar!(
                "insert into assignments (slug, jurisdiction, kind, recipient_text, unresolved, source_id)
                 values ($1, 'national', $2, $3, $4, $5) returning id",
                planned.slug,
                planned.kind.as_str(),
                planned.recipient_text,
                planned.recipients.unresolved.map(Unresolved::as_str),
                source,
            )
            .fetch_one(&mut *conn)
            .await?;
            (id, Outcome::Created)
        }
    };
    let id = outcome.0;
    for Version {
        title,
        scope,
        span,
        due,
        source: cited,
    } in &facts.versions
    {
        sqlx::query!(
            "insert into assignment_versions (assignment_id, title_sv, scope_sv,
                 valid_from, valid_from_precision, valid_to, valid_to_precision, due_on, due_on_precision, source_id)
             values ($1, $2, $3, partial_date_day($4), partial_date_precision($4),
                     partial_date_day($5), partial_date_precision($5),
                     partial_date_day($6), partial_date_precision($6), $7)",
            id, title, scope.as_deref(), span.from.to_string(), text(span.to), text(*due), cited,
        )
        .execute(&mut *conn)
        .await?;
    }
    for (agency, span, cited) in &facts.holdings {
        sqlx::query!(
            "insert into holdings (assignment_id, agency_id, valid_from, valid_from_precision,
                                   valid_to, valid_to_precision, source_id)
             values ($1, $2, partial_date_day($3), partial_date_precision($3),
                     partial_date_day($4), partial_date_precision($4), $5)",
            id,
            agency,
            span.from.to_string(),
            text(span.to),
            cited,
        )
        .execute(&mut *conn)
        .await?;
    }
    for (agency, role, span, cited) in &facts.participations {
        sqlx::query!(
            "insert into assignment_participations (assignment_id, agency_id, role, valid_from, valid_from_precision,
                                                    valid_to, valid_to_precision, source_id)
             values ($1, $2, $3, partial_date_day($4), partial_date_precision($4),
                     partial_date_day($5), partial_date_precision($5), $6)",
            id, agency, role.as_str(), span.from.to_string(), text(span.to), cited,
        )
        .execute(&mut *conn)
        .await?;
    }
    for (value, cited) in &facts.identifiers {
        sqlx::query!(
            "insert into assignment_identifiers (assignment_id, scheme, value, source_id)
             values ($1, 'diarienummer', $2, $3)",
            id,
            value,
            cited,
        )
        .execute(&mut *conn)
        .await?;
    }
    for (due, cited) in &facts.reports {
        sqlx::query!(
            "insert into assignment_reports (assignment_id, due_on, due_on_precision, source_id)
             values ($1, partial_date_day($2), partial_date_precision($2), $3)",
            id,
            due.to_string(),
            cited,
        )
        .execute(&mut *conn)
        .await?;
    }
    Ok(outcome.1)
}
