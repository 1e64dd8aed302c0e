//! Reading a write's JSON body: media type, size, and every field checked,
//! with errors that name the field (`name.sv`, `assignments[2]`).

use actix_web::http::header;
use actix_web::HttpRequest;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Deserializer};
use utoipa::ToSchema;

use crate::domain::{PartialDate, Period, Text};
use crate::error::ApiError;

/// The largest body a write accepts, in bytes.
pub const MAX_BODY_BYTES: usize = 64 * 1024;

/// Parses `body` as JSON into `T`. Unknown fields, wrong types and
/// malformed values are refused with the path of the field.
pub fn parse<T: DeserializeOwned>(req: &HttpRequest, body: &[u8]) -> Result<T, ApiError> {
    let media_type = req
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|value| value.to_str().ok())
        .map(|value| {
            value
                .split(';')
                .next()
                .unwrap_or("")
                .trim()
                .to_ascii_lowercase()
        });
    match media_type.as_deref() {
        Some("application/json") | Some("application/merge-patch+json") => {}
        other => {
            return Err(ApiError::UnsupportedMediaType(format!(
                "The body must be JSON (Content-Type: application/json), not {}.",
                other.unwrap_or("untyped")
            )))
        }
    }
    if body.len() > MAX_BODY_BYTES {
        return Err(ApiError::BodyTooLarge(MAX_BODY_BYTES));
    }
    // serde would also read a struct from an array of its fields; refuse that.
    let first = body.iter().find(|b| !b.is_ascii_whitespace());
    if first.is_some_and(|b| *b != b'{')
        && serde_json::from_slice::<serde_json::Value>(body).is_ok()
    {
        return Err(ApiError::invalid_field("body", "must be a JSON object"));
    }
    let mut deserializer = serde_json::Deserializer::from_slice(body);
    let value = serde_path_to_error::deserialize(&mut deserializer).map_err(|error| {
        let path = error.path().to_string();
        let inner = error.into_inner();
        if inner.is_syntax() || inner.is_eof() {
            ApiError::MalformedBody(format!("The body is not valid JSON: {inner}."))
        } else {
            // A missing or repeated field is reported at its parent's path;
            // name the field.
            let message = inner.to_string();
            let field = ["missing field `", "duplicate field `"]
                .iter()
                .find_map(|prefix| message.strip_prefix(prefix))
                .and_then(|rest| rest.split_once('`'))
                .map(|(field, _)| field.to_owned());
            let name = match (path.as_str(), field) {
                (".", Some(field)) => field,
                (parent, Some(field)) => format!("{parent}.{field}"),
                (".", None) => "body".to_owned(),
                (parent, None) => parent.to_owned(),
            };
            ApiError::invalid_field(&name, message)
        }
    })?;
    deserializer.end().map_err(|error| {
        ApiError::MalformedBody(format!("The body is not valid JSON: {error}."))
    })?;
    Ok(value)
}

/// Text in Swedish and optionally English, as a write gives it; each
/// form trimmed, not blank, at most 500 characters.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct TextInput {
    pub sv: Text,
    pub en: Option<Text>,
}

impl TextInput {
    /// The Swedish and the English form, for the two columns that store them.
    pub fn columns(&self) -> (&str, Option<&str>) {
        (&self.sv, self.en.as_deref())
    }

    pub fn into_columns(self) -> (String, Option<String>) {
        (self.sv.into_string(), self.en.map(Text::into_string))
    }
}

/// A field that may be absent (leave as is), null (clear) or a value:
/// `#[serde(default, deserialize_with = "nullable")]` on `Option<Option<T>>`.
pub fn nullable<'de, D, T>(deserializer: D) -> Result<Option<Option<T>>, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de>,
{
    Option::<T>::deserialize(deserializer).map(Some)
}

/// A period's bounds; refuses an end that is not after the start, naming
/// the field of the end.
pub fn check_period(
    from: Option<&PartialDate>,
    to: Option<&PartialDate>,
    to_field: &str,
) -> Result<(), ApiError> {
    Period::new(from.copied(), to.copied())
        .check()
        .map_err(|error| ApiError::invalid_field(to_field, error))
}
