//! `POST /v1/sources`: registering where facts come from, so writes can cite it.

use actix_web::http::StatusCode;
use actix_web::HttpResponse;
use chrono::NaiveDate;
use serde::Deserialize;
use utoipa::ToSchema;

use crate::begin_write;
use crate::domain::Reference;
use crate::error::ApiError;
use crate::http::body::{self, text};
use crate::views::records::fetch_source;
use crate::writes::transaction::WriteRequest;

/// A source to cite.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewSource {
    #[schema(example = "2026-11-28-regleringsbrev-jamstalldhetsmyndigheten")]
    pub slug: String,
    #[schema(example = "Regleringsbrev för budgetåret 2027 avseende Jämställdhetsmyndigheten")]
    pub title: String,
    pub publisher: Option<String>,
    #[serde(deserialize_with = "body::day")]
    #[schema(value_type = NaiveDate, example = "2026-11-28")]
    pub published_on: NaiveDate,
    #[schema(example = "https://www.regeringen.se/")]
    pub url: Option<String>,
    /// BCP 47 language tag. Default `sv`.
    #[schema(example = "sv")]
    pub language: Option<String>,
    pub note: Option<String>,
}

/// Register a source
///
/// Every fact cites a source; register it before the facts that cite it.
#[utoipa::path(
    post, path = "/v1/sources", tag = "records",
    request_body(content = NewSource, example = json!({
        "slug": "2026-11-28-regleringsbrev", "title": "Regleringsbrev 2027", "published_on": "2026-11-28"
    })),
    responses(
        (status = 201, description = "Registered; `Location` names it", body = crate::views::shared::Source),
        (status = 409, description = "The slug is taken"),
    )
)]
#[tracing::instrument(skip_all)]
pub async fn create_source(write: WriteRequest) -> Result<HttpResponse, ApiError> {
    let input: NewSource = write.body()?;
    let slug = super::slug(&input.slug)?;
    let title = text("title", input.title)?;
    let optional = |field: &str, value: Option<String>| value.map(|v| text(field, v)).transpose();
    let publisher = optional("publisher", input.publisher)?;
    let url = optional("url", input.url)?;
    let note = optional("note", input.note)?;
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
    let mut tx = begin_write!(write);
    let id = sqlx::query_scalar!(
        "insert into sources (slug, title, publisher, published_on, url, language, note)
         values ($1, $2, $3, $4, $5, $6, $7) returning id",
        slug,
        title,
        publisher,
        input.published_on,
        url,
        language,
        note,
    )
    .fetch_one(tx.conn())
    .await?;
    let source = fetch_source(tx.conn(), &Reference::Id(id)).await?;
    let location = format!("/v1/sources/{}", source.slug);
    tx.commit(StatusCode::CREATED, Some(location), &source)
        .await
}
