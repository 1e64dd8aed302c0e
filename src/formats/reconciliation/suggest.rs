//! The suggest services of the reconciliation service: what a person may
//! mean by what they have typed so far into a client's field. OpenRefine
//! asks them as its "Search for match" box is typed in (agencies and
//! assignments), and in its fields of types and of properties. Each is a
//! `GET` with `prefix` and, to see more, `cursor` (how many to skip); the
//! answer is `{"result": [{"id", "name", "description"}, …]}`.

use serde::Serialize;
use utoipa::ToSchema;

use super::extension::properties::{Of, PROPERTIES};
use super::{answer, entity_type, EntityType, Scored, AGENCY, ASSIGNMENT};

/// How many suggestions a request is answered with.
pub const PAGE: usize = 10;

/// How far a person may look (`cursor` and its page): the suggestions end
/// here, as nobody types a name to read the hundredth.
pub const DEPTH: usize = 100;

/// The suggestions, the best first.
#[derive(Debug, Serialize, ToSchema)]
pub struct Suggestions {
    pub result: Vec<Suggested>,
}

/// An agency, an assignment, a property or a type a person may mean.
#[derive(Debug, Serialize, ToSchema)]
pub struct Suggested {
    /// An agency's or an assignment's UUID; a property's or a type's id.
    #[schema(example = "1e1b61a5-0d8b-5f81-9f34-c76e929eba2e")]
    pub id: String,
    /// An agency's name or an assignment's title today; a property's or a
    /// type's name.
    #[schema(example = "Jämställdhetsmyndigheten")]
    pub name: String,
    /// An agency's lifetime; an assignment's case numbers, and when and to
    /// whom it was given; of a property, the types that have it.
    #[schema(example = "since 2018-01-01")]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// An agency's or an assignment's type.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub notable: Vec<EntityType>,
}

/// Nothing suggested.
pub fn none() -> Suggestions {
    Suggestions { result: Vec::new() }
}

/// The agencies and assignments found (of each type, the best first, as
/// many as [`DEPTH`], whatever the page), the best of all first, from the
/// `cursor`th on: a page of them.
pub fn entities(found: Vec<Scored>, cursor: usize) -> Suggestions {
    let result = answer(found, DEPTH)
        .result
        .into_iter()
        .skip(cursor)
        .take(PAGE)
        .map(|candidate| Suggested {
            id: candidate.id.to_string(),
            name: candidate.name,
            description: candidate.description,
            notable: candidate.types,
        })
        .collect();
    Suggestions { result }
}

/// The properties (of `type_id` where it is one of the service's types)
/// whose id or name, or a word of either, begins with `prefix`, in the
/// order the proposal offers them, from the `cursor`th on. Another type is
/// a client's own default (OpenRefine has sent Freebase's
/// `type/property`), not a question: all are offered.
pub fn properties(prefix: &str, type_id: Option<&str>, cursor: usize) -> Suggestions {
    let type_id = type_id.filter(|type_id| [AGENCY, ASSIGNMENT].contains(type_id));
    let result = PROPERTIES
        .iter()
        .filter(|known| type_id.map_or(true, |type_id| known.of.includes(type_id)))
        .filter(|known| begins(prefix, &[known.id, known.name]))
        .skip(cursor)
        .map(|known| Suggested {
            id: known.id.to_owned(),
            name: known.name.to_owned(),
            description: Some(
                match known.of {
                    Of::Agencies => "of agencies",
                    Of::Assignments => "of assignments",
                    Of::Both => "of agencies and assignments",
                }
                .to_owned(),
            ),
            notable: Vec::new(),
        })
        .collect();
    Suggestions { result }
}

/// The types whose id or name begins with `prefix`, from the `cursor`th
/// on.
pub fn types(prefix: &str, cursor: usize) -> Suggestions {
    let result = [AGENCY, ASSIGNMENT]
        .into_iter()
        .map(entity_type)
        .filter(|type_of| begins(prefix, &[&type_of.id, &type_of.name]))
        .skip(cursor)
        .map(|type_of| Suggested {
            id: type_of.id,
            name: type_of.name,
            description: None,
            notable: Vec::new(),
        })
        .collect();
    Suggestions { result }
}

/// Whether one of `texts`, or a word of one, begins with `prefix` (case
/// aside); an empty prefix begins everything.
fn begins(prefix: &str, texts: &[&str]) -> bool {
    let prefix = prefix.trim().to_lowercase();
    texts.iter().any(|text| {
        let text = text.to_lowercase();
        text.starts_with(&prefix)
            || text
                .split(|c: char| !c.is_alphanumeric())
                .any(|word| word.starts_with(&prefix))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ids(suggestions: Suggestions) -> Vec<String> {
        suggestions
            .result
            .into_iter()
            .map(|found| found.id)
            .collect()
    }

    #[test]
    fn a_property_is_suggested_by_the_beginning_of_its_id_its_name_or_a_word_of_either() {
        assert_eq!(ids(properties("tele", None, 0)), ["phone"]);
        assert_eq!(ids(properties("PHO", None, 0)), ["phone"]);
        assert_eq!(
            ids(properties("number", Some(AGENCY), 0)),
            ["organisation_number"]
        );
        assert_eq!(
            ids(properties("number", None, 0)),
            ["organisation_number", "case_numbers"]
        );
        assert_eq!(
            ids(properties("visiting add", None, 0)),
            ["visiting_address"]
        );
        assert!(ids(properties("xyz", None, 0)).is_empty());
    }

    #[test]
    fn a_property_is_suggested_only_of_the_type_asked_for_and_says_whose_it_is() {
        let of_assignments = properties("", Some(ASSIGNMENT), 0);
        assert!(of_assignments
            .result
            .iter()
            .any(|found| found.id == "holder"));
        assert!(of_assignments
            .result
            .iter()
            .all(|found| found.id != "organisation_number"));
        let holder = properties("holder", None, 0).result.remove(0);
        assert_eq!(holder.description.as_deref(), Some("of assignments"));
        assert_eq!(
            properties("", Some("type/property"), 0).result.len(),
            PROPERTIES.len(),
            "a type the service does not have: all"
        );
        assert_eq!(properties("", None, 0).result.len(), PROPERTIES.len());
        assert_eq!(ids(properties("", Some(AGENCY), 12)), ["visiting_address"]);
    }

    #[test]
    fn a_type_is_suggested_by_the_beginning_of_its_id_or_name() {
        assert_eq!(ids(types("ag", 0)), ["agency"]);
        assert_eq!(ids(types("Assign", 0)), ["assignment"]);
        assert_eq!(ids(types("", 0)), ["agency", "assignment"]);
        assert!(ids(types("person", 0)).is_empty());
        assert_eq!(ids(types("", 1)), ["assignment"], "after the first");
        assert!(ids(types("", usize::MAX)).is_empty());
    }
}
