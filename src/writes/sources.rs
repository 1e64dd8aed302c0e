//! `POST /v1/sources`: registering where facts come from, so writes can cite it.

use chrono::NaiveDate;
use serde::Deserialize;
use sqlx::PgConnection;
use utoipa::ToSchema;
use uuid::Uuid;

use crate::begin_write;
use crate::domain::{ContactKind, ContactValue, Day, Reference, Slug, Text};
use crate::error::ApiError;
use crate::http::Reply;
use crate::views::records::fetch_source;
use crate::views::shared::Source;
use crate::writes::transaction::{Fetched, Located, WriteRequest};

/// A source to cite.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewSource {
    #[schema(example = "2026-11-28-regleringsbrev-jamstalldhetsmyndigheten")]
    pub slug: Slug,
    #[schema(example = "Regleringsbrev för budgetåret 2027 avseende Jämställdhetsmyndigheten")]
    pub title: Text,
    pub publisher: Option<Text>,
    pub published_on: Day,
    /// Where it is published: a web address that starts with `https://` or
    /// `http://`.
    #[schema(example = "https://www.regeringen.se/")]
    pub url: Option<Text>,
    /// BCP 47 language tag. Default `sv`.
    #[schema(example = "sv", pattern = "^[A-Za-z0-9-]{1,35}$")]
    pub language: Option<String>,
    pub note: Option<Text>,
}

/// Register a source
///
/// Every fact cites a source; register it before the facts that cite it.
#[utoipa::path(
    post, path = "/v1/sources",
    request_body(content = NewSource, example = json!({
        "slug": "2026-11-28-regleringsbrev", "title": "Regleringsbrev 2027", "published_on": "2026-11-28"
    })),
    responses(
        (status = 409, description = "The slug is taken"),
    )
)]
#[tracing::instrument(skip_all)]
pub async fn create_source(write: WriteRequest) -> Reply {
    let input: NewSource = write.body()?;
    let language = input.language.unwrap_or_else(|| "sv".to_owned());
    if language.is_empty()
        || language.len() > 35
        || !language
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-')
    {
        return Err(ApiError::invalid_field(
            "language",
            "must be a BCP 47 language tag, such as sv or en",
        ));
    }
    if let Some(url) = input.url.as_deref() {
        ContactValue::parse(ContactKind::Website, url)
            .map_err(|error| ApiError::invalid_field("url", error))?;
    }
    let mut tx = begin_write!(write);
    let id = sqlx::query_scalar!(
        "insert into sources (slug, title, publisher, published_on, url, language, note)
         values ($1, $2, $3, $4, $5, $6, $7) returning id",
        input.slug.as_str(),
        &*input.title,
        input.publisher.as_deref(),
        input.published_on.0,
        input.url.as_deref(),
        language,
        input.note.as_deref(),
    )
    .fetch_one(tx.conn())
    .await?;
    tx.created(id, source).await
}

/// A source as its registration answers with it.
fn source(conn: &mut PgConnection, id: Uuid, _: NaiveDate) -> Fetched<'_, Source> {
    Box::pin(async move { fetch_source(conn, &Reference::Id(id)).await })
}

impl Located for Source {
    fn location(&self) -> String {
        format!("/v1/sources/{}", self.slug)
    }
}
