//! Fast failure while the database is down. When an answer says the
//! database is out of reach (503), the breaker opens: from then on, every
//! request that needs the database is answered 503 at once, without waiting
//! for a connection, and one background task probes the database every
//! [`PROBE_EVERY`]. When a probe succeeds the breaker closes and requests
//! reach the database again; no restart is needed. `/health/live`, the
//! OpenAPI document and Swagger UI never need the database and always pass.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::Duration;

use actix_web::body::{EitherBody, MessageBody};
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::middleware::Next;
use actix_web::{web, HttpResponse};
use sqlx::PgPool;

use crate::error::ApiError;

/// How often an open breaker asks the database whether it is back.
pub const PROBE_EVERY: Duration = Duration::from_millis(100);

/// How long a probe may wait for the database.
const PROBE_TIMEOUT: Duration = Duration::from_millis(500);

/// Whether the database is known to be out of reach, shared by the workers
/// of one server.
#[derive(Clone)]
pub struct Breaker {
    open: Arc<AtomicBool>,
    pool: PgPool,
}

impl Breaker {
    pub fn new(pool: PgPool) -> Self {
        Breaker {
            open: Arc::new(AtomicBool::new(false)),
            pool,
        }
    }

    pub fn is_open(&self) -> bool {
        self.open.load(Ordering::Acquire)
    }

    /// Opens the breaker, and starts the probe unless one is running.
    fn trip(&self) {
        if self.open.swap(true, Ordering::AcqRel) {
            return;
        }
        tracing::warn!("the database is out of reach; answering 503 until it is back");
        let breaker = self.clone();
        actix_web::rt::spawn(async move { breaker.probe_until_back().await });
    }

    async fn probe_until_back(self) {
        let mut every = tokio::time::interval(PROBE_EVERY);
        loop {
            every.tick().await;
            let probe = sqlx::query("select 1").execute(&self.pool);
            if let Ok(Ok(_)) = tokio::time::timeout(PROBE_TIMEOUT, probe).await {
                self.open.store(false, Ordering::Release);
                tracing::info!("the database is back");
                return;
            }
        }
    }
}

/// Whether answering `path` needs the database.
fn needs_database(path: &str) -> bool {
    path.starts_with("/v1/") || path == "/health/ready"
}

/// The middleware: refuses at once while the breaker is open, and opens it
/// when an answer says the database is out of reach.
pub async fn fail_fast<B: MessageBody + 'static>(
    req: ServiceRequest,
    next: Next<B>,
) -> Result<ServiceResponse<EitherBody<B>>, actix_web::Error> {
    let breaker = req.app_data::<web::Data<Breaker>>().cloned();
    let Some(breaker) = breaker.filter(|_| needs_database(req.path())) else {
        return Ok(next.call(req).await?.map_into_left_body());
    };
    if breaker.is_open() {
        let refused = HttpResponse::from_error(ApiError::DatabaseDown);
        return Ok(req.into_response(refused).map_into_right_body());
    }
    let response = next.call(req).await?;
    let unreachable = response
        .response()
        .error()
        .and_then(|error| error.as_error::<ApiError>())
        .is_some_and(|error| matches!(error, ApiError::Unavailable(_) | ApiError::DatabaseDown));
    if unreachable {
        breaker.trip();
    }
    Ok(response.map_into_left_body())
}
