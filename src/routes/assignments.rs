//! `/v1/assignments`: responsibilities, who holds them on a date, how to
//! reach whoever does, and how they moved. The answers' shapes and SQL are in
//! [`crate::views::assignments`].

use actix_web::{web, HttpResponse};
use serde::Deserialize;
use utoipa::IntoParams;

use crate::domain::{Jurisdiction, Reference};
use crate::error::ApiError;
use crate::http::params::{at_date, search_text, At, AtQuery, Id, KnownAt, Paging};
use crate::views::agencies::agency_ref;
use crate::views::assignments::contacts::{self, AssignmentContacts};
use crate::views::assignments::detail::{fetch_assignment, Assignment};
use crate::views::assignments::history::{fetch_history, AssignmentHistory};
use crate::views::assignments::holdings::{holding_on, no_holder, Holder};
use crate::views::assignments::{self, assignment_ref, AssignmentFilter, AssignmentPage};
use crate::views::contacts::contact_points_on;

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct AssignmentListQuery {
    /// Part of a title (any version, Swedish or English) or of the slug; case does not matter.
    #[param(example = "människohandel", max_length = 200, pattern = "^[^\\x00]*$")]
    q: Option<String>,
    /// Only assignments held on `at` by this agency (UUID or slug).
    #[param(example = "jamstalldhetsmyndigheten")]
    holder: Option<String>,
    /// Only national assignments, or only county ones.
    #[param(value_type = Option<Jurisdiction>, example = "national")]
    jurisdiction: Option<String>,
    /// Only assignments for this county (two-digit county code).
    #[param(example = "01", pattern = "^[0-9]{2}$")]
    county: Option<String>,
    /// The date to answer for (titles, holders), `YYYY-MM-DD`. Default: today in Europe/Stockholm.
    #[param(value_type = Option<NaiveDate>, example = "2018-01-01")]
    at: Option<String>,
    /// Items per page, 1 to 100. Default 20.
    #[param(value_type = Option<u16>, minimum = 1, maximum = 100, example = 5)]
    limit: Option<String>,
    /// Where the page starts: `next_cursor` from the previous page, unchanged.
    cursor: Option<String>,
}

/// List assignments
///
/// Responsibilities in the registry, ordered by slug, with their titles and holders on `at`.
#[utoipa::path(
    get,
    path = "/v1/assignments",
    tag = "assignments",
    params(AssignmentListQuery),
    responses(
        (status = 200, description = "A page of assignments", body = AssignmentPage),
        (status = 404, description = "The `holder` agency does not exist"),
    )
)]
#[tracing::instrument(skip(known))]
pub async fn list_assignments(
    known: KnownAt,
    query: web::Query<AssignmentListQuery>,
) -> Result<HttpResponse, ApiError> {
    let at = at_date(query.at.as_deref())?;
    let q = search_text(query.q.as_deref())?;
    let jurisdiction = query
        .jurisdiction
        .as_deref()
        .map(Jurisdiction::parse)
        .transpose()
        .map_err(|error| ApiError::invalid("jurisdiction", error))?;
    let county = match query.county.as_deref() {
        Some(code) if code.len() == 2 && code.bytes().all(|b| b.is_ascii_digit()) => Some(code),
        Some(other) => {
            return Err(ApiError::invalid(
                "county",
                format!("'{other}' is not a two-digit county code"),
            ))
        }
        None => None,
    };
    let paging = Paging::parse(query.limit.as_deref(), query.cursor.as_deref())?;
    let mut conn = known.reader().await?;
    let holder = match query.holder.as_deref() {
        Some(text) => {
            let reference =
                Reference::parse(text).map_err(|error| ApiError::invalid("holder", error))?;
            Some(agency_ref(&mut conn, &reference, at).await?.id)
        }
        None => None,
    };

    let items = assignments::list(
        &mut conn,
        AssignmentFilter {
            at,
            q: q.as_deref(),
            holder,
            jurisdiction,
            county,
            after: paging.cursor.as_ref().map(|c| c.key()),
            limit: paging.fetch(),
        },
    )
    .await?;
    let (items, next_cursor) = paging.page(items, |assignment| assignment.slug.clone());
    Ok(HttpResponse::Ok().json(AssignmentPage { items, next_cursor }))
}

/// Who holds an assignment on a date
///
/// The agency holding the assignment on `at`, since when and until when, and the transfer
/// that gave it the assignment. On a transfer's effective date the new agency holds it;
/// on the day before, the old one.
#[utoipa::path(
    get,
    path = "/v1/assignments/{id}/holder",
    tag = "assignments",
    params(AtQuery),
    responses(
        (status = 200, description = "The holder on that date", body = Holder),
        (status = 404, description = "No such assignment, or nobody held it on that date (`type` is `/problems/no-holder`)"),
    )
)]
#[tracing::instrument(skip(known))]
pub async fn assignment_holder(
    known: KnownAt,
    Id(reference): Id,
    At(at): At,
) -> Result<HttpResponse, ApiError> {
    let mut conn = known.reader().await?;
    let assignment = assignment_ref(&mut conn, &reference, at).await?;
    let holding = holding_on(&mut conn, assignment.id, at)
        .await?
        .ok_or_else(|| no_holder(&assignment, at))?;
    Ok(HttpResponse::Ok().json(Holder {
        assignment,
        at,
        holding,
    }))
}

/// Get an assignment
///
/// By UUID or slug: its title and scope on `at`, its holder on `at`, its parts and the bodies
/// it coordinates.
#[utoipa::path(
    get,
    path = "/v1/assignments/{id}",
    tag = "assignments",
    params(AtQuery),
    responses(
        (status = 200, description = "The assignment", body = Assignment),
    )
)]
#[tracing::instrument(skip(known))]
pub async fn get_assignment(
    known: KnownAt,
    Id(reference): Id,
    At(at): At,
) -> Result<HttpResponse, ApiError> {
    let mut conn = known.reader().await?;
    let assignment = fetch_assignment(&mut conn, &reference, at).await?;
    Ok(HttpResponse::Ok().json(assignment))
}

/// How to reach whoever is responsible on a date
///
/// The assignment's own contact points and its parts' (a hotline stays with its assignment
/// when the assignment moves), followed by the holder's contact points, all valid on `at`.
#[utoipa::path(
    get,
    path = "/v1/assignments/{id}/contacts",
    tag = "assignments",
    params(AtQuery),
    responses(
        (status = 200, description = "Who is responsible on that date, and how to reach them", body = AssignmentContacts),
        (status = 404, description = "No such assignment, or nobody held it on that date (`type` is `/problems/no-holder`)"),
    )
)]
#[tracing::instrument(skip(known))]
pub async fn assignment_contacts(
    known: KnownAt,
    Id(reference): Id,
    At(at): At,
) -> Result<HttpResponse, ApiError> {
    let mut conn = known.reader().await?;
    let assignment = assignment_ref(&mut conn, &reference, at).await?;
    let holding = holding_on(&mut conn, assignment.id, at)
        .await?
        .ok_or_else(|| no_holder(&assignment, at))?;

    let with_parts = contacts::with_parts(&mut conn, assignment.id).await?;
    let items = contact_points_on(&mut conn, &with_parts, Some(holding.agency.id), at).await?;
    Ok(HttpResponse::Ok().json(AssignmentContacts {
        assignment,
        at,
        holder: holding.agency,
        items,
    }))
}

/// An assignment's history
///
/// The timeline of an assignment: its holders, its title and scope versions, and the
/// transfers that moved it, each with its source.
#[utoipa::path(
    get,
    path = "/v1/assignments/{id}/history",
    tag = "assignments",
    responses(
        (status = 200, description = "The timeline", body = AssignmentHistory),
    )
)]
#[tracing::instrument(skip(known))]
pub async fn assignment_history(
    known: KnownAt,
    Id(reference): Id,
) -> Result<HttpResponse, ApiError> {
    let today = crate::domain::today_in_stockholm();
    let mut conn = known.reader().await?;
    let assignment = assignment_ref(&mut conn, &reference, today).await?;

    let history = fetch_history(&mut conn, assignment).await?;
    Ok(HttpResponse::Ok().json(history))
}
