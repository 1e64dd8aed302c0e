//! `/v1/agencies/{id}/deadlines`: the reports due from an agency, as JSON
//! and as an iCalendar to subscribe to; on the founding case, with due
//! dates recorded through the API, and on the national data.

use reqwest::StatusCode;
use serde_json::{json, Value};

use crate::helpers::{
    assert_problem, header, TestApp, GENDER_EQUALITY_AGENCY, NATIONAL, SOURCE, STOCKHOLM_BOARD,
};

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

/// The day a due date counts from (a month or a year from its first day),
/// as the registry's own partial dates read it.
fn first_day(due_on: &str) -> String {
    let due = registry::domain::PartialDate::parse(due_on).expect("a partial date");
    due.first_day().to_string()
}

fn deadline(due_on: &str, report: &str, role: &str) -> (String, String, String) {
    (due_on.to_owned(), report.to_owned(), role.to_owned())
}

/// The founding case's national assignment moved from the county board to
/// Jämställdhetsmyndigheten on 2018-01-01. Given reports due on both sides
/// of the move, each is due from the agency that held it on its day.
#[tokio::test]
async fn a_report_is_due_from_whoever_holds_the_assignment_on_the_day() {
    let app = TestApp::spawn().await;
    let token = app.writer().await;
    let reports = format!("/v1/assignments/{NATIONAL}/reports");
    for due_on in ["2017-06-30", "2018-06"] {
        app.created(
            &reports,
            &token,
            json!({"due_on": due_on, "source": SOURCE}),
        )
        .await;
    }
    // The final report, as an amendment from the day of the move sets it.
    let title = app.assignment(NATIONAL, "2018-01-01").await["version"]["title"].clone();
    app.created(
        &format!("/v1/assignments/{NATIONAL}/versions"),
        &token,
        json!({"title": title, "valid_from": "2018-01-01", "due_on": "2019-03-31", "source": SOURCE}),
    )
    .await;

    let board = app
        .get_json(&format!("/v1/agencies/{STOCKHOLM_BOARD}/deadlines"))
        .await;
    assert_eq!(
        of(&board, NATIONAL),
        [deadline("2017-06-30", "interim", "lead")]
    );
    let agency = app
        .get_json(&format!("/v1/agencies/{GENDER_EQUALITY_AGENCY}/deadlines"))
        .await;
    assert_eq!(agency["agency"]["slug"], GENDER_EQUALITY_AGENCY);
    assert_eq!(
        of(&agency, NATIONAL),
        [
            deadline("2018-06", "interim", "lead"),
            deadline("2019-03-31", "final", "lead")
        ]
    );
    let item = &agency["items"][0];
    assert_eq!(
        item["assignment"]["title"]["sv"],
        app.assignment(NATIONAL, "2018-06-01").await["version"]["title"]["sv"]
    );
    assert_eq!(item["source"]["slug"], SOURCE);
    // `[from, to)` on the day each counts from.
    let later = app
        .get_json(&format!(
            "/v1/agencies/{GENDER_EQUALITY_AGENCY}/deadlines?from=2018-06-02&to=2019-04-01"
        ))
        .await;
    assert_eq!(
        of(&later, NATIONAL),
        [deadline("2019-03-31", "final", "lead")]
    );
}

#[tokio::test]
async fn on_the_national_data_each_deadline_is_the_holders_on_its_day() {
    let app = TestApp::spawn_national().await;

    // An amendment replaced the first deadline before it came: only the
    // new one is due.
    assert_eq!(app.due_dates(PUT_OFF).await, ["2013-06-15", "2013-09-03"]);
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

    // Each deadline is one the holder answer agrees with: on the day it is
    // due, the agency leads the assignment or was given it with the lead.
    let skolverket = app
        .get_json("/v1/agencies/statens-skolverk/deadlines")
        .await;
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
    let path = "/v1/agencies/vetenskapsradet/deadlines";
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
            "inline; filename=\"vetenskapsradet-redovisningar.ics\""
        );
        let calendar = response.text().await.unwrap();
        let unfolded = calendar.replace("\r\n ", "");
        let lines: Vec<&str> = unfolded.split("\r\n").collect();
        assert_eq!(lines[0], "BEGIN:VCALENDAR");
        assert!(lines.contains(&"NAME:Redovisningar: Vetenskapsrådet"));
        let starts: Vec<&str> = lines
            .iter()
            .filter_map(|line| line.strip_prefix("DTSTART;VALUE=DATE:"))
            .collect();
        // An event for each deadline, on the day it counts from.
        let days: Vec<String> = items
            .iter()
            .map(|item| first_day(item["due_on"].as_str().unwrap()).replace('-', ""))
            .collect();
        assert_eq!(starts, days);
        let put_off = items
            .iter()
            .position(|item| item["assignment"]["slug"] == PUT_OFF)
            .expect("the report that was put off");
        assert_eq!(starts[put_off], "20130903");
        let summaries: Vec<&str> = lines
            .iter()
            .filter_map(|line| line.strip_prefix("SUMMARY:"))
            .collect();
        assert_eq!(
            summaries[put_off],
            "Slutredovisning: Uppdrag i fråga om en modell för kvalitetsutvärdering av klinisk forskning finansierad av vissa medel"
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
