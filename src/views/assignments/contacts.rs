//! How to reach whoever is responsible for an assignment.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use sqlx::types::Json;
use sqlx::PgConnection;
use utoipa::ToSchema;

use super::holdings::Responsible;
use super::participants::AssignmentParticipant;
use super::unknown;
use crate::domain::Reference;
use crate::error::ApiError;
use crate::views::contacts::ContactPoint;
use crate::views::shared::{found_or, AgencyRef, AssignmentRef};

/// How to reach whoever is responsible for an assignment on a date.
#[derive(Debug, Serialize, ToSchema)]
pub struct AssignmentContacts {
    pub assignment: AssignmentRef,
    #[schema(example = "2018-01-08")]
    pub at: NaiveDate,
    /// Who holds the assignment on `at`: its lead. Null only where it was
    /// given to several agencies together with none of them leading (all
    /// county boards, say); `co_recipients` names them.
    pub holder: Option<AgencyRef>,
    /// The agencies given the assignment together with the holder, on
    /// `at`, by name (as the holder answer names them).
    pub co_recipients: Vec<AssignmentParticipant>,
    /// The contact points of the assignment and its parts (such as a hotline,
    /// which moves with its assignment), then the holder's own, all valid on `at`.
    /// With no holder, each co-recipient's own follow the assignment's, in
    /// the order `co_recipients` names them (each says whose it is).
    pub items: Vec<ContactPoint>,
}

/// How to reach whoever holds the assignment `reference` names on `at`, in
/// one statement (`assignment_contacts_answer`): 404 when there is no such
/// assignment, the no-holder problem when nobody held it (neither a lead
/// nor agencies given it together).
#[tracing::instrument(skip(conn))]
pub async fn fetch_contacts(
    conn: &mut PgConnection,
    reference: &Reference,
    at: NaiveDate,
) -> Result<AssignmentContacts, ApiError> {
    #[derive(Deserialize)]
    struct Answer {
        #[serde(flatten)]
        responsible: Responsible,
        items: Vec<ContactPoint>,
    }
    let answer = sqlx::query_scalar!(
        r#"select assignment_contacts_answer($1, $2) as "answer: Json<Answer>""#,
        reference as _,
        at,
    )
    .fetch_one(&mut *conn)
    .await?;
    let Answer {
        mut responsible,
        items,
    } = found_or(answer, unknown(conn, reference, at)).await?;
    let lead = responsible.lead(conn, at).await?;
    Ok(AssignmentContacts {
        assignment: responsible.assignment,
        at,
        holder: lead.map(|holding| holding.agency),
        co_recipients: responsible.co_recipients,
        items: items.into_iter().map(ContactPoint::formatted).collect(),
    })
}
