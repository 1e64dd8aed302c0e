//! Time is bounded by what exists: a holding is answered only within the
//! lifetimes of its assignment (and the assignments that is a part of) and
//! of its agency, and a write that would reach outside them is refused.

use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

use crate::helpers::*;

#[tokio::test]
async fn an_unknown_start_means_after_the_owners_began_never_always() {
    let app = TestApp::spawn().await;
    // The support process is a part of the national assignment, which began
    // in 2009; when its holding began is not known.
    let problem = app
        .get_problem(
            &format!("/v1/assignments/{SUPPORT_PROCESS}/holder?at=1900-01-01"),
            StatusCode::NOT_FOUND,
        )
        .await;
    assert_eq!(problem["type"], "/problems/no-holder");
    app.get_problem(
        &format!("/v1/assignments/{SUPPORT_PROCESS}/holder?at=2008-12-31"),
        StatusCode::NOT_FOUND,
    )
    .await;
    let holder = app
        .get_json(&format!(
            "/v1/assignments/{SUPPORT_PROCESS}/holder?at=2009-06-01"
        ))
        .await;
    assert_eq!(holder["agency"]["slug"], STOCKHOLM_BOARD);
    assert_eq!(holder["valid_from"], json!(null), "the start is not known");
    assert_eq!(
        holder["earliest_from"], "2009-01-01",
        "and cannot be before this"
    );

    // The national assignment's own holding starts in 2009, as recorded.
    let national = app
        .get_json(&format!("/v1/assignments/{NATIONAL}/holder?at=2009-06-01"))
        .await;
    assert_eq!(national["valid_from"], "2009");
    assert_eq!(national["earliest_from"], json!(null));

    // Lists and the agency's view agree.
    let held = app.agency_assignments(STOCKHOLM_BOARD, "2008-06-01").await;
    assert!(
        held["items"]
            .as_array()
            .unwrap()
            .iter()
            .all(|item| item["part_of"]["slug"] != NATIONAL
                && item["assignment"]["slug"] != NATIONAL),
        "before 2009 Stockholm held none of the national assignments: {held}"
    );
}

#[tokio::test]
async fn writes_outside_an_owners_lifetime_are_refused_naming_both_periods() {
    let app = TestApp::spawn().await;
    let token = app.writer().await;
    let changes = app.count("changes").await;

    // Jämställdhetsmyndigheten began on 2018-01-01: it cannot receive a
    // regional assignment in 1990.
    let transfer = json!({
        "slug": "1990-to-jamy", "from": STOCKHOLM_BOARD, "to": GENDER_EQUALITY_AGENCY,
        "effective_on": "1990-01-01",
        "assignments": ["regionalt-uppdrag-prostitution-manniskohandel-stockholm"],
        "source": SOURCE
    });
    let response = app
        .send(Method::POST, "/v1/transfers", &token, &transfer)
        .await;
    let problem = assert_problem(
        response,
        StatusCode::CONFLICT,
        "a transfer before the agency",
    )
    .await;
    assert_eq!(problem["type"], "/problems/outside-lifetime");
    let detail = problem["detail"].as_str().unwrap();
    assert!(
        detail.contains("[1990-01-01, …)") && detail.contains("[2018-01-01, …)"),
        "{detail}"
    );

    // Nor can the founding transfer be corrected to a day before it began.
    let response = app
        .send(
            Method::PATCH,
            &format!("/v1/transfers/{TRANSFER}"),
            &token,
            &json!({ "effective_on": "2017-12-31" }),
        )
        .await;
    let problem = assert_problem(
        response,
        StatusCode::CONFLICT,
        "a correction before the agency",
    )
    .await;
    assert_eq!(problem["type"], "/problems/outside-lifetime");
    assert_eq!(
        app.holder_slug(NATIONAL, "2017-12-31").await,
        STOCKHOLM_BOARD
    );

    // Nor can its start move past the holdings it has had since 2018.
    let response = app
        .send(
            Method::PATCH,
            &format!("/v1/agencies/{GENDER_EQUALITY_AGENCY}"),
            &token,
            &json!({ "started_on": "2019" }),
        )
        .await;
    let problem = assert_problem(response, StatusCode::CONFLICT, "an agency starting later").await;
    assert_eq!(problem["type"], "/problems/outside-lifetime");

    // An assignment that begins in 2027 cannot be held from 2026.
    app.created(
        "/v1/assignments",
        &token,
        json!({
            "slug": "from-2027", "title": { "sv": "Från 2027" }, "valid_from": "2027",
            "jurisdiction": "national", "source": SOURCE
        }),
    )
    .await;
    let changes_after_create = app.count("changes").await;
    let holding = json!({
        "assignment": "from-2027", "agency": GENDER_EQUALITY_AGENCY, "valid_from": "2026-06-01",
        "source": SOURCE
    });
    let response = app
        .send(Method::POST, "/v1/holdings", &token, &holding)
        .await;
    let problem = assert_problem(
        response,
        StatusCode::CONFLICT,
        "a holding before its assignment",
    )
    .await;
    assert_eq!(problem["type"], "/problems/outside-lifetime");
    assert!(
        problem["detail"].as_str().unwrap().contains("from-2027"),
        "{problem}"
    );
    assert_eq!(
        app.count("changes").await,
        changes_after_create,
        "nothing was written"
    );
    assert!(changes_after_create > changes);
}

#[tokio::test]
async fn contact_points_and_participations_lie_within_their_owners_lifetimes() {
    let app = TestApp::spawn().await;
    let token = app.writer().await;
    let contact = |owner: (&str, &str), valid_from: serde_json::Value| {
        json!({
            owner.0: owner.1, "kind": "email", "value": "registrator@jamy.se",
            "valid_from": valid_from, "source": SOURCE
        })
    };
    let agency = ("agency", GENDER_EQUALITY_AGENCY);
    let support_process = ("assignment", SUPPORT_PROCESS);
    let changes = app.count("changes").await;
    for (what, body) in [
        ("before the agency began", contact(agency, json!("2017-06"))),
        (
            "before the assignment began",
            contact(support_process, json!("2005")),
        ),
        (
            "a participation before the agency began",
            json!({ "body": "nmt", "agency": GENDER_EQUALITY_AGENCY, "valid_from": "2010", "source": SOURCE }),
        ),
    ] {
        let path = if what.starts_with("a participation") {
            "/v1/participations"
        } else {
            "/v1/contact-points"
        };
        let response = app.send(Method::POST, path, &token, &body).await;
        let problem = assert_problem(response, StatusCode::CONFLICT, what).await;
        assert_eq!(problem["type"], "/problems/outside-lifetime", "{what}");
    }
    assert_eq!(app.count("changes").await, changes, "nothing was written");

    // A contact point whose start is not known is answered only while its
    // agency exists.
    app.created("/v1/contact-points", &token, contact(agency, json!(null)))
        .await;
    let not_yet = app
        .agency_contacts(GENDER_EQUALITY_AGENCY, "2017-06-01")
        .await;
    assert_eq!(
        not_yet["status"], "not_started",
        "the answer says why: {not_yet}"
    );
    let before = contact_values(not_yet, None);
    assert!(
        !before.contains(&"registrator@jamy.se".to_owned()),
        "{before:?}"
    );
    let after = contact_values(
        app.agency_contacts(GENDER_EQUALITY_AGENCY, "2019-06-01")
            .await,
        None,
    );
    assert!(
        after.contains(&"registrator@jamy.se".to_owned()),
        "{after:?}"
    );
}

#[tokio::test]
async fn a_part_lies_within_its_parent() {
    let app = TestApp::spawn().await;
    let token = app.writer().await;
    // The national assignment began in 2009: a part of it cannot begin in 2005.
    let part = json!({
        "slug": "early-part", "title": { "sv": "Tidig del" }, "valid_from": "2005",
        "jurisdiction": "national", "part_of": NATIONAL, "source": SOURCE
    });
    let response = app
        .send(Method::POST, "/v1/assignments", &token, &part)
        .await;
    let problem = assert_problem(response, StatusCode::CONFLICT, "a part before its parent").await;
    assert_eq!(problem["type"], "/problems/outside-lifetime");
    app.get_problem("/v1/assignments/early-part", StatusCode::NOT_FOUND)
        .await;

    // Nor can an assignment that began in 2005 be moved under it.
    let mut alone = part.clone();
    alone.as_object_mut().unwrap().remove("part_of");
    app.created("/v1/assignments", &token, alone).await;
    let response = app
        .send(
            Method::PATCH,
            "/v1/assignments/early-part",
            &token,
            &json!({ "part_of": NATIONAL }),
        )
        .await;
    let problem =
        assert_problem(response, StatusCode::CONFLICT, "moved under a later parent").await;
    assert_eq!(problem["type"], "/problems/outside-lifetime");
    assert!(
        problem["detail"].as_str().unwrap().contains("part_of"),
        "{problem}"
    );

    // A part from 2010 fits.
    let mut fits = part.clone();
    fits["slug"] = json!("later-part");
    fits["valid_from"] = json!("2010");
    app.created("/v1/assignments", &token, fits).await;
}

#[tokio::test]
async fn an_agencys_names_lie_within_its_lifetime() {
    let app = TestApp::spawn().await;
    let token = app.writer().await;
    let names = format!("/v1/agencies/{GENDER_EQUALITY_AGENCY}/names");
    let changes = app.count("changes").await;

    // Jämställdhetsmyndigheten began on 2018-01-01: it had no name in 2010.
    let early = json!({
        "name": { "sv": "Tidigt namn" }, "valid_from": "2010", "source": SOURCE
    });
    let response = app.send(Method::POST, &names, &token, &early).await;
    let problem = assert_problem(response, StatusCode::CONFLICT, "a name before the agency").await;
    assert_eq!(problem["type"], "/problems/outside-lifetime");
    let detail = problem["detail"].as_str().unwrap();
    assert!(
        detail.contains("name [2010, 2018-01-01)") && detail.contains("[2018-01-01, …)"),
        "{detail}"
    );
    assert_eq!(app.count("changes").await, changes, "nothing was written");

    // Asked about 2010, the agency answers with the name it began with, and
    // says it did not exist yet.
    let in_2010 = app
        .get_json(&format!(
            "/v1/agencies/{GENDER_EQUALITY_AGENCY}?at=2010-01-01"
        ))
        .await;
    assert_eq!(in_2010["status"], "not_started");
    assert_eq!(in_2010["name"]["sv"], "Jämställdhetsmyndigheten");
    let listed = app
        .get_json("/v1/agencies?at=2010-01-01&q=jämställdhet")
        .await;
    assert_eq!(listed["items"][0]["status"], "not_started", "{listed}");
    let today = app
        .get_json(&format!("/v1/agencies/{GENDER_EQUALITY_AGENCY}"))
        .await;
    assert_eq!(today["status"], "active");

    // A correction of its start moves the name it began with along.
    let agency = format!("/v1/agencies/{GENDER_EQUALITY_AGENCY}");
    let response = app
        .send(
            Method::PATCH,
            &agency,
            &token,
            &json!({ "started_on": "2017-12-01" }),
        )
        .await;
    assert_eq!(response.status(), StatusCode::OK);
    let corrected = app.get_json(&agency).await;
    assert_eq!(corrected["names"][0]["valid_from"], "2017-12-01");
    assert_eq!(corrected["names"].as_array().unwrap().len(), 1);

    // A name from 2027 keeps the agency from ending in 2026.
    let later = json!({
        "name": { "sv": "Nytt namn" }, "valid_from": "2027-01-01", "source": SOURCE
    });
    app.created(&names, &token, later).await;
    let response = app
        .send(
            Method::PATCH,
            &agency,
            &token,
            &json!({ "ended_on": "2026-06-30" }),
        )
        .await;
    let problem = assert_problem(response, StatusCode::CONFLICT, "an end before a name").await;
    assert_eq!(problem["type"], "/problems/outside-lifetime");
    assert_eq!(
        problem["detail"],
        "The agency's lifetime [2017-12-01, 2026-06-30) would leave out its name 'Nytt namn' \
         [2027-01-01, …); correct it first.",
        "the problem names the record"
    );
    assert_eq!(app.get_json(&agency).await["ended_on"], json!(null));
}

#[tokio::test]
async fn a_record_wholly_before_or_after_its_agency_is_refused_and_named_when_a_correction_would_leave_it_out(
) {
    let app = TestApp::spawn().await;
    let token = app.writer().await;
    app.created(
        "/v1/agencies",
        &token,
        json!({
            "slug": "nedlagda-verket", "kind": "government_agency",
            "name": {"sv": "Nedlagda verket"}, "started_on": "2000",
            "ended_on": "2010-01-01", "source": SOURCE
        }),
    )
    .await;
    let contact = |valid_from: serde_json::Value, valid_to: serde_json::Value| {
        json!({
            "agency": "nedlagda-verket", "kind": "email", "value": "registrator@nedlagda.se",
            "valid_from": valid_from, "valid_to": valid_to, "source": SOURCE
        })
    };
    let changes = app.count("changes").await;
    for (what, body) in [
        ("after its end", contact(json!("2020-01-01"), json!(null))),
        (
            "from its last day on",
            contact(json!("2010-01-01"), json!(null)),
        ),
        (
            "before its start",
            contact(json!(null), json!("1999-06-01")),
        ),
    ] {
        let response = app
            .send(Method::POST, "/v1/contact-points", &token, &body)
            .await;
        let problem = assert_problem(response, StatusCode::CONFLICT, what).await;
        assert_eq!(problem["type"], "/problems/outside-lifetime", "{what}");
        assert!(
            problem["detail"]
                .as_str()
                .unwrap()
                .contains("lifetime of agency 'nedlagda-verket' [2000, 2010-01-01)"),
            "{problem}"
        );
    }
    assert_eq!(app.count("changes").await, changes, "nothing was written");

    // Within its lifetime it is recorded and answered; an end moved before
    // it is refused, naming it.
    app.created(
        "/v1/contact-points",
        &token,
        contact(json!("2005-01-01"), json!(null)),
    )
    .await;
    let contacts = app.agency_contacts("nedlagda-verket", "2006-01-01").await;
    assert_eq!(contacts["items"][0]["value"], "registrator@nedlagda.se");
    let response = app
        .send(
            Method::PATCH,
            "/v1/agencies/nedlagda-verket",
            &token,
            &json!({"ended_on": "2004-01-01"}),
        )
        .await;
    let problem = assert_problem(response, StatusCode::CONFLICT, "an end before it").await;
    assert_eq!(
        problem["detail"],
        "The agency's lifetime [2000, 2004-01-01) would leave out its contact point \
         'registrator@nedlagda.se' [2005-01-01, …); correct it first."
    );
    assert_eq!(
        app.get_json("/v1/agencies/nedlagda-verket").await["ended_on"],
        "2010-01-01"
    );

    // A name from after its end is refused, naming the new name (not the
    // one in force, which renaming would shorten to make room for it).
    let later =
        json!({ "name": {"sv": "Senare namn"}, "valid_from": "2015-01-01", "source": SOURCE });
    let response = app
        .send(
            Method::POST,
            "/v1/agencies/nedlagda-verket/names",
            &token,
            &later,
        )
        .await;
    let problem = assert_problem(response, StatusCode::CONFLICT, "a name after the end").await;
    assert_eq!(
        problem["detail"],
        "The name [2015-01-01, …) lies outside the lifetime of agency 'nedlagda-verket' \
         [2000, 2010-01-01)."
    );
    let names = app.get_json("/v1/agencies/nedlagda-verket").await["names"].clone();
    assert_eq!(names.as_array().unwrap().len(), 1, "{names}");
    assert_eq!(names[0]["valid_to"], serde_json::Value::Null);
}

/// SFS lists every instruction an agency has had, each issued in the year
/// its number names: the instruction on a day is the last one issued by
/// then. The registers name an agency's host without saying since when: it
/// is answered only on a day when both exist.
#[tokio::test]
async fn an_instruction_or_a_host_is_answered_only_when_it_can_have_been() {
    let app = TestApp::spawn_national().await;
    // Skatteverket (formed 2004): 2003:1106, then 2007:780, then 2017:154.
    let tax = app
        .get_json("/v1/agencies/skatteverket?at=2016-12-31")
        .await;
    assert_eq!(tax["instruction"], "2007:780", "{tax}");
    let listed: Vec<(&str, &str, Option<&str>)> = (tax["instructions"].as_array().unwrap())
        .iter()
        .map(|i| {
            let year = |field: &str| i[field].as_str();
            (
                i["sfs"].as_str().unwrap(),
                year("valid_from").unwrap(),
                year("valid_to"),
            )
        })
        .collect();
    assert_eq!(
        listed,
        [
            ("2003:1106", "2003", Some("2007")),
            ("2007:780", "2007", Some("2017")),
            ("2017:154", "2017", None)
        ]
    );
    for (at, instruction) in [("2004-01-01", "2003:1106"), ("2017-01-01", "2017:154")] {
        let tax = app
            .get_json(&format!("/v1/agencies/skatteverket?at={at}"))
            .await;
        assert_eq!(tax["instruction"], instruction, "{at}");
        assert_eq!(tax["instructions"].as_array().unwrap().len(), 3);
    }
    // Arvsfondsdelegationen (2008) has only the instruction the registers
    // name, 2021:403: in 2010 which governed it is not known.
    let board = app
        .get_json("/v1/agencies/arvsfondsdelegationen?at=2010-06-01")
        .await;
    assert_eq!(board["status"], "active");
    assert_eq!(board["instruction"], Value::Null, "not issued yet: {board}");
    assert_eq!(board["instructions"][0]["sfs"], "2021:403");
    assert_eq!(board["instructions"][0]["valid_from"], "2021");

    // Valmyndigheten (2001) is hosted by Skatteverket, which began in 2004.
    let before = "/v1/agencies/valmyndigheten?at=2003-12-31";
    let election = app.get_json(before).await;
    assert_eq!(election["status"], "active");
    assert_eq!(election["host"], Value::Null, "no host yet: {election}");
    assert_eq!(election["instruction"], "2001:240");
    let election = app
        .get_json("/v1/agencies/valmyndigheten?at=2004-01-01")
        .await;
    assert_eq!(election["host"]["slug"], "skatteverket", "{election}");
    assert_eq!(election["host"]["name"]["sv"], "Skatteverket");
    let today = app.get_json("/v1/agencies/valmyndigheten").await;
    assert_eq!(today["host"]["slug"], "skatteverket");
    assert_eq!(today["instruction"], "2007:977");
}

/// A registry that loaded the registers before it kept agencies'
/// instructions learns them at its next start, and the reading again
/// changes nothing else.
#[tokio::test]
async fn a_registry_loaded_before_instructions_were_kept_learns_them_at_start() {
    let app = TestApp::spawn_national().await;
    let before = app.get_json("/v1/agencies/skatteverket").await;
    sqlx::query("update agencies set instructions = '{}'")
        .execute(&app.pool)
        .await
        .unwrap();
    let forgotten = app
        .get_json("/v1/agencies/skatteverket?at=2010-01-01")
        .await;
    assert_eq!(forgotten["instruction"], Value::Null);

    let summary = registry::import::load_carried(&app.pool)
        .await
        .unwrap()
        .expect("the snapshot is read again");
    assert_eq!(summary.created, 0, "{summary}");
    let tax = app
        .get_json("/v1/agencies/skatteverket?at=2010-01-01")
        .await;
    assert_eq!(tax["instruction"], "2007:780", "{tax}");
    let after = app.get_json("/v1/agencies/skatteverket").await;
    assert_eq!(after, before);
    assert!(
        registry::import::load_carried(&app.pool)
            .await
            .unwrap()
            .is_none(),
        "once is enough"
    );
}
