//! The suggest and preview services of `/v1/reconcile`: what a person
//! typing into OpenRefine's "Search for match" box (or its fields of types
//! and properties) may mean, and a candidate as the small card OpenRefine
//! shows when the mouse is over it. Each is reached as a client reaches
//! it: by the addresses the manifest gives.

use reqwest::StatusCode;
use serde_json::{json, Value};

use crate::helpers::{assert_problem, header, urlencode, TestApp, SOURCE};
use crate::reconciliation::{contact_values, offered, reconciled};

/// The founding case's support process, whose id the example data fixes.
const SUPPORT_PROCESS: &str = "efb7269d-98ec-510b-b288-e36b6e229c73";

/// The address of the suggest service `of` (`entity`, `property` or
/// `type`) as the manifest gives it, with `query` (a query string).
async fn suggest_address(app: &TestApp, of: &str, query: &str) -> String {
    let manifest = app.get_json("/v1/reconcile").await;
    let service = &manifest["suggest"][of];
    let url = format!(
        "{}{}",
        service["service_url"].as_str().unwrap(),
        service["service_path"].as_str().unwrap()
    );
    let path = url
        .strip_prefix(&app.address)
        .expect("this server's address");
    format!("{path}?{query}")
}

/// What the suggest service `of` suggests for `prefix` (and the further
/// parameters `more`): their names, and the whole answer.
async fn suggested(app: &TestApp, of: &str, prefix: &str, more: &str) -> (Vec<String>, Value) {
    let path = suggest_address(app, of, &format!("prefix={}{more}", urlencode(prefix))).await;
    let answer = app.get_json(&path).await;
    let names = answer["result"]
        .as_array()
        .unwrap_or_else(|| panic!("{path}: {answer}"))
        .iter()
        .map(|found| found["name"].as_str().unwrap().to_owned())
        .collect();
    (names, answer)
}

/// The ids of an answer's suggestions, in order.
fn ids(answer: &Value) -> Vec<&str> {
    answer["result"]
        .as_array()
        .unwrap()
        .iter()
        .map(|found| found["id"].as_str().unwrap())
        .collect()
}

/// The preview of `id`, at the address the manifest gives: its status,
/// `Content-Type`, `Content-Security-Policy` and body.
async fn previewed(app: &TestApp, id: &str) -> (StatusCode, String, String, String) {
    let manifest = app.get_json("/v1/reconcile").await;
    let template = manifest["preview"]["url"].as_str().unwrap();
    let url = template.replace("{{id}}", &urlencode(id));
    let response = app
        .get_with(
            url.strip_prefix(&app.address).unwrap(),
            "accept",
            "text/html,application/xhtml+xml,*/*;q=0.8",
        )
        .await;
    let status = response.status();
    let content_type = header(&response, "content-type");
    let policy = header(&response, "content-security-policy");
    (status, content_type, policy, response.text().await.unwrap())
}

#[tokio::test]
async fn what_a_person_types_is_completed_with_the_agencies_and_assignments_it_may_mean() {
    let app = TestApp::spawn_national().await;
    let jamy = app.agency("jamstalldhetsmyndigheten").await;

    // The beginning of a name: the agency first, with its type and
    // lifetime, then others, a page of ten.
    let (names, answer) = suggested(&app, "entity", "Jämställdhets", "").await;
    assert_eq!(names[0], "Jämställdhetsmyndigheten", "{answer}");
    let first = &answer["result"][0];
    assert_eq!(first["id"], jamy["id"]);
    assert_eq!(first["description"], "since 2018-01-01");
    assert_eq!(
        first["notable"],
        json!([{"id": "agency", "name": "Agency"}])
    );
    assert_eq!(names.len(), 10, "a page: {names:?}");
    assert!(
        names.iter().any(|name| name == "Jämställdhetsombudsmannen"),
        "an agency of the past is a name people still type: {names:?}"
    );
    // The next page: others, none of the first.
    let (_, next) = suggested(&app, "entity", "Jämställdhets", "&cursor=10").await;
    assert!(!ids(&next).is_empty());
    assert!(
        ids(&next).iter().all(|id| !ids(&answer).contains(id)),
        "{next}"
    );
    // Suggestions end at the hundredth.
    let (past_the_end, _) = suggested(&app, "entity", "Jämställdhets", "&cursor=100").await;
    assert!(past_the_end.is_empty());

    // A case number begun, in lower case: the assignment.
    let assignment = &app
        .get_json("/v1/assignments?q=S2011%2F1232%2FFST&limit=1")
        .await["items"][0];
    let (_, by_number) = suggested(&app, "entity", "s2011/1232", "").await;
    assert_eq!(by_number["result"][0]["id"], assignment["id"]);
    assert_eq!(
        by_number["result"][0]["notable"],
        json!([{"id": "assignment", "name": "Assignment"}])
    );
    assert!(by_number["result"][0]["description"]
        .as_str()
        .unwrap()
        .contains("S2011/1232/FST"));

    // An organisation number, of agencies only.
    let (names, _) = suggested(&app, "entity", "202100-6693", "&type=agency").await;
    assert_eq!(names, ["Jämställdhetsmyndigheten"]);
    // An agency's name, of assignments only: assignments (given to it).
    let (_, of_assignments) = suggested(
        &app,
        "entity",
        "Jämställdhetsmyndigheten",
        "&type=assignment",
    )
    .await;
    let suggestions = of_assignments["result"].as_array().unwrap();
    assert!(!suggestions.is_empty());
    assert!(suggestions
        .iter()
        .all(|found| found["notable"][0]["id"] == "assignment"));

    // An id: the one it names, alone. As a reconciliation query, too:
    // a column of ids (from an export) is matched at once.
    let (names, by_id) = suggested(&app, "entity", SUPPORT_PROCESS, "").await;
    assert_eq!(ids(&by_id), [SUPPORT_PROCESS]);
    let support_process = app.assignment(SUPPORT_PROCESS, "2026-01-01").await;
    assert_eq!(
        names,
        [support_process["version"]["title"]["sv"].as_str().unwrap()]
    );
    let answers = reconciled(
        &app,
        &json!({"q0": {"query": SUPPORT_PROCESS},
                "q1": {"query": jamy["id"], "type": "agency"},
                "q2": {"query": jamy["id"], "type": "assignment"}}),
    )
    .await;
    assert_eq!(answers["q0"]["result"][0]["id"], SUPPORT_PROCESS);
    assert_eq!(answers["q0"]["result"][0]["score"], 100.0);
    assert_eq!(answers["q0"]["result"][0]["match"], true);
    assert_eq!(
        answers["q1"]["result"][0]["name"],
        "Jämställdhetsmyndigheten"
    );
    assert_eq!(answers["q1"]["result"][0]["match"], true);
    assert_eq!(
        answers["q2"]["result"],
        json!([]),
        "an agency's id, of assignments"
    );

    // Nothing typed: nothing suggested. A cursor that is not a count up to
    // the hundredth: 400.
    let (names, _) = suggested(&app, "entity", "", "").await;
    assert!(names.is_empty());
    for cursor in ["-1", "ten", "1.5", "101"] {
        let path = suggest_address(&app, "entity", &format!("prefix=a&cursor={cursor}")).await;
        let problem = assert_problem(app.get(&path).await, StatusCode::BAD_REQUEST, &path).await;
        assert_eq!(problem["invalid_params"][0]["name"], "cursor", "{problem}");
    }
}

#[tokio::test]
async fn properties_and_types_are_completed_as_they_are_typed() {
    let app = TestApp::spawn().await;
    let (names, answer) = suggested(&app, "property", "tele", "").await;
    assert_eq!(names, ["Telephone"]);
    assert_eq!(answer["result"][0]["id"], "phone");
    assert_eq!(
        answer["result"][0]["description"],
        "of agencies and assignments"
    );
    // Of one type: its own properties, whose ids an extension takes.
    let (_, of_assignments) = suggested(&app, "property", "ho", "&type=assignment").await;
    assert_eq!(ids(&of_assignments), ["holder", "co_recipients", "hotline"]);
    let (_, of_agencies) = suggested(&app, "property", "", "&type=agency").await;
    let proposal = app.get_json("/v1/reconcile/properties?type=agency").await;
    assert_eq!(
        ids(&of_agencies),
        offered(&proposal),
        "all, as the proposal has them"
    );

    let (names, answer) = suggested(&app, "type", "ag", "").await;
    assert_eq!(names, ["Agency"]);
    assert_eq!(ids(&answer), ["agency"]);
    let (names, _) = suggested(&app, "type", "", "").await;
    assert_eq!(names, ["Agency", "Assignment"]);
    let (names, _) = suggested(&app, "type", "person", "").await;
    assert!(names.is_empty());
}

#[tokio::test]
async fn a_candidate_is_previewed_as_a_small_page_that_runs_nothing() {
    let app = TestApp::spawn().await;
    let manifest = app.get_json("/v1/reconcile").await;
    assert_eq!(manifest["preview"]["width"], 400);
    assert_eq!(manifest["preview"]["height"], 180);

    // An agency: its name, type and lifetime, number and how to reach it.
    let jamy = app.agency("jamstalldhetsmyndigheten").await;
    let id = jamy["id"].as_str().unwrap();
    let (status, content_type, policy, card) = previewed(&app, id).await;
    assert_eq!(status, StatusCode::OK, "{card}");
    assert_eq!(content_type, "text/html; charset=utf-8");
    assert!(policy.contains("default-src 'none'"), "{policy}");
    assert!(!policy.contains("frame-ancestors"), "a client frames it");
    assert!(
        card.contains("<title>Jämställdhetsmyndigheten</title>"),
        "{card}"
    );
    assert!(card.contains("Agency · since 2018-01-01"), "{card}");
    assert!(
        card.contains("<dt>Name in English</dt><dd>Swedish Gender Equality Agency</dd>"),
        "{card}"
    );
    let contacts = app
        .agency_contacts("jamstalldhetsmyndigheten", "2026-01-01")
        .await;
    let phone = contact_values(&contacts, "phone")[0]["str"].clone();
    let phone = phone.as_str().expect("a telephone number");
    assert!(
        card.contains(&format!("<dt>Telephone</dt><dd>{phone}</dd>")),
        "{card}"
    );
    assert!(!card.contains("<script"), "{card}");

    // An assignment: its holder today (a link to its lookup page) and how
    // to reach whoever is responsible, the hotline first of all.
    let (status, _, _, card) = previewed(&app, SUPPORT_PROCESS).await;
    assert_eq!(status, StatusCode::OK, "{card}");
    assert!(card.contains("Assignment · active"), "{card}");
    assert!(
        card.contains(&format!(
            "<dt>Holder (the lead)</dt><dd><a href=\"/?id={id}\" target=\"_blank\" \
             rel=\"noopener\">Jämställdhetsmyndigheten</a></dd>"
        )),
        "{card}"
    );
    let contacts = app.assignment_contacts(SUPPORT_PROCESS, "2026-01-01").await;
    let hotline = contact_values(&contacts, "hotline")[0]["str"].clone();
    let hotline = hotline.as_str().expect("the hotline");
    assert!(
        card.contains(&format!("<dt>Hotline</dt><dd>{hotline}</dd>")),
        "{card}"
    );

    // A name that is markup is shown as text, never run.
    let writer = app.writer().await;
    let agency = app
        .created(
            "/v1/agencies",
            &writer,
            json!({"slug": "markup-i-namnet", "kind": "government_agency",
                   "name": {"sv": "<script>alert('x')</script> & \"Co\""}, "source": SOURCE}),
        )
        .await;
    let (status, _, _, card) = previewed(&app, agency["id"].as_str().unwrap()).await;
    assert_eq!(status, StatusCode::OK, "{card}");
    assert!(!card.contains("<script>"), "{card}");
    assert!(
        card.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;Co&quot;"),
        "{card}"
    );

    // An id of nothing: 404; not an id: 400; both as problems.
    let (status, content_type, _, problem) =
        previewed(&app, "1e1b61a5-0d8b-5f81-9f34-c76e929eba2f").await;
    assert_eq!(status, StatusCode::NOT_FOUND, "{problem}");
    assert_eq!(content_type, "application/problem+json");
    let (status, _, _, problem) = previewed(&app, "jamstalldhetsmyndigheten").await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{problem}");
    assert!(problem.contains("UUID"), "{problem}");
}
