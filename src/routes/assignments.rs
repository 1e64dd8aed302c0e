//! `/v1/assignments`: responsibilities, who holds them on a date, how to
//! reach whoever does, and how they moved.

use actix_web::{web, HttpResponse};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use sqlx::{PgConnection, PgPool};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

use super::agencies::County;
use super::contacts::{contact_points_on, ContactPoint};
use super::representations::{
    cited, sources_by_id, AgencyRef, AssignmentRef, LocalizedText, Period, Source, TransferRef,
};
use crate::domain::{Jurisdiction, Reference};
use crate::error::ApiError;
use crate::http::params::{at_date, reference, search_text, AtQuery, KnownAt, Paging};
use crate::http::problem::Problem;

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

/// An assignment as listed.
#[derive(Debug, Serialize, ToSchema)]
pub struct AssignmentSummary {
    pub id: Uuid,
    #[schema(example = "nationellt-samordningsuppdrag-prostitution-manniskohandel")]
    pub slug: String,
    /// The title on `at`.
    pub title: LocalizedText,
    pub jurisdiction: Jurisdiction,
    /// For a county assignment, the county's code.
    pub county_code: Option<String>,
    /// The assignment this one is a part of, if any.
    pub part_of: Option<Uuid>,
    /// Who holds it on `at`; null when nobody does.
    pub holder: Option<AgencyRef>,
    /// Where the assignment is recorded from.
    pub source: Source,
}

/// A page of assignments, ordered by slug.
#[derive(Debug, Serialize, ToSchema)]
pub struct AssignmentPage {
    pub items: Vec<AssignmentSummary>,
    /// Pass as `cursor` for the next page; null on the last page.
    pub next_cursor: Option<String>,
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
        (status = 400, description = "A parameter is malformed", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "The `holder` agency does not exist", body = Problem, content_type = "application/problem+json"),
    )
)]
#[tracing::instrument(skip(pool))]
pub async fn list_assignments(
    pool: web::Data<PgPool>,
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
    let mut conn = known.reader(&pool).await?;
    let holder = match query.holder.as_deref() {
        Some(text) => {
            let reference =
                Reference::parse(text).map_err(|error| ApiError::invalid("holder", error))?;
            Some(
                super::agencies::agency_ref(&mut conn, &reference, at)
                    .await?
                    .id,
            )
        }
        None => None,
    };

    let rows = sqlx::query!(
        r#"
        select s.id, s.slug, s.jurisdiction, s.county_code, s.parent_id, s.source_id,
               v.title_sv as "title_sv!", v.title_en,
               ag.id as "holder_id?", ag.slug as "holder_slug?", n.name_sv as "holder_name_sv?", n.name_en as "holder_name_en?"
        from assignments s
        cross join lateral assignment_version_on(s.id, $1) v
        left join lateral holding_on(s.id, $1) h on true
        left join agencies ag on ag.id = h.agency_id
        left join lateral agency_name_on(ag.id, $1) n on true
        where ($2::text is null
               or strpos(s.slug, lower($2)) > 0
               or exists (
                   select 1 from assignment_versions av
                   where av.assignment_id = s.id
                     and (strpos(lower(av.title_sv), lower($2)) > 0 or strpos(lower(av.title_en), lower($2)) > 0)))
          and ($3::uuid is null or h.agency_id = $3)
          and ($4::text is null or s.jurisdiction = $4)
          and ($5::text is null or s.county_code = $5)
          and ($6::text is null or s.slug > $6 collate "C")
        order by s.slug collate "C"
        limit $7
        "#,
        at,
        q,
        holder,
        jurisdiction.map(Jurisdiction::as_str),
        county,
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
            Ok(AssignmentSummary {
                id: row.id,
                slug: row.slug,
                title: LocalizedText::new(row.title_sv, row.title_en),
                jurisdiction: stored_jurisdiction(&row.jurisdiction)?,
                county_code: row.county_code,
                part_of: row.parent_id,
                holder: AgencyRef::joined(
                    row.holder_id,
                    row.holder_slug,
                    row.holder_name_sv,
                    row.holder_name_en,
                ),
                source: cited(&sources, row.source_id)?,
            })
        })
        .collect::<Result<Vec<_>, ApiError>>()?;
    let (items, next_cursor) = paging.page(items, |assignment| assignment.slug.clone());
    Ok(HttpResponse::Ok().json(AssignmentPage { items, next_cursor }))
}

/// Who holds an assignment over a period.
#[derive(Debug, Serialize, ToSchema)]
pub struct Holding {
    pub agency: AgencyRef,
    /// The holding's period: the holder holds the assignment from
    /// `valid_from` up to, not including, `valid_to`.
    #[serde(flatten)]
    pub period: Period,
    /// The transfer that started the holding, if one did.
    pub started_by_transfer: Option<TransferRef>,
    /// The transfer that ended it, if one did.
    pub ended_by_transfer: Option<TransferRef>,
    pub source: Source,
}

/// The answer to "who holds this assignment on that date?".
#[derive(Debug, Serialize, ToSchema)]
pub struct Holder {
    pub assignment: AssignmentRef,
    #[schema(example = "2018-01-01")]
    pub at: NaiveDate,
    #[serde(flatten)]
    pub holding: Holding,
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
    params(
        ("id" = String, Path, description = "The assignment's UUID or slug.", example = "nationellt-samordningsuppdrag-prostitution-manniskohandel"),
        AtQuery
    ),
    responses(
        (status = 200, description = "The holder on that date", body = Holder),
        (status = 400, description = "A parameter is malformed", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such assignment, or nobody held it on that date (`type` is `/problems/no-holder`)",
         body = Problem, content_type = "application/problem+json"),
    )
)]
#[tracing::instrument(skip(pool))]
pub async fn assignment_holder(
    pool: web::Data<PgPool>,
    known: KnownAt,
    id: web::Path<String>,
    query: web::Query<AtQuery>,
) -> Result<HttpResponse, ApiError> {
    let reference = reference(&id)?;
    let at = query.date()?;
    let mut conn = known.reader(&pool).await?;
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

/// A title and scope of an assignment, with the period it applied.
#[derive(Debug, Serialize, ToSchema)]
pub struct AssignmentVersion {
    pub title: LocalizedText,
    /// What the assignment covers, where the source says.
    pub scope: Option<LocalizedText>,
    #[serde(flatten)]
    pub period: Period,
    pub source: Source,
}

/// A part of an assignment, and who holds it on `at`.
#[derive(Debug, Serialize, ToSchema)]
pub struct Part {
    pub assignment: AssignmentRef,
    pub holder: Option<AgencyRef>,
}

/// A body coordinated through an assignment (such as the NMT), with who
/// takes part in it on `at`.
#[derive(Debug, Serialize, ToSchema)]
pub struct Body {
    pub id: Uuid,
    #[schema(example = "nmt")]
    pub slug: String,
    pub name: LocalizedText,
    #[schema(example = "NMT")]
    pub abbreviation: Option<String>,
    pub participants: Vec<Participant>,
    pub source: Source,
}

/// An agency, or a function that is not one agency, taking part in a body.
#[derive(Debug, Serialize, ToSchema)]
pub struct Participant {
    /// The agency taking part; null when the participant is a function.
    pub agency: Option<AgencyRef>,
    /// The function taking part (such as the municipal social services);
    /// null when the participant is an agency.
    pub function: Option<LocalizedText>,
    #[schema(example = "member")]
    pub role: String,
    #[serde(flatten)]
    pub period: Period,
    pub source: Source,
}

/// An assignment in full, as of a date.
#[derive(Debug, Serialize, ToSchema)]
pub struct Assignment {
    pub id: Uuid,
    #[schema(example = "nationellt-samordningsuppdrag-prostitution-manniskohandel")]
    pub slug: String,
    #[schema(example = "2018-01-01")]
    pub at: NaiveDate,
    /// Title and scope on `at`.
    pub version: AssignmentVersion,
    pub jurisdiction: Jurisdiction,
    /// For a county assignment, the county.
    pub county: Option<County>,
    /// What the assignment rests on, where the source says.
    #[schema(example = "Regeringsuppdrag")]
    pub legal_basis: Option<String>,
    /// The assignment this one is a part of, if any.
    pub part_of: Option<AssignmentRef>,
    /// The parts of this assignment, each with its holder on `at`.
    pub parts: Vec<Part>,
    /// Who holds it on `at`; null when nobody does.
    pub holder: Option<Holding>,
    /// Bodies coordinated through this assignment.
    pub bodies: Vec<Body>,
    pub source: Source,
}

/// Get an assignment
///
/// By UUID or slug: its title and scope on `at`, its holder on `at`, its parts and the bodies
/// it coordinates.
#[utoipa::path(
    get,
    path = "/v1/assignments/{id}",
    tag = "assignments",
    params(
        ("id" = String, Path, description = "The assignment's UUID or slug.", example = "nationellt-samordningsuppdrag-prostitution-manniskohandel"),
        AtQuery
    ),
    responses(
        (status = 200, description = "The assignment", body = Assignment),
        (status = 400, description = "A parameter is malformed", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such assignment", body = Problem, content_type = "application/problem+json"),
    )
)]
#[tracing::instrument(skip(pool))]
pub async fn get_assignment(
    pool: web::Data<PgPool>,
    known: KnownAt,
    id: web::Path<String>,
    query: web::Query<AtQuery>,
) -> Result<HttpResponse, ApiError> {
    let reference = reference(&id)?;
    let at = query.date()?;
    let mut conn = known.reader(&pool).await?;
    let assignment = fetch_assignment(&mut conn, &reference, at).await?;
    Ok(HttpResponse::Ok().json(assignment))
}

/// An assignment as `GET /v1/assignments/{id}` shows it.
#[tracing::instrument(skip(conn))]
pub async fn fetch_assignment(
    conn: &mut PgConnection,
    reference: &Reference,
    at: NaiveDate,
) -> Result<Assignment, ApiError> {
    let row = sqlx::query!(
        r#"
        select s.id, s.slug, s.jurisdiction, s.legal_basis, s.source_id,
               c.code as "county_code?", c.name_sv as "county_name_sv?", c.name_en as "county_name_en?",
               v.title_sv as "title_sv!", v.title_en, v.scope_sv, v.scope_en,
               v.valid_from, v.valid_from_precision, v.valid_to, v.valid_to_precision, v.source_id as "version_source_id!",
               p.id as "parent_id?", p.slug as "parent_slug?", pv.title_sv as "parent_title_sv?", pv.title_en as "parent_title_en?"
        from assignments s
        cross join lateral assignment_version_on(s.id, $3) v
        left join counties c on c.code = s.county_code
        left join assignments p on p.id = s.parent_id
        left join lateral assignment_version_on(p.id, $3) pv on true
        where s.id = $1 or s.slug = $2
        "#,
        reference.id(),
        reference.slug(),
        at,
    )
    .fetch_optional(&mut *conn)
    .await?
    .ok_or_else(|| not_found(reference))?;

    let parts = sqlx::query!(
        r#"
        select s.id, s.slug, v.title_sv as "title_sv!", v.title_en,
               ag.id as "holder_id?", ag.slug as "holder_slug?", n.name_sv as "holder_name_sv?", n.name_en as "holder_name_en?"
        from assignments s
        cross join lateral assignment_version_on(s.id, $2) v
        left join lateral holding_on(s.id, $2) h on true
        left join agencies ag on ag.id = h.agency_id
        left join lateral agency_name_on(ag.id, $2) n on true
        where s.parent_id = $1
        order by s.slug
        "#,
        row.id,
        at,
    )
    .fetch_all(&mut *conn)
    .await?
    .into_iter()
    .map(|part| Part {
        assignment: AssignmentRef { id: part.id, slug: part.slug, title: LocalizedText::new(part.title_sv, part.title_en) },
        holder: AgencyRef::joined(part.holder_id, part.holder_slug, part.holder_name_sv, part.holder_name_en),
    })
    .collect();

    let holder = holding_on(conn, row.id, at).await?;
    let bodies = bodies_coordinated_through(conn, row.id, at).await?;
    let sources = sources_by_id(conn, &[row.source_id, row.version_source_id]).await?;

    Ok(Assignment {
        id: row.id,
        slug: row.slug,
        at,
        version: AssignmentVersion {
            title: LocalizedText::new(row.title_sv, row.title_en),
            scope: LocalizedText::optional(row.scope_sv, row.scope_en),
            period: Period::from_stored(
                row.valid_from,
                row.valid_from_precision,
                row.valid_to,
                row.valid_to_precision,
            )?,
            source: cited(&sources, row.version_source_id)?,
        },
        jurisdiction: stored_jurisdiction(&row.jurisdiction)?,
        county: match (row.county_code, row.county_name_sv) {
            (Some(code), Some(name_sv)) => Some(County {
                code,
                name: LocalizedText::new(name_sv, row.county_name_en),
            }),
            _ => None,
        },
        legal_basis: row.legal_basis,
        part_of: AssignmentRef::joined(
            row.parent_id,
            row.parent_slug,
            row.parent_title_sv,
            row.parent_title_en,
        ),
        parts,
        holder,
        bodies,
        source: cited(&sources, row.source_id)?,
    })
}

/// How to reach whoever is responsible for an assignment on a date.
#[derive(Debug, Serialize, ToSchema)]
pub struct AssignmentContacts {
    pub assignment: AssignmentRef,
    #[schema(example = "2018-01-08")]
    pub at: NaiveDate,
    /// Who holds the assignment on `at`.
    pub holder: AgencyRef,
    /// The contact points of the assignment and its parts (such as a hotline,
    /// which moves with its assignment), then the holder's own, all valid on `at`.
    pub items: Vec<ContactPoint>,
}

/// How to reach whoever is responsible on a date
///
/// The assignment's own contact points and its parts' (a hotline stays with its assignment
/// when the assignment moves), followed by the holder's contact points, all valid on `at`.
#[utoipa::path(
    get,
    path = "/v1/assignments/{id}/contacts",
    tag = "assignments",
    params(
        ("id" = String, Path, description = "The assignment's UUID or slug.", example = "nationella-stodprocessen"),
        AtQuery
    ),
    responses(
        (status = 200, description = "Who is responsible on that date, and how to reach them", body = AssignmentContacts),
        (status = 400, description = "A parameter is malformed", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such assignment, or nobody held it on that date (`type` is `/problems/no-holder`)",
         body = Problem, content_type = "application/problem+json"),
    )
)]
#[tracing::instrument(skip(pool))]
pub async fn assignment_contacts(
    pool: web::Data<PgPool>,
    known: KnownAt,
    id: web::Path<String>,
    query: web::Query<AtQuery>,
) -> Result<HttpResponse, ApiError> {
    let reference = reference(&id)?;
    let at = query.date()?;
    let mut conn = known.reader(&pool).await?;
    let assignment = assignment_ref(&mut conn, &reference, at).await?;
    let holding = holding_on(&mut conn, assignment.id, at)
        .await?
        .ok_or_else(|| no_holder(&assignment, at))?;

    let with_parts = sqlx::query_scalar!(
        r#"
        with recursive tree (id) as (
            select $1::uuid
            union
            select s.id from assignments s join tree on s.parent_id = tree.id
        )
        select id as "id!" from tree
        "#,
        assignment.id,
    )
    .fetch_all(&mut *conn)
    .await?;
    let items = contact_points_on(&mut conn, &with_parts, Some(holding.agency.id), at).await?;
    Ok(HttpResponse::Ok().json(AssignmentContacts {
        assignment,
        at,
        holder: holding.agency,
        items,
    }))
}

/// A transfer as it appears in an assignment's history.
#[derive(Debug, Serialize, ToSchema)]
pub struct TransferEvent {
    pub id: Uuid,
    #[schema(example = "2018-01-01-lansstyrelsen-stockholm-till-jamstalldhetsmyndigheten")]
    pub slug: String,
    #[schema(example = "2018-01-01")]
    pub effective_on: NaiveDate,
    pub from_agency: AgencyRef,
    pub to_agency: AgencyRef,
    pub source: Source,
}

/// An assignment's timeline.
#[derive(Debug, Serialize, ToSchema)]
pub struct AssignmentHistory {
    /// The assignment, with its title today.
    pub assignment: AssignmentRef,
    /// Every holder, oldest first; each agency named as it was when it held
    /// the assignment.
    pub holders: Vec<Holding>,
    /// Every title and scope, oldest first.
    pub versions: Vec<AssignmentVersion>,
    /// Every transfer that moved the assignment, oldest first.
    pub transfers: Vec<TransferEvent>,
}

/// An assignment's history
///
/// The timeline of an assignment: its holders, its title and scope versions, and the
/// transfers that moved it, each with its source.
#[utoipa::path(
    get,
    path = "/v1/assignments/{id}/history",
    tag = "assignments",
    params(("id" = String, Path, description = "The assignment's UUID or slug.", example = "nationellt-samordningsuppdrag-prostitution-manniskohandel")),
    responses(
        (status = 200, description = "The timeline", body = AssignmentHistory),
        (status = 400, description = "A parameter is malformed", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such assignment", body = Problem, content_type = "application/problem+json"),
    )
)]
#[tracing::instrument(skip(pool))]
pub async fn assignment_history(
    pool: web::Data<PgPool>,
    known: KnownAt,
    id: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let reference = reference(&id)?;
    let today = crate::domain::today_in_stockholm();
    let mut conn = known.reader(&pool).await?;
    let assignment = assignment_ref(&mut conn, &reference, today).await?;

    let holders = holdings(&mut conn, assignment.id, None).await?;

    let version_rows = sqlx::query!(
        r#"
        select title_sv, title_en, scope_sv, scope_en,
               valid_from, valid_from_precision, valid_to, valid_to_precision, source_id
        from assignment_versions
        where assignment_id = $1
        order by valid_from nulls first
        "#,
        assignment.id,
    )
    .fetch_all(&mut *conn)
    .await?;

    let transfer_rows = sqlx::query!(
        r#"
        select t.id, t.slug, t.effective_on, t.source_id,
               fa.id as from_id, fa.slug as from_slug, fan.name_sv as "from_name_sv!", fan.name_en as from_name_en,
               ta.id as to_id, ta.slug as to_slug, tan.name_sv as "to_name_sv!", tan.name_en as to_name_en
        from transfer_items ti
        join transfers t on t.id = ti.transfer_id
        join agencies fa on fa.id = t.from_agency_id
        cross join lateral agency_name_on(fa.id, t.effective_on - 1) fan
        join agencies ta on ta.id = t.to_agency_id
        cross join lateral agency_name_on(ta.id, t.effective_on) tan
        where ti.assignment_id = $1
        order by t.effective_on, t.slug
        "#,
        assignment.id,
    )
    .fetch_all(&mut *conn)
    .await?;

    let source_ids: Vec<Uuid> = version_rows
        .iter()
        .map(|row| row.source_id)
        .chain(transfer_rows.iter().map(|row| row.source_id))
        .collect();
    let sources = sources_by_id(&mut conn, &source_ids).await?;

    let versions = version_rows
        .into_iter()
        .map(|row| {
            Ok(AssignmentVersion {
                title: LocalizedText::new(row.title_sv, row.title_en),
                scope: LocalizedText::optional(row.scope_sv, row.scope_en),
                period: Period::from_stored(
                    row.valid_from,
                    row.valid_from_precision,
                    row.valid_to,
                    row.valid_to_precision,
                )?,
                source: cited(&sources, row.source_id)?,
            })
        })
        .collect::<Result<Vec<_>, ApiError>>()?;
    let transfers = transfer_rows
        .into_iter()
        .map(|row| {
            Ok(TransferEvent {
                id: row.id,
                slug: row.slug,
                effective_on: row.effective_on,
                from_agency: AgencyRef {
                    id: row.from_id,
                    slug: row.from_slug,
                    name: LocalizedText::new(row.from_name_sv, row.from_name_en),
                },
                to_agency: AgencyRef {
                    id: row.to_id,
                    slug: row.to_slug,
                    name: LocalizedText::new(row.to_name_sv, row.to_name_en),
                },
                source: cited(&sources, row.source_id)?,
            })
        })
        .collect::<Result<Vec<_>, ApiError>>()?;

    Ok(HttpResponse::Ok().json(AssignmentHistory {
        assignment,
        holders,
        versions,
        transfers,
    }))
}

/// The assignment a reference names, briefly, with its title on `at`.
#[tracing::instrument(skip(conn))]
pub async fn assignment_ref(
    conn: &mut PgConnection,
    reference: &Reference,
    at: NaiveDate,
) -> Result<AssignmentRef, ApiError> {
    let row = sqlx::query!(
        r#"
        select s.id, s.slug, v.title_sv as "title_sv!", v.title_en
        from assignments s
        cross join lateral assignment_version_on(s.id, $3) v
        where s.id = $1 or s.slug = $2
        "#,
        reference.id(),
        reference.slug(),
        at,
    )
    .fetch_optional(conn)
    .await?
    .ok_or_else(|| not_found(reference))?;
    Ok(AssignmentRef {
        id: row.id,
        slug: row.slug,
        title: LocalizedText::new(row.title_sv, row.title_en),
    })
}

/// The holding of an assignment on `at`, if anybody held it. The schema
/// allows one holder at a time; finding two is a bug, reported as one.
async fn holding_on(
    conn: &mut PgConnection,
    assignment: Uuid,
    at: NaiveDate,
) -> Result<Option<Holding>, ApiError> {
    let mut found = holdings(conn, assignment, Some(at)).await?;
    if found.len() > 1 {
        let count = found.len();
        return Err(ApiError::Internal(anyhow::anyhow!(
            "assignment {assignment} has {count} holders on {at}"
        )));
    }
    Ok(found.pop())
}

/// An assignment's holdings, oldest first: all of them, or the one on `at`.
/// Each holder is named as it was during its holding.
#[tracing::instrument(skip(conn))]
async fn holdings(
    conn: &mut PgConnection,
    assignment: Uuid,
    at: Option<NaiveDate>,
) -> Result<Vec<Holding>, ApiError> {
    let rows = sqlx::query!(
        r#"
        select h.valid_from, h.valid_from_precision, h.valid_to, h.valid_to_precision, h.source_id,
               ag.id as agency_id, ag.slug as agency_slug, n.name_sv as "name_sv!", n.name_en,
               st.id as "started_id?", st.slug as "started_slug?", st.effective_on as "started_on?",
               et.id as "ended_id?", et.slug as "ended_slug?", et.effective_on as "ended_on?"
        from holdings h
        join agencies ag on ag.id = h.agency_id
        cross join lateral agency_name_on(ag.id, coalesce($2, h.valid_from, h.valid_to - 1, current_date)) n
        left join transfers st on st.id = h.started_by_transfer_id
        left join transfers et on et.id = h.ended_by_transfer_id
        where h.assignment_id = $1
          and ($2::date is null or daterange(h.valid_from, h.valid_to, '[)') @> $2::date)
        order by h.valid_from nulls first
        "#,
        assignment,
        at,
    )
    .fetch_all(&mut *conn)
    .await?;

    let source_ids: Vec<Uuid> = rows.iter().map(|row| row.source_id).collect();
    let sources = sources_by_id(conn, &source_ids).await?;
    rows.into_iter()
        .map(|row| {
            Ok(Holding {
                agency: AgencyRef {
                    id: row.agency_id,
                    slug: row.agency_slug,
                    name: LocalizedText::new(row.name_sv, row.name_en),
                },
                period: Period::from_stored(
                    row.valid_from,
                    row.valid_from_precision,
                    row.valid_to,
                    row.valid_to_precision,
                )?,
                started_by_transfer: TransferRef::joined(
                    row.started_id,
                    row.started_slug,
                    row.started_on,
                ),
                ended_by_transfer: TransferRef::joined(row.ended_id, row.ended_slug, row.ended_on),
                source: cited(&sources, row.source_id)?,
            })
        })
        .collect()
}

/// The bodies coordinated through an assignment, with their participants on `at`.
#[tracing::instrument(skip(conn))]
async fn bodies_coordinated_through(
    conn: &mut PgConnection,
    assignment: Uuid,
    at: NaiveDate,
) -> Result<Vec<Body>, ApiError> {
    let body_rows = sqlx::query!(
        "select id, slug, name_sv, name_en, abbreviation, source_id from bodies where coordinated_through = $1 order by slug",
        assignment,
    )
    .fetch_all(&mut *conn)
    .await?;
    if body_rows.is_empty() {
        return Ok(Vec::new());
    }
    let body_ids: Vec<Uuid> = body_rows.iter().map(|row| row.id).collect();
    let participant_rows = sqlx::query!(
        r#"
        select p.body_id, p.role, p.function_name_sv, p.function_name_en,
               p.valid_from, p.valid_from_precision, p.valid_to, p.valid_to_precision, p.source_id,
               ag.id as "agency_id?", ag.slug as "agency_slug?", n.name_sv as "name_sv?", n.name_en as "name_en?"
        from participations p
        left join agencies ag on ag.id = p.agency_id
        left join lateral agency_name_on(ag.id, $2) n on true
        where p.body_id = any($1)
          and daterange(p.valid_from, p.valid_to, '[)') @> $2::date
        order by coalesce(n.name_sv, p.function_name_sv)
        "#,
        &body_ids,
        at,
    )
    .fetch_all(&mut *conn)
    .await?;

    let source_ids: Vec<Uuid> = body_rows
        .iter()
        .map(|row| row.source_id)
        .chain(participant_rows.iter().map(|row| row.source_id))
        .collect();
    let sources = sources_by_id(conn, &source_ids).await?;

    let mut bodies = body_rows
        .into_iter()
        .map(|row| {
            Ok(Body {
                id: row.id,
                slug: row.slug,
                name: LocalizedText::new(row.name_sv, row.name_en),
                abbreviation: row.abbreviation,
                participants: Vec::new(),
                source: cited(&sources, row.source_id)?,
            })
        })
        .collect::<Result<Vec<_>, ApiError>>()?;
    for row in participant_rows {
        let participant = Participant {
            agency: AgencyRef::joined(row.agency_id, row.agency_slug, row.name_sv, row.name_en),
            function: LocalizedText::optional(row.function_name_sv, row.function_name_en),
            role: row.role,
            period: Period::from_stored(
                row.valid_from,
                row.valid_from_precision,
                row.valid_to,
                row.valid_to_precision,
            )?,
            source: cited(&sources, row.source_id)?,
        };
        if let Some(body) = bodies.iter_mut().find(|body| body.id == row.body_id) {
            body.participants.push(participant);
        }
    }
    Ok(bodies)
}

fn stored_jurisdiction(text: &str) -> Result<Jurisdiction, ApiError> {
    Jurisdiction::parse(text).map_err(|error| ApiError::Internal(error.into()))
}

fn not_found(reference: &Reference) -> ApiError {
    ApiError::NotFound(format!("There is no assignment '{reference}'."))
}

fn no_holder(assignment: &AssignmentRef, at: NaiveDate) -> ApiError {
    ApiError::NoHolder(format!(
        "Nobody is recorded as holding the assignment '{}' on {at}.",
        assignment.slug
    ))
}
