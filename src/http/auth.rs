//! The bearer token of a write: [`Writer`] is extracted from the
//! `Authorization` header and checked by [`crate::auth::authenticate`].

use std::fmt;
use std::future::Future;
use std::pin::Pin;

use actix_web::dev::Payload;
use actix_web::http::header;
use actix_web::{FromRequest, HttpRequest};
use uuid::Uuid;

use crate::auth::{authenticate, Authority};
use crate::error::ApiError;
use crate::http::params::pool;

/// The authenticated token of a write request. Extracting it answers 401
/// (no, malformed, unknown, revoked or expired token) or 403 (no write
/// scope). What it may change is its [`Authority`].
#[derive(Clone)]
pub struct Writer {
    pub token_id: Uuid,
    pub authority: Authority,
}

impl fmt::Debug for Writer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Writer(token {})", self.token_id)
    }
}

impl FromRequest for Writer {
    type Error = ApiError;
    type Future = Pin<Box<dyn Future<Output = Result<Self, Self::Error>>>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let pool = pool(req);
        let presented = bearer(req).map(str::to_owned);
        Box::pin(async move {
            let presented = presented?;
            let pool = pool?;
            let (token_id, authority) = authenticate(&pool, &presented).await?;
            Ok(Writer {
                token_id,
                authority,
            })
        })
    }
}

fn bearer(req: &HttpRequest) -> Result<&str, ApiError> {
    let value = req.headers().get(header::AUTHORIZATION).ok_or_else(|| {
        ApiError::Unauthorized(
            "Writes need a bearer token: send `Authorization: Bearer <token>`.".to_owned(),
        )
    })?;
    let text = value
        .to_str()
        .ok()
        .and_then(|text| {
            let (scheme, token) = text.split_once(' ')?;
            scheme.eq_ignore_ascii_case("bearer").then(|| token.trim())
        })
        .ok_or_else(|| {
            ApiError::Unauthorized(
                "The Authorization header must read `Bearer <token>`.".to_owned(),
            )
        })?;
    Ok(text)
}
