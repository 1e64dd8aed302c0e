//! Writing an agency's names over time: a rename from a date
//! ([`rename_agency`]); a name spelt wrong, corrected in place over the
//! period it has ([`correct_name`]); a rename recorded by mistake, deleted,
//! the name before it running on in its place ([`delete_name`]).

use actix_web::HttpRequest;
use serde::Deserialize;
use utoipa::ToSchema;
use uuid::Uuid;

use super::agencies::agency;
use super::{close_up, id_of, make_room, source_id, Dated, Named, Resource};
use crate::begin_write;
use crate::domain::{PartialDate, Period, Reference};
use crate::error::ApiError;
use crate::http::body::TextInput;
use crate::http::params::Id;
use crate::http::parts::AGENCY_NAME;
use crate::http::Reply;
use crate::writes::transaction::{WriteRequest, WriteTx};

/// A new name, from a date on.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewName {
    pub name: TextInput,
    /// The first day (or month, or year) of the new name.
    #[schema(example = "2027-01-01")]
    pub valid_from: PartialDate,
    #[schema(example = "2018-01-08-nationella-uppdrag-flyttar")]
    pub source: Reference,
}

/// Rename an agency from a date
///
/// The name in force on `valid_from` ends there; the new one runs from it
/// until the next recorded name, if any.
#[utoipa::path(
    post, path = "/v1/agencies/{id}/names",
    request_body(content = NewName, example = json!({
        "name": {"sv": "Jämställdhetsmyndigheten", "en": "Swedish Gender Equality Agency"},
        "valid_from": "2027-01-01",
        "source": "2018-01-08-nationella-uppdrag-flyttar"
    })),
    responses(
        (status = 201, description = "Renamed; the agency as it is today, or on `valid_from` where that is later"),
        (status = 409, description = "A name already starts on that date"),
    )
)]
#[tracing::instrument(skip_all)]
pub async fn rename_agency(write: WriteRequest, Id(reference): Id) -> Reply {
    let input: NewName = write.body()?;
    let (name_sv, name_en) = input.name.columns();
    let mut tx = begin_write!(write);
    let id = id_of(tx.conn(), Resource::Agency, &reference, Named::Path).await?;
    tx.act_for(id).await?;
    let source = source_id(tx.conn(), &input.source).await?;
    sqlx::query!(
        "select check_name_before_end($1, partial_date_day($2), partial_date_precision($2))",
        id,
        input.valid_from as _,
    )
    .execute(tx.conn())
    .await?;
    let valid_to = make_room(tx.conn(), Dated::AgencyName, id, &input.valid_from).await?;
    sqlx::query!(
        "insert into agency_names (agency_id, name_sv, name_en, valid_from, valid_from_precision,
                                   valid_to, valid_to_precision, source_id)
         values ($1, $2, $3, partial_date_day($4), partial_date_precision($4),
                 partial_date_day($5), partial_date_precision($5), $6)",
        id,
        name_sv,
        name_en,
        input.valid_from as _,
        valid_to as _,
        source,
    )
    .execute(tx.conn())
    .await?;
    tx.show_from(&Period::new(Some(input.valid_from), None));
    tx.created(id, agency).await
}

/// Corrections to a name (JSON merge patch): its spelling, in Swedish and
/// English, or its source. Its period stays: to rename the agency from a
/// date, record a new name.
#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NamePatch {
    /// The name as it should be spelt, both languages (an English name left
    /// out is cleared).
    #[schema(nullable = false)]
    pub name: Option<TextInput>,
    #[schema(nullable = false)]
    pub source: Option<Reference>,
}

/// A name as recorded.
struct Name {
    sv: String,
    en: Option<String>,
    valid_from: Option<PartialDate>,
    source_id: Uuid,
}

/// The agency `reference` names and its name `{name}` (404 where it has
/// none, 400 where the path's text is no UUID), once the token may act for
/// the agency and `If-Match` (when sent) names the agency as it is now.
async fn name_to_change(
    tx: &mut WriteTx,
    reference: &Reference,
    req: &HttpRequest,
) -> Result<(Uuid, Uuid, Name), ApiError> {
    let name = AGENCY_NAME.of(req)?;
    let id = id_of(tx.conn(), Resource::Agency, reference, Named::Path).await?;
    tx.act_for(id).await?;
    tx.current_of(&format!("/v1/agencies/{reference}"), id, agency)
        .await?;
    let row = sqlx::query!(
        r#"select name_sv, name_en, source_id,
                  partial_date_text(valid_from, valid_from_precision) as "valid_from: PartialDate"
           from agency_names where id = $1 and agency_id = $2"#,
        name,
        id,
    )
    .fetch_optional(tx.conn())
    .await?
    .ok_or_else(|| AGENCY_NAME.not_found(reference, name))?;
    let current = Name {
        sv: row.name_sv,
        en: row.name_en,
        valid_from: row.valid_from,
        source_id: row.source_id,
    };
    Ok((id, name, current))
}

/// Correct the spelling of a name an agency has had
///
/// Over the period the name already has: a letter wrong, an English name
/// missing. `{name}` is the name's id, as the agency's `names[].id` give
/// it. `If-Match` takes the ETag of `GET /v1/agencies/{id}` without `at`.
#[utoipa::path(
    patch, path = "/v1/agencies/{id}/names/{name}",
    request_body(content = NamePatch, example = json!({
        "name": {"sv": "Jämställdhetsmyndigheten", "en": "Swedish Gender Equality Agency"}
    })),
    responses(
        (status = 200, description = "Corrected; the agency as it is today, or on the name's first day where that is later"),
    )
)]
#[tracing::instrument(skip_all)]
pub async fn correct_name(write: WriteRequest, Id(reference): Id, req: HttpRequest) -> Reply {
    let patch: NamePatch = write.body()?;
    let mut tx = begin_write!(write);
    let (id, name, current) = name_to_change(&mut tx, &reference, &req).await?;
    let source = tx
        .source_or(patch.source.as_ref(), current.source_id)
        .await?;
    let (name_sv, name_en) = match patch.name {
        Some(spelt) => spelt.into_columns(),
        None => (current.sv, current.en),
    };
    sqlx::query!(
        "update agency_names set name_sv = $2, name_en = $3, source_id = $4 where id = $1",
        name,
        name_sv,
        name_en,
        source,
    )
    .execute(tx.conn())
    .await?;
    tx.show_from(&Period::new(current.valid_from, None));
    tx.changed(id, agency).await
}

/// Delete a name recorded by mistake
///
/// The name before it runs on in its place, to the deleted one's end. The
/// agency's first name is corrected, not deleted (409). `If-Match` takes
/// the ETag of `GET /v1/agencies/{id}` without `at`. The change log keeps
/// what was deleted.
#[utoipa::path(
    delete, path = "/v1/agencies/{id}/names/{name}",
    responses(
        (status = 409, description = "It is the agency's first name"),
    )
)]
#[tracing::instrument(skip_all)]
pub async fn delete_name(write: WriteRequest, Id(reference): Id, req: HttpRequest) -> Reply {
    let mut tx = begin_write!(write);
    let (_, name, _) = name_to_change(&mut tx, &reference, &req).await?;
    close_up(tx.conn(), Dated::AgencyName, name).await?;
    tx.deleted().await
}
