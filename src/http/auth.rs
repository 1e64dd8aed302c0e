//! The bearer token of a write: [`Writer`] is extracted from the
//! `Authorization` header and checked by [`crate::auth::authenticate`].
//! Failed authentications are limited per client address ([`Failures`]):
//! past `AUTH_FAILURES_PER_MINUTE` (default 10), the address is answered 429
//! with `Retry-After`, without its tokens being checked, until it may try
//! again. A request without a token is 401 all the same.

use std::fmt;
use std::future::Future;
use std::pin::Pin;

use actix_web::dev::Payload;
use actix_web::http::header;
use std::collections::HashMap;
use std::net::IpAddr;
use std::num::NonZeroU32;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use actix_web::{web, FromRequest, HttpRequest};
use governor::clock::{Clock, DefaultClock};
use governor::{DefaultKeyedRateLimiter, Quota, RateLimiter};
use uuid::Uuid;

use crate::auth::{authenticate, Authority};
use crate::error::ApiError;
use crate::http::params::pool;

/// The failed authentications of each client address, shared by the
/// workers of one server.
pub struct Failures {
    limiter: DefaultKeyedRateLimiter<IpAddr>,
    /// Addresses that must wait, and until when.
    waiting: Mutex<HashMap<IpAddr, Instant>>,
}

impl Failures {
    /// Allows `per_minute` failed authentications a minute (and at once) per
    /// address.
    pub fn new(per_minute: NonZeroU32) -> Self {
        Failures {
            limiter: RateLimiter::keyed(Quota::per_minute(per_minute)),
            waiting: Mutex::new(HashMap::new()),
        }
    }

    /// How long `address` must still wait, if it must.
    fn wait_of(&self, address: IpAddr) -> Option<Duration> {
        let waiting = self.waiting.lock().expect("not poisoned");
        let until = *waiting.get(&address)?;
        until.checked_duration_since(Instant::now())
    }

    /// Counts a failure of `address`; returns how long it must wait now, if
    /// it has failed too often.
    fn failed(&self, address: IpAddr) -> Option<Duration> {
        let not_until = self.limiter.check_key(&address).err()?;
        let wait = not_until.wait_time_from(DefaultClock::default().now());
        let mut waiting = self.waiting.lock().expect("not poisoned");
        let now = Instant::now();
        if waiting.len() >= 1024 {
            waiting.retain(|_, until| *until > now);
            self.limiter.retain_recent();
        }
        waiting.insert(address, now + wait);
        Some(wait)
    }
}

/// The answer to an address that failed too often.
fn too_many(wait: Duration) -> ApiError {
    ApiError::TooManyRequests {
        retry_after: wait.as_secs().max(1),
    }
}

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
        let failures = req.app_data::<web::Data<Failures>>().cloned();
        let address = req.peer_addr().map(|peer| peer.ip());
        Box::pin(async move {
            // A request without a token is 401, limited or not: only a token
            // that was presented and failed counts, and is held back.
            let presented = presented?;
            let limit = failures.zip(address);
            if let Some(wait) = limit
                .as_ref()
                .and_then(|(failures, address)| failures.wait_of(*address))
            {
                return Err(too_many(wait));
            }
            let outcome = authenticate(&*pool?, &presented).await;
            match outcome {
                Ok((token_id, authority)) => Ok(Writer {
                    token_id,
                    authority,
                }),
                Err(ApiError::Unauthorized(reason)) => {
                    match limit.and_then(|(failures, address)| failures.failed(address)) {
                        Some(wait) => Err(too_many(wait)),
                        None => Err(ApiError::Unauthorized(reason)),
                    }
                }
                Err(other) => Err(other),
            }
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
