//! The 404 for a reference that names no assignment. A slug may be
//! mistyped or cut short, so the problem names the assignments whose
//! titles match its words, as the search ranks them, or else those whose
//! slugs are most like it.

use chrono::NaiveDate;
use serde::Serialize;
use sqlx::types::Json;
use sqlx::PgConnection;
use utoipa::ToSchema;

use super::{list, AssignmentFilter};
use crate::domain::{Reference, Window};
use crate::error::ApiError;
use crate::http::problem::Problem;
use crate::views::shared::{not_found_suggesting, AssignmentRef};

/// A `/problems/not-found` problem for a path that names no assignment: where
/// it named one by slug, the assignments it may have meant.
#[derive(Serialize, ToSchema)]
pub struct AssignmentNotFound {
    #[serde(flatten)]
    pub problem: Problem,
    /// Where the path named the assignment by slug: the assignments whose
    /// titles match its words, or else those whose slugs are most like it,
    /// best first, titles as on the date asked about (at most three; empty
    /// where none is). Absent where it named a UUID.
    #[schema(nullable = false)]
    pub suggestions: Option<Vec<AssignmentRef>>,
}

/// How many assignments a 404 suggests at the most.
const SUGGESTIONS: i64 = 3;

/// 404 for `reference`, which names no assignment: where it is a slug,
/// with the assignments it may have meant (`suggestions`, titles as on
/// `at`). A search that fails leaves the plain 404: it is still
/// the answer.
pub async fn unknown(conn: &mut PgConnection, reference: &Reference, at: NaiveDate) -> ApiError {
    let plain = || ApiError::NotFound(super::not_found(reference));
    let Reference::Slug(slug) = reference else {
        return plain();
    };
    let words = slug.replace('-', " ");
    let window = Window {
        after: None,
        offset: 0,
        limit: SUGGESTIONS,
        ranked: true,
    };
    let filter = AssignmentFilter {
        at,
        q: Some(&words),
        holder: None,
        participant: None,
        jurisdiction: None,
        county: None,
        kind: None,
        status: None,
        published_from: None,
        published_to: None,
        due_from: None,
        due_to: None,
        unresolved: None,
        window: &window,
    };
    match suggestions(conn, filter, slug).await {
        Ok(suggestions) => {
            not_found_suggesting(super::not_found(reference), suggestions, |assignment| {
                (&assignment.slug, &assignment.title.sv)
            })
        }
        Err(error) => {
            tracing::warn!(%error, "no suggestions for an unknown assignment");
            plain()
        }
    }
}

/// The assignments whose titles match the slug's words, best first; where
/// none does, those whose slugs are most like it (pg_trgm's similarity,
/// by the index `assignments_slug_likeness_idx`).
async fn suggestions(
    conn: &mut PgConnection,
    filter: AssignmentFilter<'_>,
    slug: &str,
) -> Result<Vec<AssignmentRef>, ApiError> {
    let at = filter.at;
    let by_words: Vec<AssignmentRef> = list(&mut *conn, filter)
        .await?
        .into_iter()
        .map(|assignment| AssignmentRef {
            id: assignment.id,
            slug: assignment.slug,
            title: assignment.title,
        })
        .collect();
    if !by_words.is_empty() {
        return Ok(by_words);
    }
    let by_slug = sqlx::query_scalar!(
        r#"select assignment_ref_json(a.id, $2) as "assignment!: Json<AssignmentRef>"
           from assignments a
           where a.slug % $1
           order by similarity(a.slug, $1) desc, a.slug collate "C"
           limit $3"#,
        slug,
        at,
        SUGGESTIONS,
    )
    .fetch_all(conn)
    .await?;
    Ok(by_slug
        .into_iter()
        .map(|Json(assignment)| assignment)
        .collect())
}

/// The assignment a query found, or [`unknown`]'s 404.
pub async fn found_or_unknown<T>(
    row: Option<sqlx::types::Json<T>>,
    conn: &mut PgConnection,
    reference: &Reference,
    at: NaiveDate,
) -> Result<T, ApiError> {
    match row {
        Some(sqlx::types::Json(found)) => Ok(found),
        None => Err(unknown(conn, reference, at).await),
    }
}
