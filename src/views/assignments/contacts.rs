//! How to reach whoever is responsible for an assignment.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use sqlx::types::Json;
use sqlx::PgConnection;
use utoipa::ToSchema;

use super::holdings::{no_holder, the_one, Holding};
use super::not_found;
use super::participants::UnresolvedRecipient;
use crate::domain::Reference;
use crate::error::ApiError;
use crate::views::contacts::ContactPoint;
use crate::views::shared::{found, AgencyRef, AssignmentRef};

/// How to reach whoever is responsible for an assignment on a date.
#[derive(Debug, Serialize, ToSchema)]
pub struct AssignmentContacts {
    pub assignment: AssignmentRef,
    #[schema(example = "2018-01-08")]
    pub at: NaiveDate,
    /// Who holds the assignment on `at`.
    pub holder: AgencyRef,
    /// The contact points of the assignment and its parts (such as a hotline,
    /// which moves with its assignment), then the holder's own, all valid on `at`.
    pub items: Vec<ContactPoint>,
}

/// How to reach whoever holds the assignment `reference` names on `at`, in
/// one statement (`assignment_contacts_answer`): 404 when there is no such
/// assignment, the no-holder problem when nobody held it.
#[tracing::instrument(skip(conn))]
pub async fn fetch_contacts(
    conn: &mut PgConnection,
    reference: &Reference,
    at: NaiveDate,
) -> Result<AssignmentContacts, ApiError> {
    #[derive(Deserialize)]
    struct Answer {
        assignment: AssignmentRef,
        holdings: Vec<Holding>,
        unresolved: Option<UnresolvedRecipient>,
        items: Vec<ContactPoint>,
    }
    let answer = sqlx::query_scalar!(
        r#"select assignment_contacts_answer($1, $2) as "answer: Json<Answer>""#,
        reference as _,
        at,
    )
    .fetch_one(&mut *conn)
    .await?;
    let answer = found(answer, || not_found(reference))?;
    let Some(holding) = the_one(answer.holdings, &answer.assignment, at)? else {
        let unresolved = answer.unresolved.as_ref();
        return Err(no_holder(conn, &answer.assignment, at, unresolved).await);
    };
    Ok(AssignmentContacts {
        assignment: answer.assignment,
        at,
        holder: holding.agency,
        items: answer
            .items
            .into_iter()
            .map(ContactPoint::formatted)
            .collect(),
    })
}
