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
use crate::views::shared::{not_found_suggesting, AgencyRef};

/// A `/problems/not-found` problem for a path that names no agency: where
/// it named one by slug, the agencies it may have meant.
#[derive(Serialize, ToSchema)]
pub struct AgencyNotFound {
    #[serde(flatten)]
    pub problem: Problem,
    /// Where the path named the agency by slug: the agencies whose names on
    /// the date asked about are most like its words, best first (at most
    /// three; empty where none is). Absent where it named a UUID.
    #[schema(nullable = false)]
    pub suggestions: Option<Vec<AgencyRef>>,
}

/// How many agencies a 404 suggests at the most.
const SUGGESTIONS: i64 = 3;

/// 404 for `reference`, which names no agency: where it is a slug, with the
/// agencies whose names on `at` are most like its words (`suggestions`).
/// A search that fails leaves the plain 404: it is still the answer.
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
    let filter = AgencyFilter {
        at,
        q: Some(&words),
        kind: None,
        status: None,
        organisation_number: None,
        ministry: None,
        window: &window,
    };
    match list(conn, filter).await {
        Ok(found) => {
            let suggestions: Vec<AgencyRef> = found
                .into_iter()
                .map(|agency| AgencyRef {
                    id: agency.id,
                    slug: agency.slug,
                    name: agency.name,
                })
                .collect();
            not_found_suggesting(super::not_found(reference), suggestions, |agency| {
                (&agency.slug, &agency.name.sv)
            })
        }
        Err(error) => {
            tracing::warn!(%error, "no suggestions for an unknown agency");
            plain()
        }
    }
}

/// The agency a query found, or [`unknown`]'s 404.
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
