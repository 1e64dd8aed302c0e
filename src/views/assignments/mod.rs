//! Assignments as answers show them: listed ([`list`]), in full
//! ([`detail`]), who holds them ([`holdings`]), how to reach whoever does
//! ([`contacts`]) and their timeline ([`history`]).

pub mod contacts;
pub mod detail;
pub mod history;
pub mod holdings;

use chrono::NaiveDate;
use serde::Serialize;
use sqlx::types::Json;
use sqlx::PgConnection;
use utoipa::ToSchema;
use uuid::Uuid;

use super::shared::{AgencyRef, AssignmentRef, LocalizedText, Source};
use crate::domain::{Jurisdiction, Reference};
use crate::error::ApiError;

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

/// Which assignments to list: titles and holders as on `at`, optionally
/// only those matching `q`, held by `holder`, of one jurisdiction or county,
/// after the slug `after`, at most `limit`.
#[derive(Debug)]
pub struct AssignmentFilter<'a> {
    pub at: NaiveDate,
    pub q: Option<&'a str>,
    pub holder: Option<Uuid>,
    pub jurisdiction: Option<Jurisdiction>,
    pub county: Option<&'a str>,
    pub after: Option<&'a str>,
    pub limit: i64,
}

/// Assignments ordered by slug.
#[tracing::instrument(skip(conn))]
pub async fn list(
    conn: &mut PgConnection,
    filter: AssignmentFilter<'_>,
) -> Result<Vec<AssignmentSummary>, ApiError> {
    let rows = sqlx::query!(
        r#"
        select s.id, s.slug, s.jurisdiction as "jurisdiction: Jurisdiction", s.county_code, s.parent_id,
               v.title_sv as "title_sv!", v.title_en,
               agency_ref_json(h.agency_id, $1) as "holder: Json<AgencyRef>",
               source_json(s.source_id) as "source!: Json<Source>"
        from assignments s
        cross join lateral assignment_version_on(s.id, $1) v
        left join lateral holding_on(s.id, $1) h on true
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
        filter.at,
        filter.q,
        filter.holder,
        filter.jurisdiction.map(Jurisdiction::as_str),
        filter.county,
        filter.after,
        filter.limit,
    )
    .fetch_all(conn)
    .await?;
    Ok(rows
        .into_iter()
        .map(|row| AssignmentSummary {
            id: row.id,
            slug: row.slug,
            title: LocalizedText::new(row.title_sv, row.title_en),
            jurisdiction: row.jurisdiction,
            county_code: row.county_code,
            part_of: row.parent_id,
            holder: row.holder.map(|holder| holder.0),
            source: row.source.0,
        })
        .collect())
}

/// The assignment a reference names, briefly, with its title on `at`.
#[tracing::instrument(skip(conn))]
pub async fn assignment_ref(
    conn: &mut PgConnection,
    reference: &Reference,
    at: NaiveDate,
) -> Result<AssignmentRef, ApiError> {
    let assignment = sqlx::query_scalar!(
        r#"select assignment_ref_json(id, $3) as "assignment!: Json<AssignmentRef>" from assignments where id = $1 or slug = $2"#,
        reference.id(),
        reference.slug(),
        at,
    )
    .fetch_optional(conn)
    .await?;
    assignment
        .map(|assignment| assignment.0)
        .ok_or_else(|| not_found(reference))
}

pub(crate) fn not_found(reference: &Reference) -> ApiError {
    ApiError::NotFound(format!("There is no assignment '{reference}'."))
}
