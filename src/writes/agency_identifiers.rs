//! Writing what an agency is known by elsewhere: its identifiers in other
//! registers (organisation number, Wikidata, ESV), by which reconciliation
//! and linked data tie it to them, and its other names (abbreviations,
//! former names), by which searches find it. Each is added, or deleted by
//! the id the agency's `identifiers` and `other_names` give it.

use actix_web::HttpRequest;
use serde::Deserialize;
use utoipa::ToSchema;
use uuid::Uuid;

use super::agencies::agency;
use super::{id_of, source_id, Named, Resource};
use crate::begin_write;
use crate::domain::{IdentifierScheme, IdentifierValue, OtherNameKind, Reference, Text};
use crate::error::ApiError;
use crate::http::params::Id;
use crate::http::parts::{PartId, AGENCY_IDENTIFIER, AGENCY_OTHER_NAME};
use crate::http::Reply;
use crate::writes::transaction::{WriteRequest, WriteTx};

/// An identifier of an agency in another register.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewIdentifier {
    pub scheme: IdentifierScheme,
    /// As the scheme writes it: an organisation number in any of its forms
    /// (stored as `NNNNNN-NNNN`), a Wikidata item (`Q1677108`), a number in
    /// ESV's register (`1001`).
    #[schema(example = "Q1677108")]
    pub value: String,
    #[schema(example = "2018-01-08-nationella-uppdrag-flyttar")]
    pub source: Reference,
}

/// Another name an agency is known by, without a known period.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewOtherName {
    #[schema(example = "JämY")]
    pub name: Text,
    pub kind: OtherNameKind,
    #[schema(example = "2018-01-08-nationella-uppdrag-flyttar")]
    pub source: Reference,
}

/// The agency `reference` names, once the token may act for it.
async fn agency_to_change(tx: &mut WriteTx, reference: &Reference) -> Result<Uuid, ApiError> {
    let id = id_of(tx.conn(), Resource::Agency, reference, Named::Path).await?;
    tx.act_for(id).await?;
    Ok(id)
}

/// Record an identifier of an agency
///
/// Its organisation number, its Wikidata item or its number in ESV's
/// register. The agency already known by it: 409. A value not of its
/// scheme: 400 naming `value`.
#[utoipa::path(
    post, path = "/v1/agencies/{id}/identifiers",
    request_body(content = NewIdentifier, example = json!({
        "scheme": "esv", "value": "1208", "source": "2018-01-08-nationella-uppdrag-flyttar"
    })),
    responses(
        (status = 201, description = "Recorded; the agency with its identifiers"),
    )
)]
#[tracing::instrument(skip_all)]
pub async fn add_identifier(write: WriteRequest, Id(reference): Id) -> Reply {
    let input: NewIdentifier = write.body()?;
    let value = IdentifierValue::parse(input.scheme, &input.value)
        .map_err(|error| ApiError::invalid_field("value", error))?;
    let mut tx = begin_write!(write);
    let id = agency_to_change(&mut tx, &reference).await?;
    let source = source_id(tx.conn(), &input.source).await?;
    sqlx::query!(
        "insert into agency_identifiers (agency_id, scheme, value, source_id) values ($1, $2, $3, $4)",
        id,
        input.scheme.as_str(),
        value.as_str(),
        source,
    )
    .execute(tx.conn())
    .await?;
    tx.created(id, agency).await
}

/// Delete an identifier recorded by mistake
///
/// `If-Match` takes the ETag of `GET /v1/agencies/{id}` without `at`. The
/// change log keeps what was deleted, and no import of the agency
/// registers brings it back.
#[utoipa::path(
    delete,
    path = "/v1/agencies/{id}/identifiers/{identifier}",
    responses()
)]
#[tracing::instrument(skip_all)]
pub async fn delete_identifier(write: WriteRequest, Id(reference): Id, req: HttpRequest) -> Reply {
    delete_known_by(write, reference, req, KnownBy::Identifier).await
}

/// Record another name of an agency
///
/// An abbreviation, a former name or another name it is known by, without
/// a known period (a name over a period is a rename: `POST
/// /v1/agencies/{id}/names`). Searches find the agency by it. The agency
/// already known by it: 409.
#[utoipa::path(
    post, path = "/v1/agencies/{id}/other-names",
    request_body(content = NewOtherName, example = json!({
        "name": "JämY", "kind": "abbreviation", "source": "2018-01-08-nationella-uppdrag-flyttar"
    })),
    responses(
        (status = 201, description = "Recorded; the agency with its other names"),
    )
)]
#[tracing::instrument(skip_all)]
pub async fn add_other_name(write: WriteRequest, Id(reference): Id) -> Reply {
    let input: NewOtherName = write.body()?;
    let mut tx = begin_write!(write);
    let id = agency_to_change(&mut tx, &reference).await?;
    let source = source_id(tx.conn(), &input.source).await?;
    sqlx::query!(
        "insert into agency_aliases (agency_id, alias, kind, source_id) values ($1, $2, $3, $4)",
        id,
        &*input.name,
        input.kind.as_str(),
        source,
    )
    .execute(tx.conn())
    .await?;
    tx.created(id, agency).await
}

/// Delete another name recorded by mistake
///
/// `If-Match` takes the ETag of `GET /v1/agencies/{id}` without `at`. The
/// change log keeps what was deleted, and no import of the agency
/// registers brings it back.
#[utoipa::path(
    delete,
    path = "/v1/agencies/{id}/other-names/{other_name}",
    responses()
)]
#[tracing::instrument(skip_all)]
pub async fn delete_other_name(write: WriteRequest, Id(reference): Id, req: HttpRequest) -> Reply {
    delete_known_by(write, reference, req, KnownBy::OtherName).await
}

/// What an agency is known by elsewhere, as a delete names it.
#[derive(Clone, Copy)]
enum KnownBy {
    Identifier,
    OtherName,
}

impl KnownBy {
    /// Its id, as the path names it.
    fn part(self) -> &'static PartId {
        match self {
            KnownBy::Identifier => &AGENCY_IDENTIFIER,
            KnownBy::OtherName => &AGENCY_OTHER_NAME,
        }
    }
}

/// Deletes the identifier or other name the path names, once the token may
/// act for the agency and `If-Match` (when sent) names the agency as it is.
async fn delete_known_by(
    write: WriteRequest,
    reference: Reference,
    req: HttpRequest,
    known: KnownBy,
) -> Reply {
    let part = known.part();
    let row = part.of(&req)?;
    let mut tx = begin_write!(write);
    let id = agency_to_change(&mut tx, &reference).await?;
    tx.current_of(&format!("/v1/agencies/{reference}"), id, agency)
        .await?;
    let deleted = match known {
        KnownBy::Identifier => {
            sqlx::query_scalar!(
                "delete from agency_identifiers where id = $1 and agency_id = $2 returning id",
                row,
                id,
            )
            .fetch_optional(tx.conn())
            .await?
        }
        KnownBy::OtherName => {
            sqlx::query_scalar!(
                "delete from agency_aliases where id = $1 and agency_id = $2 returning id",
                row,
                id,
            )
            .fetch_optional(tx.conn())
            .await?
        }
    };
    deleted.ok_or_else(|| part.not_found(&reference, row))?;
    tx.deleted().await
}
