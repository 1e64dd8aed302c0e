//! Single records that writes create and correct, read back as stored:
//! sources, holdings, contact points, participations and lineage links.
//! They name what they link by id, so their ETag changes only when the
//! record does.

use serde::{Deserialize, Serialize};
use sqlx::types::Json;
use sqlx::PgConnection;
use utoipa::ToSchema;
use uuid::Uuid;

use super::shared::{found, LocalizedText, Period, Source};
use crate::domain::{Audience, ContactKind, LineageKind, PartialDate, Reference, Role};
use crate::error::ApiError;

/// One agency's holding of one assignment over a half-open period.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct HoldingRecord {
    pub id: Uuid,
    pub assignment_id: Uuid,
    pub agency_id: Uuid,
    #[serde(flatten)]
    pub period: Period,
    /// The transfer that started this holding, if one did.
    pub started_by_transfer_id: Option<Uuid>,
    /// The transfer that ended it, if one did.
    pub ended_by_transfer_id: Option<Uuid>,
    pub source_id: Uuid,
}

/// A contact point as stored: it belongs to an agency or to an assignment.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct ContactPointRecord {
    pub id: Uuid,
    pub agency_id: Option<Uuid>,
    pub assignment_id: Option<Uuid>,
    pub kind: ContactKind,
    #[schema(example = "020-390 000")]
    pub value: String,
    pub label: Option<LocalizedText>,
    pub audience: Audience,
    #[serde(flatten)]
    pub period: Period,
    pub source_id: Uuid,
}

/// An agency's, or a function's, part in a body.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct Participation {
    pub id: Uuid,
    pub body_id: Uuid,
    /// The agency taking part; null when a function does.
    pub agency_id: Option<Uuid>,
    /// The function taking part (such as the municipal social services), when it is not one agency.
    pub function: Option<LocalizedText>,
    pub role: Role,
    #[serde(flatten)]
    pub period: Period,
    pub source_id: Uuid,
}

/// One agency taking over from another, as recorded.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct LineageLinkRecord {
    pub id: Uuid,
    /// The agency that was taken over from.
    pub predecessor_id: Uuid,
    /// The agency that took over.
    pub successor_id: Uuid,
    pub kind: LineageKind,
    /// When, where the sources say.
    pub effective_on: Option<PartialDate>,
    pub source_id: Uuid,
}

pub async fn fetch_source(
    conn: &mut PgConnection,
    reference: &Reference,
) -> Result<Source, ApiError> {
    let source = sqlx::query_scalar!(
        r#"select source_json(id) as "source!: Json<Source>" from source_named($1)"#,
        reference as _,
    )
    .fetch_optional(conn)
    .await?;
    found(source, || format!("There is no source '{reference}'."))
}

pub async fn fetch_holding(conn: &mut PgConnection, id: Uuid) -> Result<HoldingRecord, ApiError> {
    let holding = sqlx::query_scalar!(
        r#"select jsonb_build_object(
                      'id', id, 'assignment_id', assignment_id, 'agency_id', agency_id,
                      'valid_from', partial_date_text(valid_from, valid_from_precision),
                      'valid_to', partial_date_text(valid_to, valid_to_precision),
                      'started_by_transfer_id', started_by_transfer_id,
                      'ended_by_transfer_id', ended_by_transfer_id, 'source_id', source_id)
                  as "holding!: Json<HoldingRecord>"
           from holdings where id = $1"#,
        id
    )
    .fetch_optional(conn)
    .await?;
    found(holding, || format!("There is no holding {id}."))
}

pub async fn fetch_contact_point(
    conn: &mut PgConnection,
    id: Uuid,
) -> Result<ContactPointRecord, ApiError> {
    let contact_point = sqlx::query_scalar!(
        r#"select jsonb_build_object(
                      'id', id, 'agency_id', agency_id, 'assignment_id', assignment_id,
                      'kind', kind, 'value', value, 'label', localized_json(label_sv, label_en),
                      'audience', audience,
                      'valid_from', partial_date_text(valid_from, valid_from_precision),
                      'valid_to', partial_date_text(valid_to, valid_to_precision), 'source_id', source_id)
                  as "contact_point!: Json<ContactPointRecord>"
           from contact_points where id = $1"#,
        id
    )
    .fetch_optional(conn)
    .await?;
    found(contact_point, || format!("There is no contact point {id}."))
}

pub async fn fetch_participation(
    conn: &mut PgConnection,
    id: Uuid,
) -> Result<Participation, ApiError> {
    let participation = sqlx::query_scalar!(
        r#"select jsonb_build_object(
                      'id', id, 'body_id', body_id, 'agency_id', agency_id,
                      'function', localized_json(function_name_sv, function_name_en), 'role', role,
                      'valid_from', partial_date_text(valid_from, valid_from_precision),
                      'valid_to', partial_date_text(valid_to, valid_to_precision), 'source_id', source_id)
                  as "participation!: Json<Participation>"
           from participations where id = $1"#,
        id
    )
    .fetch_optional(conn)
    .await?;
    found(participation, || format!("There is no participation {id}."))
}

pub async fn fetch_lineage_link(
    conn: &mut PgConnection,
    id: Uuid,
) -> Result<LineageLinkRecord, ApiError> {
    let link = sqlx::query_scalar!(
        r#"select jsonb_build_object(
                      'id', id, 'predecessor_id', predecessor_id, 'successor_id', successor_id,
                      'kind', kind,
                      'effective_on', partial_date_text(effective_on, effective_on_precision),
                      'source_id', source_id)
                  as "link!: Json<LineageLinkRecord>"
           from agency_lineage where id = $1"#,
        id
    )
    .fetch_optional(conn)
    .await?;
    found(link, || format!("There is no lineage link {id}."))
}
