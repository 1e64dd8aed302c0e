//! The values of the linked data: language maps, dates typed by what is
//! known of them, OWL-Time instants and intervals, legal resources.

use serde_json::{json, Map, Value};

use crate::domain::partial_date::Precision;
use crate::domain::PartialDate;
use crate::views::shared::LocalizedText;

pub(crate) fn object(value: Value) -> Map<String, Value> {
    match value {
        Value::Object(map) => map,
        _ => unreachable!("json! of an object"),
    }
}

/// A legal basis as the registry holds it, a citation: an ELI legal
/// resource known by that citation.
pub(super) fn legal_resource(citation: &str) -> Value {
    json!({ "@type": "LegalResource", "citation": citation })
}

/// Values that may repeat (the sources of a record's facts) each once, in
/// order: one as itself, several as a list.
pub(crate) fn one_or_list(values: impl IntoIterator<Item = Value>) -> Value {
    let mut distinct: Vec<Value> = Vec::new();
    for value in values {
        if !distinct.contains(&value) {
            distinct.push(value);
        }
    }
    match distinct.len() {
        1 => distinct.remove(0),
        _ => Value::Array(distinct),
    }
}

/// A text in Swedish and, where there is one, English, as a language map.
pub(crate) fn languages(text: &LocalizedText) -> Value {
    let mut map = Map::new();
    map.insert("sv".into(), text.sv.clone().into());
    if let Some(en) = &text.en {
        map.insert("en".into(), en.clone().into());
    }
    Value::Object(map)
}

/// A date known in part, typed by what is known of it.
pub(crate) fn typed(date: PartialDate) -> Value {
    let datatype = match date.precision() {
        Precision::Year => "xsd:gYear",
        Precision::Month => "xsd:gYearMonth",
        Precision::Day => "xsd:date",
    };
    json!({"@value": date.to_string(), "@type": datatype})
}

/// An OWL-Time instant of a date known in part.
fn instant(date: PartialDate) -> Value {
    let property = match date.precision() {
        Precision::Year => "inXSDgYear",
        Precision::Month => "inXSDgYearMonth",
        Precision::Day => "inXSDDate",
    };
    json!({"@type": "Instant", property: date.to_string()})
}

/// A half-open period as an OWL-Time interval: its beginning, and its end
/// (the first day no longer in it) while it has one.
pub(crate) fn interval(from: Option<PartialDate>, to: Option<PartialDate>) -> Value {
    let mut node = Map::new();
    node.insert("@type".into(), "Interval".into());
    if let Some(from) = from {
        node.insert("hasBeginning".into(), instant(from));
    }
    if let Some(to) = to {
        node.insert("hasEnd".into(), instant(to));
    }
    Value::Object(node)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_date_known_in_part_keeps_its_precision_as_its_datatype() {
        let date = |text| PartialDate::parse(text).unwrap();
        assert_eq!(typed(date("2009"))["@type"], "xsd:gYear");
        assert_eq!(typed(date("2022-07"))["@type"], "xsd:gYearMonth");
        assert_eq!(typed(date("2018-01-01"))["@value"], "2018-01-01");
        let period = interval(Some(date("2009")), Some(date("2018-01-01")));
        assert_eq!(period["hasBeginning"]["inXSDgYear"], "2009");
        assert_eq!(period["hasEnd"]["inXSDDate"], "2018-01-01");
        assert!(interval(None, None).get("hasBeginning").is_none());
    }
}
