//! Data extension: once a column is reconciled, a client adds columns from
//! the agencies matched (their organisation numbers, who took over from
//! them, how to reach them today), as OpenRefine's "Add columns from
//! reconciled values" asks. A request is a JSON object of `ids` and
//! `properties`, sent as the parameter `extend`; the answer names each
//! property (`meta`) and gives each id's values (`rows`).

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use serde_json::{json, Value};
use utoipa::ToSchema;
use uuid::Uuid;

use crate::error::ApiError;
use crate::views::agencies::{Agency, AgencyContacts};
use crate::views::shared::AgencyRef;

/// The most agencies one request may ask about (OpenRefine asks ten).
const MAX_IDS: usize = 50;

/// The properties an agency has, by id, with their names: what the
/// proposal offers and an extension may ask for.
pub const PROPERTIES: [(&str, &str); 12] = [
    ("organisation_number", "Organisation number"),
    ("wikidata", "Wikidata item"),
    ("name_en", "Name in English"),
    ("status", "Status today (active, ended, not_started)"),
    ("started_on", "Started"),
    ("ended_on", "Ended"),
    ("ministry", "Ministry it answers to"),
    ("successors", "Successors (who took over)"),
    ("website", "Website"),
    ("email", "E-mail"),
    ("phone", "Telephone"),
    ("visiting_address", "Visiting address"),
];

/// The properties that are contact points of the agency's today.
const CONTACTS: [&str; 4] = ["website", "email", "phone", "visiting_address"];

/// What an extension asks: of which agencies, which properties.
#[derive(Debug, PartialEq)]
pub struct Extension {
    /// As sent: an id that is no agency's UUID gets a row with no values.
    pub ids: Vec<String>,
    pub properties: Vec<&'static str>,
}

impl Extension {
    /// Whether any property asked for is a contact point.
    pub fn asks_contacts(&self) -> bool {
        self.properties.iter().any(|id| CONTACTS.contains(id))
    }
}

#[derive(Deserialize)]
struct Sent {
    ids: Vec<String>,
    properties: Vec<SentProperty>,
}

/// A property asked for; its `settings`, which none of these has, are
/// let through.
#[derive(Deserialize)]
struct SentProperty {
    id: String,
}

/// Reads an extension request. 400 naming the member where it is not one,
/// or a property this service does not have.
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
        .map(|property| {
            PROPERTIES
                .iter()
                .find(|(id, _)| *id == property.id)
                .map(|(id, _)| *id)
                .ok_or_else(|| {
                    let known: Vec<&str> = PROPERTIES.iter().map(|(id, _)| *id).collect();
                    invalid(format!(
                        "properties: there is no property '{}'; there are {}",
                        property.id,
                        known.join(", ")
                    ))
                })
        })
        .collect::<Result<Vec<_>, _>>()?;
    Ok(Extension {
        ids: sent.ids,
        properties,
    })
}

/// The id of an agency as an extension asks for it: its UUID.
pub fn agency_id(id: &str) -> Option<Uuid> {
    Uuid::parse_str(id.trim()).ok()
}

/// A property, named.
#[derive(Debug, Serialize, ToSchema)]
pub struct Property {
    #[schema(example = "website")]
    pub id: String,
    #[schema(example = "Website")]
    pub name: String,
}

/// The properties an agency has: what a client may add as columns.
#[derive(Debug, Serialize, ToSchema)]
pub struct Proposal {
    #[serde(rename = "type")]
    #[schema(example = "agency")]
    pub type_id: String,
    pub properties: Vec<Property>,
    #[schema(example = 12)]
    pub limit: usize,
}

/// The first `limit` properties of an agency, for a client to offer.
pub fn proposal(limit: usize) -> Proposal {
    let properties: Vec<Property> = PROPERTIES
        .iter()
        .take(limit)
        .map(|(id, name)| Property {
            id: (*id).to_owned(),
            name: (*name).to_owned(),
        })
        .collect();
    Proposal {
        type_id: super::AGENCY.to_owned(),
        limit: properties.len(),
        properties,
    }
}

/// The answer to an extension: the properties asked for, named, and each
/// id's values, a list a property (`{"str": …}`, or an agency as
/// `{"id": …, "name": …}`); an id that names no agency has none.
#[derive(Debug, Serialize, ToSchema)]
pub struct Extended {
    pub meta: Vec<Property>,
    #[schema(value_type = Object, example = json!({"1e1b61a5-0d8b-5f81-9f34-c76e929eba2e": {
        "organisation_number": [{"str": "202100-6693"}],
        "website": [{"str": "https://www.jamstalldhetsmyndigheten.se"}]}}))]
    pub rows: BTreeMap<String, BTreeMap<String, Vec<Value>>>,
}

/// An agency as an extension finds it: in full, and how to reach it today
/// where a contact point was asked for.
pub struct Found {
    pub agency: Agency,
    pub contacts: Option<AgencyContacts>,
}

/// The answer to `extension`, with what was found for each of its ids (in
/// their order; `None` for one that names no agency).
pub fn extended(extension: &Extension, found: Vec<Option<Found>>) -> Extended {
    let meta = extension
        .properties
        .iter()
        .map(|id| {
            let (id, name) = PROPERTIES
                .iter()
                .find(|(known, _)| known == id)
                .expect("read");
            Property {
                id: (*id).to_owned(),
                name: (*name).to_owned(),
            }
        })
        .collect();
    let rows = extension
        .ids
        .iter()
        .zip(found)
        .map(|(id, found)| {
            let row = extension
                .properties
                .iter()
                .map(|property| {
                    let values = found.as_ref().map(|found| values(found, property));
                    ((*property).to_owned(), values.unwrap_or_default())
                })
                .collect();
            (id.clone(), row)
        })
        .collect();
    Extended { meta, rows }
}

/// The values of `property` for an agency found.
fn values(found: &Found, property: &str) -> Vec<Value> {
    let agency = &found.agency;
    let text = |text: Option<String>| {
        text.map(|text| json!({ "str": text }))
            .into_iter()
            .collect()
    };
    let entity = |agency: &AgencyRef| json!({"id": agency.id, "name": agency.name.sv});
    match property {
        "organisation_number" => text(agency.organisation_number.clone()),
        "wikidata" => agency
            .identifiers
            .iter()
            .filter(|identifier| identifier.scheme == "wikidata")
            .map(|identifier| json!({ "str": identifier.value }))
            .collect(),
        "name_en" => text(agency.name.en.clone()),
        "status" => text(Some(agency.status.as_str().to_owned())),
        "started_on" => text(agency.started_on.as_ref().map(ToString::to_string)),
        "ended_on" => text(agency.ended_on.as_ref().map(ToString::to_string)),
        "ministry" => agency
            .ministry
            .iter()
            .map(|link| entity(&link.agency))
            .collect(),
        "successors" => agency
            .successors
            .iter()
            .map(|link| entity(&link.successor))
            .collect(),
        kind => found
            .contacts
            .iter()
            .flat_map(|contacts| &contacts.items)
            .filter(|contact| contact.kind.as_str() == kind)
            .map(|contact| json!({ "str": contact.formatted.as_ref().unwrap_or(&contact.value) }))
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_extension_names_agencies_and_properties_it_has() {
        let extension = read_extension(
            r#"{"ids": ["x", " 9c6b7e44-577d-4593-a7f4-9ab5bcbf6da0 "],
                "properties": [{"id": "website"}, {"id": "organisation_number", "settings": {}}]}"#,
        )
        .unwrap();
        assert_eq!(extension.properties, ["website", "organisation_number"]);
        assert!(extension.asks_contacts());
        assert_eq!(agency_id(&extension.ids[0]), None);
        assert!(agency_id(&extension.ids[1]).is_some());
        // An id that names no agency has a row with no values.
        let answer = serde_json::to_value(extended(&extension, vec![None, None])).unwrap();
        assert_eq!(
            answer["meta"][0],
            json!({"id": "website", "name": "Website"})
        );
        assert_eq!(
            answer["rows"]["x"],
            json!({"organisation_number": [], "website": []})
        );
    }

    #[test]
    fn what_is_not_an_extension_is_refused_naming_what() {
        let reason = |text: &str| read_extension(text).unwrap_err().to_string();
        assert!(reason("website").contains("must be a JSON object of `ids` and `properties`"));
        assert!(reason(r#"{"ids": []}"#).contains("properties"));
        assert!(reason(r#"{"ids": [], "properties": [{"id": "P31"}]}"#)
            .contains("there is no property 'P31'; there are organisation_number, wikidata"));
        let many = vec!["x"; MAX_IDS + 1];
        let text = json!({"ids": many, "properties": []}).to_string();
        assert!(reason(&text).contains("at most 50 ids, not 51"));
    }

    #[test]
    fn the_proposal_is_of_agencies_as_many_as_asked() {
        let three = proposal(3);
        assert_eq!((three.type_id.as_str(), three.limit), ("agency", 3));
        assert_eq!(three.properties[0].id, "organisation_number");
        assert_eq!(proposal(usize::MAX).limit, PROPERTIES.len());
    }
}
