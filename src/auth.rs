//! Bearer tokens for writes. A token reads `reg_<id>_<secret>`: the id finds
//! the row, the secret is checked against its stored SHA-256 hash in constant
//! time. Only the hash is stored; the secret is shown once, when minted.
//! The extractor that asks for a token on writes is [`crate::http::auth`].

use std::fmt;

use chrono::{DateTime, Utc};
use sha2::{Digest, Sha256};
use sqlx::PgPool;
use subtle::ConstantTimeEq;
use uuid::Uuid;

use crate::error::ApiError;

const PREFIX: &str = "reg_";

/// What a token may do. Reads are public; `read` is reserved for private
/// reads to come and grants nothing yet.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    Read,
    Write,
}

impl Scope {
    pub const ALL: [Scope; 2] = [Scope::Read, Scope::Write];

    pub fn as_str(self) -> &'static str {
        match self {
            Scope::Read => "read",
            Scope::Write => "write",
        }
    }

    pub fn parse(text: &str) -> Result<Self, String> {
        Scope::ALL
            .into_iter()
            .find(|scope| scope.as_str() == text)
            .ok_or_else(|| format!("unknown scope '{text}'; known: read, write"))
    }
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

/// Creates a token named `name` with `scopes` and returns it with its secret.
pub async fn mint(pool: &PgPool, name: &str, scopes: &[Scope]) -> anyhow::Result<MintedToken> {
    anyhow::ensure!(!name.trim().is_empty(), "a token needs a name");
    anyhow::ensure!(!scopes.is_empty(), "a token needs at least one scope");
    let mut secret = [0u8; 32];
    getrandom::getrandom(&mut secret)?;
    let secret = hex::encode(secret);
    let scopes: Vec<String> = scopes.iter().map(|s| s.as_str().to_owned()).collect();
    let id = sqlx::query_scalar!(
        "insert into api_tokens (name, secret_sha256, scopes) values ($1, $2, $3) returning id",
        name.trim(),
        &sha256(&secret)[..],
        &scopes,
    )
    .fetch_one(pool)
    .await?;
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
    pub created_at: DateTime<Utc>,
    pub revoked_at: Option<DateTime<Utc>>,
}

pub async fn list(pool: &PgPool) -> anyhow::Result<Vec<TokenInfo>> {
    let rows = sqlx::query_as!(
        TokenInfo,
        "select id, name, scopes, created_at, revoked_at from api_tokens order by created_at, id"
    )
    .fetch_all(pool)
    .await?;
    Ok(rows)
}

fn sha256(secret: &str) -> [u8; 32] {
    Sha256::digest(secret.as_bytes()).into()
}

/// Checks a presented `reg_<id>_<secret>` token: 401 if it is malformed,
/// unknown or revoked, 403 if it may not write. Returns the token's id.
pub async fn authenticate(pool: &PgPool, presented: &str) -> Result<Uuid, ApiError> {
    let invalid = || ApiError::Unauthorized("The bearer token is not valid.".to_owned());
    let (id, secret) = presented
        .strip_prefix(PREFIX)
        .and_then(|rest| rest.split_once('_'))
        .ok_or_else(invalid)?;
    let id = Uuid::try_parse(id).map_err(|_| invalid())?;
    let row = sqlx::query!(
        "select secret_sha256, scopes, revoked_at from api_tokens where id = $1",
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
    if !row
        .scopes
        .iter()
        .any(|scope| scope == Scope::Write.as_str())
    {
        return Err(ApiError::Forbidden(
            "This token has no write scope.".to_owned(),
        ));
    }
    Ok(id)
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
        assert!(Scope::parse("admin").is_err());
    }
}
