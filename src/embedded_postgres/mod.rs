//! A private PostgreSQL cluster, started by the program itself when no
//! `DATABASE_URL` is given: for a newcomer's first run and for the tests.
//!
//! Only the registry can reach it: every connection needs a password
//! (scram-sha-256). The superuser's and the owner role's secrets are made at
//! `initdb` and kept in the cluster's folder, readable by its owner only. The
//! API connects as the owner role [`OWNER`], which owns its databases and is
//! not a superuser. A kept cluster is durable (fsync and synchronous commit
//! on); only a throw-away one (the tests') relaxes that.
//!
//! The cluster lives in a folder of its own and is reused on the next start.
//! A small watchdog process stops it when this process ends, however it ends:
//! it waits for its standard input to close, which the kernel does when this
//! process exits. PostgreSQL refuses to run as root, so as root every server
//! command runs as the `postgres` system user.

mod runner;
mod secrets;
mod server;

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, Stdio};

use anyhow::{bail, Context};

use runner::{clear_stale_lock, is_alive, stable_hash, Runner};
use secrets::{write_private, Secrets};
use server::{start_on_a_free_port, Server};

/// The role the API connects as: it owns the registry's databases and is
/// not a superuser.
pub const OWNER: &str = "registry";

/// What happens to the cluster's folder when the process ends.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OnExit {
    /// Stop the server and keep the data (the development server): durable.
    Keep,
    /// Stop the server and remove its folder (the tests): fsync off, as
    /// nothing in it outlives the run.
    Remove,
}

/// A running cluster. Dropping it (or exiting) stops the server.
pub struct EmbeddedPostgres {
    port: u16,
    secrets: Secrets,
    /// How to stop and start the server; none for one this process attached to.
    control: Option<(Runner, Server)>,
    watchdog: Option<(Child, ChildStdin)>,
}

impl EmbeddedPostgres {
    /// Starts (creating if needed) the cluster under `folder`.
    pub fn start(folder: &Path, on_exit: OnExit) -> anyhow::Result<Self> {
        let runner = Runner::detect()?;
        let folder = reachable_folder(&runner, folder)?;
        let pgdata = folder.join("pgdata");
        let (secrets, new_secrets) = Secrets::load_or_create(&folder)?;
        runner.hand_over(&folder)?;
        let created = !pgdata.join("PG_VERSION").exists();
        if created {
            create_cluster(&runner, &folder, &pgdata)?;
        }

        // A server that died (killed, or the machine crashed) leaves its
        // lock file behind; PostgreSQL recovers from its log on the next
        // start once the lock is gone. A dead server whose parent never
        // reaped it still has a pid, so a zombie counts as dead.
        clear_stale_lock(&pgdata)?;
        stop_left_running(&runner, &pgdata)?;

        let (port, server) = start_on_a_free_port(&runner, &folder, &pgdata, on_exit)?;
        tracing::info!(port, "private PostgreSQL is running");
        let watchdog = runner.watchdog(&pgdata, &folder, on_exit)?;
        let postgres = EmbeddedPostgres {
            port,
            secrets,
            control: Some((runner, server)),
            watchdog: Some(watchdog),
        };
        let runner = &postgres.control.as_ref().expect("just started").0;
        if new_secrets && !created {
            postgres.require_passwords(runner, &pgdata)?;
        }
        postgres.ensure_owner_role(runner)?;
        Ok(postgres)
    }

    /// Stops the server and keeps it stopped until [`Self::resume`], as an
    /// outage would (for tests of what the API does meanwhile).
    pub fn pause(&self) -> anyhow::Result<()> {
        let (runner, server) = self
            .control
            .as_ref()
            .context("attached clusters cannot pause")?;
        runner.run(
            "pg_ctl",
            &[
                "stop".as_ref(),
                "-m".as_ref(),
                "immediate".as_ref(),
                "-D".as_ref(),
                server.pgdata.as_os_str(),
            ],
        )
    }

    /// Starts the server again after [`Self::pause`], on the same port.
    pub fn resume(&self) -> anyhow::Result<()> {
        let (runner, server) = self
            .control
            .as_ref()
            .context("attached clusters cannot resume")?;
        server.start(runner)
    }

    /// Secures a cluster made before clusters needed passwords (it let any
    /// local user in as the superuser): gives the superuser its secret,
    /// then requires a password of every connection.
    fn require_passwords(&self, runner: &Runner, pgdata: &Path) -> anyhow::Result<()> {
        tracing::warn!("this private cluster let anyone in; it needs passwords from now on");
        self.psql(
            runner,
            "postgres",
            &format!("alter role postgres password '{}'", self.secrets.superuser),
            false,
        )?;
        let hba = "# Written by the registry: every connection needs a password.\n\
                   local all all scram-sha-256\n\
                   host all all 127.0.0.1/32 scram-sha-256\n\
                   host all all ::1/128 scram-sha-256\n";
        let hba_file = pgdata.join("pg_hba.conf");
        write_private(&hba_file, hba.trim_end())?;
        runner.hand_over(&hba_file)?;
        self.psql(runner, "postgres", "select pg_reload_conf()", true)
    }

    /// Creates [`OWNER`] with its secret, or gives it its secret again.
    fn ensure_owner_role(&self, runner: &Runner) -> anyhow::Result<()> {
        let secret = &self.secrets.owner;
        self.psql(
            runner,
            "postgres",
            &format!(
                "do $$ begin
                     if exists (select from pg_roles where rolname = '{OWNER}') then
                         alter role {OWNER} login nosuperuser password '{secret}';
                     else
                         create role {OWNER} login nosuperuser password '{secret}';
                     end if;
                 end $$"
            ),
            true,
        )
    }

    /// Runs `sql` in `database` as the superuser, with its password or
    /// (`with_password` false, for a cluster that does not ask yet) without.
    fn psql(
        &self,
        runner: &Runner,
        database: &str,
        sql: &str,
        with_password: bool,
    ) -> anyhow::Result<()> {
        let mut command = Command::new(runner.program("psql"));
        command
            .args([
                "-X",
                "-q",
                "-v",
                "ON_ERROR_STOP=1",
                "-h",
                "127.0.0.1",
                "-U",
                "postgres",
            ])
            .args(["-p", &self.port.to_string(), "-d", database, "-c", sql])
            .stdin(Stdio::null());
        if with_password {
            command.env("PGPASSWORD", &self.secrets.superuser);
        }
        let output = command.output().context("cannot run psql")?;
        if !output.status.success() {
            bail!(
                "psql failed ({}): {}",
                output.status,
                String::from_utf8_lossy(&output.stderr)
            );
        }
        Ok(())
    }

    /// Uses the cluster under `folder` if a server is already running there
    /// (the API started by `cargo run`, say), leaving it running afterwards;
    /// otherwise starts it as [`EmbeddedPostgres::start`] does.
    pub fn attach_or_start(folder: &Path) -> anyhow::Result<Self> {
        let candidates = [
            folder.to_path_buf(),
            std::env::temp_dir().join(format!(
                "registry-postgres-{:016x}",
                stable_hash(
                    &folder
                        .canonicalize()
                        .unwrap_or_else(|_| folder.to_path_buf())
                )
            )),
        ];
        for candidate in candidates {
            let pid_file = candidate.join("pgdata").join("postmaster.pid");
            let Ok(text) = fs::read_to_string(&pid_file) else {
                continue;
            };
            // postmaster.pid: pid, data directory, start time, port, …
            let port = text
                .lines()
                .nth(3)
                .and_then(|line| line.trim().parse().ok());
            let pid: Option<i32> = text
                .lines()
                .next()
                .and_then(|line| line.trim().parse().ok());
            if let (Some(port), Some(pid)) = (port, pid) {
                if is_alive(pid) {
                    let (secrets, _) = Secrets::load_or_create(&candidate)?;
                    return Ok(EmbeddedPostgres {
                        port,
                        secrets,
                        control: None,
                        watchdog: None,
                    });
                }
            }
        }
        Self::start(folder, OnExit::Keep)
    }

    /// Connection URL for `database` as [`OWNER`], the role the API uses.
    pub fn url(&self, database: &str) -> String {
        format!(
            "postgres://{OWNER}:{}@127.0.0.1:{}/{database}",
            self.secrets.owner, self.port
        )
    }

    /// Connection URL for `database` as the superuser, for creating
    /// databases.
    pub fn admin_url(&self, database: &str) -> String {
        format!(
            "postgres://postgres:{}@127.0.0.1:{}/{database}",
            self.secrets.superuser, self.port
        )
    }

    /// The port the server listens on, on 127.0.0.1.
    pub fn port(&self) -> u16 {
        self.port
    }

    /// Stops the server now and waits until it has stopped.
    pub fn stop(mut self) {
        self.stop_now();
    }

    fn stop_now(&mut self) {
        if let Some((mut child, stdin)) = self.watchdog.take() {
            drop(stdin);
            let _ = child.wait();
        }
    }
}

impl Drop for EmbeddedPostgres {
    fn drop(&mut self) {
        self.stop_now();
    }
}

/// `folder`, created and handed to the server's user; or, when that user
/// cannot reach it, a folder of the temp dir named after it.
fn reachable_folder(runner: &Runner, folder: &Path) -> anyhow::Result<PathBuf> {
    fs::create_dir_all(folder).with_context(|| format!("cannot create {}", folder.display()))?;
    let mut folder = folder.canonicalize()?;
    runner.hand_over(&folder)?;
    if !runner.can_use(&folder) {
        // As root, a parent folder the postgres user cannot search (such
        // as /root) hides the data from the server: keep it in a folder
        // of the temp dir named after the project folder instead.
        let fallback =
            std::env::temp_dir().join(format!("registry-postgres-{:016x}", stable_hash(&folder)));
        tracing::warn!(
            folder = %folder.display(),
            fallback = %fallback.display(),
            "the postgres user cannot reach the data folder; using the fallback"
        );
        fs::create_dir_all(&fallback)?;
        runner.hand_over(&fallback)?;
        if !runner.can_use(&fallback) {
            bail!(
                "the postgres user can reach neither {} nor {}; set REGISTRY_DATA_DIR",
                folder.display(),
                fallback.display()
            );
        }
        folder = fallback;
    }
    Ok(folder)
}

/// A new cluster in `pgdata`, its superuser's password from `folder`.
fn create_cluster(runner: &Runner, folder: &Path, pgdata: &Path) -> anyhow::Result<()> {
    tracing::info!(folder = %folder.display(), "creating a private PostgreSQL cluster");
    let pwfile = folder.join(Secrets::SUPERUSER_FILE);
    runner.run(
        "initdb",
        &[
            "-D".as_ref(),
            pgdata.as_os_str(),
            "-U".as_ref(),
            "postgres".as_ref(),
            "--auth=scram-sha-256".as_ref(),
            "--pwfile".as_ref(),
            pwfile.as_os_str(),
            "-E".as_ref(),
            "UTF8".as_ref(),
            "--locale=C.UTF-8".as_ref(),
            "--no-sync".as_ref(),
        ],
    )?;
    Ok(())
}

/// Stops a server left running in `pgdata` by an earlier run that could
/// not stop it, so that this run owns the one it starts.
fn stop_left_running(runner: &Runner, pgdata: &Path) -> anyhow::Result<()> {
    if runner.succeeds(
        "pg_ctl",
        &["status".as_ref(), "-D".as_ref(), pgdata.as_os_str()],
    ) {
        tracing::warn!(
            "stopping a PostgreSQL server left running in {}",
            pgdata.display()
        );
        runner.run(
            "pg_ctl",
            &[
                "stop".as_ref(),
                "-D".as_ref(),
                pgdata.as_os_str(),
                "-m".as_ref(),
                "fast".as_ref(),
            ],
        )?;
    }
    Ok(())
}
