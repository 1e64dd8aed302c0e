//! Agencies that take part in an assignment they do not lead: those given it
//! together with the lead (co-recipients) and those it is to consult.

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

use crate::domain::{AssignmentRole, Unresolved};
use crate::views::shared::{AgencyRef, Period, Source};

/// An agency's part in an assignment over a period.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct AssignmentParticipant {
    /// Names this part in writes
    /// (`PATCH /v1/assignments/{id}/participants/{participant}`).
    pub id: Uuid,
    pub agency: AgencyRef,
    /// `co_recipient` (given the assignment with its lead) or `consulted`.
    pub role: AssignmentRole,
    #[serde(flatten)]
    pub period: Period,
    pub source: Source,
}

/// Why an assignment has no recipient agency, with the words that named
/// its recipients as published.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct UnresolvedRecipient {
    pub reason: Unresolved,
    /// The phrases that name the recipients, as the source words them.
    #[schema(example = "en särskild utredare")]
    pub recipient_text: Option<String>,
}
