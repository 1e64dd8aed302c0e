//! Writing the agencies that take part in an assignment they do not lead:
//! those given it together with the lead (co-recipients; an assignment
//! given to all county boards alike has only these) and those it is to
//! consult. The lead is the holder, written as holdings and transfers.

use actix_web::HttpRequest;
use serde::Deserialize;
use utoipa::ToSchema;
use uuid::Uuid;

use super::assignments::{assignment, assignment_to_change};
use super::{id_of, source_id, valid, Named, Resource};
use crate::begin_write;
use crate::domain::{AssignmentRole, PartialDate, Period, Reference};
use crate::error::ApiError;
use crate::http::body::nullable;
use crate::http::params::Id;
use crate::http::parts::ASSIGNMENT_PARTICIPANT;
use crate::http::Reply;
use crate::writes::transaction::{WriteRequest, WriteTx};

/// An agency's part in an assignment it does not lead.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewAssignmentParticipant {
    #[schema(example = "polismyndigheten")]
    pub agency: Reference,
    /// `co_recipient` (given the assignment with its lead) or `consulted`;
    /// the lead is the holder (`POST /v1/holdings`).
    pub role: AssignmentRole,
    /// First day it takes part; unknown if left out.
    pub valid_from: Option<PartialDate>,
    /// First day it no longer does; still does if left out.
    pub valid_to: Option<PartialDate>,
    #[schema(example = "2018-01-08-nationella-uppdrag-flyttar")]
    pub source: Reference,
}

/// Corrections to an agency's part in an assignment (JSON merge patch).
/// Setting `valid_to` ends it.
#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AssignmentParticipantPatch {
    #[schema(nullable = false)]
    pub role: Option<AssignmentRole>,
    #[serde(default, deserialize_with = "nullable")]
    pub valid_from: Option<Option<PartialDate>>,
    #[serde(default, deserialize_with = "nullable")]
    #[schema(example = "2027-07-01")]
    pub valid_to: Option<Option<PartialDate>>,
    #[schema(nullable = false)]
    pub source: Option<Reference>,
}

/// Refuses `lead` (400): the lead is the holder.
fn taking_part(role: AssignmentRole) -> Result<AssignmentRole, ApiError> {
    match role {
        AssignmentRole::Lead => Err(ApiError::invalid_field(
            "role",
            "the lead is the holder: record it with POST /v1/holdings or a transfer",
        )),
        other => Ok(other),
    }
}

/// An agency's part as recorded, by its id and its assignment's.
struct Part {
    role: AssignmentRole,
    period: Period,
    source_id: Uuid,
}

/// The assignment `reference` names and its part `{participant}` (404
/// where there is none, 400 where the path's text is no UUID), once the
/// token may change it ([`assignment_to_change`]).
async fn part_to_change(
    tx: &mut WriteTx,
    reference: &Reference,
    req: &HttpRequest,
) -> Result<(Uuid, Uuid, Part), ApiError> {
    let participant = ASSIGNMENT_PARTICIPANT.of(req)?;
    let id = assignment_to_change(tx, reference, "change who takes part in an assignment").await?;
    let part = sqlx::query!(
        r#"select role as "role: AssignmentRole", source_id,
                  partial_date_text(valid_from, valid_from_precision) as "valid_from: PartialDate",
                  partial_date_text(valid_to, valid_to_precision) as "valid_to: PartialDate"
           from assignment_participations where id = $1 and assignment_id = $2"#,
        participant,
        id,
    )
    .fetch_optional(tx.conn())
    .await?
    .ok_or_else(|| ASSIGNMENT_PARTICIPANT.not_found(reference, participant))?;
    let part = Part {
        role: part.role,
        period: Period::new(part.valid_from, part.valid_to),
        source_id: part.source_id,
    };
    Ok((id, participant, part))
}

/// Record an agency's part in an assignment it does not lead
///
/// A co-recipient is given the assignment together with the lead (or,
/// where none leads, with the other co-recipients); a consulted agency is
/// one the assignment is to consult. They are shown on the dates they take
/// part, in the assignment, its holder and its contacts.
#[utoipa::path(
    post, path = "/v1/assignments/{id}/participants",
    request_body(content = NewAssignmentParticipant, example = json!({
        "agency": "polismyndigheten",
        "role": "consulted",
        "valid_from": "2027-01-01",
        "source": "2018-01-08-nationella-uppdrag-flyttar"
    })),
    responses(
        (status = 201, description = "Recorded; the assignment as it is today, or on `valid_from` where that is later"),
    )
)]
#[tracing::instrument(skip_all)]
pub async fn add_participant(write: WriteRequest, Id(reference): Id) -> Reply {
    let input: NewAssignmentParticipant = write.body()?;
    let role = taking_part(input.role)?;
    let period = valid(Period::new(input.valid_from, input.valid_to))?;
    let mut tx = begin_write!(write);
    tx.as_registrar("change who takes part in an assignment")?;
    let id = id_of(tx.conn(), Resource::Assignment, &reference, Named::Path).await?;
    let agency = id_of(
        tx.conn(),
        Resource::Agency,
        &input.agency,
        Named::Field("agency"),
    )
    .await?;
    let source = source_id(tx.conn(), &input.source).await?;
    sqlx::query!(
        "insert into assignment_participations (assignment_id, agency_id, role,
                                                valid_from, valid_from_precision, valid_to, valid_to_precision, source_id)
         values ($1, $2, $3, partial_date_day($4), partial_date_precision($4),
                 partial_date_day($5), partial_date_precision($5), $6)",
        id, agency, role.as_str(), period.valid_from as _, period.valid_to as _, source,
    )
    .execute(tx.conn())
    .await?;
    tx.show_from(&period);
    tx.created(id, assignment).await
}

/// Correct or end an agency's part in an assignment
///
/// `{participant}` is the part's id, as the assignment's `co_recipients`
/// and `consulted` give it. `If-Match` takes the ETag of
/// `GET /v1/assignments/{id}` without `at`.
#[utoipa::path(
    patch, path = "/v1/assignments/{id}/participants/{participant}",
    request_body(content = AssignmentParticipantPatch, example = json!({"valid_to": "2027-07-01"})),
    responses(
        (status = 200, description = "Changed; the assignment as it is today, or on `valid_from` where that is later"),
    )
)]
#[tracing::instrument(skip_all)]
pub async fn update_participant(write: WriteRequest, Id(reference): Id, req: HttpRequest) -> Reply {
    let patch: AssignmentParticipantPatch = write.body()?;
    let mut tx = begin_write!(write);
    let (id, participant, current) = part_to_change(&mut tx, &reference, &req).await?;
    let role = taking_part(patch.role.unwrap_or(current.role))?;
    let period = valid(current.period.patched(patch.valid_from, patch.valid_to))?;
    let source = tx
        .source_or(patch.source.as_ref(), current.source_id)
        .await?;
    sqlx::query!(
        "update assignment_participations set role = $2,
                valid_from = partial_date_day($3), valid_from_precision = partial_date_precision($3),
                valid_to = partial_date_day($4), valid_to_precision = partial_date_precision($4), source_id = $5
         where id = $1",
        participant, role.as_str(), period.valid_from as _, period.valid_to as _, source,
    )
    .execute(tx.conn())
    .await?;
    tx.show_from(&period);
    tx.changed(id, assignment).await
}

/// Delete an agency's part in an assignment, recorded by mistake
///
/// To record that it no longer takes part, end it (`valid_to`) instead.
/// `If-Match` takes the ETag of `GET /v1/assignments/{id}` without `at`.
/// The change log keeps what was deleted.
#[utoipa::path(
    delete,
    path = "/v1/assignments/{id}/participants/{participant}",
    responses()
)]
#[tracing::instrument(skip_all)]
pub async fn delete_participant(write: WriteRequest, Id(reference): Id, req: HttpRequest) -> Reply {
    let mut tx = begin_write!(write);
    let (_, participant, _) = part_to_change(&mut tx, &reference, &req).await?;
    sqlx::query!(
        "delete from assignment_participations where id = $1",
        participant
    )
    .execute(tx.conn())
    .await?;
    tx.deleted().await
}
