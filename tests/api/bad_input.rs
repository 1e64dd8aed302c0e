//! Bad write input: each a 4xx problem naming the field, none a 500, none
//! a partial write.

use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

use crate::helpers::{assert_problem, TestApp, SOURCE};

fn agency(changes: &[(&str, Value)]) -> Value {
    let mut body = json!({
        "slug": "myndigheten-for-delaktighet",
        "kind": "government_agency",
        "name": {"sv": "Myndigheten för delaktighet", "en": "Swedish Agency for Participation"},
        "started_on": "2014-05",
        "source": SOURCE
    });
    for (field, value) in changes {
        if value.is_null() {
            body.as_object_mut().unwrap().remove(*field);
        } else {
            body[*field] = value.clone();
        }
    }
    body
}

#[tokio::test]
async fn bad_bodies_are_refused_with_the_field_named() {
    let app = TestApp::spawn().await;
    let token = app.writer().await;
    let before = (app.count("agencies").await, app.count("changes").await);

    // (what, path, body, status, the field the problem names)
    let cases: Vec<(&str, &str, Value, StatusCode, &str)> = vec![
        (
            "unknown field",
            "/v1/agencies",
            agency(&[("colour", json!("blue"))]),
            StatusCode::BAD_REQUEST,
            "colour",
        ),
        (
            "wrong type",
            "/v1/agencies",
            agency(&[("seat", json!(42))]),
            StatusCode::BAD_REQUEST,
            "seat",
        ),
        (
            "nested wrong type",
            "/v1/agencies",
            agency(&[("name", json!({"sv": 1}))]),
            StatusCode::BAD_REQUEST,
            "name.sv",
        ),
        (
            "empty name",
            "/v1/agencies",
            agency(&[("name", json!({"sv": "  "}))]),
            StatusCode::BAD_REQUEST,
            "name.sv",
        ),
        (
            "missing field",
            "/v1/agencies",
            agency(&[("kind", Value::Null)]),
            StatusCode::BAD_REQUEST,
            "kind",
        ),
        (
            "unknown kind",
            "/v1/agencies",
            agency(&[("kind", json!("department"))]),
            StatusCode::BAD_REQUEST,
            "kind",
        ),
        (
            "no such day",
            "/v1/agencies",
            agency(&[("started_on", json!("2018-02-30"))]),
            StatusCode::BAD_REQUEST,
            "started_on",
        ),
        (
            "not a date",
            "/v1/agencies",
            agency(&[("started_on", json!("last year"))]),
            StatusCode::BAD_REQUEST,
            "started_on",
        ),
        (
            "a year the registry does not record",
            "/v1/agencies",
            agency(&[("started_on", json!("0999"))]),
            StatusCode::BAD_REQUEST,
            "started_on",
        ),
        (
            "end before start",
            "/v1/agencies",
            agency(&[("ended_on", json!("2013"))]),
            StatusCode::BAD_REQUEST,
            "ended_on",
        ),
        (
            "end on the start",
            "/v1/agencies",
            agency(&[
                ("started_on", json!("2014-05-01")),
                ("ended_on", json!("2014-05-01")),
            ]),
            StatusCode::BAD_REQUEST,
            "ended_on",
        ),
        (
            "bad slug",
            "/v1/agencies",
            agency(&[("slug", json!("Not A Slug"))]),
            StatusCode::BAD_REQUEST,
            "slug",
        ),
        (
            "unknown source",
            "/v1/agencies",
            agency(&[("source", json!("no-such-source"))]),
            StatusCode::BAD_REQUEST,
            "source",
        ),
        (
            "county board without county",
            "/v1/agencies",
            agency(&[("kind", json!("county_administrative_board"))]),
            StatusCode::BAD_REQUEST,
            "county_code",
        ),
        (
            "unknown county",
            "/v1/agencies",
            agency(&[
                ("kind", json!("county_administrative_board")),
                ("county_code", json!("99")),
            ]),
            StatusCode::BAD_REQUEST,
            "county_code",
        ),
        (
            "bad organisation number",
            "/v1/agencies",
            agency(&[("organisation_number", json!("12345"))]),
            StatusCode::BAD_REQUEST,
            "organisation_number",
        ),
        (
            "slug taken",
            "/v1/agencies",
            agency(&[("slug", json!("jamstalldhetsmyndigheten"))]),
            StatusCode::CONFLICT,
            "",
        ),
        (
            "transfer date 2018-02-30",
            "/v1/transfers",
            json!({
                "slug": "x", "from": "jamstalldhetsmyndigheten", "to": "lansstyrelsen-skane",
                "effective_on": "2018-02-30", "assignments": ["nationella-stodprocessen"], "source": SOURCE
            }),
            StatusCode::BAD_REQUEST,
            "effective_on",
        ),
        (
            "transfer in the year 0",
            "/v1/transfers",
            json!({
                "slug": "x", "from": "jamstalldhetsmyndigheten", "to": "lansstyrelsen-skane",
                "effective_on": "0000-06-01", "assignments": ["nationella-stodprocessen"], "source": SOURCE
            }),
            StatusCode::BAD_REQUEST,
            "effective_on",
        ),
        (
            "transfer with no assignments",
            "/v1/transfers",
            json!({
                "slug": "x", "from": "jamstalldhetsmyndigheten", "to": "lansstyrelsen-skane",
                "effective_on": "2027-01-01", "assignments": [], "source": SOURCE
            }),
            StatusCode::BAD_REQUEST,
            "assignments",
        ),
        (
            "transfer of an unknown assignment",
            "/v1/transfers",
            json!({
                "slug": "x", "from": "jamstalldhetsmyndigheten", "to": "lansstyrelsen-skane",
                "effective_on": "2027-01-01", "assignments": ["nationella-stodprocessen", "nope"], "source": SOURCE
            }),
            StatusCode::BAD_REQUEST,
            "assignments[1]",
        ),
        (
            "transfer to itself",
            "/v1/transfers",
            json!({
                "slug": "x", "from": "jamstalldhetsmyndigheten", "to": "jamstalldhetsmyndigheten",
                "effective_on": "2027-01-01", "assignments": ["nationella-stodprocessen"], "source": SOURCE
            }),
            StatusCode::BAD_REQUEST,
            "to",
        ),
        (
            "contact point with two owners",
            "/v1/contact-points",
            json!({
                "agency": "skatteverket", "assignment": "nationella-stodprocessen", "kind": "email",
                "value": "a@b.se", "source": SOURCE
            }),
            StatusCode::BAD_REQUEST,
            "agency",
        ),
        (
            "a telephone number that is not one",
            "/v1/contact-points",
            json!({
                "agency": "skatteverket", "kind": "phone", "value": "hello", "source": SOURCE
            }),
            StatusCode::BAD_REQUEST,
            "value",
        ),
        (
            "an e-mail address without a domain",
            "/v1/contact-points",
            json!({
                "agency": "skatteverket", "kind": "email", "value": "registrator", "source": SOURCE
            }),
            StatusCode::BAD_REQUEST,
            "value",
        ),
        (
            "a website that is a script",
            "/v1/contact-points",
            json!({
                "agency": "skatteverket", "kind": "website", "value": "javascript:alert(1)",
                "source": SOURCE
            }),
            StatusCode::BAD_REQUEST,
            "value",
        ),
        (
            "a source whose page is a script",
            "/v1/sources",
            json!({
                "slug": "2026-12-04-x", "title": "X", "published_on": "2026-12-04",
                "url": "javascript:alert(1)"
            }),
            StatusCode::BAD_REQUEST,
            "url",
        ),
        (
            "holding ending before it starts",
            "/v1/holdings",
            json!({
                "assignment": "nationella-stodprocessen", "agency": "skatteverket",
                "valid_from": "2030", "valid_to": "2029", "source": SOURCE
            }),
            StatusCode::BAD_REQUEST,
            "valid_to",
        ),
        (
            "a body that is not an object",
            "/v1/agencies",
            json!([1, 2]),
            StatusCode::BAD_REQUEST,
            "body",
        ),
    ];
    for (what, path, body, status, field) in cases {
        let response = app.send(Method::POST, path, &token, &body).await;
        let problem = assert_problem(response, status, what).await;
        if !field.is_empty() {
            assert_eq!(
                problem["invalid_params"][0]["name"], field,
                "{what}: {problem}"
            );
            assert!(
                problem["detail"].as_str().unwrap().contains(field),
                "{what}: {problem}"
            );
        }
    }
    let after = (app.count("agencies").await, app.count("changes").await);
    assert_eq!(before, after, "no refused write wrote anything");
}

#[tokio::test]
async fn bodies_that_are_not_json_or_too_large_are_refused() {
    let app = TestApp::spawn().await;
    let token = app.writer().await;
    let changes = app.count("changes").await;
    let url = format!("{}/v1/agencies", app.address);
    let send = |content_type: &'static str, body: Vec<u8>| {
        app.client
            .post(&url)
            .bearer_auth(&token)
            .header("content-type", content_type)
            .body(body)
            .send()
    };
    let problem = assert_problem(
        send("application/json", b"{\"slug\": ".to_vec())
            .await
            .unwrap(),
        StatusCode::BAD_REQUEST,
        "truncated JSON",
    )
    .await;
    assert_eq!(problem["type"], "/problems/invalid-body");
    assert_problem(
        send("application/json", b"{} {}".to_vec()).await.unwrap(),
        StatusCode::BAD_REQUEST,
        "trailing JSON",
    )
    .await;
    assert_problem(
        send("application/json", Vec::new()).await.unwrap(),
        StatusCode::BAD_REQUEST,
        "empty body",
    )
    .await;
    assert_problem(
        send("application/json", vec![0xff, 0xfe]).await.unwrap(),
        StatusCode::BAD_REQUEST,
        "not UTF-8",
    )
    .await;
    let problem = assert_problem(
        send(
            "application/json",
            br#"{"slug": "one", "slug": "two"}"#.to_vec(),
        )
        .await
        .unwrap(),
        StatusCode::BAD_REQUEST,
        "a field given twice",
    )
    .await;
    assert_eq!(problem["invalid_params"][0]["name"], "slug", "{problem}");
    let problem = assert_problem(
        send("text/plain", b"{}".to_vec()).await.unwrap(),
        StatusCode::UNSUPPORTED_MEDIA_TYPE,
        "text",
    )
    .await;
    assert_eq!(problem["type"], "/problems/unsupported-media-type");
    let mut large = br#"{"slug": "x", "note": ""#.to_vec();
    large.extend(std::iter::repeat_n(b'a', 70 * 1024));
    large.extend(br#""}"#);
    let problem = assert_problem(
        send("application/json", large).await.unwrap(),
        StatusCode::PAYLOAD_TOO_LARGE,
        "70 KiB",
    )
    .await;
    assert_eq!(problem["type"], "/problems/body-too-large");
    assert_eq!(app.count("changes").await, changes, "nothing was written");
}

#[tokio::test]
async fn bad_path_ids_and_headers_are_refused() {
    let app = TestApp::spawn().await;
    let token = app.writer().await;
    let empty = json!({});
    let response = app
        .send(Method::PATCH, "/v1/agencies/no-such-agency", &token, &empty)
        .await;
    assert_problem(response, StatusCode::NOT_FOUND, "unknown agency").await;
    let response = app
        .send(Method::PATCH, "/v1/holdings/NOT%20AN%20ID", &token, &empty)
        .await;
    assert_problem(response, StatusCode::BAD_REQUEST, "malformed id").await;
    let response = app
        .request(Method::POST, "/v1/agencies", &token)
        .header("idempotency-key", "")
        .json(&agency(&[]))
        .send()
        .await
        .unwrap();
    let problem = assert_problem(response, StatusCode::BAD_REQUEST, "empty Idempotency-Key").await;
    assert_eq!(problem["invalid_params"][0]["name"], "Idempotency-Key");
}
