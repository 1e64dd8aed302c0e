//! Writing contact points: add one to an agency or to an assignment (it then
//! moves with the assignment), change or end it, delete one added by mistake.

use chrono::NaiveDate;
use serde::Deserialize;
use sqlx::PgConnection;
use utoipa::ToSchema;
use uuid::Uuid;

use super::{id_of, patched_text, source_id, today, valid, Named, Resource};
use crate::begin_write;
use crate::domain::{Audience, ContactKind, ContactValue, PartialDate, Period, Reference, Text};
use crate::error::ApiError;
use crate::http::body::{nullable, TextInput};
use crate::http::params::RecordId;
use crate::http::Reply;
use crate::views::records::{fetch_contact_point, ContactPointRecord};
use crate::writes::transaction::{Fetched, Located, WriteRequest, WriteTx};

/// A new contact point: give exactly one of `agency` and `assignment`.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewContactPoint {
    #[schema(example = "jamstalldhetsmyndigheten")]
    pub agency: Option<Reference>,
    pub assignment: Option<Reference>,
    pub kind: ContactKind,
    /// What fits the kind: a telephone number (`phone`, `hotline`), an
    /// e-mail address (`email`), a web address that starts with `https://`
    /// or `http://` (`website`), or an address as written.
    #[schema(example = "info@jamy.se")]
    pub value: Text,
    pub label: Option<TextInput>,
    /// Default `public`.
    pub audience: Option<Audience>,
    pub valid_from: Option<PartialDate>,
    pub valid_to: Option<PartialDate>,
    #[schema(example = "2018-01-08-nationella-uppdrag-flyttar")]
    pub source: Reference,
}

/// Changes to a contact point (JSON merge patch). Setting `valid_to` ends it.
#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ContactPointPatch {
    #[schema(nullable = false)]
    pub kind: Option<ContactKind>,
    /// What fits the kind, as for a new contact point. A change of `kind`
    /// alone must fit the value already there.
    #[schema(nullable = false)]
    pub value: Option<Text>,
    #[serde(default, deserialize_with = "nullable")]
    pub label: Option<Option<TextInput>>,
    #[schema(nullable = false)]
    pub audience: Option<Audience>,
    #[serde(default, deserialize_with = "nullable")]
    pub valid_from: Option<Option<PartialDate>>,
    #[serde(default, deserialize_with = "nullable")]
    #[schema(example = "2027-01-01")]
    pub valid_to: Option<Option<PartialDate>>,
    #[schema(nullable = false)]
    pub source: Option<Reference>,
}

/// Refuses (403) a token that may not act for the contact point's owner:
/// its agency, or the agency that holds its assignment today (a contact
/// point of an assignment nobody holds is a registrar's to change).
async fn act_for_owner(
    tx: &mut WriteTx,
    agency: Option<Uuid>,
    assignment: Option<Uuid>,
) -> Result<(), ApiError> {
    let owner = match (agency, assignment) {
        (Some(agency), _) => Some(agency),
        (None, Some(assignment)) => sqlx::query_scalar!(
            "select agency_id from holding_on($1, $2)",
            assignment,
            today(),
        )
        .fetch_optional(tx.conn())
        .await?
        .flatten(),
        (None, None) => None,
    };
    match owner {
        Some(owner) => tx.act_for(owner).await,
        None => tx.as_registrar("change the contact points of an assignment nobody holds"),
    }
}

/// Add a contact point
#[utoipa::path(
    post, path = "/v1/contact-points",
    request_body(content = NewContactPoint, example = json!({
        "agency": "jamstalldhetsmyndigheten",
        "kind": "email",
        "value": "registrator@jamy.se",
        "valid_from": "2027-01-01",
        "source": "2018-01-08-nationella-uppdrag-flyttar"
    })),
    responses()
)]
#[tracing::instrument(skip_all)]
pub async fn create_contact_point(write: WriteRequest) -> Reply {
    let input: NewContactPoint = write.body()?;
    let period = valid(Period::new(input.valid_from, input.valid_to))?;
    let value = checked(input.kind, input.value.to_string(), "value")?;
    let mut tx = begin_write!(write);
    let (agency, assignment) = match (&input.agency, &input.assignment) {
        (Some(agency), None) => (
            Some(id_of(tx.conn(), Resource::Agency, agency, Named::Field("agency")).await?),
            None,
        ),
        (None, Some(assignment)) => (
            None,
            Some(
                id_of(
                    tx.conn(),
                    Resource::Assignment,
                    assignment,
                    Named::Field("assignment"),
                )
                .await?,
            ),
        ),
        _ => {
            return Err(ApiError::invalid_field(
                "agency",
                "give exactly one of agency and assignment",
            ))
        }
    };
    act_for_owner(&mut tx, agency, assignment).await?;
    let source = source_id(tx.conn(), &input.source).await?;
    let (label_sv, label_en) = input.label.as_ref().map(TextInput::columns).unzip();
    let id = sqlx::query_scalar!(
        "insert into contact_points (agency_id, assignment_id, kind, value, label_sv, label_en, audience,
                                     valid_from, valid_from_precision, valid_to, valid_to_precision, source_id)
         values ($1, $2, $3, $4, $5, $6, $7, partial_date_day($8), partial_date_precision($8),
                 partial_date_day($9), partial_date_precision($9), $10)
         returning id",
        agency, assignment, input.kind.as_str(), value, label_sv, label_en.flatten(),
        input.audience.unwrap_or(Audience::Public).as_str(),
        period.valid_from as _, period.valid_to as _, source,
    )
    .fetch_one(tx.conn())
    .await?;
    tx.created(id, contact_point).await
}

/// Change or end a contact point
#[utoipa::path(
    patch, path = "/v1/contact-points/{id}",
    request_body(content = ContactPointPatch, example = json!({"value": "020-390 001"})),
    responses()
)]
#[tracing::instrument(skip_all)]
pub async fn update_contact_point(write: WriteRequest, RecordId(id): RecordId) -> Reply {
    let patch: ContactPointPatch = write.body()?;
    let mut tx = begin_write!(write);
    let current = fetch_contact_point(tx.conn(), id).await?;
    act_for_owner(&mut tx, current.agency_id, current.assignment_id).await?;
    tx.check_if_match(&current, id, contact_point).await?;
    let kind = patch.kind.unwrap_or(current.kind);
    let value = match patch.value {
        Some(value) => checked(kind, value.into_string(), "value")?,
        None if kind != current.kind => checked(kind, current.value, "kind")?,
        None => current.value,
    };
    let (label_sv, label_en) = patched_text(current.label, patch.label);
    let period = valid(current.period.patched(patch.valid_from, patch.valid_to))?;
    let source = tx
        .source_or(patch.source.as_ref(), current.source_id)
        .await?;
    sqlx::query!(
        "update contact_points set kind = $2, value = $3, label_sv = $4, label_en = $5, audience = $6,
                valid_from = partial_date_day($7), valid_from_precision = partial_date_precision($7),
                valid_to = partial_date_day($8), valid_to_precision = partial_date_precision($8), source_id = $9
         where id = $1",
        id, kind.as_str(), value, label_sv, label_en,
        patch.audience.unwrap_or(current.audience).as_str(),
        period.valid_from as _, period.valid_to as _, source,
    )
    .execute(tx.conn())
    .await?;
    tx.changed(id, contact_point).await
}

/// Delete a contact point added by mistake
///
/// To record that a contact point stopped working, set `valid_to` instead.
#[utoipa::path(delete, path = "/v1/contact-points/{id}", responses())]
#[tracing::instrument(skip_all)]
pub async fn delete_contact_point(write: WriteRequest, RecordId(id): RecordId) -> Reply {
    let mut tx = begin_write!(write);
    let current = fetch_contact_point(tx.conn(), id).await?;
    act_for_owner(&mut tx, current.agency_id, current.assignment_id).await?;
    tx.check_if_match(&current, id, contact_point).await?;
    sqlx::query!("delete from contact_points where id = $1", id)
        .execute(tx.conn())
        .await?;
    tx.deleted().await
}

/// `value` if it is usable as a contact of `kind`; else 400 naming `field`,
/// the one the patch changed. (A value stored before it was checked stays
/// as it is until its kind or value is changed.)
fn checked(kind: ContactKind, value: String, field: &str) -> Result<String, ApiError> {
    ContactValue::parse(kind, &value).map_err(|error| ApiError::invalid_field(field, error))?;
    Ok(value)
}

/// A contact point as its writes check `If-Match` against and answer with it.
fn contact_point(
    conn: &mut PgConnection,
    id: Uuid,
    _: NaiveDate,
) -> Fetched<'_, ContactPointRecord> {
    Box::pin(fetch_contact_point(conn, id))
}

impl Located for ContactPointRecord {
    fn location(&self) -> String {
        format!("/v1/contact-points/{}", self.id)
    }
}
