//! Sweden's counties (län), by their official two-digit codes.

/// The 21 county codes in use since 1998 (Skåne and Västra Götaland took
/// over the codes of the counties they merged; 02, 11, 15 and 16 are gone).
pub const COUNTY_CODES: [&str; 21] = [
    "01", "03", "04", "05", "06", "07", "08", "09", "10", "12", "13", "14", "17", "18", "19", "20",
    "21", "22", "23", "24", "25",
];

impl utoipa::PartialSchema for CountyCode {
    fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
        utoipa::openapi::ObjectBuilder::new()
            .schema_type(utoipa::openapi::schema::Type::String)
            .description(Some(
                "The official two-digit code of one of Sweden's 21 counties.",
            ))
            .enum_values(Some(COUNTY_CODES))
            .examples([serde_json::json!("01")])
            .into()
    }
}

impl utoipa::ToSchema for CountyCode {}

/// The code of a county that exists.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CountyCode(&'static str);

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("'{0}' is not a county code (two digits, such as 01 for Stockholm)")]
pub struct CountyCodeError(pub String);

impl CountyCode {
    pub fn parse(input: &str) -> Result<Self, CountyCodeError> {
        COUNTY_CODES
            .iter()
            .find(|code| **code == input)
            .map(|code| CountyCode(code))
            .ok_or_else(|| CountyCodeError(input.to_owned()))
    }

    pub fn as_str(self) -> &'static str {
        self.0
    }
}

impl<'de> serde::Deserialize<'de> for CountyCode {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        CountyCode::parse(&text).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_county_code_parses() {
        for code in COUNTY_CODES {
            assert_eq!(CountyCode::parse(code).map(CountyCode::as_str), Ok(code));
        }
    }

    #[test]
    fn codes_no_longer_in_use_and_other_text_are_refused() {
        for input in ["02", "11", "15", "16", "26", "00", "1", "001", "AB", ""] {
            assert_eq!(
                CountyCode::parse(input),
                Err(CountyCodeError(input.into())),
                "{input:?}"
            );
        }
    }
}
