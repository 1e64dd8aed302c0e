//! The OpenAPI document: committed, served, and complete.

use reqwest::StatusCode;
use serde_json::{json, Value};

use crate::helpers::*;

const COMMITTED: &str = include_str!("../../openapi/openapi.json");

#[test]
fn the_committed_openapi_document_matches_the_code() {
    let generated = registry::openapi::document();
    assert!(
        generated == COMMITTED,
        "openapi/openapi.json is out of date; regenerate it with\n    cargo run -- openapi > openapi/openapi.json"
    );
}

#[tokio::test]
async fn the_server_serves_the_document_and_swagger_ui() {
    let app = TestApp::spawn().await;
    let served = app.get_json("/openapi.json").await;
    let committed: Value = serde_json::from_str(COMMITTED).unwrap();
    assert_eq!(served, committed);

    let no_redirects = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    let response = no_redirects
        .get(format!("{}/docs", app.address))
        .send()
        .await
        .unwrap();
    assert!(response.status().is_redirection());
    assert_eq!(header(&response, "location"), "/docs/");

    let response = app.get("/docs/").await;
    assert_eq!(response.status(), 200);
    let page = response.text().await.unwrap();
    assert!(page.contains("swagger-ui"), "Swagger UI's page");
    let response = app.get("/docs/swagger-ui-bundle.js").await;
    assert_eq!(response.status(), 200, "assets come from the binary");
}

#[test]
fn every_operation_has_a_summary_described_parameters_and_documented_errors() {
    let document: Value = serde_json::from_str(COMMITTED).unwrap();
    for (path, item) in document["paths"].as_object().unwrap() {
        for (method, operation) in item.as_object().unwrap() {
            let what = format!("{method} {path}");
            assert!(
                operation["summary"].as_str().is_some_and(|s| !s.is_empty()),
                "{what} has a summary"
            );
            for parameter in operation["parameters"].as_array().into_iter().flatten() {
                assert!(
                    parameter["description"]
                        .as_str()
                        .is_some_and(|d| !d.is_empty()),
                    "{what}: {parameter}"
                );
            }
            let responses = operation["responses"].as_object().unwrap();
            if path.starts_with("/v1/") {
                assert!(responses.contains_key("400"), "{what} documents 400");
                let problem =
                    &responses["400"]["content"]["application/problem+json"]["schema"]["$ref"];
                assert_eq!(problem, "#/components/schemas/Problem", "{what}");
            }
            if path.contains("{id}") {
                assert!(responses.contains_key("404"), "{what} documents 404");
            }
        }
    }
}

/// The one path whose `{id}` has no example: the example data has no
/// lineage.
const LINEAGE_LINK: &str = "/v1/lineage-links/{id}";

/// The lineage link that the document's POST example records, recorded
/// by a registrar first where it is not yet.
async fn example_lineage_link(app: &TestApp, document: &Value) -> String {
    let post = &document["paths"]["/v1/lineage-links"]["post"]["requestBody"];
    let example = &post["content"]["application/json"]["example"];
    let predecessor = example["predecessor"].as_str().unwrap();
    let lineage = app
        .get_json(&format!("/v1/agencies/{predecessor}/lineage"))
        .await;
    let recorded = (lineage["successors"].as_array().unwrap().iter())
        .find(|link| link["successor"]["slug"] == example["successor"]);
    let link = match recorded {
        Some(link) => link.clone(),
        None => {
            let token = app.writer().await;
            app.created("/v1/lineage-links", &token, example.clone())
                .await
        }
    };
    link["id"].as_str().unwrap().to_owned()
}

/// The id of a ministry link of `agency`: a ministry created, and the
/// agency moved to it on the founding case's day.
async fn example_ministry_link(app: &TestApp, token: &str, agency: &str) -> String {
    let source = "2018-01-08-nationella-uppdrag-flyttar";
    let ministry = json!({"slug": "socialdepartementet", "kind": "ministry",
                          "name": {"sv": "Socialdepartementet"}, "source": source});
    app.created("/v1/agencies", token, ministry).await;
    let moved = json!({"ministry": "socialdepartementet", "source": source});
    let response = app
        .send(reqwest::Method::PATCH, agency, token, &moved)
        .await;
    assert_eq!(response.status(), StatusCode::OK, "{agency}");
    let answer: Value = response.json().await.unwrap();
    answer["ministries"][0]["id"].as_str().unwrap().to_owned()
}

#[tokio::test]
async fn the_examples_in_the_document_work_on_the_example_data() {
    // What `cargo run` serves: the founding case and the national registers.
    let app = TestApp::spawn_national().await;
    let document: Value = serde_json::from_str(COMMITTED).unwrap();
    for (path, item) in document["paths"].as_object().unwrap() {
        let operation = &item["get"];
        if operation.is_null() {
            continue;
        }
        let mut url = path.clone();
        let mut query = Vec::new();
        let mut required = Vec::new();
        let mut formats = Vec::new();
        for parameter in operation["parameters"].as_array().into_iter().flatten() {
            let name = parameter["name"].as_str().unwrap();
            if name == "format" {
                let values = parameter["schema"]["enum"].as_array().unwrap();
                formats.extend(
                    values
                        .iter()
                        .map(|value| value.as_str().unwrap().to_owned()),
                );
            }
            let example = match &parameter["example"] {
                Value::String(text) => Some(text.clone()),
                Value::Number(number) => Some(number.to_string()),
                _ => None,
            };
            let example = example.as_deref();
            match (parameter["in"].as_str().unwrap(), example) {
                ("path", Some(example)) => url = url.replace(&format!("{{{name}}}"), example),
                ("path", None) if path == LINEAGE_LINK => {
                    let link = example_lineage_link(&app, &document).await;
                    url = url.replace("{id}", &link);
                }
                ("path", None) => panic!("GET {path}: path parameter {name} has no example"),
                // A parameter that must be given is, with every request.
                ("query", Some(example)) if parameter["required"] == true => {
                    required.push(format!("{name}={}", urlencode(example)));
                }
                ("query", Some(example)) => {
                    // Filters narrow each other; each example is tried alone.
                    query.push(format!("{name}={}", urlencode(example)));
                }
                _ => {}
            }
        }
        if !required.is_empty() {
            url = format!("{url}?{}", required.join("&"));
        }
        let with = |pair: &str| match required.is_empty() {
            true => format!("{url}?{pair}"),
            false => format!("{url}&{pair}"),
        };
        let response = app.get(&url).await;
        assert_eq!(response.status(), 200, "GET {url} with its path example");
        // Each documented `?format=` is answered in one of the documented
        // media types, no two alike; the first is the default.
        let documented: Vec<&String> = operation["responses"]["200"]["content"]
            .as_object()
            .map(|content| content.keys().collect())
            .unwrap_or_default();
        let media_type = |response: &reqwest::Response| {
            let content_type = header(response, "content-type");
            content_type.split(';').next().unwrap().trim().to_owned()
        };
        let default = media_type(&response);
        let mut answered = Vec::new();
        for format in &formats {
            let response = app.get(&with(&format!("format={format}"))).await;
            assert_eq!(response.status(), 200, "GET {url}?format={format}");
            let answer = media_type(&response);
            assert!(
                documented.contains(&&answer),
                "GET {url}?format={format} answers {answer}, not one of {documented:?}"
            );
            assert!(
                !answered.contains(&answer),
                "GET {url}: two formats answer {answer}"
            );
            answered.push(answer);
        }
        if let Some(first) = answered.first() {
            assert_eq!(
                first, &default,
                "GET {url}: the first format is the default"
            );
        }
        for pair in query {
            let with_query = with(&pair);
            let response = app.get(&with_query).await;
            // The lineage link was recorded just now, after the moment
            // of the `known_at` example: the registry did not know it then.
            let known = !(path == LINEAGE_LINK && pair.starts_with("known_at="));
            let expected = if known { 200 } else { 404 };
            assert_eq!(response.status(), expected, "GET {with_query}");
        }
    }
}

#[tokio::test]
async fn every_write_documents_its_token_and_its_examples_work() {
    let app = TestApp::spawn().await;
    let token = app.writer().await;
    let document: Value = serde_json::from_str(COMMITTED).unwrap();
    assert_eq!(
        document["components"]["securitySchemes"]["bearer"]["scheme"],
        "bearer"
    );
    // Corrections first, then creations: the examples build on the founding
    // case. A correction of what the founding case does not have (an
    // agency's part in an assignment, a lineage link) comes last, of what
    // its creation's example records.
    let deferred = [
        "/v1/assignments/{id}/participants/{participant}",
        "/v1/agencies/{id}/ministries/{ministry}",
        LINEAGE_LINK,
    ];
    let order = [
        ("patch", false),
        ("post", false),
        ("patch", true),
        ("delete", false),
    ];
    for (method, late) in order {
        for (path, item) in document["paths"].as_object().unwrap() {
            if deferred.contains(&path.as_str()) != late && method == "patch" {
                continue;
            }
            let operation = &item[method];
            // A reconciliation batch is the one POST that writes nothing
            // (tests/api/reconciliation.rs sends it with no token).
            if operation.is_null() || (method == "post" && path == "/v1/reconcile") {
                continue;
            }
            let what = format!("{} {path}", method.to_uppercase());
            assert_eq!(
                operation["security"],
                serde_json::json!([{"bearer": ["write"]}]),
                "{what}"
            );
            let statuses: &[&str] = if method == "post" {
                &["401", "403", "422"]
            } else {
                &["401", "403", "412"]
            };
            for status in statuses {
                assert!(
                    operation["responses"][status].is_object(),
                    "{what} documents {status}"
                );
            }
            if method == "delete" {
                continue;
            }
            let content = operation["requestBody"]["content"]
                .as_object()
                .expect(&what);
            let example = content.values().next().unwrap()["example"].clone();
            assert!(example.is_object(), "{what} has a request example");
            let mut url = path.clone();
            for parameter in operation["parameters"].as_array().into_iter().flatten() {
                if parameter["in"] == "path" {
                    let name = parameter["name"].as_str().unwrap();
                    let value = match parameter["example"].as_str() {
                        Some(example) => example.to_owned(),
                        // A part of this assignment, as the POST example records it.
                        None if name == "participant" => {
                            let parts = url.trim_end_matches("/{participant}");
                            let collection = path.trim_end_matches("/{participant}");
                            let post = &document["paths"][collection]["post"]["requestBody"];
                            let example = post["content"]["application/json"]["example"].clone();
                            app.created(parts, &token, example.clone()).await;
                            let at = example["valid_from"].as_str().expect(&what);
                            let assignment = parts.trim_end_matches("/participants");
                            let read = app.get_json(&format!("{assignment}?at={at}")).await;
                            read["consulted"][0]["id"].as_str().expect(&what).to_owned()
                        }
                        None if path == LINEAGE_LINK => example_lineage_link(&app, &document).await,
                        // A ministry the founding case's agency answers to,
                        // as its PATCH records one.
                        None if name == "ministry" => {
                            let agency = url.trim_end_matches("/ministries/{ministry}");
                            example_ministry_link(&app, &token, agency).await
                        }
                        None => panic!("{what}: no example of {{{name}}}"),
                    };
                    url = url.replace(&format!("{{{name}}}"), &value);
                }
            }
            let method = reqwest::Method::from_bytes(method.to_uppercase().as_bytes()).unwrap();
            let response = app.send(method, &url, &token, &example).await;
            let status = response.status();
            let body = response.text().await.unwrap();
            assert!(
                status.is_success(),
                "{what} with its example {example}: {status} {body}"
            );
            // What it created is read where its link says, by the answer's id.
            let links = operation["responses"]["201"]["links"].as_object();
            if let Some(read) = links.and_then(|links| links.get("read")) {
                let id = serde_json::from_str::<Value>(&body).unwrap()["id"].clone();
                let (target, _) = operation_named(&document, &read["operationId"]);
                assert_eq!(read["parameters"]["id"], "$response.body#/id", "{what}");
                let url = target.replace("{id}", id.as_str().expect(&what));
                let response = app.get(&url).await;
                assert_eq!(response.status(), 200, "{what}: its read link, {url}");
            }
        }
    }
}

/// The path and method of the operation `id` names; a link to an operation
/// the document lacks fails the test.
fn operation_named<'d>(document: &'d Value, id: &Value) -> (&'d str, &'d str) {
    let paths = document["paths"].as_object().unwrap();
    paths
        .iter()
        .flat_map(|(path, item)| {
            let methods = item.as_object().unwrap().iter();
            methods.map(move |(method, operation)| (path, method, operation))
        })
        .find(|(_, _, operation)| &operation["operationId"] == id)
        .map(|(path, method, _)| (path.as_str(), method.as_str()))
        .unwrap_or_else(|| panic!("no operation {id}"))
}

#[test]
fn every_creation_links_to_what_may_be_done_with_it() {
    let document: Value = serde_json::from_str(COMMITTED).unwrap();
    let paths = document["paths"].as_object().unwrap();
    let mut linked = 0;
    for (path, item) in paths {
        let Some(record) = paths.get(&format!("{path}/{{id}}")) else {
            continue;
        };
        let Some(post) = item.get("post") else {
            continue;
        };
        let links = &post["responses"]["201"]["links"];
        for (name, method) in [("read", "get"), ("change", "patch"), ("delete", "delete")] {
            if record.get(method).is_none() {
                assert!(links.get(name).is_none(), "POST {path}: {name}");
                continue;
            }
            let link = &links[name];
            let target = operation_named(&document, &link["operationId"]);
            assert_eq!(
                target,
                (format!("{path}/{{id}}").as_str(), method),
                "POST {path}: {name}"
            );
            assert_eq!(link["parameters"]["id"], "$response.body#/id");
            linked += 1;
        }
    }
    assert_eq!(linked, 22, "agencies, assignments, transfers, holdings, contact points, participations and lineage links (3 each), sources (1)");
}

#[test]
fn the_route_table_and_the_document_name_the_same_operations() {
    let document: Value = serde_json::from_str(COMMITTED).unwrap();
    let mut documented: Vec<String> = document["paths"]
        .as_object()
        .unwrap()
        .iter()
        .flat_map(|(path, item)| {
            item.as_object()
                .unwrap()
                .keys()
                .map(move |method| format!("{} {path}", method.to_uppercase()))
        })
        .collect();
    let mut routed: Vec<String> = registry::routes::operations()
        .into_iter()
        .map(|(path, method)| format!("{method} {path}"))
        .collect();
    documented.sort();
    routed.sort();
    assert_eq!(routed, documented);
    assert!(routed.contains(&"GET /v1/assignments/{id}/holder".to_owned()));
}

#[tokio::test]
async fn the_id_of_a_part_is_read_as_the_document_says() {
    let app = TestApp::spawn().await;
    let token = app.writer().await;
    let document: Value = serde_json::from_str(COMMITTED).unwrap();
    let mut parts = 0;
    for (path, item) in document["paths"].as_object().unwrap() {
        for (method, operation) in item.as_object().unwrap() {
            let parameters: Vec<&Value> = operation["parameters"]
                .as_array()
                .into_iter()
                .flatten()
                .collect();
            let in_path =
                |name: &str| (parameters.iter()).find(|p| p["in"] == "path" && p["name"] == name);
            let Some(part) = (parameters.iter()).find(|p| {
                p["in"] == "path" && p["name"] != "id" && p["schema"]["format"] == "uuid"
            }) else {
                continue;
            };
            parts += 1;
            let name = part["name"].as_str().unwrap();
            let owner = in_path("id").unwrap()["example"].as_str().unwrap();
            let at = |id: &str| {
                path.replace("{id}", owner)
                    .replace(&format!("{{{name}}}"), id)
            };
            let method = reqwest::Method::from_bytes(method.to_uppercase().as_bytes()).unwrap();
            let what = format!("{method} {path}");
            // Where the document says the id is found, the refusal says too.
            let given = (part["description"].as_str().unwrap())
                .split_once(", as ")
                .unwrap()
                .1
                .trim_end_matches('.');
            let response = app
                .send(method.clone(), &at("not-a-uuid"), &token, &json!({}))
                .await;
            let problem = assert_problem(response, StatusCode::BAD_REQUEST, &what).await;
            assert_eq!(problem["invalid_params"][0]["name"], name, "{what}");
            let reason = problem["invalid_params"][0]["reason"].as_str().unwrap();
            assert!(reason.contains(given), "{what}: {reason} / {given}");
            // An id the owner has no part of is the 404 the document gives.
            let unknown = uuid::Uuid::new_v4().to_string();
            let response = app.send(method, &at(&unknown), &token, &json!({})).await;
            let problem = assert_problem(response, StatusCode::NOT_FOUND, &what).await;
            let detail = problem["detail"].as_str().unwrap();
            assert!(detail.contains(&unknown), "{what}: {detail}");
            let documented = operation["responses"]["404"]["description"]
                .as_str()
                .unwrap();
            assert!(
                documented.ends_with(&format!("`{{{name}}}`")),
                "{what}: {documented}"
            );
        }
    }
    assert_eq!(
        parts, 11,
        "the names, ministries, versions, participants and identifiers"
    );
}
