//! `/v1/assignments`: responsibilities, who holds them on a date, how to
//! reach whoever does, and how they moved. The answers' shapes and SQL are in
//! [`crate::views::assignments`].

use actix_web::{web, HttpResponse};
use serde::Deserialize;
use utoipa::IntoParams;

use super::agencies::filter_agency;
use crate::db::Reader;
use crate::domain::{AssignmentKind, AssignmentStatus, CountyCode, Jurisdiction};
use crate::error::ApiError;
use crate::formats::linked_data::Names;
use crate::formats::{vcard, Negotiated, NegotiatedReply};
use crate::http::params::{
    at_date, optional, optional_date, search_text, At, AtQuery, Id, ListReader, PageQuery, Paging,
};
use crate::http::problem::PROBLEM_CONTENT_TYPE;
use crate::http::Reply;
use crate::views::assignments::contacts::{fetch_contacts, AssignmentContacts};
use crate::views::assignments::detail::{fetch_assignment, Assignment};
use crate::views::assignments::history::{fetch_history, AssignmentHistory};
use crate::views::assignments::holdings::no_holder::{NoHolderProblem, NO_HOLDER_RESPONSE};
use crate::views::assignments::holdings::{fetch_holder, Holder};
use crate::views::assignments::{self, AssignmentFilter, AssignmentPage, AssignmentsOnly};

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct AssignmentListQuery {
    /// Words of a title or text, searched in Swedish (stemmed, each word
    /// as a prefix: `barnahus` finds "barnahusverksamheterna"; English
    /// titles word for word), or a case number from its start
    /// (`A2025/00141`), or a slug. The slug itself comes first, then a
    /// case number, then matches in a title, then matches in the texts
    /// alone; in titles and in texts, the words themselves before words
    /// that only begin like their stem ("bilar" before "bilda"). Text with
    /// no letters or digits finds nothing.
    #[param(example = "barnahus", max_length = 200, pattern = "^[^\\x00]*$")]
    q: Option<String>,
    /// Only assignments led on `at` by this agency, their holder (UUID or slug).
    #[param(example = "jamstalldhetsmyndigheten")]
    holder: Option<String>,
    /// Only assignments this agency (UUID or slug) takes part in on `at`
    /// without leading them: given them together with the lead, or consulted.
    #[param(example = "brottsforebyggande-radet")]
    participant: Option<String>,
    /// Only national assignments, or only county ones.
    #[param(value_type = Option<Jurisdiction>, example = "national")]
    jurisdiction: Option<String>,
    /// Only assignments for this county.
    #[param(value_type = Option<CountyCode>, example = "01")]
    county: Option<String>,
    /// Only standing assignments, government assignments, or amendments
    /// whose original is not in the registry.
    #[param(value_type = Option<AssignmentKind>, example = "government_assignment")]
    kind: Option<String>,
    /// Only those under way (`active`, `due_unknown`), given later
    /// (`not_started`) or reported (`reported`) on `at`.
    #[param(value_type = Option<AssignmentStatus>, example = "active")]
    status: Option<String>,
    /// Only those given on or after this day, `YYYY-MM-DD`.
    #[param(value_type = Option<NaiveDate>, example = "2018-01-01")]
    published_from: Option<String>,
    /// Only those given before this day, `YYYY-MM-DD`.
    #[param(value_type = Option<NaiveDate>, example = "2019-01-01")]
    published_to: Option<String>,
    /// Only those whose final report is due (as the version on `at` says)
    /// on or after this day, `YYYY-MM-DD`.
    #[param(value_type = Option<NaiveDate>, example = "2026-11-01")]
    due_from: Option<String>,
    /// Only those whose final report is due before this day, `YYYY-MM-DD`.
    #[param(value_type = Option<NaiveDate>, example = "2026-12-01")]
    due_to: Option<String>,
    /// `true`: only those whose recipients name no agency (each says why);
    /// `false`: only those with a recipient agency.
    #[param(value_type = Option<bool>, example = true)]
    unresolved: Option<String>,
    /// The date to answer for (titles, holders, status), `YYYY-MM-DD`. Default: today in Europe/Stockholm.
    #[param(value_type = Option<NaiveDate>, example = "2018-01-01")]
    at: Option<String>,
}

/// List assignments
///
/// Responsibilities in the registry, ordered by slug (with `q`, the best matches first), with
/// their titles, status, due dates and holders on `at`.
#[utoipa::path(get, path = "/v1/assignments", params(AssignmentListQuery, PageQuery),
    responses((status = 200, description = "A page of assignments", body = AssignmentPage)))]
#[tracing::instrument(skip(db))]
pub async fn list_assignments(
    query: web::Query<AssignmentListQuery>,
    paging: Paging,
    ListReader(mut db): ListReader,
) -> Reply {
    let at = at_date(query.at.as_deref())?;
    let q = search_text(query.q.as_deref())?;
    let jurisdiction = optional(
        "jurisdiction",
        query.jurisdiction.as_deref(),
        Jurisdiction::parse,
    )?;
    let county = optional("county", query.county.as_deref(), CountyCode::parse)?;
    let kind = optional("kind", query.kind.as_deref(), AssignmentKind::parse)?;
    let status = optional("status", query.status.as_deref(), AssignmentStatus::parse)?;
    let unresolved = match query.unresolved.as_deref() {
        None => None,
        Some("true") => Some(true),
        Some("false") => Some(false),
        Some(other) => {
            let reason = format!("'{other}' is neither true nor false");
            return Err(ApiError::invalid("unresolved", reason));
        }
    };
    let published_from = optional_date("published_from", query.published_from.as_deref())?;
    let published_to = optional_date("published_to", query.published_to.as_deref())?;
    let due_from = optional_date("due_from", query.due_from.as_deref())?;
    let due_to = optional_date("due_to", query.due_to.as_deref())?;
    let holder = filter_agency(&mut db, "holder", query.holder.as_deref(), at).await?;
    let participant =
        filter_agency(&mut db, "participant", query.participant.as_deref(), at).await?;
    let window = paging.window(q.is_some());
    let filter = AssignmentFilter {
        at,
        q: q.as_deref(),
        only: AssignmentsOnly {
            holder,
            participant,
            jurisdiction,
            county: county.map(CountyCode::as_str),
            kind,
            status,
            published_from,
            published_to,
            due_from,
            due_to,
            unresolved,
        },
        window: &window,
    };
    let items = assignments::list(&mut db, filter).await?;
    let (items, next_cursor) = paging.page_in(items, &window, |assignment| assignment.slug.clone());
    Ok(HttpResponse::Ok().json(AssignmentPage { items, next_cursor }))
}

/// Who holds an assignment on a date
///
/// The agency holding the assignment on `at` (its lead), since when and until when, and the
/// transfer that gave it the assignment, with the agencies given it together with the lead.
/// On a transfer's effective date the new agency holds it; on the day before, the old one.
///
/// As JSON-LD (a dated holding of the assignment by the agency) with
/// `Accept: application/ld+json` or `?format=jsonld`.
#[utoipa::path(get, path = "/v1/assignments/{id}/holder", params(AtQuery),
    responses(
        (status = 200, description = "The holder on that date", body = Holder),
        (status = 404, description = NO_HOLDER_RESPONSE, body = NoHolderProblem, content_type = PROBLEM_CONTENT_TYPE),
    ))]
#[tracing::instrument(skip(db))]
pub async fn assignment_holder(
    Id(reference): Id,
    At(at): At,
    mut db: Reader,
) -> NegotiatedReply<Holder> {
    let holder = fetch_holder(&mut db, &reference, at).await?;
    Ok(Negotiated::linked(holder, Names::holder))
}

/// Get an assignment
///
/// By UUID or slug: its title and scope on `at`, its holder on `at`, its parts and the bodies
/// it coordinates.
///
/// As JSON-LD with `Accept: application/ld+json` or `?format=jsonld`.
#[utoipa::path(get, path = "/v1/assignments/{id}", params(AtQuery),
    responses((status = 200, description = "The assignment", body = Assignment)))]
#[tracing::instrument(skip(db))]
pub async fn get_assignment(
    Id(reference): Id,
    At(at): At,
    mut db: Reader,
) -> NegotiatedReply<Assignment> {
    let assignment = fetch_assignment(&mut db, &reference, at).await?;
    Ok(Negotiated::linked(assignment, Names::assignment))
}

/// How to reach whoever is responsible on a date
///
/// The assignment's own contact points and its parts' (a hotline stays with its assignment
/// when the assignment moves), followed by the holder's contact points, all valid on `at`.
/// An assignment given to several agencies with none leading (all county boards, say) has
/// no holder: each co-recipient's contact points follow the assignment's.
///
/// As a vCard (RFC 6350) of the holder for an address book with `Accept: text/vcard` or
/// `?format=vcard` (a card for each co-recipient, where none leads).
#[utoipa::path(get, path = "/v1/assignments/{id}/contacts", params(AtQuery),
    responses(
        (status = 200, description = "Who is responsible on that date, and how to reach them", body = AssignmentContacts),
        (status = 404, description = NO_HOLDER_RESPONSE, body = NoHolderProblem, content_type = PROBLEM_CONTENT_TYPE),
    ))]
#[tracing::instrument(skip(db))]
pub async fn assignment_contacts(
    Id(reference): Id,
    At(at): At,
    mut db: Reader,
) -> NegotiatedReply<AssignmentContacts> {
    let contacts = fetch_contacts(&mut db, &reference, at).await?;
    Ok(Negotiated::carded(contacts, vcard::assignment_card))
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
    Ok(HttpResponse::Ok().json(fetch_history(&mut db, &reference, today).await?))
}
