//! The test harness: every test gets the real server on a free port, backed
//! by a fresh PostgreSQL database of its own with the migrations applied and
//! the founding case loaded, dropped when the test ends.
//!
//! With `DATABASE_URL` set, test databases are created on that server;
//! without it, one private cluster is started for the whole test run (and
//! removed when the run ends).

use std::str::FromStr;
use std::sync::{Mutex, Once, OnceLock};

use registry::embedded_postgres::{EmbeddedPostgres, OnExit};
use registry::settings::Settings;
use registry::startup::Application;
use reqwest::StatusCode;
use serde_json::Value;
use sqlx::postgres::PgConnectOptions;
use sqlx::{ConnectOptions, Connection, PgPool};

/// The server test databases live on: reached as a superuser to create
/// them, and as the role the API uses (which owns them) to use them.
struct TestServer {
    admin: PgConnectOptions,
    app: PgConnectOptions,
    /// `app` as a URL, with `{database}` where the database's name goes.
    app_url: String,
    _embedded: Option<EmbeddedPostgres>,
}

/// Every line the servers of this test run log, as JSON (see [`logged`]).
fn log_lines() -> &'static Mutex<Vec<u8>> {
    static LINES: OnceLock<Mutex<Vec<u8>>> = OnceLock::new();
    LINES.get_or_init(|| Mutex::new(Vec::new()))
}

/// Writes log lines into [`log_lines`].
struct LogWriter;

impl std::io::Write for LogWriter {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        log_lines()
            .lock()
            .expect("the log")
            .extend_from_slice(bytes);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// The lines logged while answering the request with this `x-request-id`,
/// each a JSON object with its `level`, `fields` and `spans`.
pub fn logged(request_id: &str) -> Vec<Value> {
    let lines = log_lines().lock().expect("the log").clone();
    String::from_utf8_lossy(&lines)
        .lines()
        .filter(|line| line.contains(request_id))
        .map(|line| serde_json::from_str(line).expect("a JSON log line"))
        .collect()
}

/// Everything the servers of this run have logged so far, as text.
pub fn all_logs() -> String {
    String::from_utf8_lossy(&log_lines().lock().expect("the log")).into_owned()
}

fn test_server() -> &'static TestServer {
    static SERVER: OnceLock<TestServer> = OnceLock::new();
    static LOGS: Once = Once::new();
    LOGS.call_once(|| {
        let subscriber = tracing_subscriber::fmt()
            .json()
            .with_current_span(true)
            .with_span_list(true)
            .with_max_level(tracing::Level::DEBUG)
            .with_writer(|| LogWriter)
            .finish();
        tracing::subscriber::set_global_default(subscriber).expect("one subscriber per run");
    });
    SERVER.get_or_init(|| match std::env::var("DATABASE_URL") {
        Ok(url) if !url.is_empty() => {
            let options =
                PgConnectOptions::from_str(&url).expect("DATABASE_URL is a PostgreSQL URL");
            TestServer {
                admin: options.clone(),
                app: options,
                app_url: with_database_placeholder(&url),
                _embedded: None,
            }
        }
        _ => {
            let folder =
                std::env::temp_dir().join(format!("registry-tests-{}", std::process::id()));
            let embedded = EmbeddedPostgres::start(&folder, OnExit::Remove)
                .expect("the test PostgreSQL starts");
            TestServer {
                admin: PgConnectOptions::from_str(&embedded.admin_url("postgres"))
                    .expect("a valid URL"),
                app: PgConnectOptions::from_str(&embedded.url("postgres")).expect("a valid URL"),
                app_url: with_database_placeholder(&embedded.url("postgres")),
                _embedded: Some(embedded),
            }
        }
    })
}

/// The port of the private cluster the tests run on, if they run on one
/// (not on `DATABASE_URL`).
pub fn private_cluster_port() -> Option<u16> {
    test_server()._embedded.as_ref().map(EmbeddedPostgres::port)
}

/// The superuser's URL of the private cluster the tests run on, if they run
/// on one, for `database`.
pub fn private_cluster_admin_url(database: &str) -> Option<String> {
    test_server()
        ._embedded
        .as_ref()
        .map(|embedded| embedded.admin_url(database))
}

/// `url` with its database's name replaced by `{database}`.
fn with_database_placeholder(url: &str) -> String {
    let (server, rest) = url.rsplit_once('/').expect("a URL with a database");
    let query = rest.find('?').map_or("", |at| &rest[at..]);
    format!("{server}/{{database}}{query}")
}

/// Creates a database owned by the API's role, empty or as a copy of
/// `template`.
async fn create_database(template: Option<&str>) -> String {
    let server = test_server();
    let database = format!("registry_test_{}", uuid::Uuid::new_v4().simple());
    let mut admin = server
        .admin
        .connect()
        .await
        .expect("connect to the test server");
    let owner = server.app.get_username();
    let template = template.map_or(String::new(), |t| format!(r#" template "{t}""#));
    sqlx::query(&format!(
        r#"create database "{database}" owner "{owner}"{template}"#
    ))
    .execute(&mut admin)
    .await
    .expect("create database");
    admin.close().await.expect("close");
    database
}

async fn connect(database: &str) -> PgPool {
    let options = test_server().app.clone().database(database);
    sqlx::postgres::PgPoolOptions::new()
        .max_connections(5)
        .connect_with(options)
        .await
        .expect("connect to the test database")
}

/// The template database with the founding case and the national registers
/// loaded, prepared on first use (on a runtime of its own, since each test
/// has its own) and left without connections so it can be copied.
fn national_template() -> &'static str {
    static TEMPLATE: OnceLock<String> = OnceLock::new();
    TEMPLATE.get_or_init(|| {
        std::thread::spawn(|| {
            let runtime = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .expect("a runtime");
            runtime.block_on(async {
                let database = create_database(None).await;
                let pool = connect(&database).await;
                registry::startup::prepare_database(&pool, true, true)
                    .await
                    .expect("migrate and load the founding case and the national registers");
                pool.close().await;
                database
            })
        })
        .join()
        .expect("the template is prepared")
    })
}

pub struct TestApp {
    pub address: String,
    pub client: reqwest::Client,
    pub pool: PgPool,
    database: String,
}

impl TestApp {
    /// Starts the server on a fresh database holding the founding case.
    pub async fn spawn() -> TestApp {
        let database = create_database(None).await;
        let pool = connect(&database).await;
        registry::startup::prepare_database(&pool, true, false)
            .await
            .expect("migrate and load the founding case");
        Self::serve(pool, database).await
    }

    /// Starts the server on a fresh database holding the founding case and
    /// the national agency registers: a copy of a template prepared once
    /// per test run, so the import runs once.
    pub async fn spawn_national() -> TestApp {
        let template = national_template();
        let database = create_database(Some(template)).await;
        let pool = connect(&database).await;
        Self::serve(pool, database).await
    }

    /// Starts the server on a database that was migrated up to the
    /// migration `version` when `writes` (SQL, each string one transaction)
    /// wrote into it, and is then migrated to now: for a migration that
    /// corrects what a registry already records.
    pub async fn spawn_upgraded(version: i64, writes: &[&str]) -> TestApp {
        let database = create_database(None).await;
        let pool = connect(&database).await;
        let older = std::env::temp_dir().join(format!("migrations-{}", uuid::Uuid::new_v4()));
        std::fs::create_dir_all(&older).unwrap();
        let migrations = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("migrations");
        for entry in std::fs::read_dir(migrations).unwrap() {
            let entry = entry.unwrap();
            let name = entry.file_name().into_string().unwrap();
            let number: i64 = name.split('_').next().unwrap().parse().unwrap();
            if number <= version {
                std::fs::copy(entry.path(), older.join(&name)).unwrap();
            }
        }
        sqlx::migrate::Migrator::new(older.as_path())
            .await
            .expect("the older migrations")
            .run(&pool)
            .await
            .expect("migrate up to the older version");
        std::fs::remove_dir_all(&older).unwrap();
        for write in writes {
            sqlx::raw_sql(write)
                .execute(&pool)
                .await
                .unwrap_or_else(|error| panic!("{write}: {error}"));
        }
        registry::db::MIGRATOR
            .run(&pool)
            .await
            .expect("migrate to now");
        Self::serve(pool, database).await
    }

    async fn serve(pool: PgPool, database: String) -> TestApp {
        let settings = Settings {
            port: 0,
            ..Settings::from_lookup(|_| None).expect("default settings")
        };
        Self::serve_with(&settings, pool, database)
    }

    fn serve_with(settings: &Settings, pool: PgPool, database: String) -> TestApp {
        let application =
            Application::build(settings, pool.clone()).expect("build the application");
        let address = format!("http://127.0.0.1:{}", application.port());
        tokio::spawn(application.run_until_stopped(std::future::pending()));

        TestApp {
            address,
            client: reqwest::Client::new(),
            pool,
            database,
        }
    }

    /// Another server on this test's database, published at `base`
    /// (`PUBLIC_BASE_URL`).
    pub fn published_at(&self, base: &str) -> TestApp {
        let settings = Settings {
            port: 0,
            public_base_url: Some(base.parse().expect("a public base")),
            ..Settings::from_lookup(|_| None).expect("default settings")
        };
        Self::serve_with(&settings, self.pool.clone(), self.database.clone())
    }

    /// Another server on this test's database whose reads go to the same
    /// database on the server at `127.0.0.1:port` (a replica).
    pub async fn reading_from(&self, port: u16) -> TestApp {
        let url = self.database_url().replace(
            &format!(":{}/", private_cluster_port().expect("a private cluster")),
            &format!(":{port}/"),
        );
        let reads = registry::db::ReadPool {
            pool: sqlx::postgres::PgPoolOptions::new()
                .max_connections(5)
                .connect(&url)
                .await
                .expect("connect to the replica"),
            replica: true,
        };
        let settings = Settings {
            port: 0,
            ..Settings::from_lookup(|_| None).expect("default settings")
        };
        let application = Application::build_with_reads(&settings, self.pool.clone(), reads)
            .expect("build the application");
        let address = format!("http://127.0.0.1:{}", application.port());
        tokio::spawn(application.run_until_stopped(std::future::pending()));
        TestApp {
            address,
            client: reqwest::Client::new(),
            pool: self.pool.clone(),
            database: self.database.clone(),
        }
    }

    /// A connection to this test's database as the superuser, for what only
    /// a superuser may ask (such as tracking function calls).
    pub async fn admin_connection(&self) -> sqlx::PgConnection {
        test_server()
            .admin
            .clone()
            .database(&self.database)
            .connect()
            .await
            .expect("connect to the test database as the superuser")
    }

    /// A pool of one connection to this test's database: what one session
    /// keeps (its plans) is there for the next read.
    pub async fn one_connection(&self) -> sqlx::PgPool {
        sqlx::postgres::PgPoolOptions::new()
            .max_connections(1)
            .connect(&self.database_url())
            .await
            .expect("connect to the test database")
    }

    /// The URL of this test's database, for another process to use.
    pub fn database_url(&self) -> String {
        test_server().app_url.replace("{database}", &self.database)
    }

    pub async fn get(&self, path: &str) -> reqwest::Response {
        self.client
            .get(format!("{}{path}", self.address))
            .send()
            .await
            .expect("request sent")
    }

    /// GETs `path`, asserts 200 and JSON, and returns the body.
    /// GETs `path` with one request header (`accept`, `if-none-match` …).
    pub async fn get_with(&self, path: &str, name: &str, value: &str) -> reqwest::Response {
        self.client
            .get(format!("{}{path}", self.address))
            .header(name, value)
            .send()
            .await
            .expect("request sent")
    }

    pub async fn get_json(&self, path: &str) -> Value {
        let response = self.get(path).await;
        let status = response.status();
        let content_type = header(&response, "content-type");
        let body = response.text().await.expect("a body");
        assert_eq!(status, StatusCode::OK, "GET {path}: {body}");
        assert_eq!(content_type, "application/json", "GET {path}");
        serde_json::from_str(&body).expect("a JSON body")
    }

    /// GETs `path`, asserts `status` and a problem+json body, and returns it.
    pub async fn get_problem(&self, path: &str, status: StatusCode) -> Value {
        let response = self.get(path).await;
        assert_problem(response, status, &format!("GET {path}")).await
    }

    /// Mints a token with `scopes` directly in the database, as
    /// `registry token mint` does.
    pub async fn token(&self, scopes: &[registry::auth::Scope]) -> String {
        self.token_for(scopes, &[]).await
    }

    /// A token with `scopes` for the agencies with these slugs.
    pub async fn token_for(&self, scopes: &[registry::auth::Scope], agencies: &[&str]) -> String {
        let agencies: Vec<String> = agencies.iter().map(|slug| slug.to_string()).collect();
        let new = registry::auth::NewToken {
            name: "tests",
            scopes,
            agencies: &agencies,
            expires_in: None,
        };
        registry::auth::mint(&self.pool, &new)
            .await
            .expect("a token is minted")
            .token
    }

    /// A registrar's token: it may write everything.
    pub async fn writer(&self) -> String {
        self.token(&[registry::auth::Scope::Admin]).await
    }

    /// A write token for one agency.
    pub async fn agency_writer(&self, agency: &str) -> String {
        self.token_for(&[registry::auth::Scope::Write], &[agency])
            .await
    }

    /// A request to `path` with `token` as bearer.
    pub fn request(
        &self,
        method: reqwest::Method,
        path: &str,
        token: &str,
    ) -> reqwest::RequestBuilder {
        self.client
            .request(method, format!("{}{path}", self.address))
            .bearer_auth(token)
    }

    /// Sends `body` as JSON with `token`.
    pub async fn send(
        &self,
        method: reqwest::Method,
        path: &str,
        token: &str,
        body: &Value,
    ) -> reqwest::Response {
        self.request(method, path, token)
            .json(body)
            .send()
            .await
            .expect("request sent")
    }

    /// Sends `body` with `token` and asserts that it is refused: a problem
    /// of `status` that names `word` (the field, or words of its detail).
    pub async fn refused(
        &self,
        method: reqwest::Method,
        path: &str,
        token: &str,
        body: &Value,
        (status, word): (StatusCode, &str),
    ) -> Value {
        let response = self.send(method, path, token, body).await;
        let problem = assert_problem(response, status, &format!("{path} {body}")).await;
        assert!(
            problem.to_string().contains(word),
            "{path} {body}: {problem}"
        );
        problem
    }

    /// POSTs a form of one field (as OpenRefine sends a reconciliation
    /// batch), with no token.
    pub async fn post_form(&self, path: &str, field: &str, value: &str) -> reqwest::Response {
        self.client
            .post(format!("{}{path}", self.address))
            .form(&[(field, value)])
            .send()
            .await
            .expect("request sent")
    }

    /// POSTs `body`, asserts 201 and returns the created representation.
    pub async fn created(&self, path: &str, token: &str, body: Value) -> Value {
        let response = self.send(reqwest::Method::POST, path, token, &body).await;
        let status = response.status();
        let text = response.text().await.expect("a body");
        assert_eq!(status, StatusCode::CREATED, "POST {path} {body}: {text}");
        serde_json::from_str(&text).expect("a JSON body")
    }

    /// The database's clock now, as a `known_at` for a URL (UTC, to the
    /// microsecond): what was written after it is not known at it.
    pub async fn now(&self) -> String {
        let now: chrono::DateTime<chrono::Utc> = sqlx::query_scalar("select clock_timestamp()")
            .fetch_one(&self.pool)
            .await
            .expect("the clock");
        now.to_rfc3339_opts(chrono::SecondsFormat::Micros, true)
    }

    /// The slugs an agency search finds, best first: `GET /v1/agencies?q=`
    /// with `params` (`&status=any`, say), as known at `known_at` if given.
    pub async fn agencies_found(
        &self,
        q: &str,
        params: &str,
        known_at: Option<&str>,
    ) -> Vec<String> {
        let known_at = known_at
            .map(|moment| format!("&known_at={moment}"))
            .unwrap_or_default();
        let page = self
            .get_json(&format!("/v1/agencies?q={q}{params}{known_at}"))
            .await;
        slugs(&page["items"], "/slug")
    }

    /// How many rows `table` has (to check that a refused write wrote nothing).
    pub async fn count(&self, table: &str) -> i64 {
        sqlx::query_scalar(&format!("select count(*) from {table}"))
            .fetch_one(&self.pool)
            .await
            .expect("a count")
    }

    pub async fn holder(&self, assignment: &str, at: &str) -> reqwest::Response {
        self.get(&format!("/v1/assignments/{assignment}/holder?at={at}"))
            .await
    }

    /// The slug of the agency holding `assignment` on `at`.
    pub async fn holder_slug(&self, assignment: &str, at: &str) -> String {
        let body = self
            .get_json(&format!("/v1/assignments/{assignment}/holder?at={at}"))
            .await;
        body["agency"]["slug"]
            .as_str()
            .expect("a holder slug")
            .to_owned()
    }

    pub async fn assignment(&self, assignment: &str, at: &str) -> Value {
        self.get_json(&format!("/v1/assignments/{assignment}?at={at}"))
            .await
    }

    pub async fn assignment_contacts(&self, assignment: &str, at: &str) -> Value {
        self.get_json(&format!("/v1/assignments/{assignment}/contacts?at={at}"))
            .await
    }

    pub async fn assignment_history(&self, assignment: &str) -> Value {
        self.get_json(&format!("/v1/assignments/{assignment}/history"))
            .await
    }

    /// The final report's due date of each version of `assignment`, oldest
    /// first, as its history gives them (null where a version sets none).
    pub async fn due_dates(&self, assignment: &str) -> Vec<Value> {
        let history = self.assignment_history(assignment).await;
        history["versions"]
            .as_array()
            .expect("versions")
            .iter()
            .map(|version| version["due_on"].clone())
            .collect()
    }

    pub async fn agency(&self, agency: &str) -> Value {
        self.get_json(&format!("/v1/agencies/{agency}")).await
    }

    pub async fn agency_assignments(&self, agency: &str, at: &str) -> Value {
        self.get_json(&format!("/v1/agencies/{agency}/assignments?at={at}"))
            .await
    }

    pub async fn agency_contacts(&self, agency: &str, at: &str) -> Value {
        self.get_json(&format!("/v1/agencies/{agency}/contacts?at={at}"))
            .await
    }

    pub async fn transfer(&self, transfer: &str) -> Value {
        self.get_json(&format!("/v1/transfers/{transfer}")).await
    }

    /// Follows `next_cursor` from `path` (which has a query string) to the
    /// end and returns every item, asserting each page is at most `limit`.
    pub async fn all_pages(&self, path: &str, limit: usize) -> Vec<Value> {
        let mut items = Vec::new();
        let mut cursor: Option<String> = None;
        for _ in 0..1000 {
            let page_path = match &cursor {
                Some(cursor) => format!("{path}&limit={limit}&cursor={cursor}"),
                None => format!("{path}&limit={limit}"),
            };
            let page = self.get_json(&page_path).await;
            let page_items = page["items"].as_array().expect("items").clone();
            assert!(
                page_items.len() <= limit,
                "a page of {} for limit {limit}",
                page_items.len()
            );
            items.extend(page_items);
            match page["next_cursor"].as_str() {
                Some(next) => cursor = Some(next.to_owned()),
                None => return items,
            }
        }
        panic!("pagination of {path} did not end");
    }

    /// Pages through the search `q` in `collection` (`/v1/agencies`,
    /// `/v1/assignments`), `page` at a time, alone and with `kind=`: the
    /// filter only takes matches away, and those it keeps come in the same
    /// order as in the search alone. Both lists span several pages, and
    /// some matches are of another kind.
    pub async fn assert_a_kind_filter_keeps_the_ranking(
        &self,
        collection: &str,
        q: &str,
        kind: &str,
        page: usize,
    ) {
        let all = self.all_pages(&format!("{collection}?q={q}"), page).await;
        let filtered = self
            .all_pages(&format!("{collection}?q={q}&kind={kind}"), page)
            .await;
        assert!(filtered.len() > page, "q={q}: {} matches", filtered.len());
        assert!(all.len() > filtered.len(), "q={q}: not only {kind}");
        let of_kind: Vec<Value> = all
            .into_iter()
            .filter(|item| item["kind"] == kind)
            .collect();
        assert_eq!(
            slugs(&Value::from(of_kind), "/slug"),
            slugs(&Value::from(filtered), "/slug"),
            "q={q}"
        );
    }
}

impl Drop for TestApp {
    /// Drops the test database (closing the server's connections to it).
    fn drop(&mut self) {
        let admin = test_server().admin.clone();
        let database = self.database.clone();
        let dropped = std::thread::spawn(move || {
            let runtime = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .expect("a runtime");
            runtime.block_on(async move {
                let mut connection = admin.connect().await?;
                sqlx::query(&format!(
                    r#"drop database if exists "{database}" with (force)"#
                ))
                .execute(&mut connection)
                .await?;
                connection.close().await
            })
        })
        .join();
        if !matches!(dropped, Ok(Ok(()))) && !std::thread::panicking() {
            panic!(
                "could not drop test database {}: {dropped:?}",
                self.database
            );
        }
    }
}

/// `text` percent-encoded for a query string: all but letters, digits,
/// `-`, `_` and `.`.
pub fn urlencode(text: &str) -> String {
    text.bytes()
        .map(|b| match b {
            b'a'..=b'z' | b'A'..=b'Z' | b'0'..=b'9' | b'-' | b'_' | b'.' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

pub fn header(response: &reqwest::Response, name: &str) -> String {
    response
        .headers()
        .get(name)
        .map(|value| value.to_str().expect("an ASCII header").to_owned())
        .unwrap_or_default()
}

/// Asserts that `response` is an RFC 9457 problem with `status`; returns it.
pub async fn assert_problem(response: reqwest::Response, status: StatusCode, what: &str) -> Value {
    assert_eq!(response.status(), status, "{what}");
    assert_eq!(
        header(&response, "content-type"),
        "application/problem+json",
        "{what}"
    );
    let problem: Value = response.json().await.expect("a JSON problem");
    assert_eq!(problem["status"], status.as_u16(), "{what}: {problem}");
    assert!(
        problem["type"].as_str().is_some_and(|t| !t.is_empty()),
        "{what}: {problem}"
    );
    assert!(
        problem["title"].as_str().is_some_and(|t| !t.is_empty()),
        "{what}: {problem}"
    );
    assert!(
        problem["detail"].as_str().is_some_and(|t| !t.is_empty()),
        "{what}: {problem}"
    );
    assert_no_database_words(&problem, what);
    problem
}

/// What only the database says: its messages, constraint and column names,
/// SQLSTATEs and key values. A problem speaks of the request's own fields
/// and parameters; the database's words go to the log.
const DATABASE_WORDS: [&str; 16] = [
    "violates",
    "constraint",
    "duplicate key",
    "Key (",
    "SQLSTATE",
    "relation \"",
    "column \"",
    "_key",
    "_fkey",
    "_not_blank",
    "_precision",
    "_period_order",
    "out of range: \"",
    "invalid input syntax",
    "error returned from database",
    "pg_",
];

/// Fails when any text of `problem` has a word of the database in it. Every
/// problem the suite checks with [`assert_problem`] passes through here.
pub fn assert_no_database_words(problem: &Value, what: &str) {
    let text = problem.to_string();
    for word in DATABASE_WORDS {
        assert!(
            !text.contains(word),
            "{what}: the problem quotes the database ({word}): {problem}"
        );
    }
}

/// The slugs of `items`, where each item has `slug` at `pointer` (such as
/// "/assignment/slug").
pub fn slugs(items: &Value, pointer: &str) -> Vec<String> {
    items
        .as_array()
        .expect("an array")
        .iter()
        .map(|item| {
            item.pointer(pointer)
                .and_then(Value::as_str)
                .expect("a slug")
                .to_owned()
        })
        .collect()
}

pub const NATIONAL: &str = "nationellt-samordningsuppdrag-prostitution-manniskohandel";
pub const PARTS: [&str; 5] = [
    "atervandandeprogrammet-finansiering",
    "nationella-metodstodsteamet",
    "nationella-stodprocessen",
    "nmt-webbplats-och-kampanjsidor",
    "regionkoordinatorer-finansiering",
];
pub const SUPPORT_PROCESS: &str = "nationella-stodprocessen";
/// The values of a contacts answer's items (only those of `kind`, if
/// given), in the answer's order.
pub fn contact_values(contacts: Value, kind: Option<&str>) -> Vec<String> {
    contacts["items"]
        .as_array()
        .expect("items")
        .iter()
        .filter(|item| kind.map_or(true, |kind| item["kind"] == kind))
        .map(|item| item["value"].as_str().expect("a value").to_owned())
        .collect()
}

pub const STOCKHOLM_BOARD: &str = "lansstyrelsen-stockholm";
pub const GENDER_EQUALITY_AGENCY: &str = "jamstalldhetsmyndigheten";
pub const TRANSFER: &str = "2018-01-01-lansstyrelsen-stockholm-till-jamstalldhetsmyndigheten";
pub const SOURCE: &str = "2018-01-08-nationella-uppdrag-flyttar";
pub const WEST_BOARD: &str = "lansstyrelsen-vastra-gotaland";
pub const COUNTY_SLUGS: [&str; 21] = [
    "stockholm",
    "uppsala",
    "sodermanland",
    "ostergotland",
    "jonkoping",
    "kronoberg",
    "kalmar",
    "gotland",
    "blekinge",
    "skane",
    "halland",
    "vastra-gotaland",
    "varmland",
    "orebro",
    "vastmanland",
    "dalarna",
    "gavleborg",
    "vasternorrland",
    "jamtland",
    "vasterbotten",
    "norrbotten",
];

/// The standard output of a command of ours that must have succeeded (its
/// standard error says why not).
pub fn succeeded(output: &std::process::Output) -> String {
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout.clone()).unwrap()
}

/// The snapshot the repository carries.
pub fn carried_snapshot() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("data/myndighetsdata")
}

/// A copy of the carried snapshot in a folder of its own, without `file`
/// (for the test to write its own).
pub fn snapshot_without(file: &str) -> std::path::PathBuf {
    let copy = std::env::temp_dir().join(format!("snapshot-{}", uuid::Uuid::new_v4()));
    std::fs::create_dir_all(&copy).unwrap();
    for entry in std::fs::read_dir(carried_snapshot()).unwrap() {
        let entry = entry.unwrap();
        if entry.file_name() != file {
            std::fs::copy(entry.path(), copy.join(entry.file_name())).unwrap();
        }
    }
    copy
}

/// A register of the carried snapshot, as JSON (for a test to change).
pub fn carried_register(file: &str) -> Value {
    serde_json::from_str(&std::fs::read_to_string(carried_snapshot().join(file)).unwrap()).unwrap()
}
