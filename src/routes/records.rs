//! Single records that writes create and correct, read back as stored:
//! `/v1/sources/{id}`, `/v1/holdings/{id}`, `/v1/contact-points/{id}` and
//! `/v1/participations/{id}`. They name what they link by id, so their ETag
//! changes only when the record does.

use actix_web::{web, HttpResponse};
use serde::Serialize;
use sqlx::{PgConnection, PgPool};
use utoipa::ToSchema;
use uuid::Uuid;

use super::representations::{LocalizedText, Period, Source};
use crate::domain::{Audience, ContactKind, Reference};
use crate::error::ApiError;
use crate::http::params::{reference, KnownAt};
use crate::http::problem::Problem;

/// One agency's holding of one assignment over a half-open period.
#[derive(Debug, Serialize, ToSchema)]
pub struct HoldingRecord {
    pub id: Uuid,
    pub assignment_id: Uuid,
    pub agency_id: Uuid,
    #[serde(flatten)]
    pub period: Period,
    /// The transfer that started this holding, if one did.
    pub started_by_transfer_id: Option<Uuid>,
    /// The transfer that ended it, if one did.
    pub ended_by_transfer_id: Option<Uuid>,
    pub source_id: Uuid,
}

/// A contact point as stored: it belongs to an agency or to an assignment.
#[derive(Debug, Serialize, ToSchema)]
pub struct ContactPointRecord {
    pub id: Uuid,
    pub agency_id: Option<Uuid>,
    pub assignment_id: Option<Uuid>,
    pub kind: ContactKind,
    #[schema(example = "020-390 000")]
    pub value: String,
    pub label: Option<LocalizedText>,
    pub audience: Audience,
    #[serde(flatten)]
    pub period: Period,
    pub source_id: Uuid,
}

/// An agency's, or a function's, part in a body.
#[derive(Debug, Serialize, ToSchema)]
pub struct Participation {
    pub id: Uuid,
    pub body_id: Uuid,
    /// The agency taking part; null when a function does.
    pub agency_id: Option<Uuid>,
    /// The function taking part (such as the municipal social services), when it is not one agency.
    pub function: Option<LocalizedText>,
    /// `member` or `coordinator`.
    #[schema(example = "member")]
    pub role: String,
    #[serde(flatten)]
    pub period: Period,
    pub source_id: Uuid,
}

/// A source
#[utoipa::path(
    get, path = "/v1/sources/{id}", tag = "records",
    params(("id" = String, Path, description = "The source's UUID or slug.", example = "2018-01-08-nationella-uppdrag-flyttar")),
    responses(
        (status = 200, description = "The source", body = Source),
        (status = 304, description = "Not modified (`If-None-Match`)"),
        (status = 400, description = "A parameter is malformed", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such source", body = Problem, content_type = "application/problem+json"),
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

pub async fn fetch_source(
    conn: &mut PgConnection,
    reference: &Reference,
) -> Result<Source, ApiError> {
    sqlx::query_as!(
        Source,
        "select id, slug, title, publisher, published_on, url, language, note from sources
         where id = $1 or slug = $2",
        reference.id(),
        reference.slug(),
    )
    .fetch_optional(conn)
    .await?
    .ok_or_else(|| ApiError::NotFound(format!("There is no source '{reference}'.")))
}

/// A holding
///
/// Which agency held which assignment over which period, as recorded.
#[utoipa::path(
    get, path = "/v1/holdings/{id}", tag = "records",
    params(("id" = Uuid, Path, description = "The holding's UUID.", example = "e41a723a-6507-53c7-a194-b133a938125f")),
    responses(
        (status = 200, description = "The holding", body = HoldingRecord),
        (status = 304, description = "Not modified (`If-None-Match`)"),
        (status = 400, description = "A parameter is malformed", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such holding", body = Problem, content_type = "application/problem+json"),
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

pub async fn fetch_holding(conn: &mut PgConnection, id: Uuid) -> Result<HoldingRecord, ApiError> {
    let row = sqlx::query!(
        "select id, assignment_id, agency_id, valid_from, valid_from_precision, valid_to, valid_to_precision,
                started_by_transfer_id, ended_by_transfer_id, source_id
         from holdings where id = $1",
        id
    )
    .fetch_optional(conn)
    .await?
    .ok_or_else(|| ApiError::NotFound(format!("There is no holding {id}.")))?;
    Ok(HoldingRecord {
        id: row.id,
        assignment_id: row.assignment_id,
        agency_id: row.agency_id,
        period: Period::from_stored(
            row.valid_from,
            row.valid_from_precision,
            row.valid_to,
            row.valid_to_precision,
        )?,
        started_by_transfer_id: row.started_by_transfer_id,
        ended_by_transfer_id: row.ended_by_transfer_id,
        source_id: row.source_id,
    })
}

/// A contact point
#[utoipa::path(
    get, path = "/v1/contact-points/{id}", tag = "records",
    params(("id" = Uuid, Path, description = "The contact point's UUID.", example = "f79dd9da-0bf3-5bfe-b85d-e5783cd5d058")),
    responses(
        (status = 200, description = "The contact point", body = ContactPointRecord),
        (status = 304, description = "Not modified (`If-None-Match`)"),
        (status = 400, description = "A parameter is malformed", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such contact point", body = Problem, content_type = "application/problem+json"),
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

pub async fn fetch_contact_point(
    conn: &mut PgConnection,
    id: Uuid,
) -> Result<ContactPointRecord, ApiError> {
    let row = sqlx::query!(
        "select id, agency_id, assignment_id, kind, value, label_sv, label_en, audience,
                valid_from, valid_from_precision, valid_to, valid_to_precision, source_id
         from contact_points where id = $1",
        id
    )
    .fetch_optional(conn)
    .await?
    .ok_or_else(|| ApiError::NotFound(format!("There is no contact point {id}.")))?;
    let internal = |e: crate::domain::UnknownKind| ApiError::Internal(e.into());
    Ok(ContactPointRecord {
        id: row.id,
        agency_id: row.agency_id,
        assignment_id: row.assignment_id,
        kind: ContactKind::parse(&row.kind).map_err(internal)?,
        value: row.value,
        label: LocalizedText::optional(row.label_sv, row.label_en),
        audience: Audience::parse(&row.audience).map_err(internal)?,
        period: Period::from_stored(
            row.valid_from,
            row.valid_from_precision,
            row.valid_to,
            row.valid_to_precision,
        )?,
        source_id: row.source_id,
    })
}

/// A participation in a body
#[utoipa::path(
    get, path = "/v1/participations/{id}", tag = "records",
    params(("id" = Uuid, Path, description = "The participation's UUID.", example = "dce6060d-8142-5898-833f-f11f780d157f")),
    responses(
        (status = 200, description = "The participation", body = Participation),
        (status = 304, description = "Not modified (`If-None-Match`)"),
        (status = 400, description = "A parameter is malformed", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such participation", body = Problem, content_type = "application/problem+json"),
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

pub async fn fetch_participation(
    conn: &mut PgConnection,
    id: Uuid,
) -> Result<Participation, ApiError> {
    let row = sqlx::query!(
        "select id, body_id, agency_id, function_name_sv, function_name_en, role,
                valid_from, valid_from_precision, valid_to, valid_to_precision, source_id
         from participations where id = $1",
        id
    )
    .fetch_optional(conn)
    .await?
    .ok_or_else(|| ApiError::NotFound(format!("There is no participation {id}.")))?;
    Ok(Participation {
        id: row.id,
        body_id: row.body_id,
        agency_id: row.agency_id,
        function: LocalizedText::optional(row.function_name_sv, row.function_name_en),
        role: row.role,
        period: Period::from_stored(
            row.valid_from,
            row.valid_from_precision,
            row.valid_to,
            row.valid_to_precision,
        )?,
        source_id: row.source_id,
    })
}

/// Parses a record's `{id}`. These records have UUIDs only, so a slug names
/// nothing (404); text that is neither is a bad parameter (400).
pub fn record_id(text: &str) -> Result<Uuid, ApiError> {
    match reference(text)? {
        Reference::Id(id) => Ok(id),
        Reference::Slug(slug) => Err(ApiError::NotFound(format!(
            "There is no record '{slug}': records are named by UUID."
        ))),
    }
}
