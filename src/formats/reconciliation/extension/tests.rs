//! Unit tests of [`super`].

use serde_json::json;

use super::*;
use crate::formats::reconciliation::{AGENCY, ASSIGNMENT};

#[test]
fn an_extension_names_agencies_and_properties_it_has_and_the_dates_they_are_as_of() {
    let extension = read_extension(
        r#"{"ids": ["x", " 9c6b7e44-577d-4593-a7f4-9ab5bcbf6da0 "],
            "properties": [{"id": "website"}, {"id": "organisation_number", "settings": {"at": ""}},
                           {"id": "holder", "settings": {"at": "2018", "limit": "0"}}]}"#,
    )
    .unwrap();
    let day = |text: &str| NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap();
    assert_eq!(
        extension.properties,
        [
            Asked {
                id: "website",
                at: None
            },
            Asked {
                id: "organisation_number",
                at: None
            },
            Asked {
                id: "holder",
                at: Some(day("2018-01-01"))
            },
        ]
    );
    let today = day("2026-12-06");
    let days: Vec<NaiveDate> = extension.days(today).into_iter().collect();
    assert_eq!(days, [day("2018-01-01"), today]);
    assert!(extension.asks_contacts_on(today, today));
    assert!(!extension.asks_contacts_on(day("2018-01-01"), today));
    assert_eq!(entity_id(&extension.ids[0]), None);
    assert!(entity_id(&extension.ids[1]).is_some());
    // An id that names nothing has a row with no values.
    let found = vec![BTreeMap::new(), BTreeMap::new()];
    let answer = serde_json::to_value(extended(&extension, found, today)).unwrap();
    assert_eq!(
        answer["meta"][0],
        json!({"id": "website", "name": "Website"})
    );
    assert_eq!(
        answer["meta"][2],
        json!({"id": "holder", "name": "Holder (the lead)",
               "type": {"id": "agency", "name": "Agency"}}),
        "a column of agencies is reconciled"
    );
    assert_eq!(
        answer["rows"]["x"],
        json!({"organisation_number": [], "website": [], "holder": []})
    );
}

#[test]
fn what_is_not_an_extension_is_refused_naming_what() {
    let reason = |text: &str| read_extension(text).unwrap_err().to_string();
    assert!(reason("website").contains("must be a JSON object of `ids` and `properties`"));
    assert!(reason(r#"{"ids": []}"#).contains("properties"));
    assert!(reason(
        r#"{"ids": [], "properties": [{"id": "holder", "settings": {"at": "2018-13"}}]}"#
    )
    .contains("holder: settings.at: must be a date (2018-01-01), a month (2018-01) or a year"));
    assert!(
        reason(r#"{"ids": [], "properties": [{"id": "holder", "settings": {"at": 2018}}]}"#)
            .contains("holder: settings.at: must be a date as text")
    );
    assert!(
        reason(r#"{"ids": [], "properties": [{"id": "holder"}, {"id": "holder"}]}"#)
            .contains("holder is asked for twice")
    );
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
