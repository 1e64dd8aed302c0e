//! The change log as a feed of domain events, in the order they were
//! committed.

use chrono::{DateTime, Utc};
use serde::Serialize;
use sqlx::PgConnection;
use utoipa::ToSchema;
use uuid::Uuid;

use crate::domain::{today_in_stockholm, Limit, Reference};
use crate::error::ApiError;
use crate::views::{agencies, assignments};

/// One recorded change: a row of the registry inserted, updated or deleted,
/// named as the domain event it is.
#[derive(Debug, Serialize, ToSchema)]
pub struct Change {
    /// The change's place in the feed; pass the last one as `after`.
    #[schema(example = "42")]
    pub cursor: String,
    /// When the registry recorded it.
    pub recorded_at: DateTime<Utc>,
    /// The domain event: `transfer_recorded`, `holding_started`,
    /// `holding_ended`, `agency_renamed`, `contact_changed`, … (`<thing>_created`,
    /// `_changed`, `_ended`, `_deleted`).
    #[schema(example = "holding_ended")]
    pub event: String,
    /// What kind of record changed (the table): `agencies`, `holdings`, …
    #[schema(example = "holdings")]
    pub entity: String,
    pub entity_id: Uuid,
    /// Changes written together (one transfer, say) share this number.
    pub write_id: i64,
    /// The token that wrote it; null for data loaded by the registry itself.
    pub recorded_by: Option<Uuid>,
    /// The record before the change; null when it was created.
    #[schema(value_type = Option<Object>)]
    pub before: Option<serde_json::Value>,
    /// The record after the change; null when it was deleted.
    #[schema(value_type = Option<Object>)]
    pub after: Option<serde_json::Value>,
}

/// A page of the change feed.
#[derive(Debug, Serialize, ToSchema)]
pub struct ChangePage {
    pub items: Vec<Change>,
    /// Pass as `after` to continue. It is there even on the last page:
    /// poll with it to get what is recorded later.
    pub next_cursor: String,
    /// Whether more changes follow right now.
    pub has_more: bool,
}

/// A change as the log stores it.
struct ChangeRow {
    id: i64,
    recorded_at: DateTime<Utc>,
    event: String,
    entity: String,
    entity_id: Uuid,
    transaction_id: i64,
    token_id: Option<Uuid>,
    before: Option<serde_json::Value>,
    after: Option<serde_json::Value>,
}

/// Up to `limit` changes after the cursor `after`, and whether more follow:
/// all of them, or only those whose records name every one of `subjects`
/// (agencies and assignments, as [`subject`] finds them).
#[tracing::instrument(skip(conn))]
pub async fn changes_after(
    conn: &mut PgConnection,
    after: i64,
    limit: Limit,
    subjects: &[Uuid],
) -> Result<(Vec<Change>, bool), ApiError> {
    // Two statements, so that neither plan is one for both: the whole
    // feed reads the log in order, a filtered one looks its changes up.
    let rows = if subjects.is_empty() {
        sqlx::query_as!(
            ChangeRow,
            "select id, recorded_at, event, entity, entity_id, transaction_id, token_id, before, after
             from changes where id > $1 order by id limit $2",
            after,
            limit.get() + 1,
        )
        .fetch_all(conn)
        .await?
    } else {
        sqlx::query_as!(
            ChangeRow,
            "select id, recorded_at, event, entity, entity_id, transaction_id, token_id, before, after
             from changes where subjects @> $3 and id > $1 order by id limit $2",
            after,
            limit.get() + 1,
            subjects,
        )
        .fetch_all(conn)
        .await?
    };
    let has_more = rows.len() as i64 > limit.get();
    let items: Vec<Change> = rows
        .into_iter()
        .take(usize::try_from(limit.get()).expect("limit is small"))
        .map(|row| Change {
            cursor: row.id.to_string(),
            recorded_at: row.recorded_at,
            event: row.event,
            entity: row.entity,
            entity_id: row.entity_id,
            write_id: row.transaction_id,
            recorded_by: row.token_id,
            before: row.before,
            after: row.after,
        })
        .collect();
    Ok((items, has_more))
}

/// The cursor after which the latest `limit` changes follow (of those
/// naming every one of `subjects`, where there are any): where a feed
/// reader, which wants the latest, starts.
pub async fn latest_after(
    conn: &mut PgConnection,
    limit: Limit,
    subjects: &[Uuid],
) -> Result<i64, ApiError> {
    let after = if subjects.is_empty() {
        sqlx::query_scalar!(
            r#"select coalesce(min(id) - 1, 0) as "after!"
               from (select id from changes order by id desc limit $1) latest"#,
            limit.get(),
        )
        .fetch_one(conn)
        .await?
    } else {
        sqlx::query_scalar!(
            r#"select coalesce(min(id) - 1, 0) as "after!"
               from (select id from changes where subjects @> $2 order by id desc limit $1) latest"#,
            limit.get(),
            subjects,
        )
        .fetch_one(conn)
        .await?
    };
    Ok(after)
}

/// What a filter of the feed names.
#[derive(Debug, Clone, Copy)]
pub enum Subject {
    Agency,
    Assignment,
}

/// The agency or assignment that `reference` names for a filter of the
/// feed: by slug, one that exists; by UUID, also one deleted since, whose
/// creation the log holds. Else the 404 of a path that names none.
pub async fn subject(
    conn: &mut PgConnection,
    reference: &Reference,
    kind: Subject,
) -> Result<Uuid, ApiError> {
    let entity = match kind {
        Subject::Agency => "agencies",
        Subject::Assignment => "assignments",
    };
    let found = match reference {
        Reference::Id(id) => {
            sqlx::query_scalar!(
                r#"select entity_id as "id!" from changes
                   where entity = $1 and entity_id = $2 limit 1"#,
                entity,
                id,
            )
            .fetch_optional(&mut *conn)
            .await?
        }
        Reference::Slug(slug) => {
            sqlx::query_scalar!(
                r#"select id as "id!" from agency_named($2) where $1 = 'agencies'
                   union all
                   select id from assignment_named($2) where $1 = 'assignments'"#,
                entity,
                slug,
            )
            .fetch_optional(&mut *conn)
            .await?
        }
    };
    match (found, kind) {
        (Some(id), _) => Ok(id),
        (None, Subject::Agency) => {
            Err(agencies::unknown(conn, reference, today_in_stockholm()).await)
        }
        (None, Subject::Assignment) => {
            Err(assignments::unknown(conn, reference, today_in_stockholm()).await)
        }
    }
}
