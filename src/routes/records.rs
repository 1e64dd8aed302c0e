//! Single records that writes create and correct, read back as stored:
//! `/v1/sources/{id}`, `/v1/holdings/{id}`, `/v1/contact-points/{id}` and
//! `/v1/participations/{id}`.

use actix_web::{web, HttpResponse};
use sqlx::PgPool;

use crate::error::ApiError;
use crate::http::params::{record_id, reference, KnownAt};
use crate::views::records::{
    fetch_contact_point, fetch_holding, fetch_participation, fetch_source, ContactPointRecord,
    HoldingRecord, Participation,
};
use crate::views::shared::Source;

/// A source
#[utoipa::path(
    get, path = "/v1/sources/{id}", tag = "records",
    params(("id" = String, Path, description = "The source's UUID or slug.", example = "2018-01-08-nationella-uppdrag-flyttar")),
    responses(
        (status = 200, description = "The source", body = Source),
    )
)]
pub async fn get_source(
    pool: web::Data<PgPool>,
    known: KnownAt,
    id: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let reference = reference(&id)?;
    let mut conn = known.reader(&pool).await?;
    Ok(HttpResponse::Ok().json(fetch_source(&mut conn, &reference).await?))
}

/// A holding
///
/// Which agency held which assignment over which period, as recorded.
#[utoipa::path(
    get, path = "/v1/holdings/{id}", tag = "records",
    params(("id" = Uuid, Path, description = "The holding's UUID.", example = "e41a723a-6507-53c7-a194-b133a938125f")),
    responses(
        (status = 200, description = "The holding", body = HoldingRecord),
    )
)]
pub async fn get_holding(
    pool: web::Data<PgPool>,
    known: KnownAt,
    id: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let id = record_id(&id)?;
    let mut conn = known.reader(&pool).await?;
    Ok(HttpResponse::Ok().json(fetch_holding(&mut conn, id).await?))
}

/// A contact point
#[utoipa::path(
    get, path = "/v1/contact-points/{id}", tag = "records",
    params(("id" = Uuid, Path, description = "The contact point's UUID.", example = "f79dd9da-0bf3-5bfe-b85d-e5783cd5d058")),
    responses(
        (status = 200, description = "The contact point", body = ContactPointRecord),
    )
)]
pub async fn get_contact_point(
    pool: web::Data<PgPool>,
    known: KnownAt,
    id: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let id = record_id(&id)?;
    let mut conn = known.reader(&pool).await?;
    Ok(HttpResponse::Ok().json(fetch_contact_point(&mut conn, id).await?))
}

/// A participation in a body
#[utoipa::path(
    get, path = "/v1/participations/{id}", tag = "records",
    params(("id" = Uuid, Path, description = "The participation's UUID.", example = "dce6060d-8142-5898-833f-f11f780d157f")),
    responses(
        (status = 200, description = "The participation", body = Participation),
    )
)]
pub async fn get_participation(
    pool: web::Data<PgPool>,
    known: KnownAt,
    id: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let id = record_id(&id)?;
    let mut conn = known.reader(&pool).await?;
    Ok(HttpResponse::Ok().json(fetch_participation(&mut conn, id).await?))
}
