//! Writing an assignment's versions: its title, scope and final report's
//! deadline over a period. An amendment records a new version from a date
//! ([`add_version`]); a version read or written wrong is corrected in place
//! ([`correct_version`]) or, recorded by mistake, deleted
//! ([`delete_version`]).

use actix_web::HttpRequest;
use serde::Deserialize;
use sqlx::PgConnection;
use utoipa::ToSchema;
use uuid::Uuid;

use super::assignments::{assignment, assignment_to_change, insert_version};
use super::{
    close_up, due_within, id_of, make_room, patched, patched_text, source_id, Dated, Named,
    Resource,
};
use crate::begin_write;
use crate::domain::{PartialDate, Period, Reference};
use crate::error::ApiError;
use crate::http::body::{nullable, TextInput};
use crate::http::params::Id;
use crate::http::parts::ASSIGNMENT_VERSION;
use crate::http::Reply;
use crate::views::shared::LocalizedText;
use crate::writes::transaction::{WriteRequest, WriteTx};

/// What a token needs to be a registrar's for, in the 403.
const CHANGE: &str = "change an assignment's title, scope or deadline";

/// A new title and scope from a date (an amendment), with the final
/// report's due date as it says it.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewVersion {
    pub title: TextInput,
    pub scope: Option<TextInput>,
    #[schema(example = "2027-01-01")]
    pub valid_from: PartialDate,
    /// When the final report is due from `valid_from` on. Left out, the
    /// date of the version in force on `valid_from` stands (an amendment
    /// that changes the title, not the deadline); null: no date is set.
    #[serde(default, deserialize_with = "nullable")]
    #[schema(example = "2027-09-30")]
    pub due_on: Option<Option<PartialDate>>,
    #[schema(example = "2018-01-08-nationella-uppdrag-flyttar")]
    pub source: Reference,
}

/// Change an assignment's title, scope or deadline from a date
///
/// An amendment: the version in force on `valid_from` ends there; the new
/// one runs until the next recorded version, if any. Its `due_on` is the
/// final report's deadline from then on (`GET /v1/agencies/{id}/deadlines`
/// lists only the one in force on the day it falls due).
#[utoipa::path(
    post, path = "/v1/assignments/{id}/versions",
    request_body(content = NewVersion, example = json!({
        "title": {"sv": "Nationellt uppdrag mot prostitution och människohandel"},
        "valid_from": "2027-01-01",
        "due_on": "2027-09-30",
        "source": "2018-01-08-nationella-uppdrag-flyttar"
    })),
    responses(
        (status = 201, description = "Recorded; the assignment as it is today, or on `valid_from` where that is later"),
        (status = 409, description = "A version already starts on that date"),
    )
)]
#[tracing::instrument(skip_all)]
pub async fn add_version(write: WriteRequest, Id(reference): Id) -> Reply {
    let input: NewVersion = write.body()?;
    let from = input.valid_from;
    if let Some(Some(due)) = &input.due_on {
        due_within(Some(due), Some(&from))?;
    }
    let mut tx = begin_write!(write);
    tx.as_registrar(CHANGE)?;
    let id = id_of(tx.conn(), Resource::Assignment, &reference, Named::Path).await?;
    let source = source_id(tx.conn(), &input.source).await?;
    let due = match input.due_on {
        Some(due) => due,
        None => due_in_force(tx.conn(), id, &from).await?,
    };
    let to = make_room(tx.conn(), Dated::AssignmentVersion, id, &from).await?;
    let period = Period::new(Some(from), to);
    let scope = input.scope.as_ref();
    insert_version(
        tx.conn(),
        id,
        &input.title,
        scope,
        &period,
        due.as_ref(),
        source,
    )
    .await?;
    tx.show_from(&period);
    tx.created(id, assignment).await
}

/// The final report's due date as the version of `assignment` in force on
/// `day` gives it: an amendment that says nothing of the deadline keeps it.
async fn due_in_force(
    conn: &mut PgConnection,
    assignment: Uuid,
    day: &PartialDate,
) -> Result<Option<PartialDate>, ApiError> {
    let due = sqlx::query_scalar!(
        r#"select partial_date_text(v.due_on, v.due_on_precision) as "due: PartialDate"
           from assignment_version_on($1, $2) v"#,
        assignment,
        day.first_day(),
    )
    .fetch_optional(conn)
    .await?;
    Ok(due.flatten())
}

/// Corrections to a version (JSON merge patch): its words, its deadline,
/// its source. Its period is the amendments': to change the assignment
/// from a date, record a new version.
#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct VersionPatch {
    #[schema(nullable = false)]
    pub title: Option<TextInput>,
    #[serde(default, deserialize_with = "nullable")]
    pub scope: Option<Option<TextInput>>,
    /// The final report's due date as this version gives it; null: none.
    #[serde(default, deserialize_with = "nullable")]
    #[schema(example = "2027-10-31")]
    pub due_on: Option<Option<PartialDate>>,
    #[schema(nullable = false)]
    pub source: Option<Reference>,
}

/// A version as recorded.
struct Version {
    title: LocalizedText,
    scope: Option<LocalizedText>,
    valid_from: Option<PartialDate>,
    due_on: Option<PartialDate>,
    source_id: Uuid,
}

/// The assignment `reference` names and its version `{version}` (404 where
/// it has none, 400 where the path's text is no UUID), once the token may
/// change it ([`assignment_to_change`]).
async fn version_to_change(
    tx: &mut WriteTx,
    reference: &Reference,
    req: &HttpRequest,
) -> Result<(Uuid, Uuid, Version), ApiError> {
    let version = ASSIGNMENT_VERSION.of(req)?;
    let id = assignment_to_change(tx, reference, CHANGE).await?;
    let row = sqlx::query!(
        r#"select title_sv, title_en, scope_sv, scope_en, source_id,
                  partial_date_text(valid_from, valid_from_precision) as "valid_from: PartialDate",
                  partial_date_text(due_on, due_on_precision) as "due_on: PartialDate"
           from assignment_versions where id = $1 and assignment_id = $2"#,
        version,
        id,
    )
    .fetch_optional(tx.conn())
    .await?
    .ok_or_else(|| ASSIGNMENT_VERSION.not_found(reference, version))?;
    let current = Version {
        title: LocalizedText {
            sv: row.title_sv,
            en: row.title_en,
        },
        scope: row.scope_sv.map(|sv| LocalizedText {
            sv,
            en: row.scope_en,
        }),
        valid_from: row.valid_from,
        due_on: row.due_on,
        source_id: row.source_id,
    };
    Ok((id, version, current))
}

/// Correct a version of an assignment
///
/// Its title, scope, final report's deadline or source, over the period it
/// already has: a date the import read wrong, say. `{version}` is the
/// version's id, as `version.id` and the history's `versions[].id` give
/// it. `If-Match` takes the ETag of `GET /v1/assignments/{id}` without
/// `at`.
#[utoipa::path(
    patch, path = "/v1/assignments/{id}/versions/{version}",
    request_body(content = VersionPatch, example = json!({"due_on": "2027-10-31"})),
    responses(
        (status = 200, description = "Corrected; the assignment as it is today, or on the version's first day where that is later"),
    )
)]
#[tracing::instrument(skip_all)]
pub async fn correct_version(write: WriteRequest, Id(reference): Id, req: HttpRequest) -> Reply {
    let patch: VersionPatch = write.body()?;
    let mut tx = begin_write!(write);
    let (id, version, current) = version_to_change(&mut tx, &reference, &req).await?;
    let due = patched(current.due_on, patch.due_on);
    due_within(due.as_ref(), current.valid_from.as_ref())?;
    let (title_sv, title_en) = match patch.title {
        Some(title) => title.into_columns(),
        None => (current.title.sv, current.title.en),
    };
    let (scope_sv, scope_en) = patched_text(current.scope, patch.scope);
    let source = tx
        .source_or(patch.source.as_ref(), current.source_id)
        .await?;
    sqlx::query!(
        "update assignment_versions set title_sv = $2, title_en = $3, scope_sv = $4, scope_en = $5,
                due_on = partial_date_day($6), due_on_precision = partial_date_precision($6), source_id = $7
         where id = $1",
        version, title_sv, title_en, scope_sv, scope_en, due as _, source,
    )
    .execute(tx.conn())
    .await?;
    tx.show_from(&Period::new(current.valid_from, None));
    tx.changed(id, assignment).await
}

/// Delete a version recorded by mistake
///
/// The version before it runs on in its place, to the deleted one's end.
/// The first version, which the assignment begins with, is corrected, not
/// deleted (409). `If-Match` takes the ETag of `GET /v1/assignments/{id}`
/// without `at`. The change log keeps what was deleted.
#[utoipa::path(
    delete, path = "/v1/assignments/{id}/versions/{version}",
    responses(
        (status = 409, description = "It is the assignment's first version"),
    )
)]
#[tracing::instrument(skip_all)]
pub async fn delete_version(write: WriteRequest, Id(reference): Id, req: HttpRequest) -> Reply {
    let mut tx = begin_write!(write);
    let (_, version, _) = version_to_change(&mut tx, &reference, &req).await?;
    close_up(tx.conn(), Dated::AssignmentVersion, version).await?;
    tx.deleted().await
}
