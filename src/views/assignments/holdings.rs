//! Who holds an assignment: on one date, or over its whole history.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use sqlx::types::Json;
use sqlx::PgConnection;
use utoipa::ToSchema;
use uuid::Uuid;

use super::not_found;
use super::participants::AssignmentParticipant;
use super::participants::UnresolvedRecipient;
use crate::domain::{Reference, Unresolved};
use crate::error::ApiError;
use crate::views::shared::{found, AgencyRef, AssignmentRef, Period, Source, TransferRef};

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
    let mut answer = found(answer, || not_found(reference))?;
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

/// How the operations that answer with [`no_holder`] document their 404.
pub const NO_HOLDER_RESPONSE: &str = "No such assignment, or nobody held it on that date \
     (`type` is `/problems/no-holder`; `detail` names who held it last or holds it next)";

/// Nobody held `assignment` on `at`. The detail says why where its
/// recipients name no agency, and who held it last before `at` (whether
/// that agency ended then, and who succeeded it) or holds it next.
pub async fn no_holder(
    conn: &mut PgConnection,
    assignment: &AssignmentRef,
    at: NaiveDate,
    unresolved: Option<&UnresolvedRecipient>,
) -> ApiError {
    let mut detail = format!(
        "Nobody is recorded as holding the assignment '{}' on {at}.",
        assignment.slug
    );
    if let Some(unresolved) = unresolved {
        let why = match unresolved.reason {
            Unresolved::Person => "a person, not an agency",
            Unresolved::NotAStateAgency => "a body that is not a state agency",
            Unresolved::Annex => "the agencies in an annex the source does not list",
            Unresolved::NotActive => "an agency that had ended or not begun then",
            Unresolved::Ambiguous => "a name several agencies had",
            Unresolved::NoMatch => "a name that matches no agency",
            Unresolved::NoRecipient => "nobody the source names",
        };
        detail.push_str(&format!(" It was given to {why}"));
        if let Some(text) = &unresolved.recipient_text {
            detail.push_str(&format!(": '{text}'"));
        }
        detail.push('.');
    }
    match holders_around(conn, assignment.id, at).await {
        Ok(around) => {
            detail.push_str(&around);
            ApiError::NoHolder(detail)
        }
        Err(error) => error.into(),
    }
}

/// Who held the assignment last before `at`, and who holds it next after,
/// as sentences to add to a no-holder detail.
async fn holders_around(
    conn: &mut PgConnection,
    assignment: Uuid,
    at: NaiveDate,
) -> Result<String, sqlx::Error> {
    let around = sqlx::query!(
        r#"select last.slug as "last?", last.until as "until?", last.agency_ended as "agency_ended?",
                  last.successors as "successors?", next.slug as "next?", next.since as "since?"
           from (select) nothing
           left join lateral (
               select a.slug,
                      partial_date_text(coalesce(h.valid_to, a.ended_on),
                                        case when h.valid_to is null then a.ended_on_precision
                                             else h.valid_to_precision end) as until,
                      a.ended_on is not null and a.ended_on <= coalesce(h.valid_to, a.ended_on) as agency_ended,
                      array(select s.slug from agency_lineage l join agencies s on s.id = l.successor_id
                            where l.predecessor_id = a.id order by s.slug) as successors
               from holdings h join agencies a on a.id = h.agency_id
               where h.assignment_id = $1 and coalesce(h.valid_to, a.ended_on) <= $2
               order by coalesce(h.valid_to, a.ended_on) desc limit 1
           ) last on true
           left join lateral (
               select a.slug, partial_date_text(h.valid_from, h.valid_from_precision) as since
               from holdings h join agencies a on a.id = h.agency_id
               where h.assignment_id = $1 and h.valid_from > $2
               order by h.valid_from limit 1
           ) next on true"#,
        assignment,
        at,
    )
    .fetch_one(conn)
    .await?;
    let mut sentences = String::new();
    if let (Some(last), Some(until)) = (&around.last, &around.until) {
        sentences.push_str(&format!(" Its last holding, by '{last}', ended on {until}"));
        if around.agency_ended == Some(true) {
            sentences.push_str(", with the agency");
            match around.successors.unwrap_or_default().as_slice() {
                [] => {}
                [one] => sentences.push_str(&format!("; its successor is '{one}'")),
                many => {
                    sentences.push_str(&format!("; its successors are '{}'", many.join("', '")))
                }
            }
        }
        sentences.push('.');
    }
    if let (Some(next), Some(since)) = (&around.next, &around.since) {
        sentences.push_str(&format!(" It is held next by '{next}', from {since}."));
    }
    Ok(sentences)
}
