//! The OpenAPI document, generated from the handlers and types. The committed
//! copy in `openapi/openapi.json` must equal it (a test checks); regenerate it
//! with `cargo run -- openapi > openapi/openapi.json`.

use utoipa::openapi::path::{Parameter, ParameterIn};
use utoipa::openapi::schema::{ObjectBuilder, Type};
use utoipa::{Modify, OpenApi};

use crate::domain::reference::REFERENCE_PATTERN;
use crate::routes::{agencies, assignments, health, transfers};

#[derive(OpenApi)]
#[openapi(
    info(
        title = "Registry of public responsibilities",
        description = "Which government agency holds which assignment on any date, how responsibilities \
moved between agencies, and how to reach whoever is responsible.\n\n\
Every read of time-varying data takes `at=YYYY-MM-DD` and defaults to today in Europe/Stockholm. \
Periods are half-open `[valid_from, valid_to)`: on a transfer's effective date the new agency holds \
the assignment. Dates known only in part are shown only as far as they are known (`2009`). \
Resources are addressed by UUID or slug. Errors are RFC 9457 `application/problem+json`.",
        license(name = "MIT OR Apache-2.0"),
    ),
    paths(
        assignments::assignment_holder,
        assignments::assignment_contacts,
        assignments::get_assignment,
        assignments::assignment_history,
        assignments::list_assignments,
        agencies::list_agencies,
        agencies::get_agency,
        agencies::agency_assignments,
        agencies::agency_contacts,
        transfers::list_transfers,
        transfers::get_transfer,
        health::live,
        health::ready,
    ),
    tags(
        (name = "assignments", description = "Responsibilities, who holds them on a date and how to reach them"),
        (name = "agencies", description = "Public bodies, what they hold and how to reach them"),
        (name = "transfers", description = "Events that moved assignments between agencies"),
        (name = "health", description = "Liveness and readiness"),
    ),
    modifiers(&ReferencePattern),
)]
pub struct ApiDoc;

/// Documents every parameter that names a resource (the `{id}` in paths, the
/// `holder` and `agency` filters) as a UUID or slug, so that clients and
/// fuzzers know what the server accepts.
struct ReferencePattern;

const REFERENCE_PARAMETERS: [(&str, ParameterIn); 3] = [
    ("id", ParameterIn::Path),
    ("holder", ParameterIn::Query),
    ("agency", ParameterIn::Query),
];

impl Modify for ReferencePattern {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        for item in openapi.paths.paths.values_mut() {
            let operations = [
                &mut item.get,
                &mut item.put,
                &mut item.post,
                &mut item.delete,
                &mut item.patch,
            ];
            for operation in operations.into_iter().flatten() {
                for parameter in operation.parameters.iter_mut().flatten() {
                    let names_a_resource = REFERENCE_PARAMETERS.iter().any(|(name, location)| {
                        parameter.name == *name && parameter.parameter_in == *location
                    });
                    if names_a_resource {
                        set_reference_schema(parameter);
                    }
                }
            }
        }
    }
}

fn set_reference_schema(parameter: &mut Parameter) {
    parameter.schema = Some(
        ObjectBuilder::new()
            .schema_type(Type::String)
            .pattern(Some(REFERENCE_PATTERN))
            .max_length(Some(100))
            .into(),
    );
}

/// The document as committed: pretty JSON with a final newline.
pub fn document() -> String {
    let mut json = ApiDoc::openapi()
        .to_pretty_json()
        .expect("the OpenAPI document serialises");
    json.push('\n');
    json
}
