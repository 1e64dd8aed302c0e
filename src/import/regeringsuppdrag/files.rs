//! The file: one JSON object a line (`page`, `year`, `month`, `title`,
//! `text`), oldest first, as `SOURCE.md` describes it.

use serde::Deserialize;

use crate::domain::PartialDate;
use crate::import::myndighetsdata::files::FileError;

/// One published item.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Item {
    /// Its path on regeringen.se: a stable key.
    pub page: String,
    pub year: i32,
    pub month: u32,
    pub title: String,
    /// The page's summary in Markdown; some items have none.
    pub text: Option<String>,
}

impl Item {
    /// The month it was published, as a partial date.
    pub fn published(&self) -> PartialDate {
        PartialDate::parse(&format!("{:04}-{:02}", self.year, self.month))
            .expect("checked when read")
    }

    /// Its page on regeringen.se.
    pub fn url(&self) -> String {
        format!("https://www.regeringen.se{}", self.page)
    }
}

/// Reads every line of `file` (named `name` in errors); a line that is not
/// an item is an error naming its line, and nothing is read.
pub fn parse(name: &str, file: &str) -> Result<Vec<Item>, FileError> {
    let mut items = Vec::new();
    for (at, line) in file.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let error = |message: String| FileError::Entry {
            file: name.to_owned(),
            entry: format!("line {}", at + 1),
            message,
        };
        let item: Item = serde_json::from_str(line).map_err(|e| error(e.to_string()))?;
        if PartialDate::parse(&format!("{:04}-{:02}", item.year, item.month)).is_err() {
            return Err(error(format!(
                "year {} and month {} are not a month of the calendar",
                item.year, item.month
            )));
        }
        if !item.page.starts_with('/') || item.title.trim().is_empty() {
            return Err(error("an item needs a page path and a title".to_owned()));
        }
        items.push(item);
    }
    if items.is_empty() {
        return Err(FileError::File {
            file: name.to_owned(),
            message: "has no items".to_owned(),
        });
    }
    Ok(items)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bad_line_is_named() {
        let good = r#"{"page": "/regeringsuppdrag/2018/01/x/", "year": 2018, "month": 1, "title": "Uppdrag", "text": null}"#;
        assert_eq!(
            parse("f.jsonl", good).unwrap()[0].url(),
            "https://www.regeringen.se/regeringsuppdrag/2018/01/x/"
        );
        let bad = format!("{good}\n{}", good.replace("\"month\": 1", "\"month\": 13"));
        assert_eq!(
            parse("f.jsonl", &bad).unwrap_err().to_string(),
            "f.jsonl, entry 'line 2': year 2018 and month 13 are not a month of the calendar"
        );
        assert!(parse("f.jsonl", "{\"page\": 1}")
            .unwrap_err()
            .to_string()
            .starts_with("f.jsonl, entry 'line 1'"));
    }
}
