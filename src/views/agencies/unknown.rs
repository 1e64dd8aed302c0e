//! The 404 for a reference that names no agency, with the agencies it may
//! have meant (see [`crate::views::suggestions`]): how agencies are found
//! by their slugs and by their names.

use chrono::NaiveDate;
use serde::Serialize;
use sqlx::types::Json;
use sqlx::PgConnection;
use utoipa::ToSchema;

use super::list::{list, AgencyFilter};
use crate::domain::{Reference, Window};
use crate::error::ApiError;
use crate::http::problem::Problem;
use crate::views::shared::AgencyRef;
use crate::views::suggestions::{self, Suggestion, SUGGESTIONS};

/// A `/problems/not-found` problem for a path or a filter that names no
/// agency: where it named one by slug, the agencies it may have meant.
#[derive(Serialize, ToSchema)]
pub struct AgencyNotFound {
    #[serde(flatten)]
    pub problem: Problem,
    /// Where the agency was named by slug: the agencies it may have meant,
    /// best first (at most three; empty where none is alike): those whose
    /// slugs are very like it, else those whose names on the date asked
    /// about match its words, else those whose slugs are somewhat like it.
    /// Absent where it was named by UUID.
    #[schema(nullable = false)]
    pub suggestions: Option<Vec<AgencyRef>>,
}

/// 404 for `reference`, which names no agency: where it is a slug, with the
/// agencies it may have meant (`suggestions`, names as on `at`).
pub async fn unknown(conn: &mut PgConnection, reference: &Reference, at: NaiveDate) -> ApiError {
    suggestions::not_found::<AgencyRef>(conn, reference, at, super::not_found(reference)).await
}

impl Suggestion for AgencyRef {
    fn named(&self) -> (&str, &str) {
        (&self.slug, &self.name.sv)
    }

    /// By the index `agencies_slug_likeness_idx`.
    async fn slugs_like(
        conn: &mut PgConnection,
        slug: &str,
        at: NaiveDate,
        least: f32,
    ) -> Result<Vec<Self>, ApiError> {
        let alike = sqlx::query_scalar!(
            r#"select coalesce(jsonb_agg(agency_ref_json(alike.id, $2)
                                        order by alike.distance, alike.slug collate "C"), '[]')
                      as "agencies!: Json<Vec<AgencyRef>>"
               from (select a.id, a.slug, a.slug <-> $1 as distance
                     from agencies a
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

    /// As the agency search ranks them.
    async fn matching(
        conn: &mut PgConnection,
        words: &str,
        at: NaiveDate,
    ) -> Result<Vec<Self>, ApiError> {
        let window = Window::best(SUGGESTIONS);
        let found = list(conn, AgencyFilter::search(words, at, &window)).await?;
        Ok(found
            .into_iter()
            .map(|agency| AgencyRef {
                id: agency.id,
                slug: agency.slug,
                name: agency.name,
            })
            .collect())
    }
}
