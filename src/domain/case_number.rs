//! A case number (diarienummer) of the Government Offices: department,
//! year, number and, where written, unit (`A2025/00141`,
//! `N2018/02934/FÖF`). The government files its decisions under them, and
//! other agencies' systems find an assignment by them.

use std::sync::LazyLock;

use regex::Regex;

use super::schema::{string, string_schema};

/// A whole case number as a client may write it: the department's letters
/// in either case, a space after them or none.
const PATTERN: &str = "^([A-ZÅÄÖa-zåäö][A-Za-zÅÄÖåäö]{0,3}) ?([0-9]{4})/([0-9]{1,6})(/[A-ZÅÄÖa-zåäö0-9][A-ZÅÄÖa-zåäö0-9-]{0,19})?$";

static WHOLE: LazyLock<Regex> = LazyLock::new(|| Regex::new(PATTERN).expect("a valid pattern"));

/// A case number, as the government writes it.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct CaseNumber {
    /// As written, in capitals: `N2018/02934/FÖF`.
    pub written: String,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("'{0}' is not a case number (diarienummer), such as A2025/00141 or N2018/02934/FÖF")]
pub struct CaseNumberError(pub String);

impl CaseNumber {
    /// From its parts: department (`N`, `Fi`), year, number and unit
    /// (`/FÖF`, where written); the department in capitals.
    pub fn new(department: &str, year: &str, number: &str, unit: Option<&str>) -> Self {
        CaseNumber {
            written: format!(
                "{}{year}/{number}{}",
                department.to_uppercase(),
                unit.unwrap_or("")
            ),
        }
    }

    /// A whole case number; what a client writes in lower case is stored
    /// in capitals, as the government writes it.
    pub fn parse(input: &str) -> Result<Self, CaseNumberError> {
        let error = || CaseNumberError(input.to_owned());
        let parts = WHOLE.captures(input.trim()).ok_or_else(error)?;
        let unit = parts.get(4).map(|unit| unit.as_str().to_uppercase());
        Ok(CaseNumber::new(
            &parts[1],
            &parts[2],
            &parts[3],
            unit.as_deref(),
        ))
    }

    /// What two citations of one case share: department, year and number,
    /// without leading zeros or unit (`N2018/2934`).
    pub fn core(&self) -> String {
        core_of(&self.written)
    }
}

/// The core of a written case number (see [`CaseNumber::core`]).
pub fn core_of(written: &str) -> String {
    let mut parts = written.split('/');
    let head = parts.next().unwrap_or("").to_uppercase();
    let number = parts
        .next()
        .map(|n| n.trim_start_matches('0').to_owned())
        .unwrap_or_default();
    format!("{head}/{number}")
}

impl<'de> serde::Deserialize<'de> for CaseNumber {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        CaseNumber::parse(&text).map_err(serde::de::Error::custom)
    }
}

string_schema!(
    CaseNumber,
    string(
        "A case number (diarienummer) of the Government Offices: department, year, number and, \
         where written, unit. Stored in capitals.",
        Some(PATTERN),
        None,
        "A2025/00141",
    )
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn case_numbers_as_the_government_and_clients_write_them() {
        for (input, written) in [
            ("A2025/00141", "A2025/00141"),
            ("N2018/02934/FÖF", "N2018/02934/FÖF"),
            ("fi2019/3/esa", "FI2019/3/ESA"),
            ("S 2011/1232", "S2011/1232"),
            (" U2017/01236/GV ", "U2017/01236/GV"),
        ] {
            assert_eq!(
                CaseNumber::parse(input).map(|n| n.written),
                Ok(written.to_owned()),
                "{input:?}"
            );
        }
    }

    #[test]
    fn other_text_is_refused() {
        for input in [
            "",
            "A2025",
            "2025/00141",
            "A25/00141",
            "A2025/",
            "A2025/1234567",
            "ABCDE2025/1",
            "A2025/1/",
            "A2025/00141 och A2025/00674",
        ] {
            assert_eq!(
                CaseNumber::parse(input),
                Err(CaseNumberError(input.into())),
                "{input:?}"
            );
        }
    }

    #[test]
    fn the_core_leaves_out_zeros_and_unit() {
        let number = CaseNumber::parse("N2018/02934/FÖF").unwrap();
        assert_eq!(number.core(), "N2018/2934");
    }
}
