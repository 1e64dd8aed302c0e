//! An agency in full, as `GET /v1/agencies/{id}` shows it: its names,
//! identifiers and other names, the ministries it has answered to, the
//! instructions that have governed it, its host and its lineage.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use sqlx::types::Json;
use sqlx::PgConnection;
use utoipa::ToSchema;
use uuid::Uuid;

use super::{unknown, LineageLink};
use crate::domain::{
    AgencyKind, AgencyStatus, IdentifierScheme, OtherNameKind, PartialDate, Reference,
};
use crate::error::ApiError;
use crate::views::shared::{found_or, AgencyRef, LocalizedText, Period, Source};

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
    /// The SFS number of its instruction on `at`, the ordinance that
    /// governed it then: the last of `instructions` issued by then. Null
    /// where none was (its instruction then is not known).
    #[schema(example = "2010:185")]
    pub instruction: Option<String>,
    /// Every instruction it has had, in the order they were issued, as SFS
    /// lists them (else the one the registers name).
    pub instructions: Vec<Instruction>,
    /// The ministry it answers to on `at`: null when it answers to none
    /// then, or when that is not known (a link whose start is unknown
    /// began no earlier than the agency and the ministry both existed).
    pub ministry: Option<MinistryLink>,
    /// Every ministry it has answered to, oldest first.
    pub ministries: Vec<MinistryLink>,
    /// The agency that hosts it, where one does: the registers do not say
    /// since when, so only on an `at` when both it and its host exist.
    pub host: Option<AgencyRef>,
    /// The source of `group`, `management_form`, `instruction`,
    /// `instructions` and `host` (the agency registers); null when none of
    /// them is known.
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

/// An instruction of an agency: the ordinance that governed it, from the
/// year its SFS number names (when it was issued; the day it came into
/// force is not known) to the year the next was issued.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct Instruction {
    /// Its SFS number.
    #[schema(example = "2007:780")]
    pub sfs: String,
    /// The year it was issued.
    pub valid_from: Option<PartialDate>,
    /// The year the next instruction was issued; null for the last.
    pub valid_to: Option<PartialDate>,
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
                   'instruction', (select i.sfs from agency_instructions(a.instructions, a.instruction) i
                                   where i.valid_from <= $2 or i.valid_from is null
                                   order by i.n desc limit 1),
                   'instructions', (select coalesce(jsonb_agg(jsonb_build_object(
                                               'sfs', i.sfs,
                                               'valid_from', partial_date_text(i.valid_from, 'year'),
                                               'valid_to', partial_date_text(i.valid_to, 'year'))
                                           order by i.n), '[]')
                                    from agency_instructions(a.instructions, a.instruction) i),
                   'ministry', (select ministry_link_json(l.id, $2) from ministry_links_on($2) l
                                 where l.agency_id = a.id),
                   'ministries', (select coalesce(jsonb_agg(ministry_link_json(l.id, $2)
                                                            order by l.valid_from nulls first), '[]')
                                  from agency_ministries l where l.agency_id = a.id),
                   'host', agency_ref_json(agency_host_on(a.id, $2), $2),
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
