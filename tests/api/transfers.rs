//! Transfers: what moved, when, from whom to whom; recording one (atomic
//! moves, refusals that write nothing, racing clients), correcting and
//! withdrawing it.

use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

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
    assert_eq!(
        transfer["legal_basis"],
        "Förordning (2017:937) med instruktion för Jämställdhetsmyndigheten",
        "the new agency's instruction, in force from the day"
    );

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

fn transfer(slug: &str, to: &str, on: &str, assignments: &[&str]) -> Value {
    json!({
        "slug": slug, "from": GENDER_EQUALITY_AGENCY, "to": to, "effective_on": on,
        "assignments": assignments, "source": SOURCE,
        "note": {"sv": "Uppdraget flyttar.", "en": "The assignment moves."}
    })
}

#[tokio::test]
async fn an_announced_transfer_moves_the_assignment_and_its_parts_without_gap_or_overlap() {
    let app = TestApp::spawn().await;
    let token = app.writer().await;
    let response = app
        .send(
            Method::POST,
            "/v1/transfers",
            &token,
            &transfer(
                "2027-01-01-till-vastra-gotaland",
                WEST_BOARD,
                "2027-01-01",
                &[NATIONAL],
            ),
        )
        .await;
    assert_eq!(response.status(), StatusCode::CREATED);
    assert_eq!(
        header(&response, "location"),
        "/v1/transfers/2027-01-01-till-vastra-gotaland"
    );
    let recorded: Value = response.json().await.unwrap();
    assert_eq!(recorded["effective_on"], "2027-01-01");
    assert_eq!(
        recorded["assignments"].as_array().unwrap().len(),
        1 + PARTS.len(),
        "{recorded}"
    );

    for assignment in std::iter::once(NATIONAL).chain(PARTS) {
        assert_eq!(
            app.holder_slug(assignment, "2026-12-31").await,
            GENDER_EQUALITY_AGENCY,
            "{assignment}, last day before"
        );
        assert_eq!(
            app.holder_slug(assignment, "2027-01-01").await,
            WEST_BOARD,
            "{assignment}, effective date"
        );
    }
    let history = app.assignment_history(NATIONAL).await;
    let periods: Vec<(Value, Value)> = history["holders"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| (h["valid_from"].clone(), h["valid_to"].clone()))
        .collect();
    assert_eq!(
        periods.last().unwrap(),
        &(json!("2027-01-01"), Value::Null),
        "{history}"
    );
    assert_eq!(
        periods[periods.len() - 2].1,
        json!("2027-01-01"),
        "the old holding ends where the new one starts"
    );

    // The hotline belongs to its assignment: it moves with it.
    let contacts = app.assignment_contacts(SUPPORT_PROCESS, "2027-01-02").await;
    assert_eq!(contacts["holder"]["slug"], WEST_BOARD);
    assert!(
        contacts["items"]
            .as_array()
            .unwrap()
            .iter()
            .any(|c| c["value"] == "020-390 000"),
        "{contacts}"
    );
}

#[tokio::test]
async fn parts_stay_when_the_transfer_says_so() {
    let app = TestApp::spawn().await;
    let token = app.writer().await;
    let mut body = transfer(
        "2027-01-01-utan-delar",
        WEST_BOARD,
        "2027-01-01",
        &[NATIONAL],
    );
    body["with_parts"] = json!(false);
    app.created("/v1/transfers", &token, body).await;
    assert_eq!(app.holder_slug(NATIONAL, "2027-01-01").await, WEST_BOARD);
    assert_eq!(
        app.holder_slug(SUPPORT_PROCESS, "2027-01-01").await,
        GENDER_EQUALITY_AGENCY
    );
}

#[tokio::test]
async fn a_transfer_from_an_agency_that_does_not_hold_the_assignment_is_409_and_writes_nothing() {
    let app = TestApp::spawn().await;
    let token = app.writer().await;
    let before = (
        app.count("transfers").await,
        app.count("holdings").await,
        app.count("changes").await,
    );

    // Jämställdhetsmyndigheten held nothing before 2018.
    let response = app
        .send(
            Method::POST,
            "/v1/transfers",
            &token,
            &transfer(
                "2015-01-01-for-tidigt",
                WEST_BOARD,
                "2015-01-01",
                &[SUPPORT_PROCESS],
            ),
        )
        .await;
    let problem = assert_problem(response, StatusCode::CONFLICT, "not held yet").await;
    assert_eq!(problem["type"], "/problems/not-held");
    let detail = problem["detail"].as_str().unwrap();
    assert!(
        detail.contains(SUPPORT_PROCESS)
            && detail.contains("lansstyrelsen-stockholm")
            && detail.contains("2018-01-01"),
        "{detail}"
    );

    // One listed assignment it does not hold spoils the whole transfer.
    let response = app
        .send(
            Method::POST,
            "/v1/transfers",
            &token,
            &transfer(
                "2027-01-01-blandat",
                WEST_BOARD,
                "2027-01-01",
                &[
                    SUPPORT_PROCESS,
                    "regionalt-uppdrag-prostitution-manniskohandel-skane",
                ],
            ),
        )
        .await;
    let problem = assert_problem(response, StatusCode::CONFLICT, "one not held").await;
    assert!(problem["detail"]
        .as_str()
        .unwrap()
        .contains("regionalt-uppdrag-prostitution-manniskohandel-skane"));

    let after = (
        app.count("transfers").await,
        app.count("holdings").await,
        app.count("changes").await,
    );
    assert_eq!(before, after, "nothing was written");
    assert_eq!(
        app.holder_slug(SUPPORT_PROCESS, "2027-01-01").await,
        GENDER_EQUALITY_AGENCY
    );
}

#[tokio::test]
async fn a_transfer_that_would_give_two_holders_is_409_naming_the_period() {
    let app = TestApp::spawn().await;
    let token = app.writer().await;
    app.created(
        "/v1/transfers",
        &token,
        transfer(
            "2027-07-01-till-vastra-gotaland",
            WEST_BOARD,
            "2027-07-01",
            &[SUPPORT_PROCESS],
        ),
    )
    .await;
    let changes = app.count("changes").await;
    let response = app
        .send(
            Method::POST,
            "/v1/transfers",
            &token,
            &transfer(
                "2027-01-01-till-skane",
                "lansstyrelsen-skane",
                "2027-01-01",
                &[SUPPORT_PROCESS],
            ),
        )
        .await;
    let problem = assert_problem(response, StatusCode::CONFLICT, "already moving later").await;
    assert_eq!(problem["type"], "/problems/overlap");
    let detail = problem["detail"].as_str().unwrap();
    assert!(
        detail.contains(SUPPORT_PROCESS)
            && detail.contains("2027-07-01")
            && detail.contains("2027-01-01"),
        "{detail}"
    );
    assert_eq!(app.count("changes").await, changes);

    let response = app
        .send(
            Method::POST,
            "/v1/transfers",
            &token,
            &transfer(
                "2027-07-01-till-vastra-gotaland",
                "lansstyrelsen-skane",
                "2027-08-01",
                &[NATIONAL],
            ),
        )
        .await;
    let problem = assert_problem(response, StatusCode::CONFLICT, "slug taken").await;
    assert_eq!(problem["type"], "/problems/slug-taken");
}

#[tokio::test]
async fn racing_conflicting_transfers_exactly_one_wins() {
    let app = TestApp::spawn().await;
    let token = app.writer().await;
    let targets = [
        "lansstyrelsen-skane",
        "lansstyrelsen-uppsala",
        "lansstyrelsen-kalmar",
        "lansstyrelsen-gotland",
        WEST_BOARD,
        "lansstyrelsen-halland",
    ];
    let requests = targets.iter().map(|to| {
        let body = transfer(
            &format!("2027-01-01-till-{to}"),
            to,
            "2027-01-01",
            &[SUPPORT_PROCESS],
        );
        let request = app
            .request(Method::POST, "/v1/transfers", &token)
            .json(&body);
        async move { request.send().await.unwrap().status() }
    });
    let statuses = futures_join_all(requests).await;
    let won = statuses
        .iter()
        .filter(|s| **s == StatusCode::CREATED)
        .count();
    let refused = statuses
        .iter()
        .filter(|s| **s == StatusCode::CONFLICT)
        .count();
    assert_eq!((won, refused), (1, targets.len() - 1), "{statuses:?}");

    let overlapping: i64 = sqlx::query_scalar(
        "select count(*) from holdings a join holdings b on a.assignment_id = b.assignment_id and a.id < b.id
         and daterange(a.valid_from, a.valid_to, '[)') && daterange(b.valid_from, b.valid_to, '[)')",
    )
    .fetch_one(&app.pool)
    .await
    .unwrap();
    assert_eq!(overlapping, 0);
    assert_eq!(app.count("transfers").await, 2);
}

/// Runs the futures concurrently and collects their outputs in order.
async fn futures_join_all<F>(futures: impl Iterator<Item = F>) -> Vec<F::Output>
where
    F: std::future::Future + Send + 'static,
    F::Output: Send + 'static,
{
    let handles: Vec<_> = futures.map(tokio::spawn).collect();
    let mut outputs = Vec::new();
    for handle in handles {
        outputs.push(handle.await.unwrap());
    }
    outputs
}

#[tokio::test]
async fn a_wrong_transfer_date_is_corrected_and_both_holdings_follow() {
    let app = TestApp::spawn().await;
    let token = app.writer().await;
    let path = "/v1/transfers/2018-01-01-lansstyrelsen-stockholm-till-jamstalldhetsmyndigheten";
    let etag = header(&app.get(path).await, "etag");
    let response = app
        .request(Method::PATCH, path, &token)
        .header("if-match", etag)
        .json(&json!({"effective_on": "2018-01-02"}))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(
        response.json::<Value>().await.unwrap()["effective_on"],
        "2018-01-02"
    );
    for assignment in std::iter::once(NATIONAL).chain(PARTS) {
        assert_eq!(
            app.holder_slug(assignment, "2018-01-01").await,
            "lansstyrelsen-stockholm",
            "{assignment}"
        );
        assert_eq!(
            app.holder_slug(assignment, "2018-01-02").await,
            GENDER_EQUALITY_AGENCY,
            "{assignment}"
        );
    }
    // Back to an earlier date: the other order of moves.
    let response = app
        .send(
            Method::PATCH,
            path,
            &token,
            &json!({"effective_on": "2018-01-01"}),
        )
        .await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(
        app.holder_slug(NATIONAL, "2018-01-01").await,
        GENDER_EQUALITY_AGENCY
    );
    assert_eq!(
        app.holder_slug(NATIONAL, "2017-12-31").await,
        "lansstyrelsen-stockholm"
    );

    // A date before the giving agency held it is refused, and nothing moves.
    let response = app
        .send(
            Method::PATCH,
            path,
            &token,
            &json!({"effective_on": "2009-01-01"}),
        )
        .await;
    let problem = assert_problem(response, StatusCode::CONFLICT, "before the old holding").await;
    assert!(
        problem["detail"].as_str().unwrap().contains(NATIONAL),
        "{problem}"
    );
    assert_eq!(
        app.transfer(path.rsplit('/').next().unwrap()).await["effective_on"],
        "2018-01-01"
    );
}

/// A transfer is recorded with its legal basis; a correction changes it, a
/// null clears it, blank is refused; what was known before stays readable.
#[tokio::test]
async fn a_transfers_legal_basis_is_recorded_corrected_and_cleared() {
    let app = TestApp::spawn().await;
    let token = app.writer().await;
    let created = app
        .created(
            "/v1/transfers",
            &token,
            json!({
                "slug": "2027-01-01-stodprocessen-till-vastra-gotaland",
                "from": GENDER_EQUALITY_AGENCY,
                "to": "lansstyrelsen-vastra-gotaland",
                "effective_on": "2027-01-01",
                "assignments": ["nationella-stodprocessen"],
                "legal_basis": "Regeringsbeslut 2026-11-12 (A2026/01234)",
                "source": SOURCE,
            }),
        )
        .await;
    assert_eq!(
        created["legal_basis"],
        "Regeringsbeslut 2026-11-12 (A2026/01234)"
    );
    let path = "/v1/transfers/2027-01-01-stodprocessen-till-vastra-gotaland";
    assert_eq!(app.get_json(path).await, created);
    let recorded = chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Micros, true);

    let response = app
        .send(
            Method::PATCH,
            path,
            &token,
            &json!({"legal_basis": "Regeringsbeslut 2026-11-19 (A2026/01234)"}),
        )
        .await;
    assert_eq!(response.status(), StatusCode::OK);
    let corrected: Value = response.json().await.unwrap();
    assert_eq!(
        corrected["legal_basis"],
        "Regeringsbeslut 2026-11-19 (A2026/01234)"
    );
    assert_eq!(
        corrected["effective_on"], "2027-01-01",
        "nothing else moved"
    );
    let before = app.get_json(&format!("{path}?known_at={recorded}")).await;
    assert_eq!(
        before["legal_basis"], "Regeringsbeslut 2026-11-12 (A2026/01234)",
        "as known before the correction"
    );

    let response = app
        .send(Method::PATCH, path, &token, &json!({"legal_basis": "  "}))
        .await;
    assert_problem(response, StatusCode::BAD_REQUEST, "a blank legal basis").await;
    assert_eq!(
        app.get_json(path).await,
        corrected,
        "a refusal changes nothing"
    );
    let response = app
        .send(Method::PATCH, path, &token, &json!({"legal_basis": null}))
        .await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(app.get_json(path).await["legal_basis"], Value::Null);
}

#[tokio::test]
async fn an_announced_transfer_can_be_withdrawn_unless_a_later_one_builds_on_it() {
    let app = TestApp::spawn().await;
    let token = app.writer().await;
    app.created(
        "/v1/transfers",
        &token,
        transfer(
            "2027-01-01-till-vastra-gotaland",
            WEST_BOARD,
            "2027-01-01",
            &[SUPPORT_PROCESS],
        ),
    )
    .await;
    let mut onward = transfer(
        "2028-01-01-vidare-till-skane",
        "lansstyrelsen-skane",
        "2028-01-01",
        &[SUPPORT_PROCESS],
    );
    onward["from"] = json!(WEST_BOARD);
    app.created("/v1/transfers", &token, onward).await;

    let response = app
        .request(
            Method::DELETE,
            "/v1/transfers/2027-01-01-till-vastra-gotaland",
            &token,
        )
        .send()
        .await
        .unwrap();
    let problem = assert_problem(
        response,
        StatusCode::CONFLICT,
        "a later transfer builds on it",
    )
    .await;
    assert!(
        problem["detail"]
            .as_str()
            .unwrap()
            .contains("2028-01-01-vidare-till-skane"),
        "{problem}"
    );

    let response = app
        .request(
            Method::DELETE,
            "/v1/transfers/2028-01-01-vidare-till-skane",
            &token,
        )
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::NO_CONTENT);
    let response = app
        .request(
            Method::DELETE,
            "/v1/transfers/2027-01-01-till-vastra-gotaland",
            &token,
        )
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::NO_CONTENT);
    assert_eq!(
        app.holder_slug(SUPPORT_PROCESS, "2030-01-01").await,
        GENDER_EQUALITY_AGENCY,
        "held on as before"
    );
    let history = app.assignment_history(SUPPORT_PROCESS).await;
    assert_eq!(history["holders"].as_array().unwrap().len(), 2, "{history}");
    app.get_problem(
        "/v1/transfers/2027-01-01-till-vastra-gotaland",
        StatusCode::NOT_FOUND,
    )
    .await;
}
