//! HTTP: the route table below says where each request goes. Reads live in
//! this module's children, one per resource; writes in [`crate::writes`].
//! Handlers translate HTTP to domain values and back; what they answer with,
//! and the SQL that fills it, is in [`crate::views`].

pub mod agencies;
pub mod assignments;
pub mod changes;
pub mod health;
pub mod records;
pub mod transfers;

use actix_web::http::Method;
use actix_web::web::{self, resource};
use actix_web::{FromRequest, Handler, Responder, Route};

use crate::writes;

/// Every route: a path, and each method on it with its handler. One resource
/// per path, with all its methods, so that a method it lacks gets 405 with
/// `Allow`. A test holds this table and the OpenAPI document to the same set
/// of operations ([`operations`]).
fn table() -> Vec<(&'static str, Vec<(Method, Route)>)> {
    vec![
        ("/health/live", vec![op(Method::GET, health::live)]),
        ("/health/ready", vec![op(Method::GET, health::ready)]),
        (
            "/v1/agencies",
            vec![
                op(Method::GET, agencies::list_agencies),
                op(Method::POST, writes::agencies::create_agency),
            ],
        ),
        (
            "/v1/agencies/{id}",
            vec![
                op(Method::GET, agencies::get_agency),
                op(Method::PATCH, writes::agencies::update_agency),
                op(Method::DELETE, writes::agencies::delete_agency),
            ],
        ),
        (
            "/v1/agencies/{id}/assignments",
            vec![op(Method::GET, agencies::agency_assignments)],
        ),
        (
            "/v1/agencies/{id}/contacts",
            vec![op(Method::GET, agencies::agency_contacts)],
        ),
        (
            "/v1/agencies/{id}/names",
            vec![op(Method::POST, writes::agencies::rename_agency)],
        ),
        (
            "/v1/assignments",
            vec![
                op(Method::GET, assignments::list_assignments),
                op(Method::POST, writes::assignments::create_assignment),
            ],
        ),
        (
            "/v1/assignments/{id}",
            vec![
                op(Method::GET, assignments::get_assignment),
                op(Method::PATCH, writes::assignments::update_assignment),
                op(Method::DELETE, writes::assignments::delete_assignment),
            ],
        ),
        (
            "/v1/assignments/{id}/holder",
            vec![op(Method::GET, assignments::assignment_holder)],
        ),
        (
            "/v1/assignments/{id}/contacts",
            vec![op(Method::GET, assignments::assignment_contacts)],
        ),
        (
            "/v1/assignments/{id}/history",
            vec![op(Method::GET, assignments::assignment_history)],
        ),
        (
            "/v1/assignments/{id}/versions",
            vec![op(Method::POST, writes::assignments::add_version)],
        ),
        (
            "/v1/transfers",
            vec![
                op(Method::GET, transfers::list_transfers),
                op(Method::POST, writes::transfers::create::create_transfer),
            ],
        ),
        (
            "/v1/transfers/{id}",
            vec![
                op(Method::GET, transfers::get_transfer),
                op(Method::PATCH, writes::transfers::correct::update_transfer),
                op(Method::DELETE, writes::transfers::correct::delete_transfer),
            ],
        ),
        (
            "/v1/sources",
            vec![op(Method::POST, writes::sources::create_source)],
        ),
        (
            "/v1/sources/{id}",
            vec![op(Method::GET, records::get_source)],
        ),
        (
            "/v1/holdings",
            vec![op(Method::POST, writes::holdings::create_holding)],
        ),
        (
            "/v1/holdings/{id}",
            vec![
                op(Method::GET, records::get_holding),
                op(Method::PATCH, writes::holdings::update_holding),
                op(Method::DELETE, writes::holdings::delete_holding),
            ],
        ),
        (
            "/v1/contact-points",
            vec![op(Method::POST, writes::contacts::create_contact_point)],
        ),
        (
            "/v1/contact-points/{id}",
            vec![
                op(Method::GET, records::get_contact_point),
                op(Method::PATCH, writes::contacts::update_contact_point),
                op(Method::DELETE, writes::contacts::delete_contact_point),
            ],
        ),
        (
            "/v1/participations",
            vec![op(
                Method::POST,
                writes::participations::create_participation,
            )],
        ),
        (
            "/v1/participations/{id}",
            vec![
                op(Method::GET, records::get_participation),
                op(Method::PATCH, writes::participations::update_participation),
                op(Method::DELETE, writes::participations::delete_participation),
            ],
        ),
        ("/v1/changes", vec![op(Method::GET, changes::list_changes)]),
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
