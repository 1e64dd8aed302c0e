//! Agencies that take part in an assignment they do not lead: those given it
//! together with the lead (co-recipients) and those it is to consult.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use sqlx::types::Json;
use sqlx::PgConnection;
use utoipa::ToSchema;
use uuid::Uuid;

use crate::domain::{AssignmentRole, Unresolved};
use crate::error::ApiError;
use crate::views::shared::{AgencyRef, Period, Source};

/// An agency's part in an assignment over a period.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct AssignmentParticipant {
    pub agency: AgencyRef,
    /// `co_recipient` (given the assignment with its lead) or `consulted`.
    pub role: AssignmentRole,
    #[serde(flatten)]
    pub period: Period,
    pub source: Source,
}

/// Why an assignment has no recipient agency, with the words that named
/// its recipients as published.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct UnresolvedRecipient {
    pub reason: Unresolved,
    /// The phrases that name the recipients, as the source words them.
    #[schema(example = "en särskild utredare")]
    pub recipient_text: Option<String>,
}

/// The agencies in `role` on `at`, by name.
pub async fn participants_on(
    conn: &mut PgConnection,
    assignment: Uuid,
    role: AssignmentRole,
    at: NaiveDate,
) -> Result<Vec<AssignmentParticipant>, ApiError> {
    let participants = sqlx::query_scalar!(
        r#"select assignment_participants_json($1, $2, $3) as "participants!: Json<Vec<AssignmentParticipant>>""#,
        assignment,
        role.as_str(),
        at,
    )
    .fetch_one(conn)
    .await?;
    Ok(participants.0)
}

/// Why `assignment` has no recipient agency, if it has none.
pub async fn unresolved(
    conn: &mut PgConnection,
    assignment: Uuid,
) -> Result<Option<UnresolvedRecipient>, ApiError> {
    let unresolved = sqlx::query_scalar!(
        r#"select unresolved_json($1) as "unresolved: Json<UnresolvedRecipient>""#,
        assignment,
    )
    .fetch_one(conn)
    .await?;
    Ok(unresolved.map(|json| json.0))
}
