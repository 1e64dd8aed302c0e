//! Correcting a transfer's date, notes, legal basis or source (`PATCH`), and
//! withdrawing it (`DELETE`): both move the two holdings each of its
//! assignments joins, in one transaction.

use chrono::NaiveDate;
use serde::Deserialize;
use sqlx::PgConnection;
use utoipa::ToSchema;
use uuid::Uuid;

use crate::begin_write;
use crate::domain::{Day, Reference, Text};
use crate::error::ApiError;
use crate::http::body::{self, TextInput};
use crate::http::params::Id;
use crate::http::Reply;
use crate::views::transfers::{fetch_transfer, Transfer};
use crate::writes::transaction::{WriteRequest, WriteTx};
use crate::writes::{id_of, patched, patched_text, Named, Resource};

/// Corrections to a transfer (JSON merge patch).
#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct TransferPatch {
    /// The corrected effective date; both holdings the transfer joins move with it.
    #[serde(default, deserialize_with = "present")]
    #[schema(nullable = false)]
    pub effective_on: Option<Day>,
    #[serde(default, deserialize_with = "body::nullable")]
    pub note: Option<Option<TextInput>>,
    #[serde(default, deserialize_with = "body::nullable")]
    pub stays_behind: Option<Option<TextInput>>,
    #[serde(default, deserialize_with = "body::nullable")]
    pub legal_basis: Option<Option<Text>>,
    #[schema(nullable = false)]
    pub source: Option<Reference>,
}

/// The transfer a path names, as it is now: 404 when there is none, 403
/// unless the token acts for its giving or receiving agency, 412 unless
/// `If-Match` (when sent) names it as it is.
async fn transfer_to_correct(
    tx: &mut WriteTx,
    reference: &Reference,
) -> Result<(Uuid, Transfer), ApiError> {
    let id = id_of(tx.conn(), Resource::Transfer, reference, Named::Path).await?;
    let current = fetch_transfer(tx.conn(), &Reference::Id(id)).await?;
    tx.act_for_any(&[current.from_agency.id, current.to_agency.id])
        .await?;
    tx.check_if_match(&current, id, super::transfer).await?;
    Ok((id, current))
}

/// A field that, when present, must hold a value (`null` is refused).
fn present<'de, D: serde::Deserializer<'de>>(deserializer: D) -> Result<Option<Day>, D::Error> {
    Day::deserialize(deserializer).map(Some)
}

/// The two holdings a transfer joins, for one assignment it moved.
struct Joined {
    assignment_slug: String,
    old_id: Uuid,
    old_from: Option<NaiveDate>,
    new_id: Uuid,
    new_to: Option<NaiveDate>,
    new_to_precision: Option<String>,
    moved_on_by: Option<String>,
}

async fn joined(conn: &mut PgConnection, transfer: Uuid) -> Result<Vec<Joined>, ApiError> {
    Ok(sqlx::query_as!(
        Joined,
        r#"
        select s.slug as assignment_slug, o.id as old_id, o.valid_from as old_from,
               n.id as new_id, n.valid_to as new_to, n.valid_to_precision as new_to_precision,
               later.slug as "moved_on_by?"
        from transfer_items i
        join assignments s on s.id = i.assignment_id
        join holdings o on o.ended_by_transfer_id = i.transfer_id and o.assignment_id = i.assignment_id
        join holdings n on n.started_by_transfer_id = i.transfer_id and n.assignment_id = i.assignment_id
        left join transfers later on later.id = n.ended_by_transfer_id
        where i.transfer_id = $1
        order by s.slug
        "#,
        transfer
    )
    .fetch_all(conn)
    .await?)
}

/// Correct a transfer
///
/// Fixes its notes, its legal basis, its source or its effective date. A
/// new date moves both holdings it joins: the giving agency's ends, and the
/// receiving agency's starts, on the corrected date. The change log keeps
/// what was recorded before. A date that would leave either holding without
/// a day is refused (409).
#[utoipa::path(
    patch, path = "/v1/transfers/{id}",
    request_body(content = TransferPatch, example = json!({"effective_on": "2018-01-02"})),
    responses(
        (status = 409, description = "The date would leave a holding without a day, or make an agency hold an assignment while it takes part in it"),
    )
)]
#[tracing::instrument(skip_all)]
pub async fn update_transfer(write: WriteRequest, Id(reference): Id) -> Reply {
    let patch: TransferPatch = write.body()?;
    let mut tx = begin_write!(write);
    let (id, current) = transfer_to_correct(&mut tx, &reference).await?;

    if let Some(Day(day)) = patch
        .effective_on
        .filter(|Day(day)| *day != current.effective_on)
    {
        let joined = joined(tx.conn(), id).await?;
        for item in &joined {
            if item.old_from.is_some_and(|from| from >= day) {
                return Err(ApiError::conflict(
                    "conflict",
                    format!("effective_on: assignment '{}' was held by '{}' only from {}; it cannot hand it over on {day}", item.assignment_slug, current.from_agency.slug, item.old_from.expect("checked")),
                ));
            }
            if let Some(to) = item.new_to.filter(|to| *to <= day) {
                return Err(ApiError::conflict(
                    "conflict",
                    format!("effective_on: '{}' held assignment '{}' only until {to}; it cannot receive it on {day}", current.to_agency.slug, item.assignment_slug),
                ));
            }
        }
        sqlx::query!("set constraints all deferred")
            .execute(tx.conn())
            .await?;
        sqlx::query!(
            "update transfers set effective_on = $2 where id = $1",
            id,
            day
        )
        .execute(tx.conn())
        .await?;
        let later = day > current.effective_on;
        // Shrink the holding that gets shorter first, so that the two never overlap.
        for step in if later {
            ["new", "old"]
        } else {
            ["old", "new"]
        } {
            for item in &joined {
                if step == "new" {
                    sqlx::query!("update holdings set valid_from = $2, valid_from_precision = 'day' where id = $1", item.new_id, day)
                        .execute(tx.conn())
                        .await?;
                } else {
                    sqlx::query!("update holdings set valid_to = $2, valid_to_precision = 'day' where id = $1", item.old_id, day)
                        .execute(tx.conn())
                        .await?;
                }
            }
        }
    }
    let source = tx
        .source_or(patch.source.as_ref(), current.source.id)
        .await?;
    let (note_sv, note_en) = patched_text(current.note, patch.note);
    let (stays_sv, stays_en) = patched_text(current.stays_behind, patch.stays_behind);
    let legal_basis = patched(
        current.legal_basis,
        patch.legal_basis.map(|basis| basis.map(Text::into_string)),
    );
    sqlx::query!(
        "update transfers set note_sv = $2, note_en = $3, stays_behind_sv = $4, stays_behind_en = $5,
                              legal_basis = $6, source_id = $7
         where id = $1",
        id, note_sv, note_en, stays_sv, stays_en, legal_basis, source,
    )
    .execute(tx.conn())
    .await?;
    tx.changed(id, super::transfer).await
}

/// Withdraw a transfer
///
/// For an announced transfer that will not happen, or one recorded by
/// mistake: the receiving agency's holdings it started are removed and the
/// giving agency's holdings run on as before. Refused (409) while a later
/// transfer moves one of the assignments on from the receiving agency.
#[utoipa::path(
    delete, path = "/v1/transfers/{id}",
    responses(
        (status = 204, description = "Withdrawn"),
        (status = 409, description = "A later transfer builds on it"),
    )
)]
#[tracing::instrument(skip_all)]
pub async fn delete_transfer(write: WriteRequest, Id(reference): Id) -> Reply {
    let mut tx = begin_write!(write);
    let (id, current) = transfer_to_correct(&mut tx, &reference).await?;
    let joined = joined(tx.conn(), id).await?;
    if let Some(item) = joined.iter().find(|item| item.moved_on_by.is_some()) {
        return Err(ApiError::conflict(
            "in-use",
            format!(
                "Transfer '{}' moves assignment '{}' on from '{}'; withdraw it first.",
                item.moved_on_by.as_deref().unwrap_or_default(),
                item.assignment_slug,
                current.to_agency.slug
            ),
        ));
    }
    sqlx::query!("set constraints all deferred")
        .execute(tx.conn())
        .await?;
    for item in &joined {
        sqlx::query!("delete from holdings where id = $1", item.new_id)
            .execute(tx.conn())
            .await?;
        sqlx::query!(
            "update holdings set valid_to = $2, valid_to_precision = $3, ended_by_transfer_id = null where id = $1",
            item.old_id, item.new_to, item.new_to_precision,
        )
        .execute(tx.conn())
        .await?;
    }
    sqlx::query!("delete from transfers where id = $1", id)
        .execute(tx.conn())
        .await?;
    tx.deleted().await
}
