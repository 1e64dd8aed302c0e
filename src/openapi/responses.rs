//! The responses every operation shares, added once: the problem document
//! for every refusal, and the statuses any operation of a kind can answer.

use utoipa::openapi::path::{Operation, ParameterIn};
use utoipa::openapi::schema::{AnyOfBuilder, Ref};
use utoipa::openapi::Response;
use utoipa::Modify;

use super::conventions::{collection, names_a_resource, operations};
use super::{alternatives, problem, problem_content, problem_of};
use crate::http::problem::PROBLEM_CONTENT_TYPE;

/// Adds what every operation shares, so that no handler repeats it: 400
/// where there are parameters to get wrong, 406 under `/v1/` (see
/// [`crate::http::negotiation`]), 404 on every path naming a
/// resource (`{id}`) or with a filter naming one (`holder`), a bug (500)
/// everywhere and, where the database is needed, the database out of reach
/// (503). A handler documents only what is its own, such as a 404 that
/// means "nobody holds it on that date".
pub struct SharedResponses;

/// The 404 of a filter that may name an agency or an assignment: either's,
/// as a path naming it would get.
const SUBJECT_NOT_FOUND: &str = "SubjectNotFound";

impl Modify for SharedResponses {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let subject = AnyOfBuilder::new()
            .item(Ref::from_schema_name("AgencyNotFound"))
            .item(Ref::from_schema_name("AssignmentNotFound"))
            .description(Some(
                "The 404 of a filter that names no agency or assignment, with those it may have meant.",
            ));
        openapi
            .components
            .get_or_insert_with(Default::default)
            .schemas
            .insert(SUBJECT_NOT_FOUND.to_owned(), subject.into());
        for (path, operation) in operations(openapi) {
            refusals_are_problems(operation);
            let has_parameters = operation.parameters.iter().flatten().any(|parameter| {
                matches!(
                    parameter.parameter_in,
                    ParameterIn::Path | ParameterIn::Query
                )
            });
            let filters: Vec<String> = operation
                .parameters
                .iter()
                .flatten()
                .filter(|parameter| parameter.parameter_in == ParameterIn::Query)
                .filter(|parameter| names_a_resource(parameter))
                .map(|parameter| format!("`{}`", parameter.name))
                .collect();
            let responses = &mut operation.responses.responses;
            let mut add = |status: &str, response: Response| {
                responses
                    .entry(status.into())
                    .or_insert_with(|| response.into());
            };
            if has_parameters {
                add("400", problem("A parameter is malformed"));
            }
            if path.starts_with("/v1/") {
                add(
                    "406",
                    problem("The request's `Accept` admits nothing this operation answers"),
                );
            }
            if let Some(collection) = collection(path).filter(|_| path.contains("{id}")) {
                let schema = collection.not_found_schema();
                let description = match schema {
                    "Problem" => format!("No such {}", collection.noun),
                    _ => format!(
                        "No such {}; where the path names it by slug, the problem suggests \
                         those it may have meant (`suggestions`)",
                        collection.noun
                    ),
                };
                add("404", problem_of(&description, schema));
            }
            // A filter that names a resource names an agency (`holder`,
            // `participant`, `agency`, `ministry`) or an assignment
            // (`assignment`): see PARAMETER_PATTERNS.
            if !filters.is_empty() {
                let assignment = filters.iter().any(|name| name == "`assignment`");
                let (meant, schema) = match assignment {
                    false => ("the agencies", "AgencyNotFound"),
                    true => ("the agencies or assignments", SUBJECT_NOT_FOUND),
                };
                let description = format!(
                    "The {} does not exist; where it names one by slug, the problem suggests \
                     {meant} it may have meant (`suggestions`)",
                    alternatives(&filters)
                );
                add("404", problem_of(&description, schema));
            }
            add("500", problem("A bug; logged on the server"));
            if path != "/health/live" {
                add(
                    "503",
                    problem("The database is out of reach; retry after `Retry-After` seconds"),
                );
            }
        }
    }
}

/// Gives every error a handler documents (a 4xx or 5xx without content) the
/// problem document, so that handlers name only the status and its meaning.
fn refusals_are_problems(operation: &mut Operation) {
    use utoipa::openapi::RefOr;
    for (status, response) in operation.responses.responses.iter_mut() {
        if let RefOr::T(response) = response {
            if (status.starts_with('4') || status.starts_with('5')) && response.content.is_empty() {
                response
                    .content
                    .insert(PROBLEM_CONTENT_TYPE.to_owned(), problem_content());
            }
        }
    }
}
