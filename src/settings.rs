//! Typed settings, read from environment variables with documented defaults
//! (the README's configuration table lists them).

use std::path::PathBuf;

use anyhow::{bail, Context};

use crate::http::base::PublicBase;

/// How log lines are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LogFormat {
    Text,
    Json,
}

/// A connection string; kept out of `Debug` output because it may hold a
/// password.
#[derive(Clone)]
pub struct DatabaseUrl(String);

impl DatabaseUrl {
    pub fn new(url: impl Into<String>) -> Self {
        DatabaseUrl(url.into())
    }

    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Debug for DatabaseUrl {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("DatabaseUrl(<redacted>)")
    }
}

#[derive(Debug, Clone)]
pub struct Settings {
    /// `HOST`, default `127.0.0.1`.
    pub host: String,
    /// `PORT`, default `8080`; 0 picks a free port.
    pub port: u16,
    /// `DATABASE_URL`; when unset the program starts its own PostgreSQL.
    pub database_url: Option<DatabaseUrl>,
    /// `DATABASE_READ_URL`; when set, reads of registry data go to this
    /// server (a streaming replica of `DATABASE_URL`'s), writes and the
    /// change feed to the primary.
    pub database_read_url: Option<DatabaseUrl>,
    /// `DATABASE_MAX_CONNECTIONS`, default 10 (per pool).
    pub database_max_connections: std::num::NonZeroU32,
    /// `REGISTRY_DATA_DIR`, default `.data`: where the embedded PostgreSQL keeps
    /// its cluster when `DATABASE_URL` is unset.
    pub data_dir: PathBuf,
    /// `LOAD_EXAMPLE_DATA`, default `true`: load the founding case once.
    pub load_example_data: bool,
    /// `LOAD_NATIONAL_DATA`, default `true`: load the national agency
    /// registers the repository carries (`data/myndighetsdata`) once.
    pub load_national_data: bool,
    /// `LOG_FORMAT`, `text` (default) or `json`.
    pub log_format: LogFormat,
    /// `AUTH_FAILURES_PER_MINUTE`, default 10: failed authentications an
    /// address may make in a minute before it is answered 429.
    pub auth_failures_per_minute: std::num::NonZeroU32,
    /// `CACHE_MAX_BYTES`, default 67108864 (64 MiB): how much of the answers
    /// to reads the instance keeps in memory; 0 keeps none.
    pub cache_max_bytes: u64,
    /// `PUBLIC_BASE_URL`, unset by default: the address the API is
    /// published at (`https://registry.example.se`), the base of linked
    /// data's node names and the Atom feed's ids whatever a request's
    /// `Host` or `X-Forwarded-*` headers say. Unset, each request's own.
    pub public_base_url: Option<PublicBase>,
}

impl Settings {
    pub fn from_env() -> anyhow::Result<Self> {
        Self::from_lookup(|name| std::env::var(name).ok())
    }

    /// Reads settings through `lookup`, so tests can supply their own values.
    pub fn from_lookup(lookup: impl Fn(&str) -> Option<String>) -> anyhow::Result<Self> {
        let get = |name: &str| lookup(name).filter(|value| !value.is_empty());
        Ok(Settings {
            host: get("HOST").unwrap_or_else(|| "127.0.0.1".into()),
            port: parse_or(get("PORT"), "PORT", 8080)?,
            database_url: get("DATABASE_URL").map(DatabaseUrl),
            database_read_url: get("DATABASE_READ_URL").map(DatabaseUrl),
            database_max_connections: parse_or(
                get("DATABASE_MAX_CONNECTIONS"),
                "DATABASE_MAX_CONNECTIONS",
                std::num::NonZeroU32::new(10).expect("not zero"),
            )?,
            data_dir: get("REGISTRY_DATA_DIR")
                .map(PathBuf::from)
                .unwrap_or_else(|| PathBuf::from(".data")),
            load_example_data: flag_or(get("LOAD_EXAMPLE_DATA"), "LOAD_EXAMPLE_DATA", true)?,
            load_national_data: flag_or(get("LOAD_NATIONAL_DATA"), "LOAD_NATIONAL_DATA", true)?,
            log_format: match get("LOG_FORMAT").as_deref() {
                None | Some("text") => LogFormat::Text,
                Some("json") => LogFormat::Json,
                Some(other) => bail!("LOG_FORMAT must be text or json, not '{other}'"),
            },
            auth_failures_per_minute: parse_or(
                get("AUTH_FAILURES_PER_MINUTE"),
                "AUTH_FAILURES_PER_MINUTE",
                std::num::NonZeroU32::new(10).expect("not zero"),
            )?,
            cache_max_bytes: parse_or(get("CACHE_MAX_BYTES"), "CACHE_MAX_BYTES", 64 << 20)?,
            public_base_url: match get("PUBLIC_BASE_URL") {
                None => None,
                Some(text) => Some(text.parse().map_err(|why| {
                    anyhow::anyhow!("PUBLIC_BASE_URL has the invalid value '{text}': {why}")
                })?),
            },
        })
    }
}

fn parse_or<T: std::str::FromStr>(
    value: Option<String>,
    name: &str,
    default: T,
) -> anyhow::Result<T>
where
    T::Err: std::error::Error + Send + Sync + 'static,
{
    match value {
        None => Ok(default),
        Some(text) => text
            .parse()
            .with_context(|| format!("{name} has the invalid value '{text}'")),
    }
}

/// A yes-or-no setting: `true`/`false` (or `1`/`0`, `yes`/`no`).
fn flag_or(value: Option<String>, name: &str, default: bool) -> anyhow::Result<bool> {
    match value.as_deref() {
        None => Ok(default),
        Some("true" | "1" | "yes") => Ok(true),
        Some("false" | "0" | "no") => Ok(false),
        Some(other) => bail!("{name} must be true or false, not '{other}'"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_apply_when_nothing_is_set() {
        let settings = Settings::from_lookup(|_| None).unwrap();
        assert_eq!(settings.port, 8080);
        assert_eq!(settings.host, "127.0.0.1");
        assert!(settings.database_url.is_none());
        assert!(settings.load_example_data);
        assert_eq!(settings.log_format, LogFormat::Text);
        assert_eq!(settings.cache_max_bytes, 64 * 1024 * 1024);
        assert_eq!(settings.public_base_url, None);
    }

    #[test]
    fn invalid_values_are_errors_naming_the_variable() {
        let error =
            Settings::from_lookup(|name| (name == "PORT").then(|| "eighty".into())).unwrap_err();
        assert!(error.to_string().contains("PORT"), "{error}");
        for (name, value) in [
            ("DATABASE_MAX_CONNECTIONS", "0"),
            ("LOAD_NATIONAL_DATA", "maybe"),
            ("LOG_FORMAT", "xml"),
            ("PUBLIC_BASE_URL", "registry.example.se/api"),
        ] {
            let error = Settings::from_lookup(|asked| (asked == name).then(|| value.into()))
                .expect_err(name);
            assert!(format!("{error:#}").contains(name), "{error:#}");
        }
    }

    #[test]
    fn yes_or_no_settings_take_the_usual_spellings() {
        for (value, loaded) in [("true", true), ("1", true), ("no", false), ("false", false)] {
            let settings =
                Settings::from_lookup(|name| (name == "LOAD_NATIONAL_DATA").then(|| value.into()))
                    .unwrap();
            assert_eq!(settings.load_national_data, loaded, "{value}");
            assert!(settings.load_example_data, "the other keeps its default");
        }
    }

    #[test]
    fn the_database_url_is_not_printed() {
        let url = DatabaseUrl::new("postgres://user:secret@host/db");
        assert!(!format!("{url:?}").contains("secret"));
    }
}
