//! iCalendar (RFC 5545) of an agency's reporting deadlines, for a calendar
//! to subscribe to: an all-day event for each report due, on its day (a
//! deadline known only to the month or the year spans it), named for the
//! report and the assignment, with whether the agency leads it and the
//! source (its page's address too, since not every calendar shows `URL`)
//! in its description and the source's page as its `URL`. An
//! event's `UID` is made of the assignment, the report and the day, so
//! that a calendar that refreshes keeps one event for each; the calendar
//! asks to be refreshed daily (RFC 7986 `REFRESH-INTERVAL`, and
//! `X-PUBLISHED-TTL` for the calendars that read only that).

use chrono::{DateTime, NaiveDate, Utc};

use super::content_lines::{text, ContentLines};
use super::TextFile;
use crate::domain::{AssignmentRole, Precision, ReportKind};
use crate::views::agencies::{AgencyDeadlines, Deadline};

/// The calendar of an agency's deadlines, named by its slug.
pub fn deadline_calendar(deadlines: &AgencyDeadlines) -> TextFile {
    TextFile {
        name: format!("{}-redovisningar", deadlines.agency.slug),
        text: calendar(deadlines, Utc::now()),
    }
}

/// The calendar as written at `stamp` (each event's `DTSTAMP`).
fn calendar(deadlines: &AgencyDeadlines, stamp: DateTime<Utc>) -> String {
    let agency = &deadlines.agency.name.sv;
    let mut lines = ContentLines::default();
    lines.line("BEGIN:VCALENDAR");
    lines.line("VERSION:2.0");
    lines.line("PRODID:-//Registry of public responsibilities//Deadlines//SV");
    lines.line("CALSCALE:GREGORIAN");
    lines.line("METHOD:PUBLISH");
    let name = text(&format!("Redovisningar: {agency}"));
    lines.line(&format!("NAME:{name}"));
    lines.line(&format!("X-WR-CALNAME:{name}"));
    lines.line("REFRESH-INTERVAL;VALUE=DURATION:P1D");
    lines.line("X-PUBLISHED-TTL:P1D");
    let stamp = stamp.format("%Y%m%dT%H%M%SZ").to_string();
    for deadline in &deadlines.items {
        event(&mut lines, agency, deadline, &stamp);
    }
    lines.line("END:VCALENDAR");
    lines.into_text()
}

fn event(lines: &mut ContentLines, agency: &str, deadline: &Deadline, stamp: &str) {
    let due = &deadline.due_on;
    let report = match deadline.report {
        ReportKind::Interim => "Delredovisning",
        ReportKind::Final => "Slutredovisning",
    };
    let title = &deadline.assignment.title.sv;
    let role = match deadline.role {
        AssignmentRole::Lead => format!("{agency} har uppdraget."),
        _ => format!("{agency} fick uppdraget tillsammans med den som leder det."),
    };
    let when = match due.precision() {
        Precision::Day => String::new(),
        Precision::Month => format!(" Källan anger bara månaden: {due}."),
        Precision::Year => format!(" Källan anger bara året: {due}."),
    };
    let source = &deadline.source;
    lines.line("BEGIN:VEVENT");
    lines.line(&format!(
        "UID:deadline-{}-{}-{due}",
        deadline.assignment.id,
        deadline.report.as_str()
    ));
    lines.line(&format!("DTSTAMP:{stamp}"));
    lines.line(&format!("DTSTART;VALUE=DATE:{}", day(due.first_day())));
    lines.line(&format!("DTEND;VALUE=DATE:{}", day(due.day_after())));
    lines.line(&format!("SUMMARY:{}", text(&format!("{report}: {title}"))));
    let cited = source.publisher.as_deref().unwrap_or(&source.title);
    let description = match &source.url {
        Some(url) => format!("{role}{when}\nKälla: {cited}, {url}"),
        None => format!("{role}{when}\nKälla: {cited}."),
    };
    lines.line(&format!("DESCRIPTION:{}", text(&description)));
    if let Some(url) = &source.url {
        lines.line(&format!("URL:{url}"));
    }
    lines.line("TRANSP:TRANSPARENT");
    lines.line("END:VEVENT");
}

/// A day as an iCalendar `DATE`.
fn day(date: NaiveDate) -> String {
    date.format("%Y%m%d").to_string()
}

#[cfg(test)]
mod tests;
