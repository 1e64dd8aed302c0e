//! Content negotiation: which representation of a path a request gets.
//! Most paths answer `application/json` only (errors
//! `application/problem+json`); an agency, an assignment, its holder and a
//! transfer also answer `application/ld+json`; an agency's and an
//! assignment's contacts also answer `text/vcard`; an agency's deadlines
//! `text/calendar`; the change feed `application/atom+xml`; exports answer `text/csv`,
//! `application/x-ndjson` or `application/ld+json`; event streams
//! `text/event-stream`; a reconciliation candidate's preview `text/html`.
//! A request chooses by `Accept` (the acceptable type of highest quality, the path's
//! first on a tie, as RFC 9110, section 12.5.1, asks), or by `?format=`,
//! which wins over `Accept` (a browser's link cannot set a header).
//!
//! A request under `/v1/` that admits none of what its path answers (`text/csv`
//! of an agency, say) is refused with 406 before anything is read or written,
//! naming what the path produces; every answer under `/v1/` says `Vary:
//! Accept`, so that a cache keeps answers apart by it. No `Accept`, or one
//! that cannot be read, is taken as `*/*`. The choice is left in the
//! request's extensions for the handler ([`Format`] is its extractor) and
//! the response cache, whose key holds it.

use std::future::{ready, Ready};

use actix_web::body::{BoxBody, MessageBody};
use actix_web::dev::{Payload, ServiceRequest, ServiceResponse};
use actix_web::http::header::{self, Accept, Header, HeaderValue, QualityItem};
use actix_web::http::Method;
use actix_web::middleware::Next;
use actix_web::mime::{self, Mime};
use actix_web::{web, FromRequest, HttpMessage, HttpRequest};

use super::event_stream;
use crate::error::ApiError;

/// A representation the API answers in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Json,
    JsonLd,
    EventStream,
    Vcard,
    Calendar,
    Csv,
    Ndjson,
    Html,
    Atom,
}

impl Format {
    /// Its media type, as `Accept` names it.
    pub fn media_type(self) -> &'static str {
        match self {
            Format::Json => "application/json",
            Format::JsonLd => "application/ld+json",
            Format::EventStream => event_stream::CONTENT_TYPE,
            Format::Vcard => "text/vcard",
            Format::Calendar => "text/calendar",
            Format::Csv => "text/csv",
            Format::Ndjson => "application/x-ndjson",
            Format::Html => "text/html",
            Format::Atom => "application/atom+xml",
        }
    }

    /// Its `Content-Type`, with the parameters a reader needs.
    pub fn content_type(self) -> &'static str {
        match self {
            Format::Vcard => "text/vcard; charset=utf-8",
            Format::Calendar => "text/calendar; charset=utf-8",
            Format::Csv => "text/csv; charset=utf-8; header=present",
            Format::Html => "text/html; charset=utf-8",
            Format::Atom => "application/atom+xml; charset=utf-8",
            other => other.media_type(),
        }
    }

    /// Its name in `?format=`.
    pub fn name(self) -> &'static str {
        match self {
            Format::Json => "json",
            Format::JsonLd => "jsonld",
            Format::EventStream => "event-stream",
            Format::Vcard => "vcard",
            Format::Calendar => "ics",
            Format::Csv => "csv",
            Format::Ndjson => "ndjson",
            Format::Html => "html",
            Format::Atom => "atom",
        }
    }

    /// The extension of a file in it.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Vcard => "vcf",
            Format::EventStream => "txt",
            other => other.name(),
        }
    }

    fn mime(self) -> Mime {
        self.media_type().parse().expect("a media type")
    }
}

/// Whether `path` is an export, whose answers are written as they are read
/// (in any format), never kept whole.
pub fn is_export(path: &str) -> bool {
    path.starts_with("/v1/exports/")
}

/// The representations a request's method and path answer, the default
/// first. Writes answer JSON.
pub fn produced(method: &Method, path: &str) -> &'static [Format] {
    if !matches!(*method, Method::GET | Method::HEAD) {
        return &[Format::Json];
    }
    let segments: Vec<&str> = path.trim_end_matches('/').split('/').collect();
    match segments.as_slice() {
        _ if event_stream::is_stream(path) => &[Format::EventStream],
        ["", "v1", "agencies" | "assignments", _, "contacts"] => &[Format::Json, Format::Vcard],
        ["", "v1", "agencies", _, "deadlines"] => &[Format::Json, Format::Calendar],
        ["", "v1", "agencies" | "assignments" | "transfers", _]
        | ["", "v1", "assignments", _, "holder"] => &[Format::Json, Format::JsonLd],
        ["", "v1", "context.jsonld"] => &[Format::JsonLd, Format::Json],
        ["", "v1", "exports", _] => &[Format::Csv, Format::Ndjson, Format::JsonLd],
        ["", "v1", "reconcile", "preview"] => &[Format::Html],
        ["", "v1", "changes"] => &[Format::Json, Format::Atom],
        _ => &[Format::Json],
    }
}

/// How specifically a media range names `format`, and with what quality;
/// `None` when it does not admit it.
fn admits(range: &QualityItem<Mime>, format: Format) -> Option<(u8, header::Quality)> {
    let (mime, produced) = (&range.item, format.mime());
    let specificity = if mime.type_() == mime::STAR {
        0
    } else if mime.type_() != produced.type_() {
        return None;
    } else if mime.subtype() == mime::STAR {
        1
    } else if mime.subtype() == produced.subtype() {
        2
    } else {
        return None;
    };
    Some((specificity, range.quality))
}

/// The quality `Accept` gives `format`: that of the most specific range
/// that admits it (zero when none does).
fn quality(ranges: &[QualityItem<Mime>], format: Format) -> header::Quality {
    ranges
        .iter()
        .filter_map(|range| admits(range, format))
        .max_by_key(|(specificity, _)| *specificity)
        .map_or(header::Quality::ZERO, |(_, quality)| quality)
}

/// The `?format=` of a read, if it has one; 400 when it has several.
/// Writes answer JSON, and other methods are the router's to refuse (405).
fn named_format(req: &HttpRequest) -> Result<Option<String>, ApiError> {
    if !matches!(*req.method(), Method::GET | Method::HEAD) {
        return Ok(None);
    }
    let parameters = web::Query::<Vec<(String, String)>>::from_query(req.query_string())
        .map(web::Query::into_inner)
        .unwrap_or_default();
    let mut formats = parameters
        .into_iter()
        .filter(|(name, _)| name == "format")
        .map(|(_, value)| value);
    match (formats.next(), formats.next()) {
        (first, None) => Ok(first),
        (Some(_), Some(_)) => Err(ApiError::invalid("format", "give it at most once")),
        (None, Some(_)) => unreachable!("a second follows a first"),
    }
}

/// What the request asks of the path's `produced` representations: the
/// one `?format=` names, or else the best by `Accept`; `None` when it
/// admits none of them.
fn choose(req: &HttpRequest, produced: &'static [Format]) -> Option<Format> {
    if let Ok(Some(name)) = named_format(req) {
        return produced
            .iter()
            .copied()
            .find(|format| format.name() == name);
    }
    if !req.headers().contains_key(header::ACCEPT) {
        return produced.first().copied();
    }
    let ranges = match Accept::parse(req) {
        Ok(Accept(ranges)) if !ranges.is_empty() => ranges,
        _ => return produced.first().copied(),
    };
    let mut best: Option<(Format, header::Quality)> = None;
    for format in produced {
        let quality = quality(&ranges, *format);
        if quality > header::Quality::ZERO && best.map_or(true, |(_, q)| quality > q) {
            best = Some((*format, quality));
        }
    }
    best.map(|(format, _)| format)
}

/// The representation chosen for a request: what the middleware left, or
/// JSON where it did not run (outside `/v1/`).
pub fn chosen(req: &HttpRequest) -> Format {
    req.extensions()
        .get::<Format>()
        .copied()
        .unwrap_or(Format::Json)
}

impl FromRequest for Format {
    type Error = ApiError;
    type Future = Ready<Result<Self, ApiError>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        ready(Ok(chosen(req)))
    }
}

/// Middleware: chooses the representation of a request under `/v1/`, or
/// refuses it (406) when it admits nothing its path answers; `Vary: Accept`
/// on every answer under `/v1/`.
pub async fn acceptable_only(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<BoxBody>, actix_web::Error> {
    if !req.path().starts_with("/v1/") {
        return Ok(next.call(req).await?.map_into_boxed_body());
    }
    let produced = produced(req.method(), req.path());
    if let Err(error) = named_format(req.request()) {
        let mut response = req.error_response(error);
        response
            .headers_mut()
            .append(header::VARY, HeaderValue::from_static("accept"));
        return Ok(response);
    }
    let mut response = match choose(req.request(), produced) {
        Some(format) => {
            req.extensions_mut().insert(format);
            next.call(req).await?.map_into_boxed_body()
        }
        None => {
            let asked = match named_format(req.request()) {
                Ok(Some(name)) => format!("?format={name}"),
                _ => format!(
                    "Accept ('{}')",
                    req.headers()
                        .get(header::ACCEPT)
                        .and_then(|value| value.to_str().ok())
                        .unwrap_or("")
                ),
            };
            let produced = produced
                .iter()
                .map(|format| format.media_type())
                .collect::<Vec<_>>()
                .join(" or ");
            req.error_response(ApiError::NotAcceptable { asked, produced })
        }
    };
    response
        .headers_mut()
        .append(header::VARY, HeaderValue::from_static("accept"));
    Ok(response)
}

#[cfg(test)]
mod tests;
