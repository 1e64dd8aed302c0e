//! `registry export <dataset>`: a whole dataset as CSV, NDJSON or JSON-LD,
//! as `GET /v1/exports/{dataset}` answers it.

use anyhow::Context;

use super::{open_database, Purpose};
use crate::formats::linked_data::Names;
use crate::formats::table::{Counted, Encoding, Table, WriteSink};
use crate::settings::Settings;
use crate::views::exports::{self, Dataset};

pub(crate) const EXPORT_USAGE: &str = "usage:
  registry export <dataset> [--format csv|ndjson|jsonld] [--at YYYY-MM-DD] [--output FILE]
                           [--base URL]

Writes every row of a dataset (agencies, assignments, holdings, contact-points,
lineage-links)
as GET /v1/exports/<dataset> answers it: names, titles, status and holders as
on --at (default today), as CSV (the default), NDJSON or one JSON-LD document
whose nodes are named under --base (default http://127.0.0.1:8080, where the
API serves them), to standard output or FILE, with a progress bar on a
terminal.";

/// `registry export <dataset> [--format csv|ndjson|jsonld] [--at DATE] [--output FILE] [--base URL]`.
pub async fn run(settings: &Settings, arguments: &[String]) -> anyhow::Result<()> {
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
            ("--format", other) => {
                anyhow::bail!("--format takes csv, ndjson or jsonld, not '{other}'")
            }
            ("--base", url) => base = url.trim_end_matches('/').to_owned(),
            ("--at", day) => {
                let day = chrono::NaiveDate::parse_from_str(day, "%Y-%m-%d")
                    .with_context(|| format!("--at takes a date, YYYY-MM-DD, not '{day}'"))?;
                at = Some(day);
            }
            ("--output", file) => {
                let file = std::fs::File::create(file)
                    .with_context(|| format!("--output: cannot write {file}"))?;
                output = Some(file);
            }
            _ => anyhow::bail!("unknown option {flag} {value}\n{EXPORT_USAGE}"),
        }
    }
    let encoding = match format {
        "ndjson" => Encoding::Ndjson,
        "jsonld" => Encoding::JsonLd(Names { base }),
        _ => Encoding::Csv,
    };
    let at = at.unwrap_or_else(crate::domain::today_in_stockholm);
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
