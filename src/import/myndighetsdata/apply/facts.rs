//! An agency's identifiers, other names and contact points, written where
//! they differ from what is recorded.

use chrono::NaiveDate;
use sqlx::PgConnection;
use uuid::Uuid;

use super::{ByHand, Summary};
use crate::import::myndighetsdata::snapshot::Agency;

/// The identifiers the snapshot gives that are not recorded yet, and the
/// other names it gives, as it gives them now, leaving those registrars
/// wrote or deleted `by_hand`; whether anything changed.
pub(super) async fn identifiers_and_names(
    conn: &mut PgConnection,
    id: Uuid,
    agency: &Agency,
    source_id: Uuid,
    by_hand: &ByHand,
) -> Result<bool, sqlx::Error> {
    let mut changed = false;
    for (scheme, value) in &agency.identifiers {
        if by_hand.known_by(id, &format!("{scheme} {value}")) {
            continue;
        }
        let inserted = sqlx::query!(
            "insert into agency_identifiers (agency_id, scheme, value, source_id) values ($1, $2, $3, $4)
             on conflict (agency_id, scheme, value) do nothing",
            id, scheme, value, source_id,
        )
        .execute(&mut *conn)
        .await?;
        changed |= inserted.rows_affected() > 0;
    }
    // Other names this snapshot gave in an earlier reading and no longer
    // gives (a cleaning has improved since) are withdrawn, and one it now
    // gives as another kind is written so.
    let given: Vec<&str> = agency.aliases.keys().map(String::as_str).collect();
    let stale = sqlx::query!(
        "select id, alias from agency_aliases where agency_id = $1 and source_id = $2 and alias <> all($3)",
        id,
        source_id,
        &given as &[&str],
    )
    .fetch_all(&mut *conn)
    .await?;
    let withdrawn: Vec<Uuid> = (stale.into_iter())
        .filter(|row| !by_hand.known_by(id, &row.alias))
        .map(|row| row.id)
        .collect();
    if !withdrawn.is_empty() {
        sqlx::query!("delete from agency_aliases where id = any($1)", &withdrawn)
            .execute(&mut *conn)
            .await?;
        changed = true;
    }
    for (alias, kind) in &agency.aliases {
        if by_hand.known_by(id, alias) {
            continue;
        }
        let inserted = sqlx::query!(
            "insert into agency_aliases (agency_id, alias, kind, source_id) values ($1, $2, $3, $4)
             on conflict (agency_id, alias) do update set kind = excluded.kind
                 where agency_aliases.source_id = excluded.source_id
                   and agency_aliases.kind <> excluded.kind",
            id,
            alias,
            kind.as_str(),
            source_id,
        )
        .execute(&mut *conn)
        .await?;
        changed |= inserted.rows_affected() > 0;
    }
    Ok(changed)
}

/// The contact points the snapshot gives (cited as `source_id`, taken on
/// `snapshot_date`): each kind's current one, unless the registry records
/// a newer one or a registrar wrote the current one through the API;
/// whether anything changed.
pub(super) async fn contacts(
    conn: &mut PgConnection,
    id: Uuid,
    agency: &Agency,
    (source_id, snapshot_date): (Uuid, NaiveDate),
    by_hand: &ByHand,
    summary: &mut Summary,
) -> Result<bool, sqlx::Error> {
    let mut changed = false;
    for contact in &agency.contacts {
        summary.contact_points += 1;
        let kind = contact.kind.as_str();
        let current = sqlx::query!(
            r#"select id, value, valid_from, source_id from contact_points
               where agency_id = $1 and kind = $2 and valid_to is null"#,
            id,
            kind,
        )
        .fetch_all(&mut *conn)
        .await?;
        if current.iter().any(|c| c.value == contact.value) {
            continue;
        }
        if let Some(written) = current.iter().find(|c| by_hand.contact_point(c.id)) {
            summary.conflicts.push(format!(
                "{}: {kind} {} (the snapshot) not added: the registry's {} was written through the API",
                agency.name(),
                contact.value,
                written.value
            ));
            continue;
        }
        // This snapshot, read again (by a newer cleaning), cannot contradict
        // itself: what it said is corrected in place, not ended.
        if let Some(own) = current.iter().find(|c| c.source_id == source_id) {
            sqlx::query!(
                "update contact_points set value = $2 where id = $1",
                own.id,
                contact.value,
            )
            .execute(&mut *conn)
            .await?;
            changed = true;
            continue;
        }
        if current
            .iter()
            .any(|c| c.valid_from.is_some_and(|from| from >= snapshot_date))
        {
            summary.conflicts.push(format!(
                "{}: {kind} {} (the snapshot) not added: the registry records a newer one",
                agency.name(),
                contact.value
            ));
            continue;
        }
        // What the snapshot contradicts held until its date; the snapshot's
        // holds from then. With nothing to contradict, its start is not
        // known.
        let valid_from = (!current.is_empty()).then_some(snapshot_date);
        sqlx::query!(
            "update contact_points set valid_to = $3, valid_to_precision = 'day'
             where agency_id = $1 and kind = $2 and valid_to is null",
            id,
            kind,
            snapshot_date,
        )
        .execute(&mut *conn)
        .await?;
        sqlx::query!(
            "insert into contact_points (agency_id, kind, value, valid_from, valid_from_precision, source_id)
             values ($1, $2, $3, $4, case when $4::date is not null then 'day' end, $5)",
            id, kind, contact.value, valid_from, source_id,
        )
        .execute(&mut *conn)
        .await?;
        changed = true;
    }
    Ok(changed)
}
