//! The founding case (the press release of 2018-01-08) as example data,
//! loaded once: a second load, or one racing it, changes nothing.

use sqlx::PgPool;

const FOUNDING_CASE: &str = include_str!("example_data/founding_case.sql");
const FOUNDING_SOURCE_SLUG: &str = "2018-01-08-nationella-uppdrag-flyttar";

/// Loads the founding case unless it is there already. Returns whether it
/// loaded anything.
#[tracing::instrument(skip_all)]
pub async fn load(pool: &PgPool) -> Result<bool, sqlx::Error> {
    let mut tx = pool.begin().await?;
    // Two instances starting at once: the second waits, then finds the data.
    sqlx::query!("select pg_advisory_xact_lock(hashtext('registry: example data'))")
        .execute(&mut *tx)
        .await?;
    let present = sqlx::query_scalar!(
        r#"select exists (select 1 from sources where slug = $1) as "present!""#,
        FOUNDING_SOURCE_SLUG
    )
    .fetch_one(&mut *tx)
    .await?;
    if present {
        return Ok(false);
    }
    sqlx::raw_sql(FOUNDING_CASE).execute(&mut *tx).await?;
    tx.commit().await?;
    tracing::info!("loaded the founding case");
    Ok(true)
}
