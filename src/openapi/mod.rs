//! The OpenAPI document, generated from the handlers and types. The committed
//! copy in `openapi/openapi.json` must equal it (a test checks); regenerate it
//! with `cargo run -- openapi > openapi/openapi.json`.
//!
//! The handlers document what is their own; [`conventions`] adds what every
//! operation shares (tags, `{id}`, tokens, conditional requests),
//! [`representations`] what content negotiation answers (`?format=` and
//! media types), [`responses`] the responses they share (problems), and
//! [`links`] where what a POST creates can be read, changed and deleted,
//! and [`writes`] what the writes share (the ids of parts, and answers).

mod conventions;
mod links;
mod representations;
mod responses;
mod writes;

use utoipa::openapi::content::ContentBuilder;
use utoipa::openapi::response::ResponseBuilder;
use utoipa::openapi::schema::Ref;
use utoipa::OpenApi;

use crate::http::problem::{Problem, PROBLEM_CONTENT_TYPE};
use crate::routes::{
    agencies, assignments, changes, exports, health, linked_data, reconciliation, records, search,
    transfers,
};
use crate::views::agencies::AgencyNotFound;
use crate::views::assignments::AssignmentNotFound;
use crate::writes::{
    agencies as agency_writes, agency_identifiers, agency_ministries, agency_names,
    assignment_participants, assignments as assignment_writes, case_numbers, contacts, holdings,
    lineage, participations, reports, sources, transfers as transfer_writes, versions,
};
use conventions::{HttpConventions, ParameterPatterns, PathIds, Tags};
use links::CreatedLinks;
use representations::{FormatParameters, Representations};
use responses::SharedResponses;
use writes::{PartIds, WriteAnswers};

#[derive(OpenApi)]
#[openapi(
    info(
        title = "Registry of public responsibilities",
        description = "Which government agency holds which assignment on any date, how responsibilities \
moved between agencies, and how to reach whoever is responsible.\n\n\
Every read of time-varying data takes `at=YYYY-MM-DD` and defaults to today in Europe/Stockholm. \
Periods are half-open `[valid_from, valid_to)`: on a transfer's effective date the new agency holds \
the assignment. Dates known only in part are shown only as far as they are known (`2009`). \
Resources are addressed by UUID or slug; `GET /v1/search` finds agencies and assignments together, \
for one search box. Errors are RFC 9457 `application/problem+json`.\n\n\
Reads are public. Every read of registry data also takes `known_at=<RFC 3339 timestamp>` and then \
answers as the registry would have at that moment; `GET /v1/changes` is the log of every change, \
for systems that keep in sync (`?agency=` or `?assignment=`: only what concerns one; as \
`application/atom+xml`, the latest changes for a feed reader), and `GET /v1/changes/stream` pushes \
each change as it commits (Server-Sent Events). Answers are `application/json`; contacts also come \
as `text/vcard`, an agency's deadlines as `text/calendar`, and \
`GET /v1/exports/{dataset}` gives whole datasets as `text/csv` or `application/x-ndjson`; an agency, \
an assignment, its holder and a transfer are also linked data (`application/ld+json`, W3C ORG and \
CPOV; the context is `GET /v1/context.jsonld`). `/v1/reconcile` matches names, case numbers and \
titles in a spreadsheet to agencies and assignments, as a reconciliation service for OpenRefine (W3C \
Reconciliation Service API 0.2, with suggest services and an HTML preview). Choose by \
`Accept` or with `?format=`; a request that admits nothing a path answers is 406. Every answer carries an `ETag`; send it back in `If-None-Match` \
(304 when unchanged) or, on writes, in `If-Match` (412 when someone changed the resource first; \
compare with the ETag of the GET without `at`). \
Writes need `Authorization: Bearer <token>` (minted with `registry token mint`): an agency's \
token (scope `write`) may change that agency's records, a registrar's (scope `admin`) all; \
anything else is 403. A POST may carry an `Idempotency-Key`, and a retry with the same key and \
body within 24 hours gets the first answer again.",
        license(name = "MIT OR Apache-2.0"),
    ),
    paths(
        health::live, health::ready,
        agencies::list_agencies, agencies::get_agency, agencies::agency_assignments, agencies::agency_contacts,
        agencies::agency_deadlines, agencies::agency_lineage,
        assignments::list_assignments, assignments::get_assignment, assignments::assignment_holder,
        assignments::assignment_contacts, assignments::assignment_history,
        transfers::list_transfers, transfers::get_transfer,
        records::get_source, records::get_holding, records::get_contact_point, records::get_participation,
        records::get_lineage_link,
        search::search,
        changes::list_changes,
        changes::stream_changes,
        exports::export_dataset,
        linked_data::linked_data_context,
        reconciliation::reconcile, reconciliation::reconcile_form, reconciliation::propose_properties,
        reconciliation::suggest::suggest_entities, reconciliation::suggest::suggest_properties,
        reconciliation::suggest::suggest_types, reconciliation::suggest::preview,
        sources::create_source,
        agency_writes::create_agency, agency_writes::update_agency, agency_writes::delete_agency,
        agency_names::rename_agency, agency_names::correct_name, agency_names::delete_name,
        agency_ministries::correct_ministry, agency_ministries::delete_ministry,
        agency_identifiers::add_identifier, agency_identifiers::delete_identifier,
        agency_identifiers::add_other_name, agency_identifiers::delete_other_name,
        assignment_writes::create_assignment, assignment_writes::update_assignment,
        assignment_writes::delete_assignment, versions::add_version,
        versions::correct_version, versions::delete_version,
        reports::add_interim_report, reports::delete_interim_report,
        case_numbers::add_case_number, case_numbers::delete_case_number,
        assignment_participants::add_participant, assignment_participants::update_participant,
        assignment_participants::delete_participant,
        holdings::create_holding, holdings::update_holding, holdings::delete_holding,
        transfer_writes::create::create_transfer, transfer_writes::correct::update_transfer,
        transfer_writes::correct::delete_transfer,
        contacts::create_contact_point, contacts::update_contact_point, contacts::delete_contact_point,
        participations::create_participation, participations::update_participation,
        participations::delete_participation,
        lineage::create_lineage_link, lineage::update_lineage_link, lineage::delete_lineage_link,
    ),
    tags(
        (name = "assignments", description = "Responsibilities, who holds them on a date and how to reach them"),
        (name = "agencies", description = "Public bodies, what they hold and how to reach them"),
        (name = "transfers", description = "Events that moved assignments between agencies"),
        (name = "search", description = "Agencies and assignments found together, for one search box"),
        (name = "records", description = "Single records as stored (sources, holdings, contact points, participations, lineage links), and writing them"),
        (name = "changes", description = "Every recorded change, as a feed"),
        (name = "exports", description = "Whole datasets as CSV or NDJSON, for spreadsheets and sync jobs"),
        (name = "reconciliation", description = "Names in a spreadsheet matched to agencies, for OpenRefine (W3C Reconciliation Service API)"),
        (name = "health", description = "Liveness and readiness"),
    ),
    components(schemas(Problem, AgencyNotFound, AssignmentNotFound)),
    modifiers(&Tags, &PathIds, &PartIds, &WriteAnswers, &ParameterPatterns, &FormatParameters, &HttpConventions, &Representations, &SharedResponses, &CreatedLinks),
)]
pub struct ApiDoc;

/// The document as committed: pretty JSON with a final newline.
pub fn document() -> String {
    let mut json = ApiDoc::openapi()
        .to_pretty_json()
        .expect("the OpenAPI document serialises");
    json.push('\n');
    json
}

/// Alternatives in prose: "a", "a or b", "a, b or c".
fn alternatives(words: &[String]) -> String {
    match words.split_last() {
        None => String::new(),
        Some((last, [])) => last.clone(),
        Some((last, others)) => format!("{} or {last}", others.join(", ")),
    }
}

/// A problem document, as content.
fn problem_content() -> utoipa::openapi::Content {
    problem_content_of("Problem")
}

/// A problem document of the schema `name` (a [`Problem`] with members of
/// its own), as content.
fn problem_content_of(name: &str) -> utoipa::openapi::Content {
    ContentBuilder::new()
        .schema(Some(Ref::from_schema_name(name)))
        .build()
}

/// A response with a problem document.
fn problem(description: &str) -> utoipa::openapi::Response {
    problem_of(description, "Problem")
}

/// A response with a problem document of the schema `name`.
fn problem_of(description: &str, name: &str) -> utoipa::openapi::Response {
    ResponseBuilder::new()
        .description(description)
        .content(PROBLEM_CONTENT_TYPE, problem_content_of(name))
        .build()
}
