//! Authority follows the agency: every write endpoint, tried with no token,
//! another agency's token, the record's own agency's token and a
//! registrar's. An agency's token may change its agencies' names and
//! details, their contact points (and those of the assignments they hold),
//! corrections of their holdings, and transfers where they give or receive;
//! everything else is a registrar's.

use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

use crate::helpers::*;

/// An agency the matrix never touches: its token is "another agency's".
const BYSTANDER: &str = "lansstyrelsen-uppsala";

/// Which tokens may make a write, besides a registrar's.
#[derive(Clone, Copy, PartialEq, Eq)]
enum May {
    /// A registrar's only.
    Registrar,
    /// The token of the agency the record belongs to.
    Own,
    /// Any agency's token (registering a source to cite).
    AnyAgency,
}

/// One write endpoint: the request of the `attempt`-th token (0 none,
/// 1 other agency, 2 own agency, 3 registrar), the agency it belongs to,
/// and which tokens may make it.
struct Row {
    method: Method,
    path: Box<dyn Fn(usize) -> String>,
    body: Box<dyn Fn(usize) -> Value>,
    own: String,
    may: May,
}

fn row(
    method: Method,
    path: impl Fn(usize) -> String + 'static,
    body: impl Fn(usize) -> Value + 'static,
    own: &str,
    may: May,
) -> Row {
    Row {
        method,
        path: Box::new(path),
        body: Box::new(body),
        own: own.to_owned(),
        may,
    }
}

/// The status a request that succeeds answers with.
fn success(method: &Method) -> StatusCode {
    match *method {
        Method::POST => StatusCode::CREATED,
        Method::DELETE => StatusCode::NO_CONTENT,
        _ => StatusCode::OK,
    }
}

async fn id_of(app: &TestApp, sql: &str) -> String {
    let id: uuid::Uuid = sqlx::query_scalar(sql).fetch_one(&app.pool).await.unwrap();
    id.to_string()
}

#[tokio::test]
async fn every_write_is_allowed_to_its_agency_and_to_registrars_only() {
    let app = TestApp::spawn().await;
    let admin = app.writer().await;
    app.get_json(&format!("/v1/agencies/{BYSTANDER}")).await;

    // Records to change, delete or move, made by a registrar.
    let agency = |slug: &str| json!({ "slug": slug, "kind": "government_agency", "name": { "sv": slug }, "source": SOURCE });
    let assignment = |slug: &str| json!({ "slug": slug, "title": { "sv": slug }, "jurisdiction": "national", "source": SOURCE });
    app.created("/v1/agencies", &admin, agency("matrix-deletable"))
        .await;
    for slug in [
        "matrix-deletable-assignment",
        "matrix-unheld",
        "matrix-held",
        "matrix-movable-1",
        "matrix-movable-2",
        "matrix-withdrawable-1",
        "matrix-withdrawable-2",
    ] {
        app.created("/v1/assignments", &admin, assignment(slug))
            .await;
    }
    for slug in [
        "matrix-held",
        "matrix-movable-1",
        "matrix-movable-2",
        "matrix-withdrawable-1",
        "matrix-withdrawable-2",
    ] {
        let holding = json!({
            "assignment": slug, "agency": GENDER_EQUALITY_AGENCY, "valid_from": "2020-01-01",
            "source": SOURCE
        });
        app.created("/v1/holdings", &admin, holding).await;
    }
    let report = json!({ "due_on": "2031-06", "source": SOURCE });
    app.created("/v1/assignments/matrix-held/reports", &admin, report)
        .await;
    let mut consulted = Vec::new();
    for (agency, from) in [
        ("lansstyrelsen-skane", "2025-01-01"),
        ("lansstyrelsen-halland", "2025-01-01"),
    ] {
        let part =
            json!({ "agency": agency, "role": "consulted", "valid_from": from, "source": SOURCE });
        let read = app
            .created("/v1/assignments/matrix-held/participants", &admin, part)
            .await;
        let id = read["consulted"]
            .as_array()
            .unwrap()
            .iter()
            .find(|part| part["agency"]["slug"] == agency)
            .unwrap()["id"]
            .as_str()
            .unwrap()
            .to_owned();
        consulted.push(id);
    }
    let (consulted_1, consulted_2) = (consulted[0].clone(), consulted[1].clone());
    let amendment =
        json!({ "title": { "sv": "Ändrat" }, "valid_from": "2035-01-01", "source": SOURCE });
    app.created("/v1/assignments/matrix-held/versions", &admin, amendment)
        .await;
    let history = app.assignment_history("matrix-held").await;
    let amended = history["versions"][1]["id"].as_str().unwrap().to_owned();
    let first_version = history["versions"][0]["id"].as_str().unwrap().to_owned();
    let filed = app
        .created(
            "/v1/assignments/matrix-held/identifiers",
            &admin,
            json!({ "value": "A2030/1", "source": SOURCE }),
        )
        .await;
    let case_number = filed["identifiers"][0]["id"].as_str().unwrap().to_owned();
    // The agency's first name, to correct, and two later ones, to delete.
    let jamy_names = format!("/v1/agencies/{GENDER_EQUALITY_AGENCY}/names");
    for year in [2040, 2041] {
        let name = json!({ "name": { "sv": format!("Jämy {year}") }, "valid_from": format!("{year}"), "source": SOURCE });
        app.created(&jamy_names, &admin, name).await;
    }
    let names = app
        .get_json(&format!("/v1/agencies/{GENDER_EQUALITY_AGENCY}"))
        .await["names"]
        .clone();
    let name_id = |at: usize| names[at]["id"].as_str().unwrap().to_owned();
    let (first_name, name_2040, name_2041) = (name_id(0), name_id(1), name_id(2));
    // Two identifiers and two other names of the agency, to delete.
    let jamy_path = format!("/v1/agencies/{GENDER_EQUALITY_AGENCY}");
    let mut known_by = Vec::new();
    for (list, path, body) in [
        (
            "identifiers",
            "identifiers",
            json!({ "scheme": "esv", "value": "9001", "source": SOURCE }),
        ),
        (
            "identifiers",
            "identifiers",
            json!({ "scheme": "esv", "value": "9002", "source": SOURCE }),
        ),
        (
            "other_names",
            "other-names",
            json!({ "name": "Matris 1", "kind": "other_name", "source": SOURCE }),
        ),
        (
            "other_names",
            "other-names",
            json!({ "name": "Matris 2", "kind": "other_name", "source": SOURCE }),
        ),
    ] {
        let answer = app
            .created(&format!("{jamy_path}/{path}"), &admin, body.clone())
            .await;
        let written = body.get("value").or(body.get("name")).unwrap();
        let id = answer[list]
            .as_array()
            .unwrap()
            .iter()
            .find(|item| item.get("value").or(item.get("name")) == Some(written))
            .unwrap()["id"]
            .as_str()
            .unwrap()
            .to_owned();
        known_by.push(format!("{jamy_path}/{path}/{id}"));
    }
    let known_by = std::rc::Rc::new(known_by);
    let transfer = |slug: &str, assignment: &str| {
        json!({
            "slug": slug, "from": GENDER_EQUALITY_AGENCY, "to": "lansstyrelsen-skane",
            "effective_on": "2030-01-01", "assignments": [assignment], "source": SOURCE
        })
    };
    for i in 1..=2 {
        app.created(
            "/v1/transfers",
            &admin,
            transfer(
                &format!("matrix-withdrawable-{i}"),
                &format!("matrix-withdrawable-{i}"),
            ),
        )
        .await;
    }
    let contact = |value: String| json!({ "agency": GENDER_EQUALITY_AGENCY, "kind": "email", "value": value, "source": SOURCE });
    let mut contacts = Vec::new();
    for i in 0..3 {
        let created = app
            .created(
                "/v1/contact-points",
                &admin,
                contact(format!("matrix-{i}@jamy.se")),
            )
            .await;
        contacts.push(created["id"].as_str().unwrap().to_owned());
    }
    let participation = json!({
        "body": "nmt", "agency": GENDER_EQUALITY_AGENCY, "valid_from": "2027-01-01", "source": SOURCE
    });
    let participation_1 = app
        .created("/v1/participations", &admin, participation.clone())
        .await;
    let participation_2 = app
        .created(
            "/v1/participations",
            &admin,
            json!({ "body": "nmt", "agency": "skatteverket", "valid_from": "2027-01-01", "source": SOURCE }),
        )
        .await;
    let (participation_1, participation_2) = (
        participation_1["id"].as_str().unwrap().to_owned(),
        participation_2["id"].as_str().unwrap().to_owned(),
    );
    // Two lineage links from the agency, to correct and to delete.
    let mut links = Vec::new();
    for successor in ["arbetsmiljoverket", "migrationsverket"] {
        let link = json!({
            "predecessor": GENDER_EQUALITY_AGENCY, "successor": successor, "kind": "split_into",
            "effective_on": "2040", "source": SOURCE
        });
        let created = app.created("/v1/lineage-links", &admin, link).await;
        links.push(created["id"].as_str().unwrap().to_owned());
    }
    let (link_1, link_2) = (links[0].clone(), links[1].clone());
    let jamy_holding = id_of(
        &app,
        "select h.id from holdings h join assignments s on s.id = h.assignment_id
         where s.slug = 'nationella-stodprocessen' and h.valid_to is null",
    )
    .await;
    let deletable_holding = id_of(
        &app,
        "select h.id from holdings h join assignments s on s.id = h.assignment_id
         where s.slug = 'matrix-held'",
    )
    .await;
    let jamy = GENDER_EQUALITY_AGENCY;
    let (c0, c1, c2) = (
        contacts[0].clone(),
        contacts[1].clone(),
        contacts[2].clone(),
    );

    let rows: Vec<(&str, Row)> = vec![
        (
            "create an agency",
            row(
                Method::POST,
                |_| "/v1/agencies".into(),
                move |i| agency(&format!("matrix-agency-{i}")),
                jamy,
                May::Registrar,
            ),
        ),
        (
            "correct an agency",
            row(
                Method::PATCH,
                |_| format!("/v1/agencies/{GENDER_EQUALITY_AGENCY}"),
                |i| json!({ "seat": format!("Göteborg {i}") }),
                jamy,
                May::Own,
            ),
        ),
        (
            "rename an agency",
            row(
                Method::POST,
                |_| format!("/v1/agencies/{GENDER_EQUALITY_AGENCY}/names"),
                |i| json!({ "name": { "sv": format!("Jämy {i}") }, "valid_from": format!("203{i}-01-01"), "source": SOURCE }),
                jamy,
                May::Own,
            ),
        ),
        (
            "correct an agency's name",
            row(
                Method::PATCH,
                move |_| format!("/v1/agencies/{GENDER_EQUALITY_AGENCY}/names/{first_name}"),
                |i| json!({ "name": { "sv": "Jämställdhetsmyndigheten", "en": format!("Gender Equality {i}") } }),
                jamy,
                May::Own,
            ),
        ),
        (
            "delete an agency's name",
            row(
                Method::DELETE,
                move |i| {
                    let name = if i == 3 { &name_2041 } else { &name_2040 };
                    format!("/v1/agencies/{GENDER_EQUALITY_AGENCY}/names/{name}")
                },
                |_| Value::Null,
                jamy,
                May::Own,
            ),
        ),
        (
            "add an agency's identifier",
            row(
                Method::POST,
                |_| format!("/v1/agencies/{GENDER_EQUALITY_AGENCY}/identifiers"),
                |i| json!({ "scheme": "esv", "value": format!("800{i}"), "source": SOURCE }),
                jamy,
                May::Own,
            ),
        ),
        (
            "delete an agency's identifier",
            row(
                Method::DELETE,
                {
                    let known_by = known_by.clone();
                    move |i| known_by[usize::from(i == 3)].clone()
                },
                |_| Value::Null,
                jamy,
                May::Own,
            ),
        ),
        (
            "add another name of an agency",
            row(
                Method::POST,
                |_| format!("/v1/agencies/{GENDER_EQUALITY_AGENCY}/other-names"),
                |i| json!({ "name": format!("Matrisnamn {i}"), "kind": "abbreviation", "source": SOURCE }),
                jamy,
                May::Own,
            ),
        ),
        (
            "delete another name of an agency",
            row(
                Method::DELETE,
                {
                    let known_by = known_by.clone();
                    move |i| known_by[2 + usize::from(i == 3)].clone()
                },
                |_| Value::Null,
                jamy,
                May::Own,
            ),
        ),
        (
            "delete an agency",
            row(
                Method::DELETE,
                |_| "/v1/agencies/matrix-deletable".into(),
                |_| Value::Null,
                "matrix-deletable",
                May::Registrar,
            ),
        ),
        (
            "create an assignment",
            row(
                Method::POST,
                |_| "/v1/assignments".into(),
                move |i| assignment(&format!("matrix-assignment-{i}")),
                jamy,
                May::Registrar,
            ),
        ),
        (
            "correct an assignment",
            row(
                Method::PATCH,
                |_| format!("/v1/assignments/{SUPPORT_PROCESS}"),
                |i| json!({ "legal_basis": format!("Beslut {i}") }),
                jamy,
                May::Registrar,
            ),
        ),
        (
            "retitle an assignment",
            row(
                Method::POST,
                |_| format!("/v1/assignments/{SUPPORT_PROCESS}/versions"),
                |i| json!({ "title": { "sv": format!("Stödprocessen {i}") }, "valid_from": format!("204{i}-01-01"), "source": SOURCE }),
                jamy,
                May::Registrar,
            ),
        ),
        (
            "correct a version",
            row(
                Method::PATCH,
                move |_| format!("/v1/assignments/matrix-held/versions/{first_version}"),
                |i| json!({ "due_on": format!("203{i}-06") }),
                jamy,
                May::Registrar,
            ),
        ),
        (
            "delete a version",
            row(
                Method::DELETE,
                move |_| format!("/v1/assignments/matrix-held/versions/{amended}"),
                |_| Value::Null,
                jamy,
                May::Registrar,
            ),
        ),
        (
            "file an assignment under a case number",
            row(
                Method::POST,
                |_| format!("/v1/assignments/{SUPPORT_PROCESS}/identifiers"),
                |i| json!({ "value": format!("A204{i}/1"), "source": SOURCE }),
                jamy,
                May::Registrar,
            ),
        ),
        (
            "delete a case number",
            row(
                Method::DELETE,
                move |_| format!("/v1/assignments/matrix-held/identifiers/{case_number}"),
                |_| Value::Null,
                jamy,
                May::Registrar,
            ),
        ),
        (
            "record an interim report",
            row(
                Method::POST,
                |_| format!("/v1/assignments/{SUPPORT_PROCESS}/reports"),
                |i| json!({ "due_on": format!("204{i}-06"), "source": SOURCE }),
                jamy,
                May::Registrar,
            ),
        ),
        (
            "delete an interim report",
            row(
                Method::DELETE,
                |_| "/v1/assignments/matrix-held/reports/2031-06".into(),
                |_| Value::Null,
                jamy,
                May::Registrar,
            ),
        ),
        (
            "record who takes part in an assignment",
            row(
                Method::POST,
                |_| "/v1/assignments/matrix-held/participants".into(),
                |i| json!({ "agency": "lansstyrelsen-kalmar", "role": "consulted", "valid_from": format!("204{i}-01-01"), "valid_to": format!("204{i}-06-01"), "source": SOURCE }),
                jamy,
                May::Registrar,
            ),
        ),
        (
            "end a part in an assignment",
            row(
                Method::PATCH,
                move |_| format!("/v1/assignments/matrix-held/participants/{consulted_1}"),
                |i| json!({ "valid_to": format!("203{i}-01-01") }),
                jamy,
                May::Registrar,
            ),
        ),
        (
            "delete a part in an assignment",
            row(
                Method::DELETE,
                move |_| format!("/v1/assignments/matrix-held/participants/{consulted_2}"),
                |_| Value::Null,
                jamy,
                May::Registrar,
            ),
        ),
        (
            "delete an assignment",
            row(
                Method::DELETE,
                |_| "/v1/assignments/matrix-deletable-assignment".into(),
                |_| Value::Null,
                jamy,
                May::Registrar,
            ),
        ),
        (
            "register a source",
            row(
                Method::POST,
                |_| "/v1/sources".into(),
                |i| json!({ "slug": format!("matrix-source-{i}"), "title": "Matrix", "published_on": "2026-11-28" }),
                jamy,
                May::AnyAgency,
            ),
        ),
        (
            "record a holding",
            row(
                Method::POST,
                |_| "/v1/holdings".into(),
                move |_| json!({ "assignment": "matrix-unheld", "agency": jamy, "valid_from": "2027-01-01", "source": SOURCE }),
                jamy,
                May::Registrar,
            ),
        ),
        (
            "correct a holding",
            row(
                Method::PATCH,
                move |_| format!("/v1/holdings/{jamy_holding}"),
                |_| json!({ "source": SOURCE }),
                jamy,
                May::Own,
            ),
        ),
        (
            "delete a holding",
            row(
                Method::DELETE,
                move |_| format!("/v1/holdings/{deletable_holding}"),
                |_| Value::Null,
                jamy,
                May::Registrar,
            ),
        ),
        (
            "add a contact point",
            row(
                Method::POST,
                |_| "/v1/contact-points".into(),
                move |i| contact(format!("new-{i}@jamy.se")),
                jamy,
                May::Own,
            ),
        ),
        (
            "change a contact point",
            row(
                Method::PATCH,
                move |_| format!("/v1/contact-points/{c0}"),
                |i| json!({ "value": format!("changed-{i}@jamy.se") }),
                jamy,
                May::Own,
            ),
        ),
        (
            "delete a contact point",
            row(
                Method::DELETE,
                move |i| format!("/v1/contact-points/{}", if i == 3 { &c2 } else { &c1 }),
                |_| Value::Null,
                jamy,
                May::Own,
            ),
        ),
        (
            "record a participation",
            row(
                Method::POST,
                |_| "/v1/participations".into(),
                move |_| json!({ "body": "nmt", "agency": jamy, "role": "coordinator", "valid_from": "2031-01-01", "source": SOURCE }),
                jamy,
                May::Registrar,
            ),
        ),
        (
            "change a participation",
            row(
                Method::PATCH,
                move |_| format!("/v1/participations/{participation_1}"),
                |_| json!({ "role": "coordinator" }),
                jamy,
                May::Registrar,
            ),
        ),
        (
            "delete a participation",
            row(
                Method::DELETE,
                move |_| format!("/v1/participations/{participation_2}"),
                |_| Value::Null,
                "skatteverket",
                May::Registrar,
            ),
        ),
        (
            "record a lineage link",
            row(
                Method::POST,
                |_| "/v1/lineage-links".into(),
                |i| {
                    let successor = [
                        "aklagarmyndigheten",
                        "skatteverket",
                        "polismyndigheten",
                        "lansstyrelsen-gotland",
                    ][i];
                    json!({ "predecessor": GENDER_EQUALITY_AGENCY, "successor": successor, "kind": "split_into", "source": SOURCE })
                },
                jamy,
                May::Registrar,
            ),
        ),
        (
            "correct a lineage link",
            row(
                Method::PATCH,
                move |_| format!("/v1/lineage-links/{link_1}"),
                |i| json!({ "effective_on": format!("204{i}") }),
                jamy,
                May::Registrar,
            ),
        ),
        (
            "delete a lineage link",
            row(
                Method::DELETE,
                move |_| format!("/v1/lineage-links/{link_2}"),
                |_| Value::Null,
                jamy,
                May::Registrar,
            ),
        ),
        (
            "record a transfer",
            row(
                Method::POST,
                |_| "/v1/transfers".into(),
                move |i| {
                    transfer(
                        &format!("matrix-move-{i}"),
                        &format!("matrix-movable-{}", i.max(2) - 1),
                    )
                },
                jamy,
                May::Own,
            ),
        ),
        (
            "correct a transfer",
            row(
                Method::PATCH,
                |_| format!("/v1/transfers/{TRANSFER}"),
                |i| json!({ "note": { "sv": format!("Anteckning {i}") } }),
                jamy,
                May::Own,
            ),
        ),
        (
            "withdraw a transfer",
            row(
                Method::DELETE,
                |i| format!("/v1/transfers/matrix-withdrawable-{}", i.max(2) - 1),
                |_| Value::Null,
                jamy,
                May::Own,
            ),
        ),
    ];

    let other = app.agency_writer(BYSTANDER).await;
    let mut cases = 0;
    for (what, row) in &rows {
        let own = app.agency_writer(&row.own).await;
        let tokens = [None, Some(&other), Some(&own), Some(&admin)];
        for (attempt, token) in tokens.into_iter().enumerate() {
            let path = (row.path)(attempt);
            let body = (row.body)(attempt);
            let mut request = app
                .client
                .request(row.method.clone(), format!("{}{path}", app.address));
            if let Some(token) = token {
                request = request.bearer_auth(token);
            }
            if !body.is_null() {
                request = request.json(&body);
            }
            let changes = app.count("changes").await;
            let response = request.send().await.unwrap();
            let allowed = match attempt {
                3 => true,
                2 => row.may != May::Registrar,
                1 => row.may == May::AnyAgency,
                _ => false,
            };
            let expected = match attempt {
                0 => StatusCode::UNAUTHORIZED,
                _ if allowed => success(&row.method),
                _ => StatusCode::FORBIDDEN,
            };
            let who = [
                "no token",
                "another agency",
                "its own agency",
                "a registrar",
            ][attempt];
            assert_eq!(
                response.status(),
                expected,
                "{what} with {who}: {}",
                response.text().await.unwrap_or_default()
            );
            if !allowed {
                let problem = assert_problem(response, expected, what).await;
                if attempt > 0 {
                    assert_eq!(problem["type"], "/problems/forbidden", "{what} with {who}");
                    let detail = problem["detail"].as_str().unwrap();
                    assert!(
                        detail.contains("registrar")
                            || detail.contains(&format!("'{}'", row.own))
                            || detail.contains("'lansstyrelsen-skane'"),
                        "{what} with {who}: the refusal names what the token lacks: {detail}"
                    );
                }
                assert_eq!(
                    app.count("changes").await,
                    changes,
                    "{what} with {who} wrote nothing"
                );
            }
            cases += 1;
        }
    }
    assert_eq!(cases, 156, "39 write endpoints × 4 kinds of token");
}

#[tokio::test]
async fn an_expired_token_is_refused_and_a_used_one_says_when() {
    let app = TestApp::spawn().await;
    let new = registry::auth::NewToken {
        name: "short-lived",
        scopes: &[registry::auth::Scope::Admin],
        agencies: &[],
        expires_in: Some(chrono::Duration::hours(1)),
    };
    let minted = registry::auth::mint(&app.pool, &new).await.unwrap();
    let source =
        |slug: &str| json!({ "slug": slug, "title": "Expiry", "published_on": "2026-11-28" });
    let response = app
        .send(
            Method::POST,
            "/v1/sources",
            &minted.token,
            &source("before-expiry"),
        )
        .await;
    assert_eq!(response.status(), StatusCode::CREATED);
    let tokens = registry::auth::list(&app.pool).await.unwrap();
    let listed = tokens.iter().find(|token| token.id == minted.id).unwrap();
    assert!(
        listed.last_used_at.is_some(),
        "the token says when it was last used"
    );

    sqlx::query("update api_tokens set expires_at = now() - interval '1 second' where id = $1")
        .bind(minted.id)
        .execute(&app.pool)
        .await
        .unwrap();
    let response = app
        .send(
            Method::POST,
            "/v1/sources",
            &minted.token,
            &source("after-expiry"),
        )
        .await;
    let problem = assert_problem(response, StatusCode::UNAUTHORIZED, "an expired token").await;
    assert!(
        problem["detail"].as_str().unwrap().contains("expired"),
        "{problem}"
    );
    app.get_problem("/v1/sources/after-expiry", StatusCode::NOT_FOUND)
        .await;
}
