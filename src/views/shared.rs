//! JSON shapes that several resources share: short references to agencies,
//! assignments and transfers, localized text, periods and sources. Queries
//! build the references and sources in SQL (`agency_ref_json`,
//! `source_json`, ...: see the migration `shared_shapes`) and decode them
//! into these types.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

pub use crate::domain::Period;
use crate::domain::Window;
use crate::error::ApiError;

/// Text in Swedish, and in English where an English form is established.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct LocalizedText {
    #[schema(example = "Jämställdhetsmyndigheten")]
    pub sv: String,
    #[schema(example = "Swedish Gender Equality Agency")]
    pub en: Option<String>,
}

impl LocalizedText {
    pub fn new(sv: String, en: Option<String>) -> Self {
        LocalizedText { sv, en }
    }

    /// Both forms when there is Swedish text at all.
    pub fn optional(sv: Option<String>, en: Option<String>) -> Option<Self> {
        sv.map(|sv| LocalizedText { sv, en })
    }
}

/// An agency, briefly: enough to show it and to fetch it.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct AgencyRef {
    pub id: Uuid,
    #[schema(example = "jamstalldhetsmyndigheten")]
    pub slug: String,
    /// The agency's name on the date asked about.
    pub name: LocalizedText,
}

/// An assignment, briefly.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct AssignmentRef {
    pub id: Uuid,
    #[schema(example = "nationellt-samordningsuppdrag-prostitution-manniskohandel")]
    pub slug: String,
    /// The assignment's title on the date asked about.
    pub title: LocalizedText,
}

/// A transfer, briefly.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct TransferRef {
    pub id: Uuid,
    #[schema(example = "2018-01-01-lansstyrelsen-stockholm-till-jamstalldhetsmyndigheten")]
    pub slug: String,
    #[schema(example = "2018-01-01")]
    pub effective_on: NaiveDate,
}

/// Where a fact comes from.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct Source {
    pub id: Uuid,
    #[schema(example = "2018-01-08-nationella-uppdrag-flyttar")]
    pub slug: String,
    pub title: String,
    /// Who published it, where the source says.
    pub publisher: Option<String>,
    #[schema(example = "2018-01-08")]
    pub published_on: NaiveDate,
    pub url: Option<String>,
    /// The language of the source, as a BCP 47 tag.
    #[schema(example = "sv")]
    pub language: String,
    pub note: Option<String>,
}

/// The representation a query built, or the 404 that `missing` makes (a
/// future, run only where nothing was found).
pub async fn found_or<T>(
    row: Option<sqlx::types::Json<T>>,
    missing: impl std::future::Future<Output = ApiError>,
) -> Result<T, ApiError> {
    match row {
        Some(sqlx::types::Json(found)) => Ok(found),
        None => Err(missing.await),
    }
}

/// The representation a query built, or a 404 saying what is `missing`.
pub fn found<T>(
    row: Option<sqlx::types::Json<T>>,
    missing: impl FnOnce() -> String,
) -> Result<T, ApiError> {
    row.map(|json| json.0)
        .ok_or_else(|| ApiError::NotFound(missing()))
}

/// What a list is asked: names and titles as on `at`; optionally only
/// those `q` matches, and those its own filters (`only`) keep; the page in
/// `window` (by slug, or with `q` by rank).
#[derive(Debug)]
pub struct Listing<'a, Only> {
    pub at: NaiveDate,
    pub q: Option<&'a str>,
    pub only: Only,
    pub window: &'a Window,
}

impl<'a, Only: Default> Listing<'a, Only> {
    /// A search alone: what `q` matches, as on `at`, the best first, as
    /// many as `window` holds.
    pub fn search(q: &'a str, at: NaiveDate, window: &'a Window) -> Self {
        Listing {
            at,
            q: Some(q),
            only: Only::default(),
            window,
        }
    }
}
