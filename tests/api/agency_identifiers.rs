//! What an agency is known by elsewhere, written through the API: its
//! identifiers in other registers (which linked data and reconciliation
//! tie it by) and its other names (which searches find it by).

use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

use crate::helpers::{assert_problem, header, TestApp, GENDER_EQUALITY_AGENCY, SOURCE, WEST_BOARD};

/// The id of the item of the agency's `list` (`identifiers` or
/// `other_names`) whose `field` is `value`.
async fn id_in(app: &TestApp, list: &str, field: &str, value: &str) -> Option<String> {
    let agency = app
        .get_json(&format!("/v1/agencies/{GENDER_EQUALITY_AGENCY}"))
        .await;
    agency[list]
        .as_array()
        .unwrap_or_else(|| panic!("{list}: {agency}"))
        .iter()
        .find(|item| item[field] == value)
        .map(|item| item["id"].as_str().unwrap().to_owned())
}

#[tokio::test]
async fn a_registrar_records_and_deletes_what_an_agency_is_known_by_elsewhere() {
    let app = TestApp::spawn().await;
    let token = app.writer().await;
    let agency = format!("/v1/agencies/{GENDER_EQUALITY_AGENCY}");

    // Its Wikidata item, as a person might type it: stored as Wikidata
    // writes it, and the linked data says the agency is that item.
    let written = json!({"scheme": "wikidata", "value": " q28035464", "source": SOURCE});
    let answer = app
        .created(&format!("{agency}/identifiers"), &token, written)
        .await;
    let wikidata = json!({"scheme": "wikidata", "value": "Q28035464"});
    assert!(
        answer["identifiers"]
            .as_array()
            .unwrap()
            .iter()
            .any(|identifier| {
                identifier["scheme"] == wikidata["scheme"]
                    && identifier["value"] == wikidata["value"]
            }),
        "{answer}"
    );
    let linked = app.get_with(&agency, "accept", "application/ld+json").await;
    let linked: Value = linked.json().await.unwrap();
    assert_eq!(
        linked["sameAs"],
        json!(["http://www.wikidata.org/entity/Q28035464"])
    );
    app.refused(
        Method::POST,
        &format!("{agency}/identifiers"),
        &token,
        &json!({"scheme": "wikidata", "value": "Q28035464", "source": SOURCE}),
        (StatusCode::CONFLICT, "already has this identifier"),
    )
    .await;

    // An abbreviation: the agency is found by it.
    let abbreviation = json!({"name": "JämY", "kind": "abbreviation", "source": SOURCE});
    app.created(
        &format!("{agency}/other-names"),
        &token,
        abbreviation.clone(),
    )
    .await;
    let found = app.all_pages("/v1/agencies?q=J%C3%A4mY", 20).await;
    assert_eq!(found[0]["slug"], GENDER_EQUALITY_AGENCY, "{found:?}");
    app.refused(
        Method::POST,
        &format!("{agency}/other-names"),
        &token,
        &abbreviation,
        (StatusCode::CONFLICT, "already has this other name"),
    )
    .await;

    // Both deleted by their ids.
    for (list, field, value, path) in [
        ("identifiers", "value", "Q28035464", "identifiers"),
        ("other_names", "name", "JämY", "other-names"),
    ] {
        let id = id_in(&app, list, field, value).await.expect(value);
        let response = app
            .send(
                Method::DELETE,
                &format!("{agency}/{path}/{id}"),
                &token,
                &Value::Null,
            )
            .await;
        assert_eq!(response.status(), StatusCode::NO_CONTENT, "{value}");
        assert_eq!(id_in(&app, list, field, value).await, None, "{value}");
    }
    let linked = app.get_with(&agency, "accept", "application/ld+json").await;
    let linked: Value = linked.json().await.unwrap();
    assert_eq!(linked["sameAs"], Value::Null, "{linked}");
}

#[tokio::test]
async fn what_is_not_an_identifier_or_may_not_be_written_is_refused_and_changes_nothing() {
    let app = TestApp::spawn().await;
    let token = app.writer().await;
    let agency = format!("/v1/agencies/{GENDER_EQUALITY_AGENCY}");
    let stale = header(&app.get(&agency).await, "etag");
    app.created(
        &format!("{agency}/identifiers"),
        &token,
        json!({"scheme": "esv", "value": "1208", "source": SOURCE}),
    )
    .await;
    let esv = id_in(&app, "identifiers", "value", "1208").await.unwrap();
    let changes = app.count("changes").await;
    let identifiers = format!("{agency}/identifiers");
    for (body, refusal) in [
        // Not of its scheme: a wrong check digit, a URL, letters.
        (
            json!({"scheme": "organisation_number", "value": "202100-6296", "source": SOURCE}),
            (StatusCode::BAD_REQUEST, "value"),
        ),
        (
            json!({"scheme": "wikidata", "value": "https://www.wikidata.org/wiki/Q1", "source": SOURCE}),
            (StatusCode::BAD_REQUEST, "value"),
        ),
        (
            json!({"scheme": "esv", "value": "ESV1", "source": SOURCE}),
            (StatusCode::BAD_REQUEST, "value"),
        ),
        (
            json!({"scheme": "isni", "value": "1", "source": SOURCE}),
            (StatusCode::BAD_REQUEST, "scheme"),
        ),
        (
            json!({"scheme": "esv", "value": "1209"}),
            (StatusCode::BAD_REQUEST, "source"),
        ),
    ] {
        app.refused(Method::POST, &identifiers, &token, &body, refusal)
            .await;
    }
    let other_names = format!("{agency}/other-names");
    for (body, refusal) in [
        (
            json!({"name": " ", "kind": "abbreviation", "source": SOURCE}),
            (StatusCode::BAD_REQUEST, "name"),
        ),
        (
            json!({"name": "JämY", "kind": "nickname", "source": SOURCE}),
            (StatusCode::BAD_REQUEST, "kind"),
        ),
        (
            json!({"name": "JämY", "kind": "abbreviation", "valid_from": "2020", "source": SOURCE}),
            (StatusCode::BAD_REQUEST, "valid_from"),
        ),
    ] {
        app.refused(Method::POST, &other_names, &token, &body, refusal)
            .await;
    }
    // Not a UUID; no such identifier; another agency's token; a stale tag.
    for (path, refusal) in [
        (
            format!("{identifiers}/1208"),
            (StatusCode::BAD_REQUEST, "identifier"),
        ),
        (
            format!("{identifiers}/{}", uuid::Uuid::new_v4()),
            (StatusCode::NOT_FOUND, "no identifier"),
        ),
        (
            format!("{other_names}/{}", uuid::Uuid::new_v4()),
            (StatusCode::NOT_FOUND, "no other name"),
        ),
    ] {
        app.refused(Method::DELETE, &path, &token, &Value::Null, refusal)
            .await;
    }
    let other = app.agency_writer(WEST_BOARD).await;
    let esv_path = format!("{identifiers}/{esv}");
    app.refused(
        Method::DELETE,
        &esv_path,
        &other,
        &Value::Null,
        (StatusCode::FORBIDDEN, GENDER_EQUALITY_AGENCY),
    )
    .await;
    let response = app
        .request(Method::DELETE, &esv_path, &token)
        .header("if-match", &stale)
        .send()
        .await
        .unwrap();
    assert_problem(response, StatusCode::PRECONDITION_FAILED, "a stale tag").await;
    assert_eq!(app.count("changes").await, changes, "nothing was written");

    // The agency's own token may, with the agency's tag now.
    let own = app.agency_writer(GENDER_EQUALITY_AGENCY).await;
    let tag = header(&app.get(&agency).await, "etag");
    let response = app
        .request(Method::DELETE, &esv_path, &own)
        .header("if-match", tag)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::NO_CONTENT);
    assert_eq!(id_in(&app, "identifiers", "value", "1208").await, None);
}
