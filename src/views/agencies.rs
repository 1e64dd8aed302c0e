//! Agencies as answers show them: listed, in full, what each holds on a
//! date, and the short reference other answers embed.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use sqlx::types::Json;
use sqlx::PgConnection;
use utoipa::ToSchema;
use uuid::Uuid;

use super::contacts::ContactPoint;
use super::shared::{found, AgencyRef, AssignmentRef, LocalizedText, Period, Source, TransferRef};
use crate::domain::{AgencyKind, AgencyStatus, PartialDate, Reference};
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
    /// The SFS number of its instruction, the ordinance that governs it.
    #[schema(example = "2010:185")]
    pub instruction: Option<String>,
    /// The ministry it answers to, as of the date a source said so.
    pub ministry: Option<MinistryLink>,
    /// The agency that hosts it, where one does.
    pub host: Option<AgencyRef>,
    /// The agencies it took over from (see `/lineage` for whole chains).
    pub predecessors: Vec<LineageLink>,
    /// The agencies that took over from it.
    pub successors: Vec<LineageLink>,
    pub source: Source,
}

/// An identifier an agency is known by elsewhere.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct Identifier {
    #[schema(example = "wikidata")]
    pub scheme: String,
    #[schema(example = "Q1677108")]
    pub value: String,
    pub source: Source,
}

/// Another name an agency is known by.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct OtherName {
    #[schema(example = "TRV")]
    pub name: String,
    /// `abbreviation`, `former_name` or `other_name`.
    #[schema(example = "abbreviation")]
    pub kind: String,
    pub source: Source,
}

/// The ministry an agency answers to.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct MinistryLink {
    pub agency: AgencyRef,
    /// The day a source said so.
    #[schema(example = "2026-01-02")]
    pub as_of: NaiveDate,
}

/// One agency taking over from another.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct LineageLink {
    pub predecessor: AgencyRef,
    pub successor: AgencyRef,
    /// `replaced`, `merged_into` (one of several predecessors on one date),
    /// `split_into` (one of several successors) or `renamed`.
    #[schema(example = "merged_into")]
    pub kind: String,
    /// When, where the sources say.
    pub effective_on: Option<PartialDate>,
    /// How many links from the agency asked about: 1 for its own.
    pub generation: i32,
    pub source: Source,
}

/// An agency's lineage: every chain back to its predecessors and on to its
/// successors.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct AgencyLineage {
    pub agency: AgencyRef,
    #[schema(example = "2010-04-01")]
    pub at: NaiveDate,
    /// Links back, nearest first.
    pub predecessors: Vec<LineageLink>,
    /// Links on, nearest first.
    pub successors: Vec<LineageLink>,
}

/// How far lineage chains are followed.
const LINEAGE_GENERATIONS: i32 = 20;

/// The whole lineage of `agency`.
#[tracing::instrument(skip(conn))]
pub async fn lineage(
    conn: &mut PgConnection,
    agency: AgencyRef,
    at: NaiveDate,
) -> Result<AgencyLineage, ApiError> {
    let row = sqlx::query!(
        r#"select lineage_json($1, $2, true, $3) as "predecessors!: Json<Vec<LineageLink>>",
                  lineage_json($1, $2, false, $3) as "successors!: Json<Vec<LineageLink>>""#,
        agency.id,
        at,
        LINEAGE_GENERATIONS,
    )
    .fetch_one(conn)
    .await?;
    Ok(AgencyLineage {
        agency,
        at,
        predecessors: row.predecessors.0,
        successors: row.successors.0,
    })
}

/// What an agency holds on a date.
#[derive(Debug, Serialize, ToSchema)]
pub struct AgencyAssignments {
    pub agency: AgencyRef,
    #[schema(example = "2018-01-01")]
    pub at: NaiveDate,
    /// Assignments the agency holds on `at`, ordered by slug.
    pub items: Vec<HeldAssignment>,
}

/// One assignment an agency holds, and since when.
#[derive(Debug, Serialize, ToSchema)]
pub struct HeldAssignment {
    pub assignment: AssignmentRef,
    /// The assignment this one is a part of, if any.
    pub part_of: Option<AssignmentRef>,
    /// The holding's period.
    #[serde(flatten)]
    pub period: Period,
    /// The transfer that started the holding, if one did.
    pub started_by_transfer: Option<TransferRef>,
    pub source: Source,
}

/// How to reach an agency on a date.
#[derive(Debug, Serialize, ToSchema)]
pub struct AgencyContacts {
    pub agency: AgencyRef,
    #[schema(example = "2018-01-08")]
    pub at: NaiveDate,
    /// The agency's contact points valid on `at`.
    pub items: Vec<ContactPoint>,
}

/// Which agencies to list: names as on `at`, optionally only those matching
/// `q`, of one kind, with one status on `at`, or with one organisation
/// number; after the slug `after` (or, with `q`, after `offset` matches), at
/// most `limit`.
#[derive(Debug)]
pub struct AgencyFilter<'a> {
    pub at: NaiveDate,
    pub q: Option<&'a str>,
    pub kind: Option<AgencyKind>,
    pub status: Option<AgencyStatus>,
    pub organisation_number: Option<&'a str>,
    pub after: Option<&'a str>,
    pub offset: i64,
    pub limit: i64,
}

/// Agencies ordered by slug; with `q`, the best matches first.
///
/// The search compares `search_key`s (lower case, no diacritics, one space
/// between words) of every name, English name, other name and slug: a name
/// matches when it contains the query or is like it (pg_trgm's word
/// similarity, which forgives a typo), and, for a query of several words,
/// when it matches each word. An exact name ranks first, then names that
/// begin with the query, then by similarity.
#[tracing::instrument(skip(conn))]
pub async fn list(
    conn: &mut PgConnection,
    filter: AgencyFilter<'_>,
) -> Result<Vec<AgencySummary>, ApiError> {
    let agencies = sqlx::query_scalar!(
        r#"
        with hits as (
            select n.agency_id, search_key(n.name_sv) as key
            from agency_names n
            where search_key($3::text) <% search_key(n.name_sv)
               or search_key(n.name_sv) like '%' || search_key($3::text) || '%'
            union all
            select n.agency_id, search_key(n.name_en)
            from agency_names n
            where search_key($3::text) <% search_key(n.name_en)
               or search_key(n.name_en) like '%' || search_key($3::text) || '%'
            union all
            select al.agency_id, search_key(al.alias)
            from agency_aliases al
            where search_key($3::text) <% search_key(al.alias)
               or search_key(al.alias) like '%' || search_key($3::text) || '%'
            union all
            select a.id, replace(a.slug, '-', ' ')
            from agencies a
            where strpos(a.slug, lower($3::text)) > 0
        ),
        scored as (
            select h.agency_id,
                   max(case when h.key = search_key($3::text) then 3
                            when h.key like search_key($3::text) || '%' then 2
                            else 1 end
                       + (select avg(word_similarity(w, h.key))
                          from unnest(string_to_array(search_key($3::text), ' ')) w)) as score
            from hits h
            where (select bool_and(w <% h.key or h.key like '%' || w || '%')
                   from unnest(string_to_array(search_key($3::text), ' ')) w)
            group by h.agency_id
        )
        select jsonb_build_object(
                   'id', a.id, 'slug', a.slug, 'name', localized_json(n.name_sv, n.name_en),
                   'status', agency_status(a.started_on, a.ended_on, $1),
                   'kind', a.kind, 'county_code', a.county_code, 'source', source_json(a.source_id))
               as "agency!: Json<AgencySummary>"
        from agencies a
        cross join lateral agency_name_on(a.id, $1) n
        left join scored on scored.agency_id = a.id
        where ($3::text is null or scored.agency_id is not null)
          and ($2::text is null or a.kind = $2)
          and ($6::text is null or agency_status(a.started_on, a.ended_on, $1) = $6)
          and ($7::text is null
               or a.organisation_number = $7
               or exists (select 1 from agency_identifiers i
                          where i.agency_id = a.id and i.scheme = 'organisation_number' and i.value = $7))
          and ($4::text is null or a.slug > $4 collate "C")
        order by scored.score desc nulls last, a.slug collate "C"
        limit $5 offset $8
        "#,
        filter.at,
        filter.kind.map(AgencyKind::as_str),
        filter.q,
        filter.after,
        filter.limit,
        filter.status.map(AgencyStatus::as_str),
        filter.organisation_number,
        filter.offset,
    )
    .fetch_all(conn)
    .await?;
    Ok(agencies.into_iter().map(|Json(agency)| agency).collect())
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
                                        'name', localized_json(an.name_sv, an.name_en),
                                        'valid_from', partial_date_text(an.valid_from, an.valid_from_precision),
                                        'valid_to', partial_date_text(an.valid_to, an.valid_to_precision),
                                        'source', source_json(an.source_id))
                                    order by an.valid_from nulls first), '[]')
                             from agency_names an where an.agency_id = a.id),
                   'kind', a.kind, 'organisation_number', a.organisation_number,
                   'county', county_json(a.county_code), 'seat', a.seat,
                   'started_on', partial_date_text(a.started_on, a.started_on_precision),
                   'ended_on', partial_date_text(a.ended_on, a.ended_on_precision),
                   'identifiers', (select coalesce(jsonb_agg(jsonb_build_object(
                                              'scheme', i.scheme, 'value', i.value,
                                              'source', source_json(i.source_id))
                                          order by i.scheme, i.value), '[]')
                                   from agency_identifiers i where i.agency_id = a.id),
                   'other_names', (select coalesce(jsonb_agg(jsonb_build_object(
                                              'name', al.alias, 'kind', al.kind,
                                              'source', source_json(al.source_id))
                                          order by al.kind, al.alias), '[]')
                                   from agency_aliases al where al.agency_id = a.id),
                   'group', a.agency_group, 'management_form', a.management_form,
                   'instruction', a.instruction,
                   'ministry', case when a.ministry_id is not null then jsonb_build_object(
                                   'agency', agency_ref_json(a.ministry_id, $2), 'as_of', a.ministry_as_of) end,
                   'host', agency_ref_json(a.host_agency_id, $2),
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
    .fetch_optional(conn)
    .await?;
    found(agency, || not_found(reference))
}

/// The assignments (and parts) `agency` holds on `at`, ordered by slug.
#[tracing::instrument(skip(conn))]
pub async fn held_on(
    conn: &mut PgConnection,
    agency: Uuid,
    at: NaiveDate,
) -> Result<Vec<HeldAssignment>, ApiError> {
    let rows = sqlx::query!(
        r#"
        select assignment_ref_json(s.id, $2) as "assignment!: Json<AssignmentRef>",
               assignment_ref_json(s.parent_id, $2) as "part_of: Json<AssignmentRef>",
               partial_date_text(h.valid_from, h.valid_from_precision) as "valid_from: PartialDate",
               partial_date_text(h.valid_to, h.valid_to_precision) as "valid_to: PartialDate",
               transfer_ref_json(h.started_by_transfer_id) as "started_by_transfer: Json<TransferRef>",
               source_json(h.source_id) as "source!: Json<Source>"
        from holdings h
        join assignments s on s.id = h.assignment_id
        where h.agency_id = $1 and owned_span(h.agency_id, h.assignment_id, h.valid_from, h.valid_to) @> $2::date
        order by s.slug
        "#,
        agency,
        at,
    )
    .fetch_all(conn)
    .await?;
    Ok(rows
        .into_iter()
        .map(|row| HeldAssignment {
            assignment: row.assignment.0,
            part_of: row.part_of.map(|part_of| part_of.0),
            period: Period::new(row.valid_from, row.valid_to),
            started_by_transfer: row.started_by_transfer.map(|transfer| transfer.0),
            source: row.source.0,
        })
        .collect())
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
    .fetch_optional(conn)
    .await?;
    found(agency, || not_found(reference))
}

fn not_found(reference: &Reference) -> String {
    format!("There is no agency '{reference}'.")
}
