//! Text in the query string is UTF-8. A parameter percent-encoded in another
//! character set (`?q=Sk%E5ne`, Latin-1, where UTF-8 is `Sk%C3%A5ne`) would
//! otherwise be read with a replacement character and match nothing, with
//! no word of why; it is refused, and the problem names the parameter.

use std::borrow::Cow;

use actix_web::body::{BoxBody, MessageBody};
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::middleware::Next;
use percent_encoding::percent_decode_str;

use crate::error::ApiError;

/// Middleware: refuses (400) a request under `/v1/` whose query string has
/// a name or a value that is not UTF-8 once percent-decoded.
pub async fn utf8_query_only(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<BoxBody>, actix_web::Error> {
    if req.path().starts_with("/v1/") {
        if let Some(error) = not_utf8(req.query_string()) {
            return Ok(req.error_response(error));
        }
    }
    Ok(next.call(req).await?.map_into_boxed_body())
}

/// The problem with the first parameter of `query` that is not UTF-8.
fn not_utf8(query: &str) -> Option<ApiError> {
    fn decoded(text: &str) -> Option<Cow<'_, str>> {
        percent_decode_str(text).decode_utf8().ok()
    }
    query.split('&').find_map(|pair| {
        let (name, value) = pair.split_once('=').unwrap_or((pair, ""));
        match (decoded(name), decoded(value)) {
            (Some(_), Some(_)) => None,
            (None, _) => Some(ApiError::invalid(
                "query",
                format!("the parameter name '{name}' is not UTF-8 once percent-decoded"),
            )),
            (Some(decoded_name), None) => Some(ApiError::invalid(
                if decoded_name.is_empty() { "query" } else { &decoded_name },
                format!(
                    "'{value}' is not UTF-8 once percent-decoded; encode text as UTF-8 (å is %C3%A5)"
                ),
            )),
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn refused(query: &str) -> Option<String> {
        not_utf8(query).map(|error| error.to_string())
    }

    #[test]
    fn utf8_passes_and_other_encodings_are_named() {
        assert_eq!(refused(""), None);
        assert_eq!(refused("q=Sk%C3%A5ne&at=2018-01-01"), None);
        assert_eq!(refused("q=Skåne+län&limit"), None);
        // A lone `%` is not an escape: it stays as written, and is UTF-8.
        assert_eq!(refused("q=100%&x=%zz"), None);
        let latin1 = refused("at=2018-01-01&q=Sk%E5ne").unwrap();
        assert!(latin1.starts_with("q: 'Sk%E5ne' is not UTF-8"), "{latin1}");
        let nameless = refused("=%E5").unwrap();
        assert!(nameless.starts_with("query: '%E5'"), "{nameless}");
        let name = refused("%FF=1").unwrap();
        assert!(
            name.starts_with("query: the parameter name '%FF'"),
            "{name}"
        );
    }
}
