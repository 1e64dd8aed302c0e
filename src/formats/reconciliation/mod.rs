//! The registry as a reconciliation service (W3C Entity Reconciliation
//! Community Group, Reconciliation Service API 0.2, as OpenRefine speaks
//! it): a data team matches a column of agency names (with organisation
//! numbers and dates, where it has them) in a spreadsheet to the
//! registry's agencies, in batches.
//!
//! A batch is a JSON object of queries by key (`{"q0": {"query":
//! "Skolverket"}}`), sent as the parameter `queries`; the answer has the
//! same keys, each with its candidates. [`batch`] reads a batch; this
//! module writes the answer from the agencies
//! [`crate::views::agencies::candidates`] finds, deciding the score and
//! which candidate is a match. [`extension`] adds columns from the agencies
//! matched.

mod batch;
pub mod extension;

pub use batch::{read_batch, Query};

use std::collections::BTreeMap;

use serde::Serialize;
use utoipa::ToSchema;
use uuid::Uuid;

use crate::views::agencies::Candidate;

/// The path of the service: its manifest, and its queries by `GET` or
/// `POST`.
pub const PATH: &str = "/v1/reconcile";

/// The path where the properties an extension may ask for are proposed.
pub const PROPERTIES_PATH: &str = "/v1/reconcile/properties";

/// The one type of entity the service reconciles against.
const AGENCY: &str = "agency";

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
