//! Representations other than JSON, each written from a read model of
//! [`crate::views`]: linked data ([`linked_data`]), vCard for contacts
//! ([`vcard`]), and the rows of bulk exports as CSV or NDJSON ([`table`]). Which one a request gets is
//! decided by content negotiation ([`crate::http::negotiation`]).

pub mod linked_data;
pub mod table;
pub mod vcard;

use actix_web::http::header;
use actix_web::{HttpRequest, HttpResponse};
use serde_json::Value;

use crate::http::negotiation::Format;

/// A 200 with a vCard, named `{name}.vcf` for a browser that saves it.
pub fn vcard_answer(name: &str, card: String) -> HttpResponse {
    HttpResponse::Ok()
        .content_type(Format::Vcard.content_type())
        .insert_header((
            header::CONTENT_DISPOSITION,
            format!("inline; filename=\"{name}.vcf\""),
        ))
        .body(card)
}

/// The address the API is reached at, as the request names it (its
/// `Forwarded` or `X-Forwarded-*` headers, else `Host`): the base of linked
/// data's node names. A host that is not a plain name, address and port is
/// not trusted, and `localhost` stands for it.
pub fn base_url(req: &HttpRequest) -> String {
    let info = req.connection_info();
    let scheme = if info.scheme() == "https" {
        "https"
    } else {
        "http"
    };
    let host = info.host();
    let plain = !host.is_empty()
        && host
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"-.:[]".contains(&b));
    format!("{scheme}://{}", if plain { host } else { "localhost" })
}

/// A 200 with a JSON-LD document.
pub fn jsonld_answer(document: &Value) -> HttpResponse {
    HttpResponse::Ok()
        .content_type(Format::JsonLd.media_type())
        .json(document)
}
