//! Writing holdings directly: who held an assignment when, outside a
//! transfer: the first holder of a new assignment, or a correction of a
//! wrong date or holder. A holding a transfer started or ended is corrected
//! through that transfer's dates, not here.

use actix_web::http::StatusCode;
use actix_web::HttpResponse;
use chrono::NaiveDate;
use serde::Deserialize;
use sqlx::PgConnection;
use utoipa::ToSchema;
use uuid::Uuid;

use super::{agency_id, assignment_id, patched, source_id, Named};
use crate::begin_write;
use crate::domain::{PartialDate, Reference};
use crate::error::ApiError;
use crate::http::body::{check_period, nullable, stored};
use crate::http::params::RecordId;
use crate::views::records::{fetch_holding, HoldingRecord};
use crate::writes::transaction::WriteRequest;

/// A holding to record.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewHolding {
    #[schema(value_type = String, example = "nationella-stodprocessen")]
    pub assignment: Reference,
    #[schema(value_type = String, example = "jamstalldhetsmyndigheten")]
    pub agency: Reference,
    /// First day held; unknown if left out.
    pub valid_from: Option<PartialDate>,
    /// First day no longer held; still held if left out.
    pub valid_to: Option<PartialDate>,
    #[schema(value_type = String, example = "2018-01-08-nationella-uppdrag-flyttar")]
    pub source: Reference,
}

/// Corrections to a holding (JSON merge patch). Setting `valid_to` ends it.
#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct HoldingPatch {
    #[schema(value_type = Option<String>)]
    pub agency: Option<Reference>,
    #[serde(default, deserialize_with = "nullable")]
    #[schema(value_type = Option<PartialDate>, nullable)]
    pub valid_from: Option<Option<PartialDate>>,
    #[serde(default, deserialize_with = "nullable")]
    #[schema(value_type = Option<PartialDate>, nullable, example = "2027-07-01")]
    pub valid_to: Option<Option<PartialDate>>,
    #[schema(value_type = Option<String>)]
    pub source: Option<Reference>,
}

/// Another holding of `assignment` over any day of `[from, to)`, as a 409
/// naming the assignment, the holder and the colliding period.
pub async fn refuse_overlap(
    conn: &mut PgConnection,
    assignment: Uuid,
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
    except: &[Uuid],
) -> Result<(), ApiError> {
    let other = sqlx::query!(
        r#"
        select s.slug as assignment_slug, a.slug as agency_slug, h.valid_from, h.valid_from_precision,
               h.valid_to, h.valid_to_precision
        from holdings h
        join assignments s on s.id = h.assignment_id
        join agencies a on a.id = h.agency_id
        where h.assignment_id = $1
          and daterange(h.valid_from, h.valid_to, '[)') && daterange($2, $3, '[)')
          and h.id <> all($4)
        order by h.valid_from nulls first
        limit 1
        "#,
        assignment, from, to, except,
    )
    .fetch_optional(conn)
    .await?;
    match other {
        None => Ok(()),
        Some(other) => {
            let show = |date: Option<NaiveDate>, precision: Option<String>, open: &str| {
                PartialDate::from_stored(date, precision.as_deref())
                    .ok()
                    .flatten()
                    .map_or(open.to_owned(), |d| d.to_string())
            };
            Err(ApiError::conflict(
                "overlap",
                format!(
                    "Assignment '{}' would have two holders: '{}' holds it over [{}, {}).",
                    other.assignment_slug,
                    other.agency_slug,
                    show(
                        other.valid_from,
                        other.valid_from_precision,
                        "unknown start"
                    ),
                    show(other.valid_to, other.valid_to_precision, "open end"),
                ),
            ))
        }
    }
}

/// Record a holding
///
/// Refused with 409 (`/problems/overlap`) if someone else holds the
/// assignment on any day of the period.
#[utoipa::path(
    post, path = "/v1/holdings", tag = "records",
    request_body(content = NewHolding, example = json!({
        "assignment": "nationell-kunskapsbank",
        "agency": "jamstalldhetsmyndigheten",
        "valid_from": "2027-01-01",
        "source": "2018-01-08-nationella-uppdrag-flyttar"
    })),
    responses(
        (status = 201, description = "Recorded; `Location` names it", body = HoldingRecord),
        (status = 409, description = "Someone else holds it then"),
    )
)]
#[tracing::instrument(skip_all)]
pub async fn create_holding(write: WriteRequest) -> Result<HttpResponse, ApiError> {
    let input: NewHolding = write.body()?;
    check_period(
        input.valid_from.as_ref(),
        input.valid_to.as_ref(),
        "valid_to",
    )?;
    let (valid_from, valid_from_precision) = stored(input.valid_from.as_ref());
    let (valid_to, valid_to_precision) = stored(input.valid_to.as_ref());
    let mut tx = begin_write!(write);
    let assignment =
        assignment_id(tx.conn(), &input.assignment, Named::Field("assignment")).await?;
    let agency = agency_id(tx.conn(), &input.agency, Named::Field("agency")).await?;
    let source = source_id(tx.conn(), &input.source).await?;
    refuse_overlap(tx.conn(), assignment, valid_from, valid_to, &[]).await?;
    let id = sqlx::query_scalar!(
        "insert into holdings (assignment_id, agency_id, valid_from, valid_from_precision, valid_to, valid_to_precision, source_id)
         values ($1, $2, $3, $4, $5, $6, $7) returning id",
        assignment, agency, valid_from, valid_from_precision, valid_to, valid_to_precision, source,
    )
    .fetch_one(tx.conn())
    .await?;
    let holding = fetch_holding(tx.conn(), id).await?;
    tx.commit(
        StatusCode::CREATED,
        Some(format!("/v1/holdings/{id}")),
        &holding,
    )
    .await
}

/// Correct or end a holding
///
/// Fixes a wrong holder or date, or ends the holding (`valid_to`). The change
/// log keeps what was recorded before. A side of a holding that a transfer
/// made (its start or end date, and the holder) is refused with 409.
#[utoipa::path(
    patch, path = "/v1/holdings/{id}", tag = "records",
    request_body(content = HoldingPatch, content_type = "application/merge-patch+json", example = json!({"valid_to": "2027-07-01"})),
    responses(
        (status = 200, description = "Changed", body = HoldingRecord),
        (status = 409, description = "It would overlap another holding, or contradict a transfer"),
    )
)]
#[tracing::instrument(skip_all)]
pub async fn update_holding(
    write: WriteRequest,
    RecordId(id): RecordId,
) -> Result<HttpResponse, ApiError> {
    let patch: HoldingPatch = write.body()?;
    let mut tx = begin_write!(write);
    let current = fetch_holding(tx.conn(), id).await?;
    tx.check_if_match(&current)?;
    let agency = match &patch.agency {
        Some(agency) => agency_id(tx.conn(), agency, Named::Field("agency")).await?,
        None => current.agency_id,
    };
    let from = patched(current.period.valid_from, patch.valid_from);
    let to = patched(current.period.valid_to, patch.valid_to);
    check_period(from.as_ref(), to.as_ref(), "valid_to")?;
    let tied = |transfer: Option<Uuid>, changed: bool, side: &str| {
        match transfer {
        Some(transfer) if changed => Err(ApiError::conflict(
            "conflict",
            format!("{side}: transfer {transfer} {} this holding; correct or withdraw the transfer instead", if side == "valid_from" { "started" } else { "ended" }),
        )),
        _ => Ok(()),
    }
    };
    tied(
        current.started_by_transfer_id,
        from != current.period.valid_from || agency != current.agency_id,
        "valid_from",
    )?;
    tied(
        current.ended_by_transfer_id,
        to != current.period.valid_to || agency != current.agency_id,
        "valid_to",
    )?;
    let source = match &patch.source {
        Some(source) => source_id(tx.conn(), source).await?,
        None => current.source_id,
    };
    let (valid_from, valid_from_precision) = stored(from.as_ref());
    let (valid_to, valid_to_precision) = stored(to.as_ref());
    refuse_overlap(
        tx.conn(),
        current.assignment_id,
        valid_from,
        valid_to,
        &[id],
    )
    .await?;
    sqlx::query!(
        "update holdings set agency_id = $2, valid_from = $3, valid_from_precision = $4, valid_to = $5,
                valid_to_precision = $6, source_id = $7
         where id = $1",
        id, agency, valid_from, valid_from_precision, valid_to, valid_to_precision, source,
    )
    .execute(tx.conn())
    .await?;
    let holding = fetch_holding(tx.conn(), id).await?;
    tx.commit(StatusCode::OK, None, &holding).await
}

/// Delete a holding recorded by mistake
///
/// Refused (409) for a holding a transfer started or ended.
#[utoipa::path(
    delete, path = "/v1/holdings/{id}", tag = "records",
    responses(
        (status = 409, description = "A transfer made it (`/problems/in-use`)"),
    )
)]
#[tracing::instrument(skip_all)]
pub async fn delete_holding(
    write: WriteRequest,
    RecordId(id): RecordId,
) -> Result<HttpResponse, ApiError> {
    let mut tx = begin_write!(write);
    let current = fetch_holding(tx.conn(), id).await?;
    tx.check_if_match(&current)?;
    if current.started_by_transfer_id.is_some() || current.ended_by_transfer_id.is_some() {
        return Err(ApiError::conflict(
            "in-use",
            "A transfer started or ended this holding; it cannot be deleted on its own.",
        ));
    }
    sqlx::query!("delete from holdings where id = $1", id)
        .execute(tx.conn())
        .await?;
    tx.commit_empty().await
}
