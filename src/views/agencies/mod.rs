//! Agencies as answers show them: listed ([`list`]), in full, what each
//! holds on a date, how to reach it ([`contacts`]), its lineage
//! ([`lineage`]) and the reports due from it ([`deadlines`]).

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use sqlx::types::Json;
use sqlx::PgConnection;
use utoipa::ToSchema;
use uuid::Uuid;

mod candidates;
mod contacts;
mod deadlines;
mod lineage;
mod list;
mod unknown;

pub use candidates::{candidates, Candidate, Wanted};
pub use contacts::{fetch_contacts, AgencyContacts};
pub use deadlines::{deadlines, AgencyDeadlines, Deadline, DueBetween};
pub use lineage::{lineage, AgencyLineage, LineageLink};
pub use list::{list, named, AgenciesOnly, AgencyFilter};
pub use unknown::{unknown, AgencyNotFound};

use super::shared::{
    found_or, AgencyRef, AssignmentRef, LocalizedText, Period, Source, TransferRef,
};
use crate::domain::{
    AgencyKind, AgencyStatus, AssignmentRole, AssignmentStatus, IdentifierScheme, OtherNameKind,
    PartialDate, Reference,
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

/// A name an agency has had, with its period.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct AgencyName {
    /// Names it in `PATCH` and `DELETE /v1/agencies/{id}/names/{name}`.
    pub id: Uuid,
    pub name: LocalizedText,
    #[serde(flatten)]
    pub period: Period,
    pub source: Source,
}

/// A county of Sweden.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct County {
    #[schema(example = "01")]
    pub code: String,
    pub name: LocalizedText,
}

/// An agency in full.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct Agency {
    pub id: Uuid,
    #[schema(example = "jamstalldhetsmyndigheten")]
    pub slug: String,
    #[schema(example = "2018-01-08")]
    pub at: NaiveDate,
    /// The agency's name on `at`; when `at` lies outside its lifetime, the
    /// name it had nearest that date (its first or its last).
    pub name: LocalizedText,
    /// Whether it existed on `at`.
    pub status: AgencyStatus,
    /// Every name the agency has had, oldest first.
    pub names: Vec<AgencyName>,
    pub kind: AgencyKind,
    /// The Swedish organisation number, where known.
    #[schema(example = "202100-0000")]
    pub organisation_number: Option<String>,
    /// For a county administrative board, the county it serves.
    pub county: Option<County>,
    /// Where the agency has its seat, where the source says.
    #[schema(example = "Göteborg")]
    pub seat: Option<String>,
    /// When it started; null when not known.
    pub started_on: Option<PartialDate>,
    /// When it ended; null while it exists (or when not known).
    pub ended_on: Option<PartialDate>,
    /// The source of `started_on` and `ended_on`, which need not be the
    /// agency's own (the registers gave the founding case's agencies their
    /// lifetimes); null when neither is known.
    pub lifetime_source: Option<Source>,
    /// Identifiers it is known by elsewhere: `organisation_number` (some
    /// are shared, as the courts share theirs), `wikidata` (Q-number),
    /// `esv` (ESV's register), each with its source.
    pub identifiers: Vec<Identifier>,
    /// Abbreviations, former names and other names, without known periods.
    pub other_names: Vec<OtherName>,
    /// SCB's group: Statliga förvaltningsmyndigheter, Sveriges domstolar …
    #[schema(example = "Statliga förvaltningsmyndigheter")]
    pub group: Option<String>,
    /// Statskontoret's form of management: Enrådighet, Styrelse, Nämnd …
    #[schema(example = "Styrelse")]
    pub management_form: Option<String>,
    /// The SFS number of its instruction, the ordinance that governs it
    /// (the one the registers name now): null on an `at` before the year
    /// the number names, when it had not been issued (its instruction then
    /// is not known).
    #[schema(example = "2010:185")]
    pub instruction: Option<String>,
    /// The ministry it answers to on `at`: null when it answers to none
    /// then, or when that is not known (a link whose start is unknown
    /// began no earlier than the agency and the ministry both existed).
    pub ministry: Option<MinistryLink>,
    /// Every ministry it has answered to, oldest first.
    pub ministries: Vec<MinistryLink>,
    /// The agency that hosts it, where one does: the registers do not say
    /// since when, so only on an `at` when both it and its host exist.
    pub host: Option<AgencyRef>,
    /// The source of `group`, `management_form`, `instruction` and `host`
    /// (the agency registers); null when none of them is known.
    pub register_source: Option<Source>,
    /// The agencies it took over from (see `/lineage` for whole chains).
    pub predecessors: Vec<LineageLink>,
    /// The agencies that took over from it.
    pub successors: Vec<LineageLink>,
    pub source: Source,
}

/// An identifier an agency is known by elsewhere.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct Identifier {
    /// Names it in `DELETE /v1/agencies/{id}/identifiers/{identifier}`.
    pub id: Uuid,
    pub scheme: IdentifierScheme,
    #[schema(example = "Q1677108")]
    pub value: String,
    pub source: Source,
}

/// Another name an agency is known by.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct OtherName {
    /// Names it in `DELETE /v1/agencies/{id}/other-names/{other_name}`.
    pub id: Uuid,
    #[schema(example = "TRV")]
    pub name: String,
    pub kind: OtherNameKind,
    pub source: Source,
}

/// A ministry an agency answers to, with its period: a government's
/// decision (or a snapshot of the registers, which says only that it held
/// on its day, so `valid_from` is null) is its source.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct MinistryLink {
    /// Names it in `PATCH` and `DELETE /v1/agencies/{id}/ministries/{ministry}`.
    pub id: Uuid,
    /// The ministry.
    pub agency: AgencyRef,
    #[serde(flatten)]
    pub period: Period,
    pub source: Source,
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

/// An agency as `GET /v1/agencies/{id}` shows it.
#[tracing::instrument(skip(conn))]
pub async fn fetch_agency(
    conn: &mut PgConnection,
    reference: &Reference,
    at: NaiveDate,
) -> Result<Agency, ApiError> {
    let agency = sqlx::query_scalar!(
        r#"
        select jsonb_build_object(
                   'id', a.id, 'slug', a.slug, 'at', $3::text, 'name', localized_json(n.name_sv, n.name_en),
                   'status', agency_status(a.started_on, a.ended_on, $2),
                   'names', (select coalesce(jsonb_agg(jsonb_build_object(
                                        'id', an.id, 'name', localized_json(an.name_sv, an.name_en),
                                        'valid_from', partial_date_text(an.valid_from, an.valid_from_precision),
                                        'valid_to', partial_date_text(an.valid_to, an.valid_to_precision),
                                        'source', source_json(an.source_id))
                                    order by an.valid_from nulls first), '[]')
                             from agency_names an where an.agency_id = a.id),
                   'kind', a.kind, 'organisation_number', a.organisation_number,
                   'county', county_json(a.county_code), 'seat', a.seat,
                   'started_on', partial_date_text(a.started_on, a.started_on_precision),
                   'ended_on', partial_date_text(a.ended_on, a.ended_on_precision),
                   'lifetime_source', source_json(a.lifetime_source_id),
                   'identifiers', (select coalesce(jsonb_agg(jsonb_build_object(
                                              'id', i.id, 'scheme', i.scheme, 'value', i.value,
                                              'source', source_json(i.source_id))
                                          order by i.scheme, i.value), '[]')
                                   from agency_identifiers i where i.agency_id = a.id),
                   'other_names', (select coalesce(jsonb_agg(jsonb_build_object(
                                              'id', al.id, 'name', al.alias, 'kind', al.kind,
                                              'source', source_json(al.source_id))
                                          order by al.kind, al.alias), '[]')
                                   from agency_aliases al where al.agency_id = a.id),
                   'group', a.agency_group, 'management_form', a.management_form,
                   -- An instruction governs from its year at the earliest
                   -- (an SFS number names the year it was issued).
                   'instruction', case when $2 >= coalesce(to_date(substring(a.instruction from '^(\d{4}):'), 'YYYY'),
                                                           '-infinity')
                                       then a.instruction end,
                   'ministry', (select ministry_link_json(l.id, $2) from ministry_links_on($2) l
                                 where l.agency_id = a.id),
                   'ministries', (select coalesce(jsonb_agg(ministry_link_json(l.id, $2)
                                                            order by l.valid_from nulls first), '[]')
                                  from agency_ministries l where l.agency_id = a.id),
                   -- The registers do not say since when: while both exist.
                   'host', (select agency_ref_json(h.id, $2) from agencies h
                            where h.id = a.host_agency_id
                              and daterange(a.started_on, a.ended_on, '[)') @> $2
                              and daterange(h.started_on, h.ended_on, '[)') @> $2),
                   'register_source', source_json(a.register_source_id),
                   'predecessors', lineage_json(a.id, $2, true, 1),
                   'successors', lineage_json(a.id, $2, false, 1),
                   'source', source_json(a.source_id))
               as "agency!: Json<Agency>"
        from agency_named($1) a
        cross join lateral agency_name_on(a.id, $2) n
        "#,
        reference as _,
        at,
        // `at` as asked: PostgreSQL writes years before 1 as BC.
        at.to_string(),
    )
    .fetch_optional(&mut *conn)
    .await?;
    found_or(agency, unknown(conn, reference, at)).await
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
