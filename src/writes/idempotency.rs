//! `Idempotency-Key` on POST: a retried request gets the first answer
//! again (`Idempotent-Replayed: true`), a different request under a used
//! key is refused (422), and the answer to a new key is kept in the same
//! transaction as the write. A key is remembered for [`KEY_LIFETIME`]
//! (24 hours); after that the same key names a new request.

use actix_web::http::{header, Method, StatusCode};
use actix_web::{HttpRequest, HttpResponse};
use sha2::{Digest, Sha256};
use sqlx::{PgConnection, PgPool};
use uuid::Uuid;

use crate::error::ApiError;
use crate::http::auth::Writer;

/// How long an `Idempotency-Key` is remembered, as SQL.
pub const KEY_LIFETIME: &str = "24 hours";

/// Forgets the idempotency keys older than [`KEY_LIFETIME`]; returns how
/// many. Reads of keys skip expired ones already, so this only frees space.
pub async fn forget_expired_keys(pool: &PgPool) -> Result<u64, sqlx::Error> {
    let done = sqlx::query!(
        "delete from idempotency_keys where created_at <= now() - $1::text::interval",
        KEY_LIFETIME,
    )
    .execute(pool)
    .await?;
    Ok(done.rows_affected())
}

/// A request's key, with what makes the request the same request.
pub struct Idempotency {
    token_id: Uuid,
    key: String,
    request_sha256: [u8; 32],
}

impl Idempotency {
    /// The key of a POST that sends one; 400 for a malformed key.
    pub fn of(req: &HttpRequest, writer: &Writer, body: &[u8]) -> Result<Option<Self>, ApiError> {
        Ok(idempotency_key(req)?.map(|key| Idempotency {
            token_id: writer.token_id,
            key,
            request_sha256: fingerprint(req, body),
        }))
    }

    /// The answer given to this key before, if it is still remembered; 422
    /// when the key was used for a different request. Run inside the write's
    /// transaction, after its lock.
    pub async fn earlier_answer(
        &self,
        conn: &mut PgConnection,
    ) -> Result<Option<HttpResponse>, ApiError> {
        // An expired key names a new request: forget its old answer.
        sqlx::query!(
            "delete from idempotency_keys
             where token_id = $1 and key = $2 and created_at <= now() - $3::text::interval",
            self.token_id,
            self.key,
            KEY_LIFETIME,
        )
        .execute(&mut *conn)
        .await?;
        let Some(earlier) = sqlx::query!(
            "select request_sha256, status, location, body from idempotency_keys
             where token_id = $1 and key = $2",
            self.token_id,
            self.key,
        )
        .fetch_optional(&mut *conn)
        .await?
        else {
            return Ok(None);
        };
        if earlier.request_sha256 != self.request_sha256 {
            return Err(ApiError::IdempotencyKeyReused(format!(
                "The Idempotency-Key '{}' was used for a different request; use a new key for a new request.",
                self.key
            )));
        }
        let status = StatusCode::from_u16(u16::try_from(earlier.status).unwrap_or(200))
            .map_err(|e| ApiError::Internal(e.into()))?;
        let mut response = HttpResponse::build(status);
        response
            .content_type("application/json")
            .insert_header(("Idempotent-Replayed", "true"));
        if let Some(location) = earlier.location {
            response.insert_header((header::LOCATION, location));
        }
        Ok(Some(response.body(earlier.body)))
    }

    /// Keeps the answer to this key, in the write's transaction.
    pub async fn remember(
        &self,
        conn: &mut PgConnection,
        status: StatusCode,
        location: Option<&str>,
        body: &[u8],
    ) -> Result<(), ApiError> {
        sqlx::query!(
            "insert into idempotency_keys (token_id, key, request_sha256, status, location, body)
             values ($1, $2, $3, $4, $5, $6)",
            self.token_id,
            self.key,
            &self.request_sha256[..],
            i16::try_from(status.as_u16()).expect("a status fits"),
            location,
            body,
        )
        .execute(conn)
        .await?;
        Ok(())
    }
}

/// The `Idempotency-Key` of a POST: 1 to 255 visible ASCII characters.
fn idempotency_key(req: &HttpRequest) -> Result<Option<String>, ApiError> {
    if req.method() != Method::POST {
        return Ok(None);
    }
    let Some(value) = req.headers().get("idempotency-key") else {
        return Ok(None);
    };
    let key = value
        .to_str()
        .ok()
        .map(str::trim)
        .filter(|key| (1..=255).contains(&key.len()) && key.bytes().all(|b| b.is_ascii_graphic()))
        .ok_or_else(|| {
            ApiError::invalid(
                "Idempotency-Key",
                "must be 1 to 255 visible ASCII characters",
            )
        })?;
    Ok(Some(key.to_owned()))
}

/// What makes two requests the same request: method, path and body.
fn fingerprint(req: &HttpRequest, body: &[u8]) -> [u8; 32] {
    let mut hasher = Sha256::new();
    hasher.update(req.method().as_str());
    hasher.update(b" ");
    hasher.update(req.uri().path());
    hasher.update(b"\n");
    hasher.update(body);
    hasher.finalize().into()
}
