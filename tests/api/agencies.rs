//! Agencies: who they are, what they hold on a date.

use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

use crate::helpers::*;

#[tokio::test]
async fn the_new_agency_started_on_1_january_2018_in_gothenburg() {
    let app = TestApp::spawn().await;
    let agency = app.agency(GENDER_EQUALITY_AGENCY).await;
    assert_eq!(agency["name"]["sv"], "Jämställdhetsmyndigheten");
    assert_eq!(
        agency["at"],
        registry::domain::today_in_stockholm().to_string()
    );
    assert_eq!(agency["kind"], "government_agency");
    assert_eq!(agency["seat"], "Göteborg");
    assert_eq!(agency["started_on"], "2018-01-01");
    assert_eq!(agency["ended_on"], Value::Null);
    assert_eq!(agency["county"], Value::Null);
    assert_eq!(
        agency["organisation_number"],
        Value::Null,
        "not in the source, so not invented"
    );
    assert_eq!(agency["names"].as_array().unwrap().len(), 1);
    assert_eq!(agency["names"][0]["valid_from"], "2018-01-01");
}

#[tokio::test]
async fn each_county_board_serves_its_own_county() {
    let app = TestApp::spawn().await;
    let stockholm = app.agency(STOCKHOLM_BOARD).await;
    assert_eq!(stockholm["kind"], "county_administrative_board");
    assert_eq!(stockholm["county"]["code"], "01");
    assert_eq!(stockholm["county"]["name"]["sv"], "Stockholms län");
    assert_eq!(
        stockholm["started_on"],
        Value::Null,
        "the source does not say when it started"
    );

    let boards = app
        .all_pages("/v1/agencies?kind=county_administrative_board", 10)
        .await;
    assert_eq!(boards.len(), 21);
    let mut codes: Vec<&str> = boards
        .iter()
        .map(|b| b["county_code"].as_str().unwrap())
        .collect();
    codes.dedup();
    assert_eq!(codes.len(), 21, "one board per county");
}

#[tokio::test]
async fn every_agency_of_the_founding_case_is_listed_once() {
    let app = TestApp::spawn().await;
    let all = app.all_pages("/v1/agencies?at=2018-01-08", 8).await;
    assert!(
        all.iter()
            .all(|a| a["source"]["published_on"] == "2018-01-08"),
        "each item cites its source"
    );
    let slugs = slugs(&Value::from(all), "/slug");
    assert_eq!(
        slugs.len(),
        27,
        "21 county boards, the new agency and five NMT agencies"
    );
    for slug in [
        GENDER_EQUALITY_AGENCY,
        "polismyndigheten",
        "migrationsverket",
        "aklagarmyndigheten",
        "arbetsmiljoverket",
        "skatteverket",
    ] {
        assert!(slugs.contains(&slug.to_owned()), "{slug}");
    }
}

#[tokio::test]
async fn agencies_are_found_by_name_in_either_language_regardless_of_case() {
    let app = TestApp::spawn().await;
    for q in [
        "J%C3%84MST%C3%84LLDHET",
        "gender%20equality",
        "jamstalldhets",
    ] {
        let found = app.all_pages(&format!("/v1/agencies?q={q}"), 20).await;
        assert_eq!(
            slugs(&Value::from(found), "/slug"),
            [GENDER_EQUALITY_AGENCY],
            "q={q}"
        );
    }
    let none = app.all_pages("/v1/agencies?q=finansinspektionen", 20).await;
    assert!(none.is_empty());
}

#[tokio::test]
async fn a_search_of_no_letters_or_digits_finds_nothing() {
    let app = TestApp::spawn().await;
    // Punctuation, an emoji and a script the search keys do not spell.
    for q in ["%21%21", "-", "%F0%9F%98%80", "%E6%9D%B1%E4%BA%AC"] {
        for resource in ["agencies", "assignments"] {
            let found = app.all_pages(&format!("/v1/{resource}?q={q}"), 20).await;
            assert!(found.is_empty(), "{resource}?q={q} found {}", found.len());
        }
    }
    // A blank search is no search: every agency is listed.
    let blank = app.all_pages("/v1/agencies?q=%20", 20).await;
    let all = app.all_pages("/v1/agencies?status=any", 20).await;
    assert!(!all.is_empty());
    assert_eq!(blank, all);
}

#[tokio::test]
async fn on_its_first_day_the_new_agency_holds_the_six_assignments_that_moved() {
    let app = TestApp::spawn().await;
    let held = app
        .agency_assignments(GENDER_EQUALITY_AGENCY, "2018-01-01")
        .await;
    let mut expected: Vec<&str> = PARTS.to_vec();
    expected.push(NATIONAL);
    expected.sort_unstable();
    assert_eq!(slugs(&held["items"], "/assignment/slug"), expected);
    for item in held["items"].as_array().unwrap() {
        assert_eq!(item["started_by_transfer"]["slug"], TRANSFER, "{item}");
        assert_eq!(item["valid_from"], "2018-01-01");
    }

    let before = app
        .agency_assignments(GENDER_EQUALITY_AGENCY, "2017-12-31")
        .await;
    assert_eq!(
        before["items"],
        Value::Array(vec![]),
        "it held nothing before it started"
    );
}

#[tokio::test]
async fn the_county_board_of_stockholm_kept_only_its_regional_assignment() {
    let app = TestApp::spawn().await;
    let before = app.agency_assignments(STOCKHOLM_BOARD, "2017-12-31").await;
    assert_eq!(
        before["items"].as_array().unwrap().len(),
        7,
        "national, five parts, regional"
    );

    let after = app.agency_assignments(STOCKHOLM_BOARD, "2018-01-01").await;
    assert_eq!(
        slugs(&after["items"], "/assignment/slug"),
        ["regionalt-uppdrag-prostitution-manniskohandel-stockholm"]
    );
    assert_eq!(after["agency"]["slug"], STOCKHOLM_BOARD);
    assert_eq!(after["at"], "2018-01-01");
}

#[tokio::test]
async fn a_cursor_is_a_position_in_slug_order() {
    let app = TestApp::spawn().await;
    let page = app
        .get_json("/v1/agencies?limit=100&cursor=lansstyrelsen-vastra-gotaland")
        .await;
    let after = slugs(&page["items"], "/slug");
    assert_eq!(after[0], "migrationsverket", "the next slug in byte order");
    assert!(after
        .iter()
        .all(|slug| slug.as_str() > "lansstyrelsen-vastra-gotaland"));
}

#[tokio::test]
async fn agencies_are_created_renamed_ended_and_deleted_only_when_unused() {
    let app = TestApp::spawn().await;
    let token = app.writer().await;
    let agency = app
        .created(
            "/v1/agencies",
            &token,
            json!({
                "slug": "myndigheten-for-delaktighet", "kind": "government_agency",
                "name": {"sv": "Handisam"}, "started_on": "2006", "source": SOURCE
            }),
        )
        .await;
    assert_eq!(agency["name"]["sv"], "Handisam");
    assert_eq!(agency["started_on"], "2006");
    let found = |q: &'static str, known_at: Option<String>| {
        let app = &app;
        async move {
            app.agencies_found(q, "&status=any", known_at.as_deref())
                .await
        }
    };
    assert_eq!(
        found("handisam", None).await,
        ["myndigheten-for-delaktighet"]
    );
    let before_rename = app.now().await;

    let renamed = app.created("/v1/agencies/myndigheten-for-delaktighet/names", &token, json!({
        "name": {"sv": "Myndigheten för delaktighet", "en": "Swedish Agency for Participation"},
        "valid_from": "2014-05-01", "source": SOURCE
    })).await;
    assert_eq!(renamed["name"]["sv"], "Myndigheten för delaktighet");
    let old = app
        .get_json("/v1/agencies/myndigheten-for-delaktighet?at=2010-01-01")
        .await;
    assert_eq!(old["name"]["sv"], "Handisam");
    assert_eq!(
        old["names"][0]["valid_to"], "2014-05-01",
        "the old name ends where the new one starts"
    );
    // Found by either name, in either language; the new English name was
    // not known before it was written.
    for q in ["delaktighet", "handisam", "participation"] {
        assert_eq!(
            found(q, None).await,
            ["myndigheten-for-delaktighet"],
            "q={q}"
        );
    }
    assert_eq!(
        found("participation", Some(before_rename.clone())).await,
        Vec::<String>::new()
    );

    let response = app
        .send(
            Method::PATCH,
            "/v1/agencies/myndigheten-for-delaktighet",
            &token,
            &json!({"ended_on": "2030-01-01"}),
        )
        .await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(
        response.json::<Value>().await.unwrap()["ended_on"],
        "2030-01-01"
    );

    let response = app
        .request(
            Method::DELETE,
            "/v1/agencies/myndigheten-for-delaktighet",
            &token,
        )
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::NO_CONTENT);
    app.get_problem(
        "/v1/agencies/myndigheten-for-delaktighet",
        StatusCode::NOT_FOUND,
    )
    .await;
    // Gone from the search, and still found as it was known before.
    assert_eq!(found("handisam", None).await, Vec::<String>::new());
    assert_eq!(
        found("handisam", Some(before_rename)).await,
        ["myndigheten-for-delaktighet"]
    );

    let response = app
        .request(
            Method::DELETE,
            "/v1/agencies/jamstalldhetsmyndigheten",
            &token,
        )
        .send()
        .await
        .unwrap();
    let problem = assert_problem(response, StatusCode::CONFLICT, "a holder").await;
    assert_eq!(problem["type"], "/problems/in-use");
    app.get_json("/v1/agencies/jamstalldhetsmyndigheten").await;
}

/// An agency's lifetime cites the source that gave it: a correction of the
/// lifetime cites the correction's source (and so does the name that
/// starts with it), a change of anything else leaves it as it was.
#[tokio::test]
async fn an_agencys_lifetime_cites_the_source_that_gave_it() {
    let app = TestApp::spawn().await;
    let token = app.writer().await;
    let instruction = "forordning-2017-937";
    app.created(
        "/v1/sources",
        &token,
        json!({"slug": instruction, "title": "Förordning (2017:937) med instruktion för Jämställdhetsmyndigheten",
               "published_on": "2017-11-23"}),
    )
    .await;
    let path = format!("/v1/agencies/{GENDER_EQUALITY_AGENCY}");
    let patch = |body: Value| {
        let (app, token, path) = (&app, &token, &path);
        async move {
            let response = app.send(Method::PATCH, path, token, &body).await;
            let status = response.status();
            let text = response.text().await.unwrap();
            assert_eq!(status, StatusCode::OK, "{body}: {text}");
            serde_json::from_str::<Value>(&text).unwrap()
        }
    };
    let before = app.get_json(&path).await;
    assert_eq!(before["lifetime_source"]["slug"], SOURCE);

    let moved = patch(json!({"seat": "Mölndal", "source": instruction})).await;
    assert_eq!(moved["source"]["slug"], instruction, "{moved}");
    assert_eq!(
        moved["lifetime_source"]["slug"], SOURCE,
        "the seat's source does not give the lifetime"
    );

    let corrected = patch(json!({"started_on": "2017-12-01", "source": instruction})).await;
    assert_eq!(corrected["started_on"], "2017-12-01", "{corrected}");
    assert_eq!(corrected["lifetime_source"]["slug"], instruction);
    assert_eq!(corrected["names"][0]["valid_from"], "2017-12-01");
    assert_eq!(corrected["names"][0]["source"]["slug"], instruction);

    let unknown = patch(json!({"started_on": null})).await;
    assert_eq!(unknown["started_on"], Value::Null, "{unknown}");
    assert_eq!(
        unknown["lifetime_source"],
        Value::Null,
        "no lifetime, no source of one"
    );

    let created = app
        .created(
            "/v1/agencies",
            &token,
            json!({
                "slug": "myndigheten-for-delaktighet", "kind": "government_agency",
                "name": {"sv": "Myndigheten för delaktighet"}, "started_on": "2014-05", "source": instruction
            }),
        )
        .await;
    assert_eq!(created["lifetime_source"]["slug"], instruction, "{created}");
    assert_eq!(
        created["register_source"],
        Value::Null,
        "no register says anything of it"
    );
}

#[tokio::test]
async fn a_null_in_a_patch_removes_what_an_agency_may_be_without_and_is_refused_for_the_rest() {
    let app = TestApp::spawn().await;
    let token = app.writer().await;
    let path = "/v1/agencies/jamstalldhetsmyndigheten";
    let before = app.get_json(path).await;
    assert_eq!(before["seat"], "Göteborg");
    let changes = app.count("changes").await;
    for member in ["kind", "source"] {
        let patch = json!({member: null, "seat": "Mölndal"});
        let response = app.send(Method::PATCH, path, &token, &patch).await;
        let problem = assert_problem(response, StatusCode::BAD_REQUEST, member).await;
        assert_eq!(problem["invalid_params"][0]["name"], member, "{problem}");
        assert!(
            problem["detail"].as_str().unwrap().contains("leave it out"),
            "{problem}"
        );
    }
    assert_eq!(app.count("changes").await, changes, "nothing was written");
    assert_eq!(app.get_json(path).await, before);

    let response = app
        .send(Method::PATCH, path, &token, &json!({"seat": null}))
        .await;
    assert_eq!(response.status(), StatusCode::OK);
    let changed: Value = response.json().await.unwrap();
    assert_eq!(changed["seat"], Value::Null, "null removes the seat");
    assert_eq!(changed["kind"], before["kind"]);
}
