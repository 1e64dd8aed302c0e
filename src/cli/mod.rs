//! The command line. With no command, `registry` serves the API (starting a
//! private PostgreSQL first when `DATABASE_URL` is not set); the commands
//! are the operator's, one module each:
//!
//! - `registry openapi` prints the OpenAPI document;
//! - `registry token …` mints, lists and revokes write tokens ([`token`]);
//! - `registry import …` imports the national data ([`import`]);
//! - `registry export <dataset>` writes a dataset as CSV, NDJSON or JSON-LD
//!   ([`export`]);
//! - `registry generate …` fills the database with synthetic data for
//!   benchmarks ([`generate`]);
//! - `registry help` prints how to use them.

pub mod export;
pub mod generate;
pub mod import;
pub mod token;

use std::io::Write;

use anyhow::Context;

use crate::db::{self, ReadPool};
use crate::embedded_postgres::{EmbeddedPostgres, OnExit, OWNER};
use crate::settings::Settings;
use crate::startup::{self, Application};
use crate::{openapi, telemetry};

/// Runs what the command line `arguments` (without the program's name) ask.
pub async fn run(arguments: &[String]) -> anyhow::Result<()> {
    let Some((command, arguments)) = arguments.split_first() else {
        let settings = Settings::from_env()?;
        telemetry::init(settings.log_format, "info");
        return serve(&settings).await;
    };
    let ran = if command == "openapi" {
        std::io::stdout()
            .write_all(openapi::document().as_bytes())
            .map_err(anyhow::Error::from)
    } else if matches!(command.as_str(), "help" | "--help" | "-h") {
        println!("{}", usage());
        Ok(())
    } else if let Some(usage) = asks_for_help(arguments)
        .then(|| command_usage(command))
        .flatten()
    {
        // `registry generate --help`: the command's usage, before any
        // database is opened.
        println!("{usage}");
        Ok(())
    } else {
        run_command(command, arguments).await
    };
    match ran {
        // A reader that stops early (`registry export agencies | head`) is
        // not an error: the command stops, as cat and grep do.
        Err(error) if broken_pipe(&error) => Ok(()),
        ran => ran,
    }
}

/// Whether a command's `arguments` ask for its usage: `--help` or `-h`
/// anywhere but as the value of an option (`token mint --name -h` names a
/// token "-h"). Every option of the commands takes a value but `--dry-run`.
fn asks_for_help(arguments: &[String]) -> bool {
    let takes_value = |option: &String| option.starts_with("--") && option != "--dry-run";
    arguments.iter().enumerate().any(|(at, argument)| {
        matches!(argument.as_str(), "--help" | "-h")
            && (at == 0 || !takes_value(&arguments[at - 1]))
    })
}

fn broken_pipe(error: &anyhow::Error) -> bool {
    error.chain().any(|cause| {
        cause
            .downcast_ref::<std::io::Error>()
            .is_some_and(|error| error.kind() == std::io::ErrorKind::BrokenPipe)
    })
}

/// How to use `command`, for the operator's commands.
fn command_usage(command: &str) -> Option<&'static str> {
    match command {
        "token" => Some(token::TOKEN_USAGE),
        "import" => Some(import::IMPORT_USAGE),
        "export" => Some(export::EXPORT_USAGE),
        "generate" => Some(generate::GENERATE_USAGE),
        _ => None,
    }
}

/// One of the operator's commands.
async fn run_command(command: &str, arguments: &[String]) -> anyhow::Result<()> {
    let settings = Settings::from_env()?;
    telemetry::init(settings.log_format, "warn");
    match command {
        "token" => token::run(&settings, arguments).await,
        "import" => import::run(&settings, arguments).await,
        "export" => export::run(&settings, arguments).await,
        "generate" => generate::run(&settings, arguments).await,
        unknown => anyhow::bail!(
            "unknown command '{unknown}'; commands: openapi, token, import, export, generate, help (or none, to serve)"
        ),
    }
}

/// What `registry help` prints: how to serve, and each command's usage.
fn usage() -> String {
    let commands = ["token", "import", "export", "generate"]
        .map(|command| command_usage(command).unwrap_or_default())
        .map(|usage| usage.trim_start_matches("usage:\n"));
    format!(
        "The registry of public responsibilities.

usage:
  registry
  registry openapi
{}

With no command, serves the API on HOST:PORT (127.0.0.1:8080), on the
PostgreSQL that DATABASE_URL names or, without it, on a private one it starts
itself, with the example and national data loaded; README.md's
configuration table lists every setting. `registry openapi` prints the
OpenAPI document.",
        commands.join("\n\n")
    )
}

/// Serves the API until SIGINT or SIGTERM, then stops the private
/// PostgreSQL if it started one.
async fn serve(settings: &Settings) -> anyhow::Result<()> {
    let (pool, embedded) = open_database(settings, Purpose::Serve).await?;
    let reads = match &settings.database_read_url {
        None => ReadPool::primary(&pool),
        Some(url) => ReadPool {
            pool: db::connect(url.expose(), settings.database_max_connections.get())
                .await
                .context("cannot connect to the read replica (DATABASE_READ_URL)")?,
            replica: true,
        },
    };
    let application =
        Application::build_with_reads(settings, pool.clone(), reads).with_context(|| {
            format!(
                "cannot listen on {}:{} (HOST, PORT)",
                settings.host, settings.port
            )
        })?;
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

/// What the database is opened for.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Purpose {
    /// The API: its pool, and a private cluster it starts and keeps.
    Serve,
    /// A command: two connections, to the running API's private cluster
    /// if it runs.
    Command,
}

/// A pool on `DATABASE_URL`, or on the private PostgreSQL; migrated and
/// loaded as at start-up.
pub async fn open_database(
    settings: &Settings,
    purpose: Purpose,
) -> anyhow::Result<(sqlx::PgPool, Option<EmbeddedPostgres>)> {
    let (database_url, embedded) = match &settings.database_url {
        Some(url) => (url.expose().to_owned(), None),
        None => {
            let folder = settings.data_dir.join("postgres");
            let postgres = match purpose {
                Purpose::Serve => EmbeddedPostgres::start(&folder, OnExit::Keep),
                Purpose::Command => EmbeddedPostgres::attach_or_start(&folder),
            }
            .with_context(|| {
                format!(
                    "could not start the private PostgreSQL in {}",
                    folder.display()
                )
            })?;
            db::ensure_database(&postgres.admin_url("postgres"), "registry", OWNER).await?;
            (postgres.url("registry"), Some(postgres))
        }
    };
    let connections = match purpose {
        Purpose::Serve => settings.database_max_connections.get(),
        Purpose::Command => 2,
    };
    let pool = db::connect(&database_url, connections)
        .await
        .context("cannot connect to PostgreSQL")?;
    startup::prepare_database(
        &pool,
        settings.load_example_data,
        settings.load_national_data,
    )
    .await
    .context("cannot prepare the database")?;
    Ok((pool, embedded))
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
