//! Free text that a write gives: trimmed, not blank, at most 500
//! characters, and without NUL (PostgreSQL's text cannot hold it).

use std::fmt;
use std::ops::Deref;

use serde::Deserialize;

use super::schema::{self, string_schema};

/// The longest text a field takes, in characters.
pub const MAX_TEXT_CHARS: usize = 500;

/// What text may be: not blank, no NUL.
const TEXT_PATTERN: &str = r"^[^\u0000]*\S[^\u0000]*$";

string_schema!(
    Text,
    schema::string(
        "Text: trimmed, not blank, at most 500 characters.",
        Some(TEXT_PATTERN),
        Some((1, MAX_TEXT_CHARS)),
        "Göteborg"
    )
);

/// Text that is trimmed and fits.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(try_from = "String")]
pub struct Text(String);

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TextError {
    #[error("must not be empty")]
    Empty,
    #[error("must be at most 500 characters")]
    TooLong,
    #[error("must not contain NUL characters")]
    Nul,
}

impl Text {
    pub fn parse(input: &str) -> Result<Self, TextError> {
        let text = input.trim();
        if text.is_empty() {
            Err(TextError::Empty)
        } else if input.chars().count() > MAX_TEXT_CHARS {
            Err(TextError::TooLong)
        } else if text.contains('\0') {
            Err(TextError::Nul)
        } else {
            Ok(Text(text.to_owned()))
        }
    }

    pub fn into_string(self) -> String {
        self.0
    }
}

impl TryFrom<String> for Text {
    type Error = TextError;

    fn try_from(value: String) -> Result<Self, TextError> {
        Text::parse(&value)
    }
}

impl Deref for Text {
    type Target = str;

    fn deref(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Text {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_trimmed() {
        assert_eq!(
            Text::parse("  Göteborg \n").unwrap().into_string(),
            "Göteborg"
        );
    }

    #[test]
    fn blank_long_and_nul_text_is_refused() {
        assert_eq!(Text::parse(" \t"), Err(TextError::Empty));
        assert_eq!(Text::parse(&"å".repeat(501)), Err(TextError::TooLong));
        assert!(Text::parse(&"å".repeat(500)).is_ok());
        assert_eq!(Text::parse("a\0b"), Err(TextError::Nul));
    }
}
