//! `GET /v1/changes`: the change log as a feed of domain events, in the
//! order they were committed, for other systems to keep in sync.

use actix_web::{web, HttpResponse};
use serde::Deserialize;
use sqlx::PgPool;
use utoipa::IntoParams;

use crate::domain::Limit;
use crate::error::ApiError;
use crate::http::Reply;
use crate::views::changes::{changes_after, ChangePage};

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

/// The change feed
///
/// Every change recorded, oldest first, as domain events with the record
/// before and after. Writes are committed one at a time, so the feed never
/// skips a change that commits late: a client that keeps `next_cursor` and
/// polls sees everything exactly once.
#[utoipa::path(get, path = "/v1/changes", params(ChangesQuery),
    responses((status = 200, description = "A page of changes", body = ChangePage)))]
#[tracing::instrument(skip(pool))]
pub async fn list_changes(pool: web::Data<PgPool>, query: web::Query<ChangesQuery>) -> Reply {
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
    let mut conn = pool.acquire().await?;
    let (items, has_more) = changes_after(&mut conn, after, limit).await?;
    let next_cursor = items
        .last()
        .map_or(after.to_string(), |last| last.cursor.clone());
    Ok(HttpResponse::Ok().json(ChangePage {
        items,
        next_cursor,
        has_more,
    }))
}
