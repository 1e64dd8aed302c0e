//! The ministry an agency answers to, written through the API: it changes
//! with governments, and a registrar records it as a decision says,
//! without waiting for the next snapshot of the registers.

use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

use crate::helpers::{carried_snapshot, header, slugs, TestApp, GENDER_EQUALITY_AGENCY};

/// A government decision of 20 November 2026, as a source to cite.
const DECISION: &str = "2026-11-20-regeringsbeslut";

/// The agency's ministry, as (slug, as_of, source slug); nulls as "none".
fn ministry(agency: &Value) -> (String, String, String) {
    let text = |value: &Value| value.as_str().unwrap_or("none").to_owned();
    let ministry = &agency["ministry"];
    (
        text(&ministry["agency"]["slug"]),
        text(&ministry["as_of"]),
        text(&ministry["source"]["slug"]),
    )
}

fn owned(slug: &str, as_of: &str, source: &str) -> (String, String, String) {
    (slug.to_owned(), as_of.to_owned(), source.to_owned())
}

#[tokio::test]
async fn a_registrar_moves_an_agency_to_another_ministry_and_the_registers_read_again_leave_it() {
    let app = TestApp::spawn_national().await;
    let token = app.writer().await;
    let path = format!("/v1/agencies/{GENDER_EQUALITY_AGENCY}");
    let before = app.get_json(&path).await;
    let snapshot = "myndighetsdata-2026-01-02";
    assert_eq!(
        ministry(&before),
        owned("arbetsmarknadsdepartementet", "2026-01-02", snapshot)
    );
    let decision = json!({"slug": DECISION, "title": "Regeringsbeslut om myndigheternas departement",
                          "published_on": "2026-11-20"});
    app.created("/v1/sources", &token, decision).await;
    let moment = app.now().await;

    let tag = header(&app.get(&path).await, "etag");
    let response = app
        .request(Method::PATCH, &path, &token)
        .header("if-match", &tag)
        .json(&json!({"ministry": "socialdepartementet", "source": DECISION}))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    let moved: Value = response.json().await.unwrap();
    let expected = owned("socialdepartementet", "2026-11-20", DECISION);
    assert_eq!(ministry(&moved), expected);
    // The registers' other facts still cite the registers.
    assert_eq!(moved["register_source"]["slug"], snapshot);
    assert_eq!(moved["group"], before["group"]);

    // Listed under its new ministry, no longer under the old one; as known
    // before the move, under the old one still.
    let under =
        |ministry: &str| format!("/v1/agencies?ministry={ministry}&q=jamstalldhetsmyndigheten");
    let listed = app.get_json(&under("socialdepartementet")).await;
    assert_eq!(slugs(&listed["items"], "/slug"), [GENDER_EQUALITY_AGENCY]);
    let listed = app.get_json(&under("arbetsmarknadsdepartementet")).await;
    assert_eq!(slugs(&listed["items"], "/slug"), Vec::<String>::new());
    let known = app.get_json(&format!("{path}?known_at={moment}")).await;
    assert_eq!(ministry(&known).0, "arbetsmarknadsdepartementet");

    // The export and the linked data cite the decision for the ministry.
    let export = app
        .get_with("/v1/exports/agencies", "accept", "application/x-ndjson")
        .await;
    let row: Value = (export.text().await.unwrap().lines())
        .map(|line| serde_json::from_str::<Value>(line).unwrap())
        .find(|row| row["slug"] == GENDER_EQUALITY_AGENCY)
        .expect("the agency's row");
    assert_eq!(
        (
            &row["ministry"],
            &row["ministry_source"],
            &row["register_source"]
        ),
        (
            &json!("socialdepartementet"),
            &json!(DECISION),
            &json!(snapshot)
        )
    );
    let linked = app.get_with(&path, "accept", "application/ld+json").await;
    let linked: Value = linked.json().await.unwrap();
    let decision_id = moved["ministry"]["source"]["id"].as_str().unwrap();
    assert!(
        linked["derivedFrom"].to_string().contains(decision_id),
        "{linked}"
    );

    // The snapshot read again, which says Arbetsmarknadsdepartementet,
    // leaves the registrar's word.
    let again = registry::import::myndighetsdata_from(&app.pool, &carried_snapshot(), None)
        .await
        .expect("the snapshot imports again");
    assert_eq!(again.created, 0, "{again}");
    assert_eq!(ministry(&app.get_json(&path).await), expected);

    // Cleared (it answers to no ministry): no source needed, and the
    // snapshot does not bring the old one back.
    let response = app
        .send(Method::PATCH, &path, &token, &json!({"ministry": null}))
        .await;
    assert_eq!(response.status(), StatusCode::OK);
    registry::import::myndighetsdata_from(&app.pool, &carried_snapshot(), None)
        .await
        .expect("the snapshot imports again");
    assert_eq!(app.get_json(&path).await["ministry"], Value::Null);

    // A new agency with its ministry, as of its source's day.
    let new = json!({
        "slug": "myndigheten-for-jamstalldhetsanalys", "kind": "government_agency",
        "name": {"sv": "Myndigheten för jämställdhetsanalys"}, "started_on": "2027-01-01",
        "ministry": "socialdepartementet", "source": DECISION
    });
    let created = app.created("/v1/agencies", &token, new).await;
    assert_eq!(ministry(&created), expected);
}

#[tokio::test]
async fn a_ministry_that_cannot_be_is_refused_and_changes_nothing() {
    let app = TestApp::spawn_national().await;
    let token = app.writer().await;
    let path = format!("/v1/agencies/{GENDER_EQUALITY_AGENCY}");
    let source = "myndighetsdata-2026-01-02";
    let changes = app.count("changes").await;
    for (patch, refusal) in [
        (
            json!({"ministry": "skatteverket", "source": source}),
            (StatusCode::BAD_REQUEST, "'skatteverket' is not a ministry"),
        ),
        (
            json!({"ministry": "socialdepartmentet", "source": source}),
            (
                StatusCode::BAD_REQUEST,
                "did you mean 'socialdepartementet'",
            ),
        ),
        (
            json!({"ministry": "socialdepartementet"}),
            (StatusCode::BAD_REQUEST, "source"),
        ),
        (
            json!({"ministry": 7, "source": source}),
            (StatusCode::BAD_REQUEST, "ministry"),
        ),
    ] {
        app.refused(Method::PATCH, &path, &token, &patch, refusal)
            .await;
    }
    app.refused(
        Method::PATCH,
        "/v1/agencies/socialdepartementet",
        &token,
        &json!({"ministry": "socialdepartementet", "source": source}),
        (StatusCode::BAD_REQUEST, "another agency"),
    )
    .await;
    let new = json!({
        "slug": "ny-myndighet", "kind": "government_agency", "name": {"sv": "Ny myndighet"},
        "ministry": "kammarkollegiet", "source": source
    });
    app.refused(
        Method::POST,
        "/v1/agencies",
        &token,
        &new,
        (StatusCode::BAD_REQUEST, "not a ministry"),
    )
    .await;
    assert_eq!(app.count("changes").await, changes, "nothing was written");
    app.get_problem("/v1/agencies/ny-myndighet", StatusCode::NOT_FOUND)
        .await;
}
