//! Bearer tokens for writes. A token reads `reg_<id>_<secret>`: the id finds
//! the row, the secret is checked against its stored SHA-256 hash in constant
//! time. Only the hash is stored; the secret is shown once, when minted.
//! The extractor that asks for a token on writes is [`crate::http::auth`].
//!
//! Authority follows the agency: a `write` token is minted for one or more
//! agencies and may change only their records ([`Authority::Agencies`]); an
//! `admin` token is a registrar's and may change everything
//! ([`Authority::Registrar`]). A token may expire; each records when it was
//! last used.

use std::fmt;

use chrono::{DateTime, Utc};
use sha2::{Digest, Sha256};
use sqlx::PgPool;
use subtle::ConstantTimeEq;
use uuid::Uuid;

use crate::error::ApiError;

const PREFIX: &str = "reg_";

/// What a token may do. Reads are public; `read` is reserved for private
/// reads to come and grants nothing yet. `write` writes for the token's
/// agencies; `admin` writes for all, as a registrar.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    Read,
    Write,
    Admin,
}

impl Scope {
    pub const ALL: [Scope; 3] = [Scope::Read, Scope::Write, Scope::Admin];

    pub fn as_str(self) -> &'static str {
        match self {
            Scope::Read => "read",
            Scope::Write => "write",
            Scope::Admin => "admin",
        }
    }

    pub fn parse(text: &str) -> Result<Self, String> {
        Scope::ALL
            .into_iter()
            .find(|scope| scope.as_str() == text)
            .ok_or_else(|| format!("unknown scope '{text}'; known: read, write, admin"))
    }
}

/// Whose records a token may change.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Authority {
    /// A registrar's: every record.
    Registrar,
    /// An agency's: the records of these agencies (their ids).
    Agencies(Vec<Uuid>),
}

impl Authority {
    /// Whether the token may act for `agency`.
    pub fn covers(&self, agency: Uuid) -> bool {
        match self {
            Authority::Registrar => true,
            Authority::Agencies(agencies) => agencies.contains(&agency),
        }
    }
}

/// A token to mint.
pub struct NewToken<'a> {
    pub name: &'a str,
    pub scopes: &'a [Scope],
    /// The slugs of the agencies a `write` token acts for.
    pub agencies: &'a [String],
    pub expires_in: Option<chrono::Duration>,
}

/// Parses a lifetime such as `90d`, `12h` or `30m`.
pub fn parse_lifetime(text: &str) -> Result<chrono::Duration, String> {
    let bad = || format!("'{text}' is not a lifetime such as 90d, 12h or 30m");
    let (number, unit) = text.split_at(text.len().saturating_sub(1));
    let number: i64 = number.parse().ok().filter(|n| *n > 0).ok_or_else(bad)?;
    match unit {
        "d" => chrono::Duration::try_days(number),
        "h" => chrono::Duration::try_hours(number),
        "m" => chrono::Duration::try_minutes(number),
        _ => None,
    }
    .ok_or_else(bad)
}

/// A freshly minted token: the only moment its secret exists outside the
/// client.
pub struct MintedToken {
    pub id: Uuid,
    pub token: String,
}

impl fmt::Debug for MintedToken {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("MintedToken")
            .field("id", &self.id)
            .field("token", &"[redacted]")
            .finish()
    }
}

/// Creates a token and returns it with its secret. A `write` token names its
/// agencies; an `admin` token needs none.
pub async fn mint(pool: &PgPool, new: &NewToken<'_>) -> anyhow::Result<MintedToken> {
    let name = new.name.trim();
    anyhow::ensure!(!name.is_empty(), "a token needs a name");
    anyhow::ensure!(!new.scopes.is_empty(), "a token needs at least one scope");
    anyhow::ensure!(
        !new.scopes.contains(&Scope::Write)
            || new.scopes.contains(&Scope::Admin)
            || !new.agencies.is_empty(),
        "a write token acts for agencies: name them with --agency <slug>, or mint a registrar's token with --scope admin"
    );
    let mut secret = [0u8; 32];
    getrandom::getrandom(&mut secret)?;
    let secret = hex::encode(secret);
    let scopes: Vec<String> = new.scopes.iter().map(|s| s.as_str().to_owned()).collect();
    let expires_at = new.expires_in.map(|lifetime| Utc::now() + lifetime);
    let mut tx = pool.begin().await?;
    let id = sqlx::query_scalar!(
        "insert into api_tokens (name, secret_sha256, scopes, expires_at) values ($1, $2, $3, $4) returning id",
        name,
        &sha256(&secret)[..],
        &scopes,
        expires_at,
    )
    .fetch_one(&mut *tx)
    .await?;
    for slug in new.agencies {
        let added = sqlx::query!(
            "insert into api_token_agencies (token_id, agency_id)
             select $1, id from agencies where slug = $2",
            id,
            slug,
        )
        .execute(&mut *tx)
        .await?;
        anyhow::ensure!(added.rows_affected() == 1, "there is no agency '{slug}'");
    }
    tx.commit().await?;
    Ok(MintedToken {
        id,
        token: format!("{PREFIX}{}_{secret}", id.simple()),
    })
}

/// Revokes the token with this id. Returns whether a live token was revoked.
pub async fn revoke(pool: &PgPool, id: Uuid) -> anyhow::Result<bool> {
    let revoked = sqlx::query!(
        "update api_tokens set revoked_at = now() where id = $1 and revoked_at is null",
        id
    )
    .execute(pool)
    .await?
    .rows_affected();
    Ok(revoked == 1)
}

/// One token as listed (never its secret).
pub struct TokenInfo {
    pub id: Uuid,
    pub name: String,
    pub scopes: Vec<String>,
    /// The slugs of the agencies it acts for.
    pub agencies: Vec<String>,
    pub created_at: DateTime<Utc>,
    pub expires_at: Option<DateTime<Utc>>,
    pub last_used_at: Option<DateTime<Utc>>,
    pub revoked_at: Option<DateTime<Utc>>,
}

pub async fn list(pool: &PgPool) -> anyhow::Result<Vec<TokenInfo>> {
    let rows = sqlx::query_as!(
        TokenInfo,
        r#"select t.id, t.name, t.scopes, t.created_at, t.expires_at, t.last_used_at, t.revoked_at,
                  array(select a.slug from api_token_agencies ta join agencies a on a.id = ta.agency_id
                        where ta.token_id = t.id order by a.slug) as "agencies!"
           from api_tokens t order by t.created_at, t.id"#
    )
    .fetch_all(pool)
    .await?;
    Ok(rows)
}

fn sha256(secret: &str) -> [u8; 32] {
    Sha256::digest(secret.as_bytes()).into()
}

/// Checks a presented `reg_<id>_<secret>` token: 401 if it is malformed,
/// unknown, revoked or expired, 403 if it may not write. Returns the token's
/// id and whose records it may change, and notes that it was used.
pub async fn authenticate(pool: &PgPool, presented: &str) -> Result<(Uuid, Authority), ApiError> {
    let invalid = || ApiError::Unauthorized("The bearer token is not valid.".to_owned());
    let (id, secret) = presented
        .strip_prefix(PREFIX)
        .and_then(|rest| rest.split_once('_'))
        .ok_or_else(invalid)?;
    let id = Uuid::try_parse(id).map_err(|_| invalid())?;
    let row = sqlx::query!(
        r#"select t.secret_sha256, t.scopes, t.revoked_at,
                  coalesce(t.expires_at <= now(), false) as "expired!",
                  array(select agency_id from api_token_agencies where token_id = t.id) as "agencies!"
           from api_tokens t where t.id = $1"#,
        id
    )
    .fetch_optional(pool)
    .await?;
    // Compare against a dummy hash when there is no such token, so that
    // timing tells nothing about which ids exist.
    let stored = row
        .as_ref()
        .map_or(&[0u8; 32][..], |row| &row.secret_sha256[..]);
    let matches: bool = sha256(secret)[..].ct_eq(stored).into();
    let row = row.filter(|row| matches && row.revoked_at.is_none());
    let row = row.ok_or_else(invalid)?;
    if row.expired {
        return Err(ApiError::Unauthorized(
            "The bearer token has expired; ask for a new one.".to_owned(),
        ));
    }
    let has = |scope: Scope| row.scopes.iter().any(|s| s == scope.as_str());
    let authority = if has(Scope::Admin) {
        Authority::Registrar
    } else if has(Scope::Write) && !row.agencies.is_empty() {
        Authority::Agencies(row.agencies)
    } else {
        return Err(ApiError::Forbidden(
            "This token has no write scope.".to_owned(),
        ));
    };
    sqlx::query!(
        "update api_tokens set last_used_at = now()
         where id = $1 and (last_used_at is null or last_used_at < now() - interval '1 minute')",
        id
    )
    .execute(pool)
    .await?;
    Ok((id, authority))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_output_hides_secrets() {
        let minted = MintedToken {
            id: Uuid::nil(),
            token: "reg_secret".to_owned(),
        };
        assert!(!format!("{minted:?}").contains("secret"));
    }

    #[test]
    fn scopes_parse() {
        assert_eq!(Scope::parse("write"), Ok(Scope::Write));
        assert_eq!(Scope::parse("admin"), Ok(Scope::Admin));
        assert!(Scope::parse("root").is_err());
    }

    #[test]
    fn lifetimes_parse() {
        assert_eq!(parse_lifetime("90d"), Ok(chrono::Duration::days(90)));
        assert_eq!(parse_lifetime("12h"), Ok(chrono::Duration::hours(12)));
        assert_eq!(parse_lifetime("30m"), Ok(chrono::Duration::minutes(30)));
        for bad in ["", "d", "0d", "-1d", "90", "90w", "1.5d"] {
            assert!(parse_lifetime(bad).is_err(), "{bad:?}");
        }
    }
}
