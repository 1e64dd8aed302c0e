//! HTTP conventions that every handler shares, in one place: problem
//! responses ([`problem`]), the response cache and entity tags ([`cache`],
//! [`etag`]), what other caches may keep, and `HEAD` ([`caching`]),
//! query and path parameters ([`params`]; the ids of parts of a resource,
//! [`parts`]) and the text of the query
//! ([`utf8`]), JSON bodies and their limits ([`body`]), which media types
//! are answered ([`negotiation`]), answers written as they are produced
//! ([`streamed`]) and those that stay open ([`event_stream`]), the bearer
//! token of writes ([`auth`]), what each request logs ([`log`]) and the
//! address answers name things under ([`base`]).
//! Handlers in [`crate::routes`] and [`crate::writes`], and the
//! representations of [`crate::formats`], use it; nothing below them does.

pub mod auth;
pub mod base;
pub mod body;
pub mod breaker;
pub mod cache;
pub mod caching;
pub mod etag;
pub mod event_stream;
pub mod log;
pub mod negotiation;
pub mod params;
pub mod parts;
pub mod problem;
pub mod streamed;
pub mod utf8;

/// What every handler answers: a response, or a problem.
pub type Reply = Result<actix_web::HttpResponse, crate::error::ApiError>;
