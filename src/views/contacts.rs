//! Contact points: how to reach an agency, or whoever holds an assignment.
//! They are read through their owners (`/v1/agencies/{id}/contacts`,
//! `/v1/assignments/{id}/contacts`); this module holds their shape and query.

use chrono::NaiveDate;
use serde::Serialize;
use sqlx::PgConnection;
use utoipa::ToSchema;
use uuid::Uuid;

use super::shared::{
    cited, sources_by_id, AgencyRef, AssignmentRef, LocalizedText, Period, Source,
};
use crate::domain::{Audience, ContactKind, PartialDate};
use crate::error::ApiError;

/// One way to reach someone, valid over its own period.
#[derive(Debug, Serialize, ToSchema)]
pub struct ContactPoint {
    pub id: Uuid,
    pub kind: ContactKind,
    /// The address, number, e-mail address or URL.
    #[schema(example = "020-390 000")]
    pub value: String,
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
    let rows = sqlx::query!(
        r#"
        select c.id, c.kind as "kind: ContactKind", c.value, c.label_sv, c.label_en,
               c.audience as "audience: Audience", c.source_id,
               partial_date_text(c.valid_from, c.valid_from_precision) as "valid_from: PartialDate",
               partial_date_text(c.valid_to, c.valid_to_precision) as "valid_to: PartialDate",
               ag.id as "agency_id?", ag.slug as "agency_slug?", an.name_sv as "agency_name_sv?", an.name_en as "agency_name_en?",
               s.id as "assignment_id?", s.slug as "assignment_slug?", v.title_sv as "assignment_title_sv?", v.title_en as "assignment_title_en?"
        from contact_points c
        left join agencies ag on ag.id = c.agency_id
        left join lateral agency_name_on(ag.id, $3) an on true
        left join assignments s on s.id = c.assignment_id
        left join lateral assignment_version_on(s.id, $3) v on true
        where (c.assignment_id = any($1) or c.agency_id = $2)
          and daterange(c.valid_from, c.valid_to, '[)') @> $3::date
        order by c.assignment_id is null, s.slug, c.kind, c.value
        "#,
        assignment_ids,
        agency_id,
        at,
    )
    .fetch_all(&mut *conn)
    .await?;

    let source_ids: Vec<Uuid> = rows.iter().map(|row| row.source_id).collect();
    let sources = sources_by_id(conn, &source_ids).await?;
    rows.into_iter()
        .map(|row| {
            Ok(ContactPoint {
                id: row.id,
                kind: row.kind,
                value: row.value,
                label: LocalizedText::optional(row.label_sv, row.label_en),
                audience: row.audience,
                period: Period::new(row.valid_from, row.valid_to),
                agency: AgencyRef::joined(
                    row.agency_id,
                    row.agency_slug,
                    row.agency_name_sv,
                    row.agency_name_en,
                ),
                assignment: AssignmentRef::joined(
                    row.assignment_id,
                    row.assignment_slug,
                    row.assignment_title_sv,
                    row.assignment_title_en,
                ),
                source: cited(&sources, row.source_id)?,
            })
        })
        .collect()
}
