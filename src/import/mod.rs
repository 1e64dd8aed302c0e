//! Imports of public data: `registry import myndighetsdata <dir>`, and the
//! same snapshot, carried in the repository (`data/`), at start-up.
//!
//! An import reads and merges everything before it writes, so a malformed
//! file is reported (naming file and entry) with nothing written; then it
//! writes in one transaction, under the lock every write takes, through the
//! change log like any write.

pub mod myndighetsdata;

use std::fmt;
use std::path::Path;

use anyhow::Context;
use chrono::NaiveDate;
use indicatif::{ProgressBar, ProgressStyle};
use sqlx::PgPool;

use myndighetsdata::apply::{self, SnapshotSource, Summary};
use myndighetsdata::files::{FileError, Files};

/// The snapshot the repository carries, loaded at start-up.
const CARRIED: [(&str, &str); 7] = [
    (
        "sfs.json",
        include_str!("../../data/myndighetsdata/sfs.json"),
    ),
    (
        "scb.json",
        include_str!("../../data/myndighetsdata/scb.json"),
    ),
    (
        "stkt.json",
        include_str!("../../data/myndighetsdata/stkt.json"),
    ),
    (
        "esv.json",
        include_str!("../../data/myndighetsdata/esv.json"),
    ),
    ("wd.json", include_str!("../../data/myndighetsdata/wd.json")),
    (
        "matchlist.csv",
        include_str!("../../data/myndighetsdata/matchlist.csv"),
    ),
    (
        "SOURCE.md",
        include_str!("../../data/myndighetsdata/SOURCE.md"),
    ),
];

/// The day a snapshot was taken, as its `SOURCE.md` says ("snapshot
/// 2026-01-02").
fn snapshot_date(source_md: &str) -> Option<NaiveDate> {
    source_md.match_indices("snapshot ").find_map(|(at, word)| {
        let rest = &source_md[at + word.len()..];
        NaiveDate::parse_from_str(rest.get(..10)?, "%Y-%m-%d").ok()
    })
}

fn source_for(date: NaiveDate) -> SnapshotSource {
    SnapshotSource {
        slug: format!("myndighetsdata-{date}"),
        title: format!("Myndighetsdata: Swedish government agencies, snapshot {date}"),
        published_on: date,
        note: "Myndighetsdata (Civic Tech Sweden), compiled from SCB, Statskontoret, ESV, \
               Regeringskansliet's SFS and Wikidata (CC0)."
            .to_owned(),
    }
}

impl fmt::Display for Summary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "agencies: {} created, {} updated, {} unchanged; {} lineage links, {} contact points in the snapshot",
            self.created, self.updated, self.unchanged, self.lineage_links, self.contact_points
        )?;
        writeln!(f, "skipped ({}):", self.skipped.len())?;
        for reason in &self.skipped {
            writeln!(f, "  - {reason}")?;
        }
        writeln!(
            f,
            "conflicts resolved by precedence ({}):",
            self.conflicts.len()
        )?;
        for conflict in &self.conflicts {
            writeln!(f, "  - {conflict}")?;
        }
        Ok(())
    }
}

/// `registry import myndighetsdata <dir>`: the snapshot in `dir` (its
/// `SOURCE.md` dates it, unless `as_of` does).
pub async fn myndighetsdata_from(
    pool: &PgPool,
    dir: &Path,
    as_of: Option<NaiveDate>,
) -> anyhow::Result<Summary> {
    let read = |name: &str| {
        std::fs::read_to_string(dir.join(name)).map_err(|error| FileError::File {
            file: name.to_owned(),
            message: format!("cannot read {}: {error}", dir.join(name).display()),
        })
    };
    let date = match as_of {
        Some(date) => date,
        None => read("SOURCE.md")
            .ok()
            .as_deref()
            .and_then(snapshot_date)
            .context(
                "the snapshot's date: SOURCE.md does not say \"snapshot YYYY-MM-DD\"; pass --as-of",
            )?,
    };
    let files = Files::parse(read)?;
    import(pool, &files, date, true).await
}

/// At start-up: the carried snapshot, unless it is loaded already.
pub async fn load_carried(pool: &PgPool) -> anyhow::Result<Option<Summary>> {
    let text = |name: &str| {
        CARRIED
            .iter()
            .find(|(file, _)| *file == name)
            .map(|(_, text)| *text)
    };
    let date = text("SOURCE.md")
        .and_then(snapshot_date)
        .context("the carried SOURCE.md dates its snapshot")?;
    let loaded = sqlx::query_scalar!(
        r#"select exists (select 1 from sources where slug = $1) as "loaded!""#,
        source_for(date).slug
    )
    .fetch_one(pool)
    .await?;
    if loaded {
        return Ok(None);
    }
    let files = Files::parse(|name| {
        text(name)
            .map(str::to_owned)
            .ok_or_else(|| FileError::File {
                file: name.to_owned(),
                message: "not carried".to_owned(),
            })
    })?;
    let summary = import(pool, &files, date, false).await?;
    tracing::info!(
        created = summary.created,
        updated = summary.updated,
        skipped = summary.skipped.len(),
        conflicts = summary.conflicts.len(),
        "loaded the national agency registers"
    );
    Ok(Some(summary))
}

async fn import(
    pool: &PgPool,
    files: &Files,
    date: NaiveDate,
    show_progress: bool,
) -> anyhow::Result<Summary> {
    let counties: Vec<(String, String)> =
        sqlx::query!("select code, name_sv from counties order by code")
            .fetch_all(pool)
            .await?
            .into_iter()
            .map(|row| (row.code, row.name_sv))
            .collect();
    let snapshot = myndighetsdata::merge::merge(files, &counties);
    let bar = if show_progress {
        ProgressBar::new(snapshot.agencies.len() as u64)
    } else {
        ProgressBar::hidden()
    };
    bar.set_style(
        ProgressStyle::with_template("{msg} [{bar:40}] {pos}/{len} agencies")
            .expect("a valid template")
            .progress_chars("=> "),
    );
    bar.set_message("importing");
    let mut tx = pool.begin().await?;
    sqlx::query!("select pg_advisory_xact_lock(hashtext('registry: writes'))")
        .execute(&mut *tx)
        .await?;
    let summary = apply::apply(&mut tx, &snapshot, &source_for(date), &|| bar.inc(1)).await?;
    tx.commit().await?;
    // Hundreds of new rows: the planner needs statistics before autovacuum
    // would get round to it, or searches plan as if the tables were empty.
    sqlx::query!(
        "analyze agencies, agency_names, agency_aliases, agency_identifiers, agency_lineage, contact_points"
    )
    .execute(pool)
    .await?;
    bar.finish_and_clear();
    Ok(summary)
}
