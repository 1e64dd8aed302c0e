//! Telephone numbers: stored in E.164 (`+46771921921`), Swedish ones shown
//! in the Swedish national format (`0771-92 19 21`).

use std::fmt;

/// A number in E.164 form: Swedish, or (embassies abroad) of another
/// country.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PhoneNumber(String);

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("'{0}' is not a telephone number")]
pub struct PhoneNumberError(pub String);

/// Area codes of three digits (with the leading 0); 08 has two, the rest
/// four.
const THREE_DIGIT_AREAS: &[&str] = &[
    "010", "011", "013", "016", "018", "019", "020", "021", "023", "026", "031", "033", "035",
    "036", "040", "042", "044", "046", "054", "060", "063", "070", "072", "073", "076", "079",
    "090",
];

impl PhoneNumber {
    /// Reads a number as registers write it: national (`0771921921`,
    /// `08-700 08 00`), international (`+46 8 700 08 00`, `0046…`), or a
    /// national number that lost its leading zero on its way through a
    /// spreadsheet (`104758000` is 010-475 80 00).
    pub fn parse(input: &str) -> Result<Self, PhoneNumberError> {
        let refused = || PhoneNumberError(input.to_owned());
        let trimmed = input.trim();
        // A Swedish short number (114 14, the police's; 1177) has no E.164
        // form: it is kept as its digits.
        let compact: String = trimmed.chars().filter(|c| !c.is_whitespace()).collect();
        if (3..=5).contains(&compact.len())
            && compact.starts_with('1')
            && compact.chars().all(|c| c.is_ascii_digit())
        {
            return Ok(PhoneNumber(compact));
        }
        if trimmed.is_empty()
            || !trimmed
                .chars()
                .all(|c| c.is_ascii_digit() || " -+()/".contains(c))
        {
            return Err(refused());
        }
        // "(0)" marks a trunk prefix dialled only within the country.
        let without_trunk = trimmed.replace("(0)", "");
        let digits: String = without_trunk.chars().filter(char::is_ascii_digit).collect();
        let international = without_trunk
            .strip_prefix('+')
            .map(|_| digits.clone())
            .or_else(|| digits.strip_prefix("00").map(str::to_owned));
        if let Some(international) = international.filter(|d| !d.starts_with("46")) {
            // Another country's: E.164 allows at most 15 digits.
            return if (8..=15).contains(&international.len()) && !international.starts_with('0') {
                Ok(PhoneNumber(format!("+{international}")))
            } else {
                Err(refused())
            };
        }
        let national = if let Some(rest) = digits
            .strip_prefix("46")
            .filter(|_| without_trunk.starts_with('+'))
        {
            Some(rest.trim_start_matches('0').to_owned())
        } else if let Some(rest) = digits.strip_prefix("0046") {
            Some(rest.trim_start_matches('0').to_owned())
        } else if let Some(rest) = digits.strip_prefix('0') {
            Some(rest.to_owned())
        } else {
            // Lost its leading zero.
            Some(digits.clone())
        }
        .ok_or_else(refused)?;
        // Swedish numbers have 7 to 9 digits after the leading 0 (020
        // numbers can have 6).
        if !(6..=9).contains(&national.len()) || national.starts_with('0') {
            return Err(refused());
        }
        Ok(PhoneNumber(format!("+46{national}")))
    }

    /// E.164: `+46771921921` (a short number: its digits, `11414`).
    pub fn e164(&self) -> &str {
        &self.0
    }

    /// A Swedish number in the Swedish national format: area code, a
    /// hyphen, then the subscriber number in groups (`010-475 80 00`,
    /// `08-508 860 00`); another country's as E.164.
    pub fn national(&self) -> String {
        if !self.0.starts_with('+') && self.0.len() == 5 {
            return format!("{} {}", &self.0[..3], &self.0[3..]);
        }
        if !self.0.starts_with("+46") {
            return self.0.clone();
        }
        let national = format!("0{}", &self.0[3..]);
        let area_length = if national.starts_with("08") {
            2
        } else if THREE_DIGIT_AREAS
            .iter()
            .any(|area| national.starts_with(area))
        {
            3
        } else {
            4
        };
        let (area, subscriber) = national.split_at(area_length.min(national.len()));
        format!("{area}-{}", group_digits(subscriber))
    }
}

/// `921921` as `92 19 21`, `4758000` as `475 80 00`, `50886000` as
/// `508 860 00`.
fn group_digits(digits: &str) -> String {
    let sizes: &[usize] = match digits.len() {
        5 => &[3, 2],
        6 => &[2, 2, 2],
        7 => &[3, 2, 2],
        8 => &[3, 3, 2],
        _ => return digits.to_owned(),
    };
    let mut groups = Vec::new();
    let mut rest = digits;
    for size in sizes {
        let (group, tail) = rest.split_at(*size);
        groups.push(group);
        rest = tail;
    }
    groups.join(" ")
}

impl fmt::Display for PhoneNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn both(input: &str) -> (String, String) {
        let number = PhoneNumber::parse(input).unwrap();
        (number.e164().to_owned(), number.national())
    }

    #[test]
    fn national_numbers_become_e164_and_read_back_in_swedish_format() {
        assert_eq!(
            both("0771921921"),
            ("+46771921921".into(), "0771-92 19 21".into())
        );
        assert_eq!(
            both("087000800"),
            ("+4687000800".into(), "08-700 08 00".into())
        );
        assert_eq!(
            both("0850886000"),
            ("+46850886000".into(), "08-508 860 00".into())
        );
        assert_eq!(
            both("010-475 80 00"),
            ("+46104758000".into(), "010-475 80 00".into())
        );
    }

    #[test]
    fn a_number_that_lost_its_leading_zero_is_read_as_national() {
        // SCB's integer 104758000 is Svenska kraftnät's 010-475 80 00.
        assert_eq!(
            both("104758000"),
            ("+46104758000".into(), "010-475 80 00".into())
        );
        assert_eq!(both("11192000").1, "011-19 20 00");
    }

    #[test]
    fn international_forms_are_read() {
        assert_eq!(both("+46 8 700 08 00").0, "+4687000800");
        assert_eq!(both("0046 8 700 08 00").0, "+4687000800");
    }

    #[test]
    fn short_numbers_are_kept_as_dialled() {
        assert_eq!(both("11414"), ("11414".into(), "114 14".into()));
        assert_eq!(both("1177"), ("1177".into(), "1177".into()));
    }

    #[test]
    fn other_countries_numbers_are_kept_in_e164() {
        assert_eq!(both("+56 (2) 940 17 00").0, "+5629401700");
        assert_eq!(both("+994 (0)12 505 25 76").0, "+994125052576");
        assert_eq!(
            both("+3227077855"),
            ("+3227077855".into(), "+3227077855".into())
        );
    }

    #[test]
    fn other_text_is_refused() {
        for input in [
            "",
            "   ",
            "n/a",
            "+47 22",
            "08",
            "0123456789012",
            "+1234567890123456",
        ] {
            assert!(PhoneNumber::parse(input).is_err(), "{input}");
        }
    }
}
