//! The suggest and preview services of `/v1/reconcile` (see
//! [`crate::formats::reconciliation::suggest`] and
//! [`crate::formats::reconciliation::preview`]): what a person typing into
//! OpenRefine's fields may mean, and a candidate as a small card.

use actix_web::http::header;
use actix_web::{web, HttpResponse};
use serde::Deserialize;
use utoipa::IntoParams;

use super::{extension::found_on, found};
use crate::db::Reader;
use crate::domain::{today_in_stockholm, Reference};
use crate::error::ApiError;
use crate::formats::reconciliation::extension::entity_id;
use crate::formats::reconciliation::preview::card;
use crate::formats::reconciliation::suggest::{self, Suggestions, DEPTH};
use crate::formats::reconciliation::Query;
use crate::http::params::optional;
use crate::http::Reply;

/// What a person has typed so far, how many suggestions to skip, and of
/// which type.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct Typed {
    /// What has been typed so far: the beginning of a name, a case number,
    /// a title or an id. Empty or left out: of agencies and assignments,
    /// nothing is suggested; of properties, all.
    #[param(example = "Jämställdhets")]
    prefix: Option<String>,
    /// How many suggestions to skip, to see those after a page: 0 to 100
    /// (suggestions end at the hundredth).
    #[param(value_type = Option<u8>, minimum = 0, maximum = 100, example = 10)]
    cursor: Option<String>,
    /// Only agencies (`agency`) or only assignments (`assignment`), or
    /// only properties of one of them. Default: both. A type the service
    /// does not have: no agencies or assignments, and all properties (a
    /// client may send a default of its own).
    #[param(example = "agency")]
    r#type: Option<String>,
}

/// What a person has typed so far, and how many suggestions to skip.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct Begun {
    /// What has been typed so far: the beginning of a type's id or name.
    /// Empty or left out: all.
    #[param(example = "ag")]
    prefix: Option<String>,
    /// How many suggestions to skip: 0 to 100.
    #[param(value_type = Option<u8>, minimum = 0, maximum = 100, example = 1)]
    cursor: Option<String>,
}

/// The text typed so far: none where none was given.
fn prefix(prefix: &Option<String>) -> &str {
    prefix.as_deref().unwrap_or("")
}

/// How many suggestions to skip: 0 to [`DEPTH`], where they end; 400
/// where it is not one of them.
fn skipped(cursor: &Option<String>) -> Result<usize, ApiError> {
    let skipped = optional("cursor", cursor.as_deref(), |text| {
        text.parse::<usize>()
            .ok()
            .filter(|count| *count <= DEPTH && !text.starts_with('+'))
            .ok_or_else(|| format!("must be a whole number from 0 to {DEPTH}"))
    })?;
    Ok(skipped.unwrap_or(0))
}

/// Suggest agencies and assignments as a name is typed
///
/// The agencies and assignments that what has been typed so far (`prefix`) may mean, the best
/// first, 10 at a time, up to the hundredth, as OpenRefine's "Search for match" asks (the
/// Reconciliation Service API's suggest service of entities): as a reconciliation query for the
/// text finds them (names of any time and other names, case numbers, titles, organisation
/// numbers; words begun are words), and an agency or an assignment by its UUID. Names as today.
#[utoipa::path(get, path = "/v1/reconcile/suggest/entity", params(Typed),
    responses((status = 200, description = "The agencies and assignments it may mean", body = Suggestions)))]
#[tracing::instrument(skip(db))]
pub async fn suggest_entities(query: web::Query<Typed>, mut db: Reader) -> Reply {
    let cursor = skipped(&query.cursor)?;
    let of = |type_id: &str| {
        query
            .r#type
            .as_deref()
            .map_or(true, |asked| asked == type_id)
    };
    // One window for every page, so that pages are slices of one order:
    // a wider window finds others that score higher.
    let asked = Query::typed(prefix(&query.prefix), of("agency"), of("assignment"), DEPTH);
    if cursor >= DEPTH || asked.name.is_none() {
        return Ok(HttpResponse::Ok().json(suggest::none()));
    }
    let found = found(&mut db, &asked, today_in_stockholm()).await?;
    Ok(HttpResponse::Ok().json(suggest::entities(found, cursor)))
}

/// Suggest properties as a name is typed
///
/// The properties an extension may ask for whose id or name (or a word of either) begins with
/// `prefix`, of the type `type` where it is given, in the order the proposal offers them, as
/// OpenRefine's field of properties asks.
#[utoipa::path(get, path = "/v1/reconcile/suggest/property", params(Typed),
    responses((status = 200, description = "The properties it may mean", body = Suggestions)))]
pub async fn suggest_properties(query: web::Query<Typed>) -> Reply {
    let found = suggest::properties(
        prefix(&query.prefix),
        query.r#type.as_deref(),
        skipped(&query.cursor)?,
    );
    Ok(HttpResponse::Ok().json(found))
}

/// Suggest types as a name is typed
///
/// The types whose id or name begins with `prefix` (`agency`, `assignment`), as OpenRefine's field
/// of types asks.
#[utoipa::path(get, path = "/v1/reconcile/suggest/type", params(Begun),
    responses((status = 200, description = "The types it may mean", body = Suggestions)))]
pub async fn suggest_types(query: web::Query<Begun>) -> Reply {
    let found = suggest::types(prefix(&query.prefix), skipped(&query.cursor)?);
    Ok(HttpResponse::Ok().json(found))
}

/// `?id=` of a preview.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct Previewed {
    /// The agency's or the assignment's UUID.
    #[param(value_type = uuid::Uuid, example = "1e1b61a5-0d8b-5f81-9f34-c76e929eba2e")]
    id: String,
}

/// Preview an agency or an assignment
///
/// An agency or an assignment as today, as a small HTML page for a frame of 400 by 180 pixels
/// (the Reconciliation Service API's preview service; OpenRefine shows it when the mouse is over
/// a candidate): its name, type and lifetime (or when it was given and where it stands), then an
/// agency's organisation number, ministry and how to reach it, or an assignment's case numbers,
/// holder, due date and how to reach whoever is responsible. Names link to the lookup page.
#[utoipa::path(get, path = "/v1/reconcile/preview", params(Previewed),
    responses(
        (status = 200, description = "The card", content_type = "text/html", body = String),
        (status = 404, description = "No agency or assignment has this UUID"),
    ))]
#[tracing::instrument(skip(db))]
pub async fn preview(query: web::Query<Previewed>, mut db: Reader) -> Reply {
    let id = entity_id(&query.id)
        .ok_or_else(|| ApiError::invalid("id", "must be an agency's or an assignment's UUID"))?;
    let found = found_on(&mut db, &Reference::Id(id), today_in_stockholm(), true).await?;
    let found = found
        .ok_or_else(|| ApiError::NotFound(format!("No agency or assignment has the UUID {id}.")))?;
    Ok(HttpResponse::Ok()
        .content_type("text/html; charset=utf-8")
        // Framed by the client, on another origin; it runs nothing and
        // loads nothing but its own style.
        .insert_header((
            header::CONTENT_SECURITY_POLICY,
            "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'",
        ))
        .body(card(&found)))
}
