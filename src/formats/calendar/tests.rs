use chrono::TimeZone;
use uuid::Uuid;

use super::*;
use crate::domain::PartialDate;
use crate::views::shared::{AgencyRef, AssignmentRef, LocalizedText, Source};

fn deadline(due_on: &str, report: ReportKind, role: AssignmentRole, title: &str) -> Deadline {
    Deadline {
        due_on: PartialDate::parse(due_on).unwrap(),
        report,
        assignment: AssignmentRef {
            id: Uuid::from_u128(7),
            slug: "uppdrag".to_owned(),
            title: LocalizedText {
                sv: title.to_owned(),
                en: None,
            },
        },
        role,
        source: Source {
            id: Uuid::from_u128(9),
            slug: "regeringsuppdrag".to_owned(),
            title: "Regeringsuppdrag, regeringen.se".to_owned(),
            publisher: None,
            published_on: NaiveDate::from_ymd_opt(2026, 1, 29).unwrap(),
            url: Some("https://www.regeringen.se/regeringsuppdrag/2019/01/a/".to_owned()),
            language: "sv".to_owned(),
            note: None,
        },
    }
}

fn written(items: Vec<Deadline>) -> String {
    let deadlines = AgencyDeadlines {
        agency: AgencyRef {
            id: Uuid::from_u128(1),
            slug: "socialstyrelsen".to_owned(),
            name: LocalizedText {
                sv: "Socialstyrelsen".to_owned(),
                en: None,
            },
        },
        items,
    };
    let stamp = Utc.with_ymd_and_hms(2026, 12, 7, 8, 30, 0).unwrap();
    calendar(&deadlines, stamp)
}

/// The content lines, unfolded.
fn unfolded(calendar: &str) -> Vec<String> {
    assert!(calendar.ends_with("\r\n"), "ends with CRLF");
    let mut lines: Vec<String> = Vec::new();
    for line in calendar.trim_end_matches("\r\n").split("\r\n") {
        match line.strip_prefix(' ') {
            Some(rest) => lines.last_mut().expect("a line before").push_str(rest),
            None => lines.push(line.to_owned()),
        }
    }
    lines
}

#[test]
fn each_deadline_is_an_all_day_event_named_for_its_report_and_assignment() {
    let calendar = written(vec![
        deadline(
            "2019-03-31",
            ReportKind::Interim,
            AssignmentRole::Lead,
            "Uppdrag om barnahus, del 1",
        ),
        deadline(
            "2019-12",
            ReportKind::Final,
            AssignmentRole::CoRecipient,
            "Uppdrag om barnahus, del 1",
        ),
    ]);
    let lines = unfolded(&calendar);
    let at = |property: &str| -> Vec<&str> {
        lines
            .iter()
            .filter_map(|line| line.strip_prefix(property))
            .collect()
    };
    assert_eq!(lines.first().unwrap(), "BEGIN:VCALENDAR");
    assert_eq!(lines.last().unwrap(), "END:VCALENDAR");
    assert_eq!(at("VERSION:"), ["2.0"]);
    assert_eq!(at("NAME:"), ["Redovisningar: Socialstyrelsen"]);
    assert_eq!(at("BEGIN:VEVENT").len(), 2);
    assert_eq!(at("DTSTART;VALUE=DATE:"), ["20190331", "20191201"]);
    // A day is one day; a month known only as such spans it.
    assert_eq!(at("DTEND;VALUE=DATE:"), ["20190401", "20200101"]);
    assert_eq!(
        at("SUMMARY:"),
        [
            "Delredovisning: Uppdrag om barnahus\\, del 1",
            "Slutredovisning: Uppdrag om barnahus\\, del 1"
        ]
    );
    assert_eq!(
        at("UID:"),
        [
            "deadline-00000000-0000-0000-0000-000000000007-interim-2019-03-31",
            "deadline-00000000-0000-0000-0000-000000000007-final-2019-12"
        ]
    );
    assert_eq!(at("DTSTAMP:"), ["20261207T083000Z", "20261207T083000Z"]);
    let descriptions = at("DESCRIPTION:");
    assert_eq!(
        descriptions,
        [
            "Socialstyrelsen har uppdraget.\\nKälla: Regeringsuppdrag\\, regeringen.se\\, https://www.regeringen.se/regeringsuppdrag/2019/01/a/",
            "Socialstyrelsen fick uppdraget tillsammans med den som leder det. Källan anger bara månaden: 2019-12.\\nKälla: Regeringsuppdrag\\, regeringen.se\\, https://www.regeringen.se/regeringsuppdrag/2019/01/a/"
        ]
    );
    assert_eq!(
        at("URL:")[0],
        "https://www.regeringen.se/regeringsuppdrag/2019/01/a/"
    );
}

#[test]
fn an_agency_with_no_deadlines_is_an_empty_calendar() {
    let lines = unfolded(&written(Vec::new()));
    assert!(lines.iter().all(|line| !line.starts_with("BEGIN:VEVENT")));
    assert_eq!(lines.last().unwrap(), "END:VCALENDAR");
}

#[test]
fn long_titles_are_folded_within_75_octets() {
    let title = "Uppdrag till Försäkringskassan och Skatteverket att utreda förutsättningarna för en AI-verkstad för den offentliga förvaltningen";
    let calendar = written(vec![deadline(
        "2026-01-12",
        ReportKind::Final,
        AssignmentRole::Lead,
        title,
    )]);
    for line in calendar.split("\r\n") {
        assert!(line.len() <= 75, "{} octets: {line}", line.len());
    }
    assert!(unfolded(&calendar).contains(&format!("SUMMARY:Slutredovisning: {title}")));
}
