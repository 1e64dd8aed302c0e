//! What content negotiation answers ([`crate::http::negotiation`]),
//! documented from its own table ([`produced`]) so that the document and
//! the server cannot disagree: the `?format=` of every read with more than
//! one representation, and the media types of its answer.

use actix_web::http::Method;
use utoipa::openapi::content::ContentBuilder;
use utoipa::openapi::path::{ParameterBuilder, ParameterIn};
use utoipa::openapi::schema::{ObjectBuilder, Type};
use utoipa::openapi::{RefOr, Required};
use utoipa::Modify;

use super::alternatives;
use crate::http::negotiation::{produced, Format};

/// Documents `?format=` on every read that answers more than one
/// representation: its values, the default first.
pub struct FormatParameters;

impl Modify for FormatParameters {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        for (path, item) in openapi.paths.paths.iter_mut() {
            let Some(get) = item.get.as_mut() else {
                continue;
            };
            let formats = produced(&Method::GET, path);
            if formats.len() < 2 {
                continue;
            }
            let names: Vec<&str> = formats.iter().map(|format| format.name()).collect();
            let format = ParameterBuilder::new()
                .name("format")
                .parameter_in(ParameterIn::Query)
                .required(Required::False)
                .description(Some(format!(
                    "The representation, where `Accept` cannot say it (a link): {}. It wins over `Accept`.",
                    listed(formats)
                )))
                .schema(Some(
                    ObjectBuilder::new()
                        .schema_type(Type::String)
                        .enum_values(Some(names)),
                ))
                .build();
            get.parameters.get_or_insert_with(Vec::new).push(format);
        }
    }
}

/// `formats` by name in prose: "`json` (the default) or `jsonld` (JSON-LD)".
fn listed(formats: &[Format]) -> String {
    let named: Vec<String> = formats
        .iter()
        .enumerate()
        .map(|(position, format)| {
            let gloss = match (position, format) {
                (0, _) => " (the default)",
                (_, Format::JsonLd) => " (JSON-LD)",
                _ => "",
            };
            format!("`{}`{gloss}", format.name())
        })
        .collect();
    alternatives(&named)
}

/// Adds to a read's answer (200) the representations its path produces
/// besides JSON ([`produced`]: JSON-LD, vCard, iCalendar, Atom), so that no handler lists
/// them and the document cannot disagree with the negotiation. A handler
/// documents the JSON body; one whose answer is not JSON first (an export,
/// the context) documents its content whole and is left as it is.
pub struct Representations;

impl Modify for Representations {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        for (path, item) in openapi.paths.paths.iter_mut() {
            let Some(RefOr::T(answer)) = item
                .get
                .as_mut()
                .and_then(|get| get.responses.responses.get_mut("200"))
            else {
                continue;
            };
            let json = Format::Json.media_type();
            if answer.content.keys().map(String::as_str).ne([json]) {
                continue;
            }
            for format in produced(&Method::GET, path) {
                let schema = match format {
                    Format::JsonLd => Type::Object,
                    Format::Vcard | Format::Calendar | Format::Atom => Type::String,
                    _ => continue,
                };
                answer.content.insert(
                    format.media_type().to_owned(),
                    ContentBuilder::new()
                        .schema(Some(ObjectBuilder::new().schema_type(schema)))
                        .build(),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_are_listed_default_first() {
        assert_eq!(
            listed(&[Format::Json, Format::JsonLd]),
            "`json` (the default) or `jsonld` (JSON-LD)"
        );
        assert_eq!(
            listed(&[Format::Csv, Format::Ndjson, Format::JsonLd]),
            "`csv` (the default), `ndjson` or `jsonld` (JSON-LD)"
        );
    }
}
