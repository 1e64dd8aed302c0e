//! The snapshot's files as they are written: five JSON objects keyed by
//! agency name, and a CSV of spellings. Fields are loose (a phone may be an
//! integer, a year a number or a string, an empty string means "not
//! given"); [`super::merge`] makes sense of them.

use std::collections::BTreeMap;

use serde::de::DeserializeOwned;
use serde::Deserialize;

/// A value the files write as a number or a string.
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(untagged)]
pub enum Loose {
    Number(i64),
    Text(String),
}

impl Loose {
    /// As text; an empty string is no value.
    pub fn text(&self) -> Option<String> {
        match self {
            Loose::Number(number) => Some(number.to_string()),
            Loose::Text(text) if text.trim().is_empty() => None,
            Loose::Text(text) => Some(text.trim().to_owned()),
        }
    }
}

/// `sfs.json`: the instructions that create and end agencies.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct SfsEntry {
    #[serde(default)]
    pub sfs: Vec<String>,
    pub start: Option<String>,
    pub end: Option<String>,
    pub expired_by: Option<String>,
    #[serde(default)]
    pub other_names: Vec<String>,
    #[serde(default)]
    pub replaces: Vec<String>,
}

/// An address as SCB writes it (`000 00` is an unknown postcode).
#[derive(Debug, Clone, Default, Deserialize)]
pub struct Address {
    #[serde(default)]
    pub address: Option<String>,
    #[serde(default)]
    pub postcode: Option<String>,
    #[serde(default)]
    pub city: Option<String>,
}

/// `scb.json`: SCB's register of state agencies.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct ScbEntry {
    pub org_nr: Option<Loose>,
    pub created_by: Option<String>,
    pub email: Option<String>,
    pub phone: Option<Loose>,
    pub website: Option<String>,
    pub group: Option<String>,
    pub postal_address: Option<Address>,
    pub office_address: Option<Address>,
    pub start: Option<Loose>,
    pub end: Option<Loose>,
    pub short_name: Option<String>,
    #[serde(default)]
    pub old_names: Vec<String>,
}

/// `stkt.json`: Statskontoret's list of agencies under the government.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct StktEntry {
    pub department: Option<String>,
    pub org_nr: Option<Loose>,
    pub host: Option<String>,
    pub structure: Option<String>,
    pub created_by: Option<String>,
    pub latest_updated_by: Option<String>,
    #[serde(default)]
    pub other_names: Vec<String>,
    pub start: Option<Loose>,
    pub end: Option<Loose>,
}

/// `esv.json`: ESV's register.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct EsvEntry {
    pub name_en: Option<String>,
    pub short_name: Option<String>,
    pub id: Option<Loose>,
    pub department: Option<String>,
    pub org_nr: Option<Loose>,
    pub email: Option<String>,
    #[serde(default)]
    pub old_names: Vec<String>,
    pub start: Option<Loose>,
    pub end: Option<Loose>,
}

/// `wd.json`: Wikidata.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct WdEntry {
    pub id: Option<String>,
    pub name_en: Option<String>,
    pub start: Option<String>,
    pub end: Option<String>,
    #[serde(default)]
    pub replaces: Vec<String>,
    #[serde(default)]
    pub replaced_by: Vec<String>,
    pub mother_org: Option<String>,
    pub part_of: Option<String>,
    pub org_nr: Option<Loose>,
    #[serde(default)]
    pub other_names: Vec<String>,
}

/// The whole snapshot, read but not yet merged.
#[derive(Debug, Clone, Default)]
pub struct Files {
    pub sfs: BTreeMap<String, SfsEntry>,
    pub scb: BTreeMap<String, ScbEntry>,
    pub stkt: BTreeMap<String, StktEntry>,
    pub esv: BTreeMap<String, EsvEntry>,
    pub wd: BTreeMap<String, WdEntry>,
    /// `matchlist.csv`: a lower-cased spelling and the official name it
    /// stands for.
    pub matchlist: Vec<(String, String)>,
}

/// A file that could not be read, naming the file and the entry.
#[derive(Debug, thiserror::Error)]
pub enum FileError {
    #[error("{file}: {message}")]
    File { file: String, message: String },
    #[error("{file}, entry '{entry}': {message}")]
    Entry {
        file: String,
        entry: String,
        message: String,
    },
}

impl Files {
    /// Reads the snapshot from `read(file name)`, which gives each file's
    /// text.
    pub fn parse(
        mut read: impl FnMut(&str) -> Result<String, FileError>,
    ) -> Result<Files, FileError> {
        Ok(Files {
            sfs: entries("sfs.json", &read("sfs.json")?)?,
            scb: entries("scb.json", &read("scb.json")?)?,
            stkt: entries("stkt.json", &read("stkt.json")?)?,
            esv: entries("esv.json", &read("esv.json")?)?,
            wd: entries("wd.json", &read("wd.json")?)?,
            matchlist: matchlist(&read("matchlist.csv")?)?,
        })
    }
}

/// A JSON object of entries keyed by agency name, each read on its own so
/// that an error names the entry.
fn entries<T: DeserializeOwned>(file: &str, text: &str) -> Result<BTreeMap<String, T>, FileError> {
    let raw: BTreeMap<String, serde_json::Value> =
        serde_json::from_str(text).map_err(|error| FileError::File {
            file: file.to_owned(),
            message: format!("not a JSON object of entries: {error}"),
        })?;
    raw.into_iter()
        .map(|(name, value)| {
            let entry =
                serde_path_to_error::deserialize(value).map_err(|error| FileError::Entry {
                    file: file.to_owned(),
                    entry: name.clone(),
                    message: format!("{}: {}", error.path(), error.inner()),
                })?;
            Ok((name, entry))
        })
        .collect()
}

pub fn matchlist(text: &str) -> Result<Vec<(String, String)>, FileError> {
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let mut pairs = Vec::new();
    for (line, record) in reader.deserialize::<(String, String)>().enumerate() {
        let (name, official) = record.map_err(|error| FileError::Entry {
            file: "matchlist.csv".to_owned(),
            entry: format!("line {}", line + 2),
            message: error.to_string(),
        })?;
        pairs.push((name, official));
    }
    Ok(pairs)
}
