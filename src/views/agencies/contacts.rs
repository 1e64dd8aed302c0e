//! How to reach an agency on a date: its contact points and the agency
//! that runs it, and where it did not exist that day, whether it had not
//! begun (and who did its work before) or had ended (and who took over).

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use sqlx::types::Json;
use sqlx::PgConnection;
use utoipa::ToSchema;

use super::{unknown, LineageLink};
use crate::domain::{AgencyStatus, Reference};
use crate::error::ApiError;
use crate::views::contacts::ContactPoint;
use crate::views::shared::{found_or, AgencyRef};

/// How to reach an agency on a date.
#[derive(Debug, Serialize, ToSchema)]
pub struct AgencyContacts {
    pub agency: AgencyRef,
    #[schema(example = "2018-01-08")]
    pub at: NaiveDate,
    /// Whether it existed on `at`: only an agency that did has contact
    /// points that day.
    pub status: AgencyStatus,
    /// Where it had not been formed by `at`: the agencies it took over from,
    /// whom to reach then (as the agency's own `predecessors`); empty
    /// otherwise.
    pub predecessors: Vec<LineageLink>,
    /// Where it had ended by `at`: the agencies that took over from it,
    /// whom to reach instead (as the agency's own `successors`); empty
    /// otherwise.
    pub successors: Vec<LineageLink>,
    /// The agency that runs it on `at`, where one does (as the agency's own
    /// `host`): who answers for it, also where it has no contact points
    /// of its own.
    pub host: Option<AgencyRef>,
    /// The agency's contact points valid on `at`.
    pub items: Vec<ContactPoint>,
}

/// How to reach the agency `reference` names on `at`, in one statement
/// (`agency_contacts_answer`).
#[tracing::instrument(skip(conn))]
pub async fn fetch_contacts(
    conn: &mut PgConnection,
    reference: &Reference,
    at: NaiveDate,
) -> Result<AgencyContacts, ApiError> {
    #[derive(Deserialize)]
    struct Answer {
        agency: AgencyRef,
        status: AgencyStatus,
        predecessors: Vec<LineageLink>,
        successors: Vec<LineageLink>,
        host: Option<AgencyRef>,
        items: Vec<ContactPoint>,
    }
    let answer = sqlx::query_scalar!(
        r#"select agency_contacts_answer($1, $2) as "answer: Json<Answer>""#,
        reference as _,
        at,
    )
    .fetch_one(&mut *conn)
    .await?;
    let answer = found_or(answer, unknown(conn, reference, at)).await?;
    Ok(AgencyContacts {
        agency: answer.agency,
        at,
        status: answer.status,
        predecessors: answer.predecessors,
        successors: answer.successors,
        host: answer.host,
        items: answer
            .items
            .into_iter()
            .map(ContactPoint::formatted)
            .collect(),
    })
}
