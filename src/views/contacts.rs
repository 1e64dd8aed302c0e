//! Contact points: how to reach an agency, or whoever holds an assignment.
//! They are read through their owners (`/v1/agencies/{id}/contacts`,
//! `/v1/assignments/{id}/contacts`); this module holds their shape and query.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use sqlx::types::Json;
use sqlx::PgConnection;
use utoipa::ToSchema;
use uuid::Uuid;

use super::shared::{AgencyRef, AssignmentRef, LocalizedText, Period, Source};
use crate::domain::{Audience, ContactKind, PhoneNumber};
use crate::error::ApiError;

/// One way to reach someone, valid over its own period.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct ContactPoint {
    pub id: Uuid,
    pub kind: ContactKind,
    /// The address, number, e-mail address or URL. Numbers from the
    /// national registers are in E.164 (`+46771921921`).
    #[schema(example = "020-390 000")]
    pub value: String,
    /// A stored number as people write it: Swedish numbers in the national
    /// format (`0771-92 19 21`, the short `114 14`), others in E.164. Null
    /// for other kinds.
    #[serde(default)]
    #[schema(example = "0771-92 19 21")]
    pub formatted: Option<String>,
    /// What it is for.
    pub label: Option<LocalizedText>,
    pub audience: Audience,
    #[serde(flatten)]
    pub period: Period,
    /// The agency this contact point belongs to, when it is an agency's.
    pub agency: Option<AgencyRef>,
    /// The assignment this contact point belongs to, when it is an
    /// assignment's (it moves with the assignment).
    pub assignment: Option<AssignmentRef>,
    pub source: Source,
}

/// The contact points valid on `at` that belong to any of `assignment_ids`
/// or to `agency_id`: the assignments' own first, then the agency's.
#[tracing::instrument(skip(conn))]
pub async fn contact_points_on(
    conn: &mut PgConnection,
    assignment_ids: &[Uuid],
    agency_id: Option<Uuid>,
    at: NaiveDate,
) -> Result<Vec<ContactPoint>, ApiError> {
    let contact_points = sqlx::query_scalar!(
        r#"
        select jsonb_build_object(
                   'id', c.id, 'kind', c.kind, 'value', c.value, 'label', localized_json(c.label_sv, c.label_en),
                   'audience', c.audience,
                   'valid_from', partial_date_text(c.valid_from, c.valid_from_precision),
                   'valid_to', partial_date_text(c.valid_to, c.valid_to_precision),
                   'agency', agency_ref_json(c.agency_id, $3),
                   'assignment', assignment_ref_json(c.assignment_id, $3),
                   'source', source_json(c.source_id))
               as "contact_point!: Json<ContactPoint>"
        from contact_points c
        left join assignments s on s.id = c.assignment_id
        where (c.assignment_id = any($1) or c.agency_id = $2)
          and owned_span(c.agency_id, c.assignment_id, c.valid_from, c.valid_to) @> $3::date
        order by c.assignment_id is null, s.slug, c.kind, c.value
        "#,
        assignment_ids,
        agency_id,
        at,
    )
    .fetch_all(conn)
    .await?;
    Ok(contact_points
        .into_iter()
        .map(|Json(contact_point)| contact_point.formatted())
        .collect())
}

impl ContactPoint {
    /// Fills in `formatted` for a number stored in E.164.
    fn formatted(mut self) -> Self {
        let is_number = matches!(self.kind, ContactKind::Phone | ContactKind::Hotline);
        let stored = self.value.starts_with('+') || self.value.chars().all(|c| c.is_ascii_digit());
        if is_number && stored {
            self.formatted = PhoneNumber::parse(&self.value)
                .ok()
                .map(|number| number.national());
        }
        self
    }
}
