//! Correcting the ministries an agency has answered to, a link at a time:
//! which ministry, its period, its source ([`correct_ministry`]); a link
//! recorded by mistake, deleted ([`delete_ministry`]). A move from a
//! decision's day on is `PATCH /v1/agencies/{id}` with `ministry`.

use actix_web::HttpRequest;
use serde::Deserialize;
use utoipa::ToSchema;
use uuid::Uuid;

use super::agencies::{agency, ministry_named};
use super::{id_of, valid, Named, Resource};
use crate::begin_write;
use crate::domain::{PartialDate, Period, Reference};
use crate::error::ApiError;
use crate::http::body::nullable;
use crate::http::params::Id;
use crate::http::parts::AGENCY_MINISTRY;
use crate::http::Reply;
use crate::writes::transaction::{WriteRequest, WriteTx};

/// Corrections to a ministry an agency answers to (JSON merge patch).
#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct MinistryLinkPatch {
    /// The ministry (UUID or slug of an agency of kind `ministry`).
    #[schema(nullable = false, example = "finansdepartementet")]
    pub ministry: Option<Reference>,
    /// `null`: since a time not known (within the lifetimes of both).
    #[serde(default, deserialize_with = "nullable")]
    #[schema(example = "2023-01-01")]
    pub valid_from: Option<Option<PartialDate>>,
    #[serde(default, deserialize_with = "nullable")]
    pub valid_to: Option<Option<PartialDate>>,
    #[schema(nullable = false)]
    pub source: Option<Reference>,
}

/// A link as recorded.
struct Link {
    ministry_id: Uuid,
    period: Period,
    source_id: Uuid,
}

/// The agency `reference` names and its link `{ministry}` (404 where it
/// has none, 400 where the path's text is no UUID), once the token is a
/// registrar's and `If-Match` (when sent) names the agency as it is now.
async fn link_to_change(
    tx: &mut WriteTx,
    reference: &Reference,
    req: &HttpRequest,
) -> Result<(Uuid, Uuid, Link), ApiError> {
    let link = AGENCY_MINISTRY.of(req)?;
    tx.as_registrar("change the ministry an agency answers to")?;
    let id = id_of(tx.conn(), Resource::Agency, reference, Named::Path).await?;
    tx.current_of(&format!("/v1/agencies/{reference}"), id, agency)
        .await?;
    let row = sqlx::query!(
        r#"select ministry_id, source_id,
                  partial_date_text(valid_from, valid_from_precision) as "valid_from: PartialDate",
                  partial_date_text(valid_to, valid_to_precision) as "valid_to: PartialDate"
           from agency_ministries where id = $1 and agency_id = $2"#,
        link,
        id,
    )
    .fetch_optional(tx.conn())
    .await?
    .ok_or_else(|| AGENCY_MINISTRY.not_found(reference, link))?;
    let current = Link {
        ministry_id: row.ministry_id,
        period: Period::new(row.valid_from, row.valid_to),
        source_id: row.source_id,
    };
    Ok((id, link, current))
}

/// Correct a ministry an agency has answered to
///
/// Which ministry, since when and until when, or the source: a link
/// recorded wrong. To move the agency to another ministry from a
/// decision's day, `PATCH /v1/agencies/{id}` with `ministry` instead.
/// `If-Match` takes the ETag of `GET /v1/agencies/{id}` without `at`.
#[utoipa::path(
    patch, path = "/v1/agencies/{id}/ministries/{ministry}",
    request_body(content = MinistryLinkPatch, example = json!({"valid_from": "2023-01-01"})),
    responses(
        (status = 409, description = "The agency would answer to two ministries at once, or the link would lie outside the lifetime of the agency or of the ministry"),
    )
)]
#[tracing::instrument(skip_all)]
pub async fn correct_ministry(write: WriteRequest, Id(reference): Id, req: HttpRequest) -> Reply {
    let patch: MinistryLinkPatch = write.body()?;
    let mut tx = begin_write!(write);
    let (id, link, current) = link_to_change(&mut tx, &reference, &req).await?;
    let ministry = match &patch.ministry {
        Some(ministry) => ministry_named(tx.conn(), ministry).await?,
        None => current.ministry_id,
    };
    let period = valid(current.period.patched(patch.valid_from, patch.valid_to))?;
    let source = tx
        .source_or(patch.source.as_ref(), current.source_id)
        .await?;
    sqlx::query!(
        "update agency_ministries set ministry_id = $2,
                valid_from = partial_date_day($3), valid_from_precision = partial_date_precision($3),
                valid_to = partial_date_day($4), valid_to_precision = partial_date_precision($4), source_id = $5
         where id = $1",
        link, ministry, period.valid_from as _, period.valid_to as _, source,
    )
    .execute(tx.conn())
    .await?;
    tx.show_from(&period);
    tx.changed(id, agency).await
}

/// Delete a ministry link recorded by mistake
///
/// The agency then answers to no ministry over the link's days; to record
/// that it moved, `PATCH /v1/agencies/{id}` with `ministry`. `If-Match`
/// takes the ETag of `GET /v1/agencies/{id}` without `at`. The change log
/// keeps what was deleted.
#[utoipa::path(delete, path = "/v1/agencies/{id}/ministries/{ministry}", responses())]
#[tracing::instrument(skip_all)]
pub async fn delete_ministry(write: WriteRequest, Id(reference): Id, req: HttpRequest) -> Reply {
    let mut tx = begin_write!(write);
    let (_, link, _) = link_to_change(&mut tx, &reference, &req).await?;
    sqlx::query!("delete from agency_ministries where id = $1", link)
        .execute(tx.conn())
        .await?;
    tx.deleted().await
}
