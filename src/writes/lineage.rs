//! Writing lineage links: which agency took over from which, and how. An
//! ended agency's contacts name its successors from these links, so a
//! registrar who records that one agency replaced another also tells every
//! reader of the old one where to turn.

use chrono::NaiveDate;
use serde::Deserialize;
use sqlx::PgConnection;
use utoipa::ToSchema;
use uuid::Uuid;

use super::{id_of, source_id, Named, Resource};
use crate::begin_write;
use crate::domain::{LineageKind, PartialDate, Reference};
use crate::error::ApiError;
use crate::http::body::nullable;
use crate::http::params::RecordId;
use crate::http::Reply;
use crate::views::records::{fetch_lineage_link, LineageLinkRecord};
use crate::writes::transaction::{Fetched, Located, WriteRequest};

/// One agency taking over from another.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewLineageLink {
    /// The agency taken over from (UUID or slug).
    #[schema(example = "jamstalldhetsmyndigheten")]
    pub predecessor: Reference,
    /// The agency that took over (UUID or slug).
    #[schema(example = "arbetsmiljoverket")]
    pub successor: Reference,
    pub kind: LineageKind,
    /// When; unknown if left out.
    pub effective_on: Option<PartialDate>,
    #[schema(example = "2018-01-08-nationella-uppdrag-flyttar")]
    pub source: Reference,
}

/// Corrections to a lineage link (JSON merge patch). The agencies it links
/// are what it is: to link others, delete it and record another.
#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct LineageLinkPatch {
    #[schema(nullable = false)]
    pub kind: Option<LineageKind>,
    #[serde(default, deserialize_with = "nullable")]
    #[schema(example = "2030-01-01")]
    pub effective_on: Option<Option<PartialDate>>,
    #[schema(nullable = false)]
    pub source: Option<Reference>,
}

/// Record that one agency took over from another
///
/// The predecessor's contacts, once it has ended, name the successor; both
/// agencies' lineage shows the link. Ending the predecessor is a write of
/// its own (`PATCH /v1/agencies/{id}` with `ended_on`). Refused with 409
/// where the two are linked already, or where the successor already comes
/// before the predecessor in their lineage (a circle).
#[utoipa::path(
    post, path = "/v1/lineage-links",
    request_body(content = NewLineageLink, example = json!({
        "predecessor": "jamstalldhetsmyndigheten",
        "successor": "arbetsmiljoverket",
        "kind": "merged_into",
        "effective_on": "2030-01-01",
        "source": "2018-01-08-nationella-uppdrag-flyttar"
    })),
    responses(
        (status = 409, description = "The two are linked already, or the link would close a circle"),
    )
)]
#[tracing::instrument(skip_all)]
pub async fn create_lineage_link(write: WriteRequest) -> Reply {
    let input: NewLineageLink = write.body()?;
    let mut tx = begin_write!(write);
    tx.as_registrar("record lineage")?;
    let predecessor = id_of(
        tx.conn(),
        Resource::Agency,
        &input.predecessor,
        Named::Field("predecessor"),
    )
    .await?;
    let successor = id_of(
        tx.conn(),
        Resource::Agency,
        &input.successor,
        Named::Field("successor"),
    )
    .await?;
    if predecessor == successor {
        return Err(ApiError::invalid_field(
            "successor",
            "must be another agency than the predecessor",
        ));
    }
    let source = source_id(tx.conn(), &input.source).await?;
    refuse_circle(tx.conn(), predecessor, successor).await?;
    let id = sqlx::query_scalar!(
        "insert into agency_lineage (predecessor_id, successor_id, kind, effective_on, effective_on_precision, source_id)
         values ($1, $2, $3, partial_date_day($4), partial_date_precision($4), $5)
         returning id",
        predecessor, successor, input.kind.as_str(), input.effective_on as _, source,
    )
    .fetch_one(tx.conn())
    .await?;
    tx.created(id, lineage_link).await
}

/// A 409 where `successor` already comes before `predecessor`, over any
/// number of links: the link would make an agency its own predecessor.
async fn refuse_circle(
    conn: &mut PgConnection,
    predecessor: Uuid,
    successor: Uuid,
) -> Result<(), ApiError> {
    let circles = sqlx::query_scalar!(
        r#"select lineage_would_circle($1, $2) as "circles!""#,
        predecessor,
        successor,
    )
    .fetch_one(conn)
    .await?;
    if circles {
        return Err(ApiError::conflict(
            "conflict",
            "successor: it already comes before the predecessor in their lineage; \
             a link back would make an agency its own predecessor",
        ));
    }
    Ok(())
}

/// Correct a lineage link
///
/// Its kind, its date or its source. The change log keeps what was
/// recorded before.
#[utoipa::path(
    patch, path = "/v1/lineage-links/{id}",
    request_body(content = LineageLinkPatch, example = json!({"kind": "replaced"})),
    responses()
)]
#[tracing::instrument(skip_all)]
pub async fn update_lineage_link(write: WriteRequest, RecordId(id): RecordId) -> Reply {
    let patch: LineageLinkPatch = write.body()?;
    let mut tx = begin_write!(write);
    tx.as_registrar("correct lineage")?;
    let current = tx.current(id, lineage_link).await?;
    let kind = patch.kind.unwrap_or(current.kind);
    let effective_on = super::patched(current.effective_on, patch.effective_on);
    let source = tx
        .source_or(patch.source.as_ref(), current.source_id)
        .await?;
    sqlx::query!(
        "update agency_lineage set kind = $2, effective_on = partial_date_day($3),
                effective_on_precision = partial_date_precision($3), source_id = $4
         where id = $1",
        id,
        kind.as_str(),
        effective_on as _,
        source,
    )
    .execute(tx.conn())
    .await?;
    tx.changed(id, lineage_link).await
}

/// Delete a lineage link recorded by mistake
#[utoipa::path(delete, path = "/v1/lineage-links/{id}", responses())]
#[tracing::instrument(skip_all)]
pub async fn delete_lineage_link(write: WriteRequest, RecordId(id): RecordId) -> Reply {
    let mut tx = begin_write!(write);
    tx.as_registrar("delete lineage")?;
    tx.current(id, lineage_link).await?;
    sqlx::query!("delete from agency_lineage where id = $1", id)
        .execute(tx.conn())
        .await?;
    tx.deleted().await
}

/// A lineage link as its writes check `If-Match` against and answer with it.
fn lineage_link(conn: &mut PgConnection, id: Uuid, _: NaiveDate) -> Fetched<'_, LineageLinkRecord> {
    Box::pin(fetch_lineage_link(conn, id))
}

impl Located for LineageLinkRecord {
    fn location(&self) -> String {
        format!("/v1/lineage-links/{}", self.id)
    }
}
