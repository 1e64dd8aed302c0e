//! The 404 for a reference that names no agency. A slug is often a guess
//! at one (`skolverket` for `statens-skolverk`), so the problem names the
//! agencies whose names are most like its words, as the search ranks them.

use chrono::NaiveDate;
use serde::Serialize;
use sqlx::PgConnection;
use utoipa::ToSchema;

use super::list::{list, AgencyFilter};
use crate::domain::{Reference, Window};
use crate::error::ApiError;
use crate::http::problem::Problem;
use crate::views::shared::{guessed_words, not_found_suggesting, AgencyRef, SUGGESTIONS};

/// A `/problems/not-found` problem for a path or a filter that names no
/// agency: where it named one by slug, the agencies it may have meant.
#[derive(Serialize, ToSchema)]
pub struct AgencyNotFound {
    #[serde(flatten)]
    pub problem: Problem,
    /// Where the agency was named by slug: the agencies whose names on the
    /// date asked about are most like its words, best first (at most three;
    /// empty where none is). Absent where it was named by UUID.
    #[schema(nullable = false)]
    pub suggestions: Option<Vec<AgencyRef>>,
}

/// 404 for `reference`, which names no agency: where it is a slug, with the
/// agencies whose names on `at` are most like its words (`suggestions`).
pub async fn unknown(conn: &mut PgConnection, reference: &Reference, at: NaiveDate) -> ApiError {
    let detail = super::not_found(reference);
    let found = suggestions(conn, reference, at);
    not_found_suggesting(reference, detail, found, |agency: &AgencyRef| {
        (&agency.slug, &agency.name.sv)
    })
    .await
}

/// The agencies `reference` may have meant: where it is a slug, those
/// whose names on `at` are most like its words, best first; none for a
/// UUID.
pub async fn suggestions(
    conn: &mut PgConnection,
    reference: &Reference,
    at: NaiveDate,
) -> Result<Vec<AgencyRef>, ApiError> {
    let Some(words) = guessed_words(reference) else {
        return Ok(Vec::new());
    };
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
    let found = list(conn, filter).await?;
    Ok(found
        .into_iter()
        .map(|agency| AgencyRef {
            id: agency.id,
            slug: agency.slug,
            name: agency.name,
        })
        .collect())
}
