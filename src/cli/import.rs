//! `registry import myndighetsdata|regeringsuppdrag`: the national data,
//! from the files the operator names.

use std::path::Path;

use anyhow::Context;

use super::{open_database, Purpose};
use crate::import;
use crate::settings::Settings;

pub(crate) const IMPORT_USAGE: &str = "usage:
  registry import myndighetsdata <dir> [--as-of YYYY-MM-DD]
  registry import regeringsuppdrag <file.jsonl> [--dry-run]

The first imports a snapshot of Myndighetsdata (sfs.json, scb.json, stkt.json,
esv.json, wd.json, matchlist.csv; SOURCE.md dates it unless --as-of does). The
second imports the government's assignments, one JSON object a line (page,
year, month, title, text), to the agencies already imported; --dry-run prints
what it would do and writes nothing.";

/// What to import, from where.
enum Import<'a> {
    Myndighetsdata {
        dir: &'a str,
        as_of: Option<chrono::NaiveDate>,
    },
    Regeringsuppdrag {
        file: &'a str,
        dry_run: bool,
    },
}

/// `registry import myndighetsdata <dir> [--as-of YYYY-MM-DD]`,
/// `registry import regeringsuppdrag <file> [--dry-run]`.
pub async fn run(settings: &Settings, arguments: &[String]) -> anyhow::Result<()> {
    let wanted = match arguments {
        [dataset, dir] if dataset == "myndighetsdata" => {
            Import::Myndighetsdata { dir, as_of: None }
        }
        [dataset, dir, flag, date] if dataset == "myndighetsdata" && flag == "--as-of" => {
            let as_of = chrono::NaiveDate::parse_from_str(date, "%Y-%m-%d")
                .context("--as-of takes a date, YYYY-MM-DD")?;
            Import::Myndighetsdata {
                dir,
                as_of: Some(as_of),
            }
        }
        [dataset, file] if dataset == "regeringsuppdrag" => Import::Regeringsuppdrag {
            file,
            dry_run: false,
        },
        [dataset, file, flag] if dataset == "regeringsuppdrag" && flag == "--dry-run" => {
            Import::Regeringsuppdrag {
                file,
                dry_run: true,
            }
        }
        _ => anyhow::bail!("{IMPORT_USAGE}"),
    };
    let (pool, _embedded) = open_database(settings, Purpose::Command).await?;
    let started = std::time::Instant::now();
    let summary = match wanted {
        Import::Myndighetsdata { dir, as_of } => {
            import::myndighetsdata_from(&pool, Path::new(dir), as_of)
                .await
                .map(|summary| summary.to_string())
        }
        Import::Regeringsuppdrag { file, dry_run } => {
            import::regeringsuppdrag_from(&pool, Path::new(file), dry_run)
                .await
                .map(|summary| summary.to_string())
        }
    };
    pool.close().await;
    print!("{}", summary?);
    if let Import::Regeringsuppdrag { dry_run: true, .. } = wanted {
        println!("(a dry run: nothing was written)");
    }
    println!("took {:.1} s", started.elapsed().as_secs_f64());
    Ok(())
}
