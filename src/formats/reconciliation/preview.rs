//! The preview service of the reconciliation service: an agency or an
//! assignment as a small HTML card, which OpenRefine shows in a frame when
//! the mouse is over a candidate, so that a person can tell namesakes
//! apart without leaving the spreadsheet. The card shows what an extension
//! would add today (see [`super::extension`]): an agency's organisation
//! number, ministry and how to reach it; an assignment's case numbers,
//! holder, due date and how to reach whoever is responsible. Names link to
//! the lookup page. Every text is escaped; the card runs no script.

use serde_json::Value;

use super::extension::properties::{property, values};
use super::extension::Found;
use super::{entity_type, lifetime, AGENCY, ASSIGNMENT};
use crate::formats::escaped;

/// The size of the frame a client shows a card in, in pixels.
pub const WIDTH: u32 = 400;
pub const HEIGHT: u32 = 180;

/// What a card shows of an agency, in order, where it has it.
const OF_AN_AGENCY: [&str; 6] = [
    "name_en",
    "organisation_number",
    "ministry",
    "website",
    "phone",
    "email",
];

/// What a card shows of an assignment, in order, where it has it.
const OF_AN_ASSIGNMENT: [&str; 6] = [
    "case_numbers",
    "holder",
    "co_recipients",
    "due_on",
    "phone",
    "hotline",
];

/// The style of a card: small, and no wider than its frame.
const STYLE: &str = "body{margin:0;padding:6px 8px;font:13px/1.35 system-ui,sans-serif;\
color:#1b1b1b;background:#fff}\
h1{font-size:15px;margin:0 0 2px;display:-webkit-box;-webkit-line-clamp:2;\
-webkit-box-orient:vertical;overflow:hidden}\
a{color:#0b5394}p{margin:0 0 4px;color:#555}\
dl{display:grid;grid-template-columns:max-content 1fr;gap:1px 8px;margin:0}\
dt{color:#555}dd{margin:0;overflow:hidden;text-overflow:ellipsis;white-space:nowrap}";

/// The card of an agency or an assignment found (as today, with how to
/// reach it or whoever is responsible for it): a whole HTML document.
pub fn card(found: &Found) -> String {
    let (id, name, about, shown) = match found {
        Found::Agency(agency, _) => {
            let about = [
                Some(entity_type(AGENCY).name),
                lifetime(agency.started_on.as_ref(), agency.ended_on.as_ref()),
                None,
            ];
            (agency.id, &agency.name.sv, about, &OF_AN_AGENCY)
        }
        Found::Assignment(found) => {
            let assignment = &found.assignment;
            let about = [
                Some(entity_type(ASSIGNMENT).name),
                assignment
                    .started_on
                    .as_ref()
                    .map(|day| format!("given {day}")),
                // Where it stands today, in words (`due unknown`).
                Some(assignment.status.as_str().replace('_', " ")),
            ];
            (
                assignment.id,
                &assignment.version.title.sv,
                about,
                &OF_AN_ASSIGNMENT,
            )
        }
    };
    let about: Vec<String> = about.into_iter().flatten().collect();
    let rows: String = shown
        .iter()
        .filter_map(|id| {
            let values = values(found, id);
            let known = property(id).expect("a property the card shows");
            (!values.is_empty()).then(|| {
                let values: Vec<String> = values.iter().map(value).collect();
                format!(
                    "<dt>{}</dt><dd>{}</dd>",
                    escaped(known.name),
                    values.join(", ")
                )
            })
        })
        .collect();
    format!(
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\
         <title>{title}</title><style>{STYLE}</style></head>\n\
         <body><h1 lang=\"sv\">{heading}</h1><p>{about}</p><dl>{rows}</dl></body></html>\n",
        title = escaped(name),
        heading = link(&id.to_string(), name),
        about = escaped(&about.join(" · ")),
    )
}

/// A value of a property: an agency (a link to its card on the lookup
/// page), or a text.
fn value(value: &Value) -> String {
    match (value.get("id").and_then(Value::as_str), value.get("name")) {
        (Some(id), Some(Value::String(name))) => link(id, name),
        _ => escaped(value.get("str").and_then(Value::as_str).unwrap_or("")),
    }
}

/// A link to the lookup page of the agency or assignment `id`, in a new
/// window (the card is in a frame).
fn link(id: &str, text: &str) -> String {
    format!(
        "<a href=\"/?id={}\" target=\"_blank\" rel=\"noopener\">{}</a>",
        escaped(id),
        escaped(text)
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn text_is_escaped_in_content_and_attributes() {
        assert_eq!(
            escaped(r#"<script>"Tom & Jerry's"</script>"#),
            "&lt;script&gt;&quot;Tom &amp; Jerry&#39;s&quot;&lt;/script&gt;"
        );
        assert_eq!(
            value(&json!({"str": "<b>"})),
            "&lt;b&gt;",
            "a text value is escaped"
        );
        assert_eq!(
            value(&json!({"id": "x\" onclick=\"alert(1)", "name": "<i>A</i>"})),
            "<a href=\"/?id=x&quot; onclick=&quot;alert(1)\" target=\"_blank\" \
             rel=\"noopener\">&lt;i&gt;A&lt;/i&gt;</a>",
        );
    }
}
