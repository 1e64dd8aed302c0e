//! Reading a batch of reconciliation queries (see [`super`]).

use std::collections::BTreeMap;

use serde::Deserialize;
use serde_json::Value;

use super::{AGENCY, ASSIGNMENT};
use crate::domain::{OrganisationNumber, PartialDate};
use crate::error::ApiError;

/// The most queries a batch may hold (OpenRefine sends ten).
pub(super) const MAX_QUERIES: usize = 50;

/// Candidates per query unless it asks for another number (`limit`).
pub(super) const DEFAULT_LIMIT: usize = 5;

/// The most candidates a query may ask for.
pub(super) const MAX_LIMIT: usize = 25;

/// The longest name or title looked for: no agency's name nor
/// assignment's title is near it (the longest title is 335 characters).
pub(super) const MAX_NAME_CHARS: usize = 500;

/// The property a query may give an agency's organisation number in.
pub(super) const ORGANISATION_NUMBER: &str = "organisation_number";

/// The property a query may give a date in (`2005-03-01`, `2005-03` or
/// `2005`): only agencies that existed then are candidates, with their
/// names as then. Two agencies that have had one name (an agency and its
/// successor that took its name, say) are told apart so. Assignments are
/// named by their titles then, and of those of one title, the one given
/// then is meant (see [`super::answer`]).
pub(super) const AT: &str = "at";

/// One query of a batch, read: what to look for.
#[derive(Debug, PartialEq)]
pub struct Query {
    /// The name (or case number, or title) to look for; none where the
    /// query gives none, or one that nothing can have (longer than any name
    /// or title, or with a NUL).
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
    /// Whether it may be answered with assignments: it names no type, or
    /// `assignment` among its types.
    pub of_assignments: bool,
}

impl Query {
    /// Whether there are agencies to look for.
    pub fn asks_agencies(&self) -> bool {
        self.of_agencies && (self.name.is_some() || self.organisation_number.is_some())
    }

    /// The name or case number to look for among assignments, if any.
    pub fn asks_assignments(&self) -> Option<&str> {
        self.name.as_deref().filter(|_| self.of_assignments)
    }

    /// What a person has typed so far into a client's field (`prefix`), as
    /// a query for suggestions (see [`super::suggest`]): a name, a case
    /// number or a title begun, or an organisation number.
    pub fn typed(prefix: &str, of_agencies: bool, of_assignments: bool, limit: usize) -> Query {
        Query {
            name: looked_for(prefix),
            organisation_number: OrganisationNumber::parse_any(prefix.trim()).ok(),
            at: None,
            limit,
            of_agencies,
            of_assignments,
        }
    }
}

/// The name to look for in `text`: none where it is empty, or one that
/// nothing can have (longer than any name or title, or with a NUL).
fn looked_for(text: &str) -> Option<String> {
    let name = text.trim();
    (!name.is_empty() && name.chars().count() <= MAX_NAME_CHARS && !name.contains('\0'))
        .then(|| name.to_owned())
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
    let types = match &sent.types {
        None | Some(Value::Null) => vec![AGENCY.to_owned(), ASSIGNMENT.to_owned()],
        Some(types) => type_ids(types)?,
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
    Ok(Query {
        name: sent.query.as_deref().and_then(looked_for),
        organisation_number,
        at,
        limit,
        of_agencies: types.iter().any(|id| id == AGENCY),
        of_assignments: types.iter().any(|id| id == ASSIGNMENT),
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
