//! Conditional requests and safe retries on every resource: ETags and
//! If-None-Match on reads, If-Match on writes, Idempotency-Key on POSTs.

use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

use crate::helpers::*;

#[tokio::test]
async fn every_single_resource_get_has_an_etag_and_answers_if_none_match() {
    let app = TestApp::spawn().await;
    for path in [
        "/v1/agencies/jamstalldhetsmyndigheten",
        "/v1/assignments/nationella-stodprocessen",
        "/v1/assignments/nationella-stodprocessen/holder",
        "/v1/transfers/2018-01-01-lansstyrelsen-stockholm-till-jamstalldhetsmyndigheten",
        "/v1/sources/2018-01-08-nationella-uppdrag-flyttar",
        "/v1/contact-points/f79dd9da-0bf3-5bfe-b85d-e5783cd5d058",
    ] {
        let response = app.get(path).await;
        assert_eq!(response.status(), StatusCode::OK, "{path}");
        let etag = header(&response, "etag");
        assert!(etag.starts_with('"') && etag.len() > 10, "{path}: {etag}");
        let again = app
            .client
            .get(format!("{}{path}", app.address))
            .header("if-none-match", &etag)
            .send()
            .await
            .unwrap();
        assert_eq!(again.status(), StatusCode::NOT_MODIFIED, "{path}");
        assert_eq!(header(&again, "etag"), etag);
        assert!(again.bytes().await.unwrap().is_empty());
        let other = app
            .client
            .get(format!("{}{path}", app.address))
            .header("if-none-match", "\"other\"")
            .send()
            .await
            .unwrap();
        assert_eq!(other.status(), StatusCode::OK, "{path}");
    }
}

#[tokio::test]
async fn a_stale_if_match_is_412_and_writes_nothing() {
    let app = TestApp::spawn().await;
    let token = app.writer().await;
    let path = format!("/v1/agencies/{GENDER_EQUALITY_AGENCY}");
    let first = header(&app.get(&path).await, "etag");

    let response = app
        .request(Method::PATCH, &path, &token)
        .header("if-match", &first)
        .json(&json!({"seat": "Angered"}))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    let second = header(&response, "etag");
    assert_ne!(first, second, "the change changes the ETag");
    assert_eq!(
        header(&app.get(&path).await, "etag"),
        second,
        "the answer's ETag is the GET's"
    );

    let response = app
        .request(Method::PATCH, &path, &token)
        .header("if-match", &first)
        .json(&json!({"seat": "Stockholm"}))
        .send()
        .await
        .unwrap();
    let problem = assert_problem(response, StatusCode::PRECONDITION_FAILED, "stale If-Match").await;
    assert_eq!(problem["type"], "/problems/precondition-failed");
    assert_eq!(app.agency(GENDER_EQUALITY_AGENCY).await["seat"], "Angered");

    let response = app
        .request(Method::DELETE, &path, &token)
        .header("if-match", &first)
        .send()
        .await
        .unwrap();
    assert_problem(
        response,
        StatusCode::PRECONDITION_FAILED,
        "stale If-Match on DELETE",
    )
    .await;
}

#[tokio::test]
async fn a_retried_post_with_the_same_idempotency_key_creates_nothing_new() {
    let app = TestApp::spawn().await;
    let token = app.writer().await;
    let body = json!({
        "assignment": SUPPORT_PROCESS, "kind": "email", "value": "stodprocessen@jamy.se",
        "valid_from": "2027-01-01", "source": SOURCE
    });
    let post = |body: Value, key: &'static str| {
        app.request(Method::POST, "/v1/contact-points", &token)
            .header("idempotency-key", key)
            .json(&body)
            .send()
    };
    let first = post(body.clone(), "retry-1").await.unwrap();
    assert_eq!(first.status(), StatusCode::CREATED);
    let location = header(&first, "location");
    let first: Value = first.json().await.unwrap();
    let contacts = app.count("contact_points").await;

    let retry = post(body.clone(), "retry-1").await.unwrap();
    assert_eq!(retry.status(), StatusCode::CREATED);
    assert_eq!(header(&retry, "location"), location);
    assert_eq!(header(&retry, "idempotent-replayed"), "true");
    assert_eq!(
        retry.json::<Value>().await.unwrap(),
        first,
        "the first answer again"
    );
    assert_eq!(app.count("contact_points").await, contacts, "nothing new");

    let mut other = body.clone();
    other["value"] = json!("other@jamy.se");
    let reused = post(other, "retry-1").await.unwrap();
    let problem = assert_problem(
        reused,
        StatusCode::UNPROCESSABLE_ENTITY,
        "same key, other body",
    )
    .await;
    assert_eq!(problem["type"], "/problems/idempotency-key-reused");
    assert_eq!(app.count("contact_points").await, contacts);

    let fresh = post(body, "retry-2").await.unwrap();
    assert_eq!(
        fresh.status(),
        StatusCode::CREATED,
        "a new key is a new request"
    );
}

#[tokio::test]
async fn an_idempotency_key_is_remembered_for_24_hours() {
    let app = TestApp::spawn().await;
    let token = app.writer().await;
    let post = |value: &str| {
        app.request(Method::POST, "/v1/contact-points", &token)
            .header("idempotency-key", "daily")
            .json(&json!({
                "assignment": SUPPORT_PROCESS, "kind": "email", "value": value, "source": SOURCE
            }))
            .send()
    };
    assert_eq!(
        post("a@jamy.se").await.unwrap().status(),
        StatusCode::CREATED
    );
    // A day and an hour later, the key names a new request.
    sqlx::query("update idempotency_keys set created_at = now() - interval '25 hours'")
        .execute(&app.pool)
        .await
        .unwrap();
    let later = post("b@jamy.se").await.unwrap();
    assert_eq!(
        later.status(),
        StatusCode::CREATED,
        "an expired key is not replayed"
    );
    assert_ne!(header(&later, "idempotent-replayed"), "true");
    let answer: Value = later.json().await.unwrap();
    assert_eq!(answer["value"], "b@jamy.se");

    // Housekeeping forgets expired keys, and only those.
    sqlx::query("update idempotency_keys set created_at = now() - interval '25 hours'")
        .execute(&app.pool)
        .await
        .unwrap();
    assert_eq!(
        post("c@jamy.se").await.unwrap().status(),
        StatusCode::CREATED
    );
    let forgotten = registry::writes::idempotency::forget_expired_keys(&app.pool)
        .await
        .unwrap();
    assert_eq!(forgotten, 0, "the key was renewed by the last request");
    sqlx::query("update idempotency_keys set created_at = now() - interval '25 hours'")
        .execute(&app.pool)
        .await
        .unwrap();
    let forgotten = registry::writes::idempotency::forget_expired_keys(&app.pool)
        .await
        .unwrap();
    assert_eq!(forgotten, 1);
    assert_eq!(app.count("idempotency_keys").await, 0);
}

/// HEAD answers as GET does, with its headers and no body; reads may be
/// cached a minute (a past moment for ever), writes, refusals and health
/// checks not at all.
#[tokio::test]
async fn head_and_what_caches_may_keep() {
    let app = TestApp::spawn().await;
    let path = format!("/v1/assignments/{NATIONAL}/holder?at=2018-01-01");
    let got = app.get(&path).await;
    assert_eq!(got.status(), StatusCode::OK);
    assert_eq!(
        header(&got, "cache-control"),
        "public, max-age=60, stale-while-revalidate=300"
    );
    let etag = header(&got, "etag");
    let head = app
        .client
        .head(format!("{}{path}", app.address))
        .send()
        .await
        .unwrap();
    assert_eq!(head.status(), StatusCode::OK);
    assert_eq!(header(&head, "etag"), etag, "the ETag of the GET");
    assert!(header(&head, "content-type").starts_with("application/json"));
    assert_eq!(
        header(&head, "content-length"),
        header(&got, "content-length"),
        "the length of the GET's body"
    );
    assert_ne!(header(&got, "content-length"), "0");
    assert!(head.bytes().await.unwrap().is_empty(), "no body");
    let unchanged = app
        .client
        .head(format!("{}{path}", app.address))
        .header("if-none-match", &etag)
        .send()
        .await
        .unwrap();
    assert_eq!(unchanged.status(), StatusCode::NOT_MODIFIED);

    let then = app
        .get(&format!(
            "/v1/assignments/{NATIONAL}/holder?at=2018-01-01&known_at=2018-01-09T00:00:00Z"
        ))
        .await;
    assert_eq!(
        header(&then, "cache-control"),
        "public, max-age=31536000, immutable"
    );
    let missing = app.get("/v1/assignments/no-such-assignment").await;
    assert_eq!(missing.status(), StatusCode::NOT_FOUND);
    assert_eq!(header(&missing, "cache-control"), "no-store");
    assert_eq!(
        header(&app.get("/health/live").await, "cache-control"),
        "no-store"
    );
    let token = app.writer().await;
    let written = app
        .send(
            Method::POST,
            "/v1/sources",
            &token,
            &json!({"slug": "a-source-to-cite", "title": "A source", "published_on": "2026-11-29"}),
        )
        .await;
    assert_eq!(written.status(), StatusCode::CREATED);
    assert_eq!(header(&written, "cache-control"), "no-store");
}
