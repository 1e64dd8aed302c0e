//! Query and path parameters shared by several endpoints, and their
//! translation into domain values: after this, no handler touches raw text.

use std::future::{ready, Future, Ready};
use std::pin::Pin;

use actix_web::dev::Payload;
use actix_web::{web, FromRequest, HttpMessage, HttpRequest};
use chrono::NaiveDate;
use serde::Deserialize;
use sqlx::PgPool;
use utoipa::IntoParams;
use uuid::Uuid;

use crate::db::{Plans, ReadPool, Reader};
use crate::domain::{parse_date, today_in_stockholm, Cursor, Limit, Reference, Window};
use crate::error::ApiError;

/// `?at=`: the date to answer for.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct AtQuery {
    /// The date to answer for, `YYYY-MM-DD`. Default: today in Europe/Stockholm.
    #[param(value_type = Option<NaiveDate>, example = "2018-01-01")]
    pub at: Option<String>,
}

impl AtQuery {
    pub fn date(&self) -> Result<NaiveDate, ApiError> {
        at_date(self.at.as_deref())
    }
}

/// Parses an optional `at` date, defaulting to today in Europe/Stockholm.
pub fn at_date(at: Option<&str>) -> Result<NaiveDate, ApiError> {
    Ok(optional_date("at", at)?.unwrap_or_else(today_in_stockholm))
}

/// Parses an optional parameter named `name` with `parse`: a 400 naming
/// it when it does not parse.
pub fn optional<T, E: ToString>(
    name: &str,
    value: Option<&str>,
    parse: impl FnOnce(&str) -> Result<T, E>,
) -> Result<Option<T>, ApiError> {
    value
        .map(parse)
        .transpose()
        .map_err(|error| ApiError::invalid(name, error))
}

/// Parses an optional date parameter named `name`.
pub fn optional_date(name: &str, value: Option<&str>) -> Result<Option<NaiveDate>, ApiError> {
    optional(name, value, parse_date)
}

/// `?limit=&cursor=`: a page of a list.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PageQuery {
    /// Items per page, 1 to 100. Default 20.
    #[param(value_type = Option<u16>, minimum = 1, maximum = 100, example = 5)]
    limit: Option<String>,
    /// Where the page starts: `next_cursor` from the previous page, unchanged.
    cursor: Option<String>,
}

/// `limit` and `cursor`, parsed (documented by [`PageQuery`]).
#[derive(Debug)]
pub struct Paging {
    pub limit: Limit,
    pub cursor: Option<Cursor>,
}

impl FromRequest for Paging {
    type Error = ApiError;
    type Future = Ready<Result<Self, ApiError>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let parsed = web::Query::<PageQuery>::from_query(req.query_string())
            .map_err(ApiError::from)
            .and_then(|query| Paging::parse(query.limit.as_deref(), query.cursor.as_deref()));
        ready(parsed)
    }
}

impl Paging {
    fn parse(limit: Option<&str>, cursor: Option<&str>) -> Result<Self, ApiError> {
        Ok(Paging {
            limit: Limit::parse(limit).map_err(|error| ApiError::invalid("limit", error))?,
            cursor: optional("cursor", cursor, Cursor::parse)?,
        })
    }

    /// Which rows make the page, of a list or of a search (`searching`).
    pub fn window(&self, searching: bool) -> Window {
        Window::of(self.limit, self.cursor.as_ref(), searching)
    }

    /// Cuts the rows read in `window` to a page and gives the cursor of the
    /// next page, if any: by `key` for a list, by the count of matches
    /// before it for a search.
    pub fn page_in<T>(
        &self,
        rows: Vec<T>,
        window: &Window,
        key: impl Fn(&T) -> String,
    ) -> (Vec<T>, Option<String>) {
        if !window.ranked {
            return self.page(rows, key);
        }
        let (ranked, next) = self.page(rows.into_iter().enumerate().collect(), |(rank, _)| {
            (window.offset + i64::try_from(*rank).unwrap_or(0) + 1).to_string()
        });
        (ranked.into_iter().map(|(_, row)| row).collect(), next)
    }

    /// Cuts `rows` to a page and gives the cursor of the next page, if any.
    fn page<T>(&self, mut rows: Vec<T>, key: impl Fn(&T) -> String) -> (Vec<T>, Option<String>) {
        let limit = usize::try_from(self.limit.get()).expect("limit is small");
        if rows.len() > limit {
            rows.truncate(limit);
            let next = rows.last().map(|last| Cursor::after(&key(last)).encode());
            (rows, next)
        } else {
            (rows, None)
        }
    }
}

/// Parses the `{id}` path segment: a UUID or a slug.
pub fn reference(id: &str) -> Result<Reference, ApiError> {
    Reference::parse(id).map_err(|error| ApiError::invalid("id", error))
}

/// Parses a record's `{id}`. These records have UUIDs only, so a slug names
/// nothing (404); text that is neither is a bad parameter (400).
pub fn record_id(text: &str) -> Result<Uuid, ApiError> {
    match reference(text)? {
        Reference::Id(id) => Ok(id),
        Reference::Slug(slug) => Err(ApiError::NotFound(format!(
            "There is no record '{slug}': records are named by UUID."
        ))),
    }
}

/// The path's `{name}`, a UUID that names a part of a resource (an
/// assignment's `{participant}`, `{version}`); `given` says where a client
/// finds it. Other text is a bad parameter (400).
pub fn path_uuid(req: &HttpRequest, name: &str, given: &str) -> Result<Uuid, ApiError> {
    let text = req.match_info().get(name).unwrap_or_default();
    Uuid::parse_str(text).map_err(|_| ApiError::invalid(name, format!("a UUID, as {given}")))
}

/// Trims a free-text search; empty means no search.
pub fn search_text(q: Option<&str>) -> Result<Option<String>, ApiError> {
    match q.map(str::trim) {
        None | Some("") => Ok(None),
        Some(text) if text.chars().count() > 200 => {
            Err(ApiError::invalid("q", "at most 200 characters"))
        }
        Some(text) if text.contains('\0') => {
            Err(ApiError::invalid("q", "must not contain NUL characters"))
        }
        Some(text) => Ok(Some(text.to_owned())),
    }
}

#[derive(Deserialize)]
struct KnownAtQuery {
    known_at: Option<String>,
}

/// Parses a `known_at` timestamp. A `+` written unencoded in a query
/// string arrives as a space (`…T12:00:00 01:00`); as no timestamp has a
/// space there, it is read as the `+` it was.
fn known_at(text: Option<&str>) -> Result<Option<chrono::DateTime<chrono::Utc>>, ApiError> {
    text.map(|text| {
        chrono::DateTime::parse_from_rfc3339(&offset_sign_restored(text))
            .map(|moment| moment.with_timezone(&chrono::Utc))
            .map_err(|error| {
                let hint = if parse_date(text).is_ok() {
                    format!("a time and offset are needed too, as in {text}T00:00:00Z")
                } else {
                    error.to_string()
                };
                ApiError::invalid(
                    "known_at",
                    format!("'{text}' is not an RFC 3339 timestamp ({hint})"),
                )
            })
    })
    .transpose()
}

/// `text` with a space before a closing `hh:mm` offset put back as `+`.
fn offset_sign_restored(text: &str) -> std::borrow::Cow<'_, str> {
    let offset_at = text.len().saturating_sub(6);
    match (text.get(..offset_at), text.get(offset_at..)) {
        (Some(moment), Some(offset))
            if offset.starts_with(' ')
                && offset[1..].bytes().all(|b| b.is_ascii_digit() || b == b':') =>
        {
            format!("{moment}+{}", &offset[1..]).into()
        }
        _ => text.into(),
    }
}

/// Every read of registry data reads through a [`Reader`]: the present, or,
/// with `?known_at=` (RFC 3339), the registry as it was known at that moment.
/// Put it last among a handler's arguments, so that malformed parameters are
/// refused before a connection is taken.
impl FromRequest for Reader {
    type Error = ApiError;
    type Future = Pin<Box<dyn Future<Output = Result<Self, ApiError>>>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        open_reader(req, Plans::PerCall)
    }
}

/// A [`Reader`] whose statements are planned once for any arguments
/// ([`Plans::Once`]): for the lists, whose filters and pages vary with
/// every request while their statements stay the same.
pub struct ListReader(pub Reader);

impl FromRequest for ListReader {
    type Error = ApiError;
    type Future = Pin<Box<dyn Future<Output = Result<Self, ApiError>>>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let reader = open_reader(req, Plans::Once);
        Box::pin(async move { Ok(ListReader(reader.await?)) })
    }
}

fn open_reader(
    req: &HttpRequest,
    plans: Plans,
) -> Pin<Box<dyn Future<Output = Result<Reader, ApiError>>>> {
    let asked = web::Query::<KnownAtQuery>::from_query(req.query_string())
        .map_err(ApiError::from)
        .and_then(|query| known_at(query.known_at.as_deref()))
        .and_then(|moment| Ok((moment, read_pool(req)?)));
    Box::pin(async move {
        let (moment, pool) = asked?;
        Ok(Reader::open(&pool, moment, plans).await?)
    })
}

/// A read that must be answered by the primary, whatever a replica has
/// replayed: the response cache marks it so (see
/// [`super::cache::MIN_DATA_VERSION`]).
#[derive(Debug, Clone, Copy)]
pub struct FromPrimary;

/// The pool a read of registry data goes to: the read pool, unless the
/// request is marked [`FromPrimary`].
pub fn read_pool(req: &HttpRequest) -> Result<PgPool, ApiError> {
    let reads = req.app_data::<web::Data<ReadPool>>();
    match reads {
        Some(reads) if !req.extensions().contains::<FromPrimary>() => Ok(reads.pool.clone()),
        _ => Ok(pool(req)?.get_ref().clone()),
    }
}

/// The pool on the primary, which the application was started with.
pub fn pool(req: &HttpRequest) -> Result<web::Data<PgPool>, ApiError> {
    req.app_data::<web::Data<PgPool>>()
        .cloned()
        .ok_or_else(|| anyhow::anyhow!("no database pool configured").into())
}

/// `{id}` of a path: a resource's UUID or slug.
#[derive(Debug)]
pub struct Id(pub Reference);

/// `{id}` of a record's path: its UUID (see [`record_id`]).
#[derive(Debug, Clone, Copy)]
pub struct RecordId(pub Uuid);

/// Parses the path's `{id}` with `parse`.
fn path_id<T>(
    req: &HttpRequest,
    parse: impl FnOnce(&str) -> Result<T, ApiError>,
) -> Ready<Result<T, ApiError>> {
    ready(parse(req.match_info().get("id").unwrap_or_default()))
}

impl FromRequest for Id {
    type Error = ApiError;
    type Future = Ready<Result<Self, ApiError>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        path_id(req, |text| reference(text).map(Id))
    }
}

impl FromRequest for RecordId {
    type Error = ApiError;
    type Future = Ready<Result<Self, ApiError>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        path_id(req, |text| record_id(text).map(RecordId))
    }
}

/// `?at=` parsed: the date to answer for (see [`AtQuery`]).
#[derive(Debug, Clone, Copy)]
pub struct At(pub NaiveDate);

impl FromRequest for At {
    type Error = ApiError;
    type Future = Ready<Result<Self, ApiError>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let parsed = web::Query::<AtQuery>::from_query(req.query_string())
            .map_err(ApiError::from)
            .and_then(|query| query.date())
            .map(At);
        ready(parsed)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utc(text: &str) -> chrono::DateTime<chrono::Utc> {
        text.parse().unwrap()
    }

    #[test]
    fn known_at_reads_a_plus_that_the_query_string_turned_into_a_space() {
        for (text, moment) in [
            ("2018-01-09T12:00:00+01:00", "2018-01-09T11:00:00Z"),
            ("2018-01-09T12:00:00 01:00", "2018-01-09T11:00:00Z"),
            ("2018-01-09 12:00:00 01:00", "2018-01-09T11:00:00Z"),
            ("2018-01-09T12:00:00.5 02:00", "2018-01-09T10:00:00.5Z"),
            ("2018-01-09T12:00:00-01:00", "2018-01-09T13:00:00Z"),
            ("2018-01-09T12:00:00Z", "2018-01-09T12:00:00Z"),
        ] {
            assert_eq!(known_at(Some(text)).unwrap(), Some(utc(moment)), "{text}");
        }
        assert_eq!(known_at(None).unwrap(), None);
    }

    #[test]
    fn known_at_refuses_what_is_not_a_moment_and_says_what_is_missing() {
        let problem = |text: &str| known_at(Some(text)).unwrap_err().to_string();
        assert!(problem("2018-01-09").contains("2018-01-09T00:00:00Z"));
        for text in [
            "yesterday",
            "2018-01-09T12:00:00",
            "2018-01-09T12:00:00 ",
            " 01:00",
            "2018-01-09T12:00:00  1:00",
            "ö2018-01-09T12:00:00 01:00",
        ] {
            assert!(known_at(Some(text)).is_err(), "{text}");
        }
    }
}
