//! `POST /v1/transfers`: moves assignments from one agency to another on a
//! date, in one transaction. [`plan_transfer`] decides what moves, from one
//! query for the holdings of every listed assignment and part.

use chrono::NaiveDate;
use serde::Deserialize;
use sqlx::PgConnection;
use utoipa::ToSchema;
use uuid::Uuid;

use crate::begin_write;
use crate::domain::{
    plan_transfer, Day, HeldOn, Plan, Reference, Refusal, Slug, Text, TransferRequest,
};
use crate::error::ApiError;
use crate::http::body::TextInput;
use crate::http::Reply;
use crate::writes::transaction::WriteRequest;
use crate::writes::{id_of, source_id, Named, Resource};

/// A transfer to record: past, or announced for a future date.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewTransfer {
    #[schema(example = "2027-01-01-jamstalldhetsmyndigheten-till-lansstyrelsen-vastra-gotaland")]
    pub slug: Slug,
    /// The agency that holds the assignments until the effective date.
    #[schema(example = "jamstalldhetsmyndigheten")]
    pub from: Reference,
    /// The agency that holds them from the effective date.
    #[schema(example = "lansstyrelsen-vastra-gotaland")]
    pub to: Reference,
    /// The first day the receiving agency holds them.
    pub effective_on: Day,
    /// The assignments that move (UUIDs or slugs), 1 to 100.
    #[schema(min_items = 1, max_items = 100, example = json!(["nationella-stodprocessen"]))]
    pub assignments: Vec<Reference>,
    /// Whether parts of the listed assignments held by the giving agency
    /// move with them. Default true.
    pub with_parts: Option<bool>,
    pub note: Option<TextInput>,
    /// What does not move.
    pub stays_behind: Option<TextInput>,
    /// The statute or decision it rests on, as cited.
    #[schema(example = "Förordning (2017:937) med instruktion för Jämställdhetsmyndigheten")]
    pub legal_basis: Option<Text>,
    #[schema(example = "2018-01-08-nationella-uppdrag-flyttar")]
    pub source: Reference,
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
    post, path = "/v1/transfers",
    request_body(content = NewTransfer, example = json!({
        "slug": "2027-01-01-jamstalldhetsmyndigheten-till-lansstyrelsen-vastra-gotaland",
        "from": "jamstalldhetsmyndigheten",
        "to": "lansstyrelsen-vastra-gotaland",
        "effective_on": "2027-01-01",
        "assignments": ["nationella-stodprocessen"],
        "source": "2018-01-08-nationella-uppdrag-flyttar"
    })),
    responses(
        (status = 409, description = "Not held by `from` on that date, an overlap (with a holding, or with `to`'s part in an assignment: end it first), or the slug is taken"),
    )
)]
#[tracing::instrument(skip_all)]
pub async fn create_transfer(write: WriteRequest) -> Reply {
    let input: NewTransfer = write.body()?;
    if input.assignments.is_empty() || input.assignments.len() > 100 {
        return Err(ApiError::invalid_field(
            "assignments",
            "list 1 to 100 assignments",
        ));
    }
    let day = input.effective_on.0;

    let mut tx = begin_write!(write);
    let from = id_of(
        tx.conn(),
        Resource::Agency,
        &input.from,
        Named::Field("from"),
    )
    .await?;
    let to = id_of(tx.conn(), Resource::Agency, &input.to, Named::Field("to")).await?;
    if from == to {
        return Err(ApiError::invalid_field(
            "to",
            "must be another agency than `from`",
        ));
    }
    tx.act_for_any(&[from, to]).await?;
    let source = source_id(tx.conn(), &input.source).await?;

    let listed = listed(tx.conn(), &input.assignments).await?;
    let listed_ids: Vec<Uuid> = listed.iter().map(|(id, _)| *id).collect();
    let parts = if input.with_parts.unwrap_or(true) {
        parts_of(tx.conn(), &listed_ids).await?
    } else {
        Vec::new()
    };
    let holdings = held_on(tx.conn(), &[listed_ids, parts.clone()].concat(), day).await?;
    let request = TransferRequest {
        from,
        from_name: input.from.to_string(),
        effective_on: day,
        listed,
        parts,
    };
    let plan = plan_transfer(&holdings, &request).map_err(|refusal| match refusal {
        Refusal::NotHeld(detail) => ApiError::conflict("not-held", detail),
        Refusal::Overlap(detail) => ApiError::conflict("overlap", detail),
    })?;
    let transfer = record(tx.conn(), &input, (from, to), source, &plan).await?;
    tx.created(transfer, super::transfer).await
}

/// The listed assignments' ids, each with its reference as given; 400
/// naming the field for one not found or listed twice.
async fn listed(
    conn: &mut PgConnection,
    assignments: &[Reference],
) -> Result<Vec<(Uuid, String)>, ApiError> {
    let mut listed: Vec<(Uuid, String)> = Vec::new();
    for (index, reference) in assignments.iter().enumerate() {
        let field = format!("assignments[{index}]");
        let id = id_of(conn, Resource::Assignment, reference, Named::Field(&field)).await?;
        if listed.iter().any(|(listed, _)| *listed == id) {
            return Err(ApiError::invalid_field(
                &field,
                format!("'{reference}' is listed twice"),
            ));
        }
        listed.push((id, reference.to_string()));
    }
    Ok(listed)
}

/// Writes the transfer from agency `from` to `to` and what `plan` moves:
/// each holding ends on the day, and `to`'s begins, both naming the
/// transfer. Returns the transfer's id.
async fn record(
    conn: &mut PgConnection,
    input: &NewTransfer,
    (from, to): (Uuid, Uuid),
    source: Uuid,
    plan: &Plan,
) -> Result<Uuid, ApiError> {
    let day = input.effective_on.0;
    let (note_sv, note_en) = input.note.as_ref().map(TextInput::columns).unzip();
    let (stays_sv, stays_en) = input.stays_behind.as_ref().map(TextInput::columns).unzip();
    let transfer = sqlx::query_scalar!(
        "insert into transfers (slug, from_agency_id, to_agency_id, effective_on, note_sv, note_en,
                                stays_behind_sv, stays_behind_en, legal_basis, source_id)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) returning id",
        input.slug.as_str(),
        from,
        to,
        day,
        note_sv,
        note_en.flatten(),
        stays_sv,
        stays_en.flatten(),
        input.legal_basis.as_deref(),
        source,
    )
    .fetch_one(&mut *conn)
    .await?;
    for held in &plan.moves {
        let assignment = held.assignment;
        sqlx::query!(
            "insert into transfer_items (transfer_id, assignment_id) values ($1, $2)",
            transfer,
            assignment,
        )
        .execute(&mut *conn)
        .await?;
        sqlx::query!(
            "update holdings set valid_to = $2, valid_to_precision = 'day', ended_by_transfer_id = $3 where id = $1",
            held.holding_id, day, transfer,
        )
        .execute(&mut *conn)
        .await?;
        sqlx::query!(
            "insert into holdings (assignment_id, agency_id, valid_from, valid_from_precision, valid_to, valid_to_precision,
                                   started_by_transfer_id, source_id)
             values ($1, $2, $3, 'day', $4, $5, $6, $7)",
            assignment, to, day, held.valid_to, held.valid_to_precision, transfer, source,
        )
        .execute(&mut *conn)
        .await?;
    }
    Ok(transfer)
}

/// The parts of `assignments`, at any depth.
async fn parts_of(conn: &mut PgConnection, assignments: &[Uuid]) -> Result<Vec<Uuid>, ApiError> {
    Ok(sqlx::query_scalar!(
        r#"
        with recursive below(id) as (
            select a.id from assignments a where a.parent_id = any($1)
            union
            select a.id from assignments a join below b on a.parent_id = b.id
        )
        select id as "id!" from below order by id
        "#,
        assignments,
    )
    .fetch_all(conn)
    .await?)
}

/// The holdings in force on `on` of any of `assignments`, in one query.
async fn held_on(
    conn: &mut PgConnection,
    assignments: &[Uuid],
    on: NaiveDate,
) -> Result<Vec<HeldOn>, ApiError> {
    Ok(sqlx::query_as!(
        HeldOn,
        r#"
        select h.id as holding_id, h.assignment_id as assignment, h.agency_id as agency,
               a.slug as agency_slug, h.valid_from, h.valid_to, h.valid_to_precision,
               t.slug as "ended_by?"
        from holdings h
        join agencies a on a.id = h.agency_id
        left join transfers t on t.id = h.ended_by_transfer_id
        where h.assignment_id = any($1)
          and answered_on(h.agency_id, h.assignment_id, h.valid_from, h.valid_to, $2)
        "#,
        assignments,
        on,
    )
    .fetch_all(conn)
    .await?)
}
