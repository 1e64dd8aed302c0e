//! The connection pool and what the database needs before the API serves:
//! migrations, and the example data when asked for.

use std::time::Duration;

use sqlx::postgres::PgPoolOptions;
use sqlx::PgPool;

pub static MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("./migrations");

pub async fn connect(url: &str, max_connections: u32) -> Result<PgPool, sqlx::Error> {
    PgPoolOptions::new()
        .max_connections(max_connections)
        .acquire_timeout(Duration::from_secs(5))
        .connect(url)
        .await
}

/// Applies pending migrations, then loads the founding case if asked.
pub async fn prepare(pool: &PgPool, load_example_data: bool) -> anyhow::Result<()> {
    MIGRATOR.run(pool).await?;
    if load_example_data {
        crate::example_data::load(pool).await?;
    }
    Ok(())
}

/// Creates `database` on the server `admin_url` points at, unless it exists.
pub async fn create_database_if_missing(
    admin_url: &str,
    database: &str,
) -> Result<(), sqlx::Error> {
    use sqlx::Connection;
    let mut connection = sqlx::PgConnection::connect(admin_url).await?;
    let exists = sqlx::query_scalar::<_, bool>(
        "select exists (select 1 from pg_database where datname = $1)",
    )
    .bind(database)
    .fetch_one(&mut connection)
    .await?;
    if !exists {
        sqlx::query(&format!(
            r#"create database "{}""#,
            database.replace('"', "\"\"")
        ))
        .execute(&mut connection)
        .await?;
    }
    connection.close().await
}
