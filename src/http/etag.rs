//! Entity tags, derived from what was asked and when, never from a body.
//!
//! A read's tag is `"{version}.{day}.{fingerprint}"`: the data version it
//! was answered at ([`crate::data_version`]), the day it took as today
//! (an answer without `at` is today's), and a fingerprint of the request as
//! the cache knows it ([`Asked`]: representation, address, path, parameters,
//! and the release and schema that render it). An answer as known at a
//! moment that has settled is `"s.{day}.{fingerprint}"`: it never changes.
//! So a 304 needs neither the body nor the database: the tag either names
//! the version and day of now, or it does not.
//!
//! A write's `If-Match` keeps its meaning: it is refused (412) when the
//! resource has changed since the tag was given, not when something else
//! did. A tag of the current version and day names the current
//! representation; an older one is compared by rendering the resource as it
//! was known at that version (see [`crate::writes::transaction`]).

use std::sync::{Arc, OnceLock};
use std::time::Duration;

use actix_web::http::{header, Method};
use actix_web::web;
use actix_web::HttpRequest;
use chrono::{DateTime, NaiveDate, Utc};
use sha2::{Digest, Sha256};

use super::base::base_url;
use super::negotiation::{self, Format};
use crate::error::ApiError;

/// How long after a moment an answer as known then may still change: a
/// write's changes are dated when its transaction began, so one that began
/// before the moment and commits after it changes what was known then.
/// Writes take milliseconds and an import a minute; an hour is ample.
pub const SETTLES_AFTER: Duration = Duration::from_secs(3600);

/// A read as the cache and the entity tags know it: the representation,
/// the path, and the query's parameters in a canonical order (by name,
/// decoded), so that `?b=2&a=1` and `?a=1&b=%32` are one request; and the
/// base the answer names things under ([`base_url`]), so that neither the
/// cache nor a tag gives one address's answer to a request made at another
/// (a forged `X-Forwarded-Host` among them).
#[derive(Debug, Clone)]
pub struct Asked {
    key: Arc<str>,
    settled: bool,
}

impl Asked {
    /// A read of registry data (`GET /v1/…`) with a well-formed query, or
    /// none (its handler will say what is wrong).
    pub fn of(req: &HttpRequest) -> Option<Asked> {
        if req.method() != Method::GET || !req.path().starts_with("/v1/") {
            return None;
        }
        let mut parameters = web::Query::<Vec<(String, String)>>::from_query(req.query_string())
            .ok()?
            .into_inner();
        parameters.sort_by(|a, b| a.0.cmp(&b.0));
        let settled = parameters
            .iter()
            .find(|(name, _)| name == "known_at")
            .is_some_and(|(_, moment)| has_settled(moment));
        let representation = negotiation::chosen(req);
        Some(Asked::new(
            representation,
            req,
            req.path(),
            &parameters,
            settled,
        ))
    }

    /// The plain read of the resource at `path`, as a write's `If-Match`
    /// names it and a write's answer is tagged (at the address `req` names).
    pub fn resource(req: &HttpRequest, path: &str) -> Asked {
        Asked::new(Format::Json, req, path, &[], false)
    }

    fn new(
        representation: Format,
        req: &HttpRequest,
        path: &str,
        parameters: &[(String, String)],
        settled: bool,
    ) -> Asked {
        let read = (representation.media_type(), base_url(req), path, parameters);
        let key = serde_json::to_string(&read)
            .expect("strings serialise")
            .into();
        Asked { key, settled }
    }

    pub fn key(&self) -> &str {
        &self.key
    }

    pub fn shared_key(&self) -> Arc<str> {
        self.key.clone()
    }

    /// Whether it asks for the registry as known at a settled moment.
    pub fn settled(&self) -> bool {
        self.settled
    }
}

/// Whether `known_at` names a moment whose answers can no longer change.
pub fn has_settled(known_at: &str) -> bool {
    DateTime::parse_from_rfc3339(known_at).is_ok_and(|moment| {
        let age = Utc::now().signed_duration_since(moment.with_timezone(&Utc));
        age.to_std().is_ok_and(|age| age >= SETTLES_AFTER)
    })
}

/// When an answer holds: from a data version on, or for ever.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Moment {
    Version(i64),
    Settled,
}

/// The tag of the answer to `asked` at `moment`, `day` taken as today.
pub fn derived(moment: Moment, day: NaiveDate, asked: &Asked) -> String {
    let day = day.format("%Y%m%d");
    let fingerprint = fingerprint(asked);
    match moment {
        Moment::Version(version) => format!("\"{version}.{day}.{fingerprint}\""),
        Moment::Settled => format!("\"s.{day}.{fingerprint}\""),
    }
}

/// 64 bits of SHA-256 over the release, the schema and the request: enough
/// to tell two requests' answers apart.
fn fingerprint(asked: &Asked) -> String {
    let mut hash = Sha256::new();
    hash.update(build());
    hash.update(asked.key().as_bytes());
    hex::encode(&hash.finalize()[..8])
}

/// The release and the last migration: a new one may render the same data
/// otherwise, so its tags differ.
fn build() -> &'static str {
    static BUILD: OnceLock<String> = OnceLock::new();
    BUILD.get_or_init(|| {
        let schema = crate::db::MIGRATOR
            .iter()
            .map(|migration| migration.version)
            .max()
            .unwrap_or_default();
        format!("{}+{schema}\n", env!("CARGO_PKG_VERSION"))
    })
}

/// A tag of `If-Match` or `If-None-Match`, as this API gives them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Tag {
    /// `*`: any current representation.
    Any,
    /// A read's tag: the version and day it was answered at, and the
    /// request's fingerprint.
    Read {
        version: i64,
        day: NaiveDate,
        fingerprint: String,
    },
    /// Anything else: a settled answer's tag, or a tag this API never gave.
    Other,
}

impl Tag {
    fn parse(text: &str) -> Tag {
        let text = text.trim();
        if text == "*" {
            return Tag::Any;
        }
        let opaque = text.strip_prefix("W/").unwrap_or(text);
        let Some(inner) = opaque
            .strip_prefix('"')
            .and_then(|rest| rest.strip_suffix('"'))
        else {
            return Tag::Other;
        };
        let mut parts = inner.split('.');
        let (Some(version), Some(day), Some(fingerprint), None) =
            (parts.next(), parts.next(), parts.next(), parts.next())
        else {
            return Tag::Other;
        };
        match (
            version.parse::<i64>(),
            NaiveDate::parse_from_str(day, "%Y%m%d"),
        ) {
            (Ok(version), Ok(day)) if fingerprint.len() == 16 => Tag::Read {
                version,
                day,
                fingerprint: fingerprint.to_owned(),
            },
            _ => Tag::Other,
        }
    }

    /// Whether this tag was given for `asked` (any version, any day).
    pub fn is_for(&self, asked: &Asked) -> bool {
        match self {
            Tag::Read { fingerprint: f, .. } => *f == fingerprint(asked),
            Tag::Any | Tag::Other => false,
        }
    }
}

/// Whether a list of entity tags (`If-None-Match`) names `tag`. `*` names
/// any. Weak tags compare by their opaque part (RFC 9110 §8.8.3.2).
pub fn names(list: &str, tag: &str) -> bool {
    list.split(',').map(str::trim).any(|candidate| {
        candidate == "*" || candidate.strip_prefix("W/").unwrap_or(candidate) == tag
    })
}

/// The tags of a write's `If-Match`, or none when it has none (the write
/// then goes ahead unconditionally).
pub fn if_match(req: &HttpRequest) -> Result<Option<Vec<Tag>>, ApiError> {
    let Some(value) = req.headers().get(header::IF_MATCH) else {
        return Ok(None);
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
    Ok(Some(list.split(',').map(Tag::parse).collect()))
}

/// The refusal of a write whose `If-Match` names no current representation.
pub fn stale(list: &str, now: &str) -> ApiError {
    ApiError::PreconditionFailed(format!(
        "The resource has changed since you read it: its ETag is now {now}, not {list}. \
         Read it again and retry."
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at_host(host: &str) -> HttpRequest {
        actix_web::test::TestRequest::default()
            .insert_header((header::HOST, host))
            .to_http_request()
    }

    #[test]
    fn lists_name_tags() {
        assert!(names("\"a\", \"b\"", "\"b\""));
        assert!(names("W/\"b\"", "\"b\""));
        assert!(names("*", "\"b\""));
        assert!(!names("\"a\"", "\"b\""));
    }

    #[test]
    fn a_read_tag_says_its_version_day_and_request() {
        let day = NaiveDate::from_ymd_opt(2018, 1, 1).unwrap();
        let asked = Asked::resource(&at_host("registry.example.se"), "/v1/agencies/x");
        let tag = derived(Moment::Version(42), day, &asked);
        let Tag::Read {
            version,
            day: tagged_day,
            ..
        } = Tag::parse(&tag)
        else {
            panic!("{tag} is a read's tag");
        };
        assert_eq!((version, tagged_day), (42, day));
        assert!(Tag::parse(&tag).is_for(&asked));
        assert!(Tag::parse(&format!("W/{tag}")).is_for(&asked));
        let req = at_host("registry.example.se");
        assert!(!Tag::parse(&tag).is_for(&Asked::resource(&req, "/v1/agencies/y")));
        let elsewhere = Asked::resource(&at_host("evil.example"), "/v1/agencies/x");
        assert!(!Tag::parse(&tag).is_for(&elsewhere), "another address");
        assert_ne!(tag, derived(Moment::Version(43), day, &asked));
        assert_ne!(tag, derived(Moment::Settled, day, &asked));
        assert_eq!(Tag::parse(" * "), Tag::Any);
        assert_eq!(
            Tag::parse(&derived(Moment::Settled, day, &asked)),
            Tag::Other
        );
        assert_eq!(Tag::parse("\"1b2c\""), Tag::Other);
        assert_eq!(Tag::parse("\"x.20180101.0123456789abcdef\""), Tag::Other);
    }
}
