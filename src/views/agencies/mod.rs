//! Agencies as answers show them: listed ([`list`]), in full
//! ([`detail`]), what each holds on a date (here), how to reach it
//! ([`contacts`]), its lineage ([`lineage`]) and the reports due from it
//! ([`deadlines`]).

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use sqlx::types::Json;
use sqlx::PgConnection;
use utoipa::ToSchema;
use uuid::Uuid;

mod candidates;
mod contacts;
mod deadlines;
mod detail;
mod lineage;
mod list;
mod unknown;

pub use candidates::{candidates, Candidate, Wanted};
pub use contacts::{fetch_contacts, AgencyContacts};
pub use deadlines::{deadlines, AgencyDeadlines, Deadline, DueBetween};
pub use detail::{
    fetch_agency, Agency, AgencyName, County, Identifier, Instruction, MinistryLink, OtherName,
};
pub use lineage::{lineage, AgencyLineage, LineageLink};
pub use list::{list, named, AgenciesOnly, AgencyFilter};
pub use unknown::{unknown, AgencyNotFound};

use super::shared::{
    found_or, AgencyRef, AssignmentRef, LocalizedText, Period, Source, TransferRef,
};
use crate::domain::{
    AgencyKind, AgencyStatus, AssignmentRole, AssignmentStatus, PartialDate, Reference,
};
use crate::error::ApiError;

/// An agency as listed.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct AgencySummary {
    pub id: Uuid,
    #[schema(example = "jamstalldhetsmyndigheten")]
    pub slug: String,
    /// The agency's name on the date asked about (outside its lifetime, the
    /// name it had nearest that date).
    pub name: LocalizedText,
    /// Whether it existed on the date asked about.
    pub status: AgencyStatus,
    pub kind: AgencyKind,
    /// For a county administrative board, its county's code.
    #[schema(example = "01")]
    pub county_code: Option<String>,
    /// Where the agency is recorded from.
    pub source: Source,
}

/// A page of agencies, ordered by slug.
#[derive(Debug, Serialize, ToSchema)]
pub struct AgencyPage {
    pub items: Vec<AgencySummary>,
    /// Pass as `cursor` for the next page; null on the last page.
    pub next_cursor: Option<String>,
}

/// What an agency holds on a date.
#[derive(Debug, Serialize, ToSchema)]
pub struct AgencyAssignments {
    pub agency: AgencyRef,
    #[schema(example = "2018-01-01")]
    pub at: NaiveDate,
    /// Assignments the agency holds on `at`, or was given together with
    /// their lead, ordered by slug: a page of them.
    pub items: Vec<HeldAssignment>,
    /// Pass as `cursor` for the next page; null on the last page.
    pub next_cursor: Option<String>,
}

/// One assignment an agency holds, or was given together with its lead,
/// and since when.
#[derive(Debug, Serialize, ToSchema)]
pub struct HeldAssignment {
    pub assignment: AssignmentRef,
    /// The assignment this one is a part of, if any.
    pub part_of: Option<AssignmentRef>,
    /// `lead` (the agency holds it) or `co_recipient` (given it together
    /// with the lead).
    pub role: AssignmentRole,
    /// Whether the assignment is under way on `at`: `active`, or
    /// `due_unknown` where its text gives no date for its final report.
    pub status: AssignmentStatus,
    /// When its final report is due, as the version on `at` says.
    pub due_on: Option<PartialDate>,
    /// The holding's (or the part's) period.
    #[serde(flatten)]
    pub period: Period,
    /// The transfer that started the holding, if one did.
    pub started_by_transfer: Option<TransferRef>,
    pub source: Source,
}

/// The agency `reference` names, and the assignments (and parts) it holds
/// on `at` and those it was given together with their lead, ordered by
/// slug: after the slug `after`, at most `limit`. One statement.
#[tracing::instrument(skip(conn))]
pub async fn held_on(
    conn: &mut PgConnection,
    reference: &Reference,
    at: NaiveDate,
    after: Option<&str>,
    limit: i64,
) -> Result<(AgencyRef, Vec<HeldAssignment>), ApiError> {
    let rows = sqlx::query!(
        r#"
        select agency_ref_json(a.id, $2) as "agency!: Json<AgencyRef>",
               assignment_ref_json(held.assignment_id, $2) as "assignment?: Json<AssignmentRef>",
               assignment_ref_json(held.parent_id, $2) as "part_of: Json<AssignmentRef>",
               held.role as "role?: AssignmentRole",
               assignment_status(held.assignment_id, $2) as "status?: AssignmentStatus",
               (select partial_date_text(v.due_on, v.due_on_precision)
                from assignment_version_on(held.assignment_id, $2) v) as "due_on: PartialDate",
               partial_date_text(held.valid_from, held.valid_from_precision) as "valid_from: PartialDate",
               partial_date_text(held.valid_to, held.valid_to_precision) as "valid_to: PartialDate",
               transfer_ref_json(held.started_by_transfer_id) as "started_by_transfer: Json<TransferRef>",
               source.json as "source?: Json<Source>"
        from agency_named($1) a
        left join lateral (
            -- The page first; what describes it after.
            select s.slug, s.parent_id, held.*
            from (
                select h.assignment_id, 'lead' as role, h.valid_from, h.valid_from_precision, h.valid_to,
                       h.valid_to_precision, h.started_by_transfer_id, h.source_id
                from holdings h
                where h.agency_id = a.id
                  and answered_on(h.agency_id, h.assignment_id, h.valid_from, h.valid_to, $2)
                union all
                select p.assignment_id, p.role, p.valid_from, p.valid_from_precision, p.valid_to,
                       p.valid_to_precision, null, p.source_id
                from assignment_participations p
                where p.agency_id = a.id and p.role = 'co_recipient'
                  and answered_on(p.agency_id, p.assignment_id, p.valid_from, p.valid_to, $2)
            ) held
            join assignments s on s.id = held.assignment_id
            where $3::text is null or s.slug > $3 collate "C"
            order by s.slug collate "C"
            limit $4
        ) held on true
        left join source_shapes source on source.id = held.source_id
        order by held.slug collate "C"
        "#,
        reference as _,
        at,
        after,
        limit,
    )
    .fetch_all(&mut *conn)
    .await?;
    let agency = rows.first().map(|row| row.agency.0.clone());
    let held = rows.into_iter().filter_map(|row| {
        Some(HeldAssignment {
            assignment: row.assignment?.0,
            part_of: row.part_of.map(|part_of| part_of.0),
            role: row.role?,
            status: row.status?,
            due_on: row.due_on,
            period: Period::new(row.valid_from, row.valid_to),
            started_by_transfer: row.started_by_transfer.map(|transfer| transfer.0),
            source: row.source?.0,
        })
    });
    Ok((
        with_agency(conn, reference, at, agency).await?,
        held.collect(),
    ))
}

/// The agency of a statement that names it in every row (its items
/// left-joined, so that an agency with none is still a row): the first
/// row's, or the 404 for `reference` where there was no row.
async fn with_agency(
    conn: &mut PgConnection,
    reference: &Reference,
    at: NaiveDate,
    first: Option<AgencyRef>,
) -> Result<AgencyRef, ApiError> {
    match first {
        Some(agency) => Ok(agency),
        None => Err(unknown(conn, reference, at).await),
    }
}

/// The agency a reference names, briefly, with its name on `at`.
#[tracing::instrument(skip(conn))]
pub async fn agency_ref(
    conn: &mut PgConnection,
    reference: &Reference,
    at: NaiveDate,
) -> Result<AgencyRef, ApiError> {
    let agency = sqlx::query_scalar!(
        r#"select agency_ref_json(id, $2) as "agency!: Json<AgencyRef>"
           from agency_named($1)"#,
        reference as _,
        at,
    )
    .fetch_optional(&mut *conn)
    .await?;
    found_or(agency, unknown(conn, reference, at)).await
}

pub(super) fn not_found(reference: &Reference) -> String {
    format!("There is no agency '{reference}'.")
}
