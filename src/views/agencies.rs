//! Agencies as answers show them: listed, in full, what each holds on a
//! date, and the short reference other answers embed.

use chrono::NaiveDate;
use serde::Serialize;
use sqlx::PgConnection;
use utoipa::ToSchema;
use uuid::Uuid;

use super::contacts::ContactPoint;
use super::shared::{
    cited, sources_by_id, AgencyRef, AssignmentRef, LocalizedText, Period, Source, TransferRef,
};
use crate::domain::{AgencyKind, PartialDate, Reference};
use crate::error::ApiError;

/// An agency as listed.
#[derive(Debug, Serialize, ToSchema)]
pub struct AgencySummary {
    pub id: Uuid,
    #[schema(example = "jamstalldhetsmyndigheten")]
    pub slug: String,
    /// The agency's name on the date asked about.
    pub name: LocalizedText,
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
#[derive(Debug, Serialize, ToSchema)]
pub struct AgencyName {
    pub name: LocalizedText,
    #[serde(flatten)]
    pub period: Period,
    pub source: Source,
}

/// A county of Sweden.
#[derive(Debug, Serialize, ToSchema)]
pub struct County {
    #[schema(example = "01")]
    pub code: String,
    pub name: LocalizedText,
}

impl County {
    /// From the columns of an outer join: a county when there is one.
    pub fn joined(
        code: Option<String>,
        name_sv: Option<String>,
        name_en: Option<String>,
    ) -> Option<Self> {
        Some(County {
            code: code?,
            name: LocalizedText::new(name_sv?, name_en),
        })
    }
}

/// An agency in full.
#[derive(Debug, Serialize, ToSchema)]
pub struct Agency {
    pub id: Uuid,
    #[schema(example = "jamstalldhetsmyndigheten")]
    pub slug: String,
    #[schema(example = "2018-01-08")]
    pub at: NaiveDate,
    /// The agency's name on `at`.
    pub name: LocalizedText,
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
    pub source: Source,
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
/// `q` or of one kind, after the slug `after`, at most `limit`.
#[derive(Debug)]
pub struct AgencyFilter<'a> {
    pub at: NaiveDate,
    pub q: Option<&'a str>,
    pub kind: Option<AgencyKind>,
    pub after: Option<&'a str>,
    pub limit: i64,
}

/// Agencies ordered by slug.
#[tracing::instrument(skip(conn))]
pub async fn list(
    conn: &mut PgConnection,
    filter: AgencyFilter<'_>,
) -> Result<Vec<AgencySummary>, ApiError> {
    let rows = sqlx::query!(
        r#"
        select a.id, a.slug, a.kind as "kind: AgencyKind", a.county_code, a.source_id,
               n.name_sv as "name_sv!", n.name_en
        from agencies a
        cross join lateral agency_name_on(a.id, $1) n
        where ($2::text is null or a.kind = $2)
          and ($3::text is null
               or strpos(a.slug, lower($3)) > 0
               or exists (
                   select 1 from agency_names an
                   where an.agency_id = a.id
                     and (strpos(lower(an.name_sv), lower($3)) > 0 or strpos(lower(an.name_en), lower($3)) > 0)))
          and ($4::text is null or a.slug > $4 collate "C")
        order by a.slug collate "C"
        limit $5
        "#,
        filter.at,
        filter.kind.map(AgencyKind::as_str),
        filter.q,
        filter.after,
        filter.limit,
    )
    .fetch_all(&mut *conn)
    .await?;

    let source_ids: Vec<Uuid> = rows.iter().map(|row| row.source_id).collect();
    let sources = sources_by_id(conn, &source_ids).await?;
    rows.into_iter()
        .map(|row| {
            Ok(AgencySummary {
                id: row.id,
                slug: row.slug,
                name: LocalizedText::new(row.name_sv, row.name_en),
                kind: row.kind,
                county_code: row.county_code,
                source: cited(&sources, row.source_id)?,
            })
        })
        .collect()
}

/// An agency as `GET /v1/agencies/{id}` shows it.
#[tracing::instrument(skip(conn))]
pub async fn fetch_agency(
    conn: &mut PgConnection,
    reference: &Reference,
    at: NaiveDate,
) -> Result<Agency, ApiError> {
    let row = sqlx::query!(
        r#"
        select a.id, a.slug, a.kind as "kind: AgencyKind", a.organisation_number, a.seat, a.source_id,
               partial_date_text(a.started_on, a.started_on_precision) as "started_on: PartialDate",
               partial_date_text(a.ended_on, a.ended_on_precision) as "ended_on: PartialDate",
               c.code as "county_code?", c.name_sv as "county_name_sv?", c.name_en as "county_name_en?",
               n.name_sv as "name_sv!", n.name_en
        from agencies a
        left join counties c on c.code = a.county_code
        cross join lateral agency_name_on(a.id, $3) n
        where a.id = $1 or a.slug = $2
        "#,
        reference.id(),
        reference.slug(),
        at,
    )
    .fetch_optional(&mut *conn)
    .await?
    .ok_or_else(|| not_found(reference))?;

    let names = sqlx::query!(
        r#"
        select name_sv, name_en, source_id,
               partial_date_text(valid_from, valid_from_precision) as "valid_from: PartialDate",
               partial_date_text(valid_to, valid_to_precision) as "valid_to: PartialDate"
        from agency_names
        where agency_id = $1
        order by valid_from nulls first
        "#,
        row.id,
    )
    .fetch_all(&mut *conn)
    .await?;

    let mut source_ids: Vec<Uuid> = names.iter().map(|name| name.source_id).collect();
    source_ids.push(row.source_id);
    let sources = sources_by_id(conn, &source_ids).await?;
    let names = names
        .into_iter()
        .map(|name| {
            Ok(AgencyName {
                name: LocalizedText::new(name.name_sv, name.name_en),
                period: Period::new(name.valid_from, name.valid_to),
                source: cited(&sources, name.source_id)?,
            })
        })
        .collect::<Result<Vec<_>, ApiError>>()?;

    Ok(Agency {
        id: row.id,
        slug: row.slug,
        at,
        name: LocalizedText::new(row.name_sv, row.name_en),
        names,
        kind: row.kind,
        organisation_number: row.organisation_number,
        county: County::joined(row.county_code, row.county_name_sv, row.county_name_en),
        seat: row.seat,
        started_on: row.started_on,
        ended_on: row.ended_on,
        source: cited(&sources, row.source_id)?,
    })
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
        select s.id, s.slug, v.title_sv as "title_sv!", v.title_en,
               p.id as "parent_id?", p.slug as "parent_slug?", pv.title_sv as "parent_title_sv?", pv.title_en as "parent_title_en?",
               partial_date_text(h.valid_from, h.valid_from_precision) as "valid_from: PartialDate",
               partial_date_text(h.valid_to, h.valid_to_precision) as "valid_to: PartialDate",
               h.source_id,
               t.id as "transfer_id?", t.slug as "transfer_slug?", t.effective_on as "transfer_effective_on?"
        from holdings h
        join assignments s on s.id = h.assignment_id
        cross join lateral assignment_version_on(s.id, $2) v
        left join assignments p on p.id = s.parent_id
        left join lateral assignment_version_on(p.id, $2) pv on true
        left join transfers t on t.id = h.started_by_transfer_id
        where h.agency_id = $1 and daterange(h.valid_from, h.valid_to, '[)') @> $2::date
        order by s.slug
        "#,
        agency,
        at,
    )
    .fetch_all(&mut *conn)
    .await?;

    let source_ids: Vec<Uuid> = rows.iter().map(|row| row.source_id).collect();
    let sources = sources_by_id(conn, &source_ids).await?;
    rows.into_iter()
        .map(|row| {
            Ok(HeldAssignment {
                assignment: AssignmentRef {
                    id: row.id,
                    slug: row.slug,
                    title: LocalizedText::new(row.title_sv, row.title_en),
                },
                part_of: AssignmentRef::joined(
                    row.parent_id,
                    row.parent_slug,
                    row.parent_title_sv,
                    row.parent_title_en,
                ),
                period: Period::new(row.valid_from, row.valid_to),
                started_by_transfer: TransferRef::joined(
                    row.transfer_id,
                    row.transfer_slug,
                    row.transfer_effective_on,
                ),
                source: cited(&sources, row.source_id)?,
            })
        })
        .collect()
}

/// The agency a reference names, briefly, with its name on `at`.
#[tracing::instrument(skip(conn))]
pub async fn agency_ref(
    conn: &mut PgConnection,
    reference: &Reference,
    at: NaiveDate,
) -> Result<AgencyRef, ApiError> {
    let row = sqlx::query!(
        r#"
        select a.id, a.slug, n.name_sv as "name_sv!", n.name_en
        from agencies a
        cross join lateral agency_name_on(a.id, $3) n
        where a.id = $1 or a.slug = $2
        "#,
        reference.id(),
        reference.slug(),
        at,
    )
    .fetch_optional(conn)
    .await?
    .ok_or_else(|| not_found(reference))?;
    Ok(AgencyRef {
        id: row.id,
        slug: row.slug,
        name: LocalizedText::new(row.name_sv, row.name_en),
    })
}

fn not_found(reference: &Reference) -> ApiError {
    ApiError::NotFound(format!("There is no agency '{reference}'."))
}
