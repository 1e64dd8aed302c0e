//! What a slug that names nothing may have meant. A slug is often typed by
//! hand, cut short, or made from the name people use (`skolverket` for
//! `statens-skolverk`, `boveket` for `boverket`), so the 404 for one names
//! the agencies or assignments it may have meant, in one order for both:
//! those whose slugs are very like it, else those whose names or titles
//! match its words, as the search ranks them, else those whose slugs are
//! somewhat like it. Each resource says how to find its own
//! ([`Suggestion`], in its `unknown.rs`); nothing is guessed, the answer
//! is still a 404.

use chrono::NaiveDate;
use serde::Serialize;
use sqlx::PgConnection;

use crate::domain::Reference;
use crate::error::ApiError;

/// How many a 404 suggests at the most.
pub const SUGGESTIONS: i64 = 3;

/// How like a real slug one asked for must be (pg_trgm's similarity) to be
/// taken for it with a letter wrong, before the search by words: 0.84 for
/// `forsakringskasan` against `forsakringskassan`; `skolverket` against
/// `statens-skolverk` is 0.42, a name people use, for the search. Below
/// 0.7, slugs of other agencies came first for their former names.
const VERY_LIKE: f32 = 0.7;

/// An agency or an assignment as a 404 suggests it.
pub(crate) trait Suggestion: Serialize + Sized {
    /// Its slug, and its name or title for a person.
    fn named(&self) -> (&str, &str);

    /// Those whose slugs are most like `slug` (pg_trgm's `%`, and at least
    /// `least` alike), nearest first; names or titles as on `at`.
    async fn slugs_like(
        conn: &mut PgConnection,
        slug: &str,
        at: NaiveDate,
        least: f32,
    ) -> Result<Vec<Self>, ApiError>;

    /// Those whose names or titles on `at` match `words`, best first.
    async fn matching(
        conn: &mut PgConnection,
        words: &str,
        at: NaiveDate,
    ) -> Result<Vec<Self>, ApiError>;
}

/// What `reference` may have meant, best first, in the order above; none
/// for a UUID, which is not a guess at a name.
pub(crate) async fn suggestions<T: Suggestion>(
    conn: &mut PgConnection,
    reference: &Reference,
    at: NaiveDate,
) -> Result<Vec<T>, ApiError> {
    let Reference::Slug(slug) = reference else {
        return Ok(Vec::new());
    };
    let very_like = T::slugs_like(conn, slug, at, VERY_LIKE).await?;
    if !very_like.is_empty() {
        return Ok(very_like);
    }
    let matching = T::matching(conn, &slug.replace('-', " "), at).await?;
    if !matching.is_empty() {
        return Ok(matching);
    }
    T::slugs_like(conn, slug, at, 0.0).await
}

/// The 404 for a `reference` that names nothing, with `detail` the plain
/// 404's. Where it is a slug, `detail` names the best of its
/// [`suggestions`], and the problem's member `suggestions` gives them all
/// for a client to offer; where they could not be found, the plain 404: it
/// is still the answer.
pub(crate) async fn not_found<T: Suggestion>(
    conn: &mut PgConnection,
    reference: &Reference,
    at: NaiveDate,
    mut detail: String,
) -> ApiError {
    if let Reference::Id(_) = reference {
        return ApiError::NotFound(detail);
    }
    let suggestions = suggestions::<T>(conn, reference, at)
        .await
        .and_then(|suggestions| {
            if let Some((slug, label)) = suggestions.first().map(T::named) {
                detail.push_str(&format!(" Did you mean '{slug}' ({label})?"));
            }
            serde_json::to_value(suggestions).map_err(|error| ApiError::Internal(error.into()))
        });
    match suggestions {
        Ok(suggestions) => {
            let members = serde_json::Map::from_iter([("suggestions".to_owned(), suggestions)]);
            ApiError::NotFoundSuggesting { detail, members }
        }
        Err(error) => {
            tracing::warn!(%error, "no suggestions for a 404");
            ApiError::NotFound(detail)
        }
    }
}
