//! Writing an assignment's case numbers (diarienummer): the numbers the
//! Government Offices file its decisions under, by which other agencies'
//! systems find it (`GET /v1/assignments?q=A2025/00141`, reconciliation).
//! Shown in the assignment's `identifiers`, scheme `diarienummer`.

use actix_web::HttpRequest;
use serde::Deserialize;
use utoipa::ToSchema;

use super::assignments::{assignment, assignment_to_change};
use super::{id_of, source_id, Named, Resource};
use crate::begin_write;
use crate::domain::{CaseNumber, Reference};
use crate::http::params::Id;
use crate::http::parts::ASSIGNMENT_IDENTIFIER;
use crate::http::Reply;
use crate::writes::transaction::WriteRequest;

/// What a token needs to be a registrar's for, in the 403.
const CHANGE: &str = "change an assignment's case numbers";

/// A case number an assignment is filed under.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewCaseNumber {
    /// As the decision writes it; stored in capitals.
    pub value: CaseNumber,
    /// The decision that gives it.
    #[schema(example = "2018-01-08-nationella-uppdrag-flyttar")]
    pub source: Reference,
}

/// Record a case number of an assignment
///
/// A decision's diarienummer (`A2025/00141`, `N2018/02934/FÖF`); an
/// amendment filed under another number adds it. The assignment already
/// filed under it: 409.
#[utoipa::path(
    post, path = "/v1/assignments/{id}/identifiers",
    request_body(content = NewCaseNumber, example = json!({
        "value": "A2017/01234/JÄM",
        "source": "2018-01-08-nationella-uppdrag-flyttar"
    })),
    responses(
        (status = 201, description = "Recorded; the assignment with its identifiers"),
    )
)]
#[tracing::instrument(skip_all)]
pub async fn add_case_number(write: WriteRequest, Id(reference): Id) -> Reply {
    let input: NewCaseNumber = write.body()?;
    let mut tx = begin_write!(write);
    tx.as_registrar(CHANGE)?;
    let id = id_of(tx.conn(), Resource::Assignment, &reference, Named::Path).await?;
    let source = source_id(tx.conn(), &input.source).await?;
    sqlx::query!(
        "insert into assignment_identifiers (assignment_id, scheme, value, source_id)
         values ($1, 'diarienummer', $2, $3)",
        id,
        input.value.written,
        source,
    )
    .execute(tx.conn())
    .await?;
    tx.created(id, assignment).await
}

/// Delete a case number of an assignment
///
/// One recorded by mistake, or read wrong. `{identifier}` is its id, as
/// the assignment's `identifiers[].id` give it (a case number has a `/`,
/// so it cannot stand in a path). `If-Match` takes the ETag of
/// `GET /v1/assignments/{id}` without `at`. The change log keeps what was
/// deleted.
#[utoipa::path(
    delete,
    path = "/v1/assignments/{id}/identifiers/{identifier}",
    responses()
)]
#[tracing::instrument(skip_all)]
pub async fn delete_case_number(write: WriteRequest, Id(reference): Id, req: HttpRequest) -> Reply {
    let identifier = ASSIGNMENT_IDENTIFIER.of(&req)?;
    let mut tx = begin_write!(write);
    let id = assignment_to_change(&mut tx, &reference, CHANGE).await?;
    let deleted = sqlx::query!(
        "delete from assignment_identifiers where id = $1 and assignment_id = $2",
        identifier,
        id,
    )
    .execute(tx.conn())
    .await?;
    if deleted.rows_affected() == 0 {
        return Err(ASSIGNMENT_IDENTIFIER.not_found(&reference, identifier));
    }
    tx.deleted().await
}
