//! Writing holdings directly: who held an assignment when, outside a
//! transfer: the first holder of a new assignment, or a correction of a
//! wrong date or holder. A holding a transfer started or ended is corrected
//! through that transfer's dates, not here.

use chrono::NaiveDate;
use serde::Deserialize;
use sqlx::PgConnection;
use utoipa::ToSchema;
use uuid::Uuid;

use super::{id_of, source_id, valid, Named, Resource};
use crate::begin_write;
use crate::domain::{PartialDate, Period, Reference};
use crate::error::ApiError;
use crate::http::body::nullable;
use crate::http::params::RecordId;
use crate::http::Reply;
use crate::views::records::{fetch_holding, HoldingRecord};
use crate::writes::transaction::{Fetched, Located, WriteRequest};

/// A holding to record.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewHolding {
    #[schema(example = "nationella-stodprocessen")]
    pub assignment: Reference,
    #[schema(example = "jamstalldhetsmyndigheten")]
    pub agency: Reference,
    /// First day held; unknown if left out.
    pub valid_from: Option<PartialDate>,
    /// First day no longer held; still held if left out.
    pub valid_to: Option<PartialDate>,
    #[schema(example = "2018-01-08-nationella-uppdrag-flyttar")]
    pub source: Reference,
}

/// Corrections to a holding (JSON merge patch). Setting `valid_to` ends it.
#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct HoldingPatch {
    #[schema(nullable = false)]
    pub agency: Option<Reference>,
    #[serde(default, deserialize_with = "nullable")]
    pub valid_from: Option<Option<PartialDate>>,
    #[serde(default, deserialize_with = "nullable")]
    #[schema(example = "2027-07-01")]
    pub valid_to: Option<Option<PartialDate>>,
    #[schema(nullable = false)]
    pub source: Option<Reference>,
}

/// Another holding of `assignment` over any day of `period`, as a 409
/// naming the assignment, the holder and the colliding period.
pub async fn refuse_overlap(
    conn: &mut PgConnection,
    assignment: Uuid,
    period: &Period,
    except: &[Uuid],
) -> Result<(), ApiError> {
    let other = sqlx::query!(
        r#"
        select s.slug as assignment_slug, a.slug as agency_slug,
               partial_date_text(h.valid_from, h.valid_from_precision) as "valid_from: PartialDate",
               partial_date_text(h.valid_to, h.valid_to_precision) as "valid_to: PartialDate"
        from holdings h
        join assignments s on s.id = h.assignment_id
        join agencies a on a.id = h.agency_id
        where h.assignment_id = $1
          and daterange(h.valid_from, h.valid_to, '[)')
              && daterange(partial_date_day($2), partial_date_day($3), '[)')
          and h.id <> all($4)
        order by h.valid_from nulls first
        limit 1
        "#,
        assignment,
        period.valid_from as _,
        period.valid_to as _,
        except,
    )
    .fetch_optional(conn)
    .await?;
    let Some(other) = other else {
        return Ok(());
    };
    let show =
        |date: Option<PartialDate>, open: &str| date.map_or(open.to_owned(), |d| d.to_string());
    Err(ApiError::conflict(
        "overlap",
        format!(
            "Assignment '{}' would have two holders: '{}' holds it over [{}, {}).",
            other.assignment_slug,
            other.agency_slug,
            show(other.valid_from, "unknown start"),
            show(other.valid_to, "open end"),
        ),
    ))
}

/// Record a holding
///
/// Refused with 409 (`/problems/overlap`) if someone else holds the
/// assignment on any day of the period.
#[utoipa::path(
    post, path = "/v1/holdings",
    request_body(content = NewHolding, example = json!({
        "assignment": "nationell-kunskapsbank",
        "agency": "jamstalldhetsmyndigheten",
        "valid_from": "2027-01-01",
        "source": "2018-01-08-nationella-uppdrag-flyttar"
    })),
    responses(
        (status = 409, description = "Someone else holds it then, or the agency takes part in it then (a co-recipient or consulted: end its part first)"),
    )
)]
#[tracing::instrument(skip_all)]
pub async fn create_holding(write: WriteRequest) -> Reply {
    let input: NewHolding = write.body()?;
    let period = valid(Period::new(input.valid_from, input.valid_to))?;
    let mut tx = begin_write!(write);
    tx.as_registrar("record holdings")?;
    let assignment = id_of(
        tx.conn(),
        Resource::Assignment,
        &input.assignment,
        Named::Field("assignment"),
    )
    .await?;
    let agency = id_of(
        tx.conn(),
        Resource::Agency,
        &input.agency,
        Named::Field("agency"),
    )
    .await?;
    let source = source_id(tx.conn(), &input.source).await?;
    refuse_overlap(tx.conn(), assignment, &period, &[]).await?;
    let id = sqlx::query_scalar!(
        "insert into holdings (assignment_id, agency_id, valid_from, valid_from_precision, valid_to, valid_to_precision, source_id)
         values ($1, $2, partial_date_day($3), partial_date_precision($3), partial_date_day($4), partial_date_precision($4), $5)
         returning id",
        assignment, agency, period.valid_from as _, period.valid_to as _, source,
    )
    .fetch_one(tx.conn())
    .await?;
    tx.created(id, holding).await
}

/// Correct or end a holding
///
/// Fixes a wrong holder or date, or ends the holding (`valid_to`). The change
/// log keeps what was recorded before. A side of a holding that a transfer
/// made (its start or end date, and the holder) is refused with 409.
#[utoipa::path(
    patch, path = "/v1/holdings/{id}",
    request_body(content = HoldingPatch, example = json!({"valid_to": "2027-07-01"})),
    responses(
        (status = 409, description = "It would overlap another holding or the agency's part in the assignment, or contradict a transfer"),
    )
)]
#[tracing::instrument(skip_all)]
pub async fn update_holding(write: WriteRequest, RecordId(id): RecordId) -> Reply {
    let patch: HoldingPatch = write.body()?;
    let mut tx = begin_write!(write);
    let current = fetch_holding(tx.conn(), id).await?;
    tx.act_for(current.agency_id).await?;
    tx.check_if_match(&current, id, holding).await?;
    let agency = match &patch.agency {
        Some(agency) => id_of(tx.conn(), Resource::Agency, agency, Named::Field("agency")).await?,
        None => current.agency_id,
    };
    tx.act_for(agency).await?;
    let period = valid(current.period.patched(patch.valid_from, patch.valid_to))?;
    let moved = agency != current.agency_id;
    tied_to_transfer(
        current.started_by_transfer_id,
        moved || period.valid_from != current.period.valid_from,
        "valid_from",
        "started",
    )?;
    tied_to_transfer(
        current.ended_by_transfer_id,
        moved || period.valid_to != current.period.valid_to,
        "valid_to",
        "ended",
    )?;
    let source = tx
        .source_or(patch.source.as_ref(), current.source_id)
        .await?;
    refuse_overlap(tx.conn(), current.assignment_id, &period, &[id]).await?;
    sqlx::query!(
        "update holdings set agency_id = $2,
                valid_from = partial_date_day($3), valid_from_precision = partial_date_precision($3),
                valid_to = partial_date_day($4), valid_to_precision = partial_date_precision($4), source_id = $5
         where id = $1",
        id, agency, period.valid_from as _, period.valid_to as _, source,
    )
    .execute(tx.conn())
    .await?;
    tx.changed(id, holding).await
}

/// Refuses to change a side of a holding (`valid_from`, `valid_to`) that a
/// transfer made: the transfer is corrected instead.
fn tied_to_transfer(
    transfer: Option<Uuid>,
    changed: bool,
    side: &str,
    made: &str,
) -> Result<(), ApiError> {
    match transfer {
        Some(transfer) if changed => Err(ApiError::conflict(
            "conflict",
            format!("{side}: transfer {transfer} {made} this holding; correct or withdraw the transfer instead"),
        )),
        _ => Ok(()),
    }
}

/// Delete a holding recorded by mistake
///
/// Refused (409) for a holding a transfer started or ended.
#[utoipa::path(
    delete, path = "/v1/holdings/{id}",
    responses(
        (status = 409, description = "A transfer made it (`/problems/in-use`)"),
    )
)]
#[tracing::instrument(skip_all)]
pub async fn delete_holding(write: WriteRequest, RecordId(id): RecordId) -> Reply {
    let mut tx = begin_write!(write);
    tx.as_registrar("delete holdings")?;
    let current = tx.current(id, holding).await?;
    if current.started_by_transfer_id.is_some() || current.ended_by_transfer_id.is_some() {
        return Err(ApiError::conflict(
            "in-use",
            "A transfer started or ended this holding; it cannot be deleted on its own.",
        ));
    }
    sqlx::query!("delete from holdings where id = $1", id)
        .execute(tx.conn())
        .await?;
    tx.deleted().await
}

/// A holding as its writes check `If-Match` against and answer with it.
fn holding(conn: &mut PgConnection, id: Uuid, _: NaiveDate) -> Fetched<'_, HoldingRecord> {
    Box::pin(fetch_holding(conn, id))
}

impl Located for HoldingRecord {
    fn location(&self) -> String {
        format!("/v1/holdings/{}", self.id)
    }
}
