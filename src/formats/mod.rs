//! Representations other than JSON, each written from a read model of
//! [`crate::views`]: vCard for contacts ([`vcard`]), and the rows of bulk
//! exports as CSV or NDJSON ([`table`]). Which one a request gets is
//! decided by content negotiation ([`crate::http::negotiation`]).

pub mod table;
pub mod vcard;

use actix_web::http::header;
use actix_web::HttpResponse;

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
