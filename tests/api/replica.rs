//! Reads on a streaming replica: a real standby of the test cluster, made
//! with `pg_basebackup`, serves an instance's reads; a write reaches them once
//! the standby has replayed it, and at once for a client that asks for its
//! data version.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

use crate::helpers::*;

/// A hot standby of the test cluster, stopped and removed when dropped.
struct Standby {
    folder: PathBuf,
    port: u16,
    as_postgres: bool,
    bin: PathBuf,
}

impl Standby {
    /// Copies the running cluster with `pg_basebackup` and starts it as a
    /// standby that streams from it.
    fn start(primary_admin_url: &str) -> Standby {
        let as_postgres = String::from_utf8(Command::new("id").arg("-u").output().unwrap().stdout)
            .unwrap()
            .trim()
            == "0";
        let bin = ["/usr/lib/postgresql/15/bin", "/usr/lib/postgresql/16/bin"]
            .iter()
            .map(PathBuf::from)
            .find(|dir| dir.join("pg_basebackup").exists())
            .unwrap_or_default();
        let folder = std::env::temp_dir().join(format!(
            "registry-standby-{}",
            uuid::Uuid::new_v4().simple()
        ));
        std::fs::create_dir_all(&folder).unwrap();
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .and_then(|listener| listener.local_addr())
            .unwrap()
            .port();
        let standby = Standby {
            folder,
            port,
            as_postgres,
            bin,
        };
        if as_postgres {
            standby.run(
                "chown",
                &["postgres", standby.folder.to_str().unwrap()],
                false,
            );
        }
        let pgdata = standby.folder.join("pgdata");
        let pgdata = pgdata.to_str().unwrap();
        standby.run(
            "pg_basebackup",
            &[
                "-d",
                primary_admin_url,
                "-D",
                pgdata,
                "-R",
                "-X",
                "stream",
                "-c",
                "fast",
            ],
            true,
        );
        let options = format!(
            "-p {port} -c listen_addresses=127.0.0.1 -c unix_socket_directories='' -c hot_standby=on -c fsync=off -c max_connections=200"
        );
        let log = standby.folder.join("log");
        standby.run(
            "pg_ctl",
            &[
                "-D",
                pgdata,
                "-l",
                log.to_str().unwrap(),
                "-o",
                &options,
                "-w",
                "start",
            ],
            true,
        );
        standby
    }

    /// One of PostgreSQL's programs, run as the postgres user when we are
    /// root.
    fn postgres_command(&self, name: &str) -> Command {
        let path = self.bin.join(name);
        let program = if path.exists() {
            path.to_string_lossy().into_owned()
        } else {
            name.to_owned()
        };
        if self.as_postgres {
            let mut command = Command::new("runuser");
            command.args(["-u", "postgres", "--", &program]);
            command
        } else {
            Command::new(program)
        }
    }

    /// Runs `program` (one of PostgreSQL's if `postgres`) and asserts that it
    /// succeeds.
    fn run(&self, program: &str, args: &[&str], postgres: bool) {
        let mut command = if postgres {
            self.postgres_command(program)
        } else {
            Command::new(program)
        };
        let output = command
            .args(args)
            .current_dir(Path::new("/"))
            .output()
            .unwrap();
        assert!(
            output.status.success(),
            "{program} {args:?}: {}",
            String::from_utf8_lossy(&output.stderr)
        );
    }
}

impl Drop for Standby {
    fn drop(&mut self) {
        let pgdata = self.folder.join("pgdata");
        let pgdata = pgdata.to_str().unwrap().to_owned();
        let _ = self
            .postgres_command("pg_ctl")
            .args(["-D", &pgdata, "-m", "immediate", "stop"])
            .output();
        if std::thread::panicking() {
            let log = std::fs::read_to_string(self.folder.join("log")).unwrap_or_default();
            eprintln!("the standby's log:\n{log}");
        }
        let _ = std::fs::remove_dir_all(&self.folder);
    }
}

async fn seat(app: &TestApp, version: Option<&str>) -> (Value, String) {
    let mut request = app.client.get(format!(
        "{}/v1/agencies/{GENDER_EQUALITY_AGENCY}",
        app.address
    ));
    if let Some(version) = version {
        request = request.header("min-data-version", version);
    }
    let response = request.send().await.unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    let version = header(&response, "data-version");
    (
        response.json::<Value>().await.unwrap()["seat"].clone(),
        version,
    )
}

#[tokio::test]
async fn reads_on_a_replica_see_a_write_once_replayed_or_at_once_when_asked() {
    let app = TestApp::spawn().await;
    let Some(admin_url) = private_cluster_admin_url("postgres") else {
        eprintln!("skipped: the tests run on DATABASE_URL, not on a cluster of their own to copy");
        return;
    };
    let standby = Standby::start(&admin_url);
    let standby_admin = admin_url.replace(
        &format!(":{}/", private_cluster_port().unwrap()),
        &format!(":{}/", standby.port),
    );
    let standby_sql = |sql: &'static str| {
        let url = standby_admin.clone();
        async move {
            let pool = sqlx::PgPool::connect(&url).await.unwrap();
            sqlx::query(sql).execute(&pool).await.unwrap();
            pool.close().await;
        }
    };
    let replicated = app.reading_from(standby.port).await;
    let (before, _) = seat(&replicated, None).await;
    assert_ne!(before, "Angered");

    standby_sql("select pg_wal_replay_pause()").await;
    let token = replicated.writer().await;
    let response = replicated
        .send(
            Method::PATCH,
            &format!("/v1/agencies/{GENDER_EQUALITY_AGENCY}"),
            &token,
            &json!({"seat": "Angered"}),
        )
        .await;
    assert_eq!(response.status(), StatusCode::OK);
    let written = header(&response, "data-version");

    tokio::time::sleep(Duration::from_millis(200)).await;
    assert_eq!(
        seat(&replicated, None).await.0,
        before,
        "reads come from the standby, which has not replayed the write"
    );
    let (mine, version) = seat(&replicated, Some(&written)).await;
    assert_eq!(
        mine, "Angered",
        "a read that asks for the write's version sees it"
    );
    assert!(version.parse::<i64>().unwrap() >= written.parse::<i64>().unwrap());
    assert_eq!(
        app.agency(GENDER_EQUALITY_AGENCY).await["seat"],
        "Angered",
        "the primary has it"
    );

    standby_sql("select pg_wal_replay_resume()").await;
    let resumed = Instant::now();
    while seat(&replicated, None).await.0 != "Angered" {
        assert!(
            resumed.elapsed() < Duration::from_secs(5),
            "the standby replays the write and the instance reads it"
        );
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
}
