//! Assignments as answers show them: listed ([`list`]), in full
//! ([`detail`]), who holds them ([`holdings`]), how to reach whoever does
//! ([`contacts`]) and their timeline ([`history`]).

pub mod contacts;
pub mod detail;
pub mod history;
pub mod holdings;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use sqlx::types::Json;
use sqlx::PgConnection;
use utoipa::ToSchema;
use uuid::Uuid;

use super::shared::{found, AgencyRef, AssignmentRef, LocalizedText, Source};
use crate::domain::{Jurisdiction, Reference};
use crate::error::ApiError;

/// An assignment as listed.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
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
    let assignments = sqlx::query_scalar!(
        r#"
        select jsonb_build_object(
                   'id', s.id, 'slug', s.slug, 'title', localized_json(v.title_sv, v.title_en),
                   'jurisdiction', s.jurisdiction, 'county_code', s.county_code, 'part_of', s.parent_id,
                   'holder', agency_ref_json(h.agency_id, $1), 'source', source_json(s.source_id))
               as "assignment!: Json<AssignmentSummary>"
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
    Ok(assignments
        .into_iter()
        .map(|Json(assignment)| assignment)
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
        r#"select assignment_ref_json(id, $2) as "assignment!: Json<AssignmentRef>"
           from assignment_named($1)"#,
        reference as _,
        at,
    )
    .fetch_optional(conn)
    .await?;
    found(assignment, || not_found(reference))
}

pub(crate) fn not_found(reference: &Reference) -> String {
    format!("There is no assignment '{reference}'.")
}
