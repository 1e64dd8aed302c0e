//! Correcting an assignment's versions in place (a deadline or title read
//! or written wrong) and deleting one recorded by mistake, named by the id
//! the answers give them.

use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

use crate::helpers::{assert_problem, header, TestApp, GENDER_EQUALITY_AGENCY, NATIONAL, SOURCE};

/// The national assignment's versions, as its history gives them.
async fn versions(app: &TestApp) -> Vec<Value> {
    app.assignment_history(NATIONAL).await["versions"]
        .as_array()
        .expect("versions")
        .clone()
}

/// The board's deadlines: due date and report.
async fn deadlines(app: &TestApp) -> Vec<(String, String)> {
    let path = format!("/v1/agencies/{GENDER_EQUALITY_AGENCY}/deadlines?from=2027-01-01");
    app.get_json(&path).await["items"]
        .as_array()
        .expect("items")
        .iter()
        .map(|item| {
            (
                item["due_on"].as_str().unwrap().to_owned(),
                item["assignment"]["title"]["sv"]
                    .as_str()
                    .unwrap()
                    .to_owned(),
            )
        })
        .collect()
}

#[tokio::test]
async fn a_version_is_corrected_in_place_and_one_recorded_by_mistake_is_deleted() {
    let app = TestApp::spawn().await;
    let token = app.writer().await;
    let first = app.assignment(NATIONAL, "2026-06-01").await["version"].clone();
    let first_id = first["id"].as_str().expect("the version's id").to_owned();
    let history = versions(&app).await;
    assert_eq!(history.len(), 2, "2009 and 2013");
    assert_eq!(history[1]["id"], first["id"], "the history names it alike");
    assert!(deadlines(&app).await.is_empty());

    // The version in force (since 2013) had its deadline left out;
    // corrected in place: the same version, the same
    // period, now with a date the board's deadlines list.
    let path = format!("/v1/assignments/{NATIONAL}/versions/{first_id}");
    let response = app
        .send(
            Method::PATCH,
            &path,
            &token,
            &json!({"due_on": "2027-10-31"}),
        )
        .await;
    assert_eq!(response.status(), StatusCode::OK);
    let answer: Value = response.json().await.unwrap();
    assert_eq!(answer["version"]["id"], first["id"]);
    assert_eq!(answer["version"]["due_on"], "2027-10-31");
    assert_eq!(answer["version"]["valid_from"], first["valid_from"]);
    assert_eq!(answer["version"]["title"], first["title"]);
    assert_eq!(versions(&app).await.len(), 2);
    let title = first["title"]["sv"].as_str().unwrap().to_owned();
    assert_eq!(
        deadlines(&app).await,
        [("2027-10-31".to_owned(), title.clone())]
    );

    // An amendment from 2027, then found to be a mistake: deleted, the
    // first version runs on as before.
    let amendment = json!({"title": {"sv": "Ett uppdrag som aldrig gavs"}, "valid_from": "2027-01-01",
                           "source": SOURCE});
    let answer = app
        .created(
            &format!("/v1/assignments/{NATIONAL}/versions"),
            &token,
            amendment,
        )
        .await;
    assert_eq!(
        (
            &answer["version"]["title"]["sv"],
            &answer["version"]["valid_from"]
        ),
        (&json!("Ett uppdrag som aldrig gavs"), &json!("2027-01-01")),
        "the answer shows the amendment, from its first day if that is later than today"
    );
    let recorded = versions(&app).await;
    assert_eq!(recorded.len(), 3);
    assert_eq!(recorded[1]["valid_to"], "2027-01-01");
    let mistake = recorded[2]["id"].as_str().unwrap().to_owned();
    let response = app
        .send(
            Method::DELETE,
            &format!("/v1/assignments/{NATIONAL}/versions/{mistake}"),
            &token,
            &Value::Null,
        )
        .await;
    assert_eq!(response.status(), StatusCode::NO_CONTENT);
    let left = versions(&app).await;
    assert_eq!(left.len(), 2);
    assert_eq!(left[1]["id"], first["id"]);
    assert_eq!(left[1]["valid_to"], Value::Null, "it runs on");
    assert_eq!(
        app.assignment(NATIONAL, "2027-06-01").await["version"]["title"]["sv"],
        title.as_str()
    );
}

#[tokio::test]
async fn a_correction_that_cannot_be_is_refused_and_changes_nothing() {
    let app = TestApp::spawn().await;
    let token = app.writer().await;
    // The assignment's tag before the amendment, which ends today's version.
    let stale = header(
        &app.get(&format!("/v1/assignments/{NATIONAL}")).await,
        "etag",
    );
    let amendment = json!({"title": {"sv": "Nationellt uppdrag, ändrat"}, "valid_from": "2027-01-01",
                           "source": SOURCE});
    app.created(
        &format!("/v1/assignments/{NATIONAL}/versions"),
        &token,
        amendment,
    )
    .await;
    let recorded = versions(&app).await;
    let (first, second) = (
        recorded[0]["id"].as_str().unwrap().to_owned(),
        recorded[2]["id"].as_str().unwrap().to_owned(),
    );
    let changes = app.count("changes").await;
    let versions_path = format!("/v1/assignments/{NATIONAL}/versions");
    let second_path = format!("{versions_path}/{second}");
    // Due before the version takes effect.
    let early = json!({"due_on": "2026-12"});
    app.refused(
        Method::PATCH,
        &second_path,
        &token,
        &early,
        (StatusCode::BAD_REQUEST, "due_on"),
    )
    .await;
    // Its period is the amendments'.
    let moved = json!({"valid_from": "2027-02-01"});
    app.refused(
        Method::PATCH,
        &second_path,
        &token,
        &moved,
        (StatusCode::BAD_REQUEST, "valid_from"),
    )
    .await;
    let nameless = json!({"title": null});
    app.refused(
        Method::PATCH,
        &second_path,
        &token,
        &nameless,
        (StatusCode::BAD_REQUEST, "title"),
    )
    .await;
    // Not a UUID; no such version of this assignment.
    let path = format!("{versions_path}/2027-01-01");
    app.refused(
        Method::PATCH,
        &path,
        &token,
        &json!({}),
        (StatusCode::BAD_REQUEST, "version"),
    )
    .await;
    let path = format!("{versions_path}/{}", uuid::Uuid::new_v4());
    app.refused(
        Method::PATCH,
        &path,
        &token,
        &json!({}),
        (StatusCode::NOT_FOUND, "no version"),
    )
    .await;
    // The first version, which the assignment begins with.
    let path = format!("{versions_path}/{first}");
    app.refused(
        Method::DELETE,
        &path,
        &token,
        &Value::Null,
        (StatusCode::CONFLICT, "correct it"),
    )
    .await;
    // An agency's token; a stale tag.
    let agency = app.agency_writer(GENDER_EQUALITY_AGENCY).await;
    let response = app
        .send(
            Method::PATCH,
            &second_path,
            &agency,
            &json!({"due_on": "2027-06"}),
        )
        .await;
    assert_problem(response, StatusCode::FORBIDDEN, "an agency's token").await;
    let tag = header(
        &app.get(&format!("/v1/assignments/{NATIONAL}")).await,
        "etag",
    );
    let retitled = json!({"title": {"sv": "Nationellt uppdrag, rättat"}});
    let response = app
        .request(Method::PATCH, &second_path, &token)
        .header("if-match", &stale)
        .json(&retitled)
        .send()
        .await
        .unwrap();
    assert_problem(response, StatusCode::PRECONDITION_FAILED, "a stale tag").await;
    assert_eq!(app.count("changes").await, changes, "nothing was written");

    // With the tag of the assignment now, the correction goes through.
    let response = app
        .request(Method::PATCH, &second_path, &token)
        .header("if-match", tag)
        .json(&retitled)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(
        app.assignment(NATIONAL, "2027-06-01").await["version"]["title"]["sv"],
        "Nationellt uppdrag, rättat"
    );
}
