//! JSON shapes that several resources share: short references to agencies,
//! assignments and transfers, localized text, periods and sources.

use std::collections::HashMap;

use chrono::NaiveDate;
use serde::Serialize;
use sqlx::PgConnection;
use utoipa::ToSchema;
use uuid::Uuid;

use crate::domain::PartialDate;
use crate::error::ApiError;

/// Text in Swedish, and in English where an English form is established.
#[derive(Debug, Clone, Serialize, ToSchema)]
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
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct AgencyRef {
    pub id: Uuid,
    #[schema(example = "jamstalldhetsmyndigheten")]
    pub slug: String,
    /// The agency's name on the date asked about.
    pub name: LocalizedText,
}

impl AgencyRef {
    /// From the columns of an outer join: an agency when they are all there.
    pub fn joined(
        id: Option<Uuid>,
        slug: Option<String>,
        name_sv: Option<String>,
        name_en: Option<String>,
    ) -> Option<Self> {
        Some(AgencyRef {
            id: id?,
            slug: slug?,
            name: LocalizedText::new(name_sv?, name_en),
        })
    }
}

/// An assignment, briefly.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct AssignmentRef {
    pub id: Uuid,
    #[schema(example = "nationellt-samordningsuppdrag-prostitution-manniskohandel")]
    pub slug: String,
    /// The assignment's title on the date asked about.
    pub title: LocalizedText,
}

impl AssignmentRef {
    /// From the columns of an outer join: an assignment when they are all there.
    pub fn joined(
        id: Option<Uuid>,
        slug: Option<String>,
        title_sv: Option<String>,
        title_en: Option<String>,
    ) -> Option<Self> {
        Some(AssignmentRef {
            id: id?,
            slug: slug?,
            title: LocalizedText::new(title_sv?, title_en),
        })
    }
}

/// A transfer, briefly.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct TransferRef {
    pub id: Uuid,
    #[schema(example = "2018-01-01-lansstyrelsen-stockholm-till-jamstalldhetsmyndigheten")]
    pub slug: String,
    #[schema(example = "2018-01-01")]
    pub effective_on: NaiveDate,
}

impl TransferRef {
    /// From the columns of an outer join: a transfer when they are all there.
    pub fn joined(
        id: Option<Uuid>,
        slug: Option<String>,
        effective_on: Option<NaiveDate>,
    ) -> Option<Self> {
        Some(TransferRef {
            id: id?,
            slug: slug?,
            effective_on: effective_on?,
        })
    }
}

/// A half-open period `[valid_from, valid_to)`. A null `valid_from` means the
/// start is not known; a null `valid_to` means it still holds.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Period {
    pub valid_from: Option<PartialDate>,
    pub valid_to: Option<PartialDate>,
}

impl Period {
    pub fn new(valid_from: Option<PartialDate>, valid_to: Option<PartialDate>) -> Self {
        Period {
            valid_from,
            valid_to,
        }
    }
}

/// Where a fact comes from.
#[derive(Debug, Clone, Serialize, ToSchema)]
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

/// Fetches the sources with these ids in one query.
#[tracing::instrument(skip_all, fields(count = ids.len()))]
pub async fn sources_by_id(
    conn: &mut PgConnection,
    ids: &[Uuid],
) -> Result<HashMap<Uuid, Source>, ApiError> {
    let rows = sqlx::query_as!(
        Source,
        "select id, slug, title, publisher, published_on, url, language, note from sources where id = any($1)",
        ids
    )
    .fetch_all(conn)
    .await?;
    Ok(rows.into_iter().map(|source| (source.id, source)).collect())
}

/// Looks up one source among those fetched; every fact cites one, so a miss
/// is a bug, reported as such.
pub fn cited(sources: &HashMap<Uuid, Source>, id: Uuid) -> Result<Source, ApiError> {
    sources
        .get(&id)
        .cloned()
        .ok_or_else(|| ApiError::Internal(anyhow::anyhow!("source {id} was cited but not fetched")))
}
