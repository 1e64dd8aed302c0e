//! The response cache, and the entity tags of every answer.
//!
//! Registry data changes a few times a day and is read all the time, so a
//! read is answered from memory when it can be: its answer is kept under
//! what was asked ([`Asked`]), the day taken as today, and the data version
//! it was answered at ([`crate::data_version`]). A commit raises the
//! version, and what was kept under older ones is never served again (and is
//! dropped). An answer as known at a moment that has settled never changes
//! and is kept under no version. The cache is bounded in bytes
//! (`CACHE_MAX_BYTES`); while the instance cannot trust its version (its
//! notification connection is down) it neither serves nor keeps answers.
//!
//! Answers written as they are read (exports) are never kept.
//!
//! The same middleware gives every read its entity tag ([`etag::derived`])
//! and answers `If-None-Match` with 304: from what it keeps, without the
//! database, or else once the handler has answered 200. A write's answer carries the tag that a read of the written
//! resource gives, at the version the write committed.

use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::Arc;

use actix_web::body::{self, BoxBody, MessageBody};
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::header::{self, HeaderMap, HeaderName, HeaderValue};
use actix_web::http::{Method, StatusCode};
use actix_web::middleware::Next;
use actix_web::web::{self, Bytes};
use actix_web::{HttpMessage, HttpRequest, HttpResponse};
use chrono::NaiveDate;
use moka::sync::Cache;

use super::etag::{self, Asked, Moment};
use super::event_stream;
use super::negotiation;
use super::params::{self, FromPrimary};
use crate::data_version::{self, DataVersion};
use crate::domain::today_in_stockholm;
use crate::error::ApiError;

#[derive(Clone, PartialEq, Eq, Hash)]
struct Key {
    moment: Moment,
    day: NaiveDate,
    /// The request, and the base the answer names things under.
    asked: Arc<str>,
}

/// An answer kept: its headers (the content type among them) and body.
struct Kept {
    headers: HeaderMap,
    body: Bytes,
}

/// The answers kept, bounded in bytes; shared by the server's workers.
pub struct ResponseCache {
    /// Answers at a data version; emptied when the version moves.
    current: Cache<Key, Arc<Kept>>,
    /// Answers as known at a settled moment.
    settled: Cache<Key, Arc<Kept>>,
    /// The newest version an answer was kept under.
    newest: AtomicI64,
}

impl ResponseCache {
    /// A cache of at most `max_bytes` (a quarter of it for settled
    /// answers); 0 keeps nothing.
    pub fn new(max_bytes: u64) -> Self {
        let cache = |bytes: u64| {
            Cache::builder()
                .max_capacity(bytes)
                .weigher(|key: &Key, kept: &Arc<Kept>| {
                    let headers: usize = kept
                        .headers
                        .iter()
                        .map(|(name, value)| name.as_str().len() + value.len() + 32)
                        .sum();
                    u32::try_from(key.asked.len() + kept.body.len() + headers + 64)
                        .unwrap_or(u32::MAX)
                })
                .build()
        };
        ResponseCache {
            current: cache(max_bytes - max_bytes / 4),
            settled: cache(max_bytes / 4),
            newest: AtomicI64::new(0),
        }
    }

    fn part(&self, key: &Key) -> &Cache<Key, Arc<Kept>> {
        match key.moment {
            Moment::Settled => &self.settled,
            Moment::Version(_) => &self.current,
        }
    }

    fn get(&self, key: &Key) -> Option<Arc<Kept>> {
        self.part(key).get(key)
    }

    fn keep(&self, key: Key, kept: Kept) {
        if let Moment::Version(version) = key.moment {
            let before = self.newest.fetch_max(version, Ordering::AcqRel);
            if version < before {
                return;
            }
            if version > before {
                // Nothing kept under an older version is asked for again.
                self.current.invalidate_all();
            }
        }
        self.part(&key).insert(key, Arc::new(kept));
    }
}

/// The request header by which a client asks for an answer at least as new
/// as a data version: the `Data-Version` its write was answered with, say,
/// to read its own write through any instance, also where reads go to a
/// replica that may not have replayed it yet. Such a read that the instance
/// cannot vouch for is answered by the primary, and not kept.
pub const MIN_DATA_VERSION: &str = "min-data-version";

/// The response header that says the data version an answer is at.
pub const DATA_VERSION: &str = "data-version";

/// The `Min-Data-Version` a read asks for, if any.
fn min_data_version(req: &HttpRequest) -> Result<Option<i64>, ApiError> {
    req.headers()
        .get(MIN_DATA_VERSION)
        .map(|value| {
            value
                .to_str()
                .ok()
                .and_then(|text| text.trim().parse::<i64>().ok())
                .filter(|version| *version >= 0)
                .ok_or_else(|| {
                    ApiError::invalid(
                        "Min-Data-Version",
                        "must be a data version: a whole number, as a Data-Version header gave it",
                    )
                })
        })
        .transpose()
}

/// The data version a read is answered at, and whether answers at it may
/// be kept and served: the instance's own, when it can vouch for it;
/// otherwise the database's, read before the answer (from the primary when
/// the read asks for a version the instance has not seen, and then the read
/// goes there too).
async fn version_now(req: &HttpRequest, wanted: Option<i64>) -> Result<(i64, bool), ApiError> {
    let versions = req
        .app_data::<web::Data<DataVersion>>()
        .ok_or_else(|| anyhow::anyhow!("no data version configured"))?;
    match (versions.trusted(), wanted) {
        (Some(version), None) => Ok((version, true)),
        (Some(version), Some(wanted)) if wanted <= version => Ok((version, true)),
        (_, Some(_)) => {
            req.extensions_mut().insert(FromPrimary);
            let primary = params::pool(req)?;
            Ok((data_version::read(&**primary).await?, false))
        }
        (None, None) => Ok((data_version::read(&params::read_pool(req)?).await?, false)),
    }
}

/// Middleware: answers reads from the cache, keeps what it can, and tags
/// every read and write answer.
pub async fn respond(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<BoxBody>, actix_web::Error> {
    if req.method() != Method::GET {
        let response = next.call(req).await?.map_into_boxed_body();
        return Ok(tag_write(response));
    }
    let asked = Asked::of(req.request()).filter(|_| !event_stream::is_stream(req.path()));
    let Some(asked) = asked else {
        return Ok(next.call(req).await?.map_into_boxed_body());
    };
    let wanted = match min_data_version(req.request()) {
        Ok(wanted) => wanted,
        Err(error) => return Ok(req.error_response(error)),
    };
    let day = today_in_stockholm();
    let (moment, trusted) = if asked.settled() {
        (Moment::Settled, true)
    } else {
        match version_now(req.request(), wanted).await {
            Ok((version, trusted)) => (Moment::Version(version), trusted),
            Err(error) => return Ok(req.error_response(error)),
        }
    };
    let tag = etag::derived(moment, day, &asked);
    let cache = req
        .app_data::<web::Data<ResponseCache>>()
        .cloned()
        .filter(|_| trusted);
    let key = Key {
        moment,
        day,
        asked: asked.shared_key(),
    };
    // An answer written as it is read (an export) is tagged, and a tag
    // that names it is answered 304, but it is never held whole in memory.
    // The handler answers first (and refuses what is malformed); a 304
    // drops its body, which stops the export at its first chunk.
    if negotiation::is_export(req.path()) {
        let mut response = next.call(req).await?.map_into_boxed_body();
        if response.status() != StatusCode::OK {
            return Ok(response);
        }
        if names_tag(response.request(), &tag) {
            let request = response.request().clone();
            return Ok(ServiceResponse::new(request, not_modified(&tag)));
        }
        let headers = response.headers_mut();
        headers.insert(header::ETAG, header_value(&tag));
        if let Moment::Version(version) = moment {
            headers.insert(HeaderName::from_static(DATA_VERSION), version.into());
        }
        return Ok(response);
    }
    // A kept answer was a 200 to this very question: a tag that names it is
    // answered 304 with neither body nor database. Otherwise the handler
    // answers first (and refuses what is malformed).
    if let Some(kept) = cache.as_ref().and_then(|cache| cache.get(&key)) {
        if names_tag(req.request(), &tag) {
            return Ok(req.into_response(not_modified(&tag)));
        }
        let mut response = HttpResponse::Ok().body(kept.body.clone());
        *response.headers_mut() = kept.headers.clone();
        return Ok(req.into_response(response));
    }
    let response = next.call(req).await?.map_into_boxed_body();
    if response.status() != StatusCode::OK {
        return Ok(response);
    }
    let (request, response) = response.into_parts();
    let (mut head, body) = response.into_parts();
    let body = body::to_bytes(body)
        .await
        .map_err(actix_web::error::ErrorInternalServerError)?;
    head.headers_mut().insert(header::ETAG, header_value(&tag));
    if let Moment::Version(version) = moment {
        head.headers_mut()
            .insert(HeaderName::from_static(DATA_VERSION), version.into());
    }
    if let Some(cache) = cache {
        let kept = Kept {
            headers: head.headers().clone(),
            body: body.clone(),
        };
        cache.keep(key, kept);
    }
    if names_tag(&request, &tag) {
        return Ok(ServiceResponse::new(request, not_modified(&tag)));
    }
    Ok(ServiceResponse::new(
        request,
        head.set_body(BoxBody::new(body)),
    ))
}

fn names_tag(req: &HttpRequest, tag: &str) -> bool {
    req.headers()
        .get(header::IF_NONE_MATCH)
        .and_then(|value| value.to_str().ok())
        .is_some_and(|list| etag::names(list, tag))
}

fn not_modified(tag: &str) -> HttpResponse {
    let mut response = HttpResponse::NotModified().finish();
    response
        .headers_mut()
        .insert(header::ETAG, header_value(tag));
    response
}

fn header_value(tag: &str) -> HeaderValue {
    HeaderValue::from_str(tag).expect("a tag is digits, letters and dots, quoted")
}

/// The data version a write committed at, which its handler leaves in the
/// response's extensions.
#[derive(Debug, Clone, Copy)]
pub struct Committed(pub i64);

/// Marks the answer to a `POST` that writes nothing (a reconciliation
/// batch, which OpenRefine sends as a form): no resource's, it is not
/// tagged.
#[derive(Debug, Clone, Copy)]
pub struct NotAWrite;

/// Tags a write's JSON answer as a read of the resource it wrote (its
/// `Location`, or the path written to) would be tagged.
fn tag_write(mut response: ServiceResponse<BoxBody>) -> ServiceResponse<BoxBody> {
    let answered = matches!(response.status(), StatusCode::OK | StatusCode::CREATED)
        && !response.response().extensions().contains::<NotAWrite>();
    let committed = response.response().extensions().get::<Committed>().copied();
    let version = committed.map(|Committed(version)| version).or_else(|| {
        response
            .request()
            .app_data::<web::Data<DataVersion>>()
            .and_then(|versions| versions.trusted())
    });
    let (true, Some(version)) = (answered, version) else {
        return response;
    };
    let path = response
        .headers()
        .get(header::LOCATION)
        .and_then(|location| location.to_str().ok())
        .unwrap_or(response.request().path())
        .to_owned();
    let tag = etag::derived(
        Moment::Version(version),
        today_in_stockholm(),
        &Asked::resource(response.request(), &path),
    );
    let headers = response.headers_mut();
    headers.insert(header::ETAG, header_value(&tag));
    headers.insert(HeaderName::from_static(DATA_VERSION), version.into());
    response
}
