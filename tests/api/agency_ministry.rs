//! The ministry an agency answers to, written through the API: it changes
//! with governments, and a registrar records it as a decision says,
//! without waiting for the next snapshot of the registers. Each link is
//! dated: asked about a day, an agency names the ministry of that day.

use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

use crate::helpers::{carried_snapshot, header, slugs, TestApp, GENDER_EQUALITY_AGENCY};

/// A government decision of 20 November 2026, as a source to cite.
const DECISION: &str = "2026-11-20-regeringsbeslut";

/// A ministry link, as (slug, valid_from, valid_to, source slug); nulls
/// as "none".
type Link = (String, String, String, String);

fn link(link: &Value) -> Link {
    let text = |value: &Value| value.as_str().unwrap_or("none").to_owned();
    (
        text(&link["agency"]["slug"]),
        text(&link["valid_from"]),
        text(&link["valid_to"]),
        text(&link["source"]["slug"]),
    )
}

/// The agency's ministry on the day it was asked about.
fn ministry(agency: &Value) -> Link {
    link(&agency["ministry"])
}

/// Every ministry it has answered to, oldest first.
fn ministries(agency: &Value) -> Vec<Link> {
    agency["ministries"]
        .as_array()
        .expect("ministries")
        .iter()
        .map(link)
        .collect()
}

fn owned(slug: &str, from: &str, to: &str, source: &str) -> Link {
    (slug.into(), from.into(), to.into(), source.into())
}

#[tokio::test]
async fn a_registrar_moves_an_agency_to_another_ministry_and_the_registers_read_again_leave_it() {
    let app = TestApp::spawn_national().await;
    let token = app.writer().await;
    let path = format!("/v1/agencies/{GENDER_EQUALITY_AGENCY}");
    let before = app.get_json(&path).await;
    let snapshot = "myndighetsdata-2026-01-02";
    let since_unknown = owned("arbetsmarknadsdepartementet", "none", "none", snapshot);
    assert_eq!(ministry(&before), since_unknown);
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
    let expected = owned("socialdepartementet", "2026-11-20", "none", DECISION);
    assert_eq!(ministry(&moved), expected);
    // The old ministry answered for it until the decision's day.
    let until = owned(
        "arbetsmarknadsdepartementet",
        "none",
        "2026-11-20",
        snapshot,
    );
    assert_eq!(ministries(&moved), [until.clone(), expected.clone()]);
    let day_before = app.get_json(&format!("{path}?at=2026-11-19")).await;
    assert_eq!(ministry(&day_before), until);
    // The ministry's life cannot shrink away from an agency answering to it.
    app.refused(
        Method::PATCH,
        "/v1/agencies/socialdepartementet",
        &token,
        &json!({"started_on": "2026-12-01", "source": DECISION}),
        (
            StatusCode::CONFLICT,
            "agency 'jamstalldhetsmyndigheten' answering to it",
        ),
    )
    .await;
    // The registers' other facts still cite the registers.
    assert_eq!(moved["register_source"]["slug"], snapshot);
    assert_eq!(moved["group"], before["group"]);

    // Listed under its new ministry from the decision's day on, under the
    // old one before; as known before the move, under the old one still.
    let under = |ministry: &str, at: &str| {
        format!("/v1/agencies?ministry={ministry}&q=jamstalldhetsmyndigheten&at={at}")
    };
    for (ministry, at, listed) in [
        ("socialdepartementet", "2026-11-20", true),
        ("arbetsmarknadsdepartementet", "2026-11-20", false),
        ("socialdepartementet", "2026-11-19", false),
        ("arbetsmarknadsdepartementet", "2026-11-19", true),
    ] {
        let page = app.get_json(&under(ministry, at)).await;
        let wanted = if listed {
            vec![GENDER_EQUALITY_AGENCY]
        } else {
            vec![]
        };
        assert_eq!(slugs(&page["items"], "/slug"), wanted, "{ministry} on {at}");
    }
    let known = app.get_json(&format!("{path}?known_at={moment}")).await;
    assert_eq!(ministries(&known), [since_unknown]);

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
    // It answers to the ministry of the day, a node of its own.
    let ministry_id = moved["ministry"]["agency"]["id"].as_str().unwrap();
    let answers_to = &linked["answersTo"];
    assert!(answers_to["@id"]
        .as_str()
        .unwrap()
        .ends_with(&format!("/v1/agencies/{ministry_id}")));
    assert_eq!(answers_to["name"]["sv"], "Socialdepartementet", "{linked}");

    // The snapshot read again, which says Arbetsmarknadsdepartementet,
    // leaves the registrar's word.
    let again = registry::import::myndighetsdata_from(&app.pool, &carried_snapshot(), None)
        .await
        .expect("the snapshot imports again");
    assert_eq!(again.created, 0, "{again}");
    assert_eq!(ministry(&app.get_json(&path).await), expected);

    // From a later decision's day it answers to none, and the snapshot
    // does not bring the old one back.
    let later = json!({"slug": "2026-12-01-regeringsbeslut", "title": "Regeringsbeslut",
                       "published_on": "2026-12-01"});
    app.created("/v1/sources", &token, later).await;
    let response = app
        .send(
            Method::PATCH,
            &path,
            &token,
            &json!({"ministry": null, "source": "2026-12-01-regeringsbeslut"}),
        )
        .await;
    assert_eq!(response.status(), StatusCode::OK);
    registry::import::myndighetsdata_from(&app.pool, &carried_snapshot(), None)
        .await
        .expect("the snapshot imports again");
    let cleared = app.get_json(&format!("{path}?at=2026-12-01")).await;
    assert_eq!(cleared["ministry"], Value::Null);
    let ended = owned("socialdepartementet", "2026-11-20", "2026-12-01", DECISION);
    assert_eq!(ministries(&cleared), [until, ended]);

    // A new agency with its ministry, as of its source's day.
    let new = json!({
        "slug": "myndigheten-for-jamstalldhetsanalys", "kind": "government_agency",
        "name": {"sv": "Myndigheten för jämställdhetsanalys"}, "started_on": "2027-01-01",
        "ministry": "socialdepartementet", "source": DECISION
    });
    let created = app.created("/v1/agencies", &token, new).await;
    let since_its_start = owned("socialdepartementet", "none", "none", DECISION);
    assert_eq!(ministries(&created), [since_its_start]);
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
            json!({"ministry": null}),
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

/// Landsbygds- och infrastrukturdepartementet was formed in 2023: once its
/// start is recorded, Trafikverket (from 2010) answers to it from then on
/// and, before, to a ministry the registry does not know, not to it.
#[tokio::test]
async fn a_ministry_formed_later_answers_for_no_agency_before_it() {
    let app = TestApp::spawn_national().await;
    let token = app.writer().await;
    let ministry = "/v1/agencies/landsbygds-och-infrastrukturdepartementet";
    let formed = json!({"slug": "departementsforordningen-andrad-2022", "title": "Förordning om ändring i departementsförordningen",
                        "published_on": "2022-12-15"});
    app.created("/v1/sources", &token, formed).await;
    let at = |day: &str| format!("/v1/agencies/trafikverket?at={day}");
    assert_eq!(
        ministry_of(&app.get_json(&at("2010-06-01")).await),
        "landsbygds-och-infrastrukturdepartementet",
        "an unknown start, bounded only by Trafikverket's"
    );

    let response = app
        .send(
            Method::PATCH,
            ministry,
            &token,
            &json!({"started_on": "2023-01-01", "source": "departementsforordningen-andrad-2022"}),
        )
        .await;
    assert_eq!(response.status(), StatusCode::OK);
    for (day, answers_to) in [
        ("2010-06-01", "none"),
        ("2022-12-31", "none"),
        ("2023-01-01", "landsbygds-och-infrastrukturdepartementet"),
    ] {
        assert_eq!(
            ministry_of(&app.get_json(&at(day)).await),
            answers_to,
            "{day}"
        );
    }
    let listed = app
        .get_json("/v1/agencies?ministry=landsbygds-och-infrastrukturdepartementet&q=trafikverket&at=2022-06-01")
        .await;
    assert_eq!(slugs(&listed["items"], "/slug"), Vec::<String>::new());
}

fn ministry_of(agency: &Value) -> String {
    ministry(agency).0
}

/// A registry that recorded the ministry on the agency's row keeps, on
/// upgrade, each agency's ministry (since a time not known) and what it
/// knew of it at each moment before.
#[tokio::test]
async fn an_upgraded_registry_keeps_each_agencys_ministry_and_what_it_knew_of_it() {
    let app = TestApp::spawn_upgraded(
        20261207000069,
        &[
            "select set_config('registry.recorded_at', '2020-01-01T00:00:00Z', true);
             insert into sources (slug, title, published_on) values ('snapshot', 'Myndighetsdata', '2019-12-01');
             insert into agencies (slug, kind, source_id)
             select slug, 'ministry', (select id from sources)
             from (values ('naringsdepartementet'), ('finansdepartementet')) m (slug);
             insert into agencies (slug, kind, started_on, started_on_precision, ministry_id, ministry_as_of, source_id)
             select 'tillvaxtverket', 'government_agency', '2009-04-01', 'day',
                    (select id from agencies where slug = 'naringsdepartementet'), '2019-12-01',
                    (select id from sources);
             insert into agency_names (agency_id, name_sv, valid_from, valid_from_precision, source_id)
             select id, initcap(slug), started_on, started_on_precision, source_id from agencies;",
            "select set_config('registry.recorded_at', '2024-01-01T00:00:00Z', true);
             update agencies set ministry_id = (select id from agencies where slug = 'finansdepartementet'),
                                 ministry_as_of = '2024-01-01'
             where slug = 'tillvaxtverket';",
        ],
    )
    .await;
    let path = "/v1/agencies/tillvaxtverket";
    let agency = app.get_json(path).await;
    assert_eq!(
        ministries(&agency),
        [owned("finansdepartementet", "none", "none", "snapshot")]
    );
    let known = app
        .get_json(&format!("{path}?known_at=2022-01-01T00:00:00Z"))
        .await;
    assert_eq!(ministry_of(&known), "naringsdepartementet", "{known}");
    assert_eq!(ministry(&known).1, "none");
    let feed = app.get_json("/v1/changes?agency=tillvaxtverket").await;
    let events: Vec<&str> = (feed["items"].as_array().unwrap().iter())
        .filter_map(|change| change["event"].as_str())
        .collect();
    assert!(
        events.contains(&"agency_ministry_created"),
        "the link is in the feed: {events:?}"
    );
}

/// Trafikverket answered to Näringsdepartementet until the 2023
/// reorganisation: a registrar dates the link the snapshot gave, records
/// the earlier one, and deletes it again as recorded by mistake.
#[tokio::test]
async fn a_registrar_dates_records_and_deletes_the_ministries_an_agency_answered_to() {
    let app = TestApp::spawn_national().await;
    let token = app.writer().await;
    for (slug, published_on) in [
        ("sfs-2010-185", "2010-04-01"),
        ("departementsforordningen-andrad-2022", "2022-12-15"),
    ] {
        let source = json!({"slug": slug, "title": "Svensk författningssamling", "published_on": published_on});
        app.created("/v1/sources", &token, source).await;
    }
    let path = "/v1/agencies/trafikverket";
    let agency = app.get_json(path).await;
    let today = ministries(&agency)[0].clone();
    let link = format!(
        "{path}/ministries/{}",
        agency["ministries"][0]["id"].as_str().unwrap()
    );

    let response = app
        .send(
            Method::PATCH,
            &link,
            &token,
            &json!({"valid_from": "2023-01-01", "source": "departementsforordningen-andrad-2022"}),
        )
        .await;
    assert_eq!(response.status(), StatusCode::OK);
    let dated = owned(
        &today.0,
        "2023-01-01",
        "none",
        "departementsforordningen-andrad-2022",
    );
    let corrected: Value = response.json().await.unwrap();
    assert_eq!(ministries(&corrected), std::slice::from_ref(&dated));
    assert_eq!(
        ministry_of(&app.get_json(&format!("{path}?at=2022-12-31")).await),
        "none"
    );

    // The ministry before it, formed long before and ended in 2023.
    let earlier = json!({"slug": "naringsdepartementet", "kind": "ministry",
                         "name": {"sv": "Näringsdepartementet"}, "started_on": "1998",
                         "ended_on": "2023-01-01", "source": "departementsforordningen-andrad-2022"});
    app.created("/v1/agencies", &token, earlier).await;
    let moved = json!({"ministry": "naringsdepartementet", "source": "sfs-2010-185"});
    let response = app.send(Method::PATCH, path, &token, &moved).await;
    assert_eq!(response.status(), StatusCode::OK);
    let agency: Value = response.json().await.unwrap();
    let before = owned(
        "naringsdepartementet",
        "2010-04-01",
        "2023-01-01",
        "sfs-2010-185",
    );
    assert_eq!(ministries(&agency), [before, dated.clone()]);
    for (day, answers_to) in [
        ("2010-03-31", "none"),
        ("2015-06-01", "naringsdepartementet"),
        ("2023-01-01", today.0.as_str()),
    ] {
        assert_eq!(
            ministry_of(&app.get_json(&format!("{path}?at={day}")).await),
            answers_to,
            "{day}"
        );
    }

    // What cannot be is refused and changes nothing.
    let changes = app.count("changes").await;
    for (patch, refusal) in [
        (
            json!({"ministry": "skatteverket"}),
            (StatusCode::BAD_REQUEST, "not a ministry"),
        ),
        (
            json!({"valid_from": "2009-01-01"}),
            (StatusCode::CONFLICT, "lifetime of agency 'trafikverket'"),
        ),
        (
            json!({"valid_from": "2022-01-01"}),
            (StatusCode::CONFLICT, "two ministries at once"),
        ),
        (
            json!({"valid_to": "2022-01-01"}),
            (StatusCode::BAD_REQUEST, "valid_to"),
        ),
    ] {
        app.refused(Method::PATCH, &link, &token, &patch, refusal)
            .await;
    }
    let unknown = format!("{path}/ministries/{}", uuid::Uuid::new_v4());
    app.refused(
        Method::DELETE,
        &unknown,
        &token,
        &json!({}),
        (StatusCode::NOT_FOUND, "has no ministry link"),
    )
    .await;
    assert_eq!(app.count("changes").await, changes, "nothing was written");

    // Deleted as recorded by mistake: no ministry the registry knows then.
    let wrong = format!(
        "{path}/ministries/{}",
        agency["ministries"][0]["id"].as_str().unwrap()
    );
    let response = app
        .request(Method::DELETE, &wrong, &token)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::NO_CONTENT);
    assert_eq!(ministries(&app.get_json(path).await), [dated]);
    assert_eq!(
        ministry_of(&app.get_json(&format!("{path}?at=2015-06-01")).await),
        "none"
    );
}
