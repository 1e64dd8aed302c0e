//! The 404 for a reference that names no agency. A slug is often a guess
//! at one (`skolverket` for `statens-skolverk`, `boveket` for `boverket`),
//! so the problem names the agencies it may have meant: by their slugs, or
//! by their names as the search ranks them.

use chrono::NaiveDate;
use serde::Serialize;
use sqlx::types::Json;
use sqlx::PgConnection;
use utoipa::ToSchema;

use super::list::{list, AgencyFilter};
use crate::domain::{Reference, Window};
use crate::error::ApiError;
use crate::http::problem::Problem;
use crate::views::shared::{
    guessed_words, not_found_suggesting, AgencyRef, SUGGESTIONS, VERY_LIKE,
};

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
    let detail = super::not_found(reference);
    let found = suggestions(conn, reference, at);
    not_found_suggesting(reference, detail, found, |agency: &AgencyRef| {
        (&agency.slug, &agency.name.sv)
    })
    .await
}

/// The agencies `reference` may have meant: where it is a slug, those
/// whose slugs are very like it (a letter wrong: `boveket`), else those
/// whose names on `at` are most like its words (`skolverket`), else those
/// whose slugs are somewhat like it; best first. None for a UUID.
pub async fn suggestions(
    conn: &mut PgConnection,
    reference: &Reference,
    at: NaiveDate,
) -> Result<Vec<AgencyRef>, ApiError> {
    let Some(words) = guessed_words(reference) else {
        return Ok(Vec::new());
    };
    let slug = reference.to_string();
    let very_like = slugs_like(conn, &slug, at, VERY_LIKE).await?;
    if !very_like.is_empty() {
        return Ok(very_like);
    }
    let window = Window::best(SUGGESTIONS);
    let filter = AgencyFilter {
        at,
        q: Some(&words),
        kind: None,
        status: None,
        organisation_number: None,
        ministry: None,
        window: &window,
    };
    let by_words: Vec<AgencyRef> = list(&mut *conn, filter)
        .await?
        .into_iter()
        .map(|agency| AgencyRef {
            id: agency.id,
            slug: agency.slug,
            name: agency.name,
        })
        .collect();
    if !by_words.is_empty() {
        return Ok(by_words);
    }
    slugs_like(conn, &slug, at, 0.0).await
}

/// The agencies whose slugs are most like `slug` (pg_trgm's `%`, and at
/// least `least` alike), nearest first, by the index
/// `agencies_slug_likeness_idx`; names as on `at`.
async fn slugs_like(
    conn: &mut PgConnection,
    slug: &str,
    at: NaiveDate,
    least: f32,
) -> Result<Vec<AgencyRef>, ApiError> {
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
