//! `/v1/assignments`: responsibilities, who holds them on a date, how to
//! reach whoever does, and how they moved. The answers' shapes and SQL are in
//! [`crate::views::assignments`].

use actix_web::{web, HttpResponse};
use serde::Deserialize;
use utoipa::IntoParams;

use super::agencies::filter_agency;
use crate::db::Reader;
use crate::domain::Jurisdiction;
use crate::error::ApiError;
use crate::http::params::{at_date, search_text, At, AtQuery, Id, PageQuery, Paging};
use crate::http::Reply;
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
}

/// List assignments
///
/// Responsibilities in the registry, ordered by slug, with their titles and holders on `at`.
#[utoipa::path(get, path = "/v1/assignments", params(AssignmentListQuery, PageQuery),
    responses(
        (status = 200, description = "A page of assignments", body = AssignmentPage),
        (status = 404, description = "The `holder` agency does not exist"),
    ))]
#[tracing::instrument(skip(db))]
pub async fn list_assignments(
    query: web::Query<AssignmentListQuery>,
    paging: Paging,
    mut db: Reader,
) -> Reply {
    let at = at_date(query.at.as_deref())?;
    let q = search_text(query.q.as_deref())?;
    let jurisdiction = query.jurisdiction.as_deref().map(Jurisdiction::parse);
    let county = match query.county.as_deref() {
        Some(code) if code.len() == 2 && code.bytes().all(|b| b.is_ascii_digit()) => Some(code),
        Some(other) => {
            let reason = format!("'{other}' is not a two-digit county code");
            return Err(ApiError::invalid("county", reason));
        }
        None => None,
    };
    let holder = filter_agency(&mut db, "holder", query.holder.as_deref(), at).await?;
    let filter = AssignmentFilter {
        at,
        q: q.as_deref(),
        holder,
        jurisdiction: jurisdiction
            .transpose()
            .map_err(|error| ApiError::invalid("jurisdiction", error))?,
        county,
        after: paging.cursor.as_ref().map(|c| c.key()),
        limit: paging.fetch(),
    };
    let items = assignments::list(&mut db, filter).await?;
    let (items, next_cursor) = paging.page(items, |assignment| assignment.slug.clone());
    Ok(HttpResponse::Ok().json(AssignmentPage { items, next_cursor }))
}

/// Who holds an assignment on a date
///
/// The agency holding the assignment on `at`, since when and until when, and the transfer
/// that gave it the assignment. On a transfer's effective date the new agency holds it;
/// on the day before, the old one.
#[utoipa::path(get, path = "/v1/assignments/{id}/holder", params(AtQuery),
    responses(
        (status = 200, description = "The holder on that date", body = Holder),
        (status = 404, description = "No such assignment, or nobody held it on that date (`type` is `/problems/no-holder`)"),
    ))]
#[tracing::instrument(skip(db))]
pub async fn assignment_holder(Id(reference): Id, At(at): At, mut db: Reader) -> Reply {
    let assignment = assignment_ref(&mut db, &reference, at).await?;
    let holding = holding_on(&mut db, assignment.id, at)
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
#[utoipa::path(get, path = "/v1/assignments/{id}", params(AtQuery),
    responses((status = 200, description = "The assignment", body = Assignment)))]
#[tracing::instrument(skip(db))]
pub async fn get_assignment(Id(reference): Id, At(at): At, mut db: Reader) -> Reply {
    Ok(HttpResponse::Ok().json(fetch_assignment(&mut db, &reference, at).await?))
}

/// How to reach whoever is responsible on a date
///
/// The assignment's own contact points and its parts' (a hotline stays with its assignment
/// when the assignment moves), followed by the holder's contact points, all valid on `at`.
#[utoipa::path(get, path = "/v1/assignments/{id}/contacts", params(AtQuery),
    responses(
        (status = 200, description = "Who is responsible on that date, and how to reach them", body = AssignmentContacts),
        (status = 404, description = "No such assignment, or nobody held it on that date (`type` is `/problems/no-holder`)"),
    ))]
#[tracing::instrument(skip(db))]
pub async fn assignment_contacts(Id(reference): Id, At(at): At, mut db: Reader) -> Reply {
    let assignment = assignment_ref(&mut db, &reference, at).await?;
    let holder = holding_on(&mut db, assignment.id, at)
        .await?
        .ok_or_else(|| no_holder(&assignment, at))?
        .agency;
    let with_parts = contacts::with_parts(&mut db, assignment.id).await?;
    let items = contact_points_on(&mut db, &with_parts, Some(holder.id), at).await?;
    Ok(HttpResponse::Ok().json(AssignmentContacts {
        assignment,
        at,
        holder,
        items,
    }))
}

/// An assignment's history
///
/// The timeline of an assignment: its holders, its title and scope versions, and the
/// transfers that moved it, each with its source.
#[utoipa::path(get, path = "/v1/assignments/{id}/history",
    responses((status = 200, description = "The timeline", body = AssignmentHistory)))]
#[tracing::instrument(skip(db))]
pub async fn assignment_history(Id(reference): Id, mut db: Reader) -> Reply {
    let today = crate::domain::today_in_stockholm();
    let assignment = assignment_ref(&mut db, &reference, today).await?;
    Ok(HttpResponse::Ok().json(fetch_history(&mut db, assignment).await?))
}
