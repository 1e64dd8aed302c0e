//! Pagination: how many items a page holds and where the next page starts.

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

    /// The largest page there is.
    pub fn largest() -> Self {
        Limit(Self::MAX)
    }
}

/// An opaque position in a list: the sort key of the last item the previous
/// page held (a slug, or for transfers `YYYY-MM-DD/slug`). Any text of its
/// alphabet names a position, so a well-formed cursor is never refused; the
/// next page starts after it in byte order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cursor(String);

/// The pattern a cursor matches, as documented in the OpenAPI spec.
pub const CURSOR_PATTERN: &str = "^[a-z0-9/-]{1,200}$";

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("'{0}' is not a cursor this API gives out (1 to 200 of a-z, 0-9, '-' and '/'); pass next_cursor from a previous page unchanged")]
pub struct CursorError(pub String);

impl Cursor {
    pub fn after(key: &str) -> Self {
        Cursor(key.to_owned())
    }

    pub fn parse(input: &str) -> Result<Self, CursorError> {
        let allowed =
            |b: u8| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'/';
        if (1..=200).contains(&input.len()) && input.bytes().all(allowed) {
            Ok(Cursor(input.to_owned()))
        } else {
            Err(CursorError(input.to_owned()))
        }
    }

    pub fn encode(&self) -> String {
        self.0.clone()
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
    fn any_text_of_the_cursor_alphabet_is_a_position() {
        for good in [
            "a",
            "lansstyrelsen-stockholm",
            "2018-01-01/lansstyrelsen-stockholm",
            "-",
            "/",
        ] {
            assert_eq!(
                Cursor::parse(good).map(|c| c.key().to_owned()),
                Ok(good.to_owned())
            );
        }
    }

    #[test]
    fn text_outside_the_cursor_alphabet_is_rejected() {
        let too_long = "a".repeat(201);
        for bad in ["", "ABC", "a b", "a\0b", "å", "a_b", too_long.as_str()] {
            assert!(Cursor::parse(bad).is_err(), "{bad:?}");
        }
    }
}
