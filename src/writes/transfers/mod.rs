//! Transfers: each moves assignments from one agency to another on a date,
//! in one transaction. For each assignment the giving agency's holding ends
//! on the effective date (its last day is the day before) and the receiving
//! agency's starts on it: no gap, no overlap. Parts held by the giving agency
//! follow their assignment unless `with_parts` is false. Contact points
//! belong to their assignment, so they move with it.

pub mod correct;
pub mod create;

use chrono::NaiveDate;
use sqlx::PgConnection;
use uuid::Uuid;

use crate::domain::Reference;
use crate::views::transfers::{fetch_transfer, Transfer};
use crate::writes::transaction::{Fetched, Located};

/// A transfer as its writes check `If-Match` against and answer with it.
fn transfer(conn: &mut PgConnection, id: Uuid, _: NaiveDate) -> Fetched<'_, Transfer> {
    Box::pin(async move { fetch_transfer(conn, &Reference::Id(id)).await })
}

impl Located for Transfer {
    fn location(&self) -> String {
        format!("/v1/transfers/{}", self.slug)
    }
}
