//! Problem responses: every 4xx and 5xx body is an RFC 9457
//! `application/problem+json` document of the one [`Problem`] schema; a 500
//! logs the whole cause chain and tells the client nothing internal.

use actix_web::body::{BoxBody, MessageBody};
use actix_web::dev::ServiceResponse;
use actix_web::http::{header, StatusCode};
use actix_web::middleware::ErrorHandlerResponse;
use actix_web::{HttpResponse, ResponseError};
use serde::Serialize;
use utoipa::ToSchema;

use crate::error::ApiError;
use crate::http::body::MAX_BODY_BYTES;

pub const PROBLEM_CONTENT_TYPE: &str = "application/problem+json";

/// An RFC 9457 problem document.
#[derive(Debug, Serialize, ToSchema)]
#[schema(example = json!({
    "type": "/problems/invalid-parameter",
    "title": "Invalid parameter",
    "status": 400,
    "detail": "at: '2018-02-30' is not a day of the calendar",
    "invalid_params": [{"name": "at", "reason": "'2018-02-30' is not a day of the calendar"}]
}))]
pub struct Problem {
    /// A URI reference naming the kind of problem; stable, for clients to
    /// branch on.
    #[serde(rename = "type")]
    pub problem_type: String,
    /// A short summary of the kind of problem.
    pub title: String,
    /// The HTTP status code.
    pub status: u16,
    /// What went wrong in this request, for a person to read.
    pub detail: String,
    /// The parameters that were not accepted, and why.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub invalid_params: Vec<InvalidParam>,
    /// Members of the problem's own type (RFC 9457, section 3.2), which
    /// the type's documented schema names.
    #[serde(flatten)]
    #[schema(ignore)]
    pub members: serde_json::Map<String, serde_json::Value>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct InvalidParam {
    /// The parameter's name, as in the request.
    pub name: String,
    /// Why it was not accepted.
    pub reason: String,
}

impl ResponseError for ApiError {
    fn status_code(&self) -> StatusCode {
        match self {
            ApiError::InvalidParameter { .. }
            | ApiError::InvalidField { .. }
            | ApiError::MalformedBody(_)
            | ApiError::OutOfRange => StatusCode::BAD_REQUEST,
            ApiError::BodyTooLarge(_) => StatusCode::PAYLOAD_TOO_LARGE,
            ApiError::UnsupportedMediaType(_) => StatusCode::UNSUPPORTED_MEDIA_TYPE,
            ApiError::NotAcceptable { .. } => StatusCode::NOT_ACCEPTABLE,
            ApiError::Unauthorized(_) => StatusCode::UNAUTHORIZED,
            ApiError::Forbidden(_) => StatusCode::FORBIDDEN,
            ApiError::TooManyRequests { .. } => StatusCode::TOO_MANY_REQUESTS,
            ApiError::Conflict { .. } => StatusCode::CONFLICT,
            ApiError::PreconditionFailed(_) => StatusCode::PRECONDITION_FAILED,
            ApiError::IdempotencyKeyReused(_) => StatusCode::UNPROCESSABLE_ENTITY,
            ApiError::NotFound(_)
            | ApiError::NotFoundSuggesting { .. }
            | ApiError::NoHolder { .. } => StatusCode::NOT_FOUND,
            ApiError::Unavailable(_) | ApiError::DatabaseDown | ApiError::TooSlow => {
                StatusCode::SERVICE_UNAVAILABLE
            }
            ApiError::Database(_) | ApiError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    fn error_response(&self) -> HttpResponse {
        let status = self.status_code();
        let detail = match self {
            ApiError::Database(_) | ApiError::Internal(_) => {
                tracing::error!(error = %error_chain(self), "request failed");
                "The server could not answer this request. It has been logged; please try again later.".to_owned()
            }
            ApiError::Unavailable(cause) => {
                tracing::warn!(error = %error_chain(cause), "database not reachable");
                self.to_string()
            }
            _ => self.to_string(),
        };
        let invalid_params = match self {
            ApiError::InvalidParameter { name, reason }
            | ApiError::InvalidField { name, reason } => vec![InvalidParam {
                name: name.clone(),
                reason: reason.clone(),
            }],
            _ => Vec::new(),
        };
        let members = match self {
            ApiError::NoHolder { members, .. } | ApiError::NotFoundSuggesting { members, .. } => {
                members.clone()
            }
            _ => serde_json::Map::new(),
        };
        let (problem_type, title) = kind(self);
        let mut response = problem_response(
            status,
            Problem {
                problem_type: format!("/problems/{problem_type}"),
                title: title.to_owned(),
                status: status.as_u16(),
                detail,
                invalid_params,
                members,
            },
        );
        let headers = response.headers_mut();
        match self {
            ApiError::Unavailable(_) | ApiError::DatabaseDown | ApiError::TooSlow => {
                headers.insert(header::RETRY_AFTER, header::HeaderValue::from_static("1"));
            }
            ApiError::TooManyRequests { retry_after } => {
                headers.insert(header::RETRY_AFTER, header::HeaderValue::from(*retry_after));
            }
            ApiError::Unauthorized(_) => {
                headers.insert(
                    header::WWW_AUTHENTICATE,
                    header::HeaderValue::from_static("Bearer realm=\"registry\""),
                );
            }
            ApiError::Forbidden(_) => {
                headers.insert(
                    header::WWW_AUTHENTICATE,
                    header::HeaderValue::from_static(
                        "Bearer realm=\"registry\", error=\"insufficient_scope\", scope=\"write\"",
                    ),
                );
            }
            _ => {}
        }
        response
    }
}

fn problem_response(status: StatusCode, problem: Problem) -> HttpResponse {
    let body = serde_json::to_vec(&problem).expect("a problem serialises");
    HttpResponse::build(status)
        .content_type(PROBLEM_CONTENT_TYPE)
        .body(body)
}

fn error_chain(error: &dyn std::error::Error) -> String {
    let mut text = error.to_string();
    let mut source = error.source();
    while let Some(cause) = source {
        text.push_str(": ");
        text.push_str(&cause.to_string());
        source = cause.source();
    }
    text
}

/// Turns a query string actix could not parse into a problem.
pub fn query_error(
    error: actix_web::error::QueryPayloadError,
    _req: &actix_web::HttpRequest,
) -> actix_web::Error {
    ApiError::from(error).into()
}

/// A query string serde could not read, as an invalid parameter. A
/// parameter given twice (`?at=…&at=…`), or a required one left out, is
/// named, as any other invalid parameter is.
impl From<actix_web::error::QueryPayloadError> for ApiError {
    fn from(error: actix_web::error::QueryPayloadError) -> Self {
        let actix_web::error::QueryPayloadError::Deserialize(cause) = &error else {
            return ApiError::invalid("query", error);
        };
        let cause = cause.to_string();
        if let Some(name) = named_parameter(&cause, "duplicate field `") {
            ApiError::invalid(name, "given more than once; give it once")
        } else if let Some(name) = named_parameter(&cause, "missing field `") {
            ApiError::invalid(name, "required; give it")
        } else {
            ApiError::invalid("query", cause)
        }
    }
}

/// The parameter serde names in `cause` after `what` ("duplicate field
/// `at`", "missing field `q`").
fn named_parameter<'a>(cause: &'a str, what: &str) -> Option<&'a str> {
    cause.strip_prefix(what)?.strip_suffix('`')
}

/// Gives every error response that is not a problem yet (actix's own 404s
/// and 405s, say) a problem body, keeping its status and headers (`Allow`).
pub fn problem_for_bare_errors<B: MessageBody + 'static>(
    res: ServiceResponse<B>,
) -> actix_web::Result<ErrorHandlerResponse<B>> {
    let is_problem = res
        .headers()
        .get(header::CONTENT_TYPE)
        .is_some_and(|value| {
            value
                .as_bytes()
                .starts_with(PROBLEM_CONTENT_TYPE.as_bytes())
        });
    if is_problem {
        return Ok(ErrorHandlerResponse::Response(res.map_into_left_body()));
    }
    let status = res.status();
    let (problem_type, detail) = match status {
        StatusCode::NOT_FOUND => (
            "/problems/not-found",
            format!("There is no resource at {}.", res.request().path()),
        ),
        StatusCode::PAYLOAD_TOO_LARGE => (
            "/problems/body-too-large",
            format!("The request body is larger than {} bytes.", MAX_BODY_BYTES),
        ),
        StatusCode::METHOD_NOT_ALLOWED => (
            "/problems/method-not-allowed",
            format!(
                "{} is not allowed on {}; see the Allow header.",
                res.request().method(),
                res.request().path()
            ),
        ),
        _ => (
            "about:blank",
            status.canonical_reason().unwrap_or("Error").to_owned(),
        ),
    };
    let problem = Problem {
        problem_type: problem_type.to_owned(),
        title: status.canonical_reason().unwrap_or("Error").to_owned(),
        status: status.as_u16(),
        detail,
        invalid_params: Vec::new(),
        members: serde_json::Map::new(),
    };
    let (req, original) = res.into_parts();
    let mut response: HttpResponse<BoxBody> = problem_response(status, problem);
    for (name, value) in original.headers() {
        if name != header::CONTENT_TYPE && name != header::CONTENT_LENGTH {
            response.headers_mut().insert(name.clone(), value.clone());
        }
    }
    Ok(ErrorHandlerResponse::Response(
        ServiceResponse::new(req, response).map_into_right_body(),
    ))
}

/// The problem type (after `/problems/`) and title of an error.
fn kind(error: &ApiError) -> (&'static str, &'static str) {
    match error {
        ApiError::InvalidParameter { .. } => ("invalid-parameter", "Invalid parameter"),
        ApiError::InvalidField { .. } | ApiError::MalformedBody(_) => {
            ("invalid-body", "Invalid request body")
        }
        ApiError::BodyTooLarge(_) => ("body-too-large", "Request body too large"),
        ApiError::UnsupportedMediaType(_) => ("unsupported-media-type", "Unsupported media type"),
        ApiError::NotAcceptable { .. } => ("not-acceptable", "Not acceptable"),
        ApiError::Unauthorized(_) => ("unauthorized", "Unauthorized"),
        ApiError::Forbidden(_) => ("forbidden", "Forbidden"),
        ApiError::TooManyRequests { .. } => ("too-many-requests", "Too many requests"),
        ApiError::Conflict { kind, .. } => (kind, "Conflict"),
        ApiError::PreconditionFailed(_) => ("precondition-failed", "Precondition failed"),
        ApiError::IdempotencyKeyReused(_) => ("idempotency-key-reused", "Idempotency key reused"),
        ApiError::OutOfRange => ("out-of-range", "Value out of range"),
        ApiError::NotFound(_) | ApiError::NotFoundSuggesting { .. } => ("not-found", "Not found"),
        ApiError::NoHolder { .. } => ("no-holder", "No holder on that date"),
        ApiError::Unavailable(_) | ApiError::DatabaseDown => ("unavailable", "Service unavailable"),
        ApiError::TooSlow => ("too-slow", "Too slow"),
        ApiError::Database(_) | ApiError::Internal(_) => ("internal", "Internal server error"),
    }
}
