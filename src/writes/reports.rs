//! Writing the interim reports (delredovisningar) an assignment asks for:
//! record one when the government asks for it, and delete one an
//! amendment withdrew or moved. The final report's date is a version's
//! (see [`super::versions`]).

use actix_web::HttpRequest;
use serde::Deserialize;
use sqlx::PgConnection;
use utoipa::ToSchema;
use uuid::Uuid;

use super::assignments::{assignment, assignment_to_change};
use super::{due_within, id_of, source_id, Named, Resource};
use crate::begin_write;
use crate::domain::{PartialDate, Reference};
use crate::error::ApiError;
use crate::http::params::Id;
use crate::http::Reply;
use crate::writes::transaction::WriteRequest;

/// What a token needs to be a registrar's for, in the 403.
const CHANGE: &str = "change an assignment's deadlines";

/// An interim report an assignment asks for.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewInterimReport {
    /// When it is due: a day, or a month or a year where the text gives no
    /// more.
    #[schema(example = "2027-06")]
    pub due_on: PartialDate,
    /// The text that asks for it.
    #[schema(example = "2018-01-08-nationella-uppdrag-flyttar")]
    pub source: Reference,
}

/// When the assignment takes effect: its first version's start, where known.
async fn given_on(
    conn: &mut PgConnection,
    assignment: Uuid,
) -> Result<Option<PartialDate>, ApiError> {
    let given = sqlx::query_scalar!(
        r#"select partial_date_text(valid_from, valid_from_precision) as "given: PartialDate"
           from assignment_versions where assignment_id = $1
           order by valid_from nulls first limit 1"#,
        assignment,
    )
    .fetch_optional(conn)
    .await?;
    Ok(given.flatten())
}

/// Record an interim report an assignment asks for
///
/// It is due from whoever holds the assignment on its day (see
/// `GET /v1/agencies/{id}/deadlines`). Refused where one is already due
/// on that day (409), or where it would be due before the assignment
/// takes effect (400).
#[utoipa::path(
    post, path = "/v1/assignments/{id}/reports",
    request_body(content = NewInterimReport, example = json!({
        "due_on": "2027-06",
        "source": "2018-01-08-nationella-uppdrag-flyttar"
    })),
    responses(
        (status = 201, description = "Recorded; the assignment with its interim reports"),
    )
)]
#[tracing::instrument(skip_all)]
pub async fn add_interim_report(write: WriteRequest, Id(reference): Id) -> Reply {
    let input: NewInterimReport = write.body()?;
    let mut tx = begin_write!(write);
    tx.as_registrar(CHANGE)?;
    let id = id_of(tx.conn(), Resource::Assignment, &reference, Named::Path).await?;
    let given = given_on(tx.conn(), id).await?;
    due_within(Some(&input.due_on), given.as_ref())?;
    let source = source_id(tx.conn(), &input.source).await?;
    sqlx::query!(
        "insert into assignment_reports (assignment_id, due_on, due_on_precision, source_id)
         values ($1, partial_date_day($2), partial_date_precision($2), $3)",
        id,
        &input.due_on as _,
        source,
    )
    .execute(tx.conn())
    .await?;
    tx.created(id, assignment).await
}

/// Delete an interim report
///
/// One an amendment withdrew, or recorded by mistake; to move one, delete
/// it and record it on its new date. `{due_on}` is written as the
/// assignment's `interim_reports` give it. `If-Match` takes the ETag of
/// `GET /v1/assignments/{id}` without `at`. The change log keeps what was
/// deleted.
#[utoipa::path(
    delete, path = "/v1/assignments/{id}/reports/{due_on}",
    params(("due_on" = PartialDate, Path, description = "When the report is due, as the assignment's `interim_reports` give it.", example = "2018-06")),
    responses(
        (status = 404, description = "No such assignment (where the path names it by slug, the problem suggests those it may have meant), or it asks for no interim report due then",
         body = crate::views::assignments::AssignmentNotFound, content_type = "application/problem+json"),
    )
)]
#[tracing::instrument(skip_all)]
pub async fn delete_interim_report(
    write: WriteRequest,
    Id(reference): Id,
    req: HttpRequest,
) -> Reply {
    let due_on = req.match_info().get("due_on").unwrap_or_default();
    let due_on = PartialDate::parse(due_on).map_err(|error| ApiError::invalid("due_on", error))?;
    let mut tx = begin_write!(write);
    let id = assignment_to_change(&mut tx, &reference, CHANGE).await?;
    let deleted = sqlx::query!(
        "delete from assignment_reports
         where assignment_id = $1 and due_on = partial_date_day($2) and due_on_precision = partial_date_precision($2)",
        id,
        &due_on as _,
    )
    .execute(tx.conn())
    .await?;
    if deleted.rows_affected() == 0 {
        return Err(ApiError::NotFound(format!(
            "The assignment '{reference}' asks for no interim report due {due_on}."
        )));
    }
    tx.deleted().await
}
