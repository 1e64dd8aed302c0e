//! Keeping the registry current: create, correct, end and delete, with
//! ETags, If-Match and Idempotency-Key.

use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

use crate::helpers::{
    assert_problem, header, TestApp, GENDER_EQUALITY_AGENCY, NATIONAL, SOURCE, SUPPORT_PROCESS,
};

#[tokio::test]
async fn every_single_resource_get_has_an_etag_and_answers_if_none_match() {
    let app = TestApp::spawn().await;
    for path in [
        "/v1/agencies/jamstalldhetsmyndigheten",
        "/v1/assignments/nationella-stodprocessen",
        "/v1/assignments/nationella-stodprocessen/holder",
        "/v1/transfers/2018-01-01-lansstyrelsen-stockholm-till-jamstalldhetsmyndigheten",
        "/v1/sources/2018-01-08-nationella-uppdrag-flyttar",
        "/v1/contact-points/f79dd9da-0bf3-5bfe-b85d-e5783cd5d058",
    ] {
        let response = app.get(path).await;
        assert_eq!(response.status(), StatusCode::OK, "{path}");
        let etag = header(&response, "etag");
        assert!(etag.starts_with('"') && etag.len() > 10, "{path}: {etag}");
        let again = app
            .client
            .get(format!("{}{path}", app.address))
            .header("if-none-match", &etag)
            .send()
            .await
            .unwrap();
        assert_eq!(again.status(), StatusCode::NOT_MODIFIED, "{path}");
        assert_eq!(header(&again, "etag"), etag);
        assert!(again.bytes().await.unwrap().is_empty());
        let other = app
            .client
            .get(format!("{}{path}", app.address))
            .header("if-none-match", "\"other\"")
            .send()
            .await
            .unwrap();
        assert_eq!(other.status(), StatusCode::OK, "{path}");
    }
}

#[tokio::test]
async fn a_stale_if_match_is_412_and_writes_nothing() {
    let app = TestApp::spawn().await;
    let token = app.writer().await;
    let path = format!("/v1/agencies/{GENDER_EQUALITY_AGENCY}");
    let first = header(&app.get(&path).await, "etag");

    let response = app
        .request(Method::PATCH, &path, &token)
        .header("if-match", &first)
        .json(&json!({"seat": "Angered"}))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    let second = header(&response, "etag");
    assert_ne!(first, second, "the change changes the ETag");
    assert_eq!(
        header(&app.get(&path).await, "etag"),
        second,
        "the answer's ETag is the GET's"
    );

    let response = app
        .request(Method::PATCH, &path, &token)
        .header("if-match", &first)
        .json(&json!({"seat": "Stockholm"}))
        .send()
        .await
        .unwrap();
    let problem = assert_problem(response, StatusCode::PRECONDITION_FAILED, "stale If-Match").await;
    assert_eq!(problem["type"], "/problems/precondition-failed");
    assert_eq!(app.agency(GENDER_EQUALITY_AGENCY).await["seat"], "Angered");

    let response = app
        .request(Method::DELETE, &path, &token)
        .header("if-match", &first)
        .send()
        .await
        .unwrap();
    assert_problem(
        response,
        StatusCode::PRECONDITION_FAILED,
        "stale If-Match on DELETE",
    )
    .await;
}

#[tokio::test]
async fn a_retried_post_with_the_same_idempotency_key_creates_nothing_new() {
    let app = TestApp::spawn().await;
    let token = app.writer().await;
    let body = json!({
        "assignment": SUPPORT_PROCESS, "kind": "email", "value": "stodprocessen@jamy.se",
        "valid_from": "2027-01-01", "source": SOURCE
    });
    let post = |body: Value, key: &'static str| {
        app.request(Method::POST, "/v1/contact-points", &token)
            .header("idempotency-key", key)
            .json(&body)
            .send()
    };
    let first = post(body.clone(), "retry-1").await.unwrap();
    assert_eq!(first.status(), StatusCode::CREATED);
    let location = header(&first, "location");
    let first: Value = first.json().await.unwrap();
    let contacts = app.count("contact_points").await;

    let retry = post(body.clone(), "retry-1").await.unwrap();
    assert_eq!(retry.status(), StatusCode::CREATED);
    assert_eq!(header(&retry, "location"), location);
    assert_eq!(header(&retry, "idempotent-replayed"), "true");
    assert_eq!(
        retry.json::<Value>().await.unwrap(),
        first,
        "the first answer again"
    );
    assert_eq!(app.count("contact_points").await, contacts, "nothing new");

    let mut other = body.clone();
    other["value"] = json!("other@jamy.se");
    let reused = post(other, "retry-1").await.unwrap();
    let problem = assert_problem(
        reused,
        StatusCode::UNPROCESSABLE_ENTITY,
        "same key, other body",
    )
    .await;
    assert_eq!(problem["type"], "/problems/idempotency-key-reused");
    assert_eq!(app.count("contact_points").await, contacts);

    let fresh = post(body, "retry-2").await.unwrap();
    assert_eq!(
        fresh.status(),
        StatusCode::CREATED,
        "a new key is a new request"
    );
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

#[tokio::test]
async fn participations_are_recorded_and_ended() {
    let app = TestApp::spawn().await;
    let token = app.writer().await;
    let participation = app.created("/v1/participations", &token, json!({
        "body": "nmt", "agency": "skatteverket", "valid_from": "2027-01-01", "source": SOURCE
    })).await;
    assert_eq!(participation["role"], "member");
    let path = format!(
        "/v1/participations/{}",
        participation["id"].as_str().unwrap()
    );
    let etag = header(&app.get(&path).await, "etag");
    let response = app
        .request(Method::PATCH, &path, &token)
        .header("if-match", etag)
        .json(&json!({"valid_to": "2028-01-01"}))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(app.get_json(&path).await["valid_to"], "2028-01-01");
    let response = app
        .send(
            Method::POST,
            "/v1/participations",
            &token,
            &json!({
                "body": "nmt", "source": SOURCE
            }),
        )
        .await;
    assert_problem(
        response,
        StatusCode::BAD_REQUEST,
        "neither agency nor function",
    )
    .await;
}
