//! Who holds an assignment: on one date, or over its whole history.

pub mod no_holder;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use sqlx::types::Json;
use sqlx::PgConnection;
use utoipa::ToSchema;

use super::participants::AssignmentParticipant;
use super::participants::UnresolvedRecipient;
use super::unknown;
use crate::domain::Reference;
use crate::error::ApiError;
use crate::views::shared::{found_or, AgencyRef, AssignmentRef, Period, Source, TransferRef};
use no_holder::no_holder;

/// Who holds an assignment over a period.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct Holding {
    pub agency: AgencyRef,
    /// The holding's period: the holder holds the assignment from
    /// `valid_from` up to, not including, `valid_to`.
    #[serde(flatten)]
    pub period: Period,
    /// When `valid_from` is null (the start is not known): the earliest day
    /// it can be, the start of the assignment (or of the assignment it is a
    /// part of) or of the agency, whichever is later. The holding is not
    /// answered for days before it. Null when the start is known, or when
    /// nothing bounds it.
    #[schema(value_type = Option<NaiveDate>, example = "2009-01-01")]
    pub earliest_from: Option<NaiveDate>,
    /// The transfer that started the holding, if one did.
    pub started_by_transfer: Option<TransferRef>,
    /// The transfer that ended it, if one did.
    pub ended_by_transfer: Option<TransferRef>,
    pub source: Source,
}

/// The answer to "who holds this assignment on that date?": the lead (the
/// holder) and its holding, and the agencies given the assignment together
/// with the lead.
#[derive(Debug, Serialize, ToSchema)]
pub struct Holder {
    pub assignment: AssignmentRef,
    #[schema(example = "2018-01-01")]
    pub at: NaiveDate,
    /// The lead: the agency that holds the assignment on `at`. Null only
    /// where it was given to several agencies together with none of them
    /// leading (all county boards, say); `co_recipients` names them, and
    /// the holding's fields below are null too.
    pub agency: Option<AgencyRef>,
    /// The lead's holding: from `valid_from` up to, not including,
    /// `valid_to`.
    #[serde(flatten)]
    pub period: Period,
    /// As in a holding: the earliest day an unknown start can be.
    #[schema(value_type = Option<NaiveDate>, example = "2009-01-01")]
    pub earliest_from: Option<NaiveDate>,
    /// The transfer that started the lead's holding, if one did.
    pub started_by_transfer: Option<TransferRef>,
    /// The transfer that ended it, if one did.
    pub ended_by_transfer: Option<TransferRef>,
    /// Where the lead's holding is recorded from.
    pub source: Option<Source>,
    /// The agencies given the assignment together with the lead, on `at`,
    /// by name.
    pub co_recipients: Vec<AssignmentParticipant>,
}

impl Holder {
    pub fn new(
        assignment: AssignmentRef,
        at: NaiveDate,
        lead: Option<Holding>,
        co_recipients: Vec<AssignmentParticipant>,
    ) -> Self {
        match lead {
            Some(holding) => Holder {
                assignment,
                at,
                agency: Some(holding.agency),
                period: holding.period,
                earliest_from: holding.earliest_from,
                started_by_transfer: holding.started_by_transfer,
                ended_by_transfer: holding.ended_by_transfer,
                source: Some(holding.source),
                co_recipients,
            },
            None => Holder {
                assignment,
                at,
                agency: None,
                period: Period::new(None, None),
                earliest_from: None,
                started_by_transfer: None,
                ended_by_transfer: None,
                source: None,
                co_recipients,
            },
        }
    }
}

/// Who holds the assignment `reference` names on `at`, in one statement
/// (`holder_answer`): 404 when there is no such assignment, the no-holder
/// problem when nobody held it.
#[tracing::instrument(skip(conn))]
pub async fn fetch_holder(
    conn: &mut PgConnection,
    reference: &Reference,
    at: NaiveDate,
) -> Result<Holder, ApiError> {
    let answer = sqlx::query_scalar!(
        r#"select holder_answer($1, $2) as "answer: Json<Responsible>""#,
        reference as _,
        at,
    )
    .fetch_one(&mut *conn)
    .await?;
    let mut answer = found_or(answer, unknown(conn, reference, at)).await?;
    let lead = answer.lead(conn, at).await?;
    Ok(Holder::new(
        answer.assignment,
        at,
        lead,
        answer.co_recipients,
    ))
}

/// Who is responsible for an assignment on a day, as the answers in SQL
/// give it (`holder_answer`, `assignment_contacts_answer`): the lead's
/// holding, if one leads, and the agencies given it together with the lead.
#[derive(Debug, Deserialize)]
pub struct Responsible {
    pub assignment: AssignmentRef,
    holdings: Vec<Holding>,
    pub co_recipients: Vec<AssignmentParticipant>,
    unresolved: Option<UnresolvedRecipient>,
}

impl Responsible {
    /// The lead's holding on `at`, or none where agencies hold it together
    /// with none leading; the no-holder problem where nobody holds it.
    pub async fn lead(
        &mut self,
        conn: &mut PgConnection,
        at: NaiveDate,
    ) -> Result<Option<Holding>, ApiError> {
        let lead = the_one(std::mem::take(&mut self.holdings), &self.assignment, at)?;
        if lead.is_none() && self.co_recipients.is_empty() {
            let unresolved = self.unresolved.as_ref();
            return Err(no_holder(conn, &self.assignment, at, unresolved).await);
        }
        Ok(lead)
    }
}

/// The holding of an assignment on a day, of those found. The schema allows
/// one holder at a time; finding two is a bug, reported as one.
pub fn the_one(
    mut found: Vec<Holding>,
    assignment: &AssignmentRef,
    at: NaiveDate,
) -> Result<Option<Holding>, ApiError> {
    if found.len() > 1 {
        let count = found.len();
        return Err(ApiError::Internal(anyhow::anyhow!(
            "assignment {} has {count} holders on {at}",
            assignment.slug
        )));
    }
    Ok(found.pop())
}
