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
    let cases: [(&str, usize); 10] = [
        ("/v1/transfers?from=2018-01-02&to=2018-01-01", 0),
        ("/v1/transfers?from=2018-01-01&to=2018-01-01", 0),
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

#[tokio::test]
async fn paging_through_transfers_follows_their_dates() {
    let app = TestApp::spawn().await;
    // The founding case has one transfer; two more (one earlier, one later,
    // between other agencies) give the list something to page through.
    sqlx::query(
        "insert into transfers (slug, from_agency_id, to_agency_id, effective_on, source_id)
         select slug, (select id from agencies where slug = 'skatteverket'),
                (select id from agencies where slug = 'polismyndigheten'), effective_on, (select id from sources)
         from (values ('z-earlier', date '2015-07-01'), ('a-later', date '2020-02-29')) as t (slug, effective_on)",
    )
    .execute(&app.pool)
    .await
    .unwrap();

    let all = app.all_pages("/v1/transfers?from=2000-01-01", 1).await;
    let dates: Vec<&str> = all
        .iter()
        .map(|t| t["effective_on"].as_str().unwrap())
        .collect();
    assert_eq!(dates, ["2015-07-01", "2018-01-01", "2020-02-29"]);

    let for_the_police = app
        .all_pages("/v1/transfers?agency=polismyndigheten", 1)
        .await;
    assert_eq!(for_the_police.len(), 2);
}
