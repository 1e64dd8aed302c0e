//! `/v1/reconcile`: a column of agency names matched to the registry, as
//! OpenRefine asks a reconciliation service (W3C Reconciliation Service
//! API 0.2): the manifest by `GET`, batches of queries by `POST` as a form
//! (or by `GET`).

use reqwest::StatusCode;
use serde_json::{json, Value};

use crate::helpers::{assert_problem, header, urlencode, TestApp};

/// POSTs `batch` as OpenRefine does (a form with `queries`), with no token;
/// asserts 200 and returns the answers.
pub async fn reconciled(app: &TestApp, batch: &Value) -> Value {
    let response = app
        .post_form("/v1/reconcile", "queries", &batch.to_string())
        .await;
    let status = response.status();
    assert_eq!(
        header(&response, "cache-control"),
        "no-store",
        "an answer to one batch is kept by no cache"
    );
    assert_eq!(header(&response, "etag"), "", "no resource's answer");
    let body = response.text().await.unwrap();
    assert_eq!(status, StatusCode::OK, "POST /v1/reconcile {batch}: {body}");
    serde_json::from_str(&body).unwrap()
}

/// POSTs the extension `extend` as OpenRefine does, with no token; asserts
/// 200 and returns the answer.
pub async fn extended(app: &TestApp, extend: &Value) -> Value {
    let response = app
        .post_form("/v1/reconcile", "extend", &extend.to_string())
        .await;
    assert_eq!(
        response.status(),
        StatusCode::OK,
        "POST /v1/reconcile {extend}"
    );
    assert_eq!(header(&response, "etag"), "", "no resource's answer");
    response.json().await.unwrap()
}

/// The ids of the properties a proposal offers, in order.
pub fn offered(proposal: &Value) -> Vec<&str> {
    proposal["properties"]
        .as_array()
        .unwrap()
        .iter()
        .map(|property| property["id"].as_str().unwrap())
        .collect()
}

/// The contact points of `kind` in a contacts answer, as an extension
/// gives them: `{"str": …}`, formatted where the registry formats them.
pub fn contact_values(contacts: &Value, kind: &str) -> Vec<Value> {
    contacts["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|contact| contact["kind"] == kind)
        .map(|contact| match &contact["formatted"] {
            Value::String(formatted) => json!({ "str": formatted }),
            _ => json!({"str": contact["value"]}),
        })
        .collect()
}

/// Every row of the export of `dataset`, as NDJSON gives it.
pub async fn exported(app: &TestApp, dataset: &str) -> Vec<Value> {
    let export = app
        .get(&format!("/v1/exports/{dataset}?format=ndjson"))
        .await;
    assert_eq!(export.status(), StatusCode::OK);
    let export = export.text().await.unwrap();
    export
        .lines()
        .map(|line| serde_json::from_str(line).unwrap())
        .collect()
}

/// The candidates' (name, score, match), in order; each of the shape the
/// specification's schema asks (an id, a name, a score; a description, if
/// any, is text), an agency or an assignment.
pub fn candidates(answer: &Value) -> Vec<(String, f64, bool)> {
    answer["result"]
        .as_array()
        .unwrap()
        .iter()
        .map(|candidate| {
            assert!(
                [
                    json!([{"id": "agency", "name": "Agency"}]),
                    json!([{"id": "assignment", "name": "Assignment"}])
                ]
                .contains(&candidate["type"]),
                "{candidate}"
            );
            assert!(candidate["id"].is_string(), "{candidate}");
            let description = candidate.get("description");
            assert!(description.map_or(true, Value::is_string), "{candidate}");
            (
                candidate["name"].as_str().unwrap().to_owned(),
                candidate["score"].as_f64().unwrap(),
                candidate["match"].as_bool().unwrap(),
            )
        })
        .collect()
}

#[tokio::test]
async fn a_column_of_agency_names_is_matched_to_the_agencies_meant() {
    let app = TestApp::spawn_national().await;

    // The manifest, which OpenRefine reads when the service is added.
    let manifest = app.get_json("/v1/reconcile").await;
    assert!(manifest["versions"]
        .as_array()
        .unwrap()
        .contains(&json!("0.2")));
    assert_eq!(manifest["identifierSpace"], format!("{}/v1/", app.address));
    assert_eq!(manifest["schemaSpace"], "http://www.w3.org/ns/org#");
    assert_eq!(
        manifest["defaultTypes"],
        json!([{"id": "agency", "name": "Agency"}, {"id": "assignment", "name": "Assignment"}])
    );
    assert_eq!(manifest["documentation"], format!("{}/docs", app.address));
    assert_eq!(
        manifest["view"]["url"],
        format!("{}/?id={{{{id}}}}", app.address)
    );

    let batch = json!({
        // A name people use, and a name of the agency in the register.
        "q0": {"query": "Skolverket"},
        // An agency that has ended, by its own name.
        "q1": {"query": "Banverket", "type": "agency"},
        // Lower case, no diacritics, as a spreadsheet may have it.
        "q2": {"query": "forsakringskassan", "limit": 2},
        // An abbreviation two agencies have had: no match, both offered.
        "q3": {"query": "DO"},
        // By organisation number alone, written without its hyphen.
        "q4": {"properties": [{"pid": "organisation_number", "v": "2021005489"}]},
        // A type this service does not have.
        "q5": {"query": "Skolverket", "type": "person"},
        // Nothing like any agency.
        "q6": {"query": "Zyxwvuts"},
    });
    let answers = reconciled(&app, &batch).await;
    let keys: Vec<&String> = answers.as_object().unwrap().keys().collect();
    assert_eq!(keys, ["q0", "q1", "q2", "q3", "q4", "q5", "q6"]);

    let skolverket = app.agency("statens-skolverk").await;
    assert_eq!(answers["q0"]["result"][0]["id"], skolverket["id"]);
    assert_eq!(
        candidates(&answers["q0"])[0],
        ("Statens skolverk".to_owned(), 100.0, true)
    );

    let banverket = &answers["q1"]["result"][0];
    assert_eq!(banverket["id"], app.agency("banverket").await["id"]);
    assert_eq!(banverket["match"], true);
    assert_eq!(banverket["description"], "1988-07-01 – 2010-04-01");
    // The others are offered below it, less alike, and none is a match.
    let others = candidates(&answers["q1"]);
    assert!(others[1..]
        .iter()
        .all(|(_, score, matched)| *score < 100.0 && !matched));

    let insurance = candidates(&answers["q2"]);
    assert_eq!(insurance.len(), 2, "as many as the limit asks");
    assert_eq!(insurance[0], ("Försäkringskassan".to_owned(), 100.0, true));

    let abbreviated = candidates(&answers["q3"]);
    let full: Vec<&str> = abbreviated
        .iter()
        .filter(|(_, score, _)| *score == 100.0)
        .map(|(name, _, _)| name.as_str())
        .collect();
    assert_eq!(
        full,
        [
            "Diskrimineringsombudsmannen",
            "Ombudsmannen mot etnisk diskriminering"
        ]
    );
    assert!(abbreviated.iter().all(|(_, _, matched)| !matched));

    assert_eq!(
        candidates(&answers["q4"]),
        [("Bolagsverket".to_owned(), 100.0, true)]
    );
    assert_eq!(answers["q5"]["result"], json!([]));
    assert_eq!(answers["q6"]["result"], json!([]));

    // The same batch by GET is answered alike.
    let by_get = app
        .get_json(&format!(
            "/v1/reconcile?queries={}",
            urlencode(&batch.to_string())
        ))
        .await;
    assert_eq!(by_get, answers);
}

/// Every agency's name today, reconciled: the agency is the match, but
/// where another agency has or had that name too (a former name of its
/// successor, say); then there is no match, and never the wrong one. Given
/// a date when it existed (the property `at`), most of those are told
/// apart too.
#[tokio::test]
async fn every_agency_by_its_name_today_is_the_match_or_none_is() {
    let app = TestApp::spawn_national().await;
    // Every agency with its name today and its lifetime: the export.
    let agencies = exported(&app, "agencies").await;
    assert!(agencies.len() > 800, "the national registers");
    // A query a batch: the agency's name, and a date it existed on where
    // `dated` (its first day, or the year before its end).
    let query = |agency: &Value, dated: bool| {
        let existed = agency["started_on"]
            .as_str()
            .map(str::to_owned)
            .or_else(|| {
                let end = agency["ended_on"].as_str()?;
                Some((end[..4].parse::<i32>().unwrap() - 1).to_string())
            });
        // Undated, of no type (as OpenRefine asks when it guesses the
        // column's type): an assignment may be offered too, but is never
        // the match.
        match existed.filter(|_| dated) {
            Some(at) => json!({"query": agency["name_sv"], "type": "agency",
                               "properties": [{"pid": "at", "v": at}]}),
            None => json!({"query": agency["name_sv"]}),
        }
    };
    let (mut right, mut dated_right, mut none) = (0, 0, 0);
    for chunk in agencies.chunks(10) {
        let batch: serde_json::Map<String, Value> = chunk
            .iter()
            .enumerate()
            .flat_map(|(n, agency)| {
                [
                    (format!("q{n}"), query(agency, false)),
                    (format!("d{n}"), query(agency, true)),
                ]
            })
            .collect();
        let answers = reconciled(&app, &Value::Object(batch)).await;
        for (n, agency) in chunk.iter().enumerate() {
            for (key, dated) in [(format!("q{n}"), false), (format!("d{n}"), true)] {
                let result = answers[&key]["result"].as_array().unwrap();
                let what = format!("{} ({key}): {result:?}", agency["slug"]);
                let matched: Vec<&Value> = result.iter().filter(|c| c["match"] == true).collect();
                match (matched.as_slice(), dated) {
                    ([one], _) => {
                        assert_eq!(one["id"], agency["id"], "{what}");
                        *(if dated { &mut dated_right } else { &mut right }) += 1;
                    }
                    ([], _) => {
                        let alike = result.iter().filter(|c| c["score"] == 100.0).count();
                        assert!(alike >= 2, "{what}: no match, and no other as alike");
                        none += usize::from(!dated);
                    }
                    _ => panic!("{what}: two matches"),
                }
            }
        }
    }
    println!(
        "reconciled by name today: {right} the match, {none} no match; \
         with a date it existed on: {dated_right} the match"
    );
    assert!(
        right * 100 >= agencies.len() * 95,
        "{right} of {} the match",
        agencies.len()
    );
    assert!(dated_right > right, "a date tells some apart");
    assert!(
        dated_right * 100 >= agencies.len() * 99,
        "{dated_right} of {} the match",
        agencies.len()
    );
}

/// Once reconciled, columns from the agencies matched: what the proposal
/// offers, and each agency's values (an agency that ended: who took over).
#[tokio::test]
async fn columns_are_added_from_the_agencies_matched() {
    let app = TestApp::spawn_national().await;
    let manifest = app.get_json("/v1/reconcile").await;
    let proposed = &manifest["extend"]["propose_properties"];
    let path = format!("{}?type=agency", proposed["service_path"].as_str().unwrap());
    assert_eq!(proposed["service_url"], app.address);
    let proposal = app.get_json(&path).await;
    let offered = offered(&proposal);
    for wanted in ["organisation_number", "successors", "website", "phone"] {
        assert!(offered.contains(&wanted), "{wanted} among {offered:?}");
    }
    let other = app.get_json("/v1/reconcile/properties?type=person").await;
    assert_eq!(other["properties"], json!([]));
    let three = app
        .get_json("/v1/reconcile/properties?type=agency&limit=3")
        .await;
    assert_eq!(three["properties"].as_array().unwrap().len(), 3);
    let problem = app
        .get_problem("/v1/reconcile/properties?limit=0", StatusCode::BAD_REQUEST)
        .await;
    assert_eq!(problem["invalid_params"][0]["name"], "limit");

    let skolverket = app.agency("statens-skolverk").await;
    let ended = app.agency("kriminalvardsverket").await;
    let extend = json!({
        "ids": [skolverket["id"], ended["id"], "not-an-agency"],
        "properties": [{"id": "organisation_number"}, {"id": "successors"}, {"id": "website"},
                       {"id": "status"}],
    });
    let columns = extended(&app, &extend).await;
    let names: Vec<&str> = columns["meta"]
        .as_array()
        .unwrap()
        .iter()
        .map(|property| property["name"].as_str().unwrap())
        .collect();
    assert_eq!(
        names,
        [
            "Organisation number",
            "Successors (who took over)",
            "Website",
            "Status"
        ]
    );
    let row = &columns["rows"][skolverket["id"].as_str().unwrap()];
    assert_eq!(
        row["organisation_number"],
        json!([{"str": skolverket["organisation_number"]}])
    );
    assert_eq!(row["status"], json!([{"str": "active"}]));
    assert_eq!(row["successors"], json!([]));
    let contacts = app.agency_contacts("statens-skolverk", "2026-01-02").await;
    let websites = contact_values(&contacts, "website");
    assert!(!websites.is_empty());
    assert_eq!(row["website"], json!(websites));

    let row = &columns["rows"][ended["id"].as_str().unwrap()];
    assert_eq!(row["status"], json!([{"str": "ended"}]));
    assert_eq!(
        row["website"],
        json!([]),
        "an agency that has ended has no website today"
    );
    let successors: Vec<&str> = row["successors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|agency| agency["name"].as_str().unwrap())
        .collect();
    assert_eq!(successors, ["Kriminalvården"]);
    let nothing = &columns["rows"]["not-an-agency"];
    assert_eq!(
        nothing,
        &json!({"organisation_number": [], "successors": [], "website": [], "status": []})
    );

    // The same by GET.
    let by_get = app
        .get_json(&format!(
            "/v1/reconcile?extend={}",
            urlencode(&extend.to_string())
        ))
        .await;
    assert_eq!(by_get, columns);
}

#[tokio::test]
async fn a_batch_that_is_not_one_is_refused_and_says_why() {
    let app = TestApp::spawn().await;
    let problem = app
        .get_problem("/v1/reconcile?queries=Skolverket", StatusCode::BAD_REQUEST)
        .await;
    assert_eq!(problem["invalid_params"][0]["name"], "queries");
    assert!(problem["detail"]
        .as_str()
        .unwrap()
        .contains("must be a JSON object of queries by key"));

    let post = |body: String, content_type: &'static str| {
        app.client
            .post(format!("{}/v1/reconcile", app.address))
            .header("content-type", content_type)
            .body(body)
            .send()
    };
    let form = "application/x-www-form-urlencoded";
    let refused = [
        (
            r#"queries={"q0":{"limit":0}}"#.to_owned(),
            form,
            400,
            "q0.limit: must be a whole number from 1 to 25, not 0",
        ),
        (
            r#"queries={"q0":{"type":7}}"#.to_owned(),
            form,
            400,
            "q0.type",
        ),
        (r#"queries={}&extend={}"#.to_owned(), form, 400, "not both"),
        (
            r#"extend={"ids":[],"properties":[{"id":"P31"}]}"#.to_owned(),
            form,
            400,
            "there is no property 'P31'",
        ),
        (
            "query=Skolverket".to_owned(),
            form,
            400,
            "give queries or extend",
        ),
        (
            r#"{"q0":{"query":"Skolverket"}}"#.to_owned(),
            "application/json",
            415,
            "must be a form",
        ),
        (
            format!("queries={}", "a".repeat(70 * 1024)),
            form,
            413,
            "larger than",
        ),
    ];
    for (body, content_type, status, says) in refused {
        let what = format!("POST {}…", &body[..body.len().min(40)]);
        let response = post(body, content_type).await.unwrap();
        let status = StatusCode::from_u16(status).unwrap();
        let problem = assert_problem(response, status, &what).await;
        let detail = problem["detail"].as_str().unwrap();
        assert!(detail.contains(says), "{what}: {detail}");
    }
    let many: serde_json::Map<String, Value> = (0..=50)
        .map(|n| (format!("q{n}"), json!({"query": "x"})))
        .collect();
    let response = app
        .post_form("/v1/reconcile", "queries", &Value::Object(many).to_string())
        .await;
    let problem = assert_problem(response, StatusCode::BAD_REQUEST, "51 queries").await;
    assert!(problem["detail"]
        .as_str()
        .unwrap()
        .contains("at most 50 queries"));
}
