//! Representations other than JSON, each written from a read model of
//! [`crate::views`]: linked data ([`linked_data`]), vCard for contacts
//! ([`vcard`]), iCalendar for an agency's deadlines ([`calendar`]), the
//! change feed as Atom ([`atom`]), and the
//! rows of bulk exports as CSV or NDJSON ([`table`]). Which one a request
//! gets is decided by content negotiation ([`crate::http::negotiation`]).

pub mod atom;
pub mod calendar;
mod content_lines;
pub mod linked_data;
pub mod reconciliation;
pub mod table;
pub mod vcard;

use actix_web::body::BoxBody;
use actix_web::http::header;
use actix_web::{HttpRequest, HttpResponse, Responder};
use serde::Serialize;
use serde_json::Value;

use linked_data::Names;

use crate::error::ApiError;
use crate::http::negotiation::{chosen, Format};

/// A read's answer in JSON, or in the other representation its path
/// produces, as the request chose ([`chosen`]): linked data, with node
/// names under the address the request used, or a vCard or an iCalendar,
/// as a file a browser can save.
pub struct Negotiated<T> {
    answer: T,
    other: Other<T>,
}

/// What renders a read's answer as its other representation.
enum Other<T> {
    Linked(fn(&Names, &T) -> Value),
    Text(Format, fn(&T) -> TextFile),
}

/// A representation written as text (a vCard, an iCalendar), and the name
/// a browser that saves it gives its file, without the extension.
pub struct TextFile {
    pub name: String,
    pub text: String,
}

/// What a read that answers more than JSON answers with.
pub type NegotiatedReply<T> = Result<Negotiated<T>, ApiError>;

impl<T> Negotiated<T> {
    /// JSON, or the JSON-LD `linked` renders.
    pub fn linked(answer: T, linked: fn(&Names, &T) -> Value) -> Self {
        let other = Other::Linked(linked);
        Negotiated { answer, other }
    }

    /// JSON, or the vCard `card` renders.
    pub fn carded(answer: T, card: fn(&T) -> TextFile) -> Self {
        let other = Other::Text(Format::Vcard, card);
        Negotiated { answer, other }
    }

    /// JSON, or the iCalendar `calendar` renders.
    pub fn calendared(answer: T, calendar: fn(&T) -> TextFile) -> Self {
        let other = Other::Text(Format::Calendar, calendar);
        Negotiated { answer, other }
    }
}

impl<T: Serialize> Responder for Negotiated<T> {
    type Body = BoxBody;

    fn respond_to(self, req: &HttpRequest) -> HttpResponse {
        let Negotiated { answer, other } = self;
        match (chosen(req), other) {
            (Format::JsonLd, Other::Linked(linked)) => {
                jsonld_answer(&linked(&Names::of(req), &answer))
            }
            (format, Other::Text(written, write)) if format == written => {
                text_answer(format, write(&answer))
            }
            _ => HttpResponse::Ok().json(answer),
        }
    }
}

fn text_answer(format: Format, file: TextFile) -> HttpResponse {
    HttpResponse::Ok()
        .content_type(format.content_type())
        .insert_header((
            header::CONTENT_DISPOSITION,
            format!("inline; filename=\"{}.{}\"", file.name, format.extension()),
        ))
        .body(file.text)
}

/// `text` as the text or an attribute's value of HTML or XML (an Atom
/// feed): the five characters markup gives meaning escaped.
pub(crate) fn escaped(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => escaped.push_str("&amp;"),
            '<' => escaped.push_str("&lt;"),
            '>' => escaped.push_str("&gt;"),
            '"' => escaped.push_str("&quot;"),
            '\'' => escaped.push_str("&#39;"),
            c => escaped.push(c),
        }
    }
    escaped
}

fn jsonld_answer(document: &Value) -> HttpResponse {
    HttpResponse::Ok()
        .content_type(Format::JsonLd.media_type())
        .json(document)
}

#[cfg(test)]
mod tests {
    use super::escaped;

    #[test]
    fn the_characters_markup_gives_meaning_are_escaped() {
        assert_eq!(
            escaped(r#"<a href="x">Tom & 'Jerry'</a> Jämställdhet"#),
            "&lt;a href=&quot;x&quot;&gt;Tom &amp; &#39;Jerry&#39;&lt;/a&gt; Jämställdhet"
        );
    }
}
