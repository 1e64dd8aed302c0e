//! Recording when reports are due: a government assignment's final report
//! with its versions (an amendment that puts the deadline off is a new
//! version), its interim reports on their own; and what an agency's
//! deadlines say of them.

use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

use crate::helpers::{assert_problem, header, TestApp, GENDER_EQUALITY_AGENCY, SOURCE};

const MAPPING: &str = "kartlaggning-av-hedersrelaterat-vald";

/// Jämställdhetsmyndigheten's deadlines from 2027 on: due date, report,
/// title as on the day.
async fn deadlines(app: &TestApp) -> Vec<(String, String, String)> {
    let path = format!("/v1/agencies/{GENDER_EQUALITY_AGENCY}/deadlines?from=2027-01-01");
    let deadlines = app.get_json(&path).await;
    deadlines["items"]
        .as_array()
        .expect("items")
        .iter()
        .map(|item| {
            let text = |pointer: &str| item.pointer(pointer).and_then(Value::as_str).unwrap();
            let (due_on, report) = (text("/due_on"), text("/report"));
            (
                due_on.into(),
                report.into(),
                text("/assignment/title/sv").into(),
            )
        })
        .collect()
}

fn due(due_on: &str, report: &str, title: &str) -> (String, String, String) {
    (due_on.into(), report.into(), title.into())
}

/// A registrar records a government assignment given in February 2027
/// to Jämställdhetsmyndigheten, with its final report due 2028-03-31.
async fn given(app: &TestApp, token: &str) -> Value {
    let created = app
        .created(
            "/v1/assignments",
            token,
            json!({
                "slug": MAPPING, "kind": "government_assignment",
                "title": {"sv": "Uppdrag att kartlägga hedersrelaterat våld"},
                "valid_from": "2027-02", "due_on": "2028-03-31", "jurisdiction": "national",
                "source": SOURCE
            }),
        )
        .await;
    let holding = json!({
        "assignment": MAPPING, "agency": GENDER_EQUALITY_AGENCY, "valid_from": "2027-02",
        "source": SOURCE
    });
    app.created("/v1/holdings", token, holding).await;
    created
}

#[tokio::test]
async fn a_registrar_records_the_deadlines_and_the_amendments_that_move_them() {
    let app = TestApp::spawn().await;
    let token = app.writer().await;
    let created = given(&app, &token).await;
    assert_eq!(created["kind"], "government_assignment");
    assert_eq!(created["version"]["due_on"], "2028-03-31");
    let status = |at: &'static str| {
        let app = &app;
        async move { app.assignment(MAPPING, at).await["status"].clone() }
    };
    assert_eq!(status("2027-06-01").await, "active");
    assert_eq!(status("2028-04-01").await, "reported");

    // An interim report, due in a month.
    let path = format!("/v1/assignments/{MAPPING}/reports");
    let recorded = app
        .created(
            &path,
            &token,
            json!({"due_on": "2027-10", "source": SOURCE}),
        )
        .await;
    assert_eq!(recorded["slug"], MAPPING);
    assert_eq!(recorded["interim_reports"][0]["due_on"], "2027-10");
    assert_eq!(recorded["interim_reports"][0]["source"]["slug"], SOURCE);
    let first = "Uppdrag att kartlägga hedersrelaterat våld";
    assert_eq!(
        deadlines(&app).await,
        [
            due("2027-10", "interim", first),
            due("2028-03-31", "final", first)
        ]
    );

    // An amendment of 2028-03 puts the final report off: the replaced date
    // is no deadline, and the history keeps both.
    let versions = format!("/v1/assignments/{MAPPING}/versions");
    let put_off = json!({"title": {"sv": first}, "valid_from": "2028-03-01", "due_on": "2028-09-30", "source": SOURCE});
    app.created(&versions, &token, put_off).await;
    assert_eq!(status("2028-04-01").await, "active");
    assert_eq!(
        deadlines(&app).await,
        [
            due("2027-10", "interim", first),
            due("2028-09-30", "final", first)
        ]
    );
    assert_eq!(app.due_dates(MAPPING).await, ["2028-03-31", "2028-09-30"]);

    // One that retitles it and says nothing of the deadline keeps it.
    let retitled = "Uppdrag att kartlägga och motverka hedersrelaterat våld";
    let retitle = json!({"title": {"sv": retitled}, "valid_from": "2028-06-01", "source": SOURCE});
    app.created(&versions, &token, retitle).await;
    assert_eq!(
        app.assignment(MAPPING, "2028-07-01").await["version"]["due_on"],
        "2028-09-30"
    );
    assert_eq!(
        deadlines(&app).await,
        [
            due("2027-10", "interim", first),
            due("2028-09-30", "final", retitled)
        ]
    );

    // The interim report withdrawn: gone from the assignment and the
    // deadlines, still known as of before.
    let before = app.now().await;
    let response = app
        .request(Method::DELETE, &format!("{path}/2027-10"), &token)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::NO_CONTENT);
    let now = app.assignment(MAPPING, "2027-06-01").await;
    assert_eq!(now["interim_reports"], json!([]));
    assert_eq!(
        deadlines(&app).await,
        [due("2028-09-30", "final", retitled)]
    );
    let known = app
        .get_json(&format!(
            "/v1/assignments/{MAPPING}?at=2027-06-01&known_at={before}"
        ))
        .await;
    assert_eq!(known["interim_reports"][0]["due_on"], "2027-10");
    let response = app
        .request(Method::DELETE, &format!("{path}/2027-10"), &token)
        .send()
        .await
        .unwrap();
    let problem = assert_problem(response, StatusCode::NOT_FOUND, "deleted twice").await;
    assert!(
        problem["detail"].as_str().unwrap().contains("2027-10"),
        "{problem}"
    );

    // An amendment that ends the deadline: no final report is due.
    let open = json!({"title": {"sv": retitled}, "valid_from": "2028-08-01", "due_on": null, "source": SOURCE});
    app.created(&versions, &token, open).await;
    assert_eq!(deadlines(&app).await, []);
    assert_eq!(status("2028-10-01").await, "due_unknown");
}

#[tokio::test]
async fn a_deadline_that_cannot_be_is_refused_and_changes_nothing() {
    let app = TestApp::spawn().await;
    let token = app.writer().await;
    given(&app, &token).await;
    let stale = header(
        &app.get(&format!("/v1/assignments/{MAPPING}")).await,
        "etag",
    );
    let reports = format!("/v1/assignments/{MAPPING}/reports");
    app.created(
        &reports,
        &token,
        json!({"due_on": "2027-10", "source": SOURCE}),
    )
    .await;
    let before = app.get_json(&format!("/v1/assignments/{MAPPING}")).await;
    let changes = app.count("changes").await;

    // Before the assignment was given (in February 2027).
    app.refused(
        Method::POST,
        &reports,
        &token,
        &json!({"due_on": "2027-01-31", "source": SOURCE}),
        (StatusCode::BAD_REQUEST, "due_on"),
    )
    .await;
    // One is due on that day already (October 2027 begins on it).
    app.refused(
        Method::POST,
        &reports,
        &token,
        &json!({"due_on": "2027-10-01", "source": SOURCE}),
        (StatusCode::CONFLICT, "due_on"),
    )
    .await;
    app.refused(
        Method::POST,
        &reports,
        &token,
        &json!({"due_on": "2027-13", "source": SOURCE}),
        (StatusCode::BAD_REQUEST, "due_on"),
    )
    .await;
    app.refused(
        Method::POST,
        &reports,
        &token,
        &json!({"due_on": "2027-11", "source": SOURCE, "final": true}),
        (StatusCode::BAD_REQUEST, "final"),
    )
    .await;
    app.refused(
        Method::POST,
        &reports,
        &token,
        &json!({"due_on": "2027-11", "source": "no-such-source"}),
        (StatusCode::BAD_REQUEST, "source"),
    )
    .await;
    // An amendment whose deadline is before it takes effect.
    let versions = format!("/v1/assignments/{MAPPING}/versions");
    let body = json!({"title": {"sv": "Ny titel"}, "valid_from": "2028-03-01", "due_on": "2028-02", "source": SOURCE});
    let response = app.send(Method::POST, &versions, &token, &body).await;
    let problem = assert_problem(response, StatusCode::BAD_REQUEST, "due before").await;
    assert_eq!(problem["invalid_params"][0]["name"], "due_on");
    // A registrar's write only.
    let agency = app.agency_writer(GENDER_EQUALITY_AGENCY).await;
    let body = json!({"due_on": "2027-11", "source": SOURCE});
    let response = app.send(Method::POST, &reports, &agency, &body).await;
    assert_problem(response, StatusCode::FORBIDDEN, "an agency's token").await;

    // Deleting: a due date that is none, one not asked for, a stale tag.
    let delete = |due_on: &'static str, if_match: Option<&str>| {
        let (app, token, reports) = (&app, &token, &reports);
        let if_match = if_match.map(str::to_owned);
        async move {
            let mut request = app.request(Method::DELETE, &format!("{reports}/{due_on}"), token);
            if let Some(tag) = if_match {
                request = request.header("If-Match", tag);
            }
            request.send().await.unwrap()
        }
    };
    let problem = assert_problem(delete("soon", None).await, StatusCode::BAD_REQUEST, "soon").await;
    assert_eq!(problem["invalid_params"][0]["name"], "due_on");
    // October 2027 is asked for, not its first day.
    assert_problem(
        delete("2027-10-01", None).await,
        StatusCode::NOT_FOUND,
        "a day",
    )
    .await;
    assert_problem(
        delete("2027-10", Some(&stale)).await,
        StatusCode::PRECONDITION_FAILED,
        "a stale If-Match",
    )
    .await;

    assert_eq!(app.count("changes").await, changes);
    let after = app.get_json(&format!("/v1/assignments/{MAPPING}")).await;
    assert_eq!(after, before);

    // With the tag of what was read, it goes.
    let tag = header(
        &app.get(&format!("/v1/assignments/{MAPPING}")).await,
        "etag",
    );
    let response = app
        .request(Method::DELETE, &format!("{reports}/2027-10"), &token)
        .header("If-Match", tag)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::NO_CONTENT);
}
