//! Entity tags. Every successful JSON answer carries a strong `ETag`: a hash
//! of its body. A GET whose `If-None-Match` names it is answered 304; a write
//! whose `If-Match` does not name the resource's current tag is refused
//! with 412 (see [`check_if_match`]).

use actix_web::body::{self, BoxBody, MessageBody};
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::{header, Method, StatusCode};
use actix_web::middleware::Next;
use actix_web::{HttpRequest, HttpResponse};
use serde::Serialize;
use sha2::{Digest, Sha256};

use crate::error::ApiError;

/// The entity tag of a body: the first 128 bits of its SHA-256, quoted.
pub fn of(body: &[u8]) -> String {
    let digest = Sha256::digest(body);
    format!("\"{}\"", hex::encode(&digest[..16]))
}

/// The entity tag `value` has when answered as JSON.
pub fn of_json(value: &impl Serialize) -> Result<String, ApiError> {
    let body = serde_json::to_vec(value).map_err(|e| ApiError::Internal(e.into()))?;
    Ok(of(&body))
}

/// Whether a list of entity tags (`If-None-Match`, `If-Match`) names `tag`.
/// `*` names any. Weak tags compare by their opaque part (RFC 9110 §8.8.3.2).
fn names(list: &str, tag: &str) -> bool {
    list.split(',').map(str::trim).any(|candidate| {
        candidate == "*" || candidate.strip_prefix("W/").unwrap_or(candidate) == tag
    })
}

/// Middleware: adds the `ETag` and answers `If-None-Match` on GET.
pub async fn etags(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<BoxBody>, actix_web::Error> {
    let response = next.call(req).await?.map_into_boxed_body();
    let is_json = response
        .headers()
        .get(header::CONTENT_TYPE)
        .is_some_and(|value| value.as_bytes().starts_with(b"application/json"));
    if !matches!(response.status(), StatusCode::OK | StatusCode::CREATED) || !is_json {
        return Ok(response);
    }
    let (request, response) = response.into_parts();
    let (mut head, body) = response.into_parts();
    let bytes = body::to_bytes(body)
        .await
        .map_err(actix_web::error::ErrorInternalServerError)?;
    let tag = of(&bytes);
    let value = header::HeaderValue::from_str(&tag).expect("hex is a header value");
    let not_modified = request.method() == Method::GET
        && request
            .headers()
            .get(header::IF_NONE_MATCH)
            .and_then(|value| value.to_str().ok())
            .is_some_and(|list| names(list, &tag));
    if not_modified {
        let mut response = HttpResponse::NotModified().finish();
        response.headers_mut().insert(header::ETAG, value);
        return Ok(ServiceResponse::new(request, response));
    }
    head.headers_mut().insert(header::ETAG, value);
    Ok(ServiceResponse::new(
        request,
        head.set_body(BoxBody::new(bytes)),
    ))
}

/// Refuses a write (412) whose `If-Match` does not name the current
/// representation's tag. Without `If-Match` the write goes ahead.
pub fn check_if_match(req: &HttpRequest, current: &impl Serialize) -> Result<(), ApiError> {
    let Some(value) = req.headers().get(header::IF_MATCH) else {
        return Ok(());
    };
    let list = value
        .to_str()
        .ok()
        .filter(|list| !list.trim().is_empty())
        .ok_or_else(|| {
            ApiError::invalid(
                "If-Match",
                "must be a list of entity tags, such as \"1b2c…\"",
            )
        })?;
    let tag = of_json(current)?;
    if names(list, &tag) {
        Ok(())
    } else {
        Err(ApiError::PreconditionFailed(format!(
            "The resource has changed since you read it: its ETag is now {tag}, not {list}. \
             Read it again and retry."
        )))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_name_tags() {
        assert!(names("\"a\", \"b\"", "\"b\""));
        assert!(names("W/\"b\"", "\"b\""));
        assert!(names("*", "\"b\""));
        assert!(!names("\"a\"", "\"b\""));
    }
}
