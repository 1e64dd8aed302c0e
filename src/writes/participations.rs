//! Writing participations: an agency, or a function that is not one agency,
//! taking part in a body (such as the NMT) with a role over a period.

use chrono::NaiveDate;
use serde::Deserialize;
use sqlx::PgConnection;
use utoipa::ToSchema;
use uuid::Uuid;

use super::{id_of, source_id, valid, Named, Resource};
use crate::begin_write;
use crate::domain::{PartialDate, Period, Reference, Role};
use crate::error::ApiError;
use crate::http::body::{nullable, TextInput};
use crate::http::params::RecordId;
use crate::http::Reply;
use crate::views::records::{fetch_participation, Participation};
use crate::writes::transaction::{Fetched, Located, WriteRequest};

/// A new participation: give exactly one of `agency` and `function`.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewParticipation {
    /// The body (UUID or slug).
    #[schema(example = "nmt")]
    pub body: Reference,
    #[schema(example = "arbetsmiljoverket")]
    pub agency: Option<Reference>,
    /// A function that takes part and is not one agency.
    pub function: Option<TextInput>,
    /// Default `member`.
    pub role: Option<Role>,
    pub valid_from: Option<PartialDate>,
    pub valid_to: Option<PartialDate>,
    #[schema(example = "2018-01-08-nationella-uppdrag-flyttar")]
    pub source: Reference,
}

/// Changes to a participation (JSON merge patch). Setting `valid_to` ends it.
#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ParticipationPatch {
    #[schema(nullable = false)]
    pub role: Option<Role>,
    #[serde(default, deserialize_with = "nullable")]
    pub valid_from: Option<Option<PartialDate>>,
    #[serde(default, deserialize_with = "nullable")]
    #[schema(example = "2027-01-01")]
    pub valid_to: Option<Option<PartialDate>>,
    #[schema(nullable = false)]
    pub source: Option<Reference>,
}

/// Record a participation in a body
#[utoipa::path(
    post, path = "/v1/participations",
    request_body(content = NewParticipation, example = json!({
        "body": "nmt", "agency": "skatteverket", "role": "member", "valid_from": "2027-01-01",
        "source": "2018-01-08-nationella-uppdrag-flyttar"
    })),
    responses()
)]
#[tracing::instrument(skip_all)]
pub async fn create_participation(write: WriteRequest) -> Reply {
    let input: NewParticipation = write.body()?;
    let period = valid(Period::new(input.valid_from, input.valid_to))?;
    let mut tx = begin_write!(write);
    tx.as_registrar("record participations")?;
    let body_id = id_of(tx.conn(), Resource::Body, &input.body, Named::Field("body")).await?;
    let agency = match (&input.agency, &input.function) {
        (Some(agency), None) => {
            Some(id_of(tx.conn(), Resource::Agency, agency, Named::Field("agency")).await?)
        }
        (None, Some(_)) => None,
        _ => {
            return Err(ApiError::invalid_field(
                "agency",
                "give exactly one of agency and function",
            ))
        }
    };
    let source = source_id(tx.conn(), &input.source).await?;
    let (function_sv, function_en) = input.function.as_ref().map(TextInput::columns).unzip();
    let id = sqlx::query_scalar!(
        "insert into participations (body_id, agency_id, function_name_sv, function_name_en, role,
                                     valid_from, valid_from_precision, valid_to, valid_to_precision, source_id)
         values ($1, $2, $3, $4, $5, partial_date_day($6), partial_date_precision($6),
                 partial_date_day($7), partial_date_precision($7), $8)
         returning id",
        body_id, agency, function_sv, function_en.flatten(), input.role.unwrap_or(Role::Member).as_str(),
        period.valid_from as _, period.valid_to as _, source,
    )
    .fetch_one(tx.conn())
    .await?;
    tx.created(id, participation).await
}

/// Change or end a participation
#[utoipa::path(
    patch, path = "/v1/participations/{id}",
    request_body(content = ParticipationPatch, example = json!({"valid_to": "2027-01-01"})),
    responses()
)]
#[tracing::instrument(skip_all)]
pub async fn update_participation(write: WriteRequest, RecordId(id): RecordId) -> Reply {
    let patch: ParticipationPatch = write.body()?;
    let mut tx = begin_write!(write);
    tx.as_registrar("change participations")?;
    let current = tx.current(id, participation).await?;
    let period = valid(current.period.patched(patch.valid_from, patch.valid_to))?;
    let source = tx
        .source_or(patch.source.as_ref(), current.source_id)
        .await?;
    let role = patch.role.unwrap_or(current.role);
    sqlx::query!(
        "update participations set role = $2,
                valid_from = partial_date_day($3), valid_from_precision = partial_date_precision($3),
                valid_to = partial_date_day($4), valid_to_precision = partial_date_precision($4), source_id = $5
         where id = $1",
        id, role.as_str(), period.valid_from as _, period.valid_to as _, source,
    )
    .execute(tx.conn())
    .await?;
    tx.changed(id, participation).await
}

/// Delete a participation recorded by mistake
#[utoipa::path(delete, path = "/v1/participations/{id}", responses())]
#[tracing::instrument(skip_all)]
pub async fn delete_participation(write: WriteRequest, RecordId(id): RecordId) -> Reply {
    let mut tx = begin_write!(write);
    tx.as_registrar("delete participations")?;
    tx.current(id, participation).await?;
    sqlx::query!("delete from participations where id = $1", id)
        .execute(tx.conn())
        .await?;
    tx.deleted().await
}

/// A participation as its writes check `If-Match` against and answer with it.
fn participation(conn: &mut PgConnection, id: Uuid, _: NaiveDate) -> Fetched<'_, Participation> {
    Box::pin(fetch_participation(conn, id))
}

impl Located for Participation {
    fn location(&self) -> String {
        format!("/v1/participations/{}", self.id)
    }
}
