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

use actix_web::web::{self, delete, get, patch, post, resource};

use crate::writes;

/// Every route. One resource per path, with all its methods, so that a
/// method it lacks gets 405 with `Allow`.
pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(resource("/health/live").route(get().to(health::live)))
        .service(resource("/health/ready").route(get().to(health::ready)))
        .service(
            resource("/v1/agencies")
                .route(get().to(agencies::list_agencies))
                .route(post().to(writes::agencies::create_agency)),
        )
        .service(
            resource("/v1/agencies/{id}")
                .route(get().to(agencies::get_agency))
                .route(patch().to(writes::agencies::update_agency))
                .route(delete().to(writes::agencies::delete_agency)),
        )
        .service(
            resource("/v1/agencies/{id}/assignments").route(get().to(agencies::agency_assignments)),
        )
        .service(resource("/v1/agencies/{id}/contacts").route(get().to(agencies::agency_contacts)))
        .service(
            resource("/v1/agencies/{id}/names").route(post().to(writes::agencies::rename_agency)),
        )
        .service(
            resource("/v1/assignments")
                .route(get().to(assignments::list_assignments))
                .route(post().to(writes::assignments::create_assignment)),
        )
        .service(
            resource("/v1/assignments/{id}")
                .route(get().to(assignments::get_assignment))
                .route(patch().to(writes::assignments::update_assignment))
                .route(delete().to(writes::assignments::delete_assignment)),
        )
        .service(
            resource("/v1/assignments/{id}/holder").route(get().to(assignments::assignment_holder)),
        )
        .service(
            resource("/v1/assignments/{id}/contacts")
                .route(get().to(assignments::assignment_contacts)),
        )
        .service(
            resource("/v1/assignments/{id}/history")
                .route(get().to(assignments::assignment_history)),
        )
        .service(
            resource("/v1/assignments/{id}/versions")
                .route(post().to(writes::assignments::add_version)),
        )
        .service(
            resource("/v1/transfers")
                .route(get().to(transfers::list_transfers))
                .route(post().to(writes::transfers::create_transfer)),
        )
        .service(
            resource("/v1/transfers/{id}")
                .route(get().to(transfers::get_transfer))
                .route(patch().to(writes::transfers::update_transfer))
                .route(delete().to(writes::transfers::delete_transfer)),
        )
        .service(resource("/v1/sources").route(post().to(writes::sources::create_source)))
        .service(resource("/v1/sources/{id}").route(get().to(records::get_source)))
        .service(resource("/v1/holdings").route(post().to(writes::holdings::create_holding)))
        .service(
            resource("/v1/holdings/{id}")
                .route(get().to(records::get_holding))
                .route(patch().to(writes::holdings::update_holding))
                .route(delete().to(writes::holdings::delete_holding)),
        )
        .service(
            resource("/v1/contact-points").route(post().to(writes::contacts::create_contact_point)),
        )
        .service(
            resource("/v1/contact-points/{id}")
                .route(get().to(records::get_contact_point))
                .route(patch().to(writes::contacts::update_contact_point))
                .route(delete().to(writes::contacts::delete_contact_point)),
        )
        .service(
            resource("/v1/participations")
                .route(post().to(writes::participations::create_participation)),
        )
        .service(
            resource("/v1/participations/{id}")
                .route(get().to(records::get_participation))
                .route(patch().to(writes::participations::update_participation))
                .route(delete().to(writes::participations::delete_participation)),
        )
        .service(resource("/v1/changes").route(get().to(changes::list_changes)));
}
