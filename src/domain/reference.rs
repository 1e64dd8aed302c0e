//! How a client names a resource in a path: by its UUID or by its slug.

use uuid::Uuid;

use super::schema::{self, string_schema};

/// The pattern a reference matches, as documented in the OpenAPI spec.
pub const REFERENCE_PATTERN: &str = r"^([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}|[a-z0-9]+(-[a-z0-9]+)*)$";

/// The pattern of a slug.
pub const SLUG_PATTERN: &str = r"^[a-z0-9]+(-[a-z0-9]+)*$";

/// A resource's UUID or its slug (lowercase ASCII words joined by hyphens).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reference {
    Id(Uuid),
    Slug(String),
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("'{0}' is neither a UUID nor a slug (lowercase letters a-z, digits and single hyphens, at most 100 characters)")]
pub struct ReferenceError(pub String);

impl Reference {
    pub fn parse(input: &str) -> Result<Self, ReferenceError> {
        if input.len() == 36 {
            if let Ok(id) = Uuid::try_parse(input) {
                return Ok(Reference::Id(id));
            }
        }
        if is_slug(input) {
            Ok(Reference::Slug(input.to_owned()))
        } else {
            Err(ReferenceError(input.to_owned()))
        }
    }
}

/// Bound as the text the client gave (a UUID or a slug); SQL finds the row
/// with `agency_named($1)` and its kin (`reference as _` in a query).
impl sqlx::Type<sqlx::Postgres> for Reference {
    fn type_info() -> sqlx::postgres::PgTypeInfo {
        <&str as sqlx::Type<sqlx::Postgres>>::type_info()
    }
}

impl sqlx::Encode<'_, sqlx::Postgres> for Reference {
    fn encode_by_ref(
        &self,
        buf: &mut sqlx::postgres::PgArgumentBuffer,
    ) -> Result<sqlx::encode::IsNull, sqlx::error::BoxDynError> {
        <String as sqlx::Encode<sqlx::Postgres>>::encode(self.to_string(), buf)
    }
}

string_schema!(
    Reference,
    schema::string(
        "A resource's UUID or its slug.",
        Some(REFERENCE_PATTERN),
        Some((1, 100)),
        "jamstalldhetsmyndigheten"
    )
);

string_schema!(
    Slug,
    schema::string(
        "A new resource's slug: lowercase letters a-z and digits, in words joined by single hyphens.",
        Some(SLUG_PATTERN),
        Some((1, 100)),
        "myndigheten-for-delaktighet"
    )
);

impl std::fmt::Display for Reference {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Reference::Id(id) => write!(f, "{id}"),
            Reference::Slug(slug) => f.write_str(slug),
        }
    }
}

/// A new resource's slug: a slug that is not also a UUID (a UUID names a
/// resource by its id).
#[derive(Debug, Clone, PartialEq, Eq, serde::Deserialize)]
#[serde(try_from = "String")]
pub struct Slug(String);

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("'{0}' is not a slug (lowercase letters a-z, digits and single hyphens, at most 100 characters)")]
pub struct SlugError(pub String);

impl Slug {
    pub fn parse(input: &str) -> Result<Self, SlugError> {
        match Reference::parse(input) {
            Ok(Reference::Slug(slug)) => Ok(Slug(slug)),
            _ => Err(SlugError(input.to_owned())),
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for Slug {
    type Error = SlugError;

    fn try_from(value: String) -> Result<Self, SlugError> {
        Slug::parse(&value)
    }
}

/// Lowercase ASCII letters and digits in words joined by single hyphens, at
/// most 100 characters: the same rule as the schema's `slug_is_valid`.
fn is_slug(input: &str) -> bool {
    !input.is_empty()
        && input.len() <= 100
        && input.split('-').all(|word| {
            !word.is_empty()
                && word
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        })
}

impl<'de> serde::Deserialize<'de> for Reference {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        Reference::parse(&text).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_hyphenated_uuid_is_an_id() {
        let id = "6ba7b810-9dad-11d1-80b4-00c04fd430c8";
        assert_eq!(
            Reference::parse(id),
            Ok(Reference::Id(Uuid::parse_str(id).unwrap()))
        );
        assert_eq!(
            Reference::parse(&id.to_uppercase()),
            Ok(Reference::Id(Uuid::parse_str(id).unwrap()))
        );
    }

    #[test]
    fn a_slug_is_a_slug() {
        assert_eq!(
            Reference::parse("lansstyrelsen-stockholm"),
            Ok(Reference::Slug("lansstyrelsen-stockholm".into()))
        );
        assert_eq!(Reference::parse("nmt"), Ok(Reference::Slug("nmt".into())));
    }

    #[test]
    fn a_new_slug_is_not_a_uuid() {
        assert_eq!(Slug::parse("nmt").unwrap().as_str(), "nmt");
        let id = "6ba7b810-9dad-11d1-80b4-00c04fd430c8";
        assert_eq!(Slug::parse(id), Err(SlugError(id.into())));
        assert_eq!(
            Slug::parse("Not A Slug"),
            Err(SlugError("Not A Slug".into()))
        );
    }

    #[test]
    fn anything_else_is_rejected() {
        let too_long = "a".repeat(101);
        for input in [
            "",
            "-nmt",
            "nmt-",
            "n--mt",
            "NMT",
            "jämy",
            "a b",
            "a/b",
            "a_b",
            too_long.as_str(),
        ] {
            assert!(Reference::parse(input).is_err(), "{input:?}");
        }
    }
}
