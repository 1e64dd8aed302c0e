//! `/v1/agencies`: public bodies, their names over time, what each holds on a
//! date and how to reach it.

use actix_web::{web, HttpResponse};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use sqlx::{PgConnection, PgPool};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

use super::representations::{
    cited, sources_by_id, AgencyRef, AssignmentRef, LocalizedText, Period, Source, TransferRef,
};
use crate::domain::{AgencyKind, PartialDate, Reference};
use crate::error::ApiError;
use crate::http::params::{at_date, reference, search_text, AtQuery, KnownAt, Paging};
use crate::http::problem::Problem;

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
        (status = 400, description = "A parameter is malformed", body = Problem, content_type = "application/problem+json"),
    )
)]
#[tracing::instrument(skip(pool))]
pub async fn list_agencies(
    pool: web::Data<PgPool>,
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
    let mut conn = known.reader(&pool).await?;

    let rows = sqlx::query!(
        r#"
        select a.id, a.slug, a.kind, a.county_code, a.source_id, n.name_sv as "name_sv!", n.name_en
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
        at,
        kind.map(AgencyKind::as_str),
        q,
        paging.cursor.as_ref().map(|c| c.key()),
        paging.fetch(),
    )
    .fetch_all(&mut *conn)
    .await?;

    let source_ids: Vec<Uuid> = rows.iter().map(|row| row.source_id).collect();
    let sources = sources_by_id(&mut conn, &source_ids).await?;
    let items = rows
        .into_iter()
        .map(|row| {
            Ok(AgencySummary {
                id: row.id,
                slug: row.slug,
                name: LocalizedText::new(row.name_sv, row.name_en),
                kind: stored_kind(&row.kind)?,
                county_code: row.county_code,
                source: cited(&sources, row.source_id)?,
            })
        })
        .collect::<Result<Vec<_>, ApiError>>()?;
    let (items, next_cursor) = paging.page(items, |agency| agency.slug.clone());
    Ok(HttpResponse::Ok().json(AgencyPage { items, next_cursor }))
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

/// Get an agency
///
/// By UUID or slug, with its name on `at` and every name it has had.
#[utoipa::path(
    get,
    path = "/v1/agencies/{id}",
    tag = "agencies",
    params(("id" = String, Path, description = "The agency's UUID or slug.", example = "jamstalldhetsmyndigheten"), AtQuery),
    responses(
        (status = 200, description = "The agency", body = Agency),
        (status = 400, description = "A parameter is malformed", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such agency", body = Problem, content_type = "application/problem+json"),
    )
)]
#[tracing::instrument(skip(pool))]
pub async fn get_agency(
    pool: web::Data<PgPool>,
    known: KnownAt,
    id: web::Path<String>,
    query: web::Query<AtQuery>,
) -> Result<HttpResponse, ApiError> {
    let reference = reference(&id)?;
    let at = query.date()?;
    let mut conn = known.reader(&pool).await?;
    let agency = fetch_agency(&mut conn, &reference, at).await?;
    Ok(HttpResponse::Ok().json(agency))
}

#[tracing::instrument(skip(conn))]
pub async fn fetch_agency(
    conn: &mut PgConnection,
    reference: &Reference,
    at: NaiveDate,
) -> Result<Agency, ApiError> {
    let row = sqlx::query!(
        r#"
        select a.id, a.slug, a.kind, a.organisation_number, a.county_code, a.seat,
               a.started_on, a.started_on_precision, a.ended_on, a.ended_on_precision, a.source_id,
               c.name_sv as "county_name_sv?", c.name_en as "county_name_en?"
        from agencies a
        left join counties c on c.code = a.county_code
        where a.id = $1 or a.slug = $2
        "#,
        reference.id(),
        reference.slug(),
    )
    .fetch_optional(&mut *conn)
    .await?
    .ok_or_else(|| not_found(reference))?;

    let names = sqlx::query!(
        r#"
        select name_sv, name_en, valid_from, valid_from_precision, valid_to, valid_to_precision, source_id
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

    let current = agency_name_on(conn, row.id, at).await?;
    let names = names
        .into_iter()
        .map(|name| {
            Ok(AgencyName {
                name: LocalizedText::new(name.name_sv, name.name_en),
                period: Period::from_stored(
                    name.valid_from,
                    name.valid_from_precision,
                    name.valid_to,
                    name.valid_to_precision,
                )?,
                source: cited(&sources, name.source_id)?,
            })
        })
        .collect::<Result<Vec<_>, ApiError>>()?;
    let stored = |date, precision: Option<String>| {
        PartialDate::from_stored(date, precision.as_deref())
            .map_err(|error| ApiError::Internal(error.into()))
    };

    Ok(Agency {
        id: row.id,
        slug: row.slug,
        at,
        name: current,
        names,
        kind: stored_kind(&row.kind)?,
        organisation_number: row.organisation_number,
        county: match (row.county_code, row.county_name_sv) {
            (Some(code), Some(name_sv)) => Some(County {
                code,
                name: LocalizedText::new(name_sv, row.county_name_en),
            }),
            _ => None,
        },
        seat: row.seat,
        started_on: stored(row.started_on, row.started_on_precision)?,
        ended_on: stored(row.ended_on, row.ended_on_precision)?,
        source: cited(&sources, row.source_id)?,
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

/// What an agency holds on a date
///
/// The assignments (and parts of assignments) the agency holds on `at`.
#[utoipa::path(
    get,
    path = "/v1/agencies/{id}/assignments",
    tag = "agencies",
    params(("id" = String, Path, description = "The agency's UUID or slug.", example = "jamstalldhetsmyndigheten"), AtQuery),
    responses(
        (status = 200, description = "The assignments held on that date", body = AgencyAssignments),
        (status = 400, description = "A parameter is malformed", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such agency", body = Problem, content_type = "application/problem+json"),
    )
)]
#[tracing::instrument(skip(pool))]
pub async fn agency_assignments(
    pool: web::Data<PgPool>,
    known: KnownAt,
    id: web::Path<String>,
    query: web::Query<AtQuery>,
) -> Result<HttpResponse, ApiError> {
    let reference = reference(&id)?;
    let at = query.date()?;
    let mut conn = known.reader(&pool).await?;
    let agency = agency_ref(&mut conn, &reference, at).await?;

    let rows = sqlx::query!(
        r#"
        select s.id, s.slug, v.title_sv as "title_sv!", v.title_en,
               p.id as "parent_id?", p.slug as "parent_slug?", pv.title_sv as "parent_title_sv?", pv.title_en as "parent_title_en?",
               h.valid_from, h.valid_from_precision, h.valid_to, h.valid_to_precision, h.source_id,
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
        agency.id,
        at,
    )
    .fetch_all(&mut *conn)
    .await?;

    let source_ids: Vec<Uuid> = rows.iter().map(|row| row.source_id).collect();
    let sources = sources_by_id(&mut conn, &source_ids).await?;
    let items = rows
        .into_iter()
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
                period: Period::from_stored(
                    row.valid_from,
                    row.valid_from_precision,
                    row.valid_to,
                    row.valid_to_precision,
                )?,
                started_by_transfer: TransferRef::joined(
                    row.transfer_id,
                    row.transfer_slug,
                    row.transfer_effective_on,
                ),
                source: cited(&sources, row.source_id)?,
            })
        })
        .collect::<Result<Vec<_>, ApiError>>()?;
    Ok(HttpResponse::Ok().json(AgencyAssignments { agency, at, items }))
}

/// How to reach an agency on a date.
#[derive(Debug, Serialize, ToSchema)]
pub struct AgencyContacts {
    pub agency: AgencyRef,
    #[schema(example = "2018-01-08")]
    pub at: NaiveDate,
    /// The agency's contact points valid on `at`.
    pub items: Vec<super::contacts::ContactPoint>,
}

/// How to reach an agency on a date
///
/// The agency's own contact points (addresses, e-mail, phone, websites) valid on `at`.
#[utoipa::path(
    get,
    path = "/v1/agencies/{id}/contacts",
    tag = "agencies",
    params(("id" = String, Path, description = "The agency's UUID or slug.", example = "jamstalldhetsmyndigheten"), AtQuery),
    responses(
        (status = 200, description = "The contact points valid on that date", body = AgencyContacts),
        (status = 400, description = "A parameter is malformed", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such agency", body = Problem, content_type = "application/problem+json"),
    )
)]
#[tracing::instrument(skip(pool))]
pub async fn agency_contacts(
    pool: web::Data<PgPool>,
    known: KnownAt,
    id: web::Path<String>,
    query: web::Query<AtQuery>,
) -> Result<HttpResponse, ApiError> {
    let reference = reference(&id)?;
    let at = query.date()?;
    let mut conn = known.reader(&pool).await?;
    let agency = agency_ref(&mut conn, &reference, at).await?;
    let items = super::contacts::contact_points_on(&mut conn, &[], Some(agency.id), at).await?;
    Ok(HttpResponse::Ok().json(AgencyContacts { agency, at, items }))
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

async fn agency_name_on(
    conn: &mut PgConnection,
    id: Uuid,
    at: NaiveDate,
) -> Result<LocalizedText, ApiError> {
    let row = sqlx::query!(
        r#"select name_sv as "name_sv!", name_en from agency_name_on($1, $2)"#,
        id,
        at
    )
    .fetch_one(conn)
    .await?;
    Ok(LocalizedText::new(row.name_sv, row.name_en))
}

fn stored_kind(kind: &str) -> Result<AgencyKind, ApiError> {
    AgencyKind::parse(kind).map_err(|error| ApiError::Internal(error.into()))
}

fn not_found(reference: &Reference) -> ApiError {
    ApiError::NotFound(format!("There is no agency '{reference}'."))
}
