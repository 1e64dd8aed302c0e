//! HTTP: the route table below says where each request goes. Reads live in
//! this module's children, one per resource; writes in [`crate::writes`].
//! Handlers translate HTTP to domain values and back; what they answer with,
//! and the SQL that fills it, is in [`crate::views`].

pub mod agencies;
pub mod assignments;
pub mod changes;
pub mod exports;
pub mod health;
pub mod linked_data;
pub mod reconciliation;
pub mod records;
pub mod search;
pub mod transfers;

use actix_web::http::Method;
use actix_web::web::{self, resource};
use actix_web::{FromRequest, Handler, Responder, Route};

use crate::writes;

/// Every route: a path, and each method on it with its handler. One resource
/// per path, with all its methods, so that a method it lacks gets 405 with
/// `Allow`. A test holds this table and the OpenAPI document to the same set
/// of operations ([`operations`]).
#[rustfmt::skip]
fn table() -> Vec<(&'static str, Vec<(Method, Route)>)> {
    use writes::{agencies as agency_writes, agency_identifiers, agency_ministries, agency_names, assignment_participants, assignments as assignment_writes, case_numbers, contacts, holdings,
                 lineage, participations, reports, sources, transfers as transfer_writes, versions};
    use Method as M;
    vec![
        ("/health/live", vec![op(M::GET, health::live)]),
        ("/health/ready", vec![op(M::GET, health::ready)]),
        ("/v1/agencies", vec![op(M::GET, agencies::list_agencies), op(M::POST, agency_writes::create_agency)]),
        ("/v1/agencies/{id}", vec![op(M::GET, agencies::get_agency), op(M::PATCH, agency_writes::update_agency), op(M::DELETE, agency_writes::delete_agency)]),
        ("/v1/agencies/{id}/assignments", vec![op(M::GET, agencies::agency_assignments)]),
        ("/v1/agencies/{id}/contacts", vec![op(M::GET, agencies::agency_contacts)]),
        ("/v1/agencies/{id}/deadlines", vec![op(M::GET, agencies::agency_deadlines)]),
        ("/v1/agencies/{id}/lineage", vec![op(M::GET, agencies::agency_lineage)]),
        ("/v1/agencies/{id}/names", vec![op(M::POST, agency_names::rename_agency)]),
        ("/v1/agencies/{id}/names/{name}", vec![op(M::PATCH, agency_names::correct_name), op(M::DELETE, agency_names::delete_name)]),
        ("/v1/agencies/{id}/ministries/{ministry}", vec![op(M::PATCH, agency_ministries::correct_ministry), op(M::DELETE, agency_ministries::delete_ministry)]),
        ("/v1/agencies/{id}/identifiers", vec![op(M::POST, agency_identifiers::add_identifier)]),
        ("/v1/agencies/{id}/identifiers/{identifier}", vec![op(M::DELETE, agency_identifiers::delete_identifier)]),
        ("/v1/agencies/{id}/other-names", vec![op(M::POST, agency_identifiers::add_other_name)]),
        ("/v1/agencies/{id}/other-names/{other_name}", vec![op(M::DELETE, agency_identifiers::delete_other_name)]),
        ("/v1/assignments", vec![op(M::GET, assignments::list_assignments), op(M::POST, assignment_writes::create_assignment)]),
        ("/v1/assignments/{id}", vec![op(M::GET, assignments::get_assignment), op(M::PATCH, assignment_writes::update_assignment), op(M::DELETE, assignment_writes::delete_assignment)]),
        ("/v1/assignments/{id}/holder", vec![op(M::GET, assignments::assignment_holder)]),
        ("/v1/assignments/{id}/contacts", vec![op(M::GET, assignments::assignment_contacts)]),
        ("/v1/assignments/{id}/history", vec![op(M::GET, assignments::assignment_history)]),
        ("/v1/assignments/{id}/versions", vec![op(M::POST, versions::add_version)]),
        ("/v1/assignments/{id}/versions/{version}", vec![op(M::PATCH, versions::correct_version), op(M::DELETE, versions::delete_version)]),
        ("/v1/assignments/{id}/participants", vec![op(M::POST, assignment_participants::add_participant)]),
        ("/v1/assignments/{id}/participants/{participant}", vec![op(M::PATCH, assignment_participants::update_participant), op(M::DELETE, assignment_participants::delete_participant)]),
        ("/v1/assignments/{id}/identifiers", vec![op(M::POST, case_numbers::add_case_number)]),
        ("/v1/assignments/{id}/identifiers/{identifier}", vec![op(M::DELETE, case_numbers::delete_case_number)]),
        ("/v1/assignments/{id}/reports", vec![op(M::POST, reports::add_interim_report)]),
        ("/v1/assignments/{id}/reports/{due_on}", vec![op(M::DELETE, reports::delete_interim_report)]),
        ("/v1/transfers", vec![op(M::GET, transfers::list_transfers), op(M::POST, transfer_writes::create::create_transfer)]),
        ("/v1/transfers/{id}", vec![op(M::GET, transfers::get_transfer), op(M::PATCH, transfer_writes::correct::update_transfer), op(M::DELETE, transfer_writes::correct::delete_transfer)]),
        ("/v1/sources", vec![op(M::POST, sources::create_source)]),
        ("/v1/sources/{id}", vec![op(M::GET, records::get_source)]),
        ("/v1/holdings", vec![op(M::POST, holdings::create_holding)]),
        ("/v1/holdings/{id}", vec![op(M::GET, records::get_holding), op(M::PATCH, holdings::update_holding), op(M::DELETE, holdings::delete_holding)]),
        ("/v1/contact-points", vec![op(M::POST, contacts::create_contact_point)]),
        ("/v1/contact-points/{id}", vec![op(M::GET, records::get_contact_point), op(M::PATCH, contacts::update_contact_point), op(M::DELETE, contacts::delete_contact_point)]),
        ("/v1/participations", vec![op(M::POST, participations::create_participation)]),
        ("/v1/participations/{id}", vec![op(M::GET, records::get_participation), op(M::PATCH, participations::update_participation), op(M::DELETE, participations::delete_participation)]),
        ("/v1/lineage-links", vec![op(M::POST, lineage::create_lineage_link)]),
        ("/v1/lineage-links/{id}", vec![op(M::GET, records::get_lineage_link), op(M::PATCH, lineage::update_lineage_link), op(M::DELETE, lineage::delete_lineage_link)]),
        ("/v1/search", vec![op(M::GET, search::search)]),
        ("/v1/changes", vec![op(M::GET, changes::list_changes)]),
        ("/v1/changes/stream", vec![op(M::GET, changes::stream_changes)]),
        ("/v1/exports/{dataset}", vec![op(M::GET, exports::export_dataset)]),
        ("/v1/context.jsonld", vec![op(M::GET, linked_data::linked_data_context)]),
        ("/v1/reconcile", vec![op(M::GET, reconciliation::reconcile), op(M::POST, reconciliation::reconcile_form)]),
        ("/v1/reconcile/properties", vec![op(M::GET, reconciliation::propose_properties)]),
        ("/v1/reconcile/suggest/entity", vec![op(M::GET, reconciliation::suggest::suggest_entities)]),
        ("/v1/reconcile/suggest/property", vec![op(M::GET, reconciliation::suggest::suggest_properties)]),
        ("/v1/reconcile/suggest/type", vec![op(M::GET, reconciliation::suggest::suggest_types)]),
        ("/v1/reconcile/preview", vec![op(M::GET, reconciliation::suggest::preview)]),
    ]
}

/// A method of a path and the handler that answers it.
fn op<F, Args>(method: Method, handler: F) -> (Method, Route)
where
    F: Handler<Args>,
    Args: FromRequest + 'static,
    F::Output: Responder + 'static,
{
    (method.clone(), web::route().method(method).to(handler))
}

/// Registers every route of the table.
pub fn configure(cfg: &mut web::ServiceConfig) {
    for (path, routes) in table() {
        let resource = routes
            .into_iter()
            .fold(resource(path), |resource, (_, route)| resource.route(route));
        cfg.service(resource);
    }
}

/// Every operation the API serves, as (path, method).
pub fn operations() -> Vec<(&'static str, Method)> {
    table()
        .into_iter()
        .flat_map(|(path, routes)| routes.into_iter().map(move |(method, _)| (path, method)))
        .collect()
}
