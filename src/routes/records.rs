//! Single records that writes create and correct, read back as stored:
//! `/v1/sources/{id}`, `/v1/holdings/{id}`, `/v1/contact-points/{id}`,
//! `/v1/participations/{id}` and `/v1/lineage-links/{id}`.

use actix_web::HttpResponse;

use crate::db::Reader;
use crate::http::params::{Id, RecordId};
use crate::http::Reply;
use crate::views::records::{
    fetch_contact_point, fetch_holding, fetch_lineage_link, fetch_participation, fetch_source,
    ContactPointRecord, HoldingRecord, LineageLinkRecord, Participation,
};
use crate::views::shared::Source;

/// A source
#[utoipa::path(get, path = "/v1/sources/{id}", responses((status = 200, description = "The source", body = Source)))]
pub async fn get_source(Id(reference): Id, mut db: Reader) -> Reply {
    Ok(HttpResponse::Ok().json(fetch_source(&mut db, &reference).await?))
}

/// A holding
///
/// Which agency held which assignment over which period, as recorded.
#[utoipa::path(get, path = "/v1/holdings/{id}", responses((status = 200, description = "The holding", body = HoldingRecord)))]
pub async fn get_holding(RecordId(id): RecordId, mut db: Reader) -> Reply {
    Ok(HttpResponse::Ok().json(fetch_holding(&mut db, id).await?))
}

/// A contact point
#[utoipa::path(get, path = "/v1/contact-points/{id}", responses((status = 200, description = "The contact point", body = ContactPointRecord)))]
pub async fn get_contact_point(RecordId(id): RecordId, mut db: Reader) -> Reply {
    Ok(HttpResponse::Ok().json(fetch_contact_point(&mut db, id).await?))
}

/// A participation in a body
#[utoipa::path(get, path = "/v1/participations/{id}", responses((status = 200, description = "The participation", body = Participation)))]
pub async fn get_participation(RecordId(id): RecordId, mut db: Reader) -> Reply {
    Ok(HttpResponse::Ok().json(fetch_participation(&mut db, id).await?))
}

/// A lineage link
///
/// One agency taking over from another, as recorded. An agency's lineage
/// (`/v1/agencies/{id}/lineage`) shows its links with their ids.
#[utoipa::path(get, path = "/v1/lineage-links/{id}", responses((status = 200, description = "The link", body = LineageLinkRecord)))]
pub async fn get_lineage_link(RecordId(id): RecordId, mut db: Reader) -> Reply {
    Ok(HttpResponse::Ok().json(fetch_lineage_link(&mut db, id).await?))
}
