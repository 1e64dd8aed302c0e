//! What the server logs: every line of a request carries its id; how it was
//! answered is logged at the level of whoever has to act; no secret and no
//! request body is logged.

use reqwest::Method;
use serde_json::{json, Value};

use crate::helpers::*;

/// The level of the line that says how the request was answered.
fn answered_at(lines: &[Value]) -> String {
    let answer = lines
        .iter()
        .find(|line| line["fields"]["status"].is_number())
        .unwrap_or_else(|| panic!("a line that says how it was answered: {lines:?}"));
    answer["level"].as_str().unwrap_or_default().to_owned()
}

#[tokio::test]
async fn answers_are_logged_at_the_level_of_whoever_has_to_act() {
    let app = TestApp::spawn().await;
    let token = app.writer().await;
    let marker = "a-body-value-that-must-not-be-logged";
    let cases: Vec<(&str, reqwest::Response, &str)> = vec![
        (
            "a read",
            app.get("/v1/agencies/jamstalldhetsmyndigheten").await,
            "DEBUG",
        ),
        (
            "an unknown agency (404)",
            app.get("/v1/agencies/no-such-agency").await,
            "INFO",
        ),
        (
            "a malformed parameter (400)",
            app.get("/v1/agencies?at=2018-02-30").await,
            "INFO",
        ),
        (
            "a write without a token (401)",
            app.client
                .post(format!("{}/v1/sources", app.address))
                .json(&json!({ "slug": marker }))
                .send()
                .await
                .unwrap(),
            "WARN",
        ),
        (
            "a refused body (400)",
            app.send(
                Method::POST,
                "/v1/sources",
                &token,
                &json!({ "slug": marker, "title": "" }),
            )
            .await,
            "INFO",
        ),
    ];
    for (what, response, level) in cases {
        let request_id = header(&response, "x-request-id");
        assert!(
            !request_id.is_empty(),
            "{what}: the answer names its request"
        );
        let status = response.status();
        let lines = logged(&request_id);
        assert_eq!(answered_at(&lines), level, "{what} ({status}): {lines:?}");
        assert!(
            lines.iter().all(|line| line["level"] != "ERROR"),
            "{what}: nothing of ours failed: {lines:?}"
        );
    }
    let logs = all_logs();
    assert!(!logs.contains(marker), "request bodies are not logged");
    assert!(!logs.contains(&token), "tokens are not logged");
    let secret = token.rsplit('_').next().expect("a secret");
    assert!(!logs.contains(secret), "token secrets are not logged");
    assert!(
        !logs.contains("Error encountered while processing"),
        "no client error is logged as a server's"
    );
}
