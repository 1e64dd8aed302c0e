//! The private PostgreSQL that `cargo run` starts: only the registry can
//! reach it, the API is not a superuser there, and what it keeps is durable.

use registry::embedded_postgres::{EmbeddedPostgres, OnExit, OWNER};
use sqlx::{Connection, PgConnection};

use crate::helpers::*;

#[tokio::test]
async fn the_private_cluster_refuses_connections_without_the_secret() {
    let Some(port) = private_cluster_port() else {
        eprintln!("skipped: the tests run on DATABASE_URL, not on a private cluster");
        return;
    };
    for user in ["postgres", OWNER] {
        for password in ["", ":not-the-secret"] {
            let url = format!("postgres://{user}{password}@127.0.0.1:{port}/postgres");
            let error = PgConnection::connect(&url)
                .await
                .expect_err("a connection without the secret is refused");
            let code = error
                .as_database_error()
                .and_then(|error| error.code())
                .map(|code| code.into_owned());
            // 28P01: invalid_password (also when none was given).
            assert_eq!(code.as_deref(), Some("28P01"), "{user}{password}: {error}");
        }
    }
}

#[tokio::test]
async fn the_api_connects_as_a_role_that_owns_its_database_and_is_not_a_superuser() {
    let app = TestApp::spawn().await;
    let (superuser, owns): (bool, bool) = sqlx::query_as(
        "select r.rolsuper, d.datdba = r.oid
         from pg_roles r, pg_database d
         where r.rolname = current_user and d.datname = current_database()",
    )
    .fetch_one(&app.pool)
    .await
    .unwrap();
    assert!(!superuser, "the API's role is not a superuser");
    assert!(owns, "the API's role owns its database");
}

#[tokio::test]
async fn a_kept_cluster_is_durable_and_a_throwaway_one_is_not() {
    let folder = std::env::temp_dir().join(format!("registry-durability-{}", uuid::Uuid::new_v4()));
    let kept = EmbeddedPostgres::start(&folder, OnExit::Keep).expect("a kept cluster starts");
    let mut connection = PgConnection::connect(&kept.url("postgres")).await.unwrap();
    for (setting, expected) in [
        ("fsync", "on"),
        ("synchronous_commit", "on"),
        ("full_page_writes", "on"),
    ] {
        let value: String = sqlx::query_scalar(&format!("show {setting}"))
            .fetch_one(&mut connection)
            .await
            .unwrap();
        assert_eq!(value, expected, "{setting} of a kept cluster");
    }
    connection.close().await.unwrap();
    kept.stop();
    let _ = std::fs::remove_dir_all(&folder);

    if let Some(port) = private_cluster_port() {
        let app = TestApp::spawn().await;
        let fsync: String = sqlx::query_scalar("show fsync")
            .fetch_one(&app.pool)
            .await
            .unwrap();
        assert_eq!(
            fsync, "off",
            "the tests' throw-away cluster on port {port} relaxes fsync"
        );
    }
}
