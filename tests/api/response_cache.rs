//! The response cache: reads answered from memory are never older than the
//! last write the instance can know of, never the answer to another
//! question, and a write through one instance reaches the others.

use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

use crate::helpers::*;

/// Another API process on the same database, without loading anything.
struct OtherProcess {
    child: Child,
    address: String,
}

impl OtherProcess {
    async fn start(app: &TestApp) -> OtherProcess {
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .and_then(|listener| listener.local_addr())
            .expect("a free port")
            .port();
        let child = Command::new(env!("CARGO_BIN_EXE_registry"))
            .env("DATABASE_URL", app.database_url())
            .env("PORT", port.to_string())
            .env("LOAD_EXAMPLE_DATA", "false")
            .env("LOAD_NATIONAL_DATA", "false")
            .env("RUST_LOG", "warn")
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("the second API process starts");
        let other = OtherProcess {
            child,
            address: format!("http://127.0.0.1:{port}"),
        };
        let start = Instant::now();
        while readiness(app, &other.address).await.is_none() {
            assert!(
                start.elapsed() < Duration::from_secs(60),
                "the second API process is not ready"
            );
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        other
    }
}

impl Drop for OtherProcess {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// `/health/ready` of the API at `address`, once it answers 200.
async fn readiness(app: &TestApp, address: &str) -> Option<Value> {
    let response = app
        .client
        .get(format!("{address}/health/ready"))
        .send()
        .await
        .ok()?;
    (response.status() == StatusCode::OK).then_some(response.json().await.ok()?)
}

/// Waits (at most 5 s) until `/health/ready` says the instance's changes
/// are `state`.
async fn until_changes_are(app: &TestApp, state: &str) {
    let start = Instant::now();
    while readiness(app, &app.address).await.unwrap()["changes"] != state {
        assert!(
            start.elapsed() < Duration::from_secs(5),
            "the instance's changes are not {state} within 5 s"
        );
        tokio::time::sleep(Duration::from_millis(1)).await;
    }
}

/// `GET path` of the instance at `address`, published with the others at
/// one address (as a load balancer in front of them names it): their tags
/// of one answer are alike only there.
async fn get(app: &TestApp, address: &str, path: &str) -> (String, Value) {
    let response = app
        .client
        .get(format!("{address}{path}"))
        .header("x-forwarded-host", "registry.example.se")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK, "{path}");
    (header(&response, "etag"), response.json().await.unwrap())
}

async fn patch_seat(app: &TestApp, token: &str, seat: &str) {
    let response = app
        .send(
            Method::PATCH,
            &format!("/v1/agencies/{GENDER_EQUALITY_AGENCY}"),
            token,
            &json!({ "seat": seat }),
        )
        .await;
    assert_eq!(response.status(), StatusCode::OK);
}

#[tokio::test]
async fn a_read_after_a_write_on_the_same_instance_sees_the_write() {
    let app = TestApp::spawn().await;
    let token = app.writer().await;
    let agency = format!("/v1/agencies/{GENDER_EQUALITY_AGENCY}");
    let contacts = format!("/v1/assignments/{SUPPORT_PROCESS}/contacts?at=2027-06-01");
    let (first, _) = get(&app, &app.address, &agency).await;
    let (again, _) = get(&app, &app.address, &agency).await;
    assert_eq!(first, again, "nothing changed in between");
    let before = app.get_json(&contacts).await;

    patch_seat(&app, &token, "Angered").await;
    let (after, body) = get(&app, &app.address, &agency).await;
    assert_eq!(body["seat"], "Angered");
    assert_ne!(after, first);

    app.created(
        "/v1/contact-points",
        &token,
        json!({
            "assignment": SUPPORT_PROCESS, "kind": "email", "value": "stodprocessen@jamy.se",
            "valid_from": "2027-01-01", "source": SOURCE
        }),
    )
    .await;
    let values = contact_values(app.get_json(&contacts).await, Some("email"));
    assert!(
        values.contains(&"stodprocessen@jamy.se".to_owned()),
        "{values:?}"
    );
    assert!(!contact_values(before, Some("email")).contains(&"stodprocessen@jamy.se".to_owned()));
}

#[tokio::test]
async fn a_write_through_one_process_is_read_through_another() {
    let app = TestApp::spawn().await;
    let token = app.writer().await;
    let other = OtherProcess::start(&app).await;
    let agency = format!("/v1/agencies/{GENDER_EQUALITY_AGENCY}");
    let (kept, before) = get(&app, &other.address, &agency).await;
    assert_eq!(get(&app, &other.address, &agency).await.0, kept);

    patch_seat(&app, &token, "Angered").await;
    let written = Instant::now();
    loop {
        let (tag, body) = get(&app, &other.address, &agency).await;
        if body["seat"] == "Angered" {
            println!("seen by the other process after {:?}", written.elapsed());
            // An answer read just as the commit lands may be newer than the
            // version it is tagged with; once the other process has the
            // version, both tag the same answer alike.
            let mine = get(&app, &app.address, &agency).await.0;
            let mut theirs = tag;
            while theirs != mine {
                assert!(
                    written.elapsed() < Duration::from_secs(2),
                    "the other process tags {theirs}, this one {mine}"
                );
                tokio::time::sleep(Duration::from_millis(2)).await;
                theirs = get(&app, &other.address, &agency).await.0;
            }
            break;
        }
        assert_eq!(body, before, "an answer is the one before or after");
        assert!(
            written.elapsed() < Duration::from_secs(1),
            "the other process still answers what it kept before the write"
        );
        tokio::time::sleep(Duration::from_millis(2)).await;
    }
}

#[tokio::test]
async fn an_instance_that_stops_hearing_of_commits_reads_the_database() {
    let app = TestApp::spawn().await;
    let agency = format!("/v1/agencies/{GENDER_EQUALITY_AGENCY}");
    until_changes_are(&app, "following").await;
    let (_, before) = get(&app, &app.address, &agency).await;

    let ended: Vec<bool> = sqlx::query_scalar(
        "select pg_terminate_backend(pid) from pg_stat_activity
         where datname = current_database() and query ilike 'listen%'",
    )
    .fetch_all(&app.pool)
    .await
    .unwrap();
    assert_eq!(ended, [true], "one instance listens");
    until_changes_are(&app, "interrupted").await;

    // A commit it cannot hear of: written straight into the database.
    sqlx::query("update agencies set seat = 'Angered' where slug = $1")
        .bind(GENDER_EQUALITY_AGENCY)
        .execute(&app.pool)
        .await
        .unwrap();
    let (_, after) = get(&app, &app.address, &agency).await;
    assert_ne!(before["seat"], "Angered");
    assert_eq!(after["seat"], "Angered", "not the answer kept before");

    until_changes_are(&app, "following").await;
    assert_eq!(get(&app, &app.address, &agency).await.1["seat"], "Angered");
}

#[tokio::test]
async fn a_kept_answer_is_never_given_to_another_question() {
    let app = TestApp::spawn().await;
    for _ in 0..2 {
        assert_eq!(
            app.holder_slug(NATIONAL, "2017-12-31").await,
            STOCKHOLM_BOARD
        );
        assert_eq!(
            app.holder_slug(NATIONAL, "2018-01-01").await,
            GENDER_EQUALITY_AGENCY
        );
    }
    let holder = format!("/v1/assignments/{NATIONAL}/holder?at=2018-06-01");
    let known = |moment: &str| format!("{holder}&known_at={moment}");
    for _ in 0..2 {
        app.get_problem(&known("2018-01-07T12:00:00Z"), StatusCode::NOT_FOUND)
            .await;
        assert_eq!(
            app.get_json(&known("2018-01-08T12:00:00Z")).await["agency"]["slug"],
            GENDER_EQUALITY_AGENCY
        );
    }
    let one = app.all_pages("/v1/agencies?at=2018-01-01", 1).await;
    let two = app.all_pages("/v1/agencies?at=2018-01-01", 2).await;
    assert_eq!(one, two, "pages of one and of two, as many agencies");
    assert_eq!(
        app.get_json("/v1/agencies?at=2018-01-01&limit=1").await["items"]
            .as_array()
            .unwrap()
            .len(),
        1
    );

    let app = &app;
    let tag = |path: &'static str| async move { header(&app.get(path).await, "etag") };
    assert_eq!(
        tag("/v1/agencies?limit=2&at=2018-01-01").await,
        tag("/v1/agencies?at=2018-01-01&limit=%32").await,
        "one question, asked in another order or encoding"
    );
    assert_ne!(
        tag("/v1/agencies?limit=2&at=2018-01-01").await,
        tag("/v1/agencies?limit=3&at=2018-01-01").await
    );
}

#[tokio::test]
async fn reads_during_transfers_see_all_of_a_transfer_or_none() {
    let app = TestApp::spawn().await;
    let token = app.writer().await;
    let transfer = format!("/v1/transfers/{TRANSFER}");
    let moved: Vec<&str> = std::iter::once(NATIONAL).chain(PARTS).collect();
    let deadline = Instant::now() + Duration::from_secs(3);
    let writer = {
        let (client, address, token, transfer) = (
            app.client.clone(),
            app.address.clone(),
            token.clone(),
            transfer.clone(),
        );
        tokio::spawn(async move {
            let mut corrections = 0;
            while Instant::now() < deadline {
                let day = ["2018-01-02", "2018-01-01"][corrections % 2];
                let response = client
                    .patch(format!("{address}{transfer}"))
                    .bearer_auth(&token)
                    .json(&json!({ "effective_on": day }))
                    .send()
                    .await
                    .unwrap();
                assert_eq!(response.status(), StatusCode::OK);
                corrections += 1;
            }
            corrections
        })
    };
    let mut seen = [0, 0];
    while Instant::now() < deadline {
        let held = app
            .get_json(&format!(
                "/v1/agencies/{GENDER_EQUALITY_AGENCY}/assignments?at=2018-01-01&limit=100"
            ))
            .await;
        let slugs = slugs(&held["items"], "/assignment/slug");
        let count = moved
            .iter()
            .filter(|slug| slugs.contains(&slug.to_string()))
            .count();
        assert!(
            count == 0 || count == moved.len(),
            "half a transfer: {slugs:?}"
        );
        seen[usize::from(count > 0)] += 1;
    }
    let corrections = writer.await.unwrap();
    assert!(
        corrections > 2,
        "the transfer was corrected {corrections} times"
    );
    assert!(
        seen[0] > 0 && seen[1] > 0,
        "reads saw the transfer both ways: {seen:?}"
    );
}

#[tokio::test]
async fn a_malformed_question_is_refused_whatever_tag_it_sends() {
    let app = TestApp::spawn().await;
    let holder = format!("/v1/assignments/{NATIONAL}/holder");
    app.get_json(&format!("{holder}?at=2018-01-01")).await;
    for (path, version) in [
        (format!("{holder}?at=2018-02-30"), None),
        (format!("{holder}?at=2018-01-01"), Some("many")),
        (
            format!("{holder}?at=2018-01-01&known_at=2018-01-09T12:00:00Z"),
            Some(""),
        ),
    ] {
        let mut request = app
            .client
            .get(format!("{}{path}", app.address))
            .header("if-none-match", "*");
        if let Some(version) = version {
            request = request.header("min-data-version", version);
        }
        let response = request.send().await.unwrap();
        assert_problem(response, StatusCode::BAD_REQUEST, &path).await;
    }
    let kept = app
        .client
        .get(format!("{}{holder}?at=2018-01-01", app.address))
        .header("if-none-match", "*")
        .send()
        .await
        .unwrap();
    assert_eq!(
        kept.status(),
        StatusCode::NOT_MODIFIED,
        "it exists: * names it"
    );
}
