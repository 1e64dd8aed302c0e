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

use std::io::Write;
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, Stdio};

use anyhow::{bail, Context};

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

/// How to start the server: its data, its log and its options.
struct Server {
    pgdata: PathBuf,
    log: PathBuf,
    options: String,
}

impl Server {
    fn start(&self, runner: &Runner) -> anyhow::Result<()> {
        runner
            .run(
                "pg_ctl",
                &[
                    "start".as_ref(),
                    "-w".as_ref(),
                    "-t".as_ref(),
                    "60".as_ref(),
                    "-D".as_ref(),
                    self.pgdata.as_os_str(),
                    "-l".as_ref(),
                    self.log.as_os_str(),
                    "-o".as_ref(),
                    self.options.as_ref(),
                ],
            )
            .with_context(|| {
                format!(
                    "PostgreSQL did not start; its log is {}",
                    self.log.display()
                )
            })
    }
}

/// The passwords of the superuser and of [`OWNER`], one file each in the
/// cluster's folder, readable by their owner only.
#[derive(Clone)]
struct Secrets {
    superuser: String,
    owner: String,
}

impl Secrets {
    const SUPERUSER_FILE: &'static str = "superuser.secret";
    const OWNER_FILE: &'static str = "owner.secret";

    /// The secrets kept in `folder`, made now if there are none yet; and
    /// whether they were made now.
    fn load_or_create(folder: &Path) -> anyhow::Result<(Self, bool)> {
        let superuser_file = folder.join(Self::SUPERUSER_FILE);
        let owner_file = folder.join(Self::OWNER_FILE);
        if superuser_file.exists() && owner_file.exists() {
            let read = |file: &Path| -> anyhow::Result<String> {
                Ok(std::fs::read_to_string(file)
                    .with_context(|| format!("cannot read {}", file.display()))?
                    .trim()
                    .to_owned())
            };
            return Ok((
                Secrets {
                    superuser: read(&superuser_file)?,
                    owner: read(&owner_file)?,
                },
                false,
            ));
        }
        let secrets = Secrets {
            superuser: new_secret()?,
            owner: new_secret()?,
        };
        write_private(&superuser_file, &secrets.superuser)?;
        write_private(&owner_file, &secrets.owner)?;
        Ok((secrets, true))
    }
}

/// 32 random bytes, as hex.
fn new_secret() -> anyhow::Result<String> {
    let mut bytes = [0u8; 32];
    getrandom::getrandom(&mut bytes)?;
    Ok(hex::encode(bytes))
}

/// Writes `text` to `file`, readable and writable by its owner only.
fn write_private(file: &Path, text: &str) -> anyhow::Result<()> {
    use std::os::unix::fs::OpenOptionsExt;
    let mut out = std::fs::OpenOptions::new()
        .write(true)
        .create(true)
        .truncate(true)
        .mode(0o600)
        .open(file)
        .with_context(|| format!("cannot write {}", file.display()))?;
    writeln!(out, "{text}")?;
    Ok(())
}

impl EmbeddedPostgres {
    /// Starts (creating if needed) the cluster under `folder`.
    pub fn start(folder: &Path, on_exit: OnExit) -> anyhow::Result<Self> {
        let runner = Runner::detect()?;
        std::fs::create_dir_all(folder)
            .with_context(|| format!("cannot create {}", folder.display()))?;
        let mut folder = folder.canonicalize()?;
        runner.hand_over(&folder)?;
        if !runner.can_use(&folder) {
            // As root, a parent folder the postgres user cannot search (such
            // as /root) hides the data from the server: keep it in a folder
            // of the temp dir named after the project folder instead.
            let fallback = std::env::temp_dir()
                .join(format!("registry-postgres-{:016x}", stable_hash(&folder)));
            tracing::warn!(
                folder = %folder.display(),
                fallback = %fallback.display(),
                "the postgres user cannot reach the data folder; using the fallback"
            );
            std::fs::create_dir_all(&fallback)?;
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
        let pgdata = folder.join("pgdata");
        let (secrets, new_secrets) = Secrets::load_or_create(&folder)?;
        runner.hand_over(&folder)?;
        let created = !pgdata.join("PG_VERSION").exists();
        if created {
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
        }

        // A server that died (killed, or the machine crashed) leaves its
        // lock file behind; PostgreSQL recovers from its log on the next
        // start once the lock is gone. A dead server whose parent never
        // reaped it still has a pid, so a zombie counts as dead.
        clear_stale_lock(&pgdata)?;
        // A server left running by an earlier run that could not stop it is
        // stopped first, so this run owns the one it starts.
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

        let port = free_port()?;
        let durability = match on_exit {
            OnExit::Keep => "-c fsync=on -c synchronous_commit=on -c full_page_writes=on",
            OnExit::Remove => "-c fsync=off",
        };
        let options = format!(
            "-p {port} -c listen_addresses=127.0.0.1 -c unix_socket_directories='' -c max_connections=200 {durability}"
        );
        let server = Server {
            pgdata: pgdata.clone(),
            log: folder.join("postgres.log"),
            options,
        };
        server.start(&runner)?;
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
            let Ok(text) = std::fs::read_to_string(&pid_file) else {
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

/// Runs PostgreSQL's programs, as the `postgres` user when we are root.
struct Runner {
    as_postgres_user: bool,
    bin_dir: Option<PathBuf>,
}

impl Runner {
    fn detect() -> anyhow::Result<Self> {
        let uid = Command::new("id")
            .arg("-u")
            .output()
            .context("cannot run `id -u`")?;
        let as_postgres_user = String::from_utf8_lossy(&uid.stdout).trim() == "0";
        let bin_dir = if which("initdb") {
            None
        } else {
            let found = std::fs::read_dir("/usr/lib/postgresql")
                .into_iter()
                .flatten()
                .flatten()
                .map(|entry| entry.path().join("bin"))
                .filter(|bin| bin.join("initdb").exists())
                .max();
            match found {
                Some(dir) => Some(dir),
                None => bail!(
                    "no PostgreSQL server programs found (initdb on PATH or under /usr/lib/postgresql); \
                     install PostgreSQL or set DATABASE_URL"
                ),
            }
        };
        Ok(Runner {
            as_postgres_user,
            bin_dir,
        })
    }

    fn program(&self, name: &str) -> PathBuf {
        match &self.bin_dir {
            Some(dir) => dir.join(name),
            None => PathBuf::from(name),
        }
    }

    fn command(&self, program: &str) -> Command {
        if self.as_postgres_user {
            let mut command = Command::new("runuser");
            command
                .args(["-u", "postgres", "--"])
                .arg(self.program(program));
            command
        } else {
            Command::new(self.program(program))
        }
    }

    /// Gives the folder to the `postgres` user, who must own the data.
    fn hand_over(&self, folder: &Path) -> anyhow::Result<()> {
        if self.as_postgres_user {
            let status = Command::new("chown")
                .args(["-R", "postgres:"])
                .arg(folder)
                .status()?;
            if !status.success() {
                bail!("cannot give {} to the postgres user", folder.display());
            }
        }
        Ok(())
    }

    /// Whether the user the server runs as can read and write `folder`.
    fn can_use(&self, folder: &Path) -> bool {
        if !self.as_postgres_user {
            return true;
        }
        Command::new("runuser")
            .args(["-u", "postgres", "--", "test", "-r"])
            .arg(folder)
            .args(["-a", "-w"])
            .arg(folder)
            .args(["-a", "-x"])
            .arg(folder)
            .stdin(Stdio::null())
            .status()
            .is_ok_and(|status| status.success())
    }

    fn run(&self, program: &str, args: &[&std::ffi::OsStr]) -> anyhow::Result<()> {
        let output = self
            .command(program)
            .args(args)
            .stdin(Stdio::null())
            .output()
            .with_context(|| format!("cannot run {program}"))?;
        if !output.status.success() {
            bail!(
                "{program} failed ({}): {}{}",
                output.status,
                String::from_utf8_lossy(&output.stdout),
                String::from_utf8_lossy(&output.stderr)
            );
        }
        Ok(())
    }

    fn succeeds(&self, program: &str, args: &[&std::ffi::OsStr]) -> bool {
        self.command(program)
            .args(args)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .is_ok_and(|status| status.success())
    }

    /// A shell that waits for its standard input to close, then stops the
    /// server (and removes the folder if asked). It runs in its own process
    /// group so that Ctrl-C in a terminal does not kill it before it has
    /// stopped the server.
    fn watchdog(
        &self,
        pgdata: &Path,
        folder: &Path,
        on_exit: OnExit,
    ) -> anyhow::Result<(Child, ChildStdin)> {
        use std::os::unix::process::CommandExt;

        let mut stop = self.command("pg_ctl");
        stop.args(["stop", "-m", "fast", "-D"]).arg(pgdata);
        let mut script = String::from("cat >/dev/null; ");
        script.push_str(&shell_words(&stop));
        script.push_str(" >/dev/null 2>&1");
        if on_exit == OnExit::Remove {
            script.push_str(&format!(
                "; rm -rf {}",
                shell_quote(&folder.to_string_lossy())
            ));
        }
        let mut child = Command::new("sh")
            .args(["-c", &script])
            .stdin(Stdio::piped())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .process_group(0)
            .spawn()
            .context("cannot start the PostgreSQL watchdog")?;
        let mut stdin = child.stdin.take().expect("piped stdin");
        stdin.flush()?;
        Ok((child, stdin))
    }
}

/// Whether process `pid` is running: it exists and is not a zombie.
fn is_alive(pid: i32) -> bool {
    std::fs::read_to_string(format!("/proc/{pid}/stat")).is_ok_and(|stat| {
        // pid (comm) state …: the state follows the last ')'.
        stat.rsplit_once(')')
            .and_then(|(_, rest)| rest.split_whitespace().next())
            .is_some_and(|state| state != "Z" && state != "X")
    })
}

/// Removes the lock file of a server that is no longer running.
fn clear_stale_lock(pgdata: &Path) -> anyhow::Result<()> {
    let lock = pgdata.join("postmaster.pid");
    let Ok(text) = std::fs::read_to_string(&lock) else {
        return Ok(());
    };
    let pid: Option<i32> = text.lines().next().and_then(|line| line.trim().parse().ok());
    if pid.is_some_and(is_alive) {
        return Ok(());
    }
    tracing::warn!(
        "the previous PostgreSQL server in {} died; it recovers from its log now",
        pgdata.display()
    );
    std::fs::remove_file(&lock).with_context(|| format!("cannot remove {}", lock.display()))
}

fn which(program: &str) -> bool {
    std::env::var_os("PATH")
        .map(|paths| std::env::split_paths(&paths).any(|dir| dir.join(program).is_file()))
        .unwrap_or(false)
}

fn free_port() -> anyhow::Result<u16> {
    let listener = TcpListener::bind("127.0.0.1:0").context("cannot find a free port")?;
    Ok(listener.local_addr()?.port())
}

/// A hash of a path that is the same from one run to the next.
fn stable_hash(path: &Path) -> u64 {
    // FNV-1a: tiny, and unlike std's RandomState, not seeded per process.
    path.as_os_str()
        .as_encoded_bytes()
        .iter()
        .fold(0xcbf2_9ce4_8422_2325, |hash, byte| {
            (hash ^ u64::from(*byte)).wrapping_mul(0x0100_0000_01b3)
        })
}

fn shell_quote(word: &str) -> String {
    format!("'{}'", word.replace('\'', r"'\''"))
}

fn shell_words(command: &Command) -> String {
    std::iter::once(command.get_program())
        .chain(command.get_args())
        .map(|word| shell_quote(&word.to_string_lossy()))
        .collect::<Vec<_>>()
        .join(" ")
}
