//! `registry generate`: synthetic data at any scale, for benchmarks. The
//! work is one SQL script (`synthetic.sql`, read it for the shapes), run in
//! one transaction under the lock every write takes, through the same
//! constraints, triggers, change log and history tables as any write.

use std::fmt;
use std::time::{Duration, Instant};

use anyhow::Context;
use sqlx::PgPool;

use crate::db;

const SCRIPT: &str = include_str!("synthetic.sql");
/// A line of the script that begins a step, followed by the step's name.
const STEP: &str = "-- step: ";

/// How much to generate. A seed (0-9) keeps runs apart: its slugs begin
/// `g<seed>-`, its source is `generated-<seed>`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sizes {
    pub agencies: u32,
    pub assignments: u32,
    pub holdings: u32,
    pub seed: u32,
}

impl Sizes {
    pub fn check(&self) -> Result<(), String> {
        if !(1..=999_999).contains(&self.agencies) {
            return Err("--agencies takes 1 to 999,999".into());
        }
        if self.assignments < 1 {
            return Err("--assignments takes 1 or more".into());
        }
        if self.holdings < self.assignments {
            return Err(format!(
                "--holdings must be at least --assignments ({}): each assignment has a holder",
                self.assignments
            ));
        }
        if self.seed > 9 {
            return Err("--seed takes 0 to 9".into());
        }
        Ok(())
    }
}

/// What a run wrote.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Summary {
    pub agencies: i64,
    pub assignments: i64,
    pub holdings: i64,
    pub transfers: i64,
    pub transfer_items: i64,
    pub contact_points: i64,
    pub changes: i64,
}

impl fmt::Display for Summary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "agencies        {}", self.agencies)?;
        writeln!(f, "assignments     {}", self.assignments)?;
        writeln!(f, "holdings        {}", self.holdings)?;
        writeln!(
            f,
            "transfers       {} (of {} assignments)",
            self.transfers, self.transfer_items
        )?;
        writeln!(f, "contact points  {}", self.contact_points)?;
        writeln!(f, "changes logged  {}", self.changes)
    }
}

/// Generates `sizes` and commits, calling `progress` with each step's name
/// as it begins. Refuses a seed already used in this database.
pub async fn generate(
    pool: &PgPool,
    sizes: Sizes,
    mut progress: impl FnMut(&str, Duration),
) -> anyhow::Result<Summary> {
    sizes.check().map_err(anyhow::Error::msg)?;
    let started = Instant::now();
    let mut tx = db::begin_writing(pool).await?;
    let source = format!("generated-{}", sizes.seed);
    let used = sqlx::query_scalar!(
        r#"select exists (select 1 from sources where slug = $1) as "used!""#,
        source
    )
    .fetch_one(&mut *tx)
    .await?;
    if used {
        anyhow::bail!(
            "this database already has the data of seed {} (source '{source}'); choose another --seed",
            sizes.seed
        );
    }
    let changes_before = sqlx::query_scalar!(r#"select count(*) as "count!" from changes"#)
        .fetch_one(&mut *tx)
        .await?;
    sqlx::query!(
        "select set_config('generate.seed', $1, true) as seed,
                set_config('generate.agencies', $2, true) as agencies,
                set_config('generate.assignments', $3, true) as assignments,
                set_config('generate.holdings', $4, true) as holdings",
        sizes.seed.to_string(),
        sizes.agencies.to_string(),
        sizes.assignments.to_string(),
        sizes.holdings.to_string(),
    )
    .fetch_one(&mut *tx)
    .await?;
    for (name, sql) in steps(SCRIPT) {
        progress(name, started.elapsed());
        sqlx::raw_sql(sql)
            .execute(&mut *tx)
            .await
            .with_context(|| format!("generating {name}"))?;
    }
    progress("committing", started.elapsed());
    let summary = sqlx::query_as!(
        Summary,
        r#"select
               (select count(*) from agencies where source_id = s.id) as "agencies!",
               (select count(*) from assignments where source_id = s.id) as "assignments!",
               (select count(*) from holdings where source_id = s.id) as "holdings!",
               (select count(*) from transfers where source_id = s.id) as "transfers!",
               (select count(*) from transfer_items i join transfers t on t.id = i.transfer_id
                where t.source_id = s.id) as "transfer_items!",
               (select count(*) from contact_points where source_id = s.id) as "contact_points!",
               (select count(*) from changes) - $2 as "changes!"
           from sources s where s.slug = $1"#,
        source,
        changes_before
    )
    .fetch_one(&mut *tx)
    .await?;
    tx.commit().await?;
    // The planner needs to know the tables grew.
    sqlx::raw_sql("analyze").execute(pool).await?;
    Ok(summary)
}

/// The script's steps: (name, SQL), split at `-- step: name` lines.
fn steps(script: &str) -> Vec<(&str, &str)> {
    let mut steps = Vec::new();
    let mut rest = script;
    let mut name = "preparing";
    while let Some(at) = rest.find(STEP) {
        let (sql, marked) = rest.split_at(at);
        if !sql.trim().is_empty() {
            steps.push((name, sql));
        }
        let line_end = marked.find('\n').unwrap_or(marked.len());
        name = marked[STEP.len()..line_end].trim();
        rest = &marked[line_end..];
    }
    if !rest.trim().is_empty() {
        steps.push((name, rest));
    }
    steps
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_script_splits_into_named_steps_that_keep_every_line() {
        let script = "create a;\n-- step: agencies\ninsert b;\n-- step: holdings\ninsert c;\n";
        assert_eq!(
            steps(script),
            vec![
                ("preparing", "create a;\n"),
                ("agencies", "\ninsert b;\n"),
                ("holdings", "\ninsert c;\n")
            ]
        );
        let names: Vec<&str> = steps(SCRIPT).into_iter().map(|(name, _)| name).collect();
        assert!(names.contains(&"holdings"), "{names:?}");
    }

    #[test]
    fn sizes_that_cannot_be_generated_are_refused() {
        let fine = Sizes {
            agencies: 10,
            assignments: 100,
            holdings: 1000,
            seed: 1,
        };
        assert_eq!(fine.check(), Ok(()));
        let fewer_holdings = Sizes {
            holdings: 99,
            ..fine
        };
        assert!(fewer_holdings.check().unwrap_err().contains("at least"));
        assert!(Sizes { seed: 10, ..fine }.check().is_err());
        assert!(Sizes {
            agencies: 0,
            ..fine
        }
        .check()
        .is_err());
    }
}
