//! "Who holds assignment X on date D?" — the founding case, day by day.

use reqwest::StatusCode;

use crate::helpers::*;

#[tokio::test]
async fn holder_on_the_day_before_the_transfer_is_the_county_administrative_board_of_stockholm() {
    let app = TestApp::spawn().await;
    let body = app
        .get_json(&format!("/v1/assignments/{NATIONAL}/holder?at=2017-12-31"))
        .await;

    assert_eq!(body["agency"]["slug"], STOCKHOLM_BOARD);
    assert_eq!(
        body["agency"]["name"]["sv"],
        "Länsstyrelsen i Stockholms län"
    );
    assert_eq!(
        body["agency"]["name"]["en"],
        "County Administrative Board of Stockholm"
    );
    assert_eq!(body["at"], "2017-12-31");
    assert_eq!(body["valid_from"], "2009");
    assert_eq!(body["valid_to"], "2018-01-01");
    assert_eq!(body["started_by_transfer"], serde_json::Value::Null);
    assert_eq!(body["ended_by_transfer"]["slug"], TRANSFER);
    assert_eq!(body["source"]["published_on"], "2018-01-08");
}

#[tokio::test]
async fn holder_on_the_day_of_the_transfer_is_the_gender_equality_agency() {
    let app = TestApp::spawn().await;
    let body = app
        .get_json(&format!("/v1/assignments/{NATIONAL}/holder?at=2018-01-01"))
        .await;

    assert_eq!(body["agency"]["slug"], GENDER_EQUALITY_AGENCY);
    assert_eq!(body["agency"]["name"]["sv"], "Jämställdhetsmyndigheten");
    assert_eq!(
        body["agency"]["name"]["en"],
        "Swedish Gender Equality Agency"
    );
    assert_eq!(body["valid_from"], "2018-01-01");
    assert_eq!(
        body["valid_to"],
        serde_json::Value::Null,
        "the holding is still open"
    );
    assert_eq!(body["started_by_transfer"]["slug"], TRANSFER);
    assert_eq!(body["started_by_transfer"]["effective_on"], "2018-01-01");
    assert_eq!(body["assignment"]["slug"], NATIONAL);
}

#[tokio::test]
async fn a_start_known_only_to_the_year_is_shown_as_the_year() {
    let app = TestApp::spawn().await;
    for at in ["2009-06-15", "2012-12-31", "2016-03-01"] {
        let body = app
            .get_json(&format!("/v1/assignments/{NATIONAL}/holder?at={at}"))
            .await;
        assert_eq!(body["agency"]["slug"], STOCKHOLM_BOARD, "{at}");
        assert_eq!(
            body["valid_from"], "2009",
            "{at}: the day of the start is not known"
        );
    }
}

#[tokio::test]
async fn nobody_holds_the_national_assignment_before_2009() {
    let app = TestApp::spawn().await;
    let problem = assert_problem(
        app.holder(NATIONAL, "2008-12-31").await,
        StatusCode::NOT_FOUND,
        "2008",
    )
    .await;
    assert_eq!(problem["type"], "/problems/no-holder");
    let detail = problem["detail"].as_str().unwrap();
    assert!(detail.contains("2008-12-31"), "{problem}");
    assert!(
        detail.ends_with(&format!(
            "It is held next by '{STOCKHOLM_BOARD}', from 2009."
        )),
        "{problem}"
    );
    // The same, for a client to follow.
    let next = &problem["next_holding"];
    assert_eq!(next["agency"]["slug"], STOCKHOLM_BOARD, "{problem}");
    assert_eq!(next["valid_from"], "2009", "{problem}");
    assert_eq!(
        problem["last_holding"],
        serde_json::Value::Null,
        "{problem}"
    );
    assert_eq!(problem["unresolved"], serde_json::Value::Null, "{problem}");
}

#[tokio::test]
async fn every_part_moved_with_the_assignment_on_the_same_day() {
    let app = TestApp::spawn().await;
    for part in PARTS {
        assert_eq!(
            app.holder_slug(part, "2017-12-31").await,
            STOCKHOLM_BOARD,
            "{part} before"
        );
        assert_eq!(
            app.holder_slug(part, "2018-01-01").await,
            GENDER_EQUALITY_AGENCY,
            "{part} on the day"
        );
        let body = app
            .get_json(&format!("/v1/assignments/{part}/holder?at=2018-01-01"))
            .await;
        assert_eq!(body["started_by_transfer"]["slug"], TRANSFER, "{part}");
    }
}

#[tokio::test]
async fn the_regional_assignments_stayed_with_their_county_boards() {
    let app = TestApp::spawn().await;
    for county in COUNTY_SLUGS {
        let assignment = format!("regionalt-uppdrag-prostitution-manniskohandel-{county}");
        let board = format!("lansstyrelsen-{county}");
        for at in ["2017-12-31", "2018-01-01", "2026-01-01"] {
            let body = app
                .get_json(&format!("/v1/assignments/{assignment}/holder?at={at}"))
                .await;
            assert_eq!(body["agency"]["slug"], board, "{assignment} on {at}");
            assert_eq!(
                body["valid_from"],
                serde_json::Value::Null,
                "the source does not say since when"
            );
            assert_eq!(
                body["valid_to"],
                serde_json::Value::Null,
                "{assignment} did not move"
            );
        }
    }
}

#[tokio::test]
async fn the_holder_can_be_asked_by_uuid_as_well_as_by_slug() {
    let app = TestApp::spawn().await;
    let by_slug = app
        .get_json(&format!("/v1/assignments/{NATIONAL}/holder?at=2018-01-01"))
        .await;
    let id = by_slug["assignment"]["id"].as_str().unwrap();
    let by_id = app
        .get_json(&format!("/v1/assignments/{id}/holder?at=2018-01-01"))
        .await;
    assert_eq!(by_slug, by_id);
    let by_upper_id = app
        .get_json(&format!(
            "/v1/assignments/{}/holder?at=2018-01-01",
            id.to_uppercase()
        ))
        .await;
    assert_eq!(by_slug, by_upper_id);
}

#[tokio::test]
async fn without_a_date_the_holder_is_todays() {
    let app = TestApp::spawn().await;
    let body = app
        .get_json(&format!("/v1/assignments/{NATIONAL}/holder"))
        .await;
    let today = registry::domain::today_in_stockholm().to_string();
    assert_eq!(body["at"], today);
    assert_eq!(body["agency"]["slug"], GENDER_EQUALITY_AGENCY);
}
