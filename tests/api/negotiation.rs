//! Which media types the API answers: JSON (and, on some paths, more: see
//! contacts.rs, exports.rs, linked_data.rs). A request that accepts nothing
//! a path answers is refused with 406 (before anything is read or written),
//! and every answer under /v1/ varies by `Accept`.

use reqwest::StatusCode;
use serde_json::json;

use crate::helpers::*;

fn holder_path() -> String {
    format!("/v1/assignments/{NATIONAL}/holder?at=2018-01-01")
}

#[tokio::test]
async fn a_request_that_accepts_json_is_answered_and_told_the_answer_varies_by_accept() {
    let app = TestApp::spawn().await;
    for accept in [
        "application/json",
        "*/*",
        "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8",
    ] {
        let response = app.get_with(&holder_path(), "accept", accept).await;
        assert_eq!(response.status(), StatusCode::OK, "{accept}");
        assert!(
            header(&response, "vary").to_lowercase().contains("accept"),
            "{accept}: vary {}",
            header(&response, "vary")
        );
        let holder: serde_json::Value = response.json().await.unwrap();
        assert_eq!(holder["agency"]["slug"], GENDER_EQUALITY_AGENCY);
    }
}

#[tokio::test]
async fn a_read_that_accepts_no_json_is_406_even_when_the_json_answer_is_kept() {
    let app = TestApp::spawn().await;
    // The JSON answer is read first, so the response cache has it.
    assert_eq!(app.get(&holder_path()).await.status(), StatusCode::OK);
    for accept in [
        "text/csv",
        "application/xml",
        "text/vcard, text/csv;q=0.5",
        "application/json;q=0",
    ] {
        let response = app.get_with(&holder_path(), "accept", accept).await;
        assert!(
            header(&response, "vary").to_lowercase().contains("accept"),
            "{accept}"
        );
        let problem = assert_problem(response, StatusCode::NOT_ACCEPTABLE, accept).await;
        assert_eq!(problem["type"], "/problems/not-acceptable");
        assert!(
            problem["detail"]
                .as_str()
                .unwrap()
                .contains("application/json"),
            "{problem}"
        );
    }
}

/// A `?format=` the path does not answer is 406, and the problem says that
/// `?format=` asked it, not the `Accept` the client did not send.
#[tokio::test]
async fn a_format_the_path_does_not_answer_is_406_naming_the_format() {
    let app = TestApp::spawn().await;
    for format in ["jsonld", "xml"] {
        let path = format!("/v1/assignments/nationella-stodprocessen/contacts?format={format}");
        let problem =
            assert_problem(app.get(&path).await, StatusCode::NOT_ACCEPTABLE, format).await;
        let detail = problem["detail"].as_str().unwrap();
        assert_eq!(
            detail,
            format!(
                "This path answers application/json or text/vcard; \
                 the request's ?format={format} admits none of it."
            )
        );
    }
}

#[tokio::test]
async fn a_write_that_accepts_no_json_is_406_and_writes_nothing() {
    let app = TestApp::spawn().await;
    let token = app.writer().await;
    let sources = app.count("sources").await;
    let response = app
        .request(reqwest::Method::POST, "/v1/sources", &token)
        .header("accept", "text/csv")
        .json(&json!({ "slug": "not-written", "title": "Refused", "published_on": "2026-11-29" }))
        .send()
        .await
        .unwrap();
    assert_problem(response, StatusCode::NOT_ACCEPTABLE, "a write").await;
    assert_eq!(app.count("sources").await, sources);
}
