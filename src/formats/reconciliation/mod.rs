//! The registry as a reconciliation service (W3C Entity Reconciliation
//! Community Group, Reconciliation Service API 0.2, as OpenRefine speaks
//! it): a data team matches a column of agency names (with organisation
//! numbers and dates, where it has them) in a spreadsheet to the
//! registry's agencies, in batches.
//!
//! A batch is a JSON object of queries by key (`{"q0": {"query":
//! "Skolverket"}}`), sent as the parameter `queries`; the answer has the
//! same keys, each with its candidates. This module reads a batch and
//! writes the answer from the agencies [`crate::views::agencies::candidates`]
//! finds; it decides the score and which candidate is a match.

pub mod extension;

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use serde_json::Value;
use utoipa::ToSchema;
use uuid::Uuid;

use crate::domain::{OrganisationNumber, PartialDate};
use crate::error::ApiError;
use crate::views::agencies::Candidate;

/// The path of the service: its manifest, and its queries by `GET` or
/// `POST`.
pub const PATH: &str = "/v1/reconcile";

/// The path where the properties an extension may ask for are proposed.
pub const PROPERTIES_PATH: &str = "/v1/reconcile/properties";

/// The most queries a batch may hold (OpenRefine sends ten).
const MAX_QUERIES: usize = 50;

/// Candidates per query unless it asks for another number (`limit`).
const DEFAULT_LIMIT: usize = 5;

/// The most candidates a query may ask for.
const MAX_LIMIT: usize = 25;

/// The longest name looked for: no agency's name is near it.
const MAX_NAME_CHARS: usize = 200;

/// The one type of entity the service reconciles against.
const AGENCY: &str = "agency";

/// The property a query may give an agency's organisation number in.
const ORGANISATION_NUMBER: &str = "organisation_number";

/// The property a query may give a date in (`2005-03-01`, `2005-03` or
/// `2005`): only agencies that existed then are candidates, with their
/// names as then. Two agencies that have had one name (an agency and its
/// successor that took its name, say) are told apart so.
const AT: &str = "at";

/// The service manifest: what a client needs to know to use the service.
#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Manifest {
    /// The versions of the API it speaks.
    #[schema(example = json!(["0.2"]))]
    pub versions: Vec<String>,
    pub name: String,
    /// The space of its identifiers: an agency's UUID under this address
    /// is its resource in the API.
    #[schema(example = "http://127.0.0.1:8080/v1/agencies/")]
    pub identifier_space: String,
    /// The vocabulary of its types: the W3C Organization Ontology.
    #[schema(example = "http://www.w3.org/ns/org#")]
    pub schema_space: String,
    pub default_types: Vec<EntityType>,
    /// Where a person sees a candidate: the lookup page.
    pub view: View,
    /// The API's documentation (Swagger UI).
    #[schema(example = "http://127.0.0.1:8080/docs")]
    pub documentation: String,
    /// The registry's version.
    #[schema(example = "0.1.0")]
    pub service_version: String,
    /// Where the properties an extension may ask for are proposed.
    pub extend: Extend,
}

/// The data extension the service offers (see [`extension`]).
#[derive(Debug, Serialize, ToSchema)]
pub struct Extend {
    pub propose_properties: ServiceAt,
}

/// A service's address: `service_url` followed by `service_path`.
#[derive(Debug, Serialize, ToSchema)]
pub struct ServiceAt {
    #[schema(example = "http://127.0.0.1:8080")]
    pub service_url: String,
    #[schema(example = "/v1/reconcile/properties")]
    pub service_path: String,
}

/// A type of entity.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct EntityType {
    #[schema(example = "agency")]
    pub id: String,
    #[schema(example = "Agency")]
    pub name: String,
}

/// An address template with `{{id}}` for a candidate's identifier.
#[derive(Debug, Serialize, ToSchema)]
pub struct View {
    #[schema(example = "http://127.0.0.1:8080/?agency={{id}}")]
    pub url: String,
}

/// The manifest of the service as reached at `base` (see
/// [`super::base_url`]).
pub fn manifest(base: &str) -> Manifest {
    Manifest {
        versions: vec!["0.2".to_owned()],
        name: "Registry of public responsibilities: Swedish government agencies".to_owned(),
        identifier_space: format!("{base}/v1/agencies/"),
        schema_space: "http://www.w3.org/ns/org#".to_owned(),
        default_types: vec![agency_type()],
        view: View {
            url: format!("{base}/?agency={{{{id}}}}"),
        },
        documentation: format!("{base}/docs"),
        service_version: env!("CARGO_PKG_VERSION").to_owned(),
        extend: Extend {
            propose_properties: ServiceAt {
                service_url: base.to_owned(),
                service_path: PROPERTIES_PATH.to_owned(),
            },
        },
    }
}

fn agency_type() -> EntityType {
    EntityType {
        id: AGENCY.to_owned(),
        name: "Agency".to_owned(),
    }
}

/// One query of a batch, read: what to look for.
#[derive(Debug, PartialEq)]
pub struct Query {
    /// The name to look for; none where the query gives none, or one that
    /// no agency can have (longer than any name, or with a NUL).
    pub name: Option<String>,
    /// The organisation number given as the property
    /// `organisation_number`, where it reads as one (`202100-5489`,
    /// `2021005489` or `162021005489`); a value that does not matches
    /// nothing.
    pub organisation_number: Option<OrganisationNumber>,
    /// The date given as the property `at`, where it reads as one; a value
    /// that does not is left out.
    pub at: Option<PartialDate>,
    /// How many candidates to answer with.
    pub limit: usize,
    /// Whether the query may be answered with agencies: it names no type,
    /// or `agency` among its types.
    pub of_agencies: bool,
}

impl Query {
    /// Whether there is anything to look for.
    pub fn asks(&self) -> bool {
        self.of_agencies && (self.name.is_some() || self.organisation_number.is_some())
    }
}

/// A query as sent. Members this service does not use (`type_strict`, a
/// later version's) are let through.
#[derive(Deserialize)]
struct Sent {
    query: Option<String>,
    #[serde(rename = "type")]
    types: Option<Value>,
    /// A number, as the specification has it; a whole one is taken.
    limit: Option<f64>,
    #[serde(default)]
    properties: Vec<SentProperty>,
}

#[derive(Deserialize)]
struct SentProperty {
    pid: String,
    v: Value,
}

/// Reads a batch: a JSON object of queries by key, in the order of their
/// keys. 400 naming the member where it is not one.
pub fn read_batch(text: &str) -> Result<Vec<(String, Query)>, ApiError> {
    let invalid = |reason: String| ApiError::invalid("queries", reason);
    let mut deserializer = serde_json::Deserializer::from_str(text);
    let sent: BTreeMap<String, Sent> = serde_path_to_error::deserialize(&mut deserializer)
        .map_err(|error| {
            let path = error.path().to_string();
            let inner = error.into_inner();
            if inner.is_syntax() || inner.is_eof() || path == "." {
                invalid(format!(
                    "must be a JSON object of queries by key, such as \
                     {{\"q0\":{{\"query\":\"Skolverket\"}}}} ({inner})"
                ))
            } else {
                invalid(format!("{path}: {inner}"))
            }
        })?;
    deserializer
        .end()
        .map_err(|error| invalid(format!("must be one JSON object ({error})")))?;
    if sent.len() > MAX_QUERIES {
        return Err(invalid(format!(
            "at most {MAX_QUERIES} queries in a batch, not {}",
            sent.len()
        )));
    }
    sent.into_iter()
        .map(|(key, sent)| {
            let query = read_query(sent).map_err(|reason| invalid(format!("{key}.{reason}")))?;
            Ok((key, query))
        })
        .collect()
}

/// One query read; the reason it is not one, naming its member.
fn read_query(sent: Sent) -> Result<Query, String> {
    let limit = match sent.limit {
        None => DEFAULT_LIMIT,
        Some(limit) if limit.fract() == 0.0 && (1.0..=MAX_LIMIT as f64).contains(&limit) => {
            limit as usize
        }
        Some(limit) => {
            return Err(format!(
                "limit: must be a whole number from 1 to {MAX_LIMIT}, not {limit}"
            ))
        }
    };
    let of_agencies = match &sent.types {
        None | Some(Value::Null) => true,
        Some(types) => type_ids(types)?.iter().any(|id| id == AGENCY),
    };
    let mut organisation_number = None;
    let mut at = None;
    for property in &sent.properties {
        let values = texts(&property.v);
        match property.pid.as_str() {
            ORGANISATION_NUMBER => {
                organisation_number = values
                    .iter()
                    .find_map(|text| OrganisationNumber::parse_any(text).ok());
            }
            AT => {
                at = values
                    .iter()
                    .find_map(|text| PartialDate::parse(text.trim()).ok())
            }
            _ => {}
        }
    }
    let name = sent
        .query
        .map(|query| query.trim().to_owned())
        .filter(|name| {
            !name.is_empty() && name.chars().count() <= MAX_NAME_CHARS && !name.contains('\0')
        });
    Ok(Query {
        name,
        organisation_number,
        at,
        limit,
        of_agencies,
    })
}

/// The ids of `type`: a string, or a list of strings or of types
/// (`{"id": …}`).
fn type_ids(types: &Value) -> Result<Vec<String>, String> {
    let id = |value: &Value| match value {
        Value::String(id) => Some(id.clone()),
        Value::Object(members) => members.get("id").and_then(Value::as_str).map(str::to_owned),
        _ => None,
    };
    let ids = match types {
        Value::Array(items) => items.iter().map(id).collect(),
        one => id(one).map(|id| vec![id]),
    };
    ids.ok_or_else(|| "type: must be a type's id, or a list of them, such as \"agency\"".to_owned())
}

/// The texts of a property's value: a string or number, a list of them,
/// or an entity (`{"id": …}`).
fn texts(value: &Value) -> Vec<String> {
    match value {
        Value::String(text) => vec![text.clone()],
        Value::Number(number) => vec![number.to_string()],
        Value::Array(items) => items.iter().flat_map(texts).collect(),
        Value::Object(members) => members.get("id").map(texts).unwrap_or_default(),
        _ => Vec::new(),
    }
}

/// The candidates of one query, the best first.
#[derive(Debug, Serialize, ToSchema)]
pub struct Answer {
    pub result: Vec<Match>,
}

/// A candidate: an agency the query may mean.
#[derive(Debug, Serialize, ToSchema)]
pub struct Match {
    /// The agency's UUID.
    pub id: Uuid,
    /// Its name (in Swedish) today, or its last name where it has ended;
    /// with the property `at`, its name then.
    #[schema(example = "Statens skolverk")]
    pub name: String,
    /// Its lifetime, as far as it is known; absent where nothing is.
    #[schema(example = "since 1991-07-01")]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// How well it fits, 0 to 100: 100 where the query's organisation
    /// number is (or was) the agency's, or its name is one of the agency's
    /// names of any time, other names or slug (but for case, diacritics,
    /// spaces and hyphens); less the less alike.
    #[schema(example = 100.0)]
    pub score: f64,
    /// Whether it is the agency meant, with no doubt: the one candidate
    /// that fits fully (score 100). A client may take it without asking.
    #[serde(rename = "match")]
    pub matches: bool,
    #[serde(rename = "type")]
    pub types: Vec<EntityType>,
}

/// The answer to a batch: each query's candidates, by its key.
#[derive(Debug, Serialize, ToSchema)]
#[schema(example = json!({"q0": {"result": [{
    "id": "1e1b61a5-0d8b-5f81-9f34-c76e929eba2e", "name": "Jämställdhetsmyndigheten",
    "description": "since 2018-01-01", "score": 100.0, "match": true,
    "type": [{"id": "agency", "name": "Agency"}]}]}}))]
pub struct Answers(pub BTreeMap<String, Answer>);

/// How well a name that the agency search scores `score` fits, 0 to 100:
/// its score as a share of a name's own (4), to a tenth.
fn name_fit(score: f64) -> f64 {
    ((score / 4.0).clamp(0.0, 1.0) * 1000.0).round() / 10.0
}

/// Whether a candidate fits fully: by its number, or by one of its names.
fn fits_fully(candidate: &Candidate) -> bool {
    candidate.by_number || candidate.name_score.is_some_and(|score| score >= 4.0)
}

/// The answer to one query, from the candidates found for it, the best
/// first, one more than its `limit` (so that a second candidate that fits
/// fully, which makes neither a match, is seen).
pub fn answer(found: Vec<Candidate>, limit: usize) -> Answer {
    let fully = found
        .iter()
        .filter(|candidate| fits_fully(candidate))
        .count();
    let result = found
        .into_iter()
        .take(limit)
        .map(|candidate| {
            let full = fits_fully(&candidate);
            let description = lifetime(&candidate);
            Match {
                id: candidate.agency.id,
                name: candidate.agency.name.sv,
                description,
                score: if full {
                    100.0
                } else {
                    candidate.name_score.map_or(0.0, name_fit)
                },
                matches: full && fully == 1,
                types: vec![agency_type()],
            }
        })
        .collect();
    Answer { result }
}

/// "since 1991-07-01", "1968-07-01 – 2014-01-01", "until 2008": an
/// agency's lifetime as far as it is known.
fn lifetime(candidate: &Candidate) -> Option<String> {
    match (&candidate.started_on, &candidate.ended_on) {
        (Some(start), Some(end)) => Some(format!("{start} – {end}")),
        (Some(start), None) => Some(format!("since {start}")),
        (None, Some(end)) => Some(format!("until {end}")),
        (None, None) => None,
    }
}

#[cfg(test)]
mod tests;
