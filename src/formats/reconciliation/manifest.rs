//! The service manifest: what a client reads when the service is added
//! (OpenRefine: *Add standard service*): its types, where a candidate is
//! shown, and where its data extension, suggest and preview services are.

use serde::Serialize;
use utoipa::ToSchema;

use super::{entity_type, extension, preview, EntityType, AGENCY, ASSIGNMENT};

/// The path of the service: its manifest, and its queries by `GET` or
/// `POST`.
pub const PATH: &str = "/v1/reconcile";

/// The path where the properties an extension may ask for are proposed.
pub const PROPERTIES_PATH: &str = "/v1/reconcile/properties";

/// The paths of the suggest services: of entities (agencies and
/// assignments), of properties and of types.
pub const SUGGEST_ENTITY_PATH: &str = "/v1/reconcile/suggest/entity";
pub const SUGGEST_PROPERTY_PATH: &str = "/v1/reconcile/suggest/property";
pub const SUGGEST_TYPE_PATH: &str = "/v1/reconcile/suggest/type";

/// The path of a candidate's preview (`?id=`).
pub const PREVIEW_PATH: &str = "/v1/reconcile/preview";

/// Whether `path` answers what the service itself has (its properties and
/// types), not registry data: nothing there changes with what is known.
pub fn is_the_service_itself(path: &str) -> bool {
    [PROPERTIES_PATH, SUGGEST_PROPERTY_PATH, SUGGEST_TYPE_PATH].contains(&path)
}

/// The service manifest: what a client needs to know to use the service.
#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Manifest {
    /// The versions of the API it speaks.
    #[schema(example = json!(["0.2"]))]
    pub versions: Vec<String>,
    pub name: String,
    /// The space of its identifiers: UUIDs, an agency's a resource of the
    /// API under `/v1/agencies/`, an assignment's under `/v1/assignments/`.
    #[schema(example = "http://127.0.0.1:8080/v1/")]
    pub identifier_space: String,
    /// The vocabulary of its types: the W3C Organization Ontology.
    #[schema(example = "http://www.w3.org/ns/org#")]
    pub schema_space: String,
    pub default_types: Vec<EntityType>,
    /// Where a person sees a candidate: the lookup page, which tells an
    /// agency's UUID from an assignment's.
    pub view: View,
    /// The API's documentation (Swagger UI).
    #[schema(example = "http://127.0.0.1:8080/docs")]
    pub documentation: String,
    /// The registry's version.
    #[schema(example = "0.1.0")]
    pub service_version: String,
    /// Where the properties an extension may ask for are proposed.
    pub extend: Extend,
    /// Where what a person types is completed (OpenRefine's "Search for
    /// match", and its fields of types and properties).
    pub suggest: Suggest,
    /// Where a candidate is shown as a small card (OpenRefine shows it
    /// when the mouse is over a candidate).
    pub preview: Preview,
}

/// The suggest services (see [`suggest`]).
#[derive(Debug, Serialize, ToSchema)]
pub struct Suggest {
    /// Agencies and assignments.
    pub entity: ServiceAt,
    pub property: ServiceAt,
    #[serde(rename = "type")]
    pub type_of: ServiceAt,
}

/// The preview service (see [`preview`]): an address template, and the
/// size of the frame a client shows it in.
#[derive(Debug, Serialize, ToSchema)]
pub struct Preview {
    #[schema(example = "http://127.0.0.1:8080/v1/reconcile/preview?id={{id}}")]
    pub url: String,
    #[schema(example = 400)]
    pub width: u32,
    #[schema(example = 180)]
    pub height: u32,
}

/// The data extension the service offers (see [`extension`]).
#[derive(Debug, Serialize, ToSchema)]
pub struct Extend {
    pub propose_properties: ServiceAt,
    /// The settings a property may be asked for with: `at`, the date its
    /// values are as of.
    pub property_settings: Vec<extension::Setting>,
}

/// A service's address: `service_url` followed by `service_path`.
#[derive(Debug, Serialize, ToSchema)]
pub struct ServiceAt {
    #[schema(example = "http://127.0.0.1:8080")]
    pub service_url: String,
    #[schema(example = "/v1/reconcile/properties")]
    pub service_path: String,
}

/// An address template with `{{id}}` for a candidate's identifier.
#[derive(Debug, Serialize, ToSchema)]
pub struct View {
    #[schema(example = "http://127.0.0.1:8080/?id={{id}}")]
    pub url: String,
}

/// The manifest of the service as reached at `base` (see
/// [`crate::http::base::base_url`]).
pub fn manifest(base: &str) -> Manifest {
    Manifest {
        versions: vec!["0.2".to_owned()],
        name: "Registry of public responsibilities: Swedish government agencies and assignments"
            .to_owned(),
        identifier_space: format!("{base}/v1/"),
        schema_space: "http://www.w3.org/ns/org#".to_owned(),
        default_types: vec![entity_type(AGENCY), entity_type(ASSIGNMENT)],
        view: View {
            url: format!("{base}/?id={{{{id}}}}"),
        },
        documentation: format!("{base}/docs"),
        service_version: env!("CARGO_PKG_VERSION").to_owned(),
        extend: Extend {
            propose_properties: service_at(base, PROPERTIES_PATH),
            property_settings: extension::settings(),
        },
        suggest: Suggest {
            entity: service_at(base, SUGGEST_ENTITY_PATH),
            property: service_at(base, SUGGEST_PROPERTY_PATH),
            type_of: service_at(base, SUGGEST_TYPE_PATH),
        },
        preview: Preview {
            url: format!("{base}{PREVIEW_PATH}?id={{{{id}}}}"),
            width: preview::WIDTH,
            height: preview::HEIGHT,
        },
    }
}

/// The service at `path` of the server reached at `base`.
fn service_at(base: &str, path: &str) -> ServiceAt {
    ServiceAt {
        service_url: base.to_owned(),
        service_path: path.to_owned(),
    }
}
