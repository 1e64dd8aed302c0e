//! The address the API is published at: the base of the names that
//! answers give things (linked data's node names and context, an Atom
//! entry's id, the reconciliation manifest's links). Configured
//! (`PUBLIC_BASE_URL`), it is the same whatever a request says; else it is
//! the address the request names, which the response cache and the entity
//! tags keep apart.

use std::str::FromStr;

use actix_web::{web, HttpRequest};

/// `PUBLIC_BASE_URL`: `http://` or `https://` and a host (a name or an
/// address, with a port or not), nothing after it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PublicBase(String);

impl FromStr for PublicBase {
    type Err = String;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let text = text.strip_suffix('/').unwrap_or(text);
        let host = (text.strip_prefix("https://"))
            .or_else(|| text.strip_prefix("http://"))
            .ok_or("it must begin with https:// or http://")?;
        if !is_plain_host(host) {
            return Err(
                "after the scheme it must be a host name or address, and a port if any, \
                        with nothing after it (no path)"
                    .into(),
            );
        }
        Ok(PublicBase(text.to_owned()))
    }
}

impl std::fmt::Display for PublicBase {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// A host as an address names it: letters, digits, `-`, `.`, `:` and the
/// brackets of an IPv6 address.
fn is_plain_host(host: &str) -> bool {
    !host.is_empty()
        && host
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"-.:[]".contains(&b))
}

/// The base of the names an answer gives: the configured public address,
/// else the address the request names (its `Forwarded` or `X-Forwarded-*`
/// headers, else `Host`), where a host that is not plain stands as
/// `localhost`.
pub fn base_url(req: &HttpRequest) -> String {
    if let Some(base) = req.app_data::<web::Data<PublicBase>>() {
        return base.0.clone();
    }
    let info = req.connection_info();
    let scheme = if info.scheme() == "https" {
        "https"
    } else {
        "http"
    };
    let host = info.host();
    format!(
        "{scheme}://{}",
        if is_plain_host(host) {
            host
        } else {
            "localhost"
        }
    )
}

#[cfg(test)]
mod tests {
    use actix_web::test::TestRequest;

    use super::*;

    #[test]
    fn a_public_base_is_a_scheme_and_a_host() {
        for (text, base) in [
            ("https://registry.example.se", "https://registry.example.se"),
            (
                "https://registry.example.se/",
                "https://registry.example.se",
            ),
            ("http://127.0.0.1:8080", "http://127.0.0.1:8080"),
            ("http://[::1]:8080", "http://[::1]:8080"),
        ] {
            assert_eq!(text.parse::<PublicBase>().unwrap().to_string(), base);
        }
        for text in [
            "registry.example.se",
            "ftp://registry.example.se",
            "https://",
            "https://registry.example.se/api",
            "https://registry.example.se?x=1",
            "https://user@registry.example.se",
        ] {
            assert!(text.parse::<PublicBase>().is_err(), "{text}");
        }
    }

    #[test]
    fn a_configured_base_is_what_answers_name_whatever_the_request_says() {
        let forged = || {
            TestRequest::default()
                .insert_header(("host", "registry.example.se"))
                .insert_header(("x-forwarded-host", "evil.example"))
                .insert_header(("x-forwarded-proto", "https"))
        };
        assert_eq!(
            base_url(&forged().to_http_request()),
            "https://evil.example"
        );
        let public: PublicBase = "https://registry.example.se".parse().unwrap();
        let req = forged().app_data(web::Data::new(public)).to_http_request();
        assert_eq!(base_url(&req), "https://registry.example.se");
        let odd = TestRequest::default()
            .insert_header(("host", "a b"))
            .to_http_request();
        assert_eq!(base_url(&odd), "http://localhost");
    }
}
