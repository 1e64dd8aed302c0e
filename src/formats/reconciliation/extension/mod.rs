//! Data extension: once a column is reconciled, a client adds columns from
//! the agencies matched (their organisation numbers, who took over from
//! them, how to reach them today) or the assignments matched (who holds
//! them today, when they are due, how to reach whoever is responsible), as
//! OpenRefine's "Add columns from reconciled values" asks. A request is a
//! JSON object of `ids` and `properties`, sent as the parameter `extend`;
//! the answer names each property (`meta`) and gives each id's values
//! (`rows`). A property may be asked for as on a date (its setting `at`):
//! who held an assignment then, and how to reach them then.
//! [`properties`] says which properties there are, and their values.

use std::collections::{BTreeMap, BTreeSet};

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use utoipa::ToSchema;
use uuid::Uuid;

use super::EntityType;
use crate::domain::PartialDate;
use crate::error::ApiError;
use properties::{property, values, CONTACTS, PROPERTIES};

pub(super) mod properties;

pub use properties::{Found, FoundAssignment};

/// The most agencies and assignments one request may ask about
/// (OpenRefine asks ten).
const MAX_IDS: usize = 50;

/// The setting a property may be asked for with: the date its values are
/// as of.
const AT: &str = "at";

/// What an extension asks: of which agencies and assignments, which
/// properties.
#[derive(Debug, PartialEq)]
pub struct Extension {
    /// As sent: an id that is no agency's or assignment's UUID gets a row
    /// with no values.
    pub ids: Vec<String>,
    pub properties: Vec<Asked>,
}

/// A property asked for, and the first day of the date its setting `at`
/// gives, where it gives one (else: as today).
#[derive(Debug, PartialEq)]
pub struct Asked {
    pub id: &'static str,
    pub at: Option<NaiveDate>,
}

impl Extension {
    /// The dates the properties are asked for as on, `today` for those
    /// asked with none.
    pub fn days(&self, today: NaiveDate) -> BTreeSet<NaiveDate> {
        self.properties
            .iter()
            .map(|asked| asked.at.unwrap_or(today))
            .collect()
    }

    /// Whether a contact point is asked for as on `day`.
    pub fn asks_contacts_on(&self, day: NaiveDate, today: NaiveDate) -> bool {
        self.properties
            .iter()
            .any(|asked| CONTACTS.contains(&asked.id) && asked.at.unwrap_or(today) == day)
    }

    /// Whether an assignment's first lead is asked for (`given_to`).
    pub fn asks_given_to(&self) -> bool {
        self.properties.iter().any(|asked| asked.id == "given_to")
    }
}

#[derive(Deserialize)]
struct Sent {
    ids: Vec<String>,
    properties: Vec<SentProperty>,
}

/// A property asked for, with its settings; a setting other than `at` is
/// let through.
#[derive(Deserialize)]
struct SentProperty {
    id: String,
    #[serde(default)]
    settings: BTreeMap<String, Value>,
}

/// Reads an extension request. 400 naming the member where it is not one,
/// or a property this service does not have, or a date in `at` that is not
/// one.
pub fn read_extension(text: &str) -> Result<Extension, ApiError> {
    let invalid = |reason: String| ApiError::invalid("extend", reason);
    let sent: Sent = serde_json::from_str(text).map_err(|error| {
        invalid(format!(
            "must be a JSON object of `ids` and `properties`, such as \
             {{\"ids\":[\"…\"],\"properties\":[{{\"id\":\"website\"}}]}} ({error})"
        ))
    })?;
    if sent.ids.len() > MAX_IDS {
        return Err(invalid(format!(
            "at most {MAX_IDS} ids, not {}",
            sent.ids.len()
        )));
    }
    let properties = sent
        .properties
        .iter()
        .map(|sent| {
            let known = property(&sent.id).ok_or_else(|| {
                let known: Vec<&str> = PROPERTIES.iter().map(|known| known.id).collect();
                invalid(format!(
                    "properties: there is no property '{}'; there are {}",
                    sent.id,
                    known.join(", ")
                ))
            })?;
            let at = match sent.settings.get(AT) {
                None | Some(Value::Null) => None,
                Some(Value::String(text)) if text.trim().is_empty() => None,
                Some(Value::String(text)) => Some(
                    PartialDate::parse(text.trim())
                        .map_err(|_| {
                            invalid(format!(
                                "properties: {}: settings.at: must be a date (2018-01-01), \
                                 a month (2018-01) or a year (2018), not '{text}'",
                                known.id
                            ))
                        })?
                        .first_day(),
                ),
                Some(other) => {
                    return Err(invalid(format!(
                        "properties: {}: settings.at: must be a date as text, not {other}",
                        known.id
                    )))
                }
            };
            Ok(Asked { id: known.id, at })
        })
        .collect::<Result<Vec<Asked>, _>>()?;
    // A row has one list of values a property.
    for (n, asked) in properties.iter().enumerate() {
        if properties[..n].iter().any(|before| before.id == asked.id) {
            return Err(invalid(format!(
                "properties: {} is asked for twice; ask for it on another date in a request \
                 of its own",
                asked.id
            )));
        }
    }
    Ok(Extension {
        ids: sent.ids,
        properties,
    })
}

/// The id of an agency or an assignment as an extension asks for it: its
/// UUID.
pub fn entity_id(id: &str) -> Option<Uuid> {
    Uuid::parse_str(id.trim()).ok()
}

/// A property, named; where its values are agencies, their type (so that
/// a client marks the column reconciled against it).
#[derive(Debug, Serialize, ToSchema)]
pub struct Property {
    #[schema(example = "website")]
    pub id: String,
    #[schema(example = "Website")]
    pub name: String,
    #[serde(rename = "type", skip_serializing_if = "Option::is_none")]
    pub type_of_values: Option<EntityType>,
}

impl Property {
    fn of(id: &str) -> Property {
        let known = property(id).expect("a property read");
        Property {
            id: known.id.to_owned(),
            name: known.name.to_owned(),
            type_of_values: known.agencies.then(|| super::entity_type(super::AGENCY)),
        }
    }
}

/// The properties of a type: what a client may add as columns.
#[derive(Debug, Serialize, ToSchema)]
pub struct Proposal {
    #[serde(rename = "type")]
    #[schema(example = "agency")]
    pub type_id: String,
    pub properties: Vec<Property>,
    #[schema(example = 12)]
    pub limit: usize,
}

/// The first `limit` properties of the type `type_id` (`agency` or
/// `assignment`; another has none), for a client to offer.
pub fn proposal(type_id: &str, limit: usize) -> Proposal {
    let properties: Vec<Property> = PROPERTIES
        .iter()
        .filter(|known| known.of.includes(type_id))
        .take(limit)
        .map(|known| Property::of(known.id))
        .collect();
    Proposal {
        type_id: type_id.to_owned(),
        limit: properties.len(),
        properties,
    }
}

/// A setting a property may be asked for with, as a form field of the
/// client's (OpenRefine shows it beside each property).
#[derive(Debug, Serialize, ToSchema)]
pub struct Setting {
    #[schema(example = "at")]
    pub name: String,
    #[schema(example = "On")]
    pub label: String,
    #[serde(rename = "type")]
    #[schema(example = "text")]
    pub field: String,
    #[schema(example = "")]
    pub default: String,
    pub help_text: String,
}

/// The settings a property may be asked for with: `at`.
pub fn settings() -> Vec<Setting> {
    vec![Setting {
        name: AT.to_owned(),
        label: "On".to_owned(),
        field: "text".to_owned(),
        default: String::new(),
        help_text: "The date the values are as of (2018-01-01, 2018-01 or 2018): the status, \
                    holder, co-recipients, contact points and names then. Empty: today."
            .to_owned(),
    }]
}

/// The answer to an extension: the properties asked for, named, and each
/// id's values, a list a property (`{"str": …}`, or an agency as
/// `{"id": …, "name": …}`); an id that names no agency or assignment has
/// none, and one has none of a property of the other type.
#[derive(Debug, Serialize, ToSchema)]
pub struct Extended {
    pub meta: Vec<Property>,
    #[schema(value_type = Object, example = json!({"1e1b61a5-0d8b-5f81-9f34-c76e929eba2e": {
        "organisation_number": [{"str": "202100-6693"}],
        "website": [{"str": "https://www.jamstalldhetsmyndigheten.se"}]}}))]
    pub rows: BTreeMap<String, BTreeMap<String, Vec<Value>>>,
}

/// The answer to `extension`, with what was found for each of its ids (in
/// their order), as on each of its [`Extension::days`] (none for an id that
/// names nothing); a property asked for with no date is as on `today`.
pub fn extended(
    extension: &Extension,
    found: Vec<BTreeMap<NaiveDate, Found>>,
    today: NaiveDate,
) -> Extended {
    let meta = extension
        .properties
        .iter()
        .map(|asked| Property::of(asked.id))
        .collect();
    let rows = extension
        .ids
        .iter()
        .zip(found)
        .map(|(id, found)| {
            let row = extension
                .properties
                .iter()
                .map(|asked| {
                    let then = found.get(&asked.at.unwrap_or(today));
                    let values = then.map(|then| values(then, asked.id));
                    (asked.id.to_owned(), values.unwrap_or_default())
                })
                .collect();
            (id.clone(), row)
        })
        .collect();
    Extended { meta, rows }
}

#[cfg(test)]
mod tests;
