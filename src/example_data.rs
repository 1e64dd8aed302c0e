//! The founding case (the press release of 2018-01-08) as example data,
//! loaded once: a second load, or one racing it, changes nothing.

use sqlx::PgPool;

use crate::db;

const FOUNDING_CASE: &str = include_str!("example_data/founding_case.sql");
/// When the founding case counts as recorded: the start of 2018-01-08,
/// Stockholm time, the day its source was published.
pub const FOUNDING_RECORDED_AT: &str = "2018-01-08T00:00:00+01:00";
const FOUNDING_SOURCE_SLUG: &str = "2018-01-08-nationella-uppdrag-flyttar";

/// Loads the founding case unless it is there already. Returns whether it
/// loaded anything.
#[tracing::instrument(skip_all)]
pub async fn load(pool: &PgPool) -> Result<bool, sqlx::Error> {
    // Two instances starting at once: the second waits, then finds the data.
    let mut tx = db::begin_writing(pool).await?;
    let present = sqlx::query_scalar!(
        r#"select exists (select 1 from sources where slug = $1) as "present!""#,
        FOUNDING_SOURCE_SLUG
    )
    .fetch_one(&mut *tx)
    .await?;
    if present {
        return Ok(false);
    }
    // The change log dates the founding case by its source: the registry
    // knows it as of the day the press release was published.
    sqlx::query!(
        "select set_config('registry.recorded_at', $1, true)",
        FOUNDING_RECORDED_AT
    )
    .fetch_one(&mut *tx)
    .await?;
    sqlx::raw_sql(FOUNDING_CASE).execute(&mut *tx).await?;
    tx.commit().await?;
    tracing::info!("loaded the founding case");
    Ok(true)
}
