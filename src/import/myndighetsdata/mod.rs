//! The national agency registers (Myndighetsdata's snapshot of SFS, SCB,
//! Statskontoret, ESV and Wikidata): read, merged, written.

mod aliases;
pub mod apply;
pub mod clean;
pub mod facts;
pub mod files;
pub mod identity;
pub mod lineage;
pub mod merge;
pub mod relations;
pub mod snapshot;
pub mod timeline;

#[cfg(test)]
mod tests;
