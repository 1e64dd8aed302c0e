//! An assignment's timeline: holders, title and scope versions, transfers.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use sqlx::types::Json;
use sqlx::PgConnection;
use utoipa::ToSchema;
use uuid::Uuid;

use super::detail::AssignmentVersion;
use super::holdings::Holding;
use crate::domain::Reference;
use crate::error::ApiError;
use crate::views::shared::{AgencyRef, AssignmentRef, Source};

/// A transfer as it appears in an assignment's history.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
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

/// Every holder, version and transfer of the assignment `reference` names,
/// oldest first; its title as of `today`. One statement.
#[tracing::instrument(skip(conn))]
pub async fn fetch_history(
    conn: &mut PgConnection,
    reference: &Reference,
    today: NaiveDate,
) -> Result<AssignmentHistory, ApiError> {
    let row = sqlx::query!(
        r#"
        select assignment_ref_json(a.id, $2) as "assignment!: Json<AssignmentRef>",
               (select coalesce(jsonb_agg(holding_json(h.id, null) order by h.valid_from nulls first), '[]')
                from holdings h
                where h.assignment_id = a.id) as "holders!: Json<Vec<Holding>>",
               (select coalesce(jsonb_agg(assignment_version_json(v.id) order by v.valid_from nulls first), '[]')
                from assignment_versions v
                where v.assignment_id = a.id) as "versions!: Json<Vec<AssignmentVersion>>",
               (select coalesce(jsonb_agg(jsonb_build_object(
                           'id', t.id, 'slug', t.slug, 'effective_on', t.effective_on,
                           'from_agency', agency_ref_json(t.from_agency_id, t.effective_on - 1),
                           'to_agency', agency_ref_json(t.to_agency_id, t.effective_on),
                           'source', source_json(t.source_id))
                       order by t.effective_on, t.slug), '[]')
                from transfer_items ti
                join transfers t on t.id = ti.transfer_id
                where ti.assignment_id = a.id) as "transfers!: Json<Vec<TransferEvent>>"
        from assignment_named($1) a
        "#,
        reference as _,
        today,
    )
    .fetch_optional(&mut *conn)
    .await?;
    let Some(row) = row else {
        return Err(super::unknown(conn, reference, today).await);
    };
    Ok(AssignmentHistory {
        assignment: row.assignment.0,
        holders: row.holders.0,
        versions: row.versions.0,
        transfers: row.transfers.0,
    })
}
