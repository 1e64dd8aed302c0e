//! What a contact point's value must be for its kind, so that whoever reads
//! it can use it: a telephone number that can be dialled, an e-mail address,
//! a web address a browser opens as a page (`http` or `https`, never
//! `javascript:` or `data:`), or a postal or visiting address as written.

use super::{ContactKind, PhoneNumber};

/// A contact point's value, checked against its kind; kept as given.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContactValue(String);

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("'{value}' is not {expected}")]
pub struct ContactValueError {
    pub value: String,
    pub expected: &'static str,
}

impl ContactValue {
    pub fn parse(kind: ContactKind, value: &str) -> Result<Self, ContactValueError> {
        let refused = match kind {
            ContactKind::Phone | ContactKind::Hotline => PhoneNumber::parse(value)
                .is_err()
                .then_some("a telephone number"),
            ContactKind::Email => {
                (!is_email(value)).then_some("an e-mail address (name@example.se)")
            }
            ContactKind::Website => (!is_web_address(value))
                .then_some("a web address that starts with https:// or http://"),
            ContactKind::PostalAddress | ContactKind::VisitingAddress => None,
        };
        match refused {
            None => Ok(ContactValue(value.to_owned())),
            Some(expected) => Err(ContactValueError {
                value: value.to_owned(),
                expected,
            }),
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// One `@` between a name and a domain with a dot; no spaces, and none of
/// the characters an address may hold only in quotes (so `mailto:a@b.se`,
/// `Ada <a@b.se>` and two addresses with a comma are refused).
pub fn is_email(text: &str) -> bool {
    let Some((local, domain)) = text.split_once('@') else {
        return false;
    };
    !local.is_empty()
        && !text.contains([':', '<', '>', ',', ';', '"', '(', ')', '[', ']', '\\'])
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !domain.contains('@')
        && !text.chars().any(|c| c.is_whitespace() || c.is_control())
}

/// A web address a browser opens as a page (a website, a source's page):
/// `http://` or `https://`, then a host with a dot (and no user name before
/// it, which would make `https://registry.se@elsewhere.example` look like
/// another site); no spaces.
pub fn is_web_address(text: &str) -> bool {
    let lower = text.to_ascii_lowercase();
    let Some(rest) = lower
        .strip_prefix("https://")
        .or_else(|| lower.strip_prefix("http://"))
    else {
        return false;
    };
    let host = rest.split(['/', '?', '#']).next().unwrap_or("");
    host.contains('.')
        && !host.starts_with('.')
        && !host.contains('@')
        && !text.chars().any(|c| c.is_whitespace() || c.is_control())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn accepted(kind: ContactKind, value: &str) -> bool {
        ContactValue::parse(kind, value).is_ok()
    }

    #[test]
    fn numbers_must_be_numbers_that_can_be_dialled() {
        assert!(accepted(ContactKind::Hotline, "020-390 000"));
        assert!(accepted(ContactKind::Phone, "+46 8 700 08 00"));
        assert!(!accepted(ContactKind::Phone, "hello"));
        let error = ContactValue::parse(ContactKind::Hotline, "ring oss").unwrap_err();
        assert_eq!(error.to_string(), "'ring oss' is not a telephone number");
    }

    #[test]
    fn e_mail_addresses_have_a_name_and_a_domain() {
        assert!(accepted(ContactKind::Email, "registrator@jamy.se"));
        for wrong in [
            "not-an-email",
            "@jamy.se",
            "registrator@jamy",
            "registrator@.se",
            "a@b@jamy.se",
            "registrator @jamy.se",
            "mailto:registrator@jamy.se",
            "Ada <registrator@jamy.se>",
            "a@jamy.se, b@jamy.se",
        ] {
            assert!(!accepted(ContactKind::Email, wrong), "{wrong}");
        }
    }

    #[test]
    fn web_addresses_are_pages_a_browser_opens() {
        assert!(accepted(
            ContactKind::Website,
            "https://www.jamstalldhetsmyndigheten.se"
        ));
        assert!(accepted(
            ContactKind::Website,
            "HTTP://www.arn.se/om-oss?x=1#a"
        ));
        for wrong in [
            "javascript:alert(1)",
            "data:text/html,<script>alert(1)</script>",
            "www.arn.se",
            "https://",
            "https://localhost",
            "https://registry.se@elsewhere.example",
            "https://www.arn.se/a b",
        ] {
            assert!(!accepted(ContactKind::Website, wrong), "{wrong}");
        }
    }

    #[test]
    fn addresses_are_kept_as_written() {
        assert!(accepted(
            ContactKind::PostalAddress,
            "Box 73, 424 22 Angered"
        ));
        assert!(accepted(ContactKind::VisitingAddress, "Gamlestadsvägen 4"));
    }
}
