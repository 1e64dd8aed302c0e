//! An assignment's timeline: holders, title and scope versions, transfers.

use chrono::NaiveDate;
use serde::Serialize;
use sqlx::PgConnection;
use utoipa::ToSchema;
use uuid::Uuid;

use super::detail::AssignmentVersion;
use super::holdings::{holdings, Holding};
use crate::domain::PartialDate;
use crate::error::ApiError;
use crate::views::shared::{
    cited, sources_by_id, AgencyRef, AssignmentRef, LocalizedText, Period, Source,
};

/// A transfer as it appears in an assignment's history.
#[derive(Debug, Serialize, ToSchema)]
pub struct TransferEvent {
    pub id: Uuid,
    #[schema(example = "2018-01-01-lansstyrelsen-stockholm-till-jamstalldhetsmyndigheten")]
    pub slug: String,
    #[schema(example = "2018-01-01")]
    pub effective_on: NaiveDate,
    pub from_agency: AgencyRef,
    pub to_agency: AgencyRef,
    pub source: Source,
}

/// An assignment's timeline.
#[derive(Debug, Serialize, ToSchema)]
pub struct AssignmentHistory {
    /// The assignment, with its title today.
    pub assignment: AssignmentRef,
    /// Every holder, oldest first; each agency named as it was when it held
    /// the assignment.
    pub holders: Vec<Holding>,
    /// Every title and scope, oldest first.
    pub versions: Vec<AssignmentVersion>,
    /// Every transfer that moved the assignment, oldest first.
    pub transfers: Vec<TransferEvent>,
}

/// Every holder, version and transfer of `assignment`, oldest first.
#[tracing::instrument(skip(conn))]
pub async fn fetch_history(
    conn: &mut PgConnection,
    assignment: AssignmentRef,
) -> Result<AssignmentHistory, ApiError> {
    let holders = holdings(conn, assignment.id, None).await?;

    let version_rows = sqlx::query!(
        r#"
        select title_sv, title_en, scope_sv, scope_en,
               partial_date_text(valid_from, valid_from_precision) as "valid_from: PartialDate",
               partial_date_text(valid_to, valid_to_precision) as "valid_to: PartialDate", source_id
        from assignment_versions
        where assignment_id = $1
        order by valid_from nulls first
        "#,
        assignment.id,
    )
    .fetch_all(&mut *conn)
    .await?;

    let transfer_rows = sqlx::query!(
        r#"
        select t.id, t.slug, t.effective_on, t.source_id,
               fa.id as from_id, fa.slug as from_slug, fan.name_sv as "from_name_sv!", fan.name_en as from_name_en,
               ta.id as to_id, ta.slug as to_slug, tan.name_sv as "to_name_sv!", tan.name_en as to_name_en
        from transfer_items ti
        join transfers t on t.id = ti.transfer_id
        join agencies fa on fa.id = t.from_agency_id
        cross join lateral agency_name_on(fa.id, t.effective_on - 1) fan
        join agencies ta on ta.id = t.to_agency_id
        cross join lateral agency_name_on(ta.id, t.effective_on) tan
        where ti.assignment_id = $1
        order by t.effective_on, t.slug
        "#,
        assignment.id,
    )
    .fetch_all(&mut *conn)
    .await?;

    let source_ids: Vec<Uuid> = version_rows
        .iter()
        .map(|row| row.source_id)
        .chain(transfer_rows.iter().map(|row| row.source_id))
        .collect();
    let sources = sources_by_id(conn, &source_ids).await?;

    let versions = version_rows
        .into_iter()
        .map(|row| {
            Ok(AssignmentVersion {
                title: LocalizedText::new(row.title_sv, row.title_en),
                scope: LocalizedText::optional(row.scope_sv, row.scope_en),
                period: Period::new(row.valid_from, row.valid_to),
                source: cited(&sources, row.source_id)?,
            })
        })
        .collect::<Result<Vec<_>, ApiError>>()?;
    let transfers = transfer_rows
        .into_iter()
        .map(|row| {
            Ok(TransferEvent {
                id: row.id,
                slug: row.slug,
                effective_on: row.effective_on,
                from_agency: AgencyRef {
                    id: row.from_id,
                    slug: row.from_slug,
                    name: LocalizedText::new(row.from_name_sv, row.from_name_en),
                },
                to_agency: AgencyRef {
                    id: row.to_id,
                    slug: row.to_slug,
                    name: LocalizedText::new(row.to_name_sv, row.to_name_en),
                },
                source: cited(&sources, row.source_id)?,
            })
        })
        .collect::<Result<Vec<_>, ApiError>>()?;

    Ok(AssignmentHistory {
        assignment,
        holders,
        versions,
        transfers,
    })
}
