//! Nothing acknowledged is lost: under a write load, the API and the
//! PostgreSQL postmaster are killed with SIGKILL; the API is started again as
//! `cargo run` starts it, and every write that was answered 2xx is there, by
//! the change feed and by the answers the client kept.

use std::collections::BTreeSet;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use serde_json::{json, Value};

/// The API binary, started as `cargo run` starts it, on its private
/// cluster in `data`.
fn start_api(data: &Path, port: u16) -> Child {
    Command::new(env!("CARGO_BIN_EXE_registry"))
        .env_remove("DATABASE_URL")
        .env("REGISTRY_DATA_DIR", data)
        .env("PORT", port.to_string())
        .env("RUST_LOG", "warn")
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("the API starts")
}

async fn until_ready(client: &reqwest::Client, address: &str) {
    let start = Instant::now();
    while start.elapsed() < Duration::from_secs(120) {
        if let Ok(response) = client.get(format!("{address}/health/ready")).send().await {
            if response.status().is_success() {
                return;
            }
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("the API at {address} was not ready within 120 s");
}

fn kill(pid: u32) {
    let status = Command::new("kill")
        .args(["-9", &pid.to_string()])
        .status()
        .unwrap();
    assert!(status.success(), "kill -9 {pid}");
}

/// The slugs of every source the change feed says was created.
async fn sources_in_the_feed(client: &reqwest::Client, address: &str) -> BTreeSet<String> {
    let mut slugs = BTreeSet::new();
    let mut after = "0".to_owned();
    loop {
        let page: Value = client
            .get(format!("{address}/v1/changes?after={after}&limit=100"))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        for change in page["items"].as_array().unwrap() {
            if change["entity"] == "sources" && change["before"].is_null() {
                slugs.insert(change["after"]["slug"].as_str().unwrap().to_owned());
            }
        }
        after = page["next_cursor"].as_str().unwrap().to_owned();
        if page["has_more"] != true {
            return slugs;
        }
    }
}

#[tokio::test]
async fn every_acknowledged_write_survives_a_kill_of_the_api_and_of_postgres() {
    let data = std::env::temp_dir().join(format!("registry-crash-{}", uuid::Uuid::new_v4()));
    std::fs::create_dir_all(&data).unwrap();
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let address = format!("http://127.0.0.1:{port}");
    let client = reqwest::Client::builder()
        .timeout(Duration::from_secs(5))
        .build()
        .unwrap();

    let mut api = start_api(&data, port);
    until_ready(&client, &address).await;
    let minted = Command::new(env!("CARGO_BIN_EXE_registry"))
        .args(["token", "mint", "--name", "crash", "--scope", "admin"])
        .env_remove("DATABASE_URL")
        .env("REGISTRY_DATA_DIR", &data)
        .output()
        .expect("a token is minted");
    assert!(
        minted.status.success(),
        "{}",
        String::from_utf8_lossy(&minted.stderr)
    );
    let token = String::from_utf8(minted.stdout).unwrap().trim().to_owned();

    // Eight writers register sources as fast as they are answered, and keep
    // the slug of every write answered 2xx.
    let acknowledged = Arc::new(Mutex::new(BTreeSet::new()));
    let mut writers = Vec::new();
    for writer in 0..8 {
        let (client, address, token) = (client.clone(), address.clone(), token.clone());
        let acknowledged = acknowledged.clone();
        writers.push(tokio::spawn(async move {
            for n in 0.. {
                let slug = format!("crash-{writer}-{n}");
                let body = json!({ "slug": slug, "title": "Written under load", "published_on": "2026-11-28" });
                match client
                    .post(format!("{address}/v1/sources"))
                    .bearer_auth(&token)
                    .json(&body)
                    .send()
                    .await
                {
                    Ok(response) if response.status().is_success() => {
                        acknowledged.lock().unwrap().insert(slug);
                    }
                    Ok(_) => {}
                    Err(_) => return,
                }
            }
        }));
    }
    tokio::time::sleep(Duration::from_millis(1500)).await;

    // Both at once, in the middle of the load.
    let pid_file = std::fs::read_to_string(data.join("postgres/pgdata/postmaster.pid"))
        .expect("the postmaster's pid");
    let postmaster: u32 = pid_file.lines().next().unwrap().trim().parse().unwrap();
    kill(postmaster);
    kill(api.id());
    let _ = api.wait();
    for writer in writers {
        let _ = tokio::time::timeout(Duration::from_secs(10), writer).await;
    }
    let acknowledged = acknowledged.lock().unwrap().clone();
    assert!(
        acknowledged.len() > 10,
        "the load wrote: {}",
        acknowledged.len()
    );

    let mut api = start_api(&data, port);
    until_ready(&client, &address).await;
    let in_feed = sources_in_the_feed(&client, &address).await;
    let mut missing = Vec::new();
    for slug in &acknowledged {
        let response = client
            .get(format!("{address}/v1/sources/{slug}"))
            .send()
            .await
            .unwrap();
        if response.status() != reqwest::StatusCode::OK || !in_feed.contains(slug) {
            missing.push(slug.clone());
        }
    }
    let unacknowledged = in_feed
        .iter()
        .filter(|slug| slug.starts_with("crash-") && !acknowledged.contains(*slug))
        .count();
    eprintln!(
        "crash: {} writes acknowledged, {} found after the restart, {} missing; {} more in the feed (committed, answer lost in the kill)",
        acknowledged.len(),
        acknowledged.len() - missing.len(),
        missing.len(),
        unacknowledged
    );
    assert!(missing.is_empty(), "acknowledged but lost: {missing:?}");

    // Stop it as a user would (SIGTERM), so that it stops its cluster.
    Command::new("kill")
        .args(["-TERM", &api.id().to_string()])
        .status()
        .unwrap();
    let _ = api.wait();
    let _ = std::fs::remove_dir_all(&data);
}
