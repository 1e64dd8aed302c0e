//! Running PostgreSQL's programs (as the `postgres` user when we are root),
//! and what the cluster needs of the operating system: processes, ports,
//! folders.

use std::io::Write;
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, Stdio};

use anyhow::{bail, Context};

use super::OnExit;

/// Runs PostgreSQL's programs, as the `postgres` user when we are root.
pub(super) struct Runner {
    as_postgres_user: bool,
    bin_dir: Option<PathBuf>,
}

impl Runner {
    pub(super) fn detect() -> anyhow::Result<Self> {
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

    pub(super) fn program(&self, name: &str) -> PathBuf {
        match &self.bin_dir {
            Some(dir) => dir.join(name),
            None => PathBuf::from(name),
        }
    }

    pub(super) fn command(&self, program: &str) -> Command {
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
    pub(super) fn hand_over(&self, folder: &Path) -> anyhow::Result<()> {
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
    pub(super) fn can_use(&self, folder: &Path) -> bool {
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

    pub(super) fn run(&self, program: &str, args: &[&std::ffi::OsStr]) -> anyhow::Result<()> {
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

    pub(super) fn succeeds(&self, program: &str, args: &[&std::ffi::OsStr]) -> bool {
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
    pub(super) fn watchdog(
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
pub(super) fn is_alive(pid: i32) -> bool {
    std::fs::read_to_string(format!("/proc/{pid}/stat")).is_ok_and(|stat| {
        // pid (comm) state …: the state follows the last ')'.
        stat.rsplit_once(')')
            .and_then(|(_, rest)| rest.split_whitespace().next())
            .is_some_and(|state| state != "Z" && state != "X")
    })
}

/// Removes the lock file of a server that is no longer running.
pub(super) fn clear_stale_lock(pgdata: &Path) -> anyhow::Result<()> {
    let lock = pgdata.join("postmaster.pid");
    let Ok(text) = std::fs::read_to_string(&lock) else {
        return Ok(());
    };
    let pid: Option<i32> = text
        .lines()
        .next()
        .and_then(|line| line.trim().parse().ok());
    if pid.is_some_and(is_alive) {
        return Ok(());
    }
    tracing::warn!(
        "the previous PostgreSQL server in {} died; it recovers from its log now",
        pgdata.display()
    );
    std::fs::remove_file(&lock).with_context(|| format!("cannot remove {}", lock.display()))
}

pub(super) fn which(program: &str) -> bool {
    std::env::var_os("PATH")
        .map(|paths| std::env::split_paths(&paths).any(|dir| dir.join(program).is_file()))
        .unwrap_or(false)
}

pub(super) fn free_port() -> anyhow::Result<u16> {
    let listener = TcpListener::bind("127.0.0.1:0").context("cannot find a free port")?;
    Ok(listener.local_addr()?.port())
}

/// A hash of a path that is the same from one run to the next.
pub(super) fn stable_hash(path: &Path) -> u64 {
    // FNV-1a: tiny, and unlike std's RandomState, not seeded per process.
    path.as_os_str()
        .as_encoded_bytes()
        .iter()
        .fold(0xcbf2_9ce4_8422_2325, |hash, byte| {
            (hash ^ u64::from(*byte)).wrapping_mul(0x0100_0000_01b3)
        })
}

pub(super) fn shell_quote(word: &str) -> String {
    format!("'{}'", word.replace('\'', r"'\''"))
}

pub(super) fn shell_words(command: &Command) -> String {
    std::iter::once(command.get_program())
        .chain(command.get_args())
        .map(|word| shell_quote(&word.to_string_lossy()))
        .collect::<Vec<_>>()
        .join(" ")
}
