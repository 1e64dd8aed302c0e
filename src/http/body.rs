//! Reading a write's JSON body: media type, size, and every field checked,
//! with errors that name the field (`name.sv`, `assignments[2]`).

use actix_web::http::header;
use actix_web::http::Method;
use actix_web::HttpRequest;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Deserializer};
use serde_json::Value;
use utoipa::openapi::schema::{Schema, SchemaType, Type};
use utoipa::openapi::RefOr;
use utoipa::{PartialSchema, ToSchema};

use crate::domain::{PartialDate, Period, Text};
use crate::error::ApiError;

/// The largest body a write accepts, in bytes.
pub const MAX_BODY_BYTES: usize = 64 * 1024;

/// Parses `body` as JSON into `T`. Unknown fields, wrong types and
/// malformed values are refused with the path of the field, and so is, in a
/// merge patch, a `null` for a member that cannot be removed.
pub fn parse<T: DeserializeOwned + PartialSchema>(
    req: &HttpRequest,
    body: &[u8],
) -> Result<T, ApiError> {
    let media_type = media_type(req);
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
    if req.method() == Method::PATCH {
        refuse_removing_what_must_stay::<T>(body)?;
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

/// The media type of a request's body, lower case, without parameters
/// (`application/json` of `application/json; charset=utf-8`).
pub fn media_type(req: &HttpRequest) -> Option<String> {
    req.headers()
        .get(header::CONTENT_TYPE)
        .and_then(|value| value.to_str().ok())
        .and_then(|value| value.split(';').next())
        .map(|value| value.trim().to_ascii_lowercase())
}

/// In a JSON merge patch `null` removes a member (RFC 7396). A member the
/// patch type documents as not nullable (`#[schema(nullable = false)]` on an
/// `Option<T>`: the kind of an agency, the source of a record) cannot be
/// removed, so a `null` for it is refused rather than taken as "leave it".
/// The document and this check read the same schema, so they agree.
fn refuse_removing_what_must_stay<T: PartialSchema>(body: &[u8]) -> Result<(), ApiError> {
    let Ok(members) = serde_json::from_slice::<serde_json::Map<String, Value>>(body) else {
        return Ok(()); // not an object: deserializing says what is wrong
    };
    let RefOr::T(Schema::Object(schema)) = T::schema() else {
        return Ok(());
    };
    let removed = members.iter().filter(|(_, value)| value.is_null());
    for (name, _) in removed {
        if schema
            .properties
            .get(name)
            .is_some_and(|member| !admits_null(member))
        {
            return Err(ApiError::invalid_field(
                name,
                "cannot be removed (null); leave it out to keep it as it is",
            ));
        }
    }
    Ok(())
}

/// Whether a member's schema allows `null`: a nullable type, or a `oneOf`
/// with `null` among its items.
fn admits_null(member: &RefOr<Schema>) -> bool {
    let is_null_type = |schema_type: &SchemaType| match schema_type {
        SchemaType::Type(kind) => *kind == Type::Null,
        SchemaType::Array(kinds) => kinds.contains(&Type::Null),
        SchemaType::AnyValue => true,
    };
    match member {
        RefOr::Ref(_) => false,
        RefOr::T(Schema::Object(object)) => is_null_type(&object.schema_type),
        RefOr::T(Schema::OneOf(one_of)) => one_of.items.iter().any(admits_null),
        RefOr::T(_) => true,
    }
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
