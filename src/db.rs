//! The connection pool and what the database needs before the API serves:
//! migrations, and the example data when asked for.

use std::time::Duration;

use chrono::{DateTime, Utc};
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

/// Where a read runs: a pooled connection, or a transaction set to a past
/// moment. Both are a `PgConnection` to the queries.
pub enum Reader {
    Now(sqlx::pool::PoolConnection<sqlx::Postgres>),
    KnownAt(sqlx::Transaction<'static, sqlx::Postgres>),
}

impl Reader {
    /// The present, or, with `known_at`, a read-only transaction whose
    /// tables are the `known` schema's views of the change log at that
    /// moment (see the migration that creates them).
    pub async fn open(pool: &PgPool, known_at: Option<DateTime<Utc>>) -> Result<Self, sqlx::Error> {
        match known_at {
            None => Ok(Reader::Now(pool.acquire().await?)),
            Some(moment) => {
                let mut tx = pool.begin().await?;
                // The moment is bound as a timestamp, not as text: any moment
                // RFC 3339 can write (years 0000 to 9999 in any offset) is one
                // PostgreSQL can hold, and PostgreSQL writes the setting.
                sqlx::query!(
                    "select set_config('transaction_read_only', 'on', true) as read_only,
                            set_config('registry.known_at', $1::timestamptz::text, true) as known_at,
                            set_config('search_path', 'known, public', true) as search_path",
                    moment,
                )
                .fetch_one(&mut *tx)
                .await?;
                Ok(Reader::KnownAt(tx))
            }
        }
    }
}

impl std::ops::Deref for Reader {
    type Target = sqlx::PgConnection;

    fn deref(&self) -> &Self::Target {
        match self {
            Reader::Now(conn) => conn,
            Reader::KnownAt(tx) => tx,
        }
    }
}

impl std::ops::DerefMut for Reader {
    fn deref_mut(&mut self) -> &mut Self::Target {
        match self {
            Reader::Now(conn) => conn,
            Reader::KnownAt(tx) => tx,
        }
    }
}
