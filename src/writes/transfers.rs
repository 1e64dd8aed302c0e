//! `POST /v1/transfers`: moves assignments from one agency to another on a
//! date, in one transaction. For each assignment the giving agency's holding
//! ends on the effective date (its last day is the day before) and the
//! receiving agency's starts on it: no gap, no overlap. Parts held by the
//! giving agency follow their assignment unless `with_parts` is false.
//! Contact points belong to their assignment, so they move with it.

use std::collections::HashSet;

use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};
use chrono::NaiveDate;
use serde::Deserialize;
use sqlx::{PgConnection, PgPool};
use utoipa::ToSchema;
use uuid::Uuid;

use super::{agency_id, assignment_id, source_id, Named};
use crate::begin_write;
use crate::domain::Reference;
use crate::error::ApiError;
use crate::http::auth::Writer;
use crate::http::body::{self, TextInput};
use crate::http::problem::Problem;
use crate::views::transfers::{fetch_transfer, Transfer};

/// A transfer to record: past, or announced for a future date.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewTransfer {
    #[schema(example = "2027-01-01-jamstalldhetsmyndigheten-till-lansstyrelsen-vastra-gotaland")]
    pub slug: String,
    /// The agency that holds the assignments until the effective date.
    #[schema(value_type = String, example = "jamstalldhetsmyndigheten")]
    pub from: Reference,
    /// The agency that holds them from the effective date.
    #[schema(value_type = String, example = "lansstyrelsen-vastra-gotaland")]
    pub to: Reference,
    /// The first day the receiving agency holds them.
    #[serde(deserialize_with = "body::day")]
    #[schema(value_type = NaiveDate, example = "2027-01-01")]
    pub effective_on: NaiveDate,
    /// The assignments that move (UUIDs or slugs), 1 to 100.
    #[schema(value_type = Vec<String>, min_items = 1, max_items = 100, example = json!(["nationella-stodprocessen"]))]
    pub assignments: Vec<Reference>,
    /// Whether parts of the listed assignments held by the giving agency
    /// move with them. Default true.
    pub with_parts: Option<bool>,
    pub note: Option<TextInput>,
    /// What does not move.
    pub stays_behind: Option<TextInput>,
    #[schema(value_type = String, example = "2018-01-08-nationella-uppdrag-flyttar")]
    pub source: Reference,
}

/// The holding an assignment has on a date.
struct Held {
    id: Uuid,
    agency_id: Uuid,
    agency_slug: String,
    valid_from: Option<NaiveDate>,
    valid_to: Option<NaiveDate>,
    valid_to_precision: Option<String>,
    ended_by: Option<String>,
}

async fn held_on(
    conn: &mut PgConnection,
    assignment: Uuid,
    on: NaiveDate,
) -> Result<Option<Held>, ApiError> {
    let row = sqlx::query!(
        r#"
        select h.id, h.agency_id, a.slug as agency_slug, h.valid_from, h.valid_to, h.valid_to_precision,
               t.slug as "ended_by?"
        from holdings h
        join agencies a on a.id = h.agency_id
        left join transfers t on t.id = h.ended_by_transfer_id
        where h.assignment_id = $1 and daterange(h.valid_from, h.valid_to, '[)') @> $2::date
        "#,
        assignment, on,
    )
    .fetch_optional(conn)
    .await?;
    Ok(row.map(|row| Held {
        id: row.id,
        agency_id: row.agency_id,
        agency_slug: row.agency_slug,
        valid_from: row.valid_from,
        valid_to: row.valid_to,
        valid_to_precision: row.valid_to_precision,
        ended_by: row.ended_by,
    }))
}

/// Record a transfer
///
/// Moves the listed assignments (and, unless `with_parts` is false, their
/// parts the giving agency holds) on `effective_on`, atomically. Refused with
/// 409 and nothing written if the giving agency does not hold every listed
/// assignment on that date (`/problems/not-held`), or if an assignment would
/// have two holders at once, such as when a later transfer of it is already
/// recorded (`/problems/overlap`). The detail names the assignment and the
/// colliding period.
#[utoipa::path(
    post, path = "/v1/transfers", tag = "transfers",
    request_body(content = NewTransfer, example = json!({
        "slug": "2027-01-01-jamstalldhetsmyndigheten-till-lansstyrelsen-vastra-gotaland",
        "from": "jamstalldhetsmyndigheten",
        "to": "lansstyrelsen-vastra-gotaland",
        "effective_on": "2027-01-01",
        "assignments": ["nationella-stodprocessen"],
        "source": "2018-01-08-nationella-uppdrag-flyttar"
    })),
    responses(
        (status = 201, description = "Recorded; `Location` names it", body = Transfer),
        (status = 409, description = "Not held by `from` on that date, an overlap, or the slug is taken", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = ["write"]))
)]
#[tracing::instrument(skip_all)]
pub async fn create_transfer(
    writer: Writer,
    pool: web::Data<PgPool>,
    req: HttpRequest,
    bytes: web::Bytes,
) -> Result<HttpResponse, ApiError> {
    let input: NewTransfer = body::parse(&req, &bytes)?;
    let slug = super::slug(&input.slug)?;
    if input.assignments.is_empty() || input.assignments.len() > 100 {
        return Err(ApiError::invalid_field(
            "assignments",
            "list 1 to 100 assignments",
        ));
    }
    let note = input.note.map(|note| note.checked("note")).transpose()?;
    let stays_behind = input
        .stays_behind
        .map(|text| text.checked("stays_behind"))
        .transpose()?;
    let day = input.effective_on;

    let mut tx = begin_write!(&pool, writer, &req, &bytes);
    let from = agency_id(tx.conn(), &input.from, Named::Field("from")).await?;
    let to = agency_id(tx.conn(), &input.to, Named::Field("to")).await?;
    if from == to {
        return Err(ApiError::invalid_field(
            "to",
            "must be another agency than `from`",
        ));
    }
    let source = source_id(tx.conn(), &input.source).await?;

    let mut listed = Vec::new();
    for (index, reference) in input.assignments.iter().enumerate() {
        let field = format!("assignments[{index}]");
        let id = assignment_id(tx.conn(), reference, Named::Field(&field)).await?;
        if listed.contains(&id) {
            return Err(ApiError::invalid_field(
                &field,
                format!("'{reference}' is listed twice"),
            ));
        }
        listed.push(id);
    }
    let parts = if input.with_parts.unwrap_or(true) {
        sqlx::query_scalar!(
            r#"
            with recursive below(id) as (
                select a.id from assignments a where a.parent_id = any($1)
                union
                select a.id from assignments a join below b on a.parent_id = b.id
            )
            select id as "id!" from below order by id
            "#,
            &listed,
        )
        .fetch_all(tx.conn())
        .await?
    } else {
        Vec::new()
    };

    // What moves: each listed assignment, which the giving agency must hold
    // on the day; each part it holds then too.
    let mut moving: Vec<(Uuid, Held)> = Vec::new();
    let mut seen: HashSet<Uuid> = HashSet::new();
    for (index, &assignment) in listed.iter().chain(parts.iter()).enumerate() {
        if !seen.insert(assignment) {
            continue;
        }
        let is_listed = index < listed.len();
        let held = held_on(tx.conn(), assignment, day).await?;
        let name = || {
            input
                .assignments
                .get(index)
                .map_or_else(|| assignment.to_string(), ToString::to_string)
        };
        let held = match held {
            Some(held) if held.agency_id == from => held,
            _ if !is_listed => continue,
            Some(held) => {
                return Err(ApiError::conflict(
                    "not-held",
                    format!(
                    "Assignment '{}' is not held by '{}' on {day}: '{}' holds it over [{}, {}).",
                    name(),
                    input.from,
                    held.agency_slug,
                    held.valid_from
                        .map_or("unknown start".to_owned(), |d| d.to_string()),
                    held.valid_to
                        .map_or("open end".to_owned(), |d| d.to_string()),
                ),
                ))
            }
            None => {
                return Err(ApiError::conflict(
                    "not-held",
                    format!(
                        "Assignment '{}' is not held by '{}' on {day}: nobody holds it then.",
                        name(),
                        input.from
                    ),
                ))
            }
        };
        if held.valid_from == Some(day) {
            return Err(ApiError::conflict(
                "not-held",
                format!("Assignment '{}': '{}' only starts holding it on {day}, so it cannot hand it over that day.", name(), held.agency_slug),
            ));
        }
        if let (Some(ended_by), Some(end)) = (&held.ended_by, held.valid_to) {
            return Err(ApiError::conflict(
                "overlap",
                format!(
                    "Assignment '{}' already moves on {end} (transfer '{ended_by}'); moving it on {day} would give it two holders over [{day}, {end}) and after. Withdraw or correct that transfer first.",
                    name()
                ),
            ));
        }
        moving.push((assignment, held));
    }

    let (note_sv, note_en) = note.map_or((None, None), |t| (Some(t.sv), t.en));
    let (stays_sv, stays_en) = stays_behind.map_or((None, None), |t| (Some(t.sv), t.en));
    let transfer =
        sqlx::query_scalar!(
        "insert into transfers (slug, from_agency_id, to_agency_id, effective_on, note_sv, note_en,
                                stays_behind_sv, stays_behind_en, source_id)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9) returning id",
        slug, from, to, day, note_sv, note_en, stays_sv, stays_en, source,
    )
        .fetch_one(tx.conn())
        .await?;
    for (assignment, held) in &moving {
        sqlx::query!(
            "insert into transfer_items (transfer_id, assignment_id) values ($1, $2)",
            transfer,
            assignment,
        )
        .execute(tx.conn())
        .await?;
        sqlx::query!(
            "update holdings set valid_to = $2, valid_to_precision = 'day', ended_by_transfer_id = $3 where id = $1",
            held.id, day, transfer,
        )
        .execute(tx.conn())
        .await?;
        sqlx::query!(
            "insert into holdings (assignment_id, agency_id, valid_from, valid_from_precision, valid_to, valid_to_precision,
                                   started_by_transfer_id, source_id)
             values ($1, $2, $3, 'day', $4, $5, $6, $7)",
            assignment, to, day, held.valid_to, held.valid_to_precision, transfer, source,
        )
        .execute(tx.conn())
        .await?;
    }
    let recorded = fetch_transfer(tx.conn(), &Reference::Id(transfer)).await?;
    let location = format!("/v1/transfers/{slug}");
    tx.commit(StatusCode::CREATED, Some(location), &recorded)
        .await
}

/// Corrections to a transfer (JSON merge patch).
#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct TransferPatch {
    /// The corrected effective date; both holdings the transfer joins move with it.
    #[serde(default, deserialize_with = "optional_day")]
    #[schema(value_type = Option<NaiveDate>, example = "2018-01-02")]
    pub effective_on: Option<NaiveDate>,
    #[serde(default, deserialize_with = "body::nullable")]
    #[schema(value_type = Option<TextInput>, nullable)]
    pub note: Option<Option<TextInput>>,
    #[serde(default, deserialize_with = "body::nullable")]
    #[schema(value_type = Option<TextInput>, nullable)]
    pub stays_behind: Option<Option<TextInput>>,
    #[schema(value_type = Option<String>)]
    pub source: Option<Reference>,
}

fn optional_day<'de, D: serde::Deserializer<'de>>(
    deserializer: D,
) -> Result<Option<NaiveDate>, D::Error> {
    body::day(deserializer).map(Some)
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
    let rows = sqlx::query!(
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
    .await?;
    Ok(rows
        .into_iter()
        .map(|row| Joined {
            assignment_slug: row.assignment_slug,
            old_id: row.old_id,
            old_from: row.old_from,
            new_id: row.new_id,
            new_to: row.new_to,
            new_to_precision: row.new_to_precision,
            moved_on_by: row.moved_on_by,
        })
        .collect())
}

async fn transfer_id(conn: &mut PgConnection, reference: &Reference) -> Result<Uuid, ApiError> {
    sqlx::query_scalar!(
        "select id from transfers where id = $1 or slug = $2",
        reference.id(),
        reference.slug()
    )
    .fetch_optional(conn)
    .await?
    .ok_or_else(|| ApiError::NotFound(format!("There is no transfer '{reference}'.")))
}

/// Correct a transfer
///
/// Fixes its notes, its source or its effective date. A new date moves both
/// holdings it joins: the giving agency's ends, and the receiving agency's
/// starts, on the corrected date. The change log keeps what was recorded
/// before. A date that would leave either holding without a day is refused (409).
#[utoipa::path(
    patch, path = "/v1/transfers/{id}", tag = "transfers",
    params(("id" = String, Path, description = "The transfer's UUID or slug.", example = "2018-01-01-lansstyrelsen-stockholm-till-jamstalldhetsmyndigheten")),
    request_body(content = TransferPatch, content_type = "application/merge-patch+json", example = json!({"effective_on": "2018-01-02"})),
    responses(
        (status = 200, description = "Corrected", body = Transfer),
        (status = 409, description = "The date would leave a holding without a day", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = ["write"]))
)]
#[tracing::instrument(skip_all)]
pub async fn update_transfer(
    writer: Writer,
    pool: web::Data<PgPool>,
    req: HttpRequest,
    id: web::Path<String>,
    bytes: web::Bytes,
) -> Result<HttpResponse, ApiError> {
    let reference = crate::http::params::reference(&id)?;
    let patch: TransferPatch = body::parse(&req, &bytes)?;
    let note = patch
        .note
        .map(|n| n.map(|n| n.checked("note")).transpose())
        .transpose()?;
    let stays_behind = patch
        .stays_behind
        .map(|t| t.map(|t| t.checked("stays_behind")).transpose())
        .transpose()?;
    let mut tx = begin_write!(&pool, writer, &req, &bytes);
    let id = transfer_id(tx.conn(), &reference).await?;
    let current = fetch_transfer(tx.conn(), &Reference::Id(id)).await?;
    crate::http::etag::check_if_match(&req, &current)?;

    if let Some(day) = patch
        .effective_on
        .filter(|day| *day != current.effective_on)
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
    let source = match &patch.source {
        Some(source) => Some(source_id(tx.conn(), source).await?),
        None => None,
    };
    let keep_note = note.is_none();
    let (note_sv, note_en) = note.flatten().map_or((None, None), |t| (Some(t.sv), t.en));
    let keep_stays = stays_behind.is_none();
    let (stays_sv, stays_en) = stays_behind
        .flatten()
        .map_or((None, None), |t| (Some(t.sv), t.en));
    sqlx::query!(
        "update transfers set
             note_sv = case when $2 then note_sv else $3 end,
             note_en = case when $2 then note_en else $4 end,
             stays_behind_sv = case when $5 then stays_behind_sv else $6 end,
             stays_behind_en = case when $5 then stays_behind_en else $7 end,
             source_id = coalesce($8, source_id)
         where id = $1",
        id,
        keep_note,
        note_sv,
        note_en,
        keep_stays,
        stays_sv,
        stays_en,
        source,
    )
    .execute(tx.conn())
    .await?;
    let corrected = fetch_transfer(tx.conn(), &Reference::Id(id)).await?;
    tx.commit(StatusCode::OK, None, &corrected).await
}

/// Withdraw a transfer
///
/// For an announced transfer that will not happen, or one recorded by
/// mistake: the receiving agency's holdings it started are removed and the
/// giving agency's holdings run on as before. Refused (409) while a later
/// transfer moves one of the assignments on from the receiving agency.
#[utoipa::path(
    delete, path = "/v1/transfers/{id}", tag = "transfers",
    params(("id" = String, Path, description = "The transfer's UUID or slug.", example = "2018-01-01-lansstyrelsen-stockholm-till-jamstalldhetsmyndigheten")),
    responses(
        (status = 204, description = "Withdrawn"),
        (status = 409, description = "A later transfer builds on it", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = ["write"]))
)]
#[tracing::instrument(skip_all)]
pub async fn delete_transfer(
    writer: Writer,
    pool: web::Data<PgPool>,
    req: HttpRequest,
    id: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let reference = crate::http::params::reference(&id)?;
    let mut tx = begin_write!(&pool, writer, &req, &[]);
    let id = transfer_id(tx.conn(), &reference).await?;
    let current = fetch_transfer(tx.conn(), &Reference::Id(id)).await?;
    crate::http::etag::check_if_match(&req, &current)?;
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
    tx.commit_empty().await
}
