//! What caches may do with an answer, and `HEAD`.
//!
//! A read of registry data may be kept a minute and served stale for five
//! more while a cache asks again (`public, max-age=60,
//! stale-while-revalidate=300`): registry data changes a few times a day.
//! An answer as known at a moment that has settled (an hour ago or more:
//! see [`super::etag::SETTLES_AFTER`]) never changes and is `immutable`.
//! Writes, refusals, errors, health checks and event streams are
//! `no-store`. `HEAD` is
//! answered as `GET` is, with its headers (the `ETag` among them) and no
//! body.

use actix_web::body::{BodySize, BoxBody, MessageBody};
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::header::{self, HeaderValue};
use actix_web::http::{Method, StatusCode};
use actix_web::middleware::Next;

const READ: &str = "public, max-age=60, stale-while-revalidate=300";
const KNOWN_THEN: &str = "public, max-age=31536000, immutable";
const NO_STORE: &str = "no-store";

/// Whether the query asks for the registry as known at a moment that has
/// settled (see [`super::etag::has_settled`]).
fn known_when_settled(query: &str) -> bool {
    actix_web::web::Query::<Vec<(String, String)>>::from_query(query)
        .map(|params| params.into_inner())
        .unwrap_or_default()
        .iter()
        .any(|(name, value)| name == "known_at" && super::etag::has_settled(value))
}

/// The `Cache-Control` of an answer to `method` on `path?query`.
fn policy(method: &Method, path: &str, query: &str, status: StatusCode) -> &'static str {
    let read = *method == Method::GET || *method == Method::HEAD;
    let answered = status == StatusCode::OK || status == StatusCode::NOT_MODIFIED;
    if !read || !answered || path.starts_with("/health") || super::event_stream::is_stream(path) {
        NO_STORE
    } else if path.starts_with("/v1/") && known_when_settled(query) {
        KNOWN_THEN
    } else {
        READ
    }
}

/// Middleware: `Cache-Control` on every answer; `HEAD` as `GET` without the
/// body (and with its length).
pub async fn cache_control(
    mut req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<BoxBody>, actix_web::Error> {
    let head = req.method() == Method::HEAD;
    if head {
        req.head_mut().method = Method::GET;
    }
    let method = if head {
        Method::HEAD
    } else {
        req.method().clone()
    };
    let path = req.path().to_owned();
    let query = req.query_string().to_owned();
    let mut response = next.call(req).await?.map_into_boxed_body();
    let value = policy(&method, &path, &query, response.status());
    response
        .headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static(value));
    // The server leaves out the body of an answer to HEAD and keeps its
    // Content-Length; a stream (an export), whose length is not known, is
    // dropped unread instead, and the answer has no Content-Length.
    if head && response.response().body().size() == BodySize::Stream {
        response = response.map_body(|_, _| BoxBody::new(actix_web::body::None::new()));
    }
    Ok(response)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::Utc;

    #[test]
    fn reads_are_kept_a_minute_past_moments_for_ever_writes_never() {
        let holder = "/v1/assignments/x/holder";
        assert_eq!(
            policy(&Method::GET, holder, "at=2018-01-01", StatusCode::OK),
            READ
        );
        assert_eq!(
            policy(&Method::HEAD, holder, "", StatusCode::NOT_MODIFIED),
            READ
        );
        assert_eq!(
            policy(
                &Method::GET,
                holder,
                "known_at=2018-01-09T00%3A00%3A00Z",
                StatusCode::OK
            ),
            KNOWN_THEN
        );
        assert_eq!(
            policy(
                &Method::GET,
                holder,
                "known_at=2999-01-01T00:00:00Z",
                StatusCode::OK
            ),
            READ,
            "a moment to come is not known yet"
        );
        let a_minute_ago = (Utc::now() - chrono::Duration::minutes(1)).to_rfc3339();
        assert_eq!(
            policy(
                &Method::GET,
                holder,
                &format!("known_at={}", a_minute_ago.replace('+', "%2B")),
                StatusCode::OK
            ),
            READ,
            "a write that began before a moment just past may still commit"
        );
        assert_eq!(
            policy(&Method::GET, holder, "", StatusCode::NOT_FOUND),
            NO_STORE
        );
        assert_eq!(
            policy(&Method::POST, "/v1/transfers", "", StatusCode::CREATED),
            NO_STORE
        );
        assert_eq!(
            policy(&Method::GET, "/health/live", "", StatusCode::OK),
            NO_STORE
        );
    }
}
