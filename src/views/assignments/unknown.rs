//! The 404 for a reference that names no assignment, with the assignments
//! it may have meant (see [`crate::views::suggestions`]): how assignments
//! are found by their slugs and by their titles.

use chrono::NaiveDate;
use serde::Serialize;
use sqlx::types::Json;
use sqlx::PgConnection;
use utoipa::ToSchema;

use super::{list, AssignmentFilter};
use crate::domain::{Reference, Window};
use crate::error::ApiError;
use crate::http::problem::Problem;
use crate::views::shared::AssignmentRef;
use crate::views::suggestions::{self, Suggestion, SUGGESTIONS};

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
    suggestions::not_found::<AssignmentRef>(conn, reference, at, super::not_found(reference)).await
}

impl Suggestion for AssignmentRef {
    fn named(&self) -> (&str, &str) {
        (&self.slug, &self.title.sv)
    }

    /// By the index `assignments_slug_likeness_idx`.
    async fn slugs_like(
        conn: &mut PgConnection,
        slug: &str,
        at: NaiveDate,
        least: f32,
    ) -> Result<Vec<Self>, ApiError> {
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

    /// As the assignment search ranks them (titles, texts, case numbers).
    async fn matching(
        conn: &mut PgConnection,
        words: &str,
        at: NaiveDate,
    ) -> Result<Vec<Self>, ApiError> {
        let window = Window::best(SUGGESTIONS);
        let filter = AssignmentFilter::search(words, at, &window);
        let found = list(conn, filter).await?;
        Ok(found
            .into_iter()
            .map(|assignment| AssignmentRef {
                id: assignment.id,
                slug: assignment.slug,
                title: assignment.title,
            })
            .collect())
    }
}
