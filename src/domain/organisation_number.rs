//! Swedish organisation numbers (organisationsnummer): ten digits written
//! `NNNNNN-NNNN`, the last a Luhn check digit over the other nine.

use std::fmt;

use super::schema::{self, string_schema};

string_schema!(
    OrganisationNumber,
    schema::string(
        "A Swedish organisation number, NNNNNN-NNNN; the last digit is a Luhn check digit over the other nine.",
        Some("^[0-9]{6}-[0-9]{4}$"),
        Some((11, 11)),
        "202100-6255"
    )
);

/// An organisation number whose form and check digit are right.
#[derive(Debug, Clone, PartialEq, Eq, serde::Deserialize)]
#[serde(try_from = "String")]
pub struct OrganisationNumber(String);

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum OrganisationNumberError {
    #[error("'{0}' is not of the form NNNNNN-NNNN")]
    Format(String),
    #[error("'{0}' has a wrong check digit (the last digit is a Luhn check over the other nine)")]
    CheckDigit(String),
}

impl OrganisationNumber {
    pub fn parse(input: &str) -> Result<Self, OrganisationNumberError> {
        let bytes = input.as_bytes();
        let well_formed = bytes.len() == 11
            && bytes[6] == b'-'
            && bytes
                .iter()
                .enumerate()
                .all(|(i, b)| i == 6 || b.is_ascii_digit());
        if !well_formed {
            return Err(OrganisationNumberError::Format(input.to_owned()));
        }
        let digits: Vec<u32> = bytes
            .iter()
            .filter(|b| b.is_ascii_digit())
            .map(|b| u32::from(b - b'0'))
            .collect();
        if luhn_sum(&digits) % 10 != 0 {
            return Err(OrganisationNumberError::CheckDigit(input.to_owned()));
        }
        Ok(OrganisationNumber(input.to_owned()))
    }

    /// Reads the forms people and registers write: `202100-6297`,
    /// `2021006297`, and the twelve-digit `162021006297` (with the century
    /// prefix 16 that legal persons' numbers carry in some systems).
    pub fn parse_any(input: &str) -> Result<Self, OrganisationNumberError> {
        let trimmed = input.trim();
        let digits: String = trimmed.chars().filter(char::is_ascii_digit).collect();
        let only_digits_and_one_hyphen = trimmed.chars().all(|c| c.is_ascii_digit() || c == '-')
            && trimmed.matches('-').count() <= 1;
        let ten = match digits.len() {
            10 => Some(digits.as_str()),
            12 if digits.starts_with("16") => Some(&digits[2..]),
            _ => None,
        };
        match ten {
            Some(ten) if only_digits_and_one_hyphen => {
                Self::parse(&format!("{}-{}", &ten[..6], &ten[6..]))
            }
            _ => Err(OrganisationNumberError::Format(input.to_owned())),
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn into_string(self) -> String {
        self.0
    }
}

impl TryFrom<String> for OrganisationNumber {
    type Error = OrganisationNumberError;

    fn try_from(value: String) -> Result<Self, OrganisationNumberError> {
        OrganisationNumber::parse(&value)
    }
}

/// The Luhn sum of ten digits: every other digit from the first doubled
/// (and its digits added), then all added up. Valid when it ends in 0.
fn luhn_sum(digits: &[u32]) -> u32 {
    digits
        .iter()
        .enumerate()
        .map(|(i, &d)| {
            if i % 2 == 0 {
                let doubled = d * 2;
                doubled / 10 + doubled % 10
            } else {
                d
            }
        })
        .sum()
}

impl fmt::Display for OrganisationNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn real_organisation_numbers_are_accepted() {
        // Skatteverket's, Polismyndigheten's, and the API's own example.
        for number in ["202100-5448", "202100-0076", "202100-6255"] {
            assert_eq!(
                OrganisationNumber::parse(number).map(|n| n.into_string()),
                Ok(number.to_owned())
            );
        }
    }

    #[test]
    fn a_wrong_check_digit_is_refused() {
        assert_eq!(
            OrganisationNumber::parse("202100-5449"),
            Err(OrganisationNumberError::CheckDigit("202100-5449".into()))
        );
    }

    #[test]
    fn every_common_form_is_read() {
        for input in [
            "202100-6297",
            "2021006297",
            "162021006297",
            " 16202100-6297 ",
        ] {
            assert_eq!(
                OrganisationNumber::parse_any(input).map(|n| n.into_string()),
                Ok("202100-6297".to_owned()),
                "{input:?}"
            );
        }
        assert!(matches!(
            OrganisationNumber::parse_any("2021006298"),
            Err(OrganisationNumberError::CheckDigit(_))
        ));
        for input in ["202100-62977", "172021006297", "2021-00-6297", "abc", ""] {
            assert!(
                matches!(
                    OrganisationNumber::parse_any(input),
                    Err(OrganisationNumberError::Format(_))
                ),
                "{input:?}"
            );
        }
    }

    #[test]
    fn other_shapes_are_refused() {
        for input in [
            "2021005448",
            "202100-544",
            "20210-05448",
            "202100_5448",
            "a02100-5448",
            "",
        ] {
            assert_eq!(
                OrganisationNumber::parse(input),
                Err(OrganisationNumberError::Format(input.into())),
                "{input:?}"
            );
        }
    }
}
