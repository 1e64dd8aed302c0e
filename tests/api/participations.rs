//! Participations: who takes part in a body such as the NMT, recorded and
//! ended.

use reqwest::{Method, StatusCode};
use serde_json::json;

use crate::helpers::*;

#[tokio::test]
async fn participations_are_recorded_and_ended() {
    let app = TestApp::spawn().await;
    let token = app.writer().await;
    let participation = app.created("/v1/participations", &token, json!({
        "body": "nmt", "agency": "skatteverket", "valid_from": "2027-01-01", "source": SOURCE
    })).await;
    assert_eq!(participation["role"], "member");
    let path = format!(
        "/v1/participations/{}",
        participation["id"].as_str().unwrap()
    );
    let etag = header(&app.get(&path).await, "etag");
    let response = app
        .request(Method::PATCH, &path, &token)
        .header("if-match", etag)
        .json(&json!({"valid_to": "2028-01-01"}))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(app.get_json(&path).await["valid_to"], "2028-01-01");
    let response = app
        .send(
            Method::POST,
            "/v1/participations",
            &token,
            &json!({
                "body": "nmt", "source": SOURCE
            }),
        )
        .await;
    assert_problem(
        response,
        StatusCode::BAD_REQUEST,
        "neither agency nor function",
    )
    .await;
}
