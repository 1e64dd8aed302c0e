//! A private PostgreSQL cluster, started by the program itself when no
//! `DATABASE_URL` is given: for a newcomer's first run and for the tests.
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

/// What happens to the cluster's folder when the process ends.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OnExit {
    /// Stop the server and keep the data (the development server).
    Keep,
    /// Stop the server and remove its folder (the tests).
    Remove,
}

/// A running cluster. Dropping it (or exiting) stops the server.
pub struct EmbeddedPostgres {
    port: u16,
    watchdog: Option<(Child, ChildStdin)>,
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

        if !pgdata.join("PG_VERSION").exists() {
            tracing::info!(folder = %folder.display(), "creating a private PostgreSQL cluster");
            runner.run(
                "initdb",
                &[
                    "-D".as_ref(),
                    pgdata.as_os_str(),
                    "-U".as_ref(),
                    "postgres".as_ref(),
                    "--auth=trust".as_ref(),
                    "-E".as_ref(),
                    "UTF8".as_ref(),
                    "--locale=C.UTF-8".as_ref(),
                    "--no-sync".as_ref(),
                ],
            )?;
        }

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
        let options = format!(
            "-p {port} -c listen_addresses=127.0.0.1 -c unix_socket_directories='' -c fsync=off -c max_connections=200"
        );
        let log = folder.join("postgres.log");
        runner
            .run(
                "pg_ctl",
                &[
                    "start".as_ref(),
                    "-w".as_ref(),
                    "-t".as_ref(),
                    "60".as_ref(),
                    "-D".as_ref(),
                    pgdata.as_os_str(),
                    "-l".as_ref(),
                    log.as_os_str(),
                    "-o".as_ref(),
                    options.as_ref(),
                ],
            )
            .with_context(|| format!("PostgreSQL did not start; its log is {}", log.display()))?;
        tracing::info!(port, "private PostgreSQL is running");

        let watchdog = runner.watchdog(&pgdata, &folder, on_exit)?;
        Ok(EmbeddedPostgres {
            port,
            watchdog: Some(watchdog),
        })
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
                if Path::new(&format!("/proc/{pid}")).exists() {
                    return Ok(EmbeddedPostgres {
                        port,
                        watchdog: None,
                    });
                }
            }
        }
        Self::start(folder, OnExit::Keep)
    }

    /// Connection URL for `database` as the superuser `postgres`.
    pub fn url(&self, database: &str) -> String {
        format!("postgres://postgres@127.0.0.1:{}/{database}", self.port)
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
