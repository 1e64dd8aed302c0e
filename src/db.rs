//! The connection pools, the migrations, the database a private cluster
//! serves, and the transaction every writer begins with.

use std::str::FromStr;
use std::time::Duration;

use chrono::{DateTime, Utc};
use sqlx::postgres::{PgConnectOptions, PgPoolOptions};
use sqlx::{PgPool, Postgres, Transaction};

pub static MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("./migrations");

/// How long a request waits for a connection before it is answered 503.
/// It bounds, too, how long the first request of an outage waits before the
/// breaker ([`crate::http::breaker`]) opens and the next ones fail at once.
pub const ACQUIRE_TIMEOUT: Duration = Duration::from_secs(2);

/// A pool of connections to `url`, on which PostgreSQL does not compile
/// statements to machine code (JIT): every statement the API runs is short,
/// and compiling one costs more than it saves (in `psql`, 400 ms of a 700 ms
/// agency search at 10,000 agencies, when the planner overestimated it).
pub async fn connect(url: &str, max_connections: u32) -> Result<PgPool, sqlx::Error> {
    let options = PgConnectOptions::from_str(url)?.options([("jit", "off")]);
    PgPoolOptions::new()
        .max_connections(max_connections)
        .acquire_timeout(ACQUIRE_TIMEOUT)
        .connect_with(options)
        .await
}

/// Where reads of registry data go: a streaming replica of the primary
/// (`DATABASE_READ_URL`), or the primary itself. Writes, the change feed,
/// `LISTEN` and a read that must see a given data version go to the primary.
#[derive(Clone)]
pub struct ReadPool {
    pub pool: PgPool,
    /// Whether `pool` is a replica, which may lag behind the primary.
    pub replica: bool,
}

impl ReadPool {
    /// Reads on the primary.
    pub fn primary(pool: &PgPool) -> Self {
        ReadPool {
            pool: pool.clone(),
            replica: false,
        }
    }
}

/// Begins a transaction that holds the writes lock (`lock_writes()`),
/// which every writer takes first: the API's writes, the imports, the
/// example data and the generator. Writes then commit one at a time, and the
/// change log stays in the order they commit.
pub async fn begin_writing(pool: &PgPool) -> Result<Transaction<'static, Postgres>, sqlx::Error> {
    let mut tx = pool.begin().await?;
    sqlx::query!("select lock_writes()")
        .execute(&mut *tx)
        .await?;
    Ok(tx)
}

/// Makes `database` on the server `admin_url` points at (as a superuser)
/// exist and belong to `owner`: created if missing; a database made before
/// the owner role existed is handed over, with everything in it.
pub async fn ensure_database(
    admin_url: &str,
    database: &str,
    owner: &str,
) -> Result<(), sqlx::Error> {
    use sqlx::Connection;
    let quote = |name: &str| format!("\"{}\"", name.replace('"', "\"\""));
    let mut connection = sqlx::PgConnection::connect(admin_url).await?;
    let current_owner = sqlx::query_scalar::<_, String>(
        "select pg_get_userbyid(datdba) from pg_database where datname = $1",
    )
    .bind(database)
    .fetch_optional(&mut connection)
    .await?;
    let change = match &current_owner {
        None => format!("create database {} owner {}", quote(database), quote(owner)),
        Some(current) if current != owner => {
            format!(
                "alter database {} owner to {}",
                quote(database),
                quote(owner)
            )
        }
        Some(_) => return connection.close().await,
    };
    sqlx::query(&change).execute(&mut connection).await?;
    if current_owner.is_some() {
        let in_database = admin_url_for(admin_url, database);
        let mut inside = sqlx::PgConnection::connect(&in_database).await?;
        sqlx::query(&HAND_OVER.replace("{owner}", &quote(owner)))
            .execute(&mut inside)
            .await?;
        inside.close().await?;
    }
    connection.close().await
}

/// `admin_url` with its database replaced by `database`.
fn admin_url_for(admin_url: &str, database: &str) -> String {
    match admin_url.rsplit_once('/') {
        Some((server, _)) => format!("{server}/{database}"),
        None => admin_url.to_owned(),
    }
}

/// Hands the tables, views, functions and schemas of the registry to
/// `{owner}` (extensions keep theirs).
const HAND_OVER: &str = "
do $$
declare
    object record;
begin
    for object in
        select format('alter schema %I owner to {owner}', n.nspname) as command
        from pg_namespace n
        where n.nspname in ('public', 'known', 'history')
        union all
        select format('alter %s %s owner to {owner}',
                      case c.relkind when 'v' then 'view' else 'table' end, c.oid::regclass)
        from pg_class c
        join pg_namespace n on n.oid = c.relnamespace
        where n.nspname in ('public', 'known', 'history') and c.relkind in ('r', 'p', 'v')
          and not exists (select from pg_depend d where d.objid = c.oid and d.deptype = 'e')
        union all
        select format('alter routine %s owner to {owner}', p.oid::regprocedure)
        from pg_proc p
        join pg_namespace n on n.oid = p.pronamespace
        where n.nspname in ('public', 'known', 'history')
          and not exists (select from pg_depend d where d.objid = p.oid and d.deptype = 'e')
    loop
        execute object.command;
    end loop;
end
$$";

/// How long one statement of a read as known at a moment may run before
/// the database cancels it (the read is then a 503 `/problems/too-slow`).
/// Such reads go through the change log's history and take milliseconds;
/// the limit is a guard, so that one plan gone wrong cannot hold the pool
/// and the processor.
pub const KNOWN_AT_STATEMENT_TIMEOUT: &str = "5s";

/// How PostgreSQL plans the statements of a read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Plans {
    /// For the arguments of each call, as PostgreSQL does by default: a
    /// statement's optional filters that a request leaves out cost nothing,
    /// and a statement over a whole table (an export) is planned for it.
    PerCall,
    /// Once per connection, for any arguments (`plan_cache_mode =
    /// force_generic_plan`): for the lists, whose planning took a quarter
    /// to a third of their time (see docs/performance.md, "Lists planned once").
    Once,
}

/// Where a read runs: a pooled connection, or a read-only transaction with
/// settings of its own (a past moment, plans made once). Both are a
/// `PgConnection` to the queries.
pub enum Reader {
    Now(sqlx::pool::PoolConnection<sqlx::Postgres>),
    Settled(sqlx::Transaction<'static, sqlx::Postgres>),
}

impl Reader {
    /// The present, or, with `known_at`, a read-only transaction whose
    /// tables are the `known` schema's views of the change log at that
    /// moment (see the migration that creates them); with [`Plans::Once`],
    /// a read-only transaction whose statements are planned once.
    pub async fn open(
        pool: &PgPool,
        known_at: Option<DateTime<Utc>>,
        plans: Plans,
    ) -> Result<Self, sqlx::Error> {
        let mut settings = Vec::new();
        if let Some(moment) = known_at {
            // (How the `known` views are written keeps the plans a session
            // reuses fit for any moment: see the migration
            // known_views_estimated_as_most_rows.)
            let moment = timestamptz_literal(moment);
            settings.push(format!("set_config('registry.known_at', '{moment}', true)"));
            settings.push("set_config('search_path', 'known, public', true)".to_owned());
            settings.push(format!(
                "set_config('statement_timeout', '{KNOWN_AT_STATEMENT_TIMEOUT}', true)"
            ));
        }
        if plans == Plans::Once {
            settings.push("set_config('plan_cache_mode', 'force_generic_plan', true)".to_owned());
        }
        if settings.is_empty() {
            return Ok(Reader::Now(pool.acquire().await?));
        }
        // One round trip: the transaction begins with its settings. (Read
        // only, it is never committed: dropped, it is rolled back as the pool
        // takes the connection back.)
        let begin = format!("begin read only; select {}", settings.join(", "));
        Ok(Reader::Settled(pool.begin_with(begin).await?))
    }
}

/// `moment` as PostgreSQL writes a `timestamptz` in UTC, years before 1
/// as BC (RFC 3339's year 0000 is 1 BC): only digits, dashes, colons, a
/// dot, a space and letters, so it can stand in SQL as a literal.
fn timestamptz_literal(moment: DateTime<Utc>) -> String {
    use chrono::{Datelike, Timelike};
    let year = moment.year();
    let (year, era) = if year > 0 {
        (year, "")
    } else {
        (1 - year, " BC")
    };
    format!(
        "{year:04}-{:02}-{:02} {:02}:{:02}:{:02}.{:06}+00{era}",
        moment.month(),
        moment.day(),
        moment.hour(),
        moment.minute(),
        moment.second(),
        moment.nanosecond().min(999_999_999) / 1000
    )
}

impl std::ops::Deref for Reader {
    type Target = sqlx::PgConnection;

    fn deref(&self) -> &Self::Target {
        match self {
            Reader::Now(conn) => conn,
            Reader::Settled(tx) => tx,
        }
    }
}

impl std::ops::DerefMut for Reader {
    fn deref_mut(&mut self) -> &mut Self::Target {
        match self {
            Reader::Now(conn) => conn,
            Reader::Settled(tx) => tx,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn moments_are_written_as_postgresql_reads_them() {
        for (moment, literal) in [
            (
                "2018-01-09T01:02:03.5+01:00",
                "2018-01-09 00:02:03.500000+00",
            ),
            // Year 0 is 1 BC; an offset can carry it into 2 BC.
            ("0000-01-01T00:00:00Z", "0001-01-01 00:00:00.000000+00 BC"),
            (
                "0000-01-01T00:00:00+05:00",
                "0002-12-31 19:00:00.000000+00 BC",
            ),
            (
                "9999-12-31T23:59:59.999999Z",
                "9999-12-31 23:59:59.999999+00",
            ),
        ] {
            let parsed = DateTime::parse_from_rfc3339(moment).unwrap();
            assert_eq!(timestamptz_literal(parsed.with_timezone(&Utc)), literal);
        }
    }
}
