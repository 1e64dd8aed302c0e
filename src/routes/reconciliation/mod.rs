//! `/v1/reconcile`: the registry's agencies and assignments as a
//! reconciliation service, for OpenRefine and other clients of the W3C
//! Reconciliation Service API (see [`crate::formats::reconciliation`]).
//! A batch of queries comes as
//! the parameter `queries`, and a data extension as `extend`, in the query
//! string of a `GET` or in the form body of a `POST`, which OpenRefine
//! sends; `/v1/reconcile/properties` proposes the properties an extension
//! may ask for. The `POST` reads and changes nothing: it needs no token and
//! is never kept.

use std::collections::HashMap;

use actix_web::{web, HttpRequest, HttpResponse};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

use crate::db::Reader;
use crate::domain::today_in_stockholm;
use crate::domain::{Limit, PartialDate, Reference, Window};
use crate::error::ApiError;
use crate::formats::reconciliation::extension::{entity_id, proposal, Extended, Proposal};
use crate::formats::reconciliation::{
    agency, agency_identified, answer, assignment, assignment_identified, manifest, read_batch,
    Answers, Manifest, Query, Scored, Titled,
};
use crate::http::base::base_url;
use crate::http::body::{media_type, MAX_BODY_BYTES};
use crate::http::cache::NotAWrite;
use crate::http::params::optional;
use crate::http::Reply;
use crate::views::agencies::{candidates, fetch_agency, Wanted};
use crate::views::assignments::detail::fetch_assignment;
use crate::views::assignments::{self, fits, fitting_fully, AssignmentFilter, Fit};
use extension::{extend_with, missing_is_none};

mod extension;
pub mod suggest;

/// What a request to the service asks: a batch of queries, or an
/// extension, in the query string of a `GET` or the form of a `POST`.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct Asked {
    /// A batch of queries: a JSON object of queries by key, each with
    /// `query` (an agency's name, or an assignment's case number or
    /// title), and optionally `type` (`agency` or `assignment`; default
    /// both), `limit` (1 to 25, default 5) and `properties`:
    /// `organisation_number` (`[{"pid": "organisation_number", "v":
    /// "202100-5489"}]`) and `at`, a date (`2005-03-01`, `2005-03` or
    /// `2005`) when the agency existed, its name then (an assignment's
    /// title then; of assignments of one title, the one given then is the
    /// match). At most 50 queries.
    #[param(example = r#"{"q0":{"query":"Skolverket"},"q1":{"query":"Banverket"}}"#)]
    queries: Option<String>,
    /// An extension: a JSON object of `ids` (agencies' or assignments'
    /// UUIDs, at most 50) and `properties` (`[{"id": "website"}]`; see
    /// `/v1/reconcile/properties`), each as today or as on the date its
    /// setting `at` gives (`{"id": "holder", "settings": {"at":
    /// "2017-12-31"}}`), such as
    /// `{"ids":["1e1b61a5-0d8b-5f81-9f34-c76e929eba2e"],"properties":[{"id":"website"}]}`.
    /// Not with `queries`.
    extend: Option<String>,
}

impl Asked {
    /// What was given: a parameter left empty is not (as an empty `q` is
    /// no search).
    fn given(self) -> Self {
        let given = |text: Option<String>| text.filter(|text| !text.trim().is_empty());
        Asked {
            queries: given(self.queries),
            extend: given(self.extend),
        }
    }
}

/// The form of a `POST`: a batch of queries, or an extension.
#[derive(Deserialize, ToSchema)]
#[serde(untagged)]
#[allow(dead_code)] // documents the form, which is read as `Asked`
pub enum Form {
    Queries {
        /// A batch of queries (see `GET /v1/reconcile`).
        #[schema(example = r#"{"q0":{"query":"Skolverket"},"q1":{"query":"Banverket"}}"#)]
        queries: String,
    },
    Extension {
        /// An extension (see `GET /v1/reconcile`).
        #[schema(
            example = r#"{"ids":["1e1b61a5-0d8b-5f81-9f34-c76e929eba2e"],"properties":[{"id":"website"}]}"#
        )]
        extend: String,
    },
}

/// What a `GET` answers: the manifest, a batch's answers, or an
/// extension's.
#[derive(Serialize, ToSchema)]
#[serde(untagged)]
pub enum Reconciliation {
    Manifest(Box<Manifest>),
    Answered(Answered),
}

/// What a batch of queries or an extension is answered with.
#[derive(Serialize, ToSchema)]
#[serde(untagged)]
pub enum Answered {
    Answers(Answers),
    Extended(Extended),
}

/// Reconcile names with agencies and assignments
///
/// A reconciliation service (W3C Reconciliation Service API 0.2, as OpenRefine uses it): without
/// `queries`, its manifest; with them, the agencies each query's name may mean, the best first,
/// by their names of any time, other names (abbreviations) and slugs, as the agency search finds
/// them, and by the organisation number given as the property `organisation_number`; and the
/// assignments (type `assignment`) its case number or title may mean, as the assignment search
/// finds them. With the property `at` (a date, month or year), only agencies that existed then,
/// with their names then. A candidate that fits fully (score 100) and is the only one to is a
/// `match`. Names are as today (an agency that has ended: its last name). With `extend`, the
/// values of properties of agencies (their organisation numbers, successors, websites …) and of
/// assignments (their holders, due dates, how to reach whoever is responsible …) for columns of
/// their own.
#[utoipa::path(get, path = "/v1/reconcile", params(Asked),
    responses((status = 200, description = "The manifest, the candidates of each query by its key, or the values of each agency's or assignment's properties",
        body = Reconciliation)))]
#[tracing::instrument(skip(req, db))]
pub async fn reconcile(query: web::Query<Asked>, req: HttpRequest, db: Reader) -> Reply {
    match query.into_inner().given() {
        Asked {
            queries: None,
            extend: None,
        } => Ok(HttpResponse::Ok().json(manifest(&base_url(&req)))),
        asked => answer_to(asked, db).await,
    }
}

/// Reconcile names with agencies and assignments (as OpenRefine sends them)
///
/// As `GET /v1/reconcile?queries=…` (or `?extend=…`), with `queries` (or `extend`) in a form
/// body (`application/x-www-form-urlencoded`), as OpenRefine sends them. It reads and changes
/// nothing, and needs no token.
#[utoipa::path(post, path = "/v1/reconcile",
    request_body(content = Form, content_type = "application/x-www-form-urlencoded"),
    responses(
        (status = 200, description = "The candidates of each query by its key, or the values of each agency's or assignment's properties",
            body = Answered),
        (status = 400, description = "Neither `queries` nor `extend`, both, or one that is not what it should be; the detail says why"),
        (status = 413, description = "The body is larger than 64 KiB"),
        (status = 415, description = "The body is not a form (`application/x-www-form-urlencoded`)"),
    ))]
#[tracing::instrument(skip_all)]
pub async fn reconcile_form(req: HttpRequest, body: web::Bytes, db: Reader) -> Reply {
    let mut response = answer_to(form(&req, &body)?.given(), db).await?;
    response.extensions_mut().insert(NotAWrite);
    Ok(response)
}

/// `?type=&limit=` of the property proposal.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ProposalQuery {
    /// The type whose properties to propose: `agency` (the default) or
    /// `assignment` (another has none).
    #[param(example = "assignment")]
    r#type: Option<String>,
    /// How many, 1 to 100. Default: all.
    #[param(value_type = Option<u16>, minimum = 1, maximum = 100, example = 5)]
    limit: Option<String>,
}

/// Propose properties to add as columns
///
/// The properties of an agency, or of an assignment, that an extension (`extend`) may ask for, as
/// OpenRefine's "Add columns from reconciled values" lists them.
#[utoipa::path(get, path = "/v1/reconcile/properties", params(ProposalQuery),
    responses((status = 200, description = "The properties", body = Proposal)))]
pub async fn propose_properties(query: web::Query<ProposalQuery>) -> Reply {
    // A page's limit, as every list reads it; all when none is given.
    let limit = optional("limit", query.limit.as_deref(), |text| {
        Limit::parse(Some(text))
    })?;
    let limit = limit.map_or(usize::MAX, |limit| {
        usize::try_from(limit.get()).expect("at most 100")
    });
    let type_id = query.r#type.as_deref().unwrap_or("agency");
    Ok(HttpResponse::Ok().json(proposal(type_id, limit)))
}

/// The answer to a batch of queries or to an extension, whichever was
/// asked: 400 for neither or both.
async fn answer_to(asked: Asked, db: Reader) -> Reply {
    match asked {
        Asked {
            queries: Some(queries),
            extend: None,
        } => answered(&queries, db).await,
        Asked {
            queries: None,
            extend: Some(extend),
        } => extend_with(&extend, db).await,
        Asked { queries: None, .. } => Err(ApiError::invalid("queries", "give queries or extend")),
        Asked { .. } => Err(ApiError::invalid(
            "extend",
            "give queries or extend, not both",
        )),
    }
}

/// The answers to the batch `queries`: one statement a query for
/// agencies, two for assignments.
async fn answered(queries: &str, mut db: Reader) -> Reply {
    let batch = read_batch(queries)?;
    let today = today_in_stockholm();
    let mut answers = Answers(Default::default());
    for (key, query) in batch {
        let found = found(&mut db, &query, today).await?;
        answers.0.insert(key, answer(found, query.limit));
    }
    Ok(HttpResponse::Ok().json(answers))
}

/// The candidates of one query, of each type it asks for, the best first,
/// one more than asked for: a second that fits fully means neither is a
/// match.
async fn found(db: &mut Reader, query: &Query, today: NaiveDate) -> Result<Vec<Scored>, ApiError> {
    if let Some(id) = query.name.as_deref().and_then(entity_id) {
        return identified(db, query, id, today).await;
    }
    let limit = i64::try_from(query.limit + 1).expect("a small number");
    let mut found = Vec::new();
    if query.asks_agencies() {
        let wanted = Wanted {
            name: query.name.as_deref(),
            organisation_number: query.organisation_number.as_ref(),
            existed: query.at.as_ref(),
            at: today,
            limit,
        };
        found.extend(candidates(db, wanted).await?.into_iter().map(agency));
    }
    if let Some(wanted) = query.asks_assignments() {
        let at = query.at.as_ref().map_or(today, PartialDate::first_day);
        let window = Window::best(limit);
        let listed = assignments::list(db, AssignmentFilter::search(wanted, at, &window)).await?;
        let mut titled: Vec<Titled> = listed.into_iter().map(Titled::from).collect();
        // Those that fit fully, however the search ranks them: a second
        // one makes neither a match.
        for id in fitting_fully(db, wanted, query.at.as_ref(), limit).await? {
            if titled.iter().all(|found| found.id != id) {
                let fetched = fetch_assignment(db, &Reference::Id(id), at).await;
                titled.extend(missing_is_none(fetched)?.map(Titled::from));
            }
        }
        let ids: Vec<Uuid> = titled.iter().map(|found| found.id).collect();
        let mut fits: HashMap<Uuid, Fit> = fits(db, &ids, wanted)
            .await?
            .into_iter()
            .map(|fit| (fit.id, fit))
            .collect();
        found.extend(titled.into_iter().filter_map(|found| {
            let fit = fits.remove(&found.id)?;
            Some(assignment(found, fit, query.at.as_ref()))
        }));
    }
    Ok(found)
}

/// The agency or the assignment whose UUID a query gives, where it is of
/// a type the query asks for, with its name or title on the query's date:
/// the one meant.
async fn identified(
    db: &mut Reader,
    query: &Query,
    id: Uuid,
    today: NaiveDate,
) -> Result<Vec<Scored>, ApiError> {
    let at = query.at.as_ref().map_or(today, PartialDate::first_day);
    let reference = Reference::Id(id);
    if query.of_agencies {
        if let Some(found) = missing_is_none(fetch_agency(db, &reference, at).await)? {
            return Ok(vec![agency_identified(found)]);
        }
    }
    if query.of_assignments {
        if let Some(found) = missing_is_none(fetch_assignment(db, &reference, at).await)? {
            let fit = fits(db, &[id], "").await?.pop();
            return Ok(fit
                .map(|fit| assignment_identified(found, fit))
                .into_iter()
                .collect());
        }
    }
    Ok(Vec::new())
}

/// The form of a `POST`: its media type, size and encoding checked.
fn form(req: &HttpRequest, body: &[u8]) -> Result<Asked, ApiError> {
    let media_type = media_type(req);
    if media_type.as_deref() != Some("application/x-www-form-urlencoded") {
        return Err(ApiError::UnsupportedMediaType(format!(
            "The body must be a form (Content-Type: application/x-www-form-urlencoded), not {}.",
            media_type.as_deref().unwrap_or("untyped")
        )));
    }
    if body.len() > MAX_BODY_BYTES {
        return Err(ApiError::BodyTooLarge(MAX_BODY_BYTES));
    }
    let text = std::str::from_utf8(body)
        .map_err(|_| ApiError::MalformedBody("The form is not UTF-8.".to_owned()))?;
    web::Query::<Asked>::from_query(text)
        .map(web::Query::into_inner)
        .map_err(|error| ApiError::MalformedBody(format!("The form is not one: {error}.")))
}
