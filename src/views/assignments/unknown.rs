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
use crate::views::shared::{guessed_words, not_found_suggesting, AssignmentRef, SUGGESTIONS};

/// A `/problems/not-found` problem for a path that names no assignment:
/// where it named one by slug, the assignments it may have meant.
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

/// 404 for `reference`, which names no assignment: where it is a slug,
/// with the assignments it may have meant (`suggestions`, titles as on
/// `at`).
pub async fn unknown(conn: &mut PgConnection, reference: &Reference, at: NaiveDate) -> ApiError {
    let detail = super::not_found(reference);
    let found = suggestions(conn, reference, at);
    not_found_suggesting(reference, detail, found, |assignment: &AssignmentRef| {
        (&assignment.slug, &assignment.title.sv)
    })
    .await
}

/// The assignments `reference` may have meant: where it is a slug, those
/// whose titles match its words, best first; where none does, those whose
/// slugs are most like it (pg_trgm's similarity, nearest first by the
/// index `assignments_slug_likeness_idx`). None for a UUID.
pub async fn suggestions(
    conn: &mut PgConnection,
    reference: &Reference,
    at: NaiveDate,
) -> Result<Vec<AssignmentRef>, ApiError> {
    let Some(words) = guessed_words(reference) else {
        return Ok(Vec::new());
    };
    let window = Window::best(SUGGESTIONS);
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
        r#"select coalesce(jsonb_agg(assignment_ref_json(alike.id, $2)
                                    order by alike.distance, alike.slug collate "C"), '[]')
                  as "assignments!: Json<Vec<AssignmentRef>>"
           from (select a.id, a.slug, a.slug <-> $1 as distance
                 from assignments a
                 where a.slug % $1
                 order by a.slug <-> $1, a.slug collate "C"
                 limit $3) alike"#,
        reference.to_string(),
        at,
        SUGGESTIONS,
    )
    .fetch_one(conn)
    .await?;
    Ok(by_slug.0)
}
