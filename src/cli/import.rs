//! `registry import myndighetsdata|regeringsuppdrag`: the national data,
//! from the files the operator names.

use std::path::Path;

use anyhow::Context;

use super::{open_database, Purpose};
use crate::import;
use crate::settings::Settings;

pub(crate) const IMPORT_USAGE: &str = "usage:
  registry import myndighetsdata <dir> [--as-of YYYY-MM-DD]
  registry import regeringsuppdrag <file.jsonl> [--dry-run] [--keep SLUG]... [--replace SLUG]...

The first imports a snapshot of Myndighetsdata (sfs.json, scb.json, stkt.json,
esv.json, wd.json, matchlist.csv; SOURCE.md dates it unless --as-of does). The
second imports the government's assignments, one JSON object a line (page,
year, month, title, text), to the agencies already imported; --dry-run prints
what it would do and writes nothing. An assignment changed through the API
that the file reads otherwise is kept as it is and listed; once compared,
--keep SLUG leaves it and stops listing it, --replace SLUG rewrites it from
the file (the change log keeps what was written through the API).";

/// What to import, from where.
enum Import<'a> {
    Myndighetsdata {
        dir: &'a str,
        as_of: Option<chrono::NaiveDate>,
    },
    Regeringsuppdrag {
        file: &'a str,
        decisions: import::Decisions,
        dry_run: bool,
    },
}

/// `registry import myndighetsdata <dir> [--as-of YYYY-MM-DD]`,
/// `registry import regeringsuppdrag <file> [--dry-run] [--keep SLUG]…
/// [--replace SLUG]…`.
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
        [dataset, file, options @ ..] if dataset == "regeringsuppdrag" => {
            assignment_options(file, options)?
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
        Import::Regeringsuppdrag {
            file,
            ref decisions,
            dry_run,
        } => import::regeringsuppdrag_from(&pool, Path::new(file), decisions, dry_run)
            .await
            .map(|summary| summary.to_string()),
    };
    pool.close().await;
    print!("{}", summary?);
    if let Import::Regeringsuppdrag { dry_run: true, .. } = wanted {
        println!("(a dry run: nothing was written)");
    }
    println!("took {:.1} s", started.elapsed().as_secs_f64());
    Ok(())
}

/// The options of `registry import regeringsuppdrag <file>`, in any order:
/// `--dry-run`, and `--keep SLUG` and `--replace SLUG` as often as needed
/// (a slug named by both is refused).
fn assignment_options<'a>(file: &'a str, options: &[String]) -> anyhow::Result<Import<'a>> {
    let mut decisions = import::Decisions::default();
    let mut dry_run = false;
    let mut options = options.iter();
    while let Some(option) = options.next() {
        let decided = match option.as_str() {
            "--dry-run" => {
                dry_run = true;
                continue;
            }
            "--keep" => &mut decisions.keep,
            "--replace" => &mut decisions.replace,
            _ => anyhow::bail!("{IMPORT_USAGE}"),
        };
        let Some(slug) = options.next().filter(|slug| !slug.starts_with("--")) else {
            anyhow::bail!("{option} takes the slug of an assignment\n\n{IMPORT_USAGE}");
        };
        decided.insert(slug.clone());
    }
    if let Some(both) = decisions.keep.intersection(&decisions.replace).next() {
        anyhow::bail!("'{both}' is named by both --keep and --replace: say one");
    }
    Ok(Import::Regeringsuppdrag {
        file,
        decisions,
        dry_run,
    })
}
