//! The data version: the id of the last change in the change log. Every
//! committed write raises it, so an answer computed at one version stays
//! right until the version moves. The response cache and the entity tags
//! ([`crate::http::cache`]) are keyed by it; the change stream wakes when
//! it moves ([`DataVersion::subscribe`]).
//!
//! An instance learns the version three ways:
//! - at start, and whenever its notification connection is (re)opened, by
//!   reading it ([`read`]);
//! - from its own writes, as they commit ([`DataVersion::advance_to`]), so
//!   a client reads its own write on the instance it wrote through;
//! - from every other writer (other instances, the import command) through
//!   PostgreSQL's `LISTEN/NOTIFY`: the change log notifies channel
//!   `registry_changes` when a transaction that changed something commits
//!   ([`listen`]).
//!
//! While the notification connection is down, notifications may be lost, so
//! the version is not trusted ([`DataVersion::trusted`] is `None`) and
//! readers ask the database instead, until the version has been read again.
//!
//! With reads on a streaming replica ([`ReadPool`]), the version is the one
//! the replica serves: after a commit the instance waits for the replica to
//! replay it before it moves, so nothing older is kept under a newer version.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::Duration;

use sqlx::postgres::{PgListener, PgPoolOptions};
use sqlx::{PgExecutor, PgPool};
use tokio::sync::watch;

use crate::db::ReadPool;

/// The channel the change log notifies on commit.
pub const CHANNEL: &str = "registry_changes";

/// How long to wait before opening the notification connection again.
const RECONNECT_AFTER: Duration = Duration::from_millis(250);

/// How often to ask a replica whether it has replayed a commit.
const REPLAY_POLL: Duration = Duration::from_millis(5);

/// The version this instance knows, shared by its workers. Cheap to clone.
#[derive(Clone)]
pub struct DataVersion {
    trusted: Arc<AtomicBool>,
    /// The version; its receivers (the change stream) wake when it moves.
    version: Arc<watch::Sender<i64>>,
}

impl Default for DataVersion {
    fn default() -> Self {
        Self::new()
    }
}

impl DataVersion {
    /// Not trusted until [`listen`] has read it.
    pub fn new() -> Self {
        DataVersion {
            trusted: Arc::new(AtomicBool::new(false)),
            version: Arc::new(watch::channel(0).0),
        }
    }

    /// The version, if the instance is sure no commit has passed unseen.
    pub fn trusted(&self) -> Option<i64> {
        self.trusted
            .load(Ordering::Acquire)
            .then(|| *self.version.borrow())
    }

    /// Raises the version to `version` (never lowers it: notifications and
    /// an instance's own commits may arrive in either order).
    pub fn advance_to(&self, version: i64) {
        self.version.send_if_modified(|known| {
            let newer = version > *known;
            if newer {
                *known = version;
            }
            newer
        });
    }

    /// A receiver that [`watch::Receiver::changed`] wakes when the version
    /// moves (not while it is not trusted: a waiter also asks on a timer).
    pub fn subscribe(&self) -> watch::Receiver<i64> {
        self.version.subscribe()
    }

    fn trust(&self, version: i64) {
        self.advance_to(version);
        self.trusted.store(true, Ordering::Release);
    }

    fn distrust(&self) {
        self.trusted.store(false, Ordering::Release);
    }
}

/// The version in the database: the change log's last id, 0 before any.
pub async fn read(executor: impl PgExecutor<'_>) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar!(r#"select data_version() as "version!""#)
        .fetch_one(executor)
        .await
}

/// Keeps `version` up to date from the notifications of the primary's
/// database, as `reads` serves it, for as long as the server runs. Each time
/// the connection is opened, the version is read after `LISTEN` took effect,
/// so no commit falls between.
pub async fn listen(primary: PgPool, reads: ReadPool, version: DataVersion) {
    // A connection of its own, so that listening never takes one that a
    // request could use, nor waits for one while the database is away.
    let notifications = PgPoolOptions::new()
        .max_connections(1)
        .acquire_timeout(crate::db::ACQUIRE_TIMEOUT)
        .connect_lazy_with((*primary.connect_options()).clone());
    loop {
        if let Err(error) = follow(&notifications, &primary, &reads, &version).await {
            tracing::warn!(%error, "change notifications interrupted; answering from the database until they are back");
        }
        version.distrust();
        tokio::time::sleep(RECONNECT_AFTER).await;
    }
}

/// Listens on a connection of `notifications` until it fails.
async fn follow(
    notifications: &PgPool,
    primary: &PgPool,
    reads: &ReadPool,
    version: &DataVersion,
) -> Result<(), sqlx::Error> {
    let mut listener = PgListener::connect_with(notifications).await?;
    listener.listen(CHANNEL).await?;
    version.trust(read(&reads.pool).await?);
    catch_up(primary, reads, version).await?;
    loop {
        // `None`: the connection was lost, and notifications with it.
        if listener.try_recv().await?.is_none() {
            return Err(sqlx::Error::Protocol(
                "the notification connection was closed".into(),
            ));
        }
        catch_up(primary, reads, version).await?;
    }
}

/// Raises `version` to the primary's, once `reads` serves it.
async fn catch_up(
    primary: &PgPool,
    reads: &ReadPool,
    version: &DataVersion,
) -> Result<(), sqlx::Error> {
    let committed = read(primary).await?;
    if !reads.replica {
        version.advance_to(committed);
        return Ok(());
    }
    loop {
        let replayed = read(&reads.pool).await?;
        version.advance_to(replayed);
        if replayed >= committed {
            return Ok(());
        }
        tokio::time::sleep(REPLAY_POLL).await;
    }
}
