//! Single records that writes create and correct, read back as stored:
//! sources, holdings, contact points and participations. They name what they
//! link by id, so their ETag changes only when the record does.

use serde::Serialize;
use sqlx::PgConnection;
use utoipa::ToSchema;
use uuid::Uuid;

use super::shared::{LocalizedText, Period, Source};
use crate::domain::{Audience, ContactKind, PartialDate, Reference, Role};
use crate::error::ApiError;

/// One agency's holding of one assignment over a half-open period.
#[derive(Debug, Serialize, ToSchema)]
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
#[derive(Debug, Serialize, ToSchema)]
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
#[derive(Debug, Serialize, ToSchema)]
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

pub async fn fetch_source(
    conn: &mut PgConnection,
    reference: &Reference,
) -> Result<Source, ApiError> {
    sqlx::query_as!(
        Source,
        "select id, slug, title, publisher, published_on, url, language, note from sources
         where id = $1 or slug = $2",
        reference.id(),
        reference.slug(),
    )
    .fetch_optional(conn)
    .await?
    .ok_or_else(|| ApiError::NotFound(format!("There is no source '{reference}'.")))
}

pub async fn fetch_holding(conn: &mut PgConnection, id: Uuid) -> Result<HoldingRecord, ApiError> {
    let row = sqlx::query!(
        r#"select id, assignment_id, agency_id, started_by_transfer_id, ended_by_transfer_id, source_id,
                  partial_date_text(valid_from, valid_from_precision) as "valid_from: PartialDate",
                  partial_date_text(valid_to, valid_to_precision) as "valid_to: PartialDate"
           from holdings where id = $1"#,
        id
    )
    .fetch_optional(conn)
    .await?
    .ok_or_else(|| ApiError::NotFound(format!("There is no holding {id}.")))?;
    Ok(HoldingRecord {
        id: row.id,
        assignment_id: row.assignment_id,
        agency_id: row.agency_id,
        period: Period::new(row.valid_from, row.valid_to),
        started_by_transfer_id: row.started_by_transfer_id,
        ended_by_transfer_id: row.ended_by_transfer_id,
        source_id: row.source_id,
    })
}

pub async fn fetch_contact_point(
    conn: &mut PgConnection,
    id: Uuid,
) -> Result<ContactPointRecord, ApiError> {
    let row = sqlx::query!(
        r#"select id, agency_id, assignment_id, kind as "kind: ContactKind", value, label_sv, label_en,
                  audience as "audience: Audience", source_id,
                  partial_date_text(valid_from, valid_from_precision) as "valid_from: PartialDate",
                  partial_date_text(valid_to, valid_to_precision) as "valid_to: PartialDate"
           from contact_points where id = $1"#,
        id
    )
    .fetch_optional(conn)
    .await?
    .ok_or_else(|| ApiError::NotFound(format!("There is no contact point {id}.")))?;
    Ok(ContactPointRecord {
        id: row.id,
        agency_id: row.agency_id,
        assignment_id: row.assignment_id,
        kind: row.kind,
        value: row.value,
        label: LocalizedText::optional(row.label_sv, row.label_en),
        audience: row.audience,
        period: Period::new(row.valid_from, row.valid_to),
        source_id: row.source_id,
    })
}

pub async fn fetch_participation(
    conn: &mut PgConnection,
    id: Uuid,
) -> Result<Participation, ApiError> {
    let row = sqlx::query!(
        r#"select id, body_id, agency_id, function_name_sv, function_name_en, role as "role: Role", source_id,
                  partial_date_text(valid_from, valid_from_precision) as "valid_from: PartialDate",
                  partial_date_text(valid_to, valid_to_precision) as "valid_to: PartialDate"
           from participations where id = $1"#,
        id
    )
    .fetch_optional(conn)
    .await?
    .ok_or_else(|| ApiError::NotFound(format!("There is no participation {id}.")))?;
    Ok(Participation {
        id: row.id,
        body_id: row.body_id,
        agency_id: row.agency_id,
        function: LocalizedText::optional(row.function_name_sv, row.function_name_en),
        role: row.role,
        period: Period::new(row.valid_from, row.valid_to),
        source_id: row.source_id,
    })
}
