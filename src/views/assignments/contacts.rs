//! How to reach whoever is responsible for an assignment.

use chrono::NaiveDate;
use serde::Serialize;
use sqlx::PgConnection;
use utoipa::ToSchema;
use uuid::Uuid;

use crate::error::ApiError;
use crate::views::contacts::ContactPoint;
use crate::views::shared::{AgencyRef, AssignmentRef};

/// How to reach whoever is responsible for an assignment on a date.
#[derive(Debug, Serialize, ToSchema)]
pub struct AssignmentContacts {
    pub assignment: AssignmentRef,
    #[schema(example = "2018-01-08")]
    pub at: NaiveDate,
    /// Who holds the assignment on `at`.
    pub holder: AgencyRef,
    /// The contact points of the assignment and its parts (such as a hotline,
    /// which moves with its assignment), then the holder's own, all valid on `at`.
    pub items: Vec<ContactPoint>,
}

/// The assignment and all its parts, at any depth.
#[tracing::instrument(skip(conn))]
pub async fn with_parts(conn: &mut PgConnection, assignment: Uuid) -> Result<Vec<Uuid>, ApiError> {
    Ok(sqlx::query_scalar!(
        r#"
        with recursive tree (id) as (
            select $1::uuid
            union
            select s.id from assignments s join tree on s.parent_id = tree.id
        )
        select id as "id!" from tree
        "#,
        assignment,
    )
    .fetch_all(conn)
    .await?)
}
