//! `/v1/agencies`: public bodies, their names over time, what each holds on a
//! date and how to reach it.

use actix_web::{web, HttpResponse};
use serde::Deserialize;
use utoipa::IntoParams;

use crate::domain::AgencyKind;
use crate::error::ApiError;
use crate::http::params::{at_date, search_text, At, AtQuery, Id, KnownAt, Paging};
use crate::views::agencies::{
    self, Agency, AgencyAssignments, AgencyContacts, AgencyFilter, AgencyPage,
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
    /// Items per page, 1 to 100. Default 20.
    #[param(value_type = Option<u16>, minimum = 1, maximum = 100, example = 5)]
    limit: Option<String>,
    /// Where the page starts: `next_cursor` from the previous page, unchanged.
    cursor: Option<String>,
}

/// List agencies
///
/// Public bodies in the registry, ordered by slug, with their names on `at`.
#[utoipa::path(
    get,
    path = "/v1/agencies",
    tag = "agencies",
    params(AgencyListQuery),
    responses(
        (status = 200, description = "A page of agencies", body = AgencyPage),
    )
)]
#[tracing::instrument(skip(known))]
pub async fn list_agencies(
    known: KnownAt,
    query: web::Query<AgencyListQuery>,
) -> Result<HttpResponse, ApiError> {
    let at = at_date(query.at.as_deref())?;
    let q = search_text(query.q.as_deref())?;
    let kind = query
        .kind
        .as_deref()
        .map(AgencyKind::parse)
        .transpose()
        .map_err(|e| ApiError::invalid("kind", e))?;
    let paging = Paging::parse(query.limit.as_deref(), query.cursor.as_deref())?;
    let mut conn = known.reader().await?;
    let items = agencies::list(
        &mut conn,
        AgencyFilter {
            at,
            q: q.as_deref(),
            kind,
            after: paging.cursor.as_ref().map(|c| c.key()),
            limit: paging.fetch(),
        },
    )
    .await?;
    let (items, next_cursor) = paging.page(items, |agency| agency.slug.clone());
    Ok(HttpResponse::Ok().json(AgencyPage { items, next_cursor }))
}

/// Get an agency
///
/// By UUID or slug, with its name on `at` and every name it has had.
#[utoipa::path(
    get,
    path = "/v1/agencies/{id}",
    tag = "agencies",
    params(AtQuery),
    responses(
        (status = 200, description = "The agency", body = Agency),
    )
)]
#[tracing::instrument(skip(known))]
pub async fn get_agency(
    known: KnownAt,
    Id(reference): Id,
    At(at): At,
) -> Result<HttpResponse, ApiError> {
    let mut conn = known.reader().await?;
    let agency = agencies::fetch_agency(&mut conn, &reference, at).await?;
    Ok(HttpResponse::Ok().json(agency))
}

/// What an agency holds on a date
///
/// The assignments (and parts of assignments) the agency holds on `at`.
#[utoipa::path(
    get,
    path = "/v1/agencies/{id}/assignments",
    tag = "agencies",
    params(AtQuery),
    responses(
        (status = 200, description = "The assignments held on that date", body = AgencyAssignments),
    )
)]
#[tracing::instrument(skip(known))]
pub async fn agency_assignments(
    known: KnownAt,
    Id(reference): Id,
    At(at): At,
) -> Result<HttpResponse, ApiError> {
    let mut conn = known.reader().await?;
    let agency = agencies::agency_ref(&mut conn, &reference, at).await?;

    let items = agencies::held_on(&mut conn, agency.id, at).await?;
    Ok(HttpResponse::Ok().json(AgencyAssignments { agency, at, items }))
}

/// How to reach an agency on a date
///
/// The agency's own contact points (addresses, e-mail, phone, websites) valid on `at`.
#[utoipa::path(
    get,
    path = "/v1/agencies/{id}/contacts",
    tag = "agencies",
    params(AtQuery),
    responses(
        (status = 200, description = "The contact points valid on that date", body = AgencyContacts),
    )
)]
#[tracing::instrument(skip(known))]
pub async fn agency_contacts(
    known: KnownAt,
    Id(reference): Id,
    At(at): At,
) -> Result<HttpResponse, ApiError> {
    let mut conn = known.reader().await?;
    let agency = agencies::agency_ref(&mut conn, &reference, at).await?;
    let items = contact_points_on(&mut conn, &[], Some(agency.id), at).await?;
    Ok(HttpResponse::Ok().json(AgencyContacts { agency, at, items }))
}
