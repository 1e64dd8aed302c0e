//! Read models: the shapes the API answers with and the SQL that fills them,
//! one module per resource. Read handlers ([`crate::routes`]) and write
//! handlers ([`crate::writes`], which answer with the record they wrote) both
//! use them; this module knows nothing of HTTP.

pub mod agencies;
pub mod assignments;
pub mod changes;
pub mod contacts;
pub mod exports;
pub mod records;
pub mod search;
pub mod shared;
pub mod suggestions;
pub mod transfers;
