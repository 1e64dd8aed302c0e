//! What each request leaves in the log: its span carries the request id
//! (every line logged while answering it does too), and when it is answered
//! one line says how, at the level of whoever has to act. A client's mistake
//! (4xx) is INFO; a refused token or a client held back (401, 403, 429) is
//! WARN, as it may be an attack; the database out of reach (503) is WARN; a
//! failure of ours (other 5xx) is ERROR, with the cause chain logged where
//! it happened. Neither secrets nor bodies are
//! logged: handlers skip them, and the token's `Debug` hides its secret.

use actix_web::body::MessageBody;
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::Error;
use tracing::Span;
use tracing_actix_web::{DefaultRootSpanBuilder, RootSpanBuilder};

pub struct RequestLog;

impl RootSpanBuilder for RequestLog {
    fn on_request_start(request: &ServiceRequest) -> Span {
        tracing_actix_web::root_span!(request)
    }

    fn on_request_end<B: MessageBody>(span: Span, outcome: &Result<ServiceResponse<B>, Error>) {
        let status = match outcome {
            Ok(response) => response.status(),
            Err(error) => error.as_response_error().status_code(),
        };
        DefaultRootSpanBuilder::on_request_end(span.clone(), outcome);
        let _inside = span.enter();
        let code = status.as_u16();
        match code {
            401 | 403 | 429 => tracing::warn!(status = code, "refused"),
            503 => tracing::warn!(status = code, "unavailable"),
            400..=499 => tracing::info!(status = code, "refused"),
            500..=599 => tracing::error!(status = code, "failed"),
            _ => tracing::debug!(status = code, "answered"),
        }
    }
}
