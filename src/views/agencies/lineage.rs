//! Which agencies took over from which.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use sqlx::types::Json;
use sqlx::PgConnection;
use utoipa::ToSchema;
use uuid::Uuid;

use crate::domain::{LineageKind, PartialDate, Reference};
use crate::error::ApiError;
use crate::views::shared::{AgencyRef, Source};

/// One agency taking over from another.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct LineageLink {
    /// Names the link in `/v1/lineage-links/{id}`, where registrars
    /// correct it.
    pub id: Uuid,
    pub predecessor: AgencyRef,
    pub successor: AgencyRef,
    #[schema(example = "merged_into")]
    pub kind: LineageKind,
    /// When, where the sources say.
    pub effective_on: Option<PartialDate>,
    /// How many links from the agency asked about: 1 for its own.
    pub generation: i32,
    pub source: Source,
}

/// An agency's lineage: every chain back to its predecessors and on to its
/// successors.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct AgencyLineage {
    pub agency: AgencyRef,
    #[schema(example = "2010-04-01")]
    pub at: NaiveDate,
    /// Links back, nearest first.
    pub predecessors: Vec<LineageLink>,
    /// Links on, nearest first.
    pub successors: Vec<LineageLink>,
}

/// How far lineage chains are followed.
const LINEAGE_GENERATIONS: i32 = 20;

/// The whole lineage of the agency `reference` names, names as on `at`.
/// One statement.
#[tracing::instrument(skip(conn))]
pub async fn lineage(
    conn: &mut PgConnection,
    reference: &Reference,
    at: NaiveDate,
) -> Result<AgencyLineage, ApiError> {
    let row = sqlx::query!(
        r#"select agency_ref_json(a.id, $2) as "agency!: Json<AgencyRef>",
                  lineage_json(a.id, $2, true, $3) as "predecessors!: Json<Vec<LineageLink>>",
                  lineage_json(a.id, $2, false, $3) as "successors!: Json<Vec<LineageLink>>"
           from agency_named($1) a"#,
        reference as _,
        at,
        LINEAGE_GENERATIONS,
    )
    .fetch_optional(&mut *conn)
    .await?;
    let Some(row) = row else {
        return Err(super::unknown(conn, reference, at).await);
    };
    Ok(AgencyLineage {
        agency: row.agency.0,
        at,
        predecessors: row.predecessors.0,
        successors: row.successors.0,
    })
}
