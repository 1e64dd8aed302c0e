//! `/v1/agencies/{id}/deadlines`: the reports due from an agency, on the
//! national data, as JSON and as an iCalendar to subscribe to.

use reqwest::StatusCode;
use serde_json::Value;

use crate::helpers::{assert_problem, header, TestApp};

/// Moved from Länsstyrelsen i Stockholms län on 2025-03-01 to the agency
/// named Statskontoret since 2026-01-01 (slug `statskontoret`; until then
/// Ekonomistyrningsverket, into which the old Statskontoret merged), with
/// five interim reports and a final one due after that.
const MOVED: &str = "uppdrag-att-delta-i-genomforandet-av-sveriges-aterhamtningsplan-2023-02";
/// Moved from the old Statskontoret (`statskontoret-1986`) to Statens
/// skolverk on 2023-04-01; an
/// amendment moved its final report from 2026-02-28 to 2025-10-01.
const AMENDED: &str =
    "uppdrag-att-utvardera-insatser-och-atgarder-for-okad-kvalitet-och-likvardighet";

/// Vetenskapsrådet's: an amendment of 2013-06 put off its final report
/// from 2013-06-15 to 2013-09-03.
const PUT_OFF: &str = "u20126789f";

/// An agency's deadlines of the assignment `slug`: due date, report, role.
fn of(deadlines: &Value, slug: &str) -> Vec<(String, String, String)> {
    deadlines["items"]
        .as_array()
        .expect("items")
        .iter()
        .filter(|item| item["assignment"]["slug"] == slug)
        .map(|item| {
            let text = |name: &str| item[name].as_str().expect(name).to_owned();
            (text("due_on"), text("report"), text("role"))
        })
        .collect()
}

/// The day a due date counts from: a month or a year from its first day.
fn first_day(due_on: &str) -> String {
    match due_on.len() {
        4 => format!("{due_on}-01-01"),
        7 => format!("{due_on}-01"),
        _ => due_on.to_owned(),
    }
}

fn deadline(due_on: &str, report: &str, role: &str) -> (String, String, String) {
    (due_on.to_owned(), report.to_owned(), role.to_owned())
}

#[tokio::test]
async fn a_report_is_due_from_whoever_holds_the_assignment_on_the_day() {
    let app = TestApp::spawn_national().await;

    let statskontoret = app.get_json("/v1/agencies/statskontoret/deadlines").await;
    assert_eq!(statskontoret["agency"]["slug"], "statskontoret");
    let lead = |day| deadline(day, "interim", "lead");
    assert_eq!(
        of(&statskontoret, MOVED),
        [
            lead("2025-03-28"),
            lead("2025-07-31"),
            lead("2025-09-15"),
            lead("2026-01-30"),
            lead("2026-02-27"),
            deadline("2026-07-31", "final", "lead"),
        ]
    );
    let board = app
        .get_json("/v1/agencies/lansstyrelsen-stockholm/deadlines")
        .await;
    assert_eq!(of(&board, MOVED), [], "they were due after it handed it on");

    // An amendment replaced the first deadline before it came: only the
    // new one is due.
    let history = app.assignment_history(PUT_OFF).await;
    let dues: Vec<&Value> = history["versions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|version| &version["due_on"])
        .collect();
    assert_eq!(dues, ["2013-06-15", "2013-09-03"]);
    let council = app.get_json("/v1/agencies/vetenskapsradet/deadlines").await;
    assert_eq!(
        of(&council, PUT_OFF),
        [deadline("2013-09-03", "final", "lead")]
    );
    let amendment = council["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|item| item["assignment"]["slug"] == PUT_OFF)
        .unwrap();
    assert_eq!(
        amendment["source"]["url"],
        "https://www.regeringen.se/regeringsuppdrag/2013/06/u20133505f/",
        "the deadline's source is the amendment"
    );
    // Moved and amended: due from the agency that held it then.
    let skolverket = app
        .get_json("/v1/agencies/statens-skolverk/deadlines")
        .await;
    assert_eq!(
        of(&skolverket, AMENDED),
        [
            deadline("2025-02-28", "interim", "lead"),
            deadline("2025-10-01", "final", "lead")
        ]
    );
    let former = app
        .get_json("/v1/agencies/statskontoret-1986/deadlines")
        .await;
    assert_eq!(of(&former, AMENDED), []);

    // Each deadline is one the holder answer agrees with: on the day it is
    // due, the agency leads the assignment or was given it with the lead.
    let items = skolverket["items"].as_array().unwrap();
    assert!(items.len() > 50, "{}", items.len());
    let mut roles = Vec::new();
    for item in items.iter().step_by(5) {
        let slug = item["assignment"]["slug"].as_str().unwrap();
        let first = first_day(item["due_on"].as_str().unwrap());
        let holder = app
            .get_json(&format!("/v1/assignments/{slug}/holder?at={first}"))
            .await;
        let leads = holder["agency"]["slug"] == "statens-skolverk";
        let shares = holder["co_recipients"]
            .as_array()
            .unwrap()
            .iter()
            .any(|recipient| recipient["agency"]["slug"] == "statens-skolverk");
        let role = item["role"].as_str().unwrap();
        assert!(
            (role == "lead" && leads) || (role == "co_recipient" && shares),
            "{slug} on {first}: {role}, but {holder}"
        );
        roles.push(role.to_owned());
        assert!(item["source"]["url"].as_str().is_some(), "{item}");
    }
    assert!(roles.iter().any(|role| role == "co_recipient"), "{roles:?}");

    // Oldest first; `[from, to)` keeps those due within it.
    let days: Vec<String> = items
        .iter()
        .map(|item| first_day(item["due_on"].as_str().unwrap()))
        .collect();
    assert!(days.windows(2).all(|pair| pair[0] <= pair[1]), "{days:?}");
    let in_2025 = app
        .get_json("/v1/agencies/statens-skolverk/deadlines?from=2025-01-01&to=2026-01-01")
        .await;
    let kept: Vec<&String> = days
        .iter()
        .filter(|day| day.as_str() >= "2025-01-01" && day.as_str() < "2026-01-01")
        .collect();
    let answered: Vec<String> = in_2025["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|item| first_day(item["due_on"].as_str().unwrap()))
        .collect();
    assert!(!kept.is_empty());
    assert_eq!(answered.iter().collect::<Vec<_>>(), kept);
}

#[tokio::test]
async fn the_deadlines_come_as_an_icalendar_to_subscribe_to() {
    let app = TestApp::spawn_national().await;
    let path = "/v1/agencies/statskontoret/deadlines";
    let json = app.get_json(path).await;
    let items = json["items"].as_array().unwrap();

    for response in [
        app.get_with(path, "accept", "text/calendar").await,
        app.get(&format!("{path}?format=ics")).await,
    ] {
        assert_eq!(response.status(), StatusCode::OK);
        assert_eq!(
            header(&response, "content-type"),
            "text/calendar; charset=utf-8"
        );
        assert_eq!(
            header(&response, "content-disposition"),
            "inline; filename=\"statskontoret-redovisningar.ics\""
        );
        let calendar = response.text().await.unwrap();
        let unfolded = calendar.replace("\r\n ", "");
        let lines: Vec<&str> = unfolded.split("\r\n").collect();
        assert_eq!(lines[0], "BEGIN:VCALENDAR");
        assert!(lines.contains(&"NAME:Redovisningar: Statskontoret"));
        let starts: Vec<&str> = lines
            .iter()
            .filter_map(|line| line.strip_prefix("DTSTART;VALUE=DATE:"))
            .collect();
        assert_eq!(starts.len(), items.len(), "an event for each deadline");
        let moved = items
            .iter()
            .position(|item| item["assignment"]["slug"] == MOVED && item["report"] == "final")
            .expect("the final report of the moved assignment");
        assert_eq!(starts[moved], "20260731");
        let summaries: Vec<&str> = lines
            .iter()
            .filter_map(|line| line.strip_prefix("SUMMARY:"))
            .collect();
        assert!(
            summaries[moved].starts_with("Slutredovisning: "),
            "{}",
            summaries[moved]
        );
    }
}

#[tokio::test]
async fn bad_dates_are_refused_and_an_unknown_agency_is_not_found() {
    let app = TestApp::spawn_national().await;
    for (query, name) in [
        ("from=2025-13-01", "from"),
        ("to=soon", "to"),
        ("from=2025-01-01&from=2026-01-01", "from"),
    ] {
        let response = app
            .get(&format!("/v1/agencies/statskontoret/deadlines?{query}"))
            .await;
        let problem = assert_problem(response, StatusCode::BAD_REQUEST, query).await;
        assert_eq!(problem["invalid_params"][0]["name"], name, "{problem}");
    }
    let empty = app
        .get_json("/v1/agencies/statskontoret/deadlines?from=2026-01-01&to=2026-01-01")
        .await;
    assert_eq!(empty["items"], serde_json::json!([]));

    let missing = app.get("/v1/agencies/statskontore/deadlines").await;
    let problem = assert_problem(missing, StatusCode::NOT_FOUND, "a misspelt slug").await;
    assert_eq!(
        problem["suggestions"][0]["slug"], "statskontoret",
        "{problem}"
    );

    let vcard = app
        .get_with(
            "/v1/agencies/statskontoret/deadlines",
            "accept",
            "text/vcard",
        )
        .await;
    assert_problem(vcard, StatusCode::NOT_ACCEPTABLE, "a vCard of deadlines").await;
}
