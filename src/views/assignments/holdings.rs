//! Who holds an assignment: on one date, or over its whole history.

use chrono::NaiveDate;
use serde::Serialize;
use sqlx::PgConnection;
use utoipa::ToSchema;
use uuid::Uuid;

use crate::domain::PartialDate;
use crate::error::ApiError;
use crate::views::shared::{
    cited, sources_by_id, AgencyRef, AssignmentRef, LocalizedText, Period, Source, TransferRef,
};

/// Who holds an assignment over a period.
#[derive(Debug, Serialize, ToSchema)]
pub struct Holding {
    pub agency: AgencyRef,
    /// The holding's period: the holder holds the assignment from
    /// `valid_from` up to, not including, `valid_to`.
    #[serde(flatten)]
    pub period: Period,
    /// The transfer that started the holding, if one did.
    pub started_by_transfer: Option<TransferRef>,
    /// The transfer that ended it, if one did.
    pub ended_by_transfer: Option<TransferRef>,
    pub source: Source,
}

/// The answer to "who holds this assignment on that date?".
#[derive(Debug, Serialize, ToSchema)]
pub struct Holder {
    pub assignment: AssignmentRef,
    #[schema(example = "2018-01-01")]
    pub at: NaiveDate,
    #[serde(flatten)]
    pub holding: Holding,
}

/// The holding of an assignment on `at`, if anybody held it. The schema
/// allows one holder at a time; finding two is a bug, reported as one.
pub async fn holding_on(
    conn: &mut PgConnection,
    assignment: Uuid,
    at: NaiveDate,
) -> Result<Option<Holding>, ApiError> {
    let mut found = holdings(conn, assignment, Some(at)).await?;
    if found.len() > 1 {
        let count = found.len();
        return Err(ApiError::Internal(anyhow::anyhow!(
            "assignment {assignment} has {count} holders on {at}"
        )));
    }
    Ok(found.pop())
}

/// An assignment's holdings, oldest first: all of them, or the one on `at`.
/// Each holder is named as it was during its holding.
#[tracing::instrument(skip(conn))]
pub async fn holdings(
    conn: &mut PgConnection,
    assignment: Uuid,
    at: Option<NaiveDate>,
) -> Result<Vec<Holding>, ApiError> {
    let rows = sqlx::query!(
        r#"
        select partial_date_text(h.valid_from, h.valid_from_precision) as "valid_from: PartialDate",
               partial_date_text(h.valid_to, h.valid_to_precision) as "valid_to: PartialDate", h.source_id,
               ag.id as agency_id, ag.slug as agency_slug, n.name_sv as "name_sv!", n.name_en,
               st.id as "started_id?", st.slug as "started_slug?", st.effective_on as "started_on?",
               et.id as "ended_id?", et.slug as "ended_slug?", et.effective_on as "ended_on?"
        from holdings h
        join agencies ag on ag.id = h.agency_id
        cross join lateral agency_name_on(ag.id, coalesce($2, h.valid_from, h.valid_to - 1, current_date)) n
        left join transfers st on st.id = h.started_by_transfer_id
        left join transfers et on et.id = h.ended_by_transfer_id
        where h.assignment_id = $1
          and ($2::date is null or daterange(h.valid_from, h.valid_to, '[)') @> $2::date)
        order by h.valid_from nulls first
        "#,
        assignment,
        at,
    )
    .fetch_all(&mut *conn)
    .await?;

    let source_ids: Vec<Uuid> = rows.iter().map(|row| row.source_id).collect();
    let sources = sources_by_id(conn, &source_ids).await?;
    rows.into_iter()
        .map(|row| {
            Ok(Holding {
                agency: AgencyRef {
                    id: row.agency_id,
                    slug: row.agency_slug,
                    name: LocalizedText::new(row.name_sv, row.name_en),
                },
                period: Period::new(row.valid_from, row.valid_to),
                started_by_transfer: TransferRef::joined(
                    row.started_id,
                    row.started_slug,
                    row.started_on,
                ),
                ended_by_transfer: TransferRef::joined(row.ended_id, row.ended_slug, row.ended_on),
                source: cited(&sources, row.source_id)?,
            })
        })
        .collect()
}

pub fn no_holder(assignment: &AssignmentRef, at: NaiveDate) -> ApiError {
    ApiError::NoHolder(format!(
        "Nobody is recorded as holding the assignment '{}' on {at}.",
        assignment.slug
    ))
}
