//! Builds the HTTP server: middleware, routes, the OpenAPI document and
//! Swagger UI. It binds its own listener, so tests can start it on port 0.
//! Before it serves, [`prepare_database`] migrates the database and loads
//! the data asked for.

use std::future::Future;
use std::net::TcpListener;

use actix_cors::Cors;
use actix_web::dev::{Server, Service};
use actix_web::http::header::{self, HeaderName, HeaderValue};
use actix_web::middleware::{from_fn, ErrorHandlers};
use actix_web::{web, App, HttpMessage, HttpResponse, HttpServer};
use sqlx::PgPool;
use tracing_actix_web::{RequestId, TracingLogger};
use utoipa::OpenApi;
use utoipa_swagger_ui::SwaggerUi;

use crate::data_version::{self, DataVersion};
use crate::db::{ReadPool, MIGRATOR};
use crate::http::auth::Failures;
use crate::http::body::MAX_BODY_BYTES;
use crate::http::breaker::{self, Breaker};
use crate::http::cache::{self, ResponseCache};
use crate::http::caching;
use crate::http::log::RequestLog;
use crate::http::negotiation;
use crate::http::problem::{problem_for_bare_errors, query_error};
use crate::http::utf8;
use crate::lookup;
use crate::openapi::ApiDoc;
use crate::routes;
use crate::settings::Settings;
use crate::writes::idempotency::forget_expired_keys;
use crate::{example_data, import};

/// Applies pending migrations, then loads the founding case and the
/// national data (the agency registers, then the government's
/// assignments), as asked, each once.
pub async fn prepare_database(
    pool: &PgPool,
    load_example_data: bool,
    load_national_data: bool,
) -> anyhow::Result<()> {
    MIGRATOR.run(pool).await?;
    if load_example_data {
        example_data::load(pool).await?;
    }
    if load_national_data {
        import::load_carried(pool).await?;
        import::load_carried_assignments(pool).await?;
    }
    Ok(())
}

/// How long requests in flight may take to finish once shutdown starts.
const SHUTDOWN_TIMEOUT_SECONDS: u64 = 10;

pub struct Application {
    port: u16,
    server: Server,
    pool: PgPool,
    reads: ReadPool,
    version: DataVersion,
}

impl Application {
    /// Binds `settings.host:settings.port` and prepares the server, reading
    /// from the primary.
    pub fn build(settings: &Settings, pool: PgPool) -> anyhow::Result<Self> {
        let reads = ReadPool::primary(&pool);
        Self::build_with_reads(settings, pool, reads)
    }

    /// As [`Self::build`], with reads of registry data going to `reads`.
    pub fn build_with_reads(
        settings: &Settings,
        pool: PgPool,
        reads: ReadPool,
    ) -> anyhow::Result<Self> {
        let listener = TcpListener::bind((settings.host.as_str(), settings.port))?;
        let port = listener.local_addr()?.port();
        let housekeeping_pool = pool.clone();
        let breaker = Breaker::new(pool.clone());
        let failures = web::Data::new(Failures::new(settings.auth_failures_per_minute));
        let version = DataVersion::new();
        let versions = web::Data::new(version.clone());
        let responses = web::Data::new(ResponseCache::new(settings.cache_max_bytes));
        let read_pool = web::Data::new(reads.clone());
        let public_base = settings.public_base_url.clone().map(web::Data::new);
        let openapi = ApiDoc::openapi();
        let server = HttpServer::new(move || {
            App::new()
                .wrap(from_fn(cache::respond))
                // Before the cache, whose keys are the parameters decoded
                // (lossily): a value that is not UTF-8 must not find the
                // answer of one that decodes alike.
                .wrap(from_fn(utf8::utf8_query_only))
                .wrap(from_fn(negotiation::acceptable_only))
                .wrap(from_fn(breaker::fail_fast))
                .wrap(from_fn(caching::cache_control))
                .wrap(ErrorHandlers::new().default_handler(problem_for_bare_errors))
                .wrap(
                    Cors::default()
                        .allow_any_origin()
                        .allowed_methods(["GET", "POST", "PATCH", "DELETE"])
                        .allow_any_header()
                        .expose_headers(["x-request-id", "etag", "location", "data-version"])
                        .max_age(3600),
                )
                .wrap_fn(|req, srv| {
                    let request_id = req.extensions().get::<RequestId>().copied();
                    let response = srv.call(req);
                    async move {
                        let mut response = response.await?;
                        if let Some(id) = request_id {
                            let value = HeaderValue::from_str(&id.to_string())
                                .expect("a UUID is a header value");
                            response
                                .headers_mut()
                                .insert(HeaderName::from_static("x-request-id"), value);
                        }
                        Ok(response)
                    }
                })
                .wrap(TracingLogger::<RequestLog>::new())
                .app_data(web::Data::new(pool.clone()))
                .app_data(web::Data::new(breaker.clone()))
                .app_data(failures.clone())
                .app_data(versions.clone())
                .app_data(responses.clone())
                .app_data(read_pool.clone())
                .app_data(web::QueryConfig::default().error_handler(query_error))
                .app_data(web::PayloadConfig::new(MAX_BODY_BYTES))
                .configure(|config| {
                    if let Some(base) = &public_base {
                        config.app_data(base.clone());
                    }
                })
                .configure(routes::configure)
                .configure(lookup::configure)
                .service(SwaggerUi::new("/docs/{_:.*}").url("/openapi.json", openapi.clone()))
                .service(web::resource("/docs").route(web::get().to(|| async {
                    HttpResponse::PermanentRedirect()
                        .insert_header((header::LOCATION, "/docs/"))
                        .finish()
                })))
        })
        .disable_signals()
        .shutdown_timeout(SHUTDOWN_TIMEOUT_SECONDS)
        .listen(listener)?
        .run();
        Ok(Application {
            port,
            server,
            pool: housekeeping_pool,
            reads,
            version,
        })
    }

    pub fn port(&self) -> u16 {
        self.port
    }

    /// Serves until `shutdown` completes, then stops accepting connections and
    /// lets requests in flight finish (for at most the shutdown timeout).
    pub async fn run_until_stopped(
        self,
        shutdown: impl Future<Output = ()>,
    ) -> std::io::Result<()> {
        let handle = self.server.handle();
        let server = self.server;
        tokio::pin!(server);
        tokio::select! {
            result = &mut server => result,
            () = housekeeping(self.pool.clone()) => unreachable!("housekeeping runs until stopped"),
            () = data_version::listen(self.pool, self.reads, self.version) => unreachable!("listens until stopped"),
            () = shutdown => {
                tracing::info!("shutting down; finishing requests in flight");
                // The server future runs the loop that carries out the stop:
                // poll both, or the stop waits for a loop nobody drives.
                let ((), result) = tokio::join!(handle.stop(true), server);
                result
            }
        }
    }
}

/// Work that keeps the database tidy without a request waiting for it:
/// every hour, forget the idempotency keys that have expired.
async fn housekeeping(pool: PgPool) {
    let mut every_hour = tokio::time::interval(std::time::Duration::from_secs(3600));
    loop {
        every_hour.tick().await;
        match forget_expired_keys(&pool).await {
            Ok(0) => {}
            Ok(forgotten) => tracing::info!(forgotten, "expired idempotency keys forgotten"),
            Err(error) => tracing::warn!(%error, "could not forget expired idempotency keys"),
        }
    }
}
