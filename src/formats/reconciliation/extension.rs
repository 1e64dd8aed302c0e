//! Data extension: once a column is reconciled, a client adds columns from
//! the agencies matched (their organisation numbers, who took over from
//! them, how to reach them today) or the assignments matched (who holds
//! them today, when they are due, how to reach whoever is responsible), as
//! OpenRefine's "Add columns from reconciled values" asks. A request is a
//! JSON object of `ids` and `properties`, sent as the parameter `extend`;
//! the answer names each property (`meta`) and gives each id's values
//! (`rows`).

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use serde_json::{json, Value};
use utoipa::ToSchema;
use uuid::Uuid;

use super::{AGENCY, ASSIGNMENT};
use crate::error::ApiError;
use crate::views::agencies::{Agency, AgencyContacts};
use crate::views::assignments::contacts::AssignmentContacts;
use crate::views::assignments::detail::Assignment;
use crate::views::contacts::ContactPoint;
use crate::views::shared::AgencyRef;

/// The most agencies and assignments one request may ask about
/// (OpenRefine asks ten).
const MAX_IDS: usize = 50;

/// Of which types a property is.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Of {
    Agencies,
    Assignments,
    Both,
}

impl Of {
    fn includes(self, type_id: &str) -> bool {
        match self {
            Of::Agencies => type_id == AGENCY,
            Of::Assignments => type_id == ASSIGNMENT,
            Of::Both => type_id == AGENCY || type_id == ASSIGNMENT,
        }
    }
}

/// The properties, by id, with their names and the types that have them:
/// what the proposal offers and an extension may ask for.
const PROPERTIES: [(&str, &str, Of); 19] = [
    ("organisation_number", "Organisation number", Of::Agencies),
    ("wikidata", "Wikidata item", Of::Agencies),
    ("name_en", "Name in English", Of::Agencies),
    (
        "case_numbers",
        "Case numbers (diarienummer)",
        Of::Assignments,
    ),
    ("title_en", "Title in English", Of::Assignments),
    ("status", "Status today", Of::Both),
    ("started_on", "Started, or given", Of::Both),
    (
        "given_to",
        "Given to (the lead it was first held by)",
        Of::Assignments,
    ),
    ("ended_on", "Ended", Of::Agencies),
    ("due_on", "Due", Of::Assignments),
    ("ministry", "Ministry it answers to", Of::Agencies),
    ("successors", "Successors (who took over)", Of::Agencies),
    ("holder", "Holder today (the lead)", Of::Assignments),
    (
        "co_recipients",
        "Given together with the holder",
        Of::Assignments,
    ),
    ("website", "Website", Of::Both),
    ("email", "E-mail", Of::Both),
    ("phone", "Telephone", Of::Both),
    ("hotline", "Hotline", Of::Both),
    ("visiting_address", "Visiting address", Of::Both),
];

/// The properties that are contact points today: an agency's own, or an
/// assignment's and its holder's.
const CONTACTS: [&str; 5] = ["website", "email", "phone", "hotline", "visiting_address"];

/// What an extension asks: of which agencies and assignments, which
/// properties.
#[derive(Debug, PartialEq)]
pub struct Extension {
    /// As sent: an id that is no agency's or assignment's UUID gets a row
    /// with no values.
    pub ids: Vec<String>,
    pub properties: Vec<&'static str>,
}

impl Extension {
    /// Whether any property asked for is a contact point.
    pub fn asks_contacts(&self) -> bool {
        self.properties.iter().any(|id| CONTACTS.contains(id))
    }

    /// Whether an assignment's first lead is asked for (`given_to`).
    pub fn asks_given_to(&self) -> bool {
        self.properties.contains(&"given_to")
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
                .find(|(id, _, _)| *id == property.id)
                .map(|(id, _, _)| *id)
                .ok_or_else(|| {
                    let known: Vec<&str> = PROPERTIES.iter().map(|(id, _, _)| *id).collect();
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

/// The id of an agency or an assignment as an extension asks for it: its
/// UUID.
pub fn entity_id(id: &str) -> Option<Uuid> {
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
        .filter(|(_, _, of)| of.includes(type_id))
        .take(limit)
        .map(|(id, name, _)| Property {
            id: (*id).to_owned(),
            name: (*name).to_owned(),
        })
        .collect();
    Proposal {
        type_id: type_id.to_owned(),
        limit: properties.len(),
        properties,
    }
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

/// An agency or an assignment as an extension finds it: in full, and how
/// to reach it (or whoever is responsible for it) today, where a contact
/// point was asked for and it has one.
pub enum Found {
    Agency(Box<Agency>, Option<AgencyContacts>),
    Assignment(Box<FoundAssignment>),
}

/// An assignment as an extension finds it: as today, the lead it was given
/// to (where `given_to` was asked for), and how to reach whoever is
/// responsible today (where a contact point was).
pub struct FoundAssignment {
    pub assignment: Assignment,
    pub given_to: Option<AgencyRef>,
    pub contacts: Option<AssignmentContacts>,
}

/// The answer to `extension`, with what was found for each of its ids (in
/// their order; `None` for one that names nothing).
pub fn extended(extension: &Extension, found: Vec<Option<Found>>) -> Extended {
    let meta = extension
        .properties
        .iter()
        .map(|id| {
            let (id, name, _) = PROPERTIES
                .iter()
                .find(|(known, _, _)| known == id)
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

/// The values of `property` for an agency or an assignment found.
fn values(found: &Found, property: &str) -> Vec<Value> {
    match found {
        Found::Agency(agency, contacts) => agency_values(agency, contacts.as_ref(), property),
        Found::Assignment(found) => assignment_values(found, property),
    }
}

/// A text as a value: none where there is none.
fn text(text: Option<String>) -> Vec<Value> {
    text.map(|text| json!({ "str": text }))
        .into_iter()
        .collect()
}

/// An agency as a value: an entity of this service.
fn entity(agency: &AgencyRef) -> Value {
    json!({"id": agency.id, "name": agency.name.sv})
}

/// The contact points of the kind `kind`, as values: formatted where the
/// registry formats them (telephone numbers).
fn contact_values(items: &[ContactPoint], kind: &str) -> Vec<Value> {
    items
        .iter()
        .filter(|contact| contact.kind.as_str() == kind)
        .map(|contact| json!({ "str": contact.formatted.as_ref().unwrap_or(&contact.value) }))
        .collect()
}

fn agency_values(agency: &Agency, contacts: Option<&AgencyContacts>, property: &str) -> Vec<Value> {
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
        kind if CONTACTS.contains(&kind) => {
            contacts.map_or_else(Vec::new, |contacts| contact_values(&contacts.items, kind))
        }
        _ => Vec::new(),
    }
}

fn assignment_values(found: &FoundAssignment, property: &str) -> Vec<Value> {
    let assignment = &found.assignment;
    match property {
        "case_numbers" => assignment
            .identifiers
            .iter()
            .map(|identifier| json!({ "str": identifier.value }))
            .collect(),
        "title_en" => text(assignment.version.title.en.clone()),
        "status" => text(Some(assignment.status.as_str().to_owned())),
        "started_on" => text(assignment.started_on.as_ref().map(ToString::to_string)),
        "given_to" => found.given_to.iter().map(entity).collect(),
        "due_on" => text(assignment.version.due_on.as_ref().map(ToString::to_string)),
        "holder" => assignment
            .holder
            .iter()
            .map(|holding| entity(&holding.agency))
            .collect(),
        "co_recipients" => assignment
            .co_recipients
            .iter()
            .map(|participant| entity(&participant.agency))
            .collect(),
        kind if CONTACTS.contains(&kind) => found
            .contacts
            .as_ref()
            .map_or_else(Vec::new, |contacts| contact_values(&contacts.items, kind)),
        _ => Vec::new(),
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
        assert_eq!(entity_id(&extension.ids[0]), None);
        assert!(entity_id(&extension.ids[1]).is_some());
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
    fn the_proposal_is_of_the_type_asked_as_many_as_asked() {
        let three = proposal(AGENCY, 3);
        assert_eq!((three.type_id.as_str(), three.limit), ("agency", 3));
        assert_eq!(three.properties[0].id, "organisation_number");
        let ids = |type_id| -> String {
            let all = proposal(type_id, usize::MAX);
            let ids: Vec<String> = all.properties.into_iter().map(|p| p.id).collect();
            ids.join(" ")
        };
        assert_eq!(
            ids(AGENCY),
            "organisation_number wikidata name_en status started_on ended_on ministry successors \
             website email phone hotline visiting_address"
        );
        assert_eq!(
            ids(ASSIGNMENT),
            "case_numbers title_en status started_on given_to due_on holder co_recipients \
             website email phone hotline visiting_address"
        );
        assert!(ids("person").is_empty());
    }
}
