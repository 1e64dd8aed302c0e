//! `/v1/reconcile`: the registry's agencies as a reconciliation service,
//! for OpenRefine and other clients of the W3C Reconciliation Service API
//! (see [`crate::formats::reconciliation`]). A batch of queries comes as
//! the parameter `queries`, in the query string of a `GET` or in the form
//! body of a `POST`, which OpenRefine sends. The `POST` reads and changes
//! nothing: it needs no token and is never kept.

use actix_web::{web, HttpRequest, HttpResponse};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use crate::db::Reader;
use crate::domain::today_in_stockholm;
use crate::error::ApiError;
use crate::formats::base_url;
use crate::formats::reconciliation::{answer, manifest, read_batch, Answers, Manifest};
use crate::http::body::{media_type, MAX_BODY_BYTES};
use crate::http::cache::NotAWrite;
use crate::http::Reply;
use crate::views::agencies::{candidates, Wanted};

/// `queries`: a batch of reconciliation queries, in the query string of a
/// `GET` or the form of a `POST`.
#[derive(Debug, Deserialize, IntoParams, ToSchema)]
#[into_params(parameter_in = Query)]
pub struct Batch {
    /// A JSON object of queries by key, each with `query` (a name), and
    /// optionally `type` (`agency`), `limit` (1 to 25, default 5) and
    /// `properties`: `organisation_number` (`[{"pid": "organisation_number",
    /// "v": "202100-5489"}]`) and `at`, a date (`2005-03-01`, `2005-03` or
    /// `2005`) when the agency existed, its name then.
    /// At most 50 queries. A `GET` without it is answered with the service
    /// manifest.
    #[param(example = r#"{"q0":{"query":"Skolverket"},"q1":{"query":"Banverket"}}"#)]
    #[schema(
        required = true,
        nullable = false,
        example = r#"{"q0":{"query":"Skolverket"},"q1":{"query":"Banverket"}}"#
    )]
    queries: Option<String>,
}

/// What a `GET` answers: the manifest, or a batch's answers.
#[derive(Serialize, ToSchema)]
#[serde(untagged)]
pub enum Reconciliation {
    Manifest(Manifest),
    Answers(Answers),
}

/// Reconcile names with agencies
///
/// A reconciliation service (W3C Reconciliation Service API 0.2, as OpenRefine uses it): without
/// `queries`, its manifest; with them, the agencies each query's name may mean, the best first,
/// by their names of any time, other names (abbreviations) and slugs, as the agency search finds
/// them, and by the organisation number given as the property `organisation_number`. With the
/// property `at` (a date, month or year), only agencies that existed then, with their names then.
/// A candidate that fits fully (score 100) and is the only one to is a `match`. Names are as
/// today (an agency that has ended: its last name).
#[utoipa::path(get, path = "/v1/reconcile", params(Batch),
    responses((status = 200, description = "The manifest, or the candidates of each query by its key",
        body = Reconciliation)))]
#[tracing::instrument(skip(req, db))]
pub async fn reconcile(query: web::Query<Batch>, req: HttpRequest, db: Reader) -> Reply {
    match &query.queries {
        None => Ok(HttpResponse::Ok().json(manifest(&base_url(&req)))),
        Some(queries) => answered(queries, db).await,
    }
}

/// Reconcile names with agencies (as OpenRefine sends them)
///
/// As `GET /v1/reconcile?queries=…`, with `queries` in a form body
/// (`application/x-www-form-urlencoded`), as OpenRefine sends batches. It reads and changes
/// nothing, and needs no token.
#[utoipa::path(post, path = "/v1/reconcile",
    request_body(content = Batch, content_type = "application/x-www-form-urlencoded"),
    responses(
        (status = 200, description = "The candidates of each query by its key", body = Answers),
        (status = 400, description = "`queries` is missing or not a batch of queries; the detail says why"),
        (status = 413, description = "The body is larger than 64 KiB"),
        (status = 415, description = "The body is not a form (`application/x-www-form-urlencoded`)"),
    ))]
#[tracing::instrument(skip_all)]
pub async fn reconcile_form(req: HttpRequest, body: web::Bytes, db: Reader) -> Reply {
    let form = form(&req, &body)?;
    let queries = form
        .queries
        .ok_or_else(|| ApiError::invalid_field("queries", "is missing"))?;
    let mut response = answered(&queries, db).await?;
    response.extensions_mut().insert(NotAWrite);
    Ok(response)
}

/// The answers to the batch `queries`, one statement a query.
async fn answered(queries: &str, mut db: Reader) -> Reply {
    let batch = read_batch(queries)?;
    let today = today_in_stockholm();
    let mut answers = Answers(Default::default());
    for (key, query) in batch {
        let found = if query.asks() {
            // One more than asked for: a second that fits fully means
            // neither is a match.
            let wanted = Wanted {
                name: query.name.as_deref(),
                organisation_number: query.organisation_number.as_ref(),
                existed: query.at.as_ref(),
                at: today,
                limit: i64::try_from(query.limit + 1).expect("a small number"),
            };
            candidates(&mut db, wanted).await?
        } else {
            Vec::new()
        };
        answers.0.insert(key, answer(found, query.limit));
    }
    Ok(HttpResponse::Ok().json(answers))
}

/// The form of a `POST`: its media type, size and encoding checked.
fn form(req: &HttpRequest, body: &[u8]) -> Result<Batch, ApiError> {
    let media_type = media_type(req);
    if media_type.as_deref() != Some("application/x-www-form-urlencoded") {
        return Err(ApiError::UnsupportedMediaType(format!(
            "The body must be a form (Content-Type: application/x-www-form-urlencoded), not {}.",
            media_type.as_deref().unwrap_or("untyped")
        )));
    }
    if body.len() > MAX_BODY_BYTES {
        return Err(ApiError::BodyTooLarge(MAX_BODY_BYTES));
    }
    let text = std::str::from_utf8(body)
        .map_err(|_| ApiError::MalformedBody("The form is not UTF-8.".to_owned()))?;
    web::Query::<Batch>::from_query(text)
        .map(web::Query::into_inner)
        .map_err(|error| ApiError::MalformedBody(format!("The form is not one: {error}.")))
}
