//! The 404 for a reference that names no assignment. A slug may be
//! mistyped or cut short, so the problem names the assignments it may have
//! meant: by their slugs, or by the words of their titles.

use chrono::NaiveDate;
use serde::Serialize;
use sqlx::types::Json;
use sqlx::PgConnection;
use utoipa::ToSchema;

use super::{list, AssignmentFilter};
use crate::domain::{Reference, Window};
use crate::error::ApiError;
use crate::http::problem::Problem;
use crate::views::shared::{
    guessed_words, not_found_suggesting, AssignmentRef, SUGGESTIONS, VERY_LIKE,
};

/// A `/problems/not-found` problem for a path that names no assignment:
/// where it named one by slug, the assignments it may have meant.
#[derive(Serialize, ToSchema)]
pub struct AssignmentNotFound {
    #[serde(flatten)]
    pub problem: Problem,
    /// Where the path named the assignment by slug: the assignments it may
    /// have meant, best first (at most three; empty where none is alike):
    /// those whose slugs are very like it, else those whose titles match
    /// its words, else those whose slugs are somewhat like it; titles as
    /// on the date asked about. Absent where it named a UUID.
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
/// whose slugs are very like it (a letter wrong), else those whose titles
/// match its words (`barnahus`), else those whose slugs are somewhat like
/// it; best first. None for a UUID.
pub async fn suggestions(
    conn: &mut PgConnection,
    reference: &Reference,
    at: NaiveDate,
) -> Result<Vec<AssignmentRef>, ApiError> {
    let Some(words) = guessed_words(reference) else {
        return Ok(Vec::new());
    };
    let slug = reference.to_string();
    let very_like = slugs_like(conn, &slug, at, VERY_LIKE).await?;
    if !very_like.is_empty() {
        return Ok(very_like);
    }
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
    slugs_like(conn, &slug, at, 0.0).await
}

/// The assignments whose slugs are most like `slug` (pg_trgm's `%`, and at
/// least `least` alike), nearest first, by the index
/// `assignments_slug_likeness_idx`; titles as on `at`.
async fn slugs_like(
    conn: &mut PgConnection,
    slug: &str,
    at: NaiveDate,
    least: f32,
) -> Result<Vec<AssignmentRef>, ApiError> {
    let alike = sqlx::query_scalar!(
        r#"select coalesce(jsonb_agg(assignment_ref_json(alike.id, $2)
                                    order by alike.distance, alike.slug collate "C"), '[]')
                  as "assignments!: Json<Vec<AssignmentRef>>"
           from (select a.id, a.slug, a.slug <-> $1 as distance
                 from assignments a
                 where a.slug % $1 and similarity(a.slug, $1) >= $4
                 order by a.slug <-> $1, a.slug collate "C"
                 limit $3) alike"#,
        slug,
        at,
        SUGGESTIONS,
        least,
    )
    .fetch_one(conn)
    .await?;
    Ok(alike.0)
}
