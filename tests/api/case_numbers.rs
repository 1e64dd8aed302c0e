//! Recording the case numbers (diarienummer) an assignment is filed under,
//! and finding it by them.

use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

use crate::helpers::{
    assert_problem, slugs, urlencode, TestApp, GENDER_EQUALITY_AGENCY, NATIONAL, SOURCE,
};

/// The case numbers of the national assignment: id and value.
async fn case_numbers(app: &TestApp) -> Vec<(String, String)> {
    let read = app.get_json(&format!("/v1/assignments/{NATIONAL}")).await;
    read["identifiers"]
        .as_array()
        .expect("identifiers")
        .iter()
        .map(|i| {
            assert_eq!(i["scheme"], "diarienummer");
            let text = |key: &str| i[key].as_str().unwrap().to_owned();
            (text("id"), text("value"))
        })
        .collect()
}

/// The slugs of the assignments a search for `words` finds.
async fn found(app: &TestApp, words: &str) -> Vec<String> {
    let page = app
        .get_json(&format!("/v1/assignments?q={}", urlencode(words)))
        .await;
    slugs(&page["items"], "/slug")
}

#[tokio::test]
async fn a_registrar_files_an_assignment_under_a_case_number_and_it_is_found_by_it() {
    let app = TestApp::spawn().await;
    let token = app.writer().await;
    assert!(case_numbers(&app).await.is_empty());
    assert!(!found(&app, "A2017/01234/JÄM")
        .await
        .contains(&NATIONAL.to_owned()));
    let path = format!("/v1/assignments/{NATIONAL}/identifiers");
    // Written in lower case, stored as the government writes it.
    let created = app
        .created(
            &path,
            &token,
            json!({"value": "a2017/01234/jäm", "source": SOURCE}),
        )
        .await;
    assert_eq!(created["identifiers"][0]["value"], "A2017/01234/JÄM");
    let numbers = case_numbers(&app).await;
    assert_eq!(numbers.len(), 1);
    assert_eq!(numbers[0].1, "A2017/01234/JÄM");
    assert!(found(&app, "A2017/01234/JÄM")
        .await
        .contains(&NATIONAL.to_owned()));

    let changes = app.count("changes").await;
    let again = json!({"value": "A2017/01234/JÄM", "source": SOURCE});
    app.refused(
        Method::POST,
        &path,
        &token,
        &again,
        (StatusCode::CONFLICT, "already filed"),
    )
    .await;
    let half = json!({"value": "A2017", "source": SOURCE});
    app.refused(
        Method::POST,
        &path,
        &token,
        &half,
        (StatusCode::BAD_REQUEST, "value"),
    )
    .await;
    let two = json!({"value": "A2017/1 och A2017/2", "source": SOURCE});
    app.refused(
        Method::POST,
        &path,
        &token,
        &two,
        (StatusCode::BAD_REQUEST, "value"),
    )
    .await;
    let schemed = json!({"value": "A2017/2", "scheme": "isbn", "source": SOURCE});
    app.refused(
        Method::POST,
        &path,
        &token,
        &schemed,
        (StatusCode::BAD_REQUEST, "scheme"),
    )
    .await;
    let agency = app.agency_writer(GENDER_EQUALITY_AGENCY).await;
    let body = json!({"value": "A2017/3", "source": SOURCE});
    let response = app.send(Method::POST, &path, &agency, &body).await;
    assert_problem(response, StatusCode::FORBIDDEN, "an agency's token").await;
    let response = app
        .send(
            Method::DELETE,
            &format!("{path}/A2017"),
            &token,
            &Value::Null,
        )
        .await;
    assert_problem(response, StatusCode::BAD_REQUEST, "not an id").await;
    let response = app
        .send(
            Method::DELETE,
            &format!("{path}/{}", uuid::Uuid::new_v4()),
            &token,
            &Value::Null,
        )
        .await;
    assert_problem(response, StatusCode::NOT_FOUND, "no such identifier").await;
    assert_eq!(app.count("changes").await, changes, "nothing was written");

    // Deleted, by the id the assignment gives it: no longer found by it.
    let one = format!("{path}/{}", numbers[0].0);
    let response = app.send(Method::DELETE, &one, &token, &Value::Null).await;
    assert_eq!(response.status(), StatusCode::NO_CONTENT);
    assert!(case_numbers(&app).await.is_empty());
    assert!(!found(&app, "A2017/01234/JÄM")
        .await
        .contains(&NATIONAL.to_owned()));
    let response = app.send(Method::DELETE, &one, &token, &Value::Null).await;
    assert_problem(response, StatusCode::NOT_FOUND, "deleted already").await;
}
