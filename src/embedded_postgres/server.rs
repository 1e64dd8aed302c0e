//! Starting the private cluster's server: on a port that was free a moment
//! ago, and on another when someone took it in between.

use std::fs;
use std::path::{Path, PathBuf};

use anyhow::Context;

use super::runner::{free_port, Runner};
use super::OnExit;

/// How to start the server: its data, its log and its options.
pub(super) struct Server {
    pub(super) pgdata: PathBuf,
    log: PathBuf,
    options: String,
}

impl Server {
    pub(super) fn start(&self, runner: &Runner) -> anyhow::Result<()> {
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

/// Starts the server on a port that was free a moment ago. Another process
/// can take it in between; PostgreSQL then cannot bind and says so in its
/// log, and the next free port is tried (three in all).
pub(super) fn start_on_a_free_port(
    runner: &Runner,
    folder: &Path,
    pgdata: &Path,
    on_exit: OnExit,
) -> anyhow::Result<(u16, Server)> {
    let durability = match on_exit {
        OnExit::Keep => "-c fsync=on -c synchronous_commit=on -c full_page_writes=on",
        OnExit::Remove => "-c fsync=off",
    };
    let log = folder.join("postgres.log");
    let mut retries = 0..2;
    loop {
        let port = free_port()?;
        let server = Server {
            pgdata: pgdata.to_owned(),
            log: log.clone(),
            options: format!(
                "-p {port} -c listen_addresses=127.0.0.1 -c unix_socket_directories='' -c max_connections=200 {durability}"
            ),
        };
        let logged_before = fs::metadata(&log).map_or(0, |metadata| metadata.len());
        match server.start(runner) {
            Ok(()) => return Ok((port, server)),
            Err(_) if port_taken(&log, logged_before) && retries.next().is_some() => {
                tracing::warn!(
                    port,
                    "port taken before PostgreSQL bound it; trying another"
                );
            }
            Err(error) => return Err(error),
        }
    }
}

/// Whether what PostgreSQL logged after byte `from` says its port was taken.
fn port_taken(log: &Path, from: u64) -> bool {
    fs::read(log).is_ok_and(|text| {
        let start = usize::try_from(from).unwrap_or(usize::MAX).min(text.len());
        String::from_utf8_lossy(&text[start..]).contains("Address already in use")
    })
}
