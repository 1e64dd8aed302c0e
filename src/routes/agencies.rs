//! `/v1/agencies`: public bodies, their names over time, what each holds on a
//! date and how to reach it.

use actix_web::{web, HttpResponse};
use serde::Deserialize;
use utoipa::IntoParams;

use crate::db::Reader;
use crate::domain::AgencyKind;
use crate::error::ApiError;
use crate::http::params::{at_date, search_text, At, AtQuery, Id, PageQuery, Paging};
use crate::http::Reply;
use crate::views::agencies::{
    self, agency_ref, fetch_agency, held_on, Agency, AgencyAssignments, AgencyContacts,
    AgencyFilter, AgencyPage,
};
use crate::views::contacts::contact_points_on;

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct AgencyListQuery {
    /// Part of a name (any time, Swedish or English) or of the slug; case does not matter.
    #[param(example = "jämställdhet", max_length = 200, pattern = "^[^\\x00]*$")]
    q: Option<String>,
    /// Only agencies of this kind.
    #[param(value_type = Option<AgencyKind>, example = "county_administrative_board")]
    kind: Option<String>,
    /// The date whose names to show, `YYYY-MM-DD`. Default: today in Europe/Stockholm.
    #[param(value_type = Option<NaiveDate>, example = "2018-01-08")]
    at: Option<String>,
}

/// List agencies
///
/// Public bodies in the registry, ordered by slug, with their names on `at`.
#[utoipa::path(get, path = "/v1/agencies", params(AgencyListQuery, PageQuery),
    responses((status = 200, description = "A page of agencies", body = AgencyPage)))]
#[tracing::instrument(skip(db))]
pub async fn list_agencies(
    query: web::Query<AgencyListQuery>,
    paging: Paging,
    mut db: Reader,
) -> Reply {
    let q = search_text(query.q.as_deref())?;
    let kind = query.kind.as_deref().map(AgencyKind::parse).transpose();
    let filter = AgencyFilter {
        at: at_date(query.at.as_deref())?,
        q: q.as_deref(),
        kind: kind.map_err(|error| ApiError::invalid("kind", error))?,
        after: paging.cursor.as_ref().map(|c| c.key()),
        limit: paging.fetch(),
    };
    let items = agencies::list(&mut db, filter).await?;
    let (items, next_cursor) = paging.page(items, |agency| agency.slug.clone());
    Ok(HttpResponse::Ok().json(AgencyPage { items, next_cursor }))
}

/// Get an agency
///
/// By UUID or slug, with its name on `at` and every name it has had.
#[utoipa::path(get, path = "/v1/agencies/{id}", params(AtQuery),
    responses((status = 200, description = "The agency", body = Agency)))]
#[tracing::instrument(skip(db))]
pub async fn get_agency(Id(reference): Id, At(at): At, mut db: Reader) -> Reply {
    Ok(HttpResponse::Ok().json(fetch_agency(&mut db, &reference, at).await?))
}

/// What an agency holds on a date
///
/// The assignments (and parts of assignments) the agency holds on `at`.
#[utoipa::path(get, path = "/v1/agencies/{id}/assignments", params(AtQuery),
    responses((status = 200, description = "The assignments held on that date", body = AgencyAssignments)))]
#[tracing::instrument(skip(db))]
pub async fn agency_assignments(Id(reference): Id, At(at): At, mut db: Reader) -> Reply {
    let agency = agency_ref(&mut db, &reference, at).await?;
    let items = held_on(&mut db, agency.id, at).await?;
    Ok(HttpResponse::Ok().json(AgencyAssignments { agency, at, items }))
}

/// How to reach an agency on a date
///
/// The agency's own contact points (addresses, e-mail, phone, websites) valid on `at`.
#[utoipa::path(get, path = "/v1/agencies/{id}/contacts", params(AtQuery),
    responses((status = 200, description = "The contact points valid on that date", body = AgencyContacts)))]
#[tracing::instrument(skip(db))]
pub async fn agency_contacts(Id(reference): Id, At(at): At, mut db: Reader) -> Reply {
    let agency = agency_ref(&mut db, &reference, at).await?;
    let items = contact_points_on(&mut db, &[], Some(agency.id), at).await?;
    Ok(HttpResponse::Ok().json(AgencyContacts { agency, at, items }))
}
