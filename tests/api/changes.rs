//! The change log: the feed of domain events, and reads "as known at".

use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

use crate::helpers::{
    TestApp, GENDER_EQUALITY_AGENCY, SOURCE, SUPPORT_PROCESS, TRANSFER, WEST_BOARD,
};

#[tokio::test]
async fn the_feed_pages_through_every_change_once_in_order() {
    let app = TestApp::spawn().await;
    let total = app.count("changes").await;
    let mut seen = Vec::new();
    let mut cursor = "0".to_owned();
    loop {
        let page = app
            .get_json(&format!("/v1/changes?after={cursor}&limit=100"))
            .await;
        let items = page["items"].as_array().unwrap();
        seen.extend(
            items
                .iter()
                .map(|c| c["cursor"].as_str().unwrap().parse::<i64>().unwrap()),
        );
        cursor = page["next_cursor"].as_str().unwrap().to_owned();
        if !page["has_more"].as_bool().unwrap() {
            break;
        }
    }
    assert_eq!(seen.len() as i64, total);
    assert!(seen.windows(2).all(|w| w[0] < w[1]), "in order");
    let first = &app.get_json("/v1/changes?limit=1").await["items"][0];
    assert_eq!(
        first["recorded_at"], "2018-01-07T23:00:00Z",
        "the founding case is dated by its source"
    );
    assert_eq!(first["recorded_by"], Value::Null);
    let caught_up = app.get_json(&format!("/v1/changes?after={cursor}")).await;
    assert_eq!(caught_up["items"], json!([]));
    assert_eq!(
        caught_up["next_cursor"],
        cursor.as_str(),
        "polling keeps its place"
    );
}

#[tokio::test]
async fn a_transfer_shows_in_the_feed_as_domain_events_with_the_state_before() {
    let app = TestApp::spawn().await;
    let token = app.writer().await;
    let start = app.count("changes").await.to_string();
    app.created("/v1/transfers", &token, json!({
        "slug": "2027-01-01-till-vastra-gotaland", "from": GENDER_EQUALITY_AGENCY, "to": WEST_BOARD,
        "effective_on": "2027-01-01", "assignments": [SUPPORT_PROCESS], "source": SOURCE
    })).await;
    let page = app.get_json(&format!("/v1/changes?after={start}")).await;
    let items = page["items"].as_array().unwrap();
    let events: Vec<&str> = items.iter().map(|c| c["event"].as_str().unwrap()).collect();
    assert_eq!(
        events,
        [
            "transfer_recorded",
            "transfer_item_created",
            "holding_ended",
            "holding_started"
        ],
        "{page}"
    );
    let write = &items[0]["write_id"];
    assert!(items.iter().all(|c| &c["write_id"] == write), "one write");
    assert!(
        items.iter().all(|c| c["recorded_by"].is_string()),
        "the token is recorded"
    );
    let ended = &items[2];
    assert_eq!(ended["before"]["valid_to"], Value::Null);
    assert_eq!(ended["after"]["valid_to"], "2027-01-01");

    let response = app.get("/v1/changes?after=-1").await;
    assert_eq!(response.status(), StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn reads_answer_as_the_registry_knew_at_a_moment() {
    let app = TestApp::spawn().await;
    // The founding transfer took effect on 2018-01-01 but was recorded on 2018-01-08.
    app.get_problem(
        &format!("/v1/transfers/{TRANSFER}?known_at=2018-01-02T12:00:00%2B01:00"),
        StatusCode::NOT_FOUND,
    )
    .await;
    app.get_problem(
        &format!(
            "/v1/assignments/{SUPPORT_PROCESS}/holder?at=2018-01-02&known_at=2018-01-02T12:00:00Z"
        ),
        StatusCode::NOT_FOUND,
    )
    .await;
    app.get_json(&format!(
        "/v1/transfers/{TRANSFER}?known_at=2018-01-09T00:00:00Z"
    ))
    .await;

    // An announced transfer is not known before it was recorded.
    let token = app.writer().await;
    let before_post: chrono::DateTime<chrono::Utc> = sqlx::query_scalar("select clock_timestamp()")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    app.created("/v1/transfers", &token, json!({
        "slug": "2027-01-01-till-vastra-gotaland", "from": GENDER_EQUALITY_AGENCY, "to": WEST_BOARD,
        "effective_on": "2027-01-01", "assignments": [SUPPORT_PROCESS], "source": SOURCE
    })).await;
    let then = before_post.to_rfc3339_opts(chrono::SecondsFormat::Micros, true);
    let holder = app
        .get_json(&format!(
            "/v1/assignments/{SUPPORT_PROCESS}/holder?at=2027-06-01&known_at={then}"
        ))
        .await;
    assert_eq!(holder["agency"]["slug"], GENDER_EQUALITY_AGENCY, "{holder}");
    assert_eq!(
        app.holder_slug(SUPPORT_PROCESS, "2027-06-01").await,
        WEST_BOARD
    );

    // A correction: the old value stays readable as known before it.
    let contact = "/v1/contact-points/f79dd9da-0bf3-5bfe-b85d-e5783cd5d058";
    let before_fix: chrono::DateTime<chrono::Utc> = sqlx::query_scalar("select clock_timestamp()")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    let response = app
        .send(
            Method::PATCH,
            contact,
            &token,
            &json!({"value": "020-390 001"}),
        )
        .await;
    assert_eq!(response.status(), StatusCode::OK);
    let then = before_fix.to_rfc3339_opts(chrono::SecondsFormat::Micros, true);
    assert_eq!(
        app.get_json(&format!("{contact}?known_at={then}")).await["value"],
        "020-390 000"
    );
    assert_eq!(app.get_json(contact).await["value"], "020-390 001");

    let problem = app
        .get_problem("/v1/agencies?known_at=yesterday", StatusCode::BAD_REQUEST)
        .await;
    assert_eq!(problem["invalid_params"][0]["name"], "known_at");
}

/// "As known at" reads history tables the change log's trigger keeps: each
/// tracked table's history has its columns (and `recorded`), in order and
/// of the same types, so that a migration that adds a column to a table and
/// not to its history fails here; the `known` view of each has exactly the
/// table's columns; and the versions recorded as current are the table's
/// rows, after the whole national import and a transfer.
#[tokio::test]
async fn every_tracked_table_and_its_history_agree_column_by_column() {
    let app = TestApp::spawn_national().await;
    let token = app.writer().await;
    app.created(
        "/v1/transfers",
        &token,
        json!({
            "slug": "2027-01-01-stodprocessen-vastra-gotaland", "from": GENDER_EQUALITY_AGENCY,
            "to": WEST_BOARD, "effective_on": "2027-01-01", "assignments": [SUPPORT_PROCESS],
            "source": SOURCE
        }),
    )
    .await;
    let tracked: Vec<String> = sqlx::query_scalar(
        "select distinct event_object_table::text from information_schema.triggers
         where trigger_schema = 'public' and trigger_name = event_object_table || '_record_change'
         order by 1",
    )
    .fetch_all(&app.pool)
    .await
    .unwrap();
    assert!(tracked.len() >= 17, "{tracked:?}");
    let columns = |schema: &'static str, table: String| {
        let pool = app.pool.clone();
        async move {
            sqlx::query_as::<_, (String, String)>(
                "select column_name::text, data_type::text from information_schema.columns
                 where table_schema = $1 and table_name = $2 and column_name <> 'recorded'
                 order by ordinal_position",
            )
            .bind(schema)
            .bind(table)
            .fetch_all(&pool)
            .await
            .unwrap()
        }
    };
    for table in &tracked {
        let own = columns("public", table.clone()).await;
        assert_eq!(
            columns("history", table.clone()).await,
            own,
            "history.{table}"
        );
        assert_eq!(columns("known", table.clone()).await, own, "known.{table}");
        let differing: i64 = sqlx::query_scalar(&format!(
            "select count(*) from (
                 (select to_jsonb(t) from public.{table} t
                  except all
                  select to_jsonb(h) - 'recorded' from history.{table} h where upper_inf(h.recorded))
                 union all
                 (select to_jsonb(h) - 'recorded' from history.{table} h where upper_inf(h.recorded)
                  except all
                  select to_jsonb(t) from public.{table} t)) differing"
        ))
        .fetch_one(&app.pool)
        .await
        .unwrap();
        assert_eq!(
            differing, 0,
            "{table}: the rows and their current versions differ"
        );
    }
    let versions: i64 = sqlx::query_scalar(
        "select count(*) from history.holdings h join assignments a on a.id = h.assignment_id
         where a.slug = $1",
    )
    .bind(SUPPORT_PROCESS)
    .fetch_one(&app.pool)
    .await
    .unwrap();
    assert!(
        versions >= 3,
        "the ended holding's two versions and the new one: {versions}"
    );
}
