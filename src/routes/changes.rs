//! `GET /v1/changes`: the change log as a feed of domain events, in the
//! order they were committed, for other systems to keep in sync.

use actix_web::{web, HttpResponse};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use sqlx::PgPool;
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

use crate::domain::Limit;
use crate::error::ApiError;
use crate::http::problem::Problem;

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ChangesQuery {
    /// Where to continue: `next_cursor` from the previous page. Without it,
    /// the feed starts at the beginning.
    #[param(pattern = "^[0-9]{1,18}$", example = "0")]
    after: Option<String>,
    /// Changes per page, 1 to 100. Default 20.
    #[param(value_type = Option<u16>, minimum = 1, maximum = 100, example = 5)]
    limit: Option<String>,
}

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

/// The change feed
///
/// Every change recorded, oldest first, as domain events with the record
/// before and after. Writes are committed one at a time, so the feed never
/// skips a change that commits late: a client that keeps `next_cursor` and
/// polls sees everything exactly once.
#[utoipa::path(
    get, path = "/v1/changes", tag = "changes",
    params(ChangesQuery),
    responses(
        (status = 200, description = "A page of changes", body = ChangePage),
        (status = 400, description = "A parameter is malformed", body = Problem, content_type = "application/problem+json"),
    )
)]
#[tracing::instrument(skip(pool))]
pub async fn list_changes(
    pool: web::Data<PgPool>,
    query: web::Query<ChangesQuery>,
) -> Result<HttpResponse, ApiError> {
    let after: i64 = match query.after.as_deref() {
        None => 0,
        Some(text) => text
            .parse()
            .ok()
            .filter(|n: &i64| {
                *n >= 0 && text.len() <= 18 && text.bytes().all(|b| b.is_ascii_digit())
            })
            .ok_or_else(|| {
                ApiError::invalid("after", format!("'{text}' is not a cursor from this feed"))
            })?,
    };
    let limit = Limit::parse(query.limit.as_deref()).map_err(|e| ApiError::invalid("limit", e))?;
    let rows = sqlx::query!(
        "select id, recorded_at, event, entity, entity_id, transaction_id, token_id, before, after
         from changes where id > $1 order by id limit $2",
        after,
        limit.get() + 1,
    )
    .fetch_all(pool.get_ref())
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
    let next_cursor = items
        .last()
        .map_or(after.to_string(), |last| last.cursor.clone());
    Ok(HttpResponse::Ok().json(ChangePage {
        items,
        next_cursor,
        has_more,
    }))
}
