//! Starts the API. With no `DATABASE_URL`, it starts a private PostgreSQL
//! first. `registry openapi` prints the OpenAPI document instead;
//! `registry token …` mints, lists and revokes write tokens; `registry
//! import myndighetsdata <dir>` imports a snapshot of the agency registers;
//! `registry export <dataset>` writes a dataset as CSV or NDJSON;
//! `registry generate …` fills the database with synthetic data for
//! benchmarks.

use anyhow::Context;
use registry::auth::{self, Scope};
use registry::db::{self, ReadPool};
use registry::embedded_postgres::{EmbeddedPostgres, OnExit, OWNER};
use registry::generate::{self, Sizes};
use registry::settings::Settings;
use registry::startup::Application;
use registry::{import, openapi, telemetry};

const TOKEN_USAGE: &str = "usage:
  registry token mint --name <who> --scope write --agency <slug> [--agency <slug> ...] [--expires-in 90d]
  registry token mint --name <who> --scope admin [--expires-in 90d]
  registry token list
  registry token revoke <token id>

A write token acts for the agencies it names; an admin token is a registrar's, for all.";

const IMPORT_USAGE: &str = "usage:
  registry import myndighetsdata <dir> [--as-of YYYY-MM-DD]
  registry import regeringsuppdrag <file.jsonl> [--dry-run]

The first imports a snapshot of Myndighetsdata (sfs.json, scb.json, stkt.json,
esv.json, wd.json, matchlist.csv; SOURCE.md dates it unless --as-of does). The
second imports the government's assignments, one JSON object a line (page,
year, month, title, text), to the agencies already imported; --dry-run prints
what it would do and writes nothing.";

const GENERATE_USAGE: &str = "usage:
  registry generate --agencies N --assignments M --holdings K [--seed 0-9]

Adds synthetic agencies, assignments in portfolios that move together, and
about K holdings with transfers, names, contact points and lineage (slugs
'g<seed>-…', source 'generated-<seed>'), for benchmarks at scale. Seed 1
unless given; a seed already in the database is refused.";

const EXPORT_USAGE: &str = "usage:
  registry export <dataset> [--format csv|ndjson|jsonld] [--at YYYY-MM-DD] [--output FILE]
                           [--base URL]

Writes every row of a dataset (agencies, assignments, holdings, contact-points)
as GET /v1/exports/<dataset> answers it: names, titles, status and holders as
on --at (default today), as CSV (the default), NDJSON or one JSON-LD document
whose nodes are named under --base (default http://127.0.0.1:8080, where the
API serves them), to standard output or FILE, with a progress bar on a
terminal.";

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    if std::env::args().nth(1).as_deref() == Some("openapi") {
        print!("{}", openapi::document());
        return Ok(());
    }

    let settings = Settings::from_env()?;
    let arguments: Vec<String> = std::env::args().skip(1).collect();
    if arguments.first().map(String::as_str) == Some("token") {
        telemetry::init(settings.log_format, "warn");
        return token_command(&settings, &arguments[1..]).await;
    }
    if arguments.first().map(String::as_str) == Some("import") {
        telemetry::init(settings.log_format, "warn");
        return import_command(&settings, &arguments[1..]).await;
    }
    if arguments.first().map(String::as_str) == Some("export") {
        telemetry::init(settings.log_format, "warn");
        return export_command(&settings, &arguments[1..]).await;
    }
    if arguments.first().map(String::as_str) == Some("generate") {
        telemetry::init(settings.log_format, "warn");
        return generate_command(&settings, &arguments[1..]).await;
    }
    telemetry::init(settings.log_format, "info");
    if let Some(unknown) = arguments.first() {
        anyhow::bail!(
            "unknown command '{unknown}'; commands: openapi, token, import, export, generate (or none, to serve)"
        );
    }

    let (pool, embedded) = open_database(&settings, Purpose::Serve).await?;

    let reads = match &settings.database_read_url {
        None => ReadPool::primary(&pool),
        Some(url) => ReadPool {
            pool: db::connect(url.expose(), settings.database_max_connections)
                .await
                .context("cannot connect to the read replica (DATABASE_READ_URL)")?,
            replica: true,
        },
    };
    let application = Application::build_with_reads(&settings, pool.clone(), reads)?;
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
enum Purpose {
    /// The API: its pool, and a private cluster it starts and keeps.
    Serve,
    /// A command: two connections, to the running API's private cluster
    /// if it runs.
    Command,
}

/// A pool on `DATABASE_URL`, or on the private PostgreSQL; migrated and
/// loaded as at start-up.
async fn open_database(
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
        Purpose::Serve => settings.database_max_connections,
        Purpose::Command => 2,
    };
    let pool = db::connect(&database_url, connections)
        .await
        .context("cannot connect to PostgreSQL")?;
    db::prepare(
        &pool,
        settings.load_example_data,
        settings.load_national_data,
    )
    .await
    .context("cannot prepare the database")?;
    Ok((pool, embedded))
}

/// `registry import myndighetsdata <dir> [--as-of YYYY-MM-DD]`,
/// `registry import regeringsuppdrag <file> [--dry-run]`.
async fn import_command(settings: &Settings, arguments: &[String]) -> anyhow::Result<()> {
    if arguments.first().map(String::as_str) == Some("regeringsuppdrag") {
        let (file, dry_run) = match &arguments[1..] {
            [file] => (file, false),
            [file, flag] if flag == "--dry-run" => (file, true),
            _ => anyhow::bail!("{IMPORT_USAGE}"),
        };
        let (pool, _embedded) = open_database(settings, Purpose::Command).await?;
        let started = std::time::Instant::now();
        let result =
            import::regeringsuppdrag_from(&pool, std::path::Path::new(file), dry_run).await;
        pool.close().await;
        let summary = result?;
        print!("{summary}");
        if dry_run {
            println!("(a dry run: nothing was written)");
        }
        println!("took {:.1} s", started.elapsed().as_secs_f64());
        return Ok(());
    }
    let (dir, as_of) = match arguments {
        [dataset, dir] if dataset == "myndighetsdata" => (dir, None),
        [dataset, dir, flag, date] if dataset == "myndighetsdata" && flag == "--as-of" => {
            let date = chrono::NaiveDate::parse_from_str(date, "%Y-%m-%d")
                .context("--as-of takes a date, YYYY-MM-DD")?;
            (dir, Some(date))
        }
        _ => anyhow::bail!("{IMPORT_USAGE}"),
    };
    let (pool, _embedded) = open_database(settings, Purpose::Command).await?;
    let started = std::time::Instant::now();
    let result = import::myndighetsdata_from(&pool, std::path::Path::new(dir), as_of).await;
    pool.close().await;
    let summary = result?;
    print!("{summary}");
    println!("took {:.1} s", started.elapsed().as_secs_f64());
    Ok(())
}

/// `registry generate --agencies N --assignments M --holdings K [--seed S]`.
async fn generate_command(settings: &Settings, arguments: &[String]) -> anyhow::Result<()> {
    let mut sizes = Sizes {
        agencies: 0,
        assignments: 0,
        holdings: 0,
        seed: 1,
    };
    let mut given = 0;
    let mut rest = arguments.iter();
    while let Some(flag) = rest.next() {
        let value: u32 = rest
            .next()
            .and_then(|value| value.replace(['_', ','], "").parse().ok())
            .with_context(|| format!("{flag} takes a number\n{GENERATE_USAGE}"))?;
        match flag.as_str() {
            "--agencies" => sizes.agencies = value,
            "--assignments" => sizes.assignments = value,
            "--holdings" => sizes.holdings = value,
            "--seed" => {
                sizes.seed = value;
                continue;
            }
            _ => anyhow::bail!("unknown option {flag}\n{GENERATE_USAGE}"),
        }
        given += 1;
    }
    if given < 3 {
        anyhow::bail!("{GENERATE_USAGE}");
    }
    sizes
        .check()
        .map_err(|problem| anyhow::anyhow!("{problem}\n{GENERATE_USAGE}"))?;
    let (pool, _embedded) = open_database(settings, Purpose::Command).await?;
    let result = generate::generate(&pool, sizes, |step, elapsed| {
        eprintln!("{:>8.1} s  {step}", elapsed.as_secs_f64());
    })
    .await;
    pool.close().await;
    print!("{}", result?);
    Ok(())
}

/// `registry export <dataset> [--format csv|ndjson|jsonld] [--at DATE] [--output FILE] [--base URL]`.
async fn export_command(settings: &Settings, arguments: &[String]) -> anyhow::Result<()> {
    use registry::formats::linked_data::Names;
    use registry::formats::table::{Counted, Encoding, Table, WriteSink};
    use registry::views::exports::{self, Dataset};
    let (name, options) = arguments.split_first().context(EXPORT_USAGE)?;
    let dataset =
        Dataset::parse(name).with_context(|| format!("no dataset '{name}'\n{EXPORT_USAGE}"))?;
    let (mut format, mut at, mut output) = ("csv", None, None);
    let mut base = "http://127.0.0.1:8080".to_owned();
    let mut rest = options.iter();
    while let Some(flag) = rest.next() {
        let value = rest
            .next()
            .with_context(|| format!("{flag} needs a value\n{EXPORT_USAGE}"))?;
        match (flag.as_str(), value.as_str()) {
            ("--format", "csv" | "ndjson" | "jsonld") => format = value.as_str(),
            ("--base", url) => base = url.trim_end_matches('/').to_owned(),
            ("--at", day) => at = Some(chrono::NaiveDate::parse_from_str(day, "%Y-%m-%d")?),
            ("--output", file) => output = Some(std::fs::File::create(file)?),
            _ => anyhow::bail!("unknown option {flag} {value}\n{EXPORT_USAGE}"),
        }
    }
    let encoding = match format {
        "ndjson" => Encoding::Ndjson,
        "jsonld" => Encoding::JsonLd(Names { base }),
        _ => Encoding::Csv,
    };
    let at = at.unwrap_or_else(registry::domain::today_in_stockholm);
    let (pool, _embedded) = open_database(settings, Purpose::Command).await?;
    let mut conn = pool.acquire().await?;
    let total = exports::count(&mut conn, dataset).await?;
    let progress = indicatif::ProgressBar::new(u64::try_from(total).unwrap_or(0));
    let sink: Box<dyn std::io::Write + Send> = match output {
        Some(file) => Box::new(std::io::BufWriter::new(file)),
        None => Box::new(std::io::BufWriter::new(std::io::stdout())),
    };
    let mut table = Table::new(encoding, WriteSink(sink));
    let mut counted = Counted {
        rows: &mut table,
        progress: &progress,
    };
    let written = exports::export(&mut conn, dataset, at, &mut counted).await;
    progress.finish_and_clear();
    written?;
    table.finish().await?.0.flush()?;
    drop(conn);
    pool.close().await;
    Ok(())
}

/// `registry token …`.
async fn token_command(settings: &Settings, arguments: &[String]) -> anyhow::Result<()> {
    let (pool, _embedded) = open_database(settings, Purpose::Command).await?;
    let result = match arguments.first().map(String::as_str) {
        Some("mint") => {
            let mut name = None;
            let mut scopes = Vec::new();
            let mut agencies = Vec::new();
            let mut expires_in = None;
            let mut rest = arguments[1..].iter();
            while let Some(flag) = rest.next() {
                let value = rest
                    .next()
                    .with_context(|| format!("{flag} needs a value\n{TOKEN_USAGE}"))?;
                match flag.as_str() {
                    "--name" => name = Some(value.clone()),
                    "--scope" => scopes.push(Scope::parse(value).map_err(anyhow::Error::msg)?),
                    "--agency" => agencies.push(value.clone()),
                    "--expires-in" => {
                        expires_in = Some(auth::parse_lifetime(value).map_err(anyhow::Error::msg)?)
                    }
                    _ => anyhow::bail!("unknown option {flag}\n{TOKEN_USAGE}"),
                }
            }
            let name = name.with_context(|| format!("--name is required\n{TOKEN_USAGE}"))?;
            let new = auth::NewToken {
                name: &name,
                scopes: &scopes,
                agencies: &agencies,
                expires_in,
            };
            let minted = auth::mint(&pool, &new).await?;
            eprintln!(
                "Minted token {} for '{name}'. It is shown only now; keep it secret:",
                minted.id
            );
            println!("{}", minted.token);
            Ok(())
        }
        Some("list") => {
            for token in auth::list(&pool).await? {
                let state = match (token.revoked_at, token.expires_at) {
                    (Some(at), _) => format!("revoked {at}"),
                    (None, Some(at)) => format!("expires {at}"),
                    (None, None) => "live".to_owned(),
                };
                let used = token
                    .last_used_at
                    .map_or("never used".to_owned(), |at| format!("last used {at}"));
                println!(
                    "{}\t{}\t{}\t{}\tcreated {}\t{state}\t{used}",
                    token.id,
                    token.name,
                    token.scopes.join(","),
                    token.agencies.join(","),
                    token.created_at
                );
            }
            Ok(())
        }
        Some("revoke") => {
            let id = arguments.get(1).with_context(|| TOKEN_USAGE.to_owned())?;
            let id = uuid::Uuid::try_parse(id)
                .context("a token id is a UUID (see `registry token list`)")?;
            if auth::revoke(&pool, id).await? {
                println!("revoked {id}");
                Ok(())
            } else {
                Err(anyhow::anyhow!("no live token {id}"))
            }
        }
        _ => Err(anyhow::anyhow!("{TOKEN_USAGE}")),
    };
    pool.close().await;
    result
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
