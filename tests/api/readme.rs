//! The README's examples: every `curl 'http://127.0.0.1:8080/…'` it shows
//! answers on the data it says it is run on (the founding case, the
//! national registers and the government's assignments, as the API starts
//! with them), and shows something unless its comment says there is
//! nothing to show.

use crate::helpers::*;

/// The paths of the README's plain GET examples, each with its comment.
fn examples() -> Vec<(&'static str, &'static str)> {
    const PREFIX: &str = "curl 'http://127.0.0.1:8080";
    include_str!("../../README.md")
        .lines()
        .filter_map(|line| line.strip_prefix(PREFIX))
        .map(|rest| {
            let (path, comment) = rest.split_once('\'').expect("a closing quote");
            (path, comment.trim().trim_start_matches('#').trim())
        })
        .collect()
}

#[tokio::test]
async fn every_example_request_in_the_readme_answers_and_shows_something() {
    let examples = examples();
    assert!(examples.len() >= 20, "the README's examples: {examples:?}");
    let app = TestApp::spawn_national().await;
    for (path, comment) in examples {
        let response = app.get(path).await;
        assert_eq!(response.status(), 200, "GET {path} ({comment})");
        if header(&response, "content-type").starts_with("text/html") {
            // A reconciliation candidate's card.
            let card = response.text().await.unwrap();
            assert!(card.contains("<dl><dt>"), "GET {path} ({comment}): {card}");
            continue;
        }
        let answer: serde_json::Value = response.json().await.unwrap();
        let shown = match (&answer["items"], &answer["holdings"]) {
            (serde_json::Value::Array(items), _) => !items.is_empty(),
            (_, serde_json::Value::Array(holdings)) => !holdings.is_empty(),
            _ => answer.as_object().is_some_and(|object| !object.is_empty()),
        };
        let nothing_expected = comment.contains("none");
        assert_eq!(shown, !nothing_expected, "GET {path} ({comment}): {answer}");
    }
}

/// The README's reconciliation examples with `field` (`queries` or
/// `extend`): what each `curl … --data-urlencode '{field}=…'` line sends.
fn reconciliation_examples(field: &str) -> Vec<&'static str> {
    let prefix = format!("curl http://127.0.0.1:8080/v1/reconcile --data-urlencode '{field}=");
    let examples: Vec<&str> = include_str!("../../README.md")
        .lines()
        .filter_map(|line| line.strip_prefix(prefix.as_str()))
        .map(|rest| rest.strip_suffix('\'').expect("a closing quote"))
        .collect();
    assert!(!examples.is_empty(), "the README's examples with {field}");
    examples
}

/// The README's reconciliation example: a batch POSTed as a form, each of
/// whose queries has its match first.
#[tokio::test]
async fn the_readme_s_reconciliation_batch_finds_each_agency_meant() {
    let app = TestApp::spawn_national().await;
    for batch in reconciliation_examples("queries") {
        let asked: serde_json::Value = serde_json::from_str(batch).unwrap();
        let response = app.post_form("/v1/reconcile", "queries", batch).await;
        assert_eq!(response.status(), 200);
        let answers: serde_json::Value = response.json().await.unwrap();
        let answers = answers.as_object().unwrap();
        assert_eq!(
            answers.len(),
            asked.as_object().unwrap().len(),
            "{answers:?}"
        );
        for (key, answer) in answers {
            assert_eq!(answer["result"][0]["match"], true, "{key}: {answer}");
        }
    }
}

/// The README's extension examples: each property asked for is answered
/// for the agency or assignment each names, with the values it has.
#[tokio::test]
async fn the_readme_s_extension_gives_the_agency_s_values() {
    let app = TestApp::spawn_national().await;
    for extension in reconciliation_examples("extend") {
        let asked: serde_json::Value = serde_json::from_str(extension).unwrap();
        let response = app.post_form("/v1/reconcile", "extend", extension).await;
        assert_eq!(response.status(), 200);
        let extended: serde_json::Value = response.json().await.unwrap();
        let id = asked["ids"][0].as_str().unwrap();
        let row = &extended["rows"][id];
        for property in asked["properties"].as_array().unwrap() {
            let values = &row[property["id"].as_str().unwrap()];
            assert!(values.is_array(), "{property} answered: {extended}");
        }
        if row.get("organisation_number").is_some() {
            let agency = app.agency(id).await;
            let number = &row["organisation_number"][0]["str"];
            assert_eq!(number, &agency["organisation_number"], "{extended}");
            assert!(row["website"][0]["str"].is_string(), "{extended}");
        }
        if row.get("holder").is_some() {
            let holder = app.get_json(&format!("/v1/assignments/{id}/holder")).await;
            assert_eq!(row["holder"][0]["id"], holder["agency"]["id"], "{extended}");
            assert!(row["hotline"][0]["str"].is_string(), "{extended}");
        }
    }
}
