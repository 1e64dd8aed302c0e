//! Writing agencies: create, correct or end (`PATCH` with `ended_on`),
//! rename from a date, and delete one created by mistake.

use actix_web::http::StatusCode;
use actix_web::HttpResponse;
use serde::Deserialize;
use utoipa::ToSchema;

use super::{agency_id, county, patched, source_id, today, Named};
use crate::begin_write;
use crate::domain::{AgencyKind, OrganisationNumber, PartialDate, Reference};
use crate::error::ApiError;
use crate::http::body::{check_period, nullable, stored, text, TextInput};
use crate::http::params::Id;
use crate::views::agencies::{fetch_agency, Agency};
use crate::writes::transaction::WriteRequest;

/// A new agency.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewAgency {
    #[schema(example = "myndigheten-for-delaktighet")]
    pub slug: String,
    pub kind: AgencyKind,
    /// Its name from `started_on` on.
    pub name: TextInput,
    /// Required for a county administrative board, refused otherwise.
    #[schema(example = "01")]
    pub county_code: Option<String>,
    #[schema(example = "202100-6255")]
    pub organisation_number: Option<String>,
    #[schema(example = "Sundbyberg")]
    pub seat: Option<String>,
    pub started_on: Option<PartialDate>,
    pub ended_on: Option<PartialDate>,
    /// The source (UUID or slug) these facts come from.
    #[schema(value_type = String, example = "2018-01-08-nationella-uppdrag-flyttar")]
    pub source: Reference,
}

/// Changes to an agency (JSON merge patch): a field left out stays, `null`
/// clears it. Set `ended_on` to record that the agency ended.
#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AgencyPatch {
    pub kind: Option<AgencyKind>,
    #[serde(default, deserialize_with = "nullable")]
    #[schema(value_type = Option<String>, nullable)]
    pub county_code: Option<Option<String>>,
    #[serde(default, deserialize_with = "nullable")]
    #[schema(value_type = Option<String>, nullable)]
    pub organisation_number: Option<Option<String>>,
    #[serde(default, deserialize_with = "nullable")]
    #[schema(value_type = Option<String>, nullable)]
    pub seat: Option<Option<String>>,
    #[serde(default, deserialize_with = "nullable")]
    #[schema(value_type = Option<PartialDate>, nullable)]
    pub started_on: Option<Option<PartialDate>>,
    #[serde(default, deserialize_with = "nullable")]
    #[schema(value_type = Option<PartialDate>, nullable, example = "2027-01-01")]
    pub ended_on: Option<Option<PartialDate>>,
    /// The source of the change.
    #[schema(value_type = Option<String>)]
    pub source: Option<Reference>,
}

/// A new name, from a date on.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewName {
    pub name: TextInput,
    /// The first day (or month, or year) of the new name.
    #[schema(example = "2027-01-01")]
    pub valid_from: PartialDate,
    #[schema(value_type = String, example = "2018-01-08-nationella-uppdrag-flyttar")]
    pub source: Reference,
}

fn organisation_number(value: Option<String>) -> Result<Option<String>, ApiError> {
    value
        .map(|value| {
            OrganisationNumber::parse(&value)
                .map(OrganisationNumber::into_string)
                .map_err(|error| ApiError::invalid_field("organisation_number", error))
        })
        .transpose()
}

fn county_fits(kind: AgencyKind, county_code: Option<&str>) -> Result<(), ApiError> {
    let is_board = kind == AgencyKind::CountyAdministrativeBoard;
    match (is_board, county_code) {
        (true, None) => Err(ApiError::invalid_field(
            "county_code",
            "a county administrative board needs its county's code",
        )),
        (false, Some(_)) => Err(ApiError::invalid_field(
            "county_code",
            "only a county administrative board has a county code",
        )),
        _ => Ok(()),
    }
}

/// Create an agency
#[utoipa::path(
    post, path = "/v1/agencies", tag = "agencies",
    request_body(content = NewAgency, example = json!({
        "slug": "myndigheten-for-delaktighet",
        "kind": "government_agency",
        "name": {"sv": "Myndigheten för delaktighet", "en": "Swedish Agency for Participation"},
        "seat": "Sundbyberg",
        "started_on": "2014-05",
        "source": "2018-01-08-nationella-uppdrag-flyttar"
    })),
    responses(
        (status = 201, description = "Created; `Location` names it", body = Agency),
        (status = 409, description = "The slug or organisation number is taken"),
    )
)]
#[tracing::instrument(skip_all)]
pub async fn create_agency(write: WriteRequest) -> Result<HttpResponse, ApiError> {
    let input: NewAgency = write.body()?;
    let slug = super::slug(&input.slug)?;
    let name = input.name.checked("name")?;
    let seat = input.seat.map(|seat| text("seat", seat)).transpose()?;
    let organisation_number = organisation_number(input.organisation_number)?;
    county_fits(input.kind, input.county_code.as_deref())?;
    check_period(
        input.started_on.as_ref(),
        input.ended_on.as_ref(),
        "ended_on",
    )?;
    let (started_on, started_on_precision) = stored(input.started_on.as_ref());
    let (ended_on, ended_on_precision) = stored(input.ended_on.as_ref());

    if let Some(code) = &input.county_code {
        county(code)?;
    }
    let mut tx = begin_write!(write);
    let source = source_id(tx.conn(), &input.source).await?;
    let id = sqlx::query_scalar!(
        "insert into agencies (slug, kind, organisation_number, county_code, seat, started_on, started_on_precision,
                               ended_on, ended_on_precision, source_id)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) returning id",
        slug, input.kind.as_str(), organisation_number, input.county_code, seat,
        started_on, started_on_precision, ended_on, ended_on_precision, source,
    )
    .fetch_one(tx.conn())
    .await?;
    sqlx::query!(
        "insert into agency_names (agency_id, name_sv, name_en, valid_from, valid_from_precision, source_id)
         values ($1, $2, $3, $4, $5, $6)",
        id, name.sv, name.en, started_on, started_on_precision, source,
    )
    .execute(tx.conn())
    .await?;
    let agency = fetch_agency(tx.conn(), &Reference::Id(id), today()).await?;
    let location = format!("/v1/agencies/{}", agency.slug);
    tx.commit(StatusCode::CREATED, Some(location), &agency)
        .await
}

/// Correct or end an agency
///
/// A JSON merge patch. Send `If-Match` with the ETag of `GET /v1/agencies/{id}`
/// (without `at`) to refuse the change if someone else changed it first.
#[utoipa::path(
    patch, path = "/v1/agencies/{id}", tag = "agencies",
    request_body(content = AgencyPatch, content_type = "application/merge-patch+json", example = json!({"seat": "Göteborg"})),
    responses(
        (status = 200, description = "Changed", body = Agency),
        (status = 409, description = "The change contradicts other records"),
    )
)]
#[tracing::instrument(skip_all)]
pub async fn update_agency(
    write: WriteRequest,
    Id(reference): Id,
) -> Result<HttpResponse, ApiError> {
    let mut patch: AgencyPatch = write.body()?;
    if let Some(Some(seat)) = patch.seat.take() {
        patch.seat = Some(Some(text("seat", seat)?));
    }
    if let Some(Some(number)) = patch.organisation_number.take() {
        patch.organisation_number = Some(organisation_number(Some(number))?);
    }
    let mut tx = begin_write!(write);
    let id = agency_id(tx.conn(), &reference, Named::Path).await?;
    let current = fetch_agency(tx.conn(), &Reference::Id(id), today()).await?;
    tx.check_if_match(&current)?;
    let row = sqlx::query!(
        "select kind, organisation_number, county_code, seat, started_on, started_on_precision,
                ended_on, ended_on_precision, source_id
         from agencies where id = $1",
        id
    )
    .fetch_one(tx.conn())
    .await?;
    let kind = match patch.kind {
        Some(kind) => kind,
        None => AgencyKind::parse(&row.kind).map_err(|e| ApiError::Internal(e.into()))?,
    };
    let county_code = patched(row.county_code, patch.county_code);
    county_fits(kind, county_code.as_deref())?;
    if let Some(code) = &county_code {
        county(code)?;
    }
    let organisation_number =
        organisation_number(patched(row.organisation_number, patch.organisation_number))?;
    let seat = patched(row.seat, patch.seat)
        .map(|seat| text("seat", seat))
        .transpose()?;
    let current = |date, precision: Option<String>| {
        PartialDate::from_stored(date, precision.as_deref())
            .map_err(|e| ApiError::Internal(e.into()))
    };
    let started = patched(
        current(row.started_on, row.started_on_precision)?,
        patch.started_on,
    );
    let ended = patched(
        current(row.ended_on, row.ended_on_precision)?,
        patch.ended_on,
    );
    check_period(started.as_ref(), ended.as_ref(), "ended_on")?;
    let source = match &patch.source {
        Some(source) => source_id(tx.conn(), source).await?,
        None => row.source_id,
    };
    let (started_on, started_on_precision) = stored(started.as_ref());
    let (ended_on, ended_on_precision) = stored(ended.as_ref());
    sqlx::query!(
        "update agencies set kind = $2, organisation_number = $3, county_code = $4, seat = $5,
                started_on = $6, started_on_precision = $7, ended_on = $8, ended_on_precision = $9, source_id = $10
         where id = $1",
        id, kind.as_str(), organisation_number, county_code, seat,
        started_on, started_on_precision, ended_on, ended_on_precision, source,
    )
    .execute(tx.conn())
    .await?;
    let agency = fetch_agency(tx.conn(), &Reference::Id(id), today()).await?;
    tx.commit(StatusCode::OK, None, &agency).await
}

/// Rename an agency from a date
///
/// The name in force on `valid_from` ends there; the new one runs from it
/// until the next recorded name, if any.
#[utoipa::path(
    post, path = "/v1/agencies/{id}/names", tag = "agencies",
    request_body(content = NewName, example = json!({
        "name": {"sv": "Jämställdhetsmyndigheten", "en": "Swedish Gender Equality Agency"},
        "valid_from": "2027-01-01",
        "source": "2018-01-08-nationella-uppdrag-flyttar"
    })),
    responses(
        (status = 201, description = "Renamed", body = Agency),
        (status = 409, description = "A name already starts on that date"),
    )
)]
#[tracing::instrument(skip_all)]
pub async fn rename_agency(
    write: WriteRequest,
    Id(reference): Id,
) -> Result<HttpResponse, ApiError> {
    let input: NewName = write.body()?;
    let name = input.name.checked("name")?;
    let mut tx = begin_write!(write);
    let id = agency_id(tx.conn(), &reference, Named::Path).await?;
    let source = source_id(tx.conn(), &input.source).await?;
    let from = input.valid_from.first_day();
    let (valid_from, valid_from_precision) = stored(Some(&input.valid_from));
    // The name in force on the date ends there; the new one takes over its end.
    let room = sqlx::query!(
        r#"select state as "state!", valid_to, valid_to_precision
           from make_room_from('agency_names', 'agency_id', $1, $2, $3)"#,
        id,
        from,
        valid_from_precision,
    )
    .fetch_one(tx.conn())
    .await?;
    if room.state == "taken" {
        return Err(ApiError::conflict(
            "conflict",
            format!(
                "valid_from: a name already starts on {}; correct it instead of adding one",
                input.valid_from
            ),
        ));
    }
    let (valid_to, valid_to_precision) = (room.valid_to, room.valid_to_precision);
    sqlx::query!(
        "insert into agency_names (agency_id, name_sv, name_en, valid_from, valid_from_precision, valid_to, valid_to_precision, source_id)
         values ($1, $2, $3, $4, $5, $6, $7, $8)",
        id, name.sv, name.en, valid_from, valid_from_precision, valid_to, valid_to_precision, source,
    )
    .execute(tx.conn())
    .await?;
    let agency = fetch_agency(tx.conn(), &Reference::Id(id), today()).await?;
    let location = format!("/v1/agencies/{}", agency.slug);
    tx.commit(StatusCode::CREATED, Some(location), &agency)
        .await
}

/// Delete an agency created by mistake
///
/// Only an agency nothing refers to (no holdings, transfers, contact points
/// or participations) can be deleted; otherwise end it with `PATCH` and
/// `ended_on`. The change log keeps what was deleted.
#[utoipa::path(
    delete, path = "/v1/agencies/{id}", tag = "agencies",
    responses(
        (status = 409, description = "Other records refer to it (`/problems/in-use`)"),
    )
)]
#[tracing::instrument(skip_all)]
pub async fn delete_agency(
    write: WriteRequest,
    Id(reference): Id,
) -> Result<HttpResponse, ApiError> {
    let mut tx = begin_write!(write);
    let id = agency_id(tx.conn(), &reference, Named::Path).await?;
    let current = fetch_agency(tx.conn(), &Reference::Id(id), today()).await?;
    tx.check_if_match(&current)?;
    sqlx::query!("delete from agencies where id = $1", id)
        .execute(tx.conn())
        .await
        .map_err(|error| in_use(error, "agency"))?;
    tx.commit_empty().await
}

/// A deletion refused because other records refer to the row.
pub fn in_use(error: sqlx::Error, what: &str) -> ApiError {
    let foreign_key = error
        .as_database_error()
        .is_some_and(|e| e.code().as_deref() == Some("23503"));
    if foreign_key {
        ApiError::conflict(
            "in-use",
            format!("Other records refer to this {what}, so it cannot be deleted; set an end date instead."),
        )
    } else {
        error.into()
    }
}
