//! Starts the API. With no `DATABASE_URL`, it starts a private PostgreSQL
//! first. `registry openapi` prints the OpenAPI document instead.

use anyhow::Context;
use registry::embedded_postgres::{EmbeddedPostgres, OnExit};
use registry::settings::Settings;
use registry::startup::Application;
use registry::{db, openapi, telemetry};

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    if std::env::args().nth(1).as_deref() == Some("openapi") {
        print!("{}", openapi::document());
        return Ok(());
    }

    let settings = Settings::from_env()?;
    telemetry::init(settings.log_format);

    let (database_url, embedded) = match &settings.database_url {
        Some(url) => (url.expose().to_owned(), None),
        None => {
            let folder = settings.data_dir.join("postgres");
            let postgres = EmbeddedPostgres::start(&folder, OnExit::Keep).with_context(|| {
                format!(
                    "could not start the private PostgreSQL in {}",
                    folder.display()
                )
            })?;
            db::create_database_if_missing(&postgres.url("postgres"), "registry").await?;
            (postgres.url("registry"), Some(postgres))
        }
    };

    let pool = db::connect(&database_url, settings.database_max_connections)
        .await
        .context("cannot connect to PostgreSQL")?;
    db::prepare(&pool, settings.load_example_data)
        .await
        .context("cannot prepare the database")?;

    let application = Application::build(&settings, pool.clone())?;
    tracing::info!(
        "listening on http://{}:{}",
        settings.host,
        application.port()
    );
    application.run_until_stopped(shutdown_signal()).await?;

    pool.close().await;
    if let Some(postgres) = embedded {
        postgres.stop();
    }
    Ok(())
}

/// Completes on SIGINT (Ctrl-C) or SIGTERM.
async fn shutdown_signal() {
    let interrupt = tokio::signal::ctrl_c();
    let mut terminate = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())
        .expect("can listen for SIGTERM");
    tokio::select! {
        _ = interrupt => {}
        _ = terminate.recv() => {}
    }
}
