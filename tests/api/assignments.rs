//! Assignments: scope over time, parts, bodies, history, lists.

use serde_json::Value;

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
