//! Assignments: scope over time, parts, bodies, history, lists.

use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

use crate::helpers::*;

#[tokio::test]
async fn the_scope_widened_in_2013_without_becoming_a_new_assignment() {
    let app = TestApp::spawn().await;
    let in_2010 = app.assignment(NATIONAL, "2010-06-01").await;
    let in_2014 = app.assignment(NATIONAL, "2014-06-01").await;

    assert_eq!(in_2010["id"], in_2014["id"], "the same assignment");
    assert!(
        in_2010["version"]["title"]["sv"]
            .as_str()
            .unwrap()
            .ends_with("för sexuella ändamål"),
        "{in_2010}"
    );
    assert_eq!(in_2010["version"]["valid_from"], "2009");
    assert_eq!(in_2010["version"]["valid_to"], "2013");
    let widened = in_2014["version"]["scope"]["sv"].as_str().unwrap();
    for purpose in [
        "avlägsnande av organ",
        "krigstjänst",
        "tvångsarbete",
        "nödläge",
    ] {
        assert!(
            widened.contains(purpose),
            "the 2013 scope covers {purpose}: {widened}"
        );
    }
    assert_eq!(in_2014["version"]["valid_from"], "2013");
    assert_eq!(in_2014["version"]["valid_to"], Value::Null);
    assert_eq!(in_2014["legal_basis"], "Regeringsuppdrag");
    assert_eq!(in_2014["jurisdiction"], "national");
}

#[tokio::test]
async fn the_assignment_shows_its_parts_and_their_holders_on_the_date() {
    let app = TestApp::spawn().await;
    let before = app.assignment(NATIONAL, "2017-12-31").await;
    let after = app.assignment(NATIONAL, "2018-01-01").await;

    assert_eq!(slugs(&before["parts"], "/assignment/slug"), PARTS);
    for part in before["parts"].as_array().unwrap() {
        assert_eq!(part["holder"]["slug"], STOCKHOLM_BOARD, "{part}");
    }
    for part in after["parts"].as_array().unwrap() {
        assert_eq!(part["holder"]["slug"], GENDER_EQUALITY_AGENCY, "{part}");
    }
    assert_eq!(after["holder"]["agency"]["slug"], GENDER_EQUALITY_AGENCY);
    assert_eq!(before["holder"]["agency"]["slug"], STOCKHOLM_BOARD);

    let part = app.assignment(SUPPORT_PROCESS, "2018-01-01").await;
    assert_eq!(part["part_of"]["slug"], NATIONAL);
}

#[tokio::test]
async fn the_nmt_part_lists_the_agencies_and_the_social_services_taking_part() {
    let app = TestApp::spawn().await;
    let nmt = app
        .assignment("nationella-metodstodsteamet", "2018-01-08")
        .await;
    let body = &nmt["bodies"][0];
    assert_eq!(body["abbreviation"], "NMT");

    let participants = body["participants"].as_array().unwrap();
    let mut agencies: Vec<&str> = participants
        .iter()
        .filter_map(|p| p["agency"]["slug"].as_str())
        .collect();
    agencies.sort_unstable();
    assert_eq!(
        agencies,
        [
            "aklagarmyndigheten",
            "arbetsmiljoverket",
            "migrationsverket",
            "polismyndigheten",
            "skatteverket"
        ]
    );
    let functions: Vec<&str> = participants
        .iter()
        .filter_map(|p| p["function"]["sv"].as_str())
        .collect();
    assert_eq!(
        functions.len(),
        1,
        "the social services are a function, not an agency"
    );
    assert!(functions[0].starts_with("Socialtjänsten"), "{functions:?}");
    assert!(participants.iter().all(|p| p["role"] == "member"));
}

#[tokio::test]
async fn history_shows_holders_versions_and_the_transfer_each_with_its_source() {
    let app = TestApp::spawn().await;
    let history = app.assignment_history(NATIONAL).await;

    assert_eq!(
        slugs(&history["holders"], "/agency/slug"),
        [STOCKHOLM_BOARD, GENDER_EQUALITY_AGENCY]
    );
    let holders = history["holders"].as_array().unwrap();
    assert_eq!(holders[0]["valid_from"], "2009");
    assert_eq!(holders[0]["valid_to"], "2018-01-01");
    assert_eq!(holders[1]["valid_from"], "2018-01-01");
    assert_eq!(holders[1]["started_by_transfer"]["slug"], TRANSFER);

    let versions = history["versions"].as_array().unwrap();
    assert_eq!(versions.len(), 2);
    assert_eq!(
        (&versions[0]["valid_from"], &versions[1]["valid_from"]),
        (&Value::from("2009"), &Value::from("2013"))
    );

    let transfers = history["transfers"].as_array().unwrap();
    assert_eq!(transfers.len(), 1);
    assert_eq!(transfers[0]["from_agency"]["slug"], STOCKHOLM_BOARD);
    assert_eq!(transfers[0]["to_agency"]["slug"], GENDER_EQUALITY_AGENCY);

    for fact in holders.iter().chain(versions).chain(transfers) {
        assert_eq!(
            fact["source"]["slug"], "2018-01-08-nationella-uppdrag-flyttar",
            "{fact}"
        );
    }
}

#[tokio::test]
async fn assignments_can_be_filtered_by_holder_on_a_date() {
    let app = TestApp::spawn().await;
    let held = app
        .all_pages(
            "/v1/assignments?holder=jamstalldhetsmyndigheten&at=2018-06-01",
            100,
        )
        .await;
    let mut expected: Vec<&str> = PARTS.to_vec();
    expected.push(NATIONAL);
    expected.sort_unstable();
    assert_eq!(slugs(&Value::from(held), "/slug"), expected);

    let before = app
        .all_pages(
            "/v1/assignments?holder=jamstalldhetsmyndigheten&at=2017-12-31",
            100,
        )
        .await;
    assert!(before.is_empty(), "{before:?}");
}

#[tokio::test]
async fn assignments_can_be_filtered_by_jurisdiction_and_county() {
    let app = TestApp::spawn().await;
    let county = app
        .all_pages("/v1/assignments?jurisdiction=county", 7)
        .await;
    assert_eq!(county.len(), 21);
    assert!(county
        .iter()
        .all(|a| a["jurisdiction"] == "county" && a["county_code"].is_string()));

    let national = app
        .all_pages("/v1/assignments?jurisdiction=national", 100)
        .await;
    assert_eq!(national.len(), 6);

    let stockholm = app
        .all_pages("/v1/assignments?county=01&at=2018-01-01", 100)
        .await;
    assert_eq!(
        slugs(&Value::from(stockholm.clone()), "/slug"),
        ["regionalt-uppdrag-prostitution-manniskohandel-stockholm"]
    );
    assert_eq!(stockholm[0]["holder"]["slug"], STOCKHOLM_BOARD);
}

#[tokio::test]
async fn search_finds_assignments_by_any_title_regardless_of_case() {
    let app = TestApp::spawn().await;
    let found = app
        .all_pages("/v1/assignments?q=%C3%85terv%C3%A4ndande", 100)
        .await; // "Återvändande"
    assert_eq!(
        slugs(&Value::from(found), "/slug"),
        ["atervandandeprogrammet-finansiering"]
    );

    // Only the 2009 title says "sexuella ändamål"; the search covers every version.
    let found = app
        .all_pages("/v1/assignments?q=sexuella&at=2020-01-01", 100)
        .await;
    assert_eq!(slugs(&Value::from(found), "/slug"), [NATIONAL]);
}

/// A search as known at a moment reads the titles known then: not one
/// given after it, and still those of an assignment deleted since.
#[tokio::test]
async fn a_search_as_known_at_a_moment_reads_the_titles_known_then() {
    let app = TestApp::spawn().await;
    let token = app.writer().await;
    app.created(
        "/v1/assignments",
        &token,
        json!({
            "slug": "kvantbiologi", "title": {"sv": "Uppdrag om kvantbiologi"},
            "jurisdiction": "national", "source": SOURCE
        }),
    )
    .await;
    let then = app.now().await;
    app.created(
        &format!("/v1/assignments/{NATIONAL}/versions"),
        &token,
        json!({
            "title": {"sv": "Nationellt uppdrag om fotonik"}, "valid_from": "2027-01-01",
            "source": SOURCE
        }),
    )
    .await;
    let response = app
        .request(Method::DELETE, "/v1/assignments/kvantbiologi", &token)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::NO_CONTENT);

    let found = |q: &'static str, known_at: Option<&str>| {
        let path = match known_at {
            Some(moment) => format!("/v1/assignments?q={q}&known_at={moment}"),
            None => format!("/v1/assignments?q={q}"),
        };
        let app = &app;
        async move { slugs(&Value::from(app.all_pages(&path, 100).await), "/slug") }
    };
    assert_eq!(found("fotonik", None).await, [NATIONAL]);
    assert_eq!(found("fotonik", Some(&then)).await, Vec::<String>::new());
    assert_eq!(found("kvantbiologi", None).await, Vec::<String>::new());
    assert_eq!(found("kvantbiologi", Some(&then)).await, ["kvantbiologi"]);
    // What has not changed since is found as it is now.
    assert_eq!(
        found("%C3%85terv%C3%A4ndande", Some(&then)).await,
        ["atervandandeprogrammet-finansiering"]
    );
    assert_eq!(found("sexuella", Some(&then)).await, [NATIONAL]);
}

#[tokio::test]
async fn paging_through_assignments_yields_each_once_in_slug_order() {
    let app = TestApp::spawn().await;
    let all = app.all_pages("/v1/assignments?at=2018-01-01", 5).await;
    assert!(
        all.iter()
            .all(|a| a["source"]["slug"] == "2018-01-08-nationella-uppdrag-flyttar"),
        "each item cites its source"
    );
    let slugs = slugs(&Value::from(all), "/slug");
    assert_eq!(slugs.len(), 27, "6 national and 21 regional");
    let mut sorted = slugs.clone();
    sorted.sort();
    sorted.dedup();
    assert_eq!(slugs, sorted, "in order, without repeats");

    let first_page = app.get_json("/v1/assignments?limit=27").await;
    assert_eq!(first_page["items"].as_array().unwrap().len(), 27);
    assert_eq!(
        first_page["next_cursor"],
        Value::Null,
        "the last page says so"
    );
}

#[tokio::test]
async fn assignments_get_parts_versions_holders_and_contact_points() {
    let app = TestApp::spawn().await;
    let token = app.writer().await;
    let part = app
        .created(
            "/v1/assignments",
            &token,
            json!({
                "slug": "nationell-kunskapsbank", "title": {"sv": "Nationell kunskapsbank"},
                "jurisdiction": "national", "part_of": NATIONAL, "source": SOURCE
            }),
        )
        .await;
    assert_eq!(part["part_of"]["slug"], NATIONAL);
    let holding = app
        .created(
            "/v1/holdings",
            &token,
            json!({
                "assignment": "nationell-kunskapsbank", "agency": GENDER_EQUALITY_AGENCY,
                "valid_from": "2026-01-01", "source": SOURCE
            }),
        )
        .await;
    assert_eq!(
        app.holder_slug("nationell-kunskapsbank", "2026-06-01")
            .await,
        GENDER_EQUALITY_AGENCY
    );
    let parent = app.assignment(NATIONAL, "2026-06-01").await;
    assert!(parent["parts"]
        .as_array()
        .unwrap()
        .iter()
        .any(|p| p["assignment"]["slug"] == "nationell-kunskapsbank"));

    // A second holder over the same time is refused, naming the period.
    let response = app.send(Method::POST, "/v1/holdings", &token, &json!({
        "assignment": "nationell-kunskapsbank", "agency": "skatteverket", "valid_from": "2026-06-01", "source": SOURCE
    })).await;
    let problem = assert_problem(response, StatusCode::CONFLICT, "two holders").await;
    assert_eq!(problem["type"], "/problems/overlap");
    assert!(
        problem["detail"]
            .as_str()
            .unwrap()
            .contains("nationell-kunskapsbank"),
        "{problem}"
    );
    assert!(
        problem["detail"].as_str().unwrap().contains("2026-01-01"),
        "{problem}"
    );

    // A wrong holder is corrected; the change log keeps what was recorded.
    let path = format!("/v1/holdings/{}", holding["id"].as_str().unwrap());
    let response = app
        .send(
            Method::PATCH,
            &path,
            &token,
            &json!({"agency": "skatteverket"}),
        )
        .await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(
        app.holder_slug("nationell-kunskapsbank", "2026-06-01")
            .await,
        "skatteverket"
    );
    let (before, after): (Value, Value) = sqlx::query_as("select before, after from changes where event = 'holding_changed' order by id desc limit 1")
        .fetch_one(&app.pool).await.unwrap();
    assert_eq!(before["agency_id"], holding["agency_id"]);
    assert_ne!(after["agency_id"], holding["agency_id"]);

    let versioned = app.created("/v1/assignments/nationell-kunskapsbank/versions", &token, json!({
        "title": {"sv": "Nationell kunskapsbank om människohandel"}, "valid_from": "2027-01-01", "source": SOURCE
    })).await;
    assert_eq!(versioned["slug"], "nationell-kunskapsbank");
    assert_eq!(
        app.assignment("nationell-kunskapsbank", "2027-02-01").await["version"]["title"]["sv"],
        "Nationell kunskapsbank om människohandel"
    );
    assert_eq!(
        app.assignment("nationell-kunskapsbank", "2026-02-01").await["version"]["title"]["sv"],
        "Nationell kunskapsbank"
    );

    // A part cannot become a part of its own part.
    let response = app
        .send(
            Method::PATCH,
            &format!("/v1/assignments/{NATIONAL}"),
            &token,
            &json!({"part_of": "nationell-kunskapsbank"}),
        )
        .await;
    let problem = assert_problem(response, StatusCode::BAD_REQUEST, "a cycle").await;
    assert_eq!(problem["invalid_params"][0]["name"], "part_of");

    // A contact point bound to the assignment is shown for it, and ends.
    let contact = app.created("/v1/contact-points", &token, json!({
        "assignment": "nationell-kunskapsbank", "kind": "website", "value": "https://kunskapsbank.example",
        "source": SOURCE
    })).await;
    let contacts = app
        .assignment_contacts("nationell-kunskapsbank", "2026-06-01")
        .await;
    assert!(contacts["items"]
        .as_array()
        .unwrap()
        .iter()
        .any(|c| c["id"] == contact["id"]));
    let path = format!("/v1/contact-points/{}", contact["id"].as_str().unwrap());
    let response = app
        .send(
            Method::PATCH,
            &path,
            &token,
            &json!({"valid_to": "2026-07-01"}),
        )
        .await;
    assert_eq!(response.status(), StatusCode::OK);
    let contacts = app
        .assignment_contacts("nationell-kunskapsbank", "2026-08-01")
        .await;
    assert!(!contacts["items"]
        .as_array()
        .unwrap()
        .iter()
        .any(|c| c["id"] == contact["id"]));

    // Something a holding refers to cannot be deleted.
    let response = app
        .request(
            Method::DELETE,
            "/v1/assignments/nationell-kunskapsbank",
            &token,
        )
        .send()
        .await
        .unwrap();
    assert_problem(response, StatusCode::CONFLICT, "held").await;
}
