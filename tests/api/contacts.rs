//! "How do I reach whoever is responsible?" — before and after 2018-01-08.

use serde_json::Value;

use crate::helpers::*;

fn values_of_kind<'a>(items: &'a Value, kind: &str) -> Vec<&'a str> {
    items
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["kind"] == kind)
        .map(|c| c["value"].as_str().unwrap())
        .collect()
}

#[tokio::test]
async fn the_new_agency_takes_questions_from_8_january_2018_not_before() {
    let app = TestApp::spawn().await;
    let before = app
        .agency_contacts(GENDER_EQUALITY_AGENCY, "2018-01-07")
        .await;
    assert_eq!(before["items"], Value::Array(vec![]));

    let from = app
        .agency_contacts(GENDER_EQUALITY_AGENCY, "2018-01-08")
        .await;
    let items = &from["items"];
    assert_eq!(
        values_of_kind(items, "postal_address"),
        ["Box 73, 424 22 Angered"]
    );
    assert_eq!(
        values_of_kind(items, "visiting_address"),
        ["Angereds Torg 9"]
    );
    assert_eq!(values_of_kind(items, "email"), ["info@jamy.se"]);
    assert_eq!(values_of_kind(items, "phone"), ["031-392 90 00"]);
    for contact in items.as_array().unwrap() {
        assert_eq!(contact["valid_from"], "2018-01-08", "{contact}");
        assert_eq!(contact["agency"]["slug"], GENDER_EQUALITY_AGENCY);
        assert_eq!(contact["audience"], "public");
    }
}

#[tokio::test]
async fn the_support_hotline_kept_its_number_across_the_transfer() {
    let app = TestApp::spawn().await;
    for (at, holder) in [
        ("2017-12-31", STOCKHOLM_BOARD),
        ("2018-01-01", GENDER_EQUALITY_AGENCY),
        ("2019-05-01", GENDER_EQUALITY_AGENCY),
    ] {
        let contacts = app.assignment_contacts(SUPPORT_PROCESS, at).await;
        assert_eq!(contacts["holder"]["slug"], holder, "{at}");
        assert_eq!(
            values_of_kind(&contacts["items"], "hotline"),
            ["020-390 000"],
            "{at}"
        );
        let hotline = &contacts["items"][0];
        assert_eq!(hotline["audience"], "professionals");
        assert_eq!(
            hotline["assignment"]["slug"], SUPPORT_PROCESS,
            "the hotline belongs to the assignment"
        );
    }
}

#[tokio::test]
async fn whoever_is_responsible_is_reachable_by_hotline_first_then_by_the_agencys_contacts_from_8_january(
) {
    let app = TestApp::spawn().await;
    let first_week = app.assignment_contacts(SUPPORT_PROCESS, "2018-01-05").await;
    assert_eq!(
        first_week["items"].as_array().unwrap().len(),
        1,
        "only the hotline: {first_week}"
    );

    let later = app.assignment_contacts(SUPPORT_PROCESS, "2018-01-08").await;
    let kinds: Vec<&str> = later["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["kind"].as_str().unwrap())
        .collect();
    assert_eq!(
        kinds[0], "hotline",
        "the assignment's own contact points come first"
    );
    assert_eq!(values_of_kind(&later["items"], "email"), ["info@jamy.se"]);
    assert_eq!(kinds.len(), 5);
}

#[tokio::test]
async fn the_national_assignment_is_reachable_through_its_parts_hotline_and_websites() {
    let app = TestApp::spawn().await;
    let contacts = app.assignment_contacts(NATIONAL, "2018-01-08").await;
    assert_eq!(contacts["holder"]["slug"], GENDER_EQUALITY_AGENCY);
    assert_eq!(
        values_of_kind(&contacts["items"], "hotline"),
        ["020-390 000"]
    );
    let mut websites = values_of_kind(&contacts["items"], "website");
    websites.sort_unstable();
    assert_eq!(
        websites,
        [
            "https://www.duavgor.se",
            "https://www.nmtsverige.se",
            "https://www.resekurage.se",
            "https://www.safetrip.se"
        ]
    );
}

#[tokio::test]
async fn contacts_on_a_date_nobody_held_the_assignment_are_a_no_holder_problem() {
    let app = TestApp::spawn().await;
    let problem = app
        .get_problem(
            &format!("/v1/assignments/{NATIONAL}/contacts?at=2005-01-01"),
            reqwest::StatusCode::NOT_FOUND,
        )
        .await;
    assert_eq!(problem["type"], "/problems/no-holder");
}
