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

/// Which rows of a list that may be searched make a page, read from its
/// `limit` and `cursor`: a list pages by key, after the cursor's; a search
/// pages by rank, and its cursor counts the matches before the page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Window {
    /// The key the page starts after (a list, not a search).
    pub after: Option<String>,
    /// How many matches come before the page (a search).
    pub offset: i64,
    /// Rows to read: one more than a page, to learn whether another follows.
    pub limit: i64,
    /// Whether the rows come by rank (a search) rather than by key.
    pub ranked: bool,
}

impl Window {
    /// The first `rows` matches of a search, best first.
    pub fn best(rows: i64) -> Self {
        Window {
            after: None,
            offset: 0,
            limit: rows,
            ranked: true,
        }
    }

    /// The window of a page of a list, or of a search when `searching`. A
    /// cursor that no search gave (cursors are opaque) is past a search's
    /// last page: a window of no rows.
    pub fn of(limit: Limit, cursor: Option<&Cursor>, searching: bool) -> Self {
        let key = cursor.map(Cursor::key);
        let window = Window {
            after: None,
            offset: 0,
            limit: limit.get() + 1,
            ranked: searching,
        };
        match key {
            Some(key) if !searching => Window {
                after: Some(key.to_owned()),
                ..window
            },
            Some(key) => match key.parse::<i64>().ok().filter(|offset| *offset >= 0) {
                Some(offset) => Window { offset, ..window },
                None => Window { limit: 0, ..window },
            },
            None => window,
        }
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
    fn a_list_pages_by_key_and_a_search_by_rank() {
        let five = Limit::parse(Some("5")).unwrap();
        let after = Cursor::after("skatteverket");
        let list = Window::of(five, Some(&after), false);
        assert_eq!(
            (list.after.as_deref(), list.offset, list.limit, list.ranked),
            (Some("skatteverket"), 0, 6, false)
        );
        let tenth = Cursor::after("10");
        let search = Window::of(five, Some(&tenth), true);
        assert_eq!(
            (search.after, search.offset, search.limit, search.ranked),
            (None, 10, 6, true)
        );
        let first = Window::of(five, None, true);
        assert_eq!((first.offset, first.limit), (0, 6));
    }

    #[test]
    fn a_cursor_no_search_gave_is_past_a_searchs_last_page() {
        let five = Limit::parse(Some("5")).unwrap();
        let slug = Cursor::after("skatteverket");
        assert_eq!(Window::of(five, Some(&slug), true).limit, 0);
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
