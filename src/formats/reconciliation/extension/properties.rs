//! The properties an extension may ask for, and their values for an agency
//! or an assignment found.

use serde_json::{json, Value};

use crate::domain::IdentifierScheme;
use crate::formats::reconciliation::{AGENCY, ASSIGNMENT};
use crate::views::agencies::{Agency, AgencyContacts};
use crate::views::assignments::contacts::AssignmentContacts;
use crate::views::assignments::detail::Assignment;
use crate::views::contacts::ContactPoint;
use crate::views::shared::AgencyRef;

/// Of which types a property is.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(in crate::formats::reconciliation) enum Of {
    Agencies,
    Assignments,
    Both,
}

impl Of {
    pub(in crate::formats::reconciliation) fn includes(self, type_id: &str) -> bool {
        match self {
            Of::Agencies => type_id == AGENCY,
            Of::Assignments => type_id == ASSIGNMENT,
            Of::Both => type_id == AGENCY || type_id == ASSIGNMENT,
        }
    }
}

/// A property: its id, its name, the types that have it, and whether its
/// values are agencies (entities of this service, so that a column of
/// them is reconciled too).
pub(in crate::formats::reconciliation) struct Known {
    pub id: &'static str,
    pub name: &'static str,
    pub of: Of,
    pub agencies: bool,
}

const fn known(id: &'static str, name: &'static str, of: Of, agencies: bool) -> Known {
    Known {
        id,
        name,
        of,
        agencies,
    }
}

/// The properties, in the order the proposal offers them.
pub(in crate::formats::reconciliation) const PROPERTIES: [Known; 19] = [
    known(
        "organisation_number",
        "Organisation number",
        Of::Agencies,
        false,
    ),
    known("wikidata", "Wikidata item", Of::Agencies, false),
    known("name_en", "Name in English", Of::Agencies, false),
    known(
        "case_numbers",
        "Case numbers (diarienummer)",
        Of::Assignments,
        false,
    ),
    known("title_en", "Title in English", Of::Assignments, false),
    known("status", "Status", Of::Both, false),
    known("started_on", "Started, or given", Of::Both, false),
    known(
        "given_to",
        "Given to (the lead it was first held by)",
        Of::Assignments,
        true,
    ),
    known("ended_on", "Ended", Of::Agencies, false),
    known("due_on", "Due", Of::Assignments, false),
    known("ministry", "Ministry it answers to", Of::Agencies, true),
    known(
        "successors",
        "Successors (who took over)",
        Of::Agencies,
        true,
    ),
    known("holder", "Holder (the lead)", Of::Assignments, true),
    known(
        "co_recipients",
        "Given together with the holder",
        Of::Assignments,
        true,
    ),
    known("website", "Website", Of::Both, false),
    known("email", "E-mail", Of::Both, false),
    known("phone", "Telephone", Of::Both, false),
    known("hotline", "Hotline", Of::Both, false),
    known("visiting_address", "Visiting address", Of::Both, false),
];

/// The properties that are contact points: an agency's own, or an
/// assignment's and its holder's.
pub(in crate::formats::reconciliation) const CONTACTS: [&str; 5] =
    ["website", "email", "phone", "hotline", "visiting_address"];

/// The property `id`, where there is one.
pub(in crate::formats::reconciliation) fn property(id: &str) -> Option<&'static Known> {
    PROPERTIES.iter().find(|known| known.id == id)
}

/// An agency or an assignment as an extension finds it, as on one date:
/// in full, and how to reach it (or whoever is responsible for it) then,
/// where a contact point was asked for and it has one.
pub enum Found {
    Agency(Box<Agency>, Option<Box<AgencyContacts>>),
    Assignment(Box<FoundAssignment>),
}

/// An assignment as an extension finds it: as on one date, the lead it was
/// given to (where `given_to` was asked for), and how to reach whoever is
/// responsible then (where a contact point was).
pub struct FoundAssignment {
    pub assignment: Assignment,
    pub given_to: Option<AgencyRef>,
    pub contacts: Option<AssignmentContacts>,
}

/// The values of `property` for an agency or an assignment found.
pub(in crate::formats::reconciliation) fn values(found: &Found, property: &str) -> Vec<Value> {
    match found {
        Found::Agency(agency, contacts) => agency_values(agency, contacts.as_deref(), property),
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
            .filter(|identifier| identifier.scheme == IdentifierScheme::Wikidata)
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
