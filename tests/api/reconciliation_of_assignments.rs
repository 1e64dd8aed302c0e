//! `/v1/reconcile` for assignments: a column of case numbers (diarienummer)
//! or titles of government assignments matched to the registry's
//! assignments, and who was responsible, and how to reach them, added as
//! columns.

use serde_json::{json, Value};

use crate::helpers::TestApp;
use crate::reconciliation::{candidates, contact_values, exported, extended, offered, reconciled};

/// The founding case's support process, whose id the example data fixes.
const SUPPORT_PROCESS: &str = "efb7269d-98ec-510b-b288-e36b6e229c73";

/// The one assignment the assignment search finds first for `q`.
async fn found(app: &TestApp, q: &str) -> Value {
    let page = app
        .get_json(&format!(
            "/v1/assignments?q={}&limit=1",
            crate::helpers::urlencode(q)
        ))
        .await;
    page["items"][0].clone()
}

#[tokio::test]
async fn a_column_of_case_numbers_and_titles_is_matched_to_the_assignments_meant() {
    let app = TestApp::spawn_national().await;
    let batch = json!({
        // A case number as a spreadsheet may have it: lower case.
        "c0": {"query": "s2011/1232/fst", "type": "assignment"},
        // A title, as published.
        "c1": {"query": "Uppdrag angående utvärdering av barnahus", "type": "assignment"},
        // A word of titles: candidates, none a match.
        "c2": {"query": "barnahus", "type": "assignment", "limit": 3},
        // A case number of no type (as OpenRefine asks when it guesses
        // the column's type): the assignment, not an agency.
        "c3": {"query": "S2011/1232/FST"},
        // An agency's name asked of assignments only: no agency.
        "c4": {"query": "Skolverket", "type": "assignment"},
        // A title two assignments have had (the search ranks one of them
        // below others like it): neither is the match, both are offered.
        "c5": {"query": "Uppdrag till Centrum för idrottsforskning att följa upp statens stöd till idrotten",
               "type": "assignment"},
    });
    let answers = reconciled(&app, &batch).await;

    let by_number = found(&app, "S2011/1232/FST").await;
    let first = &answers["c0"]["result"][0];
    assert_eq!(first["id"], by_number["id"]);
    assert_eq!(
        first["type"],
        json!([{"id": "assignment", "name": "Assignment"}])
    );
    assert_eq!(
        candidates(&answers["c0"])[0],
        (
            by_number["title"]["sv"].as_str().unwrap().to_owned(),
            100.0,
            true
        )
    );
    let description = first["description"].as_str().unwrap();
    assert!(
        description.contains("S2011/1232/FST") && description.ends_with("to Socialstyrelsen"),
        "its case numbers, and to whom it was given: {description}"
    );
    assert_eq!(answers["c3"]["result"][0]["id"], by_number["id"]);
    assert_eq!(answers["c3"]["result"][0]["match"], true);

    let evaluation = found(&app, "Uppdrag angående utvärdering av barnahus").await;
    assert_eq!(
        candidates(&answers["c1"])[0],
        (
            "Uppdrag angående utvärdering av barnahus".to_owned(),
            100.0,
            true
        )
    );
    assert_eq!(answers["c1"]["result"][0]["id"], evaluation["id"]);
    assert_eq!(
        answers["c1"]["result"][0]["description"],
        "given 2018-01 to Linköpings universitet"
    );

    let word = candidates(&answers["c2"]);
    assert_eq!(word.len(), 3, "as many as the limit asks");
    assert!(word
        .iter()
        .all(|(title, score, matched)| title.contains("barnahus") && *score < 100.0 && !matched));
    assert!(
        word.windows(2).all(|pair| pair[0].1 >= pair[1].1),
        "best first: {word:?}"
    );

    let twice = candidates(&answers["c5"]);
    let full: Vec<&(String, f64, bool)> = twice
        .iter()
        .filter(|(_, score, _)| *score == 100.0)
        .collect();
    assert_eq!(full.len(), 2, "{twice:?}");
    assert!(twice.iter().all(|(_, _, matched)| !matched), "{twice:?}");

    // A date tells them apart, as a spreadsheet with the day of each
    // decision (or its year) has it: the one given then is the match.
    let mut given = Vec::new();
    for candidate in answers["c5"]["result"].as_array().unwrap() {
        let id = candidate["id"].as_str().unwrap();
        let started_on = app.assignment(id, "2026-01-01").await["started_on"].clone();
        if candidate["score"] == 100.0 {
            given.push((id.to_owned(), started_on.as_str().unwrap().to_owned()));
        }
    }
    assert_ne!(
        given[0].1[..4],
        given[1].1[..4],
        "given in two years: {given:?}"
    );
    for (id, started_on) in &given {
        for at in [started_on.as_str(), &started_on[..4]] {
            let dated = reconciled(
                &app,
                &json!({"q": {"query": batch["c5"]["query"], "type": "assignment",
                              "properties": [{"pid": "at", "v": at}]}}),
            )
            .await;
            let result = &dated["q"]["result"];
            assert_eq!(result[0]["id"], id.as_str(), "at {at}: {result}");
            assert_eq!(result[0]["match"], true, "at {at}: {result}");
            assert_eq!(result[1]["score"], 100.0, "the other is still offered");
            assert_eq!(result[1]["match"], false);
        }
    }

    assert!(answers["c4"]["result"]
        .as_array()
        .unwrap()
        .iter()
        .all(|candidate| candidate["type"][0]["id"] == "assignment"));
}

/// Once reconciled, who was responsible for each assignment and how to
/// reach them: the holder today, the lead it was given to, its due date,
/// and the contact points of whoever is responsible (the support process's
/// hotline moved with it to Jämställdhetsmyndigheten).
#[tokio::test]
async fn who_was_responsible_is_added_as_columns_from_the_assignments_matched() {
    let app = TestApp::spawn_national().await;
    let proposal = app
        .get_json("/v1/reconcile/properties?type=assignment")
        .await;
    assert_eq!(proposal["type"], "assignment");
    let offered = offered(&proposal);
    for wanted in ["case_numbers", "given_to", "due_on", "holder", "hotline"] {
        assert!(offered.contains(&wanted), "{wanted} among {offered:?}");
    }
    assert!(!offered.contains(&"organisation_number"), "an agency's");

    let evaluation = found(&app, "Uppdrag angående utvärdering av barnahus").await;
    let evaluation = evaluation["id"].as_str().unwrap();
    let extend = json!({
        "ids": [SUPPORT_PROCESS, evaluation],
        "properties": [{"id": "holder"}, {"id": "given_to"}, {"id": "status"}, {"id": "due_on"},
                       {"id": "hotline"}, {"id": "phone"}, {"id": "organisation_number"}],
    });
    let columns = extended(&app, &extend).await;
    let names = |row: &Value, property: &str| -> Vec<String> {
        row[property]
            .as_array()
            .unwrap()
            .iter()
            .map(|value| value["name"].as_str().unwrap().to_owned())
            .collect()
    };

    let support = &columns["rows"][SUPPORT_PROCESS];
    assert_eq!(names(support, "holder"), ["Jämställdhetsmyndigheten"]);
    assert_eq!(
        support["holder"][0]["id"],
        app.agency("jamstalldhetsmyndigheten").await["id"],
        "an agency of this service, to reconcile and extend in turn"
    );
    assert_eq!(
        names(support, "given_to"),
        ["Länsstyrelsen i Stockholms län"]
    );
    let today = app.now().await[..10].to_owned();
    let contacts = app
        .assignment_contacts("nationella-stodprocessen", &today)
        .await;
    let hotlines = contact_values(&contacts, "hotline");
    assert!(!hotlines.is_empty());
    assert_eq!(support["hotline"], json!(hotlines));
    assert_eq!(
        support["organisation_number"],
        json!([]),
        "an agency's property"
    );

    // Who held it the day before it moved, and how to reach them then: the
    // setting `at`, which the manifest offers for every property.
    let manifest = app.get_json("/v1/reconcile").await;
    assert_eq!(manifest["extend"]["property_settings"][0]["name"], "at");
    let before = json!({"at": "2017-12-31"});
    let extend = json!({
        "ids": [SUPPORT_PROCESS],
        "properties": [{"id": "holder", "settings": before}, {"id": "phone", "settings": before},
                       {"id": "status"}, {"id": "given_to"}],
    });
    let then = extended(&app, &extend).await;
    assert_eq!(
        then["meta"][0]["type"],
        json!({"id": "agency", "name": "Agency"}),
        "a column of agencies, reconciled"
    );
    let support_then = &then["rows"][SUPPORT_PROCESS];
    assert_eq!(
        names(support_then, "holder"),
        ["Länsstyrelsen i Stockholms län"]
    );
    let holder_then = app
        .get_json("/v1/assignments/nationella-stodprocessen/holder?at=2017-12-31")
        .await;
    assert_eq!(support_then["holder"][0]["id"], holder_then["agency"]["id"]);
    let contacts = app
        .assignment_contacts("nationella-stodprocessen", "2017-12-31")
        .await;
    let phones = contact_values(&contacts, "phone");
    assert!(!phones.is_empty());
    assert_eq!(support_then["phone"], json!(phones), "the holder's then");
    assert_ne!(support_then["phone"], support["phone"], "not today's");
    assert_eq!(
        support_then["status"],
        json!([{"str": "active"}]),
        "today's"
    );
    assert_eq!(
        names(support_then, "given_to"),
        ["Länsstyrelsen i Stockholms län"],
        "whatever the dates the other columns ask about"
    );

    let row = &columns["rows"][evaluation];
    assert_eq!(row["status"], json!([{"str": "reported"}]));
    assert_eq!(row["holder"], json!([]), "nobody holds it once reported");
    assert_eq!(names(row, "given_to"), ["Linköpings universitet"]);
    assert_eq!(row["due_on"], json!([{"str": "2019-03-31"}]));
}

/// Titles that the text search parser reads in parts other than words
/// ("perioden 2018-2029", "S2012/4661/FST", "artikel 10.7", "anslag 2:7"),
/// each asked for in full: every one of them finds its own assignment, with
/// a score of 100 (the match, unless another assignment has the same title).
#[tokio::test]
async fn an_assignment_is_found_by_its_title_whatever_the_parser_makes_of_it() {
    let app = TestApp::spawn_national().await;
    let in_parts = |title: &str| {
        let chars: Vec<char> = title.chars().collect();
        chars.windows(3).any(|three| {
            three[0].is_alphanumeric() && "-/.:".contains(three[1]) && three[2].is_alphanumeric()
        })
    };
    let assignments: Vec<Value> = exported(&app, "assignments")
        .await
        .into_iter()
        .filter(|assignment| in_parts(assignment["title_sv"].as_str().unwrap()))
        .collect();
    assert!(assignments.len() > 400, "{}", assignments.len());
    let (mut matched, mut alike) = (0, 0);
    for chunk in assignments.chunks(50) {
        let batch: serde_json::Map<String, Value> = chunk
            .iter()
            .enumerate()
            .map(|(n, assignment)| {
                let query = json!({"query": assignment["title_sv"], "type": "assignment"});
                (format!("q{n}"), query)
            })
            .collect();
        let answers = reconciled(&app, &Value::Object(batch)).await;
        for (n, assignment) in chunk.iter().enumerate() {
            let result = answers[format!("q{n}")]["result"].as_array().unwrap();
            let own = result
                .iter()
                .find(|candidate| candidate["id"] == assignment["id"]);
            let what = format!("{}: {result:?}", assignment["title_sv"]);
            assert_eq!(
                own.map(|own| own["score"].clone()),
                Some(json!(100.0)),
                "{what}"
            );
            match own.unwrap()["match"].as_bool().unwrap() {
                true => matched += 1,
                false => alike += 1,
            }
        }
    }
    println!("found by their titles: {matched} the match, {alike} with another of that title");
}

/// A spreadsheet of decisions: every assignment by its title today and the
/// day (or month) it was given, as `at`. Each is its own match, or none is
/// and another as alike is offered (two given in one month); never another
/// assignment. Without the date, 4,179 of 4,429 are the match: the others
/// share their titles (yearly "Uppdrag att fördela medel").
#[tokio::test]
async fn every_assignment_by_its_title_and_the_day_it_was_given_is_the_match_or_none_is() {
    let app = TestApp::spawn_national().await;
    let assignments = app
        .all_pages("/v1/assignments?kind=government_assignment", 100)
        .await;
    assert!(assignments.len() > 4000, "the government's assignments");
    let query = |assignment: &Value| match assignment["started_on"].as_str() {
        Some(at) => json!({"query": assignment["title"]["sv"], "type": "assignment",
                           "properties": [{"pid": "at", "v": at}]}),
        None => json!({"query": assignment["title"]["sv"], "type": "assignment"}),
    };
    let (mut right, mut none) = (0, 0);
    for chunk in assignments.chunks(50) {
        let batch: serde_json::Map<String, Value> = chunk
            .iter()
            .enumerate()
            .map(|(n, assignment)| (format!("q{n}"), query(assignment)))
            .collect();
        let answers = reconciled(&app, &Value::Object(batch)).await;
        for (n, assignment) in chunk.iter().enumerate() {
            let result = answers[&format!("q{n}")]["result"].as_array().unwrap();
            let what = format!(
                "{} given {}: {result:?}",
                assignment["slug"], assignment["started_on"]
            );
            let matched: Vec<&Value> = result.iter().filter(|c| c["match"] == true).collect();
            match matched.as_slice() {
                [one] => {
                    assert_eq!(one["id"], assignment["id"], "{what}");
                    right += 1;
                }
                [] => {
                    let alike = result.iter().filter(|c| c["score"] == 100.0).count();
                    assert!(alike >= 2, "{what}: no match, and no other as alike");
                    none += 1;
                }
                _ => panic!("{what}: two matches"),
            }
        }
    }
    println!("by title and the day it was given: {right} the match, {none} no match");
    assert!(
        right * 100 >= assignments.len() * 98,
        "{right} of {} the match, where the date tells namesakes apart",
        assignments.len()
    );
}
