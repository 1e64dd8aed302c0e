//! Content negotiation: the API answers `application/json` (errors
//! `application/problem+json`), and its event streams `text/event-stream`.
//! A request under `/v1/` whose `Accept` admits none of what its path
//! answers (`text/csv`, say) is refused with 406 before anything is read or
//! written, naming what the path produces; every answer under `/v1/` says
//! `Vary: Accept`, so that a cache keeps answers apart by it. No `Accept`,
//! or one that cannot be read, is taken as `*/*` (RFC 9110, section
//! 12.5.1).

use actix_web::body::{BoxBody, MessageBody};
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::header::{self, Accept, Header, HeaderValue, QualityItem};
use actix_web::middleware::Next;
use actix_web::mime::{self, Mime};

use super::event_stream;
use crate::error::ApiError;

/// What a path answers.
fn produced(path: &str) -> Mime {
    if event_stream::is_stream(path) {
        mime::TEXT_EVENT_STREAM
    } else {
        mime::APPLICATION_JSON
    }
}

/// Whether a media range admits `produced`.
fn admits(range: &QualityItem<Mime>, produced: &Mime) -> bool {
    let mime = &range.item;
    range.quality > header::Quality::ZERO
        && (mime.type_() == mime::STAR
            || (mime.type_() == produced.type_()
                && (mime.subtype() == mime::STAR || mime.subtype() == produced.subtype())))
}

/// Whether a request accepts `produced`: it has no `Accept` (or none that
/// can be read), or one of its ranges admits it.
fn accepts(req: &ServiceRequest, produced: &Mime) -> bool {
    if !req.headers().contains_key(header::ACCEPT) {
        return true;
    }
    match Accept::parse(req) {
        Ok(Accept(ranges)) => ranges.is_empty() || ranges.iter().any(|r| admits(r, produced)),
        Err(_) => true,
    }
}

/// Middleware: 406 for a request under `/v1/` that accepts nothing its path
/// answers; `Vary: Accept` on every answer under `/v1/`.
pub async fn acceptable_only(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<BoxBody>, actix_web::Error> {
    if !req.path().starts_with("/v1/") {
        return Ok(next.call(req).await?.map_into_boxed_body());
    }
    let produced = produced(req.path());
    let mut response = if accepts(&req, &produced) {
        next.call(req).await?.map_into_boxed_body()
    } else {
        let asked = req
            .headers()
            .get(header::ACCEPT)
            .and_then(|value| value.to_str().ok())
            .unwrap_or("")
            .to_owned();
        req.error_response(ApiError::NotAcceptable {
            asked,
            produced: produced.essence_str().to_owned(),
        })
    };
    response
        .headers_mut()
        .append(header::VARY, HeaderValue::from_static("accept"));
    Ok(response)
}

#[cfg(test)]
mod tests {
    use super::*;
    use actix_web::test::TestRequest;

    fn accepts_at(path: &str, accept: Option<&str>) -> bool {
        let mut request = TestRequest::get().uri(path);
        if let Some(accept) = accept {
            request = request.insert_header((header::ACCEPT, accept));
        }
        super::accepts(&request.to_srv_request(), &produced(path))
    }

    fn accepts(accept: Option<&str>) -> bool {
        accepts_at("/v1/agencies", accept)
    }

    #[test]
    fn json_is_accepted_when_any_range_admits_it() {
        assert!(accepts(None));
        assert!(accepts(Some("application/json")));
        assert!(accepts(Some("*/*")));
        assert!(accepts(Some("application/*;q=0.2")));
        assert!(accepts(Some("text/html, application/json;q=0.9")));
        assert!(accepts(Some("text/html,application/xhtml+xml,*/*;q=0.8")));
        // What cannot be read is taken as no preference.
        assert!(accepts(Some("this is not a media range;;;")));
    }

    #[test]
    fn a_request_that_admits_no_json_is_not_acceptable() {
        assert!(!accepts(Some("text/csv")));
        assert!(!accepts(Some("application/ld+json")));
        assert!(!accepts(Some("text/vcard, text/csv;q=0.5")));
        assert!(!accepts(Some("application/json;q=0")));
        assert!(!accepts(Some("application/json;q=0, text/csv")));
    }

    #[test]
    fn an_event_stream_is_what_the_change_stream_answers() {
        assert!(accepts_at("/v1/changes/stream", Some("text/event-stream")));
        assert!(accepts_at("/v1/changes/stream", None));
        assert!(!accepts_at("/v1/changes/stream", Some("application/json")));
        assert!(!accepts(Some("text/event-stream")));
    }
}
