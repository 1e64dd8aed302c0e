//! Representations other than JSON, each written from a read model of
//! [`crate::views`]: linked data ([`linked_data`]), vCard for contacts
//! ([`vcard`]), and the rows of bulk exports as CSV or NDJSON ([`table`]). Which one a request gets is
//! decided by content negotiation ([`crate::http::negotiation`]).

pub mod linked_data;
pub mod table;
pub mod vcard;

use actix_web::body::BoxBody;
use actix_web::http::header;
use actix_web::{HttpRequest, HttpResponse, Responder};
use serde::Serialize;
use serde_json::Value;

use linked_data::Names;
use vcard::Vcard;

use crate::error::ApiError;
use crate::http::negotiation::{chosen, Format};

/// A read's answer that is also a vCard: JSON, or, as the request chose
/// ([`chosen`]), the card its function renders, as a file a browser can
/// save.
pub struct Carded<T>(pub T, pub fn(&T) -> Vcard);

/// What a read that answers a vCard too answers with.
pub type CardedReply<T> = Result<Carded<T>, ApiError>;

impl<T: Serialize> Responder for Carded<T> {
    type Body = BoxBody;

    fn respond_to(self, req: &HttpRequest) -> HttpResponse {
        let Carded(answer, card) = self;
        match chosen(req) {
            Format::Vcard => vcard_answer(card(&answer)),
            _ => HttpResponse::Ok().json(answer),
        }
    }
}

/// A read's answer that is also linked data: JSON, or, as the request
/// chose ([`chosen`]), the JSON-LD that its function renders, with node
/// names under the address the request used.
pub struct Linked<T>(pub T, pub fn(&Names, &T) -> Value);

/// What a read that answers linked data too answers with.
pub type LinkedReply<T> = Result<Linked<T>, ApiError>;

impl<T: Serialize> Responder for Linked<T> {
    type Body = BoxBody;

    fn respond_to(self, req: &HttpRequest) -> HttpResponse {
        let Linked(answer, linked) = self;
        match chosen(req) {
            Format::JsonLd => jsonld_answer(&linked(&Names::of(req), &answer)),
            _ => HttpResponse::Ok().json(answer),
        }
    }
}

fn vcard_answer(card: Vcard) -> HttpResponse {
    HttpResponse::Ok()
        .content_type(Format::Vcard.content_type())
        .insert_header((
            header::CONTENT_DISPOSITION,
            format!("inline; filename=\"{}.vcf\"", card.name),
        ))
        .body(card.text)
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

fn jsonld_answer(document: &Value) -> HttpResponse {
    HttpResponse::Ok()
        .content_type(Format::JsonLd.media_type())
        .json(document)
}
