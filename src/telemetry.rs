//! Structured logs through `tracing`: human-readable text or JSON lines.

use tracing_subscriber::{fmt, prelude::*, EnvFilter};

use crate::settings::LogFormat;

/// Installs the global subscriber, writing to stderr (stdout is for command
/// output such as a minted token). `RUST_LOG` filters (default `default_filter`: `info` for the server, `warn`
/// for commands). PostgreSQL's notices (such as "relation already exists,
/// skipping" from the migrations at every start) are shown only as warnings
/// and worse, unless `RUST_LOG` asks for them.
pub fn init(format: LogFormat, default_filter: &str) {
    let filter = EnvFilter::try_from_default_env().unwrap_or_else(|_| {
        EnvFilter::new(format!("{default_filter},sqlx::postgres::notice=warn"))
    });
    let registry = tracing_subscriber::registry().with(filter);
    match format {
        LogFormat::Json => registry
            .with(
                fmt::layer()
                    .with_writer(std::io::stderr)
                    .json()
                    .flatten_event(true)
                    .with_current_span(true),
            )
            .init(),
        LogFormat::Text => registry
            .with(fmt::layer().with_writer(std::io::stderr))
            .init(),
    }
}
