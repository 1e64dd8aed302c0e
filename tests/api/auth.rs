//! Who may write: a bearer token with the write scope. Reads stay public.

use registry::auth::Scope;
use reqwest::{Method, StatusCode};
use serde_json::json;

use crate::helpers::{assert_problem, header, TestApp, SOURCE};

fn new_agency() -> serde_json::Value {
    json!({
        "slug": "myndigheten-for-delaktighet",
        "kind": "government_agency",
        "name": {"sv": "Myndigheten för delaktighet"},
        "source": SOURCE
    })
}

#[tokio::test]
async fn writes_without_a_valid_token_are_401_and_change_nothing() {
    let app = TestApp::spawn().await;
    let revoked = app.writer().await;
    let revoked_id = revoked.split('_').nth(1).unwrap();
    let revoked_id = uuid::Uuid::try_parse(revoked_id).unwrap();
    assert!(registry::auth::revoke(&app.pool, revoked_id).await.unwrap());
    let genuine = app.writer().await;
    // The genuine token with its last character changed (to another one).
    let (kept, last) = genuine.split_at(genuine.len() - 1);
    let wrong_secret = format!("{kept}{}", if last == "0" { "1" } else { "0" });
    let changes = app.count("changes").await;

    let cases: Vec<(&str, Option<String>)> = vec![
        ("no Authorization header", None),
        ("another scheme", Some("Basic dXNlcjpwYXNz".to_owned())),
        ("not our token format", Some("Bearer hello".to_owned())),
        ("a wrong secret", Some(format!("Bearer {wrong_secret}"))),
        ("a revoked token", Some(format!("Bearer {revoked}"))),
        (
            "an unknown id",
            Some(format!(
                "Bearer reg_{}_{}",
                uuid::Uuid::nil().simple(),
                "ab".repeat(32)
            )),
        ),
    ];
    for (what, authorization) in cases {
        let mut request = app
            .client
            .post(format!("{}/v1/agencies", app.address))
            .json(&new_agency());
        if let Some(value) = authorization {
            request = request.header("authorization", value);
        }
        let response = request.send().await.unwrap();
        assert!(
            header(&response, "www-authenticate").starts_with("Bearer"),
            "{what}"
        );
        let problem = assert_problem(response, StatusCode::UNAUTHORIZED, what).await;
        assert_eq!(problem["type"], "/problems/unauthorized", "{what}");
    }
    assert_eq!(app.count("changes").await, changes, "nothing was written");
    app.get_problem(
        "/v1/agencies/myndigheten-for-delaktighet",
        StatusCode::NOT_FOUND,
    )
    .await;
}

#[tokio::test]
async fn a_token_without_the_write_scope_is_403() {
    let app = TestApp::spawn().await;
    let reader = app.token(&[Scope::Read]).await;
    let response = app
        .send(Method::POST, "/v1/agencies", &reader, &new_agency())
        .await;
    assert!(header(&response, "www-authenticate").contains("insufficient_scope"));
    let problem = assert_problem(response, StatusCode::FORBIDDEN, "read-only token").await;
    assert_eq!(problem["type"], "/problems/forbidden");
    app.get_problem(
        "/v1/agencies/myndigheten-for-delaktighet",
        StatusCode::NOT_FOUND,
    )
    .await;
}

#[tokio::test]
async fn tokens_are_stored_only_as_hashes_and_every_write_names_its_token() {
    let app = TestApp::spawn().await;
    let new = registry::auth::NewToken {
        name: "case officer",
        scopes: &[Scope::Admin],
        agencies: &[],
        expires_in: None,
    };
    let minted = registry::auth::mint(&app.pool, &new).await.unwrap();
    let stored: Vec<u8> = sqlx::query_scalar("select secret_sha256 from api_tokens where id = $1")
        .bind(minted.id)
        .fetch_one(&app.pool)
        .await
        .unwrap();
    let secret = minted.token.rsplit('_').next().unwrap();
    use sha2::Digest;
    assert_eq!(
        stored,
        sha2::Sha256::digest(secret.as_bytes()).to_vec(),
        "the hash, not the secret"
    );
    let plain: i64 = sqlx::query_scalar("select count(*) from api_tokens where position(convert_to($1, 'UTF8') in secret_sha256) > 0")
        .bind(secret)
        .fetch_one(&app.pool)
        .await
        .unwrap();
    assert_eq!(plain, 0, "the secret is nowhere in the table");

    let agency = app
        .created("/v1/agencies", &minted.token, new_agency())
        .await;
    let writers: Vec<Option<uuid::Uuid>> =
        sqlx::query_scalar("select distinct token_id from changes where entity_id = $1")
            .bind(uuid::Uuid::try_parse(agency["id"].as_str().unwrap()).unwrap())
            .fetch_all(&app.pool)
            .await
            .unwrap();
    assert_eq!(writers, vec![Some(minted.id)]);
}

#[tokio::test]
async fn reads_need_no_token() {
    let app = TestApp::spawn().await;
    app.get_json("/v1/agencies/jamstalldhetsmyndigheten").await;
    app.get_json("/v1/changes").await;
}

#[tokio::test]
async fn failed_authentications_are_limited_per_address() {
    let app = TestApp::spawn().await;
    let genuine = app.writer().await;
    let unknown = format!("reg_{}_{}", uuid::Uuid::nil().simple(), "ab".repeat(32));
    let changes = app.count("changes").await;
    let post = |token: String| {
        app.client
            .post(format!("{}/v1/agencies", app.address))
            .bearer_auth(token)
            .json(&new_agency())
            .send()
    };
    for attempt in 0..10 {
        let response = post(unknown.clone()).await.unwrap();
        assert_eq!(
            response.status(),
            StatusCode::UNAUTHORIZED,
            "failure {attempt}"
        );
    }
    let response = post(unknown.clone()).await.unwrap();
    let wait: u64 = header(&response, "retry-after")
        .parse()
        .expect("Retry-After in seconds");
    assert!((1..=60).contains(&wait), "Retry-After: {wait}");
    let problem = assert_problem(
        response,
        StatusCode::TOO_MANY_REQUESTS,
        "one failure too many",
    )
    .await;
    assert_eq!(problem["type"], "/problems/too-many-requests");
    // Until it may try again, the address's tokens are not even checked.
    let response = post(genuine).await.unwrap();
    assert_eq!(
        response.status(),
        StatusCode::TOO_MANY_REQUESTS,
        "a genuine token waits too"
    );
    let without = app
        .client
        .post(format!("{}/v1/agencies", app.address))
        .json(&new_agency())
        .send()
        .await
        .unwrap();
    assert_eq!(
        without.status(),
        StatusCode::UNAUTHORIZED,
        "no token is 401 all the same"
    );
    assert_eq!(app.count("changes").await, changes, "nothing was written");
}
