//! The OpenAPI document, generated from the handlers and types. The committed
//! copy in `openapi/openapi.json` must equal it (a test checks); regenerate it
//! with `cargo run -- openapi > openapi/openapi.json`.

use utoipa::openapi::content::ContentBuilder;
use utoipa::openapi::path::{Operation, ParameterIn};
use utoipa::openapi::response::ResponseBuilder;
use utoipa::openapi::schema::{ObjectBuilder, Ref, Type};
use utoipa::{Modify, OpenApi};

use crate::domain::reference::REFERENCE_PATTERN;
use crate::domain::CURSOR_PATTERN;
use crate::error::PROBLEM_CONTENT_TYPE;
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
    modifiers(&ParameterPatterns, &ServerProblems),
)]
pub struct ApiDoc;

/// Every operation of the document, with its path.
fn operations(
    openapi: &mut utoipa::openapi::OpenApi,
) -> impl Iterator<Item = (&str, &mut Operation)> {
    openapi.paths.paths.iter_mut().flat_map(|(path, item)| {
        [
            &mut item.get,
            &mut item.put,
            &mut item.post,
            &mut item.delete,
            &mut item.patch,
        ]
        .into_iter()
        .flatten()
        .map(move |operation| (path.as_str(), operation))
    })
}

/// Gives the parameters whose text the domain parses the domain's own
/// pattern: every parameter naming a resource (the `{id}` in paths, the
/// `holder` and `agency` filters) is a UUID or slug, every `cursor` a
/// position. Clients and fuzzers then know exactly what the server accepts.
struct ParameterPatterns;

const PARAMETER_PATTERNS: [(&str, ParameterIn, &str, usize); 4] = [
    ("id", ParameterIn::Path, REFERENCE_PATTERN, 100),
    ("holder", ParameterIn::Query, REFERENCE_PATTERN, 100),
    ("agency", ParameterIn::Query, REFERENCE_PATTERN, 100),
    ("cursor", ParameterIn::Query, CURSOR_PATTERN, 200),
];

impl Modify for ParameterPatterns {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        for (_, operation) in operations(openapi) {
            for parameter in operation.parameters.iter_mut().flatten() {
                let pattern = PARAMETER_PATTERNS.iter().find(|(name, location, ..)| {
                    parameter.name == *name && parameter.parameter_in == *location
                });
                if let Some((_, _, pattern, max_length)) = pattern {
                    parameter.schema = Some(
                        ObjectBuilder::new()
                            .schema_type(Type::String)
                            .pattern(Some(*pattern))
                            .max_length(Some(*max_length))
                            .into(),
                    );
                }
            }
        }
    }
}

/// Documents on every operation the problems any request can meet: a bug
/// (500) and, where the database is needed, the database out of reach (503).
struct ServerProblems;

impl Modify for ServerProblems {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let problem = |description: &str| {
            let content = ContentBuilder::new()
                .schema(Some(Ref::from_schema_name("Problem")))
                .build();
            ResponseBuilder::new()
                .description(description)
                .content(PROBLEM_CONTENT_TYPE, content)
                .build()
        };
        for (path, operation) in operations(openapi) {
            let responses = &mut operation.responses.responses;
            responses
                .entry("500".into())
                .or_insert_with(|| problem("A bug; logged on the server").into());
            if path != "/health/live" {
                responses.entry("503".into()).or_insert_with(|| {
                    problem("The database is out of reach; retry after `Retry-After` seconds")
                        .into()
                });
            }
        }
    }
}

/// The document as committed: pretty JSON with a final newline.
pub fn document() -> String {
    let mut json = ApiDoc::openapi()
        .to_pretty_json()
        .expect("the OpenAPI document serialises");
    json.push('\n');
    json
}
