//! The change feed as an Atom feed (RFC 4287), for feed readers: the latest
//! changes, newest first, each an entry whose id is the address of that one
//! change in the JSON feed, linked to the record it changed.

use super::escaped;
use crate::views::changes::Change;

/// What a feed says of itself besides its entries.
pub struct Feed<'a> {
    /// The address the API is reached at (`http://host:port`).
    pub base: &'a str,
    /// The feed's own address, from `base`: its id and `self` link.
    pub path: &'a str,
    /// What it follows: "every change", "changes concerning …".
    pub title: &'a str,
}

/// The Atom document of `changes`, newest first.
pub fn feed(feed: &Feed, changes: &[Change]) -> String {
    let Feed { base, path, title } = feed;
    let updated = changes.iter().map(|change| change.recorded_at).max();
    let mut xml = String::from("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
    xml.push_str("<feed xmlns=\"http://www.w3.org/2005/Atom\">\n");
    xml.push_str(&format!(
        "  <id>{}</id>\n",
        escaped(&format!("{base}{path}"))
    ));
    xml.push_str(&format!(
        "  <title>Registry of public responsibilities: {}</title>\n",
        escaped(title)
    ));
    // An empty feed has no moment of its own: the epoch, so that the same
    // feed is the same document.
    xml.push_str(&format!(
        "  <updated>{}</updated>\n",
        updated.map_or("1970-01-01T00:00:00Z".to_owned(), rfc3339)
    ));
    xml.push_str("  <author><name>Registry of public responsibilities</name></author>\n");
    xml.push_str(&format!(
        "  <link rel=\"self\" type=\"application/atom+xml\" href=\"{}\"/>\n",
        escaped(&format!("{base}{path}"))
    ));
    for change in changes.iter().rev() {
        entry(&mut xml, base, change);
    }
    xml.push_str("</feed>\n");
    xml
}

fn entry(xml: &mut String, base: &str, change: &Change) {
    let cursor: i64 = change.cursor.parse().expect("a cursor is a number");
    let itself = format!("{base}/v1/changes?after={}&limit=1", cursor - 1);
    xml.push_str("  <entry>\n");
    xml.push_str(&format!("    <id>{}</id>\n", escaped(&itself)));
    xml.push_str(&format!(
        "    <title>{}</title>\n",
        escaped(&format!("{}: {}", event_text(&change.event), label(change)))
    ));
    xml.push_str(&format!(
        "    <updated>{}</updated>\n",
        rfc3339(change.recorded_at)
    ));
    xml.push_str(&format!(
        "    <link rel=\"alternate\" type=\"application/json\" href=\"{}\"/>\n",
        escaped(&itself)
    ));
    if let Some(record) = record_path(change) {
        xml.push_str(&format!(
            "    <link rel=\"related\" type=\"application/json\" href=\"{}\"/>\n",
            escaped(&format!("{base}{record}"))
        ));
    }
    let json = serde_json::to_string_pretty(change).expect("a change serialises");
    xml.push_str(&format!(
        "    <content type=\"text\">{}</content>\n",
        escaped(&json)
    ));
    xml.push_str("  </entry>\n");
}

fn rfc3339(moment: chrono::DateTime<chrono::Utc>) -> String {
    moment.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

/// `holding_started` as "Holding started".
fn event_text(event: &str) -> String {
    let words = event.replace('_', " ");
    let mut letters = words.chars();
    letters.next().map_or(String::new(), |first| {
        first.to_uppercase().chain(letters).collect()
    })
}

/// What names the record in prose: its slug where it has one, else its id.
fn label(change: &Change) -> String {
    let record = change.after.as_ref().or(change.before.as_ref());
    record
        .and_then(|record| record["slug"].as_str())
        .map_or_else(
            || format!("{} {}", change.entity, change.entity_id),
            str::to_owned,
        )
}

/// Where the record the change wrote is read, while it exists: its own
/// path, or its owner's for a part of an agency or an assignment.
fn record_path(change: &Change) -> Option<String> {
    let record = change.after.as_ref()?;
    let own = |collection: &str| Some(format!("/v1/{collection}/{}", change.entity_id));
    let owner = |collection: &str, field: &str| {
        record[field]
            .as_str()
            .map(|id| format!("/v1/{collection}/{id}"))
    };
    match change.entity.as_str() {
        "agencies" | "assignments" | "transfers" | "holdings" | "participations" | "sources" => {
            own(&change.entity)
        }
        "contact_points" => own("contact-points"),
        "agency_lineage" => own("lineage-links"),
        "agency_names" | "agency_identifiers" | "agency_aliases" | "agency_ministries" => {
            owner("agencies", "agency_id")
        }
        "assignment_versions"
        | "assignment_identifiers"
        | "assignment_reports"
        | "assignment_participations"
        | "transfer_items" => owner("assignments", "assignment_id"),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn events_read_as_prose() {
        assert_eq!(event_text("holding_started"), "Holding started");
        assert_eq!(event_text(""), "");
    }
}
