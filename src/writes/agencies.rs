//! Writing agencies: create, correct or end (`PATCH` with `ended_on`), and
//! delete one created by mistake. Their names over time are written in
//! [`super::agency_names`].

use chrono::NaiveDate;
use serde::Deserialize;
use sqlx::PgConnection;
use utoipa::ToSchema;
use uuid::Uuid;

use super::{id_of, patched, source_id, Named, Resource};
use crate::begin_write;
use crate::domain::{
    AgencyKind, CountyCode, OrganisationNumber, PartialDate, Period, Reference, Slug, Text,
};
use crate::error::ApiError;
use crate::http::body::{check_period, nullable, TextInput};
use crate::http::params::Id;
use crate::http::Reply;
use crate::views::agencies::{fetch_agency, Agency};
use crate::writes::transaction::{Fetched, Located, WriteRequest};

/// A new agency.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewAgency {
    #[schema(example = "myndigheten-for-delaktighet")]
    pub slug: Slug,
    pub kind: AgencyKind,
    /// Its name from `started_on` on.
    pub name: TextInput,
    /// Required for a county administrative board, refused otherwise.
    #[schema(example = "01")]
    pub county_code: Option<CountyCode>,
    #[schema(example = "202100-6255")]
    pub organisation_number: Option<OrganisationNumber>,
    #[schema(example = "Sundbyberg")]
    pub seat: Option<Text>,
    pub started_on: Option<PartialDate>,
    pub ended_on: Option<PartialDate>,
    /// The ministry it answers to (UUID or slug of an agency of kind
    /// `ministry`), since a time not known: within the lifetimes of both.
    #[schema(example = "socialdepartementet")]
    pub ministry: Option<Reference>,
    /// The source (UUID or slug) these facts come from.
    #[schema(example = "2018-01-08-nationella-uppdrag-flyttar")]
    pub source: Reference,
}

/// Changes to an agency (JSON merge patch): a field left out stays, `null`
/// clears it. Set `ended_on` to record that the agency ended.
#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AgencyPatch {
    #[schema(nullable = false)]
    pub kind: Option<AgencyKind>,
    #[serde(default, deserialize_with = "nullable")]
    pub county_code: Option<Option<CountyCode>>,
    #[serde(default, deserialize_with = "nullable")]
    pub organisation_number: Option<Option<OrganisationNumber>>,
    #[serde(default, deserialize_with = "nullable")]
    pub seat: Option<Option<Text>>,
    #[serde(default, deserialize_with = "nullable")]
    pub started_on: Option<Option<PartialDate>>,
    #[serde(default, deserialize_with = "nullable")]
    #[schema(example = "2027-01-01")]
    pub ended_on: Option<Option<PartialDate>>,
    /// The ministry it answers to from the day `source` was published (an
    /// agency of kind `ministry`); `source` is then required. The ministry
    /// it answered to that day stops answering for it then (see
    /// `ministries` in the answer). `null`: from that day it answers to no
    /// ministry.
    #[serde(default, deserialize_with = "nullable")]
    #[schema(example = "arbetsmarknadsdepartementet")]
    pub ministry: Option<Option<Reference>>,
    /// The source of the change.
    #[schema(nullable = false)]
    pub source: Option<Reference>,
}

/// Create an agency
#[utoipa::path(
    post, path = "/v1/agencies",
    request_body(content = NewAgency, example = json!({
        "slug": "myndigheten-for-delaktighet",
        "kind": "government_agency",
        "name": {"sv": "Myndigheten för delaktighet", "en": "Swedish Agency for Participation"},
        "seat": "Sundbyberg",
        "started_on": "2014-05",
        "source": "2018-01-08-nationella-uppdrag-flyttar"
    })),
    responses(
        (status = 201, description = "Created; `Location` names it. The agency as it is today, or on `started_on` where that is later"),
        (status = 409, description = "The slug or organisation number is taken"),
    )
)]
#[tracing::instrument(skip_all)]
pub async fn create_agency(write: WriteRequest) -> Reply {
    let input: NewAgency = write.body()?;
    let county_code = input.county_code.map(CountyCode::as_str);
    input
        .kind
        .check_county(county_code)
        .map_err(|error| ApiError::invalid_field("county_code", error))?;
    check_period(
        input.started_on.as_ref(),
        input.ended_on.as_ref(),
        "ended_on",
    )?;
    let (name_sv, name_en) = input.name.columns();
    let mut tx = begin_write!(write);
    tx.as_registrar("create agencies")?;
    let source = source_id(tx.conn(), &input.source).await?;
    let id = sqlx::query_scalar!(
        "insert into agencies (slug, kind, organisation_number, county_code, seat,
                               started_on, started_on_precision, ended_on, ended_on_precision, source_id)
         values ($1, $2, $3, $4, $5, partial_date_day($6), partial_date_precision($6),
                 partial_date_day($7), partial_date_precision($7), $8)
         returning id",
        input.slug.as_str(), input.kind.as_str(), input.organisation_number.as_ref().map(OrganisationNumber::as_str),
        county_code, input.seat.as_deref(), input.started_on as _, input.ended_on as _, source,
    )
    .fetch_one(tx.conn())
    .await?;
    sqlx::query!(
        "insert into agency_names (agency_id, name_sv, name_en, valid_from, valid_from_precision, source_id)
         select id, $2, $3, started_on, started_on_precision, source_id from agencies where id = $1",
        id, name_sv, name_en,
    )
    .execute(tx.conn())
    .await?;
    if let Some(ministry) = &input.ministry {
        let ministry = ministry_named(tx.conn(), ministry).await?;
        answer_to(tx.conn(), id, Some(ministry), source).await?;
    }
    tx.show_from(&Period::new(input.started_on, None));
    tx.created(id, agency).await
}

/// Correct or end an agency
///
/// A JSON merge patch. Send `If-Match` with the ETag of `GET /v1/agencies/{id}`
/// (without `at`) to refuse the change if someone else changed it first.
#[utoipa::path(
    patch, path = "/v1/agencies/{id}",
    request_body(content = AgencyPatch, example = json!({"seat": "Göteborg"})),
    responses(
        (status = 409, description = "The change contradicts other records"),
    )
)]
#[tracing::instrument(skip_all)]
pub async fn update_agency(write: WriteRequest, Id(reference): Id) -> Reply {
    let patch: AgencyPatch = write.body()?;
    if patch.ministry.is_some() && patch.source.is_none() {
        return Err(ApiError::invalid_field(
            "source",
            "say which source says so: the agency moves on the day it was published",
        ));
    }
    let mut tx = begin_write!(write);
    let id = id_of(tx.conn(), Resource::Agency, &reference, Named::Path).await?;
    tx.act_for(id).await?;
    let current = tx.current(id, agency).await?;
    let kind = patch.kind.unwrap_or(current.kind);
    let county_code = match patch.county_code {
        None => current.county.map(|county| county.code),
        Some(code) => code.map(|code| code.as_str().to_owned()),
    };
    kind.check_county(county_code.as_deref())
        .map_err(|error| ApiError::invalid_field("county_code", error))?;
    let organisation_number = match patch.organisation_number {
        None => current.organisation_number,
        Some(number) => number.map(OrganisationNumber::into_string),
    };
    let seat = patched(
        current.seat,
        patch.seat.map(|seat| seat.map(Text::into_string)),
    );
    let started = patched(current.started_on, patch.started_on);
    let ended = patched(current.ended_on, patch.ended_on);
    check_period(started.as_ref(), ended.as_ref(), "ended_on")?;
    let source = tx
        .source_or(patch.source.as_ref(), current.source.id)
        .await?;
    // A lifetime this change sets comes from its source; one it leaves
    // keeps the source it had (the registers', say).
    let lifetime_source = if (started, ended) == (current.started_on, current.ended_on) {
        current.lifetime_source.map(|source| source.id)
    } else {
        Some(source)
    };
    sqlx::query!(
        "update agencies set kind = $2, organisation_number = $3, county_code = $4, seat = $5,
                started_on = partial_date_day($6), started_on_precision = partial_date_precision($6),
                ended_on = partial_date_day($7), ended_on_precision = partial_date_precision($7), source_id = $8,
                lifetime_source_id = $9
         where id = $1",
        id, kind.as_str(), organisation_number, county_code, seat, started as _, ended as _, source,
        lifetime_source,
    )
    .execute(tx.conn())
    .await?;
    if let Some(ministry) = &patch.ministry {
        let ministry = match ministry {
            Some(reference) => Some(ministry_named(tx.conn(), reference).await?),
            None => None,
        };
        answer_to(tx.conn(), id, ministry, source).await?;
    }
    tx.changed(id, agency).await
}

/// The ministry a field `ministry` names: 400 naming it where it names
/// no agency, or an agency that is not a ministry.
pub(super) async fn ministry_named(
    conn: &mut PgConnection,
    reference: &Reference,
) -> Result<Uuid, ApiError> {
    let id = id_of(conn, Resource::Agency, reference, Named::Field("ministry")).await?;
    let kind = sqlx::query_scalar!(
        r#"select kind as "kind: AgencyKind" from agencies where id = $1"#,
        id
    )
    .fetch_one(conn)
    .await?;
    if kind != AgencyKind::Ministry {
        return Err(ApiError::invalid_field(
            "ministry",
            format!(
                "'{reference}' is not a ministry (it is a {})",
                kind.as_str()
            ),
        ));
    }
    Ok(id)
}

/// Records that agency `id` answers to `ministry` (none: to no ministry)
/// from the day `source` was published, citing it: the link it had then
/// ends that day (see the SQL function `answer_to`).
async fn answer_to(
    conn: &mut PgConnection,
    id: Uuid,
    ministry: Option<Uuid>,
    source: Uuid,
) -> Result<(), ApiError> {
    sqlx::query_scalar!(
        r#"select answer_to($1, $2, s.published_on, s.id) as "changed!"
           from sources s where s.id = $3"#,
        id,
        ministry,
        source,
    )
    .fetch_one(conn)
    .await?;
    Ok(())
}

/// Delete an agency created by mistake
///
/// Only an agency nothing refers to (no holdings, transfers, contact points
/// or participations) can be deleted; otherwise end it with `PATCH` and
/// `ended_on`. The change log keeps what was deleted.
#[utoipa::path(
    delete, path = "/v1/agencies/{id}",
    responses(
        (status = 409, description = "Other records refer to it (`/problems/in-use`)"),
    )
)]
#[tracing::instrument(skip_all)]
pub async fn delete_agency(write: WriteRequest, Id(reference): Id) -> Reply {
    let mut tx = begin_write!(write);
    tx.as_registrar("delete agencies")?;
    let id = id_of(tx.conn(), Resource::Agency, &reference, Named::Path).await?;
    tx.current(id, agency).await?;
    sqlx::query!("delete from agencies where id = $1", id)
        .execute(tx.conn())
        .await?;
    tx.deleted().await
}

/// An agency as its writes check `If-Match` against and answer with it.
pub(super) fn agency(conn: &mut PgConnection, id: Uuid, day: NaiveDate) -> Fetched<'_, Agency> {
    Box::pin(async move { fetch_agency(conn, &Reference::Id(id), day).await })
}

impl Located for Agency {
    fn location(&self) -> String {
        format!("/v1/agencies/{}", self.slug)
    }
}
