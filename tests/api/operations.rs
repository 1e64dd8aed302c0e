//! Operations: health checks, request ids, CORS.

use crate::helpers::*;

#[tokio::test]
async fn liveness_and_readiness_answer_ok() {
    let app = TestApp::spawn().await;
    assert_eq!(app.get_json("/health/live").await["status"], "ok");
    assert_eq!(app.get_json("/health/ready").await["status"], "ok");
}

#[tokio::test]
async fn without_a_database_readiness_and_data_answer_503_and_liveness_still_ok() {
    let app = TestApp::spawn().await;
    app.pool.close().await;
    let problem = app
        .get_problem("/health/ready", reqwest::StatusCode::SERVICE_UNAVAILABLE)
        .await;
    assert_eq!(problem["type"], "/problems/unavailable");

    let response = app
        .get("/v1/assignments/nationella-stodprocessen/holder")
        .await;
    assert_eq!(
        header(&response, "retry-after"),
        "1",
        "a client may retry in a second (the breaker probes every 100 ms)"
    );
    let problem = assert_problem(
        response,
        reqwest::StatusCode::SERVICE_UNAVAILABLE,
        "data without a database",
    )
    .await;
    assert_eq!(problem["type"], "/problems/unavailable");
    assert_eq!(
        app.get_json("/health/live").await["status"],
        "ok",
        "liveness does not need the database"
    );
}

#[tokio::test]
async fn every_response_carries_a_request_id() {
    let app = TestApp::spawn().await;
    let mut seen = Vec::new();
    for path in [
        "/health/live",
        "/v1/agencies",
        "/v1/agencies/nope-nope",
        "/v1/agencies?limit=0",
        "/nowhere",
    ] {
        let response = app.get(path).await;
        let id = header(&response, "x-request-id");
        assert!(uuid::Uuid::parse_str(&id).is_ok(), "{path}: '{id}'");
        seen.push(id);
    }
    seen.dedup();
    assert_eq!(seen.len(), 5, "each request has its own id");
}

#[tokio::test]
async fn browsers_on_other_origins_may_read_the_api() {
    let app = TestApp::spawn().await;
    let response = app
        .client
        .get(format!(
            "{}/v1/assignments/nationella-stodprocessen/contacts?at=2018-01-08",
            app.address
        ))
        .header("Origin", "https://example.org")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    assert_eq!(
        header(&response, "access-control-allow-origin"),
        "https://example.org"
    );
}

#[tokio::test]
async fn the_server_stops_when_its_shutdown_signal_fires() {
    let app = TestApp::spawn().await;
    let settings = registry::settings::Settings {
        port: 0,
        ..registry::settings::Settings::from_lookup(|_| None).unwrap()
    };
    let application = registry::startup::Application::build(&settings, app.pool.clone()).unwrap();
    let address = format!("http://127.0.0.1:{}/health/live", application.port());
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let server = tokio::spawn(application.run_until_stopped(async {
        let _ = stopped.await;
    }));
    assert_eq!(app.client.get(&address).send().await.unwrap().status(), 200);

    stop.send(()).unwrap();
    // A guard against hanging forever, not a timing assertion.
    let finished = tokio::time::timeout(std::time::Duration::from_secs(60), server).await;
    assert!(
        matches!(finished, Ok(Ok(Ok(())))),
        "the server returned cleanly: {finished:?}"
    );
    assert!(
        app.client.get(&address).send().await.is_err(),
        "it no longer listens"
    );
}

/// `registry help` (or `--help`) says how to run the server and every
/// command, on standard output, and succeeds; an unknown command fails and
/// names the commands.
#[test]
fn the_command_line_says_how_to_use_it() {
    for asked in ["help", "--help", "-h"] {
        let output = std::process::Command::new(env!("CARGO_BIN_EXE_registry"))
            .arg(asked)
            .output()
            .expect("registry runs");
        assert!(output.status.success(), "{asked}");
        let text = String::from_utf8(output.stdout).unwrap();
        for command in [
            "registry openapi",
            "registry token mint",
            "registry import myndighetsdata",
            "registry export <dataset>",
            "registry generate",
            "DATABASE_URL",
        ] {
            assert!(text.contains(command), "{asked} names {command}: {text}");
        }
    }
    // A command's own usage, without a database: DATABASE_URL names none
    // that answers, and the data folder is empty.
    let folder = std::env::temp_dir().join("registry-help-without-a-database");
    let run = |arguments: &[&str]| {
        std::process::Command::new(env!("CARGO_BIN_EXE_registry"))
            .args(arguments)
            .env("DATABASE_URL", "postgres://nobody@127.0.0.1:1/none")
            .env("REGISTRY_DATA_DIR", &folder)
            .env("RUST_BACKTRACE", "0")
            .output()
            .expect("registry runs")
    };
    for (command, usage) in [
        ("generate", "registry generate --agencies N"),
        ("import", "registry import myndighetsdata"),
        ("export", "registry export <dataset>"),
        ("token", "registry token mint"),
    ] {
        for asked in ["--help", "-h"] {
            let output = run(&[command, asked]);
            let text = String::from_utf8_lossy(&output.stdout);
            assert!(output.status.success(), "{command} {asked}: {output:?}");
            assert!(text.contains(usage), "{command} {asked}: {text}");
        }
    }
    // `-h` as an option's value is that value: `--name -h` names a token
    // "-h", so the command goes on to open the database (which does not
    // answer) instead of printing its usage. After `--dry-run`, which takes
    // none, it asks for help.
    let minted = run(&["token", "mint", "--name", "-h", "--scope", "admin"]);
    assert!(!minted.status.success(), "{minted:?}");
    assert!(!String::from_utf8_lossy(&minted.stdout).contains("usage"));
    let why = String::from_utf8_lossy(&minted.stderr);
    assert!(why.contains("cannot connect to PostgreSQL"), "{why}");
    let dry = run(&["import", "regeringsuppdrag", "x.json", "--dry-run", "-h"]);
    assert!(dry.status.success(), "{dry:?}");
    assert!(String::from_utf8_lossy(&dry.stdout).contains("registry import regeringsuppdrag"));
    // What to do of assignments changed through the API is read before the
    // database is opened: an option without its slug, or a slug both kept
    // and replaced, is refused with a reason; well formed, they are taken.
    for (arguments, reason) in [
        (&["--keep"][..], "--keep takes the slug of an assignment"),
        (&["--replace", "--dry-run"], "--replace takes the slug"),
        (
            &["--keep", "a", "--replace", "a"],
            "'a' is named by both --keep and --replace",
        ),
        (
            &["--dry-run", "--keep", "a", "--replace", "b"],
            "cannot connect to PostgreSQL",
        ),
    ] {
        let output = run(&[&["import", "regeringsuppdrag", "x.jsonl"][..], arguments].concat());
        assert!(!output.status.success(), "{arguments:?}: {output:?}");
        let why = String::from_utf8_lossy(&output.stderr);
        assert!(why.contains(reason), "{arguments:?}: {why}");
    }
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_registry"))
        .arg("serve")
        .env("RUST_BACKTRACE", "0")
        .output()
        .expect("registry runs");
    assert!(!output.status.success());
    let text = String::from_utf8(output.stderr).unwrap();
    assert!(
        text.contains("unknown command 'serve'") && text.contains("help"),
        "{text}"
    );
}
