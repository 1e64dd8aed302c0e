//! How the domain's text types read in the OpenAPI document: a string with
//! the pattern, length or values the type's parser accepts, so that
//! generated clients and fuzzers know them.

use utoipa::openapi::schema::{ObjectBuilder, Schema, Type};
use utoipa::openapi::RefOr;

/// A string schema: `pattern` and `length` (at least, at most) where given.
pub fn string(
    description: &str,
    pattern: Option<&str>,
    length: Option<(usize, usize)>,
    example: &str,
) -> RefOr<Schema> {
    ObjectBuilder::new()
        .schema_type(Type::String)
        .description(Some(description))
        .pattern(pattern)
        .min_length(length.map(|(min, _)| min))
        .max_length(length.map(|(_, max)| max))
        .examples([serde_json::json!(example)])
        .into()
}

/// Implements `ToSchema` for a domain type with the schema `$schema`.
macro_rules! string_schema {
    ($type:ty, $schema:expr) => {
        impl utoipa::PartialSchema for $type {
            fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
                $schema
            }
        }

        impl utoipa::ToSchema for $type {}
    };
}

pub(crate) use string_schema;
