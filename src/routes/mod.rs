//! HTTP reads (writes are in [`crate::writes`]): one module per resource, each with a `configure` that registers its
//! handlers. Handlers translate HTTP to domain values and back; the SQL each
//! needs sits beside it.

pub mod agencies;
pub mod assignments;
pub mod changes;
pub mod contacts;
pub mod etag;
pub mod health;
pub mod params;
pub mod records;
pub mod representations;
pub mod transfers;
