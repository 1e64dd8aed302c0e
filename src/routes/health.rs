//! `/health`: is the process up, and can it reach its database?

use actix_web::{web, HttpResponse};
use serde::Serialize;
use sqlx::PgPool;
use utoipa::ToSchema;

use crate::data_version::{self, DataVersion};
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

#[derive(Debug, Serialize, ToSchema)]
pub struct Readiness {
    #[schema(example = "ok")]
    pub status: String,
    /// The data version in the database: the id of the last change
    /// recorded (see `GET /v1/changes`).
    #[schema(example = 32938)]
    pub data_version: i64,
    /// Whether this instance follows the database's commits as they happen
    /// (`following`), and so may answer reads from its cache, or has lost
    /// its notification connection and answers every read from the
    /// database until it has it back (`interrupted`).
    #[schema(example = "following")]
    pub changes: Following,
}

#[derive(Debug, Clone, Copy, Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Following {
    Following,
    Interrupted,
}

/// Readiness
///
/// The process is up and its database answers.
#[utoipa::path(get, path = "/health/ready",
    responses(
        (status = 200, description = "Ready to serve", body = Readiness),
        (status = 503, description = "The database does not answer"),
    ))]
#[tracing::instrument(skip_all)]
pub async fn ready(pool: web::Data<PgPool>, versions: web::Data<DataVersion>) -> Reply {
    let data_version = data_version::read(pool.get_ref())
        .await
        .map_err(ApiError::Unavailable)?;
    let changes = match versions.trusted() {
        Some(_) => Following::Following,
        None => Following::Interrupted,
    };
    Ok(HttpResponse::Ok().json(Readiness {
        status: "ok".into(),
        data_version,
        changes,
    }))
}
