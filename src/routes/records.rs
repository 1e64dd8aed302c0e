//! Single records that writes create and correct, read back as stored:
//! `/v1/sources/{id}`, `/v1/holdings/{id}`, `/v1/contact-points/{id}` and
//! `/v1/participations/{id}`.

use actix_web::HttpResponse;

use crate::error::ApiError;
use crate::http::params::{Id, KnownAt, RecordId};
use crate::views::records::{
    fetch_contact_point, fetch_holding, fetch_participation, fetch_source, ContactPointRecord,
    HoldingRecord, Participation,
};
use crate::views::shared::Source;

/// A source
#[utoipa::path(
    get, path = "/v1/sources/{id}", tag = "records",
    responses(
        (status = 200, description = "The source", body = Source),
    )
)]
pub async fn get_source(known: KnownAt, Id(reference): Id) -> Result<HttpResponse, ApiError> {
    let mut conn = known.reader().await?;
    Ok(HttpResponse::Ok().json(fetch_source(&mut conn, &reference).await?))
}

/// A holding
///
/// Which agency held which assignment over which period, as recorded.
#[utoipa::path(
    get, path = "/v1/holdings/{id}", tag = "records",
    responses(
        (status = 200, description = "The holding", body = HoldingRecord),
    )
)]
pub async fn get_holding(known: KnownAt, RecordId(id): RecordId) -> Result<HttpResponse, ApiError> {
    let mut conn = known.reader().await?;
    Ok(HttpResponse::Ok().json(fetch_holding(&mut conn, id).await?))
}

/// A contact point
#[utoipa::path(
    get, path = "/v1/contact-points/{id}", tag = "records",
    responses(
        (status = 200, description = "The contact point", body = ContactPointRecord),
    )
)]
pub async fn get_contact_point(
    known: KnownAt,
    RecordId(id): RecordId,
) -> Result<HttpResponse, ApiError> {
    let mut conn = known.reader().await?;
    Ok(HttpResponse::Ok().json(fetch_contact_point(&mut conn, id).await?))
}

/// A participation in a body
#[utoipa::path(
    get, path = "/v1/participations/{id}", tag = "records",
    responses(
        (status = 200, description = "The participation", body = Participation),
    )
)]
pub async fn get_participation(
    known: KnownAt,
    RecordId(id): RecordId,
) -> Result<HttpResponse, ApiError> {
    let mut conn = known.reader().await?;
    Ok(HttpResponse::Ok().json(fetch_participation(&mut conn, id).await?))
}
