//! Pagination: how many items a page holds and where the next page starts.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;

/// Items per page: 1 to [`Limit::MAX`], [`Limit::DEFAULT`] when not given.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limit(u16);

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("limit must be a whole number from 1 to {max}, not '{0}'", max = Limit::MAX)]
pub struct LimitError(pub String);

impl Limit {
    pub const DEFAULT: u16 = 20;
    pub const MAX: u16 = 100;

    pub fn parse(input: Option<&str>) -> Result<Self, LimitError> {
        let Some(input) = input else {
            return Ok(Limit(Self::DEFAULT));
        };
        match input.parse::<u16>() {
            Ok(n) if (1..=Self::MAX).contains(&n) && !input.starts_with('+') => Ok(Limit(n)),
            _ => Err(LimitError(input.to_owned())),
        }
    }

    pub fn get(self) -> i64 {
        i64::from(self.0)
    }
}

/// An opaque position in a list: the sort key (such as the slug) of the last
/// item the previous page held.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cursor(String);

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "cursor '{0}' is not one this API gave out; pass next_cursor from a previous page unchanged"
)]
pub struct CursorError(pub String);

impl Cursor {
    pub fn after(key: &str) -> Self {
        Cursor(key.to_owned())
    }

    pub fn parse(input: &str) -> Result<Self, CursorError> {
        let error = || CursorError(input.to_owned());
        let bytes = URL_SAFE_NO_PAD.decode(input).map_err(|_| error())?;
        let text = String::from_utf8(bytes).map_err(|_| error())?;
        let slug = text.strip_prefix("after:").ok_or_else(error)?;
        Ok(Cursor(slug.to_owned()))
    }

    pub fn encode(&self) -> String {
        URL_SAFE_NO_PAD.encode(format!("after:{}", self.0))
    }

    pub fn key(&self) -> &str {
        &self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn limit_defaults_and_bounds() {
        assert_eq!(Limit::parse(None), Ok(Limit(20)));
        assert_eq!(Limit::parse(Some("1")), Ok(Limit(1)));
        assert_eq!(Limit::parse(Some("100")), Ok(Limit(100)));
        for bad in ["0", "101", "-1", "+5", "ten", "", "1.5", "99999999999"] {
            assert!(Limit::parse(Some(bad)).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn a_cursor_round_trips() {
        let cursor = Cursor::after("lansstyrelsen-stockholm");
        assert_eq!(Cursor::parse(&cursor.encode()), Ok(cursor));
    }

    #[test]
    fn a_cursor_not_given_out_is_rejected() {
        for bad in [
            "",
            "!!",
            "lansstyrelsen",
            "%%%",
            &URL_SAFE_NO_PAD.encode([0xff, 0xfe]),
        ] {
            assert!(Cursor::parse(bad).is_err(), "{bad:?}");
        }
    }
}
