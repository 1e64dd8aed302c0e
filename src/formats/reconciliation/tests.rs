//! Unit tests of [`super`].

use super::batch::{DEFAULT_LIMIT, MAX_NAME_CHARS, MAX_QUERIES};
use super::*;
use crate::domain::{OrganisationNumber, PartialDate};
use crate::views::shared::{AgencyRef, LocalizedText};

fn candidate(slug: &str, by_number: bool, name_score: Option<f64>) -> Scored {
    agency(Candidate {
        agency: AgencyRef {
            id: Uuid::new_v4(),
            slug: slug.to_owned(),
            name: LocalizedText {
                sv: slug.to_owned(),
                en: None,
            },
        },
        started_on: PartialDate::parse("1991-07-01").ok(),
        ended_on: None,
        by_number,
        name_score,
    })
}

/// An assignment found, given in 2018-01 to Linköpings universitet, with
/// the case numbers `case_numbers` and how well it fits.
fn found_assignment(
    title: &str,
    case_numbers: &[&str],
    by_case_number: bool,
    title_fit: f64,
) -> Scored {
    given_assignment(
        title,
        case_numbers,
        by_case_number,
        title_fit,
        "2018-01",
        None,
    )
}

/// An assignment found as [`found_assignment`], given on `given`, for a
/// query that asks about the date `at`.
fn given_assignment(
    title: &str,
    case_numbers: &[&str],
    by_case_number: bool,
    title_fit: f64,
    given: &str,
    at: Option<&str>,
) -> Scored {
    let summary: AssignmentSummary = serde_json::from_value(serde_json::json!({
        "id": Uuid::new_v4(), "slug": "x", "title": {"sv": title, "en": null},
        "kind": "government_assignment", "status": "reported", "started_on": given,
        "due_on": null, "jurisdiction": "national", "county_code": null, "part_of": null,
        "holder": null, "unresolved": null,
        "source": {"id": Uuid::new_v4(), "slug": "s", "title": "s", "publisher": null,
                   "published_on": "2018-01-01", "url": null, "language": "sv", "note": null}
    }))
    .unwrap();
    let given_to = AgencyRef {
        id: Uuid::new_v4(),
        slug: "linkopings-universitet".to_owned(),
        name: LocalizedText {
            sv: "Linköpings universitet".to_owned(),
            en: None,
        },
    };
    let fit = Fit {
        id: summary.id,
        case_numbers: case_numbers
            .iter()
            .map(|number| (*number).to_owned())
            .collect(),
        by_case_number,
        title_fit,
        given_to: Some(given_to),
    };
    let at = at.map(|at| PartialDate::parse(at).unwrap());
    assignment(Titled::from(summary), fit, at.as_ref())
}

#[test]
fn a_batch_is_read_in_the_order_of_its_keys_with_what_each_query_asks() {
    let batch = read_batch(
        r#"{"q1": {"query": " Skolverket ", "type": "agency", "limit": 2.0, "type_strict": "should"},
            "q0": {"query": "x", "properties": [{"pid": "organisation_number", "v": "2021005489"},
                                                {"pid": "at", "v": ["2005", "x"]}]},
            "q2": {"query": "x", "type": [{"id": "person", "name": "Person"}]}}"#,
    )
    .unwrap();
    let keys: Vec<&str> = batch.iter().map(|(key, _)| key.as_str()).collect();
    assert_eq!(keys, ["q0", "q1", "q2"]);
    assert_eq!(
        batch[1].1,
        Query {
            name: Some("Skolverket".to_owned()),
            organisation_number: None,
            at: None,
            limit: 2,
            of_agencies: true,
            of_assignments: false,
        }
    );
    assert_eq!(
        batch[0]
            .1
            .organisation_number
            .as_ref()
            .map(OrganisationNumber::as_str),
        Some("202100-5489")
    );
    assert_eq!(batch[0].1.at, PartialDate::parse("2005").ok());
    assert_eq!(batch[0].1.limit, DEFAULT_LIMIT);
    assert!(
        batch[0].1.of_agencies && batch[0].1.of_assignments,
        "no type: both"
    );
    assert_eq!(batch[0].1.asks_assignments(), Some("x"));
    assert!(!batch[2].1.asks_agencies() && batch[2].1.asks_assignments().is_none());
}

#[test]
fn what_is_not_a_batch_is_refused_naming_the_member() {
    let reason = |text: &str| read_batch(text).unwrap_err().to_string();
    assert!(reason("Skolverket").contains("must be a JSON object of queries"));
    assert!(reason("[]").contains("must be a JSON object of queries"));
    assert!(reason(r#"{"q0": {"limit": 0}}"#)
        .contains("q0.limit: must be a whole number from 1 to 25, not 0"));
    assert!(reason(r#"{"q0": {"limit": -1}}"#).contains("q0.limit"));
    assert!(reason(r#"{"q0": {"limit": 2.5}}"#).contains("q0.limit"));
    assert!(reason(r#"{"q0": {"limit": "3"}}"#).contains("q0.limit"));
    assert!(reason(r#"{"q0": {"type": 7}}"#).contains("q0.type"));
    assert!(reason(r#"{"q0": {"query": 7}}"#).contains("q0.query"));
    assert!(reason(r#"{"q0": {}} {}"#).contains("one JSON object"));
    let many: Vec<String> = (0..=MAX_QUERIES)
        .map(|n| format!("\"q{n}\":{{}}"))
        .collect();
    assert!(reason(&format!("{{{}}}", many.join(","))).contains("at most 50 queries"));
}

#[test]
fn a_name_no_agency_can_have_and_a_number_that_is_none_look_for_nothing() {
    let long = "a".repeat(MAX_NAME_CHARS + 1);
    let batch = read_batch(&format!(
        r#"{{"q0": {{"query": "{long}"}}, "q1": {{"query": "a\u0000b"}},
            "q2": {{"query": "  ", "properties": [{{"pid": "organisation_number", "v": "2021005488"}},
                                                 {{"pid": "at", "v": "2005-02-30"}}]}}}}"#
    ))
    .unwrap();
    assert!(batch
        .iter()
        .all(|(_, query)| !query.asks_agencies() && query.asks_assignments().is_none()));
    assert_eq!(batch[2].1.at, None, "not a date, left out");
}

#[test]
fn the_one_candidate_that_fits_fully_is_the_match() {
    let answer = answer(
        vec![
            candidate("banverket", false, Some(4.0)),
            candidate("domanverket", false, Some(1.7)),
        ],
        5,
    );
    let scores: Vec<(f64, bool)> = answer.result.iter().map(|m| (m.score, m.matches)).collect();
    assert_eq!(scores, [(100.0, true), (42.5, false)]);
    assert_eq!(
        answer.result[0].description.as_deref(),
        Some("since 1991-07-01")
    );
}

#[test]
fn two_that_fit_fully_are_no_match_even_where_the_limit_shows_one() {
    let found = vec![
        candidate("by-number", true, None),
        candidate("by-name", false, Some(4.001)),
    ];
    let answer = answer(found, 1);
    assert_eq!(answer.result.len(), 1);
    assert_eq!(answer.result[0].score, 100.0);
    assert!(!answer.result[0].matches);
}

#[test]
fn the_manifest_names_the_service_under_the_address_it_was_reached_at() {
    let manifest = serde_json::to_value(manifest("https://registry.example")).unwrap();
    assert_eq!(manifest["versions"], serde_json::json!(["0.2"]));
    assert_eq!(manifest["identifierSpace"], "https://registry.example/v1/");
    assert_eq!(
        manifest["view"]["url"],
        "https://registry.example/?id={{id}}"
    );
    assert_eq!(manifest["defaultTypes"][0]["id"], "agency");
    assert_eq!(manifest["defaultTypes"][1]["id"], "assignment");
    assert_eq!(manifest["documentation"], "https://registry.example/docs");
}

#[test]
fn an_assignment_fits_fully_by_a_case_number_or_a_title_and_says_to_whom_it_was_given() {
    let answered = answer(
        vec![
            found_assignment(
                "Uppdrag angående utvärdering av barnahus",
                &[],
                false,
                0.231,
            ),
            found_assignment(
                "Uppdrag om prestationsersättning",
                &["S2011/1232/FST"],
                true,
                0.1,
            ),
        ],
        5,
    );
    let scores: Vec<(f64, bool)> = answered
        .result
        .iter()
        .map(|m| (m.score, m.matches))
        .collect();
    assert_eq!(scores, [(100.0, true), (23.1, false)], "by score");
    assert_eq!(
        answered.result[0].description.as_deref(),
        Some("S2011/1232/FST; given 2018-01 to Linköpings universitet")
    );
    assert_eq!(answered.result[0].types[0].id, "assignment");
    let by_title = answer(vec![found_assignment("Uppdrag x", &[], false, 1.0)], 5);
    assert!(by_title.result[0].matches);
}

#[test]
fn an_agency_and_an_assignment_that_both_fit_fully_are_no_match() {
    let answered = answer(
        vec![
            candidate("ab", false, Some(1.0)),
            candidate("nmt", false, Some(4.0)),
            found_assignment("NMT", &[], false, 1.0),
        ],
        5,
    );
    let scores: Vec<(f64, bool)> = answered
        .result
        .iter()
        .map(|m| (m.score, m.matches))
        .collect();
    assert_eq!(scores, [(100.0, false), (100.0, false), (25.0, false)]);
}

#[test]
fn of_assignments_of_one_title_the_one_given_on_the_date_asked_about_is_the_match() {
    let title = "Uppdrag att fördela medel";
    let yearly = |given: &str, at: Option<&str>| {
        vec![
            given_assignment(title, &[], false, 1.0, "2014-03", at),
            given_assignment(title, &[], false, 1.0, given, at),
            given_assignment(title, &[], false, 1.0, "2016-02", at),
        ]
    };
    let matched = |answer: &Answer| -> Vec<(String, bool)> {
        answer
            .result
            .iter()
            .map(|found| (found.description.clone().unwrap(), found.matches))
            .collect()
    };
    // No date: three alike, none the match.
    let undated = answer(yearly("2015-03", None), 5);
    assert!(undated.result.iter().all(|found| !found.matches));
    // The year, or the day of the decision: the one given then, first.
    for at in ["2015", "2015-03", "2015-03-12"] {
        let dated = answer(yearly("2015-03", Some(at)), 5);
        assert_eq!(
            matched(&dated)[0],
            ("given 2015-03 to Linköpings universitet".to_owned(), true),
            "at {at}"
        );
        assert!(dated.result[1..].iter().all(|found| !found.matches));
        assert!(
            dated.result.iter().all(|found| found.score == 100.0),
            "each title is still the one asked for"
        );
    }
    // Two given then: neither. None given then: none, as without a date.
    let both = answer(yearly("2014-03", Some("2014")), 5);
    assert!(both.result.iter().all(|found| !found.matches));
    let none = answer(yearly("2015-03", Some("2020")), 5);
    assert!(none.result.iter().all(|found| !found.matches));
}
