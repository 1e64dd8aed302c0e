//! Correcting an agency's names in place (a name spelt wrong, an English
//! name missing) and deleting a rename recorded by mistake, named by the
//! id the agency's `names` give them.

use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

use crate::helpers::{assert_problem, header, TestApp, GENDER_EQUALITY_AGENCY, SOURCE, WEST_BOARD};

/// The agency's names, oldest first.
async fn names(app: &TestApp) -> Vec<Value> {
    app.get_json(&format!("/v1/agencies/{GENDER_EQUALITY_AGENCY}"))
        .await["names"]
        .as_array()
        .expect("names")
        .clone()
}

/// The agencies a search for `q` finds, on `at`: slug and Swedish name then.
async fn found(app: &TestApp, q: &str, at: &str) -> Vec<(String, String)> {
    app.all_pages(&format!("/v1/agencies?q={q}&at={at}"), 20)
        .await
        .iter()
        .map(|agency| {
            let text = |value: &Value| value.as_str().unwrap().to_owned();
            (text(&agency["slug"]), text(&agency["name"]["sv"]))
        })
        .collect()
}

#[tokio::test]
async fn a_name_is_corrected_in_place_and_a_rename_recorded_by_mistake_is_deleted() {
    let app = TestApp::spawn().await;
    let token = app.writer().await;
    let path = format!("/v1/agencies/{GENDER_EQUALITY_AGENCY}/names");
    let misspelt = json!({"name": {"sv": "Jämställdhetsverkt"}, "valid_from": "2027-01-01",
                          "source": SOURCE});
    let renamed = app.created(&path, &token, misspelt).await;
    assert_eq!(
        renamed["name"]["sv"], "Jämställdhetsverkt",
        "shown from 2027"
    );
    let recorded = names(&app).await;
    assert_eq!(recorded.len(), 2);
    let (first, rename) = (recorded[0].clone(), recorded[1].clone());
    assert_eq!(first["valid_to"], "2027-01-01");

    // Spelt right, with its English name: the same name over the same period.
    let response = app
        .send(
            Method::PATCH,
            &format!("{path}/{}", rename["id"].as_str().unwrap()),
            &token,
            &json!({"name": {"sv": "Jämställdhetsverket", "en": "Gender Equality Office"}}),
        )
        .await;
    assert_eq!(response.status(), StatusCode::OK);
    let answer: Value = response.json().await.unwrap();
    assert_eq!(answer["at"], "2027-01-01", "shown on the name's first day");
    assert_eq!(
        answer["name"],
        json!({"sv": "Jämställdhetsverket", "en": "Gender Equality Office"})
    );
    let corrected = names(&app).await;
    assert_eq!(corrected[1]["id"], rename["id"]);
    assert_eq!(
        (&corrected[1]["valid_from"], &corrected[1]["valid_to"]),
        (&rename["valid_from"], &rename["valid_to"])
    );
    assert_eq!(corrected[0], first, "the name before is untouched");
    // A search shows it by the name as corrected (a search forgives a
    // typo, so what it is found by proves less than what it is shown as).
    assert_eq!(
        found(&app, "Jämställdhetsverket", "2027-06-01").await,
        [(
            GENDER_EQUALITY_AGENCY.to_owned(),
            "Jämställdhetsverket".to_owned()
        )]
    );

    // The rename was never decided: deleted, the first name runs on.
    let response = app
        .send(
            Method::DELETE,
            &format!("{path}/{}", rename["id"].as_str().unwrap()),
            &token,
            &Value::Null,
        )
        .await;
    assert_eq!(response.status(), StatusCode::NO_CONTENT);
    let left = names(&app).await;
    assert_eq!(left.len(), 1);
    assert_eq!(left[0]["id"], first["id"]);
    assert_eq!(left[0]["valid_to"], Value::Null, "it runs on");
    let agency = app
        .get_json(&format!(
            "/v1/agencies/{GENDER_EQUALITY_AGENCY}?at=2027-06-01"
        ))
        .await;
    assert_eq!(agency["name"], first["name"]);
}

#[tokio::test]
async fn a_correction_of_a_name_that_cannot_be_is_refused_and_changes_nothing() {
    let app = TestApp::spawn().await;
    let token = app.writer().await;
    let stale = header(
        &app.get(&format!("/v1/agencies/{GENDER_EQUALITY_AGENCY}"))
            .await,
        "etag",
    );
    let path = format!("/v1/agencies/{GENDER_EQUALITY_AGENCY}/names");
    let rename = json!({"name": {"sv": "Jämy"}, "valid_from": "2027-01-01", "source": SOURCE});
    app.created(&path, &token, rename).await;
    let recorded = names(&app).await;
    let first = format!("{path}/{}", recorded[0]["id"].as_str().unwrap());
    let second = format!("{path}/{}", recorded[1]["id"].as_str().unwrap());
    let changes = app.count("changes").await;
    for (body, refusal) in [
        (json!({"name": null}), (StatusCode::BAD_REQUEST, "name")),
        (
            json!({"name": {"sv": " "}}),
            (StatusCode::BAD_REQUEST, "name"),
        ),
        (
            json!({"name": {"en": "Jamy"}}),
            (StatusCode::BAD_REQUEST, "sv"),
        ),
        // Its period is the renames'.
        (
            json!({"valid_from": "2027-02-01"}),
            (StatusCode::BAD_REQUEST, "valid_from"),
        ),
        (
            json!({"source": "no-such-source"}),
            (StatusCode::BAD_REQUEST, "source"),
        ),
    ] {
        app.refused(Method::PATCH, &second, &token, &body, refusal)
            .await;
    }
    // Not a UUID; no such name; another agency's name under this one.
    let not_an_id = format!("{path}/2027-01-01");
    app.refused(
        Method::PATCH,
        &not_an_id,
        &token,
        &json!({}),
        (StatusCode::BAD_REQUEST, "name"),
    )
    .await;
    let unknown = format!("{path}/{}", uuid::Uuid::new_v4());
    app.refused(
        Method::DELETE,
        &unknown,
        &token,
        &Value::Null,
        (StatusCode::NOT_FOUND, "no name"),
    )
    .await;
    let board = app.get_json(&format!("/v1/agencies/{WEST_BOARD}")).await;
    let borrowed = format!("{path}/{}", board["names"][0]["id"].as_str().unwrap());
    app.refused(
        Method::DELETE,
        &borrowed,
        &token,
        &Value::Null,
        (StatusCode::NOT_FOUND, "no name"),
    )
    .await;
    // The first name, which the agency begins with.
    app.refused(
        Method::DELETE,
        &first,
        &token,
        &Value::Null,
        (StatusCode::CONFLICT, "correct it"),
    )
    .await;
    // Another agency's token; a stale tag.
    let other = app.agency_writer(WEST_BOARD).await;
    let respelt = json!({"name": {"sv": "Jämställdhetsmyndigheten"}});
    app.refused(
        Method::PATCH,
        &first,
        &other,
        &respelt,
        (StatusCode::FORBIDDEN, GENDER_EQUALITY_AGENCY),
    )
    .await;
    let response = app
        .request(Method::PATCH, &first, &token)
        .header("if-match", &stale)
        .json(&respelt)
        .send()
        .await
        .unwrap();
    assert_problem(response, StatusCode::PRECONDITION_FAILED, "a stale tag").await;
    assert_eq!(app.count("changes").await, changes, "nothing was written");
    assert_eq!(names(&app).await, recorded);

    // The agency's own token, with the agency's tag now, may correct it.
    let own = app.agency_writer(GENDER_EQUALITY_AGENCY).await;
    let tag = header(
        &app.get(&format!("/v1/agencies/{GENDER_EQUALITY_AGENCY}"))
            .await,
        "etag",
    );
    let response = app
        .request(Method::PATCH, &first, &own)
        .header("if-match", tag)
        .json(&json!({"name": {"sv": "Jämställdhetsmyndigheten", "en": "Gender Equality Agency"}}))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(names(&app).await[0]["name"]["en"], "Gender Equality Agency");
}
