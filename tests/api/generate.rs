//! Synthetic data for benchmarks (`registry generate`): written through the
//! rules every write obeys, the same for the same seed, and served like any
//! other data.

use std::process::{Command, Output};

use reqwest::StatusCode;
use serde_json::Value;

use crate::helpers::*;

/// Runs `registry generate ARGUMENTS` on the test's database.
fn generate(app: &TestApp, arguments: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_registry"))
        .arg("generate")
        .args(arguments)
        .env("DATABASE_URL", app.database_url())
        .env("LOAD_NATIONAL_DATA", "false")
        .output()
        .expect("registry generate runs")
}

/// Each generated assignment's holders as (agency, from, to).
async fn holders(app: &TestApp, seed: u32, assignments: u32) -> Vec<Vec<(String, Value, Value)>> {
    let mut all = Vec::new();
    for i in 1..=assignments {
        let history = app
            .assignment_history(&format!("g{seed}-assignment-{i}"))
            .await;
        all.push(
            history["holders"]
                .as_array()
                .expect("holders")
                .iter()
                .map(|h| {
                    (
                        h["agency"]["slug"].as_str().unwrap().to_owned(),
                        h["valid_from"].clone(),
                        h["valid_to"].clone(),
                    )
                })
                .collect(),
        );
    }
    all
}

#[tokio::test]
async fn generated_histories_hold_together_through_the_api() {
    let app = TestApp::spawn().await;
    let summary = succeeded(&generate(
        &app,
        &[
            "--agencies",
            "30",
            "--assignments",
            "160",
            "--holdings",
            "1600",
            "--seed",
            "3",
        ],
    ));
    assert!(summary.contains("holdings        1600"), "{summary}");

    let histories = holders(&app, 3, 160).await;
    assert_eq!(histories.iter().map(Vec::len).sum::<usize>(), 1600);
    assert!(
        histories.iter().map(Vec::len).max() > Some(20),
        "some histories are long"
    );
    let mut transfers_seen = 0;
    for (i, history) in histories.iter().enumerate() {
        let slug = format!("g3-assignment-{}", i + 1);
        // One holder at a time, from the first holding to the last, without gaps.
        for pair in history.windows(2) {
            assert_eq!(pair[0].2, pair[1].1, "{slug}: {pair:?}");
        }
        // The holder on the first day of each of some holdings is its agency.
        for (agency, from, _) in history.iter().step_by(7) {
            let at = from.as_str().unwrap();
            assert_eq!(&app.holder_slug(&slug, at).await, agency, "{slug} on {at}");
        }
        // Each transfer moves the assignment from the holder before it to the
        // one after, with the other assignments of its portfolio.
        let full = app.assignment_history(&slug).await;
        for holder in full["holders"].as_array().unwrap() {
            let Some(started) = holder["started_by_transfer"]["slug"].as_str() else {
                continue;
            };
            if transfers_seen % 25 == 0 {
                let transfer = app.transfer(started).await;
                assert_eq!(transfer["effective_on"], holder["valid_from"]);
                assert_eq!(transfer["to_agency"]["slug"], holder["agency"]["slug"]);
                let moved = slugs(&transfer["assignments"], "/slug");
                assert!(moved.contains(&slug), "{started}: {moved:?}");
                assert!(moved.len() <= 8, "{started}: {moved:?}");
            }
            transfers_seen += 1;
        }
    }
    assert!(transfers_seen > 100, "{transfers_seen} transfers");

    // The data became known when it was generated, not before.
    let (_, from, _) = &histories[0][0];
    let known_before = app
        .get(&format!(
            "/v1/assignments/g3-assignment-1/holder?at={}&known_at=2020-01-01T00:00:00Z",
            from.as_str().unwrap()
        ))
        .await;
    assert_eq!(known_before.status(), StatusCode::NOT_FOUND);

    // Agencies come with names, contact points and an organisation number.
    let agency = app.agency("g3-agency-1").await;
    assert_eq!(agency["started_on"], "1900");
    assert!(agency["organisation_number"]
        .as_str()
        .unwrap()
        .starts_with("293"));
    let contacts = app.agency_contacts("g3-agency-1", "2026-01-01").await;
    assert!(
        !contact_values(contacts, Some("website")).is_empty(),
        "a website"
    );

    // A seed already used is refused, and nothing is written.
    let holdings = app.count("holdings").await;
    let again = generate(
        &app,
        &[
            "--agencies",
            "1",
            "--assignments",
            "1",
            "--holdings",
            "1",
            "--seed",
            "3",
        ],
    );
    assert!(!again.status.success());
    let stderr = String::from_utf8_lossy(&again.stderr);
    assert!(
        stderr.contains("already has the data of seed 3"),
        "{stderr}"
    );
    assert_eq!(app.count("holdings").await, holdings);
}

#[tokio::test]
async fn the_same_seed_and_sizes_give_the_same_data() {
    let arguments = [
        "--agencies",
        "12",
        "--assignments",
        "24",
        "--holdings",
        "120",
        "--seed",
        "5",
    ];
    let first = TestApp::spawn().await;
    let second = TestApp::spawn().await;
    succeeded(&generate(&first, &arguments));
    succeeded(&generate(&second, &arguments));
    assert_eq!(holders(&first, 5, 24).await, holders(&second, 5, 24).await);
}

#[tokio::test]
async fn sizes_that_cannot_be_generated_are_refused_with_the_usage() {
    let app = TestApp::spawn().await;
    let output = generate(
        &app,
        &["--agencies", "5", "--assignments", "10", "--holdings", "9"],
    );
    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("at least --assignments"), "{stderr}");
    assert!(stderr.contains("usage:"), "{stderr}");
    assert_eq!(app.count("holdings").await, {
        // Nothing was written: the founding case's holdings only.
        let founding = TestApp::spawn().await;
        founding.count("holdings").await
    });
}
