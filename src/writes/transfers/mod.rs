//! Transfers: each moves assignments from one agency to another on a date,
//! in one transaction. For each assignment the giving agency's holding ends
//! on the effective date (its last day is the day before) and the receiving
//! agency's starts on it: no gap, no overlap. Parts held by the giving agency
//! follow their assignment unless `with_parts` is false. Contact points
//! belong to their assignment, so they move with it.

pub mod correct;
pub mod create;
