//! `registry generate`: synthetic data at scale, for benchmarks.

use anyhow::Context;

use super::{open_database, Purpose};
use crate::generate::{self, Sizes};
use crate::settings::Settings;

pub(crate) const GENERATE_USAGE: &str = "usage:
  registry generate --agencies N --assignments M --holdings K [--seed 0-9]

Adds synthetic agencies, assignments in portfolios that move together, and
about K holdings with transfers, names, contact points and lineage (slugs
'g<seed>-…', source 'generated-<seed>'), for benchmarks at scale. Seed 1
unless given; a seed already in the database is refused.";

/// `registry generate --agencies N --assignments M --holdings K [--seed S]`.
pub async fn run(settings: &Settings, arguments: &[String]) -> anyhow::Result<()> {
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
