//! Transfers: what moved, when, from whom to whom.

use serde_json::Value;

use crate::helpers::*;

#[tokio::test]
async fn the_transfer_moved_six_assignments_and_says_what_stayed_behind() {
    let app = TestApp::spawn().await;
    let transfer = app.transfer(TRANSFER).await;
    assert_eq!(transfer["effective_on"], "2018-01-01");
    assert_eq!(transfer["from_agency"]["slug"], STOCKHOLM_BOARD);
    assert_eq!(transfer["to_agency"]["slug"], GENDER_EQUALITY_AGENCY);
    let moved = slugs(&transfer["assignments"], "/slug");
    assert_eq!(moved.len(), 6);
    assert_eq!(moved[0], NATIONAL, "the assignment first, then its parts");
    for part in PARTS {
        assert!(moved.contains(&part.to_owned()), "{part}");
    }
    assert!(
        transfer["stays_behind"]["sv"]
            .as_str()
            .unwrap()
            .contains("regionala uppdraget"),
        "{transfer}"
    );
    assert_eq!(transfer["source"]["published_on"], "2018-01-08");

    let by_id = app.transfer(transfer["id"].as_str().unwrap()).await;
    assert_eq!(by_id, transfer);
}

#[tokio::test]
async fn transfers_can_be_filtered_by_agency_and_half_open_date_range() {
    let app = TestApp::spawn().await;
    let cases: [(&str, usize); 8] = [
        ("/v1/transfers?agency=jamstalldhetsmyndigheten", 1),
        ("/v1/transfers?agency=lansstyrelsen-stockholm", 1),
        ("/v1/transfers?agency=skatteverket", 0),
        ("/v1/transfers?from=2018-01-01", 1),
        ("/v1/transfers?from=2018-01-02", 0),
        ("/v1/transfers?from=2017-01-01&to=2018-01-01", 0),
        ("/v1/transfers?from=2017-01-01&to=2018-01-02", 1),
        ("/v1/transfers?to=2030-01-01", 1),
    ];
    for (path, expected) in cases {
        let page = app.get_json(path).await;
        assert_eq!(page["items"].as_array().unwrap().len(), expected, "{path}");
        assert_eq!(page["next_cursor"], Value::Null, "{path}");
    }
    let page = app.get_json("/v1/transfers").await;
    assert_eq!(
        page["items"][0]["assignments"].as_array().unwrap().len(),
        6,
        "list items are complete transfers"
    );
}
