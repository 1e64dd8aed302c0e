//! The registry of public responsibilities: which government agency holds
//! which assignment on any date, how responsibilities moved, and how to reach
//! whoever is responsible.
//!
//! A request enters through [`startup`], is routed to a module of [`routes`]
//! (reads, one per resource) or of [`writes`] (which need an [`auth`] token),
//! which parses it into [`domain`] values, asks PostgreSQL, and answers JSON
//! or an [`error`] problem document. The program's command line (serving,
//! and the operator's commands) is [`cli`].

pub mod auth;
pub mod cli;
pub mod data_version;
pub mod db;
pub mod domain;
pub mod embedded_postgres;
pub mod error;
pub mod example_data;
pub mod formats;
pub mod generate;
pub mod http;
pub mod import;
pub mod lookup;
pub mod openapi;
pub mod routes;
pub mod settings;
pub mod startup;
pub mod telemetry;
pub mod views;
pub mod writes;
