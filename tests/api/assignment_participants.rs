//! Recording the agencies that take part in an assignment they do not
//! lead (co-recipients, consulted), and what the reads then say: the
//! assignment, its holder, its contacts and the `participant` filter.

use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

use crate::helpers::{
    assert_problem, header, slugs, TestApp, GENDER_EQUALITY_AGENCY, NATIONAL, SOURCE,
    STOCKHOLM_BOARD, WEST_BOARD,
};

/// The slugs of the agencies in `role` (`co_recipients`, `consulted`) of
/// the national assignment on `at`.
async fn taking_part(app: &TestApp, role: &str, at: &str) -> Vec<String> {
    slugs(&app.assignment(NATIONAL, at).await[role], "/agency/slug")
}

/// The id of `agency`'s part in the national assignment in `role` on `at`.
async fn part_of(app: &TestApp, agency: &str, role: &str, at: &str) -> String {
    let read = app.assignment(NATIONAL, at).await;
    let part = read[role]
        .as_array()
        .unwrap()
        .iter()
        .find(|part| part["agency"]["slug"] == agency)
        .unwrap_or_else(|| panic!("{agency} in {role} on {at}: {read}"));
    part["id"].as_str().unwrap().to_owned()
}

async fn sent(app: &TestApp, method: Method, path: &str, token: &str, body: Value) -> StatusCode {
    let response = app.send(method, path, token, &body).await;
    let status = response.status();
    assert!(
        status.is_success(),
        "{path} {body}: {}",
        response.text().await.unwrap()
    );
    status
}

#[tokio::test]
async fn a_registrar_records_who_takes_part_and_the_reads_show_it() {
    let app = TestApp::spawn().await;
    let token = app.writer().await;
    let participants = format!("/v1/assignments/{NATIONAL}/participants");
    let consulted = json!({
        "agency": WEST_BOARD, "role": "consulted", "valid_from": "2027-01-01", "source": SOURCE
    });
    let created = app.created(&participants, &token, consulted).await;
    assert_eq!(created["slug"], NATIONAL);
    assert_eq!(
        slugs(&created["consulted"], "/agency/slug"),
        [WEST_BOARD],
        "the answer shows the part, as from its first day where that is later than today"
    );
    // From 2027 on; not before.
    assert_eq!(
        taking_part(&app, "consulted", "2027-02-01").await,
        [WEST_BOARD]
    );
    assert!(taking_part(&app, "consulted", "2026-12-31")
        .await
        .is_empty());
    let found = app
        .all_pages(
            &format!("/v1/assignments?participant={WEST_BOARD}&at=2027-02-01"),
            100,
        )
        .await;
    assert_eq!(slugs(&Value::from(found), "/slug"), [NATIONAL]);

    // A co-recipient beside the lead: in the holder answer and the contacts.
    let co = json!({
        "agency": STOCKHOLM_BOARD, "role": "co_recipient", "valid_from": "2027-01-01", "source": SOURCE
    });
    app.created(&participants, &token, co).await;
    let holder = app
        .get_json(&format!("/v1/assignments/{NATIONAL}/holder?at=2027-02-01"))
        .await;
    assert_eq!(holder["agency"]["slug"], GENDER_EQUALITY_AGENCY);
    assert_eq!(
        slugs(&holder["co_recipients"], "/agency/slug"),
        [STOCKHOLM_BOARD]
    );
    let contacts = app.assignment_contacts(NATIONAL, "2027-02-01").await;
    assert_eq!(
        slugs(&contacts["co_recipients"], "/agency/slug"),
        [STOCKHOLM_BOARD]
    );

    // The consulted board's part ends in July 2027.
    let part = part_of(&app, WEST_BOARD, "consulted", "2027-02-01").await;
    let path = format!("{participants}/{part}");
    let end = json!({"valid_to": "2027-07-01"});
    assert_eq!(
        sent(&app, Method::PATCH, &path, &token, end).await,
        StatusCode::OK
    );
    assert_eq!(
        taking_part(&app, "consulted", "2027-06-30").await,
        [WEST_BOARD]
    );
    assert!(taking_part(&app, "consulted", "2027-07-01")
        .await
        .is_empty());
    let history = app.assignment(NATIONAL, "2027-02-01").await;
    assert_eq!(history["consulted"][0]["valid_to"], "2027-07-01");

    // The co-recipient was recorded by mistake: deleted, it is gone.
    let part = part_of(&app, STOCKHOLM_BOARD, "co_recipients", "2027-02-01").await;
    let response = app
        .request(Method::DELETE, &format!("{participants}/{part}"), &token)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::NO_CONTENT);
    assert!(taking_part(&app, "co_recipients", "2027-02-01")
        .await
        .is_empty());
}

/// An assignment given to several agencies alike, none leading (as the
/// government gives one to all county boards): co-recipients only.
#[tokio::test]
async fn an_assignment_given_to_several_alike_has_co_recipients_and_no_lead() {
    let app = TestApp::spawn().await;
    let token = app.writer().await;
    let slug = "gemensam-lagesbild-mans-vald";
    let assignment = json!({
        "slug": slug, "kind": "government_assignment", "title": {"sv": "Gemensam lägesbild"},
        "valid_from": "2027-03-01", "due_on": "2028-03-31", "jurisdiction": "national",
        "source": SOURCE
    });
    app.created("/v1/assignments", &token, assignment).await;
    for board in [STOCKHOLM_BOARD, WEST_BOARD] {
        let co = json!({"agency": board, "role": "co_recipient", "valid_from": "2027-03-01", "source": SOURCE});
        app.created(&format!("/v1/assignments/{slug}/participants"), &token, co)
            .await;
    }
    let holder = app
        .get_json(&format!("/v1/assignments/{slug}/holder?at=2027-06-01"))
        .await;
    assert_eq!(holder["agency"], Value::Null, "{holder}");
    let mut boards = slugs(&holder["co_recipients"], "/agency/slug");
    boards.sort();
    assert_eq!(boards, [STOCKHOLM_BOARD, WEST_BOARD]);
    // Each board's deadlines list the final report as a co-recipient's.
    let deadlines = app
        .get_json(&format!("/v1/agencies/{WEST_BOARD}/deadlines"))
        .await;
    let item = &deadlines["items"][0];
    assert_eq!(item["assignment"]["slug"], slug, "{deadlines}");
    assert_eq!(
        (item["due_on"].as_str(), item["role"].as_str()),
        (Some("2028-03-31"), Some("co_recipient"))
    );
}

#[tokio::test]
async fn a_part_that_cannot_be_is_refused_and_changes_nothing() {
    let app = TestApp::spawn().await;
    let token = app.writer().await;
    let participants = format!("/v1/assignments/{NATIONAL}/participants");
    let consulted = json!({"agency": WEST_BOARD, "role": "consulted", "valid_from": "2027-01-01", "source": SOURCE});
    app.created(&participants, &token, consulted).await;
    // A tag read before a change today's answer shows (an interim report).
    let stale = header(
        &app.get(&format!("/v1/assignments/{NATIONAL}")).await,
        "etag",
    );
    let report = json!({"due_on": "2027-06", "source": SOURCE});
    app.created(
        &format!("/v1/assignments/{NATIONAL}/reports"),
        &token,
        report,
    )
    .await;
    let co = json!({"agency": STOCKHOLM_BOARD, "role": "co_recipient", "valid_from": "2030-01-01", "source": SOURCE});
    app.created(&participants, &token, co).await;
    let part = part_of(&app, WEST_BOARD, "consulted", "2027-02-01").await;
    let before = app
        .get_json(&format!("/v1/assignments/{NATIONAL}?at=2027-02-01"))
        .await;
    let changes = app.count("changes").await;

    let part_with = |agency: &str, role: &str, from: &str| json!({"agency": agency, "role": role, "valid_from": from, "source": SOURCE});
    // The lead is the holder, never a participant.
    app.refused(
        Method::POST,
        &participants,
        &token,
        &part_with(WEST_BOARD, "lead", "2028-01-01"),
        (StatusCode::BAD_REQUEST, "role"),
    )
    .await;
    // Jämställdhetsmyndigheten holds it from 2018: it cannot be its own co-recipient.
    let holder = part_with(GENDER_EQUALITY_AGENCY, "co_recipient", "2027-01-01");
    app.refused(
        Method::POST,
        &participants,
        &token,
        &holder,
        (StatusCode::CONFLICT, "holds the assignment"),
    )
    .await;
    // The board is consulted from 2027 on already.
    let twice = part_with(WEST_BOARD, "co_recipient", "2028-01-01");
    app.refused(
        Method::POST,
        &participants,
        &token,
        &twice,
        (StatusCode::CONFLICT, "twice"),
    )
    .await;
    let backwards = json!({"agency": WEST_BOARD, "role": "consulted", "valid_from": "2021-01-01", "valid_to": "2020-01-01", "source": SOURCE});
    app.refused(
        Method::POST,
        &participants,
        &token,
        &backwards,
        (StatusCode::BAD_REQUEST, "valid_to"),
    )
    .await;
    app.refused(
        Method::POST,
        &participants,
        &token,
        &part_with("lansstyrelsen-vastra-gotalnd", "consulted", "2027-01-01"),
        (StatusCode::BAD_REQUEST, "lansstyrelsen-vastra-gotaland"),
    )
    .await;
    // A registrar's write only.
    let agency = app.agency_writer(WEST_BOARD).await;
    let response = app
        .send(
            Method::POST,
            &participants,
            &agency,
            &part_with(WEST_BOARD, "consulted", "2020-01-01"),
        )
        .await;
    assert_problem(response, StatusCode::FORBIDDEN, "an agency's token").await;

    // Changing a part: no UUID, no such part, a stale tag, two at once.
    let patch = |path: String, body: Value, if_match: Option<&str>| {
        let (app, token) = (&app, &token);
        let if_match = if_match.map(str::to_owned);
        async move {
            let mut request = app.request(Method::PATCH, &path, token).json(&body);
            if let Some(tag) = if_match {
                request = request.header("If-Match", tag);
            }
            request.send().await.unwrap()
        }
    };
    let end = json!({"valid_to": "2027-07-01"});
    let problem = assert_problem(
        patch(format!("{participants}/nmt"), end.clone(), None).await,
        StatusCode::BAD_REQUEST,
        "no UUID",
    )
    .await;
    assert_eq!(problem["invalid_params"][0]["name"], "participant");
    let unknown = format!("{participants}/{}", uuid::Uuid::new_v4());
    assert_problem(
        patch(unknown, end.clone(), None).await,
        StatusCode::NOT_FOUND,
        "no such part",
    )
    .await;
    let path = format!("{participants}/{part}");
    assert_problem(
        patch(path.clone(), end, Some(&stale)).await,
        StatusCode::PRECONDITION_FAILED,
        "a stale tag",
    )
    .await;
    let response = patch(
        path.clone(),
        json!({"role": "co_recipient", "valid_to": null}),
        None,
    )
    .await;
    assert_eq!(
        response.status(),
        StatusCode::OK,
        "a co-recipient from 2027 on"
    );
    let response = patch(path, json!({"role": "lead"}), None).await;
    assert_problem(response, StatusCode::BAD_REQUEST, "made the lead").await;
    // Stockholm's board held the assignment until 2018.
    let stockholm = part_of(&app, STOCKHOLM_BOARD, "co_recipients", "2030-02-01").await;
    let back = json!({"valid_from": "2017-01-01"});
    let response = patch(format!("{participants}/{stockholm}"), back, None).await;
    assert_problem(response, StatusCode::CONFLICT, "back into its holding").await;

    // Only the one good change was written.
    assert_eq!(app.count("changes").await, changes + 1);
    let after = app
        .get_json(&format!("/v1/assignments/{NATIONAL}?at=2027-02-01"))
        .await;
    assert_eq!(
        after["co_recipients"][0]["id"],
        before["consulted"][0]["id"]
    );
    assert_eq!(after["co_recipients"][0]["valid_from"], "2027-01-01");
}

/// A co-recipient made the lead: a transfer to it is refused while it
/// takes part, writing nothing, and goes through once its part ends on
/// the day the transfer takes effect.
#[tokio::test]
async fn an_agency_taking_part_becomes_the_lead_once_its_part_ends() {
    let app = TestApp::spawn().await;
    let token = app.writer().await;
    let participants = format!("/v1/assignments/{NATIONAL}/participants");
    let part = json!({"agency": WEST_BOARD, "role": "co_recipient", "valid_from": "2027-01-01", "source": SOURCE});
    app.created(&participants, &token, part).await;
    let transfer = json!({
        "slug": "2027-07-01-till-vastra-gotaland", "from": GENDER_EQUALITY_AGENCY, "to": WEST_BOARD,
        "effective_on": "2027-07-01", "assignments": [NATIONAL], "source": SOURCE
    });
    let changes = app.count("changes").await;
    let response = app
        .send(Method::POST, "/v1/transfers", &token, &transfer)
        .await;
    let problem = assert_problem(response, StatusCode::CONFLICT, "to a co-recipient").await;
    let detail = problem["detail"].as_str().unwrap();
    assert!(detail.contains("(co-recipient)"), "{problem}");
    assert!(detail.contains("end its part"), "{problem}");
    assert_eq!(app.count("changes").await, changes, "nothing was written");
    assert_eq!(
        app.holder_slug(NATIONAL, "2027-08-01").await,
        GENDER_EQUALITY_AGENCY
    );

    let board = part_of(&app, WEST_BOARD, "co_recipients", "2027-02-01").await;
    let ended = json!({"valid_to": "2027-07-01"});
    let path = format!("{participants}/{board}");
    sent(&app, Method::PATCH, &path, &token, ended).await;
    app.created("/v1/transfers", &token, transfer).await;
    assert_eq!(app.holder_slug(NATIONAL, "2027-08-01").await, WEST_BOARD);
    assert_eq!(
        taking_part(&app, "co_recipients", "2027-06-30").await,
        [WEST_BOARD]
    );
    assert!(taking_part(&app, "co_recipients", "2027-07-01")
        .await
        .is_empty());
    // Nor can it be a co-recipient again while it holds it.
    let again = json!({"valid_to": null});
    let response = app.send(Method::PATCH, &path, &token, &again).await;
    assert_problem(
        response,
        StatusCode::CONFLICT,
        "its part back into its holding",
    )
    .await;
}
