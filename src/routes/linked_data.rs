//! The JSON-LD context that the registry's linked data refers to (see
//! [`crate::formats::linked_data`]).

use actix_web::{HttpRequest, HttpResponse};

use crate::formats::linked_data;
use crate::http::base::base_url;
use crate::http::negotiation::Format;

/// The JSON-LD context
///
/// What the keys of the registry's JSON-LD documents mean, in the W3C Organization Ontology,
/// the Core Public Organisation Vocabulary, SKOS, Dublin Core, PROV, OWL-Time and schema.org.
#[utoipa::path(get, path = "/v1/context.jsonld",
    responses((status = 200, description = "The context",
        content((Object = "application/ld+json"), (Object = "application/json")))))]
pub async fn linked_data_context(format: Format, req: HttpRequest) -> HttpResponse {
    let context = linked_data::context(&base_url(&req));
    HttpResponse::Ok()
        .content_type(format.media_type())
        .json(context)
}
