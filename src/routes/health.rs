//! `/health`: is the process up, and can it reach its database?

use actix_web::{web, HttpResponse};
use serde::Serialize;
use sqlx::PgPool;
use utoipa::ToSchema;

use crate::error::ApiError;
use crate::http::Reply;

#[derive(Debug, Serialize, ToSchema)]
pub struct Health {
    #[schema(example = "ok")]
    pub status: String,
}

/// Liveness
///
/// The process is up. Does not touch the database.
#[utoipa::path(get, path = "/health/live", responses((status = 200, description = "Up", body = Health)))]
pub async fn live() -> HttpResponse {
    HttpResponse::Ok().json(Health {
        status: "ok".into(),
    })
}

/// Readiness
///
/// The process is up and its database answers.
#[utoipa::path(get, path = "/health/ready",
    responses(
        (status = 200, description = "Ready to serve", body = Health),
        (status = 503, description = "The database does not answer"),
    ))]
#[tracing::instrument(skip(pool))]
pub async fn ready(pool: web::Data<PgPool>) -> Reply {
    sqlx::query!("select 1 as one")
        .fetch_one(pool.get_ref())
        .await
        .map_err(ApiError::Unavailable)?;
    Ok(HttpResponse::Ok().json(Health {
        status: "ok".into(),
    }))
}
