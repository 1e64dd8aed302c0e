//! Writing a plan: each assignment's facts as the file says them (versions,
//! holdings, co-recipients and consulted agencies, case numbers, interim
//! reports), compared with what an earlier import read and written only
//! where they differ. A second import of the same file writes nothing; a
//! newer one rewrites the assignments it changes, except those changed
//! through the API since they were imported: those are kept as the
//! registry has them and listed ([`Summary::kept`]), until the operator
//! decides otherwise ([`Decisions`]).

mod desired;
mod earlier;
mod sources;
mod withdraw;

use std::collections::{BTreeMap, BTreeSet, HashSet};

use sqlx::PgConnection;
use uuid::Uuid;

use super::files::Item;
use super::plan::{Plan, Planned};
use super::resolve::Directory;
use crate::domain::Unresolved;
use desired::{desired, stored_facts, text, Desired, Version};
use earlier::Earlier;
use sources::sources;

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
    /// Assignments of an earlier reading whose items are now part of
    /// another assignment, withdrawn or kept.
    pub withdrawn: Vec<String>,
    /// Assignments this file reads otherwise than the last import did,
    /// left as they are because they were changed through the API since.
    pub kept: Vec<String>,
    /// Of those, the ones the operator kept after comparing (`--keep`):
    /// left as they are, and no longer listed while files read them so.
    pub compared: Vec<String>,
    /// Of those, the ones the operator had rewritten from the file
    /// (`--replace`), writes through the API and all.
    pub replaced: Vec<String>,
    /// Slugs the operator decided of that needed no decision: the file reads
    /// them as the last import did, nobody changed them through the API, or
    /// the file has no such assignment.
    pub undecided: Vec<String>,
}

/// What the operator decided, by slug, of assignments that were changed
/// through the API and that the file reads otherwise than the last import.
/// Unless named here, such an assignment is kept and listed again by every
/// import.
#[derive(Debug, Default, Clone)]
pub struct Decisions {
    /// Compared by someone: the registry's record stands, and the file's
    /// reading counts as read, so later imports list it again only where a
    /// file reads it otherwise still.
    pub keep: BTreeSet<String>,
    /// The file's reading replaces the record, writes through the API and
    /// all (the change log keeps what they were).
    pub replace: BTreeSet<String>,
}

impl Decisions {
    fn of(&self, slug: &str) -> Option<Decision> {
        if self.replace.contains(slug) {
            Some(Decision::Replace)
        } else if self.keep.contains(slug) {
            Some(Decision::Keep)
        } else {
            None
        }
    }
}

#[derive(Clone, Copy)]
enum Decision {
    Keep,
    Replace,
}

/// Writes `plan`, as `decisions` say of what was changed through the API;
/// `progress` is told after each assignment.
pub async fn apply(
    conn: &mut PgConnection,
    plan: &Plan,
    items: &[Item],
    directory: &Directory,
    decisions: &Decisions,
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
    // Withdrawn before anything is written, so that the slug a withdrawn
    // assignment had is free for the assignment that now stands for its page.
    let standing: HashSet<&str> = plan
        .assignments
        .iter()
        .map(|planned| items[planned.item].page.as_str())
        .collect();
    let pages: Vec<String> = items.iter().map(Item::url).collect();
    let joined: Vec<String> = items
        .iter()
        .filter(|item| !standing.contains(item.page.as_str()))
        .map(Item::url)
        .collect();
    let earlier = Earlier::read(conn).await?;
    withdraw::withdraw(conn, &joined, &pages, &earlier, &mut summary).await?;
    let sources = sources(conn, plan, items).await?;
    let mut read = Vec::new();
    for planned in &plan.assignments {
        progress();
        let facts = desired(planned, items, &sources, directory);
        let reading = facts.canonical(planned);
        summary.with_due_date +=
            usize::from(facts.versions.last().is_some_and(|v| v.due.is_some()));
        summary.co_recipients += planned.recipients.co_recipients.len();
        summary.consulted += planned.recipients.consulted.len();
        summary.case_numbers += facts.identifiers.len();
        summary.interim_reports += facts.reports.len();
        let mut savepoint = sqlx::Connection::begin(&mut *conn).await?;
        let written = write(
            &mut savepoint,
            planned,
            (&facts, &reading),
            sources[&planned.item],
            (&earlier, decisions.of(&planned.slug)),
        )
        .await;
        match written {
            Ok((id, outcome)) => {
                savepoint.commit().await?;
                match outcome {
                    Outcome::Created => summary.created += 1,
                    Outcome::Updated => summary.updated += 1,
                    Outcome::Unchanged => summary.unchanged += 1,
                    Outcome::Kept => {
                        summary.kept.push(format!(
                            "assignment '{}': changed through the API since it was imported; {} reads it otherwise",
                            planned.slug, items[planned.item].page
                        ));
                        continue;
                    }
                    Outcome::Compared => {
                        summary.compared.push(planned.slug.clone());
                    }
                    Outcome::Replaced => {
                        summary.updated += 1;
                        summary.replaced.push(planned.slug.clone());
                    }
                }
                if earlier.reading(id) != Some(&reading) {
                    read.push((id, reading));
                }
            }
            Err(sqlx::Error::Database(error))
                if error
                    .code()
                    .is_some_and(|c| c.starts_with("RG") || c.starts_with("23")) =>
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
    earlier::remember(conn, read).await?;
    let decided: HashSet<&String> = summary.compared.iter().chain(&summary.replaced).collect();
    summary.undecided = (decisions.keep.iter())
        .chain(&decisions.replace)
        .filter(|slug| !decided.contains(slug))
        .cloned()
        .collect();
    Ok(summary)
}

/// Deletes what a reading wrote of assignment `id`'s facts (it writes them
/// anew, or withdraws the assignment).
async fn delete_facts(conn: &mut PgConnection, id: Uuid) -> Result<(), sqlx::Error> {
    for statement in [
        "delete from assignment_reports where assignment_id = $1",
        "delete from assignment_identifiers where assignment_id = $1",
        "delete from assignment_participations where assignment_id = $1",
        "delete from holdings where assignment_id = $1",
        "delete from assignment_versions where assignment_id = $1",
    ] {
        sqlx::query(statement).bind(id).execute(&mut *conn).await?;
    }
    Ok(())
}

enum Outcome {
    Created,
    Updated,
    Unchanged,
    /// Read otherwise, and changed through the API: left as it is.
    Kept,
    /// As `Kept`, and the operator compared it (`--keep`): the reading
    /// counts as read.
    Compared,
    /// Read otherwise, changed through the API, and rewritten from the file
    /// as the operator asked (`--replace`).
    Replaced,
}

/// Writes one planned assignment from its `facts` (and their `reading`, the
/// shape they compare in): creates it, or rewrites the one an earlier
/// import made from the same page where the file now reads it otherwise
/// and no registrar has changed it since, or the operator `decision` says
/// to.
async fn write(
    conn: &mut PgConnection,
    planned: &Planned,
    (facts, reading): (&Desired, &serde_json::Value),
    source: Uuid,
    (earlier, decision): (&Earlier, Option<Decision>),
) -> Result<(Uuid, Outcome), sqlx::Error> {
    let existing = sqlx::query_scalar!(
        "select id from assignments where source_id = $1 and kind <> 'standing'",
        source
    )
    .fetch_optional(&mut *conn)
    .await?;
    let outcome = match existing {
        Some(id) => {
            if earlier.reading(id) == Some(reading) {
                return Ok((id, Outcome::Unchanged));
            }
            // The registry says what the file says already (imported before
            // readings were remembered, or corrected to it by hand).
            if stored_facts(conn, id).await? == *reading {
                return Ok((id, Outcome::Unchanged));
            }
            let by_hand = earlier.written_by_hand(id);
            match (by_hand, decision) {
                (true, None) => return Ok((id, Outcome::Kept)),
                (true, Some(Decision::Keep)) => return Ok((id, Outcome::Compared)),
                _ => {}
            }
            delete_facts(conn, id).await?;
            sqlx::query!(
                "update assignments set kind = $2, recipient_text = $3, unresolved = $4 where id = $1",
                id,
                planned.kind.as_str(),
                planned.recipient_text,
                planned.recipients.unresolved.map(Unresolved::as_str),
            )
            .execute(&mut *conn)
            .await?;
            (
                id,
                if by_hand {
                    Outcome::Replaced
                } else {
                    Outcome::Updated
                },
            )
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
    insert_facts(conn, outcome.0, facts).await?;
    Ok(outcome)
}

/// Writes `facts` of assignment `id`, which has none recorded.
async fn insert_facts(
    conn: &mut PgConnection,
    id: Uuid,
    facts: &Desired,
) -> Result<(), sqlx::Error> {
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
    Ok(())
}
