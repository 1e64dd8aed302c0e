//! Writing participations: an agency, or a function that is not one agency,
//! taking part in a body (such as the NMT) with a role over a period.

use actix_web::http::StatusCode;
use actix_web::HttpResponse;
use serde::Deserialize;
use utoipa::ToSchema;

use super::{agency_id, id_of, patched, source_id, Named, Resource};
use crate::begin_write;
use crate::domain::{PartialDate, Reference};
use crate::error::ApiError;
use crate::http::body::{check_period, nullable, stored, TextInput};
use crate::http::params::RecordId;
use crate::views::records::{fetch_participation, Participation};
use crate::writes::transaction::WriteRequest;

/// Whether a participant leads the body or takes part in it.
#[derive(Debug, Clone, Copy, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    Member,
    Coordinator,
}

impl Role {
    fn as_str(self) -> &'static str {
        match self {
            Role::Member => "member",
            Role::Coordinator => "coordinator",
        }
    }
}

/// A new participation: give exactly one of `agency` and `function`.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewParticipation {
    /// The body (UUID or slug).
    #[schema(value_type = String, example = "nmt")]
    pub body: Reference,
    #[schema(value_type = Option<String>, example = "arbetsmiljoverket")]
    pub agency: Option<Reference>,
    /// A function that takes part and is not one agency.
    pub function: Option<TextInput>,
    /// Default `member`.
    pub role: Option<Role>,
    pub valid_from: Option<PartialDate>,
    pub valid_to: Option<PartialDate>,
    #[schema(value_type = String, example = "2018-01-08-nationella-uppdrag-flyttar")]
    pub source: Reference,
}

/// Changes to a participation (JSON merge patch). Setting `valid_to` ends it.
#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ParticipationPatch {
    pub role: Option<Role>,
    #[serde(default, deserialize_with = "nullable")]
    #[schema(value_type = Option<PartialDate>, nullable)]
    pub valid_from: Option<Option<PartialDate>>,
    #[serde(default, deserialize_with = "nullable")]
    #[schema(value_type = Option<PartialDate>, nullable, example = "2027-01-01")]
    pub valid_to: Option<Option<PartialDate>>,
    #[schema(value_type = Option<String>)]
    pub source: Option<Reference>,
}

/// Record a participation in a body
#[utoipa::path(
    post, path = "/v1/participations", tag = "records",
    request_body(content = NewParticipation, example = json!({
        "body": "nmt", "agency": "skatteverket", "role": "member", "valid_from": "2027-01-01",
        "source": "2018-01-08-nationella-uppdrag-flyttar"
    })),
    responses((status = 201, description = "Recorded; `Location` names it", body = Participation))
)]
#[tracing::instrument(skip_all)]
pub async fn create_participation(write: WriteRequest) -> Result<HttpResponse, ApiError> {
    let input: NewParticipation = write.body()?;
    let function = input.function.map(|f| f.checked("function")).transpose()?;
    check_period(
        input.valid_from.as_ref(),
        input.valid_to.as_ref(),
        "valid_to",
    )?;
    let (valid_from, valid_from_precision) = stored(input.valid_from.as_ref());
    let (valid_to, valid_to_precision) = stored(input.valid_to.as_ref());
    let mut tx = begin_write!(write);
    let body_id = id_of(tx.conn(), Resource::Body, &input.body, Named::Field("body")).await?;
    let agency = match (&input.agency, &function) {
        (Some(agency), None) => Some(agency_id(tx.conn(), agency, Named::Field("agency")).await?),
        (None, Some(_)) => None,
        _ => {
            return Err(ApiError::invalid_field(
                "agency",
                "give exactly one of agency and function",
            ))
        }
    };
    let source = source_id(tx.conn(), &input.source).await?;
    let (function_sv, function_en) = function.map_or((None, None), |f| (Some(f.sv), f.en));
    let id = sqlx::query_scalar!(
        "insert into participations (body_id, agency_id, function_name_sv, function_name_en, role,
                                     valid_from, valid_from_precision, valid_to, valid_to_precision, source_id)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) returning id",
        body_id, agency, function_sv, function_en, input.role.unwrap_or(Role::Member).as_str(),
        valid_from, valid_from_precision, valid_to, valid_to_precision, source,
    )
    .fetch_one(tx.conn())
    .await?;
    let participation = fetch_participation(tx.conn(), id).await?;
    tx.commit(
        StatusCode::CREATED,
        Some(format!("/v1/participations/{id}")),
        &participation,
    )
    .await
}

/// Change or end a participation
#[utoipa::path(
    patch, path = "/v1/participations/{id}", tag = "records",
    request_body(content = ParticipationPatch, content_type = "application/merge-patch+json", example = json!({"valid_to": "2027-01-01"})),
    responses(
        (status = 200, description = "Changed", body = Participation),
    )
)]
#[tracing::instrument(skip_all)]
pub async fn update_participation(
    write: WriteRequest,
    RecordId(id): RecordId,
) -> Result<HttpResponse, ApiError> {
    let patch: ParticipationPatch = write.body()?;
    let mut tx = begin_write!(write);
    let current = fetch_participation(tx.conn(), id).await?;
    tx.check_if_match(&current)?;
    let from = patched(current.period.valid_from, patch.valid_from);
    let to = patched(current.period.valid_to, patch.valid_to);
    check_period(from.as_ref(), to.as_ref(), "valid_to")?;
    let source = match &patch.source {
        Some(source) => source_id(tx.conn(), source).await?,
        None => current.source_id,
    };
    let role = patch
        .role
        .map_or(current.role.clone(), |role| role.as_str().to_owned());
    let (valid_from, valid_from_precision) = stored(from.as_ref());
    let (valid_to, valid_to_precision) = stored(to.as_ref());
    sqlx::query!(
        "update participations set role = $2, valid_from = $3, valid_from_precision = $4, valid_to = $5,
                valid_to_precision = $6, source_id = $7
         where id = $1",
        id, role, valid_from, valid_from_precision, valid_to, valid_to_precision, source,
    )
    .execute(tx.conn())
    .await?;
    let participation = fetch_participation(tx.conn(), id).await?;
    tx.commit(StatusCode::OK, None, &participation).await
}

/// Delete a participation recorded by mistake
#[utoipa::path(delete, path = "/v1/participations/{id}", tag = "records", responses())]
#[tracing::instrument(skip_all)]
pub async fn delete_participation(
    write: WriteRequest,
    RecordId(id): RecordId,
) -> Result<HttpResponse, ApiError> {
    let mut tx = begin_write!(write);
    let current = fetch_participation(tx.conn(), id).await?;
    tx.check_if_match(&current)?;
    sqlx::query!("delete from participations where id = $1", id)
        .execute(tx.conn())
        .await?;
    tx.commit_empty().await
}
