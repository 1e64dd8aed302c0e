//! Imports of public data: `registry import myndighetsdata <dir>` (the
//! agencies), `registry import regeringsuppdrag <file>` (the government's
//! assignments to them), and the same data, carried in the repository
//! (`data/`), at start-up.
//!
//! An import reads and merges everything before it writes, so a malformed
//! file is reported (naming file and entry) with nothing written; then it
//! writes in one transaction, under the lock every write takes, through the
//! change log like any write.

mod by_hand;
pub mod myndighetsdata;
pub mod names;
pub mod regeringsuppdrag;

use std::fmt;
use std::path::Path;

use anyhow::Context;
use chrono::NaiveDate;
use indicatif::{ProgressBar, ProgressStyle};
use sqlx::PgPool;

use crate::db;

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

/// A carried file of the agency registers.
fn carried(name: &str) -> Option<&'static str> {
    CARRIED
        .iter()
        .find(|(file, _)| *file == name)
        .map(|(_, text)| *text)
}

/// Every spelling of an agency's name the carried registers know
/// (`matchlist.csv`), with the official name it stands for.
pub fn carried_matchlist() -> Result<Vec<(String, String)>, FileError> {
    myndighetsdata::files::matchlist(carried("matchlist.csv").unwrap_or(""))
}

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
        list(f, "skipped", &self.skipped)?;
        list(f, "conflicts resolved by precedence", &self.conflicts)?;
        if !self.withdrawn.is_empty() {
            list(
                f,
                "withdrawn, from an earlier reading of this snapshot",
                &self.withdrawn,
            )?;
        }
        Ok(())
    }
}

/// A summary's list: its title and length, then an item a line.
fn list(f: &mut fmt::Formatter<'_>, title: &str, items: &[String]) -> fmt::Result {
    writeln!(f, "{title} ({}):", items.len())?;
    for item in items {
        writeln!(f, "  - {item}")?;
    }
    Ok(())
}

/// `registry import myndighetsdata <dir>`: the snapshot in `dir` (its
/// `SOURCE.md` dates it, unless `as_of` does).
pub async fn myndighetsdata_from(
    pool: &PgPool,
    dir: &Path,
    as_of: Option<NaiveDate>,
) -> anyhow::Result<Summary> {
    anyhow::ensure!(
        dir.is_dir(),
        "{}: there is no such folder (a snapshot is a folder of the registers' files)",
        dir.display()
    );
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

/// At start-up: the carried snapshot, unless it is loaded already. One
/// loaded before the registry kept agencies' instructions (migration 71)
/// left none: it is read again, which changes nothing else it wrote, unless
/// a newer snapshot has been imported since (whose next import lists them).
pub async fn load_carried(pool: &PgPool) -> anyhow::Result<Option<Summary>> {
    let text = carried;
    let date = text("SOURCE.md")
        .and_then(snapshot_date)
        .context("the carried SOURCE.md dates its snapshot")?;
    let loaded = sqlx::query_scalar!(
        r#"select exists (select 1 from sources where slug = $1)
                  and (exists (select 1 from agencies where instructions <> '{}')
                       or exists (select 1 from sources where slug like 'myndighetsdata-%' and slug > $1))
               as "loaded!""#,
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

/// The government assignments the repository carries, and the source that
/// marks them loaded.
const CARRIED_ASSIGNMENTS: &str =
    include_str!("../../data/regeringsuppdrag/regeringsuppdrag.jsonl");
const CARRIED_ASSIGNMENTS_SLUG: &str = "regeringsuppdrag-g0vse-2026-01-29";

/// At start-up, after the agencies: the carried government assignments,
/// unless they are loaded already.
pub async fn load_carried_assignments(pool: &PgPool) -> anyhow::Result<Option<AssignmentSummary>> {
    let loaded = sqlx::query_scalar!(
        r#"select exists (select 1 from sources where slug = $1) as "loaded!""#,
        CARRIED_ASSIGNMENTS_SLUG
    )
    .fetch_one(pool)
    .await?;
    if loaded {
        return Ok(None);
    }
    let items = regeringsuppdrag::files::parse("regeringsuppdrag.jsonl", CARRIED_ASSIGNMENTS)?;
    let marker = Some(CARRIED_ASSIGNMENTS_SLUG);
    let summary = assignments(pool, &items, false, marker, &Decisions::default(), false).await?;
    tracing::info!(
        items = summary.items,
        created = summary.created,
        resolved = summary.resolved,
        amendments_linked = summary.amendments_linked,
        "loaded the government assignments"
    );
    Ok(Some(summary))
}

/// `registry import regeringsuppdrag <file> [--dry-run] [--keep SLUG]…
/// [--replace SLUG]…`: the items in `file`, as `decisions` say of the
/// assignments changed through the API that it reads otherwise; with
/// `dry_run`, only the summary, nothing written.
pub async fn regeringsuppdrag_from(
    pool: &PgPool,
    file: &Path,
    decisions: &Decisions,
    dry_run: bool,
) -> anyhow::Result<AssignmentSummary> {
    let name = file.display().to_string();
    let text = std::fs::read_to_string(file).map_err(|error| FileError::File {
        file: name.clone(),
        message: format!("cannot read it: {error}"),
    })?;
    let items = regeringsuppdrag::files::parse(&name, &text)?;
    assignments(pool, &items, true, None, decisions, dry_run).await
}

pub use regeringsuppdrag::apply::{Decisions, Summary as AssignmentSummary};

/// Imports `items`, with a progress bar where `show_progress`, and marks
/// them loaded under the source `marker` where one is given.
async fn assignments(
    pool: &PgPool,
    items: &[regeringsuppdrag::files::Item],
    show_progress: bool,
    marker: Option<&str>,
    decisions: &Decisions,
    dry_run: bool,
) -> anyhow::Result<AssignmentSummary> {
    let bar = progress_bar(show_progress, 2 * items.len(), "");
    let mut tx = db::begin_writing(pool).await?;
    bar.set_message("reading");
    let matchlist = carried_matchlist()?;
    let directory = regeringsuppdrag::directory(&mut tx, &matchlist).await?;
    let (taken, existing) = regeringsuppdrag::slugs(&mut tx).await?;
    let plan = regeringsuppdrag::plan::plan(items, &directory, &taken, &existing, &|| bar.inc(1));
    bar.set_position(items.len() as u64);
    bar.set_length((items.len() + plan.assignments.len()) as u64);
    bar.set_message("writing");
    let summary =
        regeringsuppdrag::apply::apply(&mut tx, &plan, items, &directory, decisions, &|| {
            bar.inc(1)
        })
        .await?;
    if let Some(slug) = marker {
        sqlx::query!(
            "insert into sources (slug, title, publisher, published_on, url, language, note)
             values ($1, 'Regeringsuppdrag 2006–2026 as published on regeringen.se', 'Civic Tech Sweden (g0vse)',
                     '2026-01-29', 'https://github.com/civictechsweden/g0vse', 'sv',
                     'The government assignments collected from regeringen.se by g0vse (branch data, commit b9e34ce of 2026-01-29); each assignment cites its own page.')
             on conflict (slug) do nothing",
            slug
        )
        .execute(&mut *tx)
        .await?;
    }
    if dry_run {
        tx.rollback().await?;
    } else {
        tx.commit().await?;
        sqlx::query!(
            "analyze assignments, assignment_versions, holdings, assignment_participations, assignment_identifiers, assignment_reports, sources"
        )
        .execute(pool)
        .await?;
    }
    bar.finish_and_clear();
    Ok(summary)
}

impl fmt::Display for AssignmentSummary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "items: {}; assignments: {} created, {} updated, {} unchanged",
            self.items, self.created, self.updated, self.unchanged
        )?;
        writeln!(
            f,
            "amendments: {} joined to the assignment they change, {} kept on their own",
            self.amendments_linked, self.amendments_alone
        )?;
        let unresolved: usize = self.unresolved.values().sum();
        writeln!(
            f,
            "recipients: {} assignments with a recipient agency, {} without:",
            self.resolved, unresolved
        )?;
        for (reason, count) in &self.unresolved {
            writeln!(f, "  - {}: {count}", reason.as_str())?;
        }
        writeln!(
            f,
            "{} co-recipients, {} consulted agencies, {} with a final due date, {} interim reports, {} case numbers",
            self.co_recipients, self.consulted, self.with_due_date, self.interim_reports, self.case_numbers
        )?;
        list(f, "skipped", &self.skipped)?;
        if !self.withdrawn.is_empty() {
            list(f, "withdrawn, from an earlier reading", &self.withdrawn)?;
        }
        if !self.kept.is_empty() {
            list(f, "kept as the registry has them", &self.kept)?;
            writeln!(
                f,
                "  (compare each with its page; then import again with --keep SLUG to leave it and stop listing it, or --replace SLUG to rewrite it from the file)"
            )?;
        }
        if !self.compared.is_empty() {
            list(f, "kept after comparing (--keep)", &self.compared)?;
        }
        if !self.replaced.is_empty() {
            list(
                f,
                "rewritten from the file over writes through the API (--replace)",
                &self.replaced,
            )?;
        }
        if !self.undecided.is_empty() {
            list(
                f,
                "named with --keep or --replace, and needing no decision",
                &self.undecided,
            )?;
        }
        Ok(())
    }
}

/// A progress bar of `length` steps, counted in `unit` (shown after the
/// count); hidden unless `show`, as when the API imports at start-up.
fn progress_bar(show: bool, length: usize, unit: &str) -> ProgressBar {
    let bar = if show {
        ProgressBar::new(length as u64)
    } else {
        ProgressBar::hidden()
    };
    bar.set_style(
        ProgressStyle::with_template(&format!("{{msg}} [{{bar:40}}] {{pos}}/{{len}}{unit}"))
            .expect("a valid template")
            .progress_chars("=> "),
    );
    bar
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
    let snapshot = myndighetsdata::merge::merge(files, &counties, date);
    let bar = progress_bar(show_progress, snapshot.agencies.len(), " agencies");
    bar.set_message("importing");
    let mut tx = db::begin_writing(pool).await?;
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
