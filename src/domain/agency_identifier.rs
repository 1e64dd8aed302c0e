//! An identifier an agency is known by elsewhere, as its scheme writes it:
//! an organisation number (`202100-6297`, however a client writes it), a
//! Wikidata item (`Q1677108`), a number in ESV's register (`1001`).

use super::{IdentifierScheme, OrganisationNumber, OrganisationNumberError};

/// An identifier's value, checked against its scheme and written as the
/// scheme writes it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IdentifierValue(String);

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum IdentifierError {
    #[error(transparent)]
    OrganisationNumber(#[from] OrganisationNumberError),
    #[error("'{0}' is not a Wikidata item: Q and its number, such as Q1677108")]
    Wikidata(String),
    #[error("'{0}' is not a number in ESV's register of agencies, such as 1001")]
    Esv(String),
}

impl IdentifierValue {
    pub fn parse(scheme: IdentifierScheme, input: &str) -> Result<Self, IdentifierError> {
        let text = input.trim();
        let number = |digits: &str, most: usize| {
            !digits.is_empty()
                && digits.len() <= most
                && !digits.starts_with('0')
                && digits.bytes().all(|b| b.is_ascii_digit())
        };
        match scheme {
            IdentifierScheme::OrganisationNumber => Ok(IdentifierValue(
                OrganisationNumber::parse_any(text)?.into_string(),
            )),
            IdentifierScheme::Wikidata => match text.strip_prefix(['Q', 'q']) {
                Some(digits) if number(digits, 12) => Ok(IdentifierValue(format!("Q{digits}"))),
                _ => Err(IdentifierError::Wikidata(input.to_owned())),
            },
            IdentifierScheme::Esv if number(text, 6) => Ok(IdentifierValue(text.to_owned())),
            IdentifierScheme::Esv => Err(IdentifierError::Esv(input.to_owned())),
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_scheme_takes_its_own_form_and_writes_it_as_the_scheme_does() {
        for (scheme, written, stored) in [
            (
                IdentifierScheme::OrganisationNumber,
                "202100-6297",
                "202100-6297",
            ),
            (
                IdentifierScheme::OrganisationNumber,
                " 2021006297",
                "202100-6297",
            ),
            (
                IdentifierScheme::OrganisationNumber,
                "162021006297",
                "202100-6297",
            ),
            (IdentifierScheme::Wikidata, "Q1677108", "Q1677108"),
            (IdentifierScheme::Wikidata, "q1677108 ", "Q1677108"),
            (IdentifierScheme::Esv, "1001", "1001"),
        ] {
            let value = IdentifierValue::parse(scheme, written);
            assert_eq!(
                value.as_ref().map(IdentifierValue::as_str),
                Ok(stored),
                "{written}"
            );
        }
    }

    #[test]
    fn what_is_not_of_its_scheme_is_refused() {
        for (scheme, written) in [
            (IdentifierScheme::OrganisationNumber, "202100-6296"),
            (IdentifierScheme::OrganisationNumber, "Q1677108"),
            (IdentifierScheme::Wikidata, "1677108"),
            (IdentifierScheme::Wikidata, "Q"),
            (IdentifierScheme::Wikidata, "Q0123"),
            (IdentifierScheme::Wikidata, "Q12a"),
            (
                IdentifierScheme::Wikidata,
                "https://www.wikidata.org/wiki/Q1677108",
            ),
            (IdentifierScheme::Esv, "Q1677108"),
            (IdentifierScheme::Esv, ""),
            (IdentifierScheme::Esv, "0100"),
            (IdentifierScheme::Esv, "1234567"),
        ] {
            assert!(
                IdentifierValue::parse(scheme, written).is_err(),
                "{written}"
            );
        }
    }
}
