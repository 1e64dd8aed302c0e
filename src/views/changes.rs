//! The change log as a feed of domain events, in the order they were
//! committed.

use chrono::{DateTime, Utc};
use serde::Serialize;
use sqlx::PgConnection;
use utoipa::ToSchema;
use uuid::Uuid;

use crate::domain::Limit;
use crate::error::ApiError;

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

/// Up to `limit` changes after the cursor `after`, and whether more follow.
#[tracing::instrument(skip(conn))]
pub async fn changes_after(
    conn: &mut PgConnection,
    after: i64,
    limit: Limit,
) -> Result<(Vec<Change>, bool), ApiError> {
    let rows = sqlx::query!(
        "select id, recorded_at, event, entity, entity_id, transaction_id, token_id, before, after
         from changes where id > $1 order by id limit $2",
        after,
        limit.get() + 1,
    )
    .fetch_all(conn)
    .await?;
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
