//! The database out of reach: requests fail fast with 503 and `Retry-After`
//! instead of waiting for a connection, `/health/live` stays up, nothing is
//! half-written, and service resumes by itself when the database is back.

use std::time::{Duration, Instant};

use registry::embedded_postgres::{EmbeddedPostgres, OnExit, OWNER};
use registry::settings::Settings;
use registry::startup::Application;
use reqwest::StatusCode;
use serde_json::json;

use crate::helpers::*;

/// Polls `url` until it answers `status`, for at most `limit`.
async fn until(
    client: &reqwest::Client,
    url: &str,
    status: StatusCode,
    limit: Duration,
) -> Duration {
    let start = Instant::now();
    loop {
        let answer = client.get(url).send().await.expect("the API answers");
        if answer.status() == status {
            return start.elapsed();
        }
        assert!(
            start.elapsed() < limit,
            "{url} did not answer {status} within {limit:?}"
        );
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

#[tokio::test]
async fn with_the_database_down_requests_fail_fast_and_service_resumes_when_it_is_back() {
    // A cluster of its own, so that the other tests keep theirs.
    let folder = std::env::temp_dir().join(format!("registry-outage-{}", uuid::Uuid::new_v4()));
    let postgres = EmbeddedPostgres::start(&folder, OnExit::Remove).expect("a cluster starts");
    registry::db::ensure_database(&postgres.admin_url("postgres"), "registry", OWNER)
        .await
        .unwrap();
    let pool = registry::db::connect(&postgres.url("registry"), 5)
        .await
        .unwrap();
    registry::startup::prepare_database(&pool, true, false)
        .await
        .unwrap();
    let new = registry::auth::NewToken {
        name: "outage",
        scopes: &[registry::auth::Scope::Admin],
        agencies: &[],
        expires_in: None,
    };
    let token = registry::auth::mint(&pool, &new).await.unwrap().token;
    let settings = Settings {
        port: 0,
        ..Settings::from_lookup(|_| None).expect("default settings")
    };
    let application = Application::build(&settings, pool.clone()).unwrap();
    let address = format!("http://127.0.0.1:{}", application.port());
    tokio::spawn(application.run_until_stopped(std::future::pending()));
    let client = reqwest::Client::new();
    let url = |path: &str| format!("{address}{path}");
    assert_eq!(
        client
            .get(url("/health/ready"))
            .send()
            .await
            .unwrap()
            .status(),
        StatusCode::OK
    );

    postgres.pause().expect("PostgreSQL stops");
    let detected = until(
        &client,
        &url("/v1/agencies"),
        StatusCode::SERVICE_UNAVAILABLE,
        Duration::from_secs(15),
    )
    .await;
    eprintln!("outage detected after {detected:?}");

    // From now on every request that needs the database is refused at once.
    let write = json!({ "slug": "written-in-the-outage", "title": "Nothing", "published_on": "2026-11-28" });
    let mut timings = Vec::new();
    for round in 0..10 {
        for path in [
            "/v1/agencies",
            "/v1/assignments/nationella-stodprocessen/holder",
            "/health/ready",
            "/v1/sources",
        ] {
            let start = Instant::now();
            let answer = if path == "/v1/sources" {
                client
                    .post(url(path))
                    .bearer_auth(&token)
                    .json(&write)
                    .send()
                    .await
                    .unwrap()
            } else {
                client.get(url(path)).send().await.unwrap()
            };
            timings.push(start.elapsed());
            assert_eq!(header(&answer, "retry-after"), "1", "{path}");
            let problem = assert_problem(answer, StatusCode::SERVICE_UNAVAILABLE, path).await;
            assert_eq!(
                problem["type"], "/problems/unavailable",
                "round {round}: {path}"
            );
        }
        let live = client.get(url("/health/live")).send().await.unwrap();
        assert_eq!(
            live.status(),
            StatusCode::OK,
            "liveness does not need the database"
        );
    }
    timings.sort();
    let median = timings[timings.len() / 2];
    let slowest = timings[timings.len() - 1];
    eprintln!("503 during the outage: median {median:?}, slowest {slowest:?}");
    assert!(median < Duration::from_millis(100), "median {median:?}");
    assert!(
        slowest < Duration::from_secs(1),
        "slowest {slowest:?}: no request waits for a connection"
    );

    postgres.resume().expect("PostgreSQL starts again");
    let resumed = until(
        &client,
        &url("/v1/agencies"),
        StatusCode::OK,
        Duration::from_secs(15),
    )
    .await;
    eprintln!("service resumed {resumed:?} after PostgreSQL was back");
    assert_eq!(
        client
            .get(url("/health/ready"))
            .send()
            .await
            .unwrap()
            .status(),
        StatusCode::OK
    );
    let refused = client
        .get(url("/v1/sources/written-in-the-outage"))
        .send()
        .await
        .unwrap();
    assert_eq!(
        refused.status(),
        StatusCode::NOT_FOUND,
        "the refused write left nothing"
    );

    pool.close().await;
    postgres.stop();
}

#[tokio::test]
async fn a_read_as_known_at_a_moment_that_runs_past_its_time_limit_is_a_503_and_the_api_goes_on() {
    let app = TestApp::spawn().await;
    // A rival transaction holds the history of agencies, so that a read
    // as known at a moment waits past its limit.
    let mut rival = app.pool.begin().await.unwrap();
    sqlx::query("lock table history.agencies in access exclusive mode")
        .execute(&mut *rival)
        .await
        .unwrap();
    let started = Instant::now();
    let path = format!("/v1/agencies/{GENDER_EQUALITY_AGENCY}?known_at=2018-01-09T12:00:00Z");
    let response = app.get(&path).await;
    let waited = started.elapsed();
    assert_eq!(header(&response, "retry-after"), "1");
    let problem = assert_problem(response, StatusCode::SERVICE_UNAVAILABLE, "too slow").await;
    assert_eq!(problem["type"], "/problems/too-slow");
    assert!(
        waited >= Duration::from_secs(4) && waited < Duration::from_secs(20),
        "cancelled at its limit, after {waited:?}"
    );
    // An export as known then fails the same way, before its status is sent.
    let export = app
        .get("/v1/exports/agencies?known_at=2018-01-09T12:00:00Z")
        .await;
    let problem = assert_problem(export, StatusCode::SERVICE_UNAVAILABLE, "export").await;
    assert_eq!(problem["type"], "/problems/too-slow");
    rival.rollback().await.unwrap();
    // Not a sign that the database is down: the next reads are answered.
    assert_eq!(app.get(&path).await.status(), StatusCode::OK);
    assert_eq!(
        app.get(&format!("/v1/agencies/{GENDER_EQUALITY_AGENCY}"))
            .await
            .status(),
        StatusCode::OK
    );
}
