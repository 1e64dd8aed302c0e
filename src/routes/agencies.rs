//! `/v1/agencies`: public bodies, their names over time, what each holds on a
//! date and how to reach it.

use actix_web::{web, HttpResponse};
use chrono::NaiveDate;
use serde::Deserialize;
use utoipa::IntoParams;
use uuid::Uuid;

use crate::db::Reader;
use crate::domain::{AgencyKind, AgencyStatus, OrganisationNumber, Reference};
use crate::error::ApiError;
use crate::formats::linked_data::Names;
use crate::formats::{calendar, vcard, Negotiated, NegotiatedReply};
use crate::http::params::{
    at_date, optional, optional_date, search_text, At, AtQuery, Id, ListReader, PageQuery, Paging,
};
use crate::http::Reply;
use crate::views::agencies::{
    self, agency_ref, fetch_agency, held_on, AgenciesOnly, Agency, AgencyAssignments,
    AgencyContacts, AgencyDeadlines, AgencyFilter, AgencyLineage, AgencyPage, DueBetween,
};

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct AgencyListQuery {
    /// Search: any name the agency has had (Swedish or English), an other
    /// name or abbreviation (`TRV`), or the slug. Case, diacritics, spaces
    /// and hyphens do not matter, a typo is forgiven (`trafikverkt`), and a
    /// word's Swedish stem finds the names it begins (`polisen` finds
    /// Polismyndigheten); the names in which each word, or its stem,
    /// begins a word come before those that only contain it or resemble
    /// it, the best matches first (the word itself before its stem), and
    /// among equal ones those that exist today.
    /// Text with no letters or digits finds nothing.
    #[param(
        example = "lansstyrelsen skane",
        max_length = 200,
        pattern = "^[^\\x00]*$"
    )]
    q: Option<String>,
    /// Only agencies of this kind.
    #[param(value_type = Option<AgencyKind>, example = "county_administrative_board")]
    kind: Option<String>,
    /// Only agencies that existed on `at` (`active`), had ended by then
    /// (`ended`) or had not yet started (`not_started`); `any` (the default)
    /// for all.
    #[param(value_type = Option<String>, pattern = "^(active|ended|not_started|any)$", example = "active")]
    status: Option<String>,
    /// Only agencies with this organisation number: `202100-6297`,
    /// `2021006297` or `162021006297`. Some numbers are shared (Sweden's
    /// courts use the National Courts Administration's).
    #[param(value_type = Option<String>, pattern = "^(16)?[0-9]{6}-?[0-9]{4}$", example = "202100-6297")]
    org_nr: Option<String>,
    /// Only agencies that answer to this ministry (UUID or slug) on `at`.
    #[param(example = "finansdepartementet")]
    ministry: Option<String>,
    /// The date whose names (and ministries) to read, `YYYY-MM-DD`. Default: today in Europe/Stockholm.
    #[param(value_type = Option<NaiveDate>, example = "2018-01-08")]
    at: Option<String>,
}

/// List or search agencies
///
/// Public bodies in the registry with their names and status on `at`:
/// ordered by slug, or with `q` the best matches first.
#[utoipa::path(get, path = "/v1/agencies", params(AgencyListQuery, PageQuery),
    responses((status = 200, description = "A page of agencies", body = AgencyPage)))]
#[tracing::instrument(skip(db))]
pub async fn list_agencies(
    query: web::Query<AgencyListQuery>,
    paging: Paging,
    ListReader(mut db): ListReader,
) -> Reply {
    let q = search_text(query.q.as_deref())?;
    let kind = optional("kind", query.kind.as_deref(), AgencyKind::parse)?;
    let status = match query.status.as_deref() {
        None | Some("any") => None,
        Some(status) => Some(
            AgencyStatus::parse(status)
                .map_err(|error| ApiError::invalid("status", format!("{error}, any")))?,
        ),
    };
    let org_nr = query.org_nr.as_deref();
    let organisation_number = optional("org_nr", org_nr, OrganisationNumber::parse_any)?;
    let at = at_date(query.at.as_deref())?;
    let ministry = filter_agency(&mut db, "ministry", query.ministry.as_deref(), at).await?;
    let window = paging.window(q.is_some());
    let filter = AgencyFilter {
        at,
        q: q.as_deref(),
        only: AgenciesOnly {
            kind,
            status,
            organisation_number: organisation_number.as_ref().map(OrganisationNumber::as_str),
            ministry,
        },
        window: &window,
    };
    let items = agencies::list(&mut db, filter).await?;
    let (items, next_cursor) = paging.page_in(items, &window, |agency| agency.slug.clone());
    Ok(HttpResponse::Ok().json(AgencyPage { items, next_cursor }))
}

/// Get an agency
///
/// By UUID or slug, with its name on `at` and every name it has had.
///
/// As JSON-LD (W3C Organization Ontology, Core Public Organisation Vocabulary) with
/// `Accept: application/ld+json` or `?format=jsonld`.
#[utoipa::path(get, path = "/v1/agencies/{id}", params(AtQuery),
    responses((status = 200, description = "The agency", body = Agency)))]
#[tracing::instrument(skip(db))]
pub async fn get_agency(Id(reference): Id, At(at): At, mut db: Reader) -> NegotiatedReply<Agency> {
    let agency = fetch_agency(&mut db, &reference, at).await?;
    Ok(Negotiated::linked(agency, Names::agency))
}

/// What an agency holds on a date
///
/// The assignments (and parts of assignments) the agency holds on `at`, and those it was given
/// together with their lead, by slug, a page at a time.
#[utoipa::path(get, path = "/v1/agencies/{id}/assignments", params(AtQuery, PageQuery),
    responses((status = 200, description = "The assignments held on that date", body = AgencyAssignments)))]
#[tracing::instrument(skip(db))]
pub async fn agency_assignments(
    Id(reference): Id,
    At(at): At,
    paging: Paging,
    ListReader(mut db): ListReader,
) -> Reply {
    let window = paging.window(false);
    let after = window.after.as_deref();
    let (agency, items) = held_on(&mut db, &reference, at, after, window.limit).await?;
    let (items, next_cursor) = paging.page_in(items, &window, |held| held.assignment.slug.clone());
    Ok(HttpResponse::Ok().json(AgencyAssignments {
        agency,
        at,
        items,
        next_cursor,
    }))
}

/// How to reach an agency on a date
///
/// The agency's own contact points (addresses, e-mail, phone, websites) valid on `at`.
///
/// As a vCard (RFC 6350) for an address book with `Accept: text/vcard` or `?format=vcard`.
#[utoipa::path(get, path = "/v1/agencies/{id}/contacts", params(AtQuery),
    responses((status = 200, description = "The contact points valid on that date", body = AgencyContacts)))]
#[tracing::instrument(skip(db))]
pub async fn agency_contacts(
    Id(reference): Id,
    At(at): At,
    mut db: Reader,
) -> NegotiatedReply<AgencyContacts> {
    let contacts = agencies::fetch_contacts(&mut db, &reference, at).await?;
    Ok(Negotiated::carded(contacts, vcard::agency_card))
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct DeadlineQuery {
    /// Only reports due on or after this date, `YYYY-MM-DD`.
    #[param(value_type = Option<NaiveDate>, example = "2026-01-01")]
    from: Option<String>,
    /// Only reports due before this date, `YYYY-MM-DD`. The range `[from, to)` is half-open;
    /// when `to` is not after `from` it is empty and matches nothing.
    #[param(value_type = Option<NaiveDate>, example = "2027-01-01")]
    to: Option<String>,
}

/// The reports due from an agency
///
/// Every interim and final report due of the assignments the agency held on the day each was
/// due, or was given together with their lead, oldest first, each with its source: where an
/// assignment moved to another agency, its later reports are that agency's. A final report is
/// due on the date the assignment's version in force that day gives; a date an amendment
/// replaced before it came is no deadline. A date known only to the month (`2019-03`) counts
/// from its first day.
///
/// As an iCalendar (RFC 5545) to subscribe to, an all-day event for each report, with
/// `Accept: text/calendar` or `?format=ics`.
#[utoipa::path(get, path = "/v1/agencies/{id}/deadlines", params(DeadlineQuery),
    responses((status = 200, description = "The reports due from the agency", body = AgencyDeadlines)))]
#[tracing::instrument(skip(db))]
pub async fn agency_deadlines(
    Id(reference): Id,
    query: web::Query<DeadlineQuery>,
    ListReader(mut db): ListReader,
) -> NegotiatedReply<AgencyDeadlines> {
    let between = DueBetween {
        from: optional_date("from", query.from.as_deref())?,
        to: optional_date("to", query.to.as_deref())?,
    };
    let today = crate::domain::today_in_stockholm();
    let deadlines = agencies::deadlines(&mut db, &reference, between, today).await?;
    Ok(Negotiated::calendared(
        deadlines,
        calendar::deadline_calendar,
    ))
}

/// Which agencies an agency took over from, and which took over from it
///
/// Every chain of predecessors and successors, dated and typed where the
/// sources say (Vägverket and Banverket merged into Trafikverket on
/// 2010-04-01), each link with its source; names as on `at`.
#[utoipa::path(get, path = "/v1/agencies/{id}/lineage", params(AtQuery),
    responses((status = 200, description = "The agency's lineage", body = AgencyLineage)))]
#[tracing::instrument(skip(db))]
pub async fn agency_lineage(Id(reference): Id, At(at): At, mut db: Reader) -> Reply {
    Ok(HttpResponse::Ok().json(agencies::lineage(&mut db, &reference, at).await?))
}

/// The agency a list's filter parameter `name` names by UUID or slug, if
/// given: a malformed reference is a 400 naming the parameter, an unknown
/// agency a 404.
pub(super) async fn filter_agency(
    db: &mut Reader,
    name: &'static str,
    text: Option<&str>,
    at: NaiveDate,
) -> Result<Option<Uuid>, ApiError> {
    let Some(text) = text else {
        return Ok(None);
    };
    let reference = Reference::parse(text).map_err(|error| ApiError::invalid(name, error))?;
    Ok(Some(agency_ref(db, &reference, at).await?.id))
}
