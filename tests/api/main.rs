//! Integration tests: the real server, over HTTP, on a real PostgreSQL.

mod agencies;
mod assignments;
mod auth;
mod authority;
mod bad_input;
mod changes;
mod conditional_requests;
mod contacts;
mod crash;
mod errors;
mod example_data;
mod government_assignments;
mod helpers;
mod holder;
mod lifetimes;
mod logging;
mod national;
mod openapi;
mod operations;
mod outage;
mod participations;
mod private_cluster;
mod replica;
mod response_cache;
mod schema;
mod transfers;
