//! Which agency took over from which, written through the API: a
//! registrar records that an agency replaced another, and whoever asks how
//! to reach the old one is told where to turn.

use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

use crate::helpers::{assert_problem, carried_snapshot, header, TestApp, SOURCE};

/// Handisam, the agency for disability policy coordination, which
/// Myndigheten för delaktighet replaced on 1 May 2014: neither is in the
/// founding case.
const PREDECESSOR: &str = "handisam";
const SUCCESSOR: &str = "myndigheten-for-delaktighet";

/// The slugs and kinds of `lineage`'s `list` (`predecessors` or
/// `successors`), with their ids.
fn links(lineage: &Value, list: &str) -> Vec<(String, String, String, String)> {
    (lineage[list]
        .as_array()
        .unwrap_or_else(|| panic!("{lineage}"))
        .iter())
    .map(|link| {
        let text = |field: &Value| field.as_str().unwrap().to_owned();
        (
            text(&link["predecessor"]["slug"]),
            text(&link["successor"]["slug"]),
            text(&link["kind"]),
            text(&link["id"]),
        )
    })
    .collect()
}

/// Both agencies, recorded by a registrar: the one ended on the day the
/// other began.
async fn handisam_and_its_successor(app: &TestApp, token: &str) {
    for (slug, name, started_on, ended_on) in [
        (
            PREDECESSOR,
            "Myndigheten för handikappolitisk samordning",
            json!("2006-07-01"),
            json!("2014-05-01"),
        ),
        (
            SUCCESSOR,
            "Myndigheten för delaktighet",
            json!("2014-05-01"),
            Value::Null,
        ),
    ] {
        let agency = json!({
            "slug": slug, "kind": "government_agency", "name": {"sv": name},
            "started_on": started_on, "ended_on": ended_on, "source": SOURCE
        });
        app.created("/v1/agencies", token, agency).await;
    }
}

#[tokio::test]
async fn a_registrar_records_who_took_over_and_the_old_agencys_contacts_name_it() {
    let app = TestApp::spawn().await;
    let token = app.writer().await;
    handisam_and_its_successor(&app, &token).await;
    // Ended, and nobody named to turn to.
    let contacts = app.agency_contacts(PREDECESSOR, "2015-01-01").await;
    assert_eq!(contacts["status"], "ended", "{contacts}");
    assert_eq!(contacts["successors"], json!([]), "{contacts}");

    let feed_before: i64 = sqlx::query_scalar("select max(id) from changes")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    let link = json!({
        "predecessor": PREDECESSOR, "successor": SUCCESSOR, "kind": "replaced",
        "effective_on": "2014-05-01", "source": SOURCE
    });
    let response = app
        .send(Method::POST, "/v1/lineage-links", &token, &link)
        .await;
    assert_eq!(response.status(), StatusCode::CREATED);
    let location = header(&response, "location");
    let created: Value = response.json().await.unwrap();
    let id = created["id"].as_str().unwrap().to_owned();
    assert_eq!(location, format!("/v1/lineage-links/{id}"));
    assert_eq!(created["kind"], "replaced");
    assert_eq!(created["effective_on"], "2014-05-01");
    assert_eq!(app.get_json(&location).await, created);

    // The old agency's contacts name the new one; both lineages show the
    // link, under the id that names it.
    let contacts = app.agency_contacts(PREDECESSOR, "2015-01-01").await;
    let expected = vec![(
        PREDECESSOR.to_owned(),
        SUCCESSOR.to_owned(),
        "replaced".to_owned(),
        id.clone(),
    )];
    assert_eq!(links(&contacts, "successors"), expected, "{contacts}");
    let old = app
        .get_json(&format!("/v1/agencies/{PREDECESSOR}/lineage"))
        .await;
    assert_eq!(links(&old, "successors"), expected);
    let new = app
        .get_json(&format!("/v1/agencies/{SUCCESSOR}/lineage"))
        .await;
    assert_eq!(links(&new, "predecessors"), expected);

    // Corrected: it merged into the new agency, on a date known to the
    // month. The tag of the link is what If-Match checks.
    let tag = header(&app.get(&location).await, "etag");
    let response = app
        .request(Method::PATCH, &location, &token)
        .header("if-match", &tag)
        .json(&json!({"kind": "merged_into", "effective_on": "2014-05"}))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    let corrected: Value = response.json().await.unwrap();
    assert_eq!(
        (&corrected["kind"], &corrected["effective_on"]),
        (&json!("merged_into"), &json!("2014-05"))
    );
    let response = app
        .request(Method::PATCH, &location, &token)
        .header("if-match", &tag)
        .json(&json!({"kind": "replaced"}))
        .send()
        .await
        .unwrap();
    assert_problem(response, StatusCode::PRECONDITION_FAILED, "the tag before").await;

    // The change feed has it as written and corrected, by whom.
    let feed = app
        .get_json(&format!("/v1/changes?after={feed_before}&limit=100"))
        .await;
    let events: Vec<&str> = (feed["items"].as_array().unwrap().iter())
        .filter(|change| change["entity_id"] == id.as_str() && !change["recorded_by"].is_null())
        .map(|change| change["event"].as_str().unwrap())
        .collect();
    assert_eq!(
        events,
        ["agency_lineage_link_created", "agency_lineage_link_changed"],
        "{feed}"
    );

    // Deleted: the old agency names nobody again.
    let response = app
        .send(Method::DELETE, &location, &token, &Value::Null)
        .await;
    assert_eq!(response.status(), StatusCode::NO_CONTENT);
    app.get_problem(&location, StatusCode::NOT_FOUND).await;
    let contacts = app.agency_contacts(PREDECESSOR, "2015-01-01").await;
    assert_eq!(contacts["successors"], json!([]), "{contacts}");
}

#[tokio::test]
async fn a_link_that_cannot_be_is_refused_and_changes_nothing() {
    let app = TestApp::spawn().await;
    let token = app.writer().await;
    handisam_and_its_successor(&app, &token).await;
    let link = |predecessor: &str, successor: &str| {
        json!({"predecessor": predecessor, "successor": successor, "kind": "replaced",
               "source": SOURCE})
    };
    let created = app
        .created("/v1/lineage-links", &token, link(PREDECESSOR, SUCCESSOR))
        .await;
    let path = format!("/v1/lineage-links/{}", created["id"].as_str().unwrap());
    app.created("/v1/lineage-links", &token, link(SUCCESSOR, "skatteverket"))
        .await;
    let changes = app.count("changes").await;
    let mut with = link(PREDECESSOR, SUCCESSOR);
    with["valid_from"] = json!("2030");
    let mut undated = link(PREDECESSOR, "skatteverket");
    undated["effective_on"] = json!("2030-02-30");
    let mut unkind = link(PREDECESSOR, "skatteverket");
    unkind["kind"] = json!("absorbed");
    for (body, refusal) in [
        // The same two again; back to the old one, over one link or two
        // (a circle).
        (
            link(PREDECESSOR, SUCCESSOR),
            (StatusCode::CONFLICT, "linked already"),
        ),
        (
            link(SUCCESSOR, PREDECESSOR),
            (StatusCode::CONFLICT, "its own predecessor"),
        ),
        (
            link("skatteverket", PREDECESSOR),
            (StatusCode::CONFLICT, "its own predecessor"),
        ),
        // An agency of its own; one that is not there, with the one meant.
        (
            link(SUCCESSOR, SUCCESSOR),
            (StatusCode::BAD_REQUEST, "successor"),
        ),
        (
            link("handisma", "skatteverket"),
            (StatusCode::BAD_REQUEST, "did you mean 'handisam'"),
        ),
        (undated, (StatusCode::BAD_REQUEST, "effective_on")),
        (unkind, (StatusCode::BAD_REQUEST, "kind")),
        (with, (StatusCode::BAD_REQUEST, "valid_from")),
        (
            json!({"predecessor": PREDECESSOR, "successor": "skatteverket", "kind": "replaced"}),
            (StatusCode::BAD_REQUEST, "source"),
        ),
    ] {
        app.refused(Method::POST, "/v1/lineage-links", &token, &body, refusal)
            .await;
    }
    // A correction keeps the two agencies it links.
    for (patch, refusal) in [
        (json!({"kind": null}), (StatusCode::BAD_REQUEST, "kind")),
        (
            json!({"predecessor": "skatteverket"}),
            (StatusCode::BAD_REQUEST, "predecessor"),
        ),
        (
            json!({"source": "no-such-source"}),
            (StatusCode::BAD_REQUEST, "source"),
        ),
    ] {
        app.refused(Method::PATCH, &path, &token, &patch, refusal)
            .await;
    }
    for (bad, refusal) in [
        (
            "/v1/lineage-links/replaced".to_owned(),
            (StatusCode::NOT_FOUND, "named by UUID"),
        ),
        (
            "/v1/lineage-links/not%20a%20slug".to_owned(),
            (StatusCode::BAD_REQUEST, "id"),
        ),
        (
            format!("/v1/lineage-links/{}", uuid::Uuid::new_v4()),
            (StatusCode::NOT_FOUND, "no lineage link"),
        ),
    ] {
        app.refused(Method::DELETE, &bad, &token, &Value::Null, refusal)
            .await;
    }
    // Only a registrar: not even the agency's own token.
    let own = app.agency_writer(PREDECESSOR).await;
    app.refused(
        Method::DELETE,
        &path,
        &own,
        &Value::Null,
        (StatusCode::FORBIDDEN, "registrar"),
    )
    .await;
    assert_eq!(app.count("changes").await, changes, "nothing was written");
}

#[tokio::test]
async fn links_a_registrar_wrote_corrected_or_deleted_stay_so_when_the_registers_are_read_again() {
    let app = TestApp::spawn_national().await;
    let token = app.writer().await;
    let lineage = |agency: &'static str, list: &'static str| {
        let app = &app;
        async move {
            let lineage = app
                .get_json(&format!("/v1/agencies/{agency}/lineage"))
                .await;
            let mut links: Vec<(String, String, String, String)> =
                (lineage[list].as_array().unwrap().iter())
                    .filter(|link| link["generation"] == 1)
                    .map(|link| {
                        let text = |field: &Value| field.as_str().unwrap().to_owned();
                        (
                            text(&link["predecessor"]["slug"]),
                            text(&link["kind"]),
                            text(&link["id"]),
                            link["effective_on"]
                                .as_str()
                                .unwrap_or("unknown")
                                .to_owned(),
                        )
                    })
                    .collect();
            links.sort();
            links
        }
    };
    let merged = lineage("trafikverket", "predecessors").await;
    let id_from = |slug: &str| {
        (merged.iter())
            .find(|link| link.0 == slug)
            .unwrap_or_else(|| panic!("{slug} in {merged:?}"))
            .2
            .clone()
    };
    // Vägverket's link deleted; Banverket's dated to the month only; a
    // link from Vägverket to Transportstyrelsen added, citing the
    // registers themselves.
    let deleted = app
        .send(
            Method::DELETE,
            &format!("/v1/lineage-links/{}", id_from("vagverket")),
            &token,
            &Value::Null,
        )
        .await;
    assert_eq!(deleted.status(), StatusCode::NO_CONTENT);
    let corrected = app
        .send(
            Method::PATCH,
            &format!("/v1/lineage-links/{}", id_from("banverket")),
            &token,
            &json!({"effective_on": "2010-04"}),
        )
        .await;
    assert_eq!(corrected.status(), StatusCode::OK);
    let added = json!({"predecessor": "vagverket", "successor": "transportstyrelsen",
                       "kind": "split_into", "effective_on": "2009-01-01",
                       "source": "myndighetsdata-2026-01-02"});
    app.created("/v1/lineage-links", &token, added).await;
    let written = (
        lineage("trafikverket", "predecessors").await,
        lineage("transportstyrelsen", "predecessors").await,
    );
    assert!(
        !written.0.iter().any(|link| link.0 == "vagverket"),
        "{written:?}"
    );
    assert!(
        written
            .0
            .iter()
            .any(|link| link.0 == "banverket" && link.3 == "2010-04"),
        "{written:?}"
    );
    assert!(
        written.1.iter().any(|link| link.0 == "vagverket"),
        "{written:?}"
    );

    let again = registry::import::myndighetsdata_from(&app.pool, &carried_snapshot(), None)
        .await
        .expect("the snapshot imports again");
    assert!(again.withdrawn.is_empty(), "{again}");
    let read_again = (
        lineage("trafikverket", "predecessors").await,
        lineage("transportstyrelsen", "predecessors").await,
    );
    assert_eq!(read_again, written);
}
