//! The change log: the feed of domain events, and reads "as known at".

use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

use crate::helpers::{
    assert_problem, header, TestApp, GENDER_EQUALITY_AGENCY, NATIONAL, SOURCE, STOCKHOLM_BOARD,
    SUPPORT_PROCESS, TRANSFER, WEST_BOARD,
};

#[tokio::test]
async fn the_feed_pages_through_every_change_once_in_order() {
    let app = TestApp::spawn().await;
    let total = app.count("changes").await;
    let mut seen = Vec::new();
    let mut cursor = "0".to_owned();
    loop {
        let page = app
            .get_json(&format!("/v1/changes?after={cursor}&limit=100"))
            .await;
        let items = page["items"].as_array().unwrap();
        seen.extend(
            items
                .iter()
                .map(|c| c["cursor"].as_str().unwrap().parse::<i64>().unwrap()),
        );
        cursor = page["next_cursor"].as_str().unwrap().to_owned();
        if !page["has_more"].as_bool().unwrap() {
            break;
        }
    }
    assert_eq!(seen.len() as i64, total);
    assert!(seen.windows(2).all(|w| w[0] < w[1]), "in order");
    let first = &app.get_json("/v1/changes?limit=1").await["items"][0];
    assert_eq!(
        first["recorded_at"], "2018-01-07T23:00:00Z",
        "the founding case is dated by its source"
    );
    assert_eq!(first["recorded_by"], Value::Null);
    let caught_up = app.get_json(&format!("/v1/changes?after={cursor}")).await;
    assert_eq!(caught_up["items"], json!([]));
    assert_eq!(
        caught_up["next_cursor"],
        cursor.as_str(),
        "polling keeps its place"
    );
}

#[tokio::test]
async fn a_transfer_shows_in_the_feed_as_domain_events_with_the_state_before() {
    let app = TestApp::spawn().await;
    let token = app.writer().await;
    let start = app.count("changes").await.to_string();
    app.created("/v1/transfers", &token, json!({
        "slug": "2027-01-01-till-vastra-gotaland", "from": GENDER_EQUALITY_AGENCY, "to": WEST_BOARD,
        "effective_on": "2027-01-01", "assignments": [SUPPORT_PROCESS], "source": SOURCE
    })).await;
    let page = app.get_json(&format!("/v1/changes?after={start}")).await;
    let items = page["items"].as_array().unwrap();
    let events: Vec<&str> = items.iter().map(|c| c["event"].as_str().unwrap()).collect();
    assert_eq!(
        events,
        [
            "transfer_recorded",
            "transfer_item_created",
            "holding_ended",
            "holding_started"
        ],
        "{page}"
    );
    let write = &items[0]["write_id"];
    assert!(items.iter().all(|c| &c["write_id"] == write), "one write");
    assert!(
        items.iter().all(|c| c["recorded_by"].is_string()),
        "the token is recorded"
    );
    let ended = &items[2];
    assert_eq!(ended["before"]["valid_to"], Value::Null);
    assert_eq!(ended["after"]["valid_to"], "2027-01-01");

    let response = app.get("/v1/changes?after=-1").await;
    assert_eq!(response.status(), StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn reads_answer_as_the_registry_knew_at_a_moment() {
    let app = TestApp::spawn().await;
    // The founding transfer took effect on 2018-01-01 but was recorded on 2018-01-08.
    app.get_problem(
        &format!("/v1/transfers/{TRANSFER}?known_at=2018-01-02T12:00:00%2B01:00"),
        StatusCode::NOT_FOUND,
    )
    .await;
    app.get_problem(
        &format!(
            "/v1/assignments/{SUPPORT_PROCESS}/holder?at=2018-01-02&known_at=2018-01-02T12:00:00Z"
        ),
        StatusCode::NOT_FOUND,
    )
    .await;
    app.get_json(&format!(
        "/v1/transfers/{TRANSFER}?known_at=2018-01-09T00:00:00Z"
    ))
    .await;

    // An announced transfer is not known before it was recorded.
    let token = app.writer().await;
    let then = app.now().await;
    app.created("/v1/transfers", &token, json!({
        "slug": "2027-01-01-till-vastra-gotaland", "from": GENDER_EQUALITY_AGENCY, "to": WEST_BOARD,
        "effective_on": "2027-01-01", "assignments": [SUPPORT_PROCESS], "source": SOURCE
    })).await;
    let holder = app
        .get_json(&format!(
            "/v1/assignments/{SUPPORT_PROCESS}/holder?at=2027-06-01&known_at={then}"
        ))
        .await;
    assert_eq!(holder["agency"]["slug"], GENDER_EQUALITY_AGENCY, "{holder}");
    assert_eq!(
        app.holder_slug(SUPPORT_PROCESS, "2027-06-01").await,
        WEST_BOARD
    );

    // A correction: the old value stays readable as known before it.
    let contact = "/v1/contact-points/f79dd9da-0bf3-5bfe-b85d-e5783cd5d058";
    let before_fix: chrono::DateTime<chrono::Utc> = sqlx::query_scalar("select clock_timestamp()")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    let response = app
        .send(
            Method::PATCH,
            contact,
            &token,
            &json!({"value": "020-390 001"}),
        )
        .await;
    assert_eq!(response.status(), StatusCode::OK);
    let then = before_fix.to_rfc3339_opts(chrono::SecondsFormat::Micros, true);
    assert_eq!(
        app.get_json(&format!("{contact}?known_at={then}")).await["value"],
        "020-390 000"
    );
    assert_eq!(app.get_json(contact).await["value"], "020-390 001");
    // The same moment in Stockholm's winter time, its `+` typed as is into
    // the URL (where it reads as a space).
    let stockholm = chrono::FixedOffset::east_opt(3600).unwrap();
    let then_in_stockholm = before_fix
        .with_timezone(&stockholm)
        .to_rfc3339_opts(chrono::SecondsFormat::Micros, false);
    assert!(then_in_stockholm.ends_with("+01:00"));
    assert_eq!(
        app.get_json(&format!("{contact}?known_at={then_in_stockholm}"))
            .await["value"],
        "020-390 000"
    );

    let problem = app
        .get_problem("/v1/agencies?known_at=yesterday", StatusCode::BAD_REQUEST)
        .await;
    assert_eq!(problem["invalid_params"][0]["name"], "known_at");
    let problem = app
        .get_problem("/v1/agencies?known_at=2018-01-09", StatusCode::BAD_REQUEST)
        .await;
    assert!(problem["detail"]
        .as_str()
        .unwrap()
        .contains("2018-01-09T00:00:00Z"));
}

/// "As known at" reads history tables the change log's trigger keeps: each
/// tracked table's history has its columns (and `recorded`), in order and
/// of the same types, so that a migration that adds a column to a table and
/// not to its history fails here; the `known` view of each has exactly the
/// table's columns; and the versions recorded as current are the table's
/// rows, after the whole national import and a transfer.
#[tokio::test]
async fn every_tracked_table_and_its_history_agree_column_by_column() {
    let app = TestApp::spawn_national().await;
    let token = app.writer().await;
    app.created(
        "/v1/transfers",
        &token,
        json!({
            "slug": "2027-01-01-stodprocessen-vastra-gotaland", "from": GENDER_EQUALITY_AGENCY,
            "to": WEST_BOARD, "effective_on": "2027-01-01", "assignments": [SUPPORT_PROCESS],
            "source": SOURCE
        }),
    )
    .await;
    let tracked: Vec<String> = sqlx::query_scalar(
        "select distinct event_object_table::text from information_schema.triggers
         where trigger_schema = 'public' and trigger_name = event_object_table || '_record_change'
         order by 1",
    )
    .fetch_all(&app.pool)
    .await
    .unwrap();
    assert!(tracked.len() >= 17, "{tracked:?}");
    let columns = |schema: &'static str, table: String| {
        let pool = app.pool.clone();
        async move {
            sqlx::query_as::<_, (String, String)>(
                "select column_name::text, data_type::text from information_schema.columns
                 where table_schema = $1 and table_name = $2 and column_name <> 'recorded'
                 order by ordinal_position",
            )
            .bind(schema)
            .bind(table)
            .fetch_all(&pool)
            .await
            .unwrap()
        }
    };
    for table in &tracked {
        let own = columns("public", table.clone()).await;
        assert_eq!(
            columns("history", table.clone()).await,
            own,
            "history.{table}"
        );
        assert_eq!(columns("known", table.clone()).await, own, "known.{table}");
        let differing: i64 = sqlx::query_scalar(&format!(
            "select count(*) from (
                 (select to_jsonb(t) from public.{table} t
                  except all
                  select to_jsonb(h) - 'recorded' from history.{table} h where upper_inf(h.recorded))
                 union all
                 (select to_jsonb(h) - 'recorded' from history.{table} h where upper_inf(h.recorded)
                  except all
                  select to_jsonb(t) from public.{table} t)) differing"
        ))
        .fetch_one(&app.pool)
        .await
        .unwrap();
        assert_eq!(
            differing, 0,
            "{table}: the rows and their current versions differ"
        );
    }
    let versions: i64 = sqlx::query_scalar(
        "select count(*) from history.holdings h join assignments a on a.id = h.assignment_id
         where a.slug = $1",
    )
    .bind(SUPPORT_PROCESS)
    .fetch_one(&app.pool)
    .await
    .unwrap();
    assert!(
        versions >= 3,
        "the ended holding's two versions and the new one: {versions}"
    );
}

/// An event of a change stream: (id, event, data).
type Event = (String, String, Value);

/// A change stream as a client reads it: events, with comments kept apart.
struct Stream {
    response: reqwest::Response,
    buffer: String,
    comments: Vec<String>,
}

impl Stream {
    async fn open(app: &TestApp, query: &str, last_event_id: Option<&str>) -> Stream {
        let mut request = app
            .client
            .get(format!("{}/v1/changes/stream{query}", app.address))
            .header("accept", "text/event-stream");
        if let Some(id) = last_event_id {
            request = request.header("last-event-id", id);
        }
        let response = request.send().await.expect("the stream opens");
        assert_eq!(response.status(), StatusCode::OK);
        assert_eq!(header(&response, "content-type"), "text/event-stream");
        assert_eq!(header(&response, "cache-control"), "no-store");
        Stream {
            response,
            buffer: String::new(),
            comments: Vec::new(),
        }
    }

    /// The next event, waiting at most `seconds`.
    async fn next(&mut self, seconds: u64) -> Option<Event> {
        let deadline = tokio::time::Instant::now() + std::time::Duration::from_secs(seconds);
        loop {
            while let Some(end) = self.buffer.find("\n\n") {
                let block: String = self.buffer.drain(..end + 2).collect();
                let (mut id, mut event, mut data) = (None, None, None);
                for line in block.lines() {
                    if let Some(comment) = line.strip_prefix(": ") {
                        self.comments.push(comment.to_owned());
                    } else if let Some(value) = line.strip_prefix("id: ") {
                        id = Some(value.to_owned());
                    } else if let Some(value) = line.strip_prefix("event: ") {
                        event = Some(value.to_owned());
                    } else if let Some(value) = line.strip_prefix("data: ") {
                        data = Some(serde_json::from_str(value).expect("data is JSON"));
                    }
                }
                if let (Some(id), Some(event), Some(data)) = (id, event, data) {
                    return Some((id, event, data));
                }
            }
            let chunk = tokio::time::timeout_at(deadline, self.response.chunk())
                .await
                .ok()?
                .expect("the stream reads")?;
            self.buffer
                .push_str(std::str::from_utf8(&chunk).expect("UTF-8"));
        }
    }
}

async fn add_source(app: &TestApp, token: &str, slug: &str) {
    app.created(
        "/v1/sources",
        token,
        json!({ "slug": slug, "title": "Streamed", "published_on": "2026-11-29" }),
    )
    .await;
}

#[tokio::test]
async fn the_stream_sends_each_change_once_in_order_across_a_reconnect() {
    let app = TestApp::spawn().await;
    let token = app.writer().await;
    let before = app.count("changes").await;
    // Without a cursor, the stream starts with the next change.
    let mut first = Stream::open(&app, "", None).await;
    for slug in ["streamed-a", "streamed-b", "streamed-c"] {
        add_source(&app, &token, slug).await;
    }
    let a = first.next(5).await.expect("a's event");
    let b = first.next(5).await.expect("b's event");
    assert_eq!(a.1, "source_created");
    assert_eq!(a.2["after"]["slug"], "streamed-a");
    assert_eq!(b.2["after"]["slug"], "streamed-b");
    assert_eq!(a.2["cursor"], a.0.as_str(), "the event's id is its cursor");
    // The client goes away after b; d is written while it is away.
    drop(first);
    add_source(&app, &token, "streamed-d").await;
    let mut resumed = Stream::open(&app, "", Some(&b.0)).await;
    let c = resumed.next(5).await.expect("c's event");
    let d = resumed.next(5).await.expect("d's event");
    assert_eq!(c.2["after"]["slug"], "streamed-c");
    assert_eq!(d.2["after"]["slug"], "streamed-d");
    // And then one written while it listens.
    add_source(&app, &token, "streamed-e").await;
    let e = resumed.next(5).await.expect("e's event");
    assert_eq!(e.2["after"]["slug"], "streamed-e");
    assert!(
        resumed.next(1).await.is_none(),
        "nothing twice, nothing more"
    );
    // Every change since the stream opened, once, in the feed's order.
    let received: Vec<i64> = [&a, &b, &c, &d, &e]
        .iter()
        .map(|event| event.0.parse().unwrap())
        .collect();
    let feed = app
        .get_json(&format!("/v1/changes?after={before}&limit=100"))
        .await;
    let fed: Vec<i64> = feed["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|item| item["cursor"].as_str().unwrap().parse().unwrap())
        .collect();
    assert_eq!(received, fed);
    // `after` replays from any cursor; the whole log from 0.
    let mut replay = Stream::open(&app, &format!("?after={}", c.0), None).await;
    assert_eq!(replay.next(5).await.expect("d again").0, d.0);
    let mut whole = Stream::open(&app, "?after=0", None).await;
    assert_eq!(whole.next(5).await.expect("the first change").0, "1");
}

#[tokio::test]
async fn an_idle_stream_sends_heartbeats_and_a_stream_is_refused_what_it_cannot_be() {
    let app = TestApp::spawn().await;
    let mut idle = Stream::open(&app, "", None).await;
    assert!(idle.next(17).await.is_none(), "no change, no event");
    assert!(
        idle.comments.iter().any(|comment| comment == "heartbeat"),
        "{:?}",
        idle.comments
    );
    let json_only = app
        .client
        .get(format!("{}/v1/changes/stream", app.address))
        .header("accept", "application/json")
        .send()
        .await
        .unwrap();
    let problem = assert_problem(json_only, StatusCode::NOT_ACCEPTABLE, "JSON").await;
    assert!(problem["detail"]
        .as_str()
        .unwrap()
        .contains("text/event-stream"));
    // A malformed `after` is refused even where `Last-Event-ID`, which
    // wins over it, is well formed.
    for (query, last_event_id, named) in [
        ("?after=-1", None, "after"),
        ("", Some("soon"), "Last-Event-ID"),
        ("?after=", Some("3"), "after"),
    ] {
        let mut request = app
            .client
            .get(format!("{}/v1/changes/stream{query}", app.address));
        if let Some(id) = last_event_id {
            request = request.header("last-event-id", id);
        }
        let refused = request.send().await.unwrap();
        let problem = assert_problem(refused, StatusCode::BAD_REQUEST, query).await;
        assert_eq!(problem["invalid_params"][0]["name"], named, "{problem}");
    }
}

/// Every change of the feed after `after`, following its cursors, with
/// the query `filter` (`&agency=…`).
async fn whole_feed(app: &TestApp, after: &str, filter: &str) -> Vec<Value> {
    let mut changes = Vec::new();
    let mut cursor = after.to_owned();
    loop {
        let page = app
            .get_json(&format!("/v1/changes?after={cursor}&limit=100{filter}"))
            .await;
        changes.extend(page["items"].as_array().unwrap().iter().cloned());
        cursor = page["next_cursor"].as_str().unwrap().to_owned();
        if !page["has_more"].as_bool().unwrap() {
            return changes;
        }
    }
}

/// Whether a change's record names `id`: it is the agency or assignment,
/// or names it in a field of the record before or after.
fn names(change: &Value, id: &str) -> bool {
    let fields = [
        "agency_id",
        "from_agency_id",
        "to_agency_id",
        "predecessor_id",
        "successor_id",
        "ministry_id",
        "host_agency_id",
        "assignment_id",
        "parent_id",
        "coordinated_through",
    ];
    let itself = ["agencies", "assignments"].contains(&change["entity"].as_str().unwrap())
        && change["entity_id"] == id;
    itself
        || ["before", "after"]
            .iter()
            .any(|side| fields.iter().any(|field| change[side][field] == id))
}

fn events(changes: &[Value]) -> Vec<&str> {
    changes
        .iter()
        .map(|change| change["event"].as_str().unwrap())
        .collect()
}

#[tokio::test]
async fn the_feed_of_one_agency_or_assignment_has_exactly_the_changes_that_name_it() {
    let app = TestApp::spawn().await;
    let token = app.writer().await;
    let everything = whole_feed(&app, "0", "").await;
    for (filter, slug) in [
        ("agency", GENDER_EQUALITY_AGENCY),
        ("agency", STOCKHOLM_BOARD),
        ("assignment", SUPPORT_PROCESS),
        ("assignment", NATIONAL),
    ] {
        let id = match filter {
            "agency" => app.agency(slug).await["id"].clone(),
            _ => app.assignment(slug, "2018-01-08").await["id"].clone(),
        };
        let id = id.as_str().unwrap();
        let expected: Vec<&Value> = everything.iter().filter(|c| names(c, id)).collect();
        // A small page, so that the filtered feed pages too.
        let mut fed = Vec::new();
        let mut cursor = "0".to_owned();
        loop {
            let page = app
                .get_json(&format!(
                    "/v1/changes?after={cursor}&limit=3&{filter}={slug}"
                ))
                .await;
            fed.extend(page["items"].as_array().unwrap().iter().cloned());
            cursor = page["next_cursor"].as_str().unwrap().to_owned();
            if !page["has_more"].as_bool().unwrap() {
                break;
            }
        }
        assert!(expected.len() > 3, "{filter}={slug}: {}", expected.len());
        assert!(expected.len() < everything.len(), "{filter}={slug}");
        assert_eq!(fed.iter().collect::<Vec<_>>(), expected, "{filter}={slug}");
        // By UUID as by slug.
        assert_eq!(whole_feed(&app, "0", &format!("&{filter}={id}")).await, fed);
    }

    // A transfer of the support process from the agency to a board: the
    // agency's feed has the transfer and its holding's end, the
    // assignment's the transfer's item and both holdings, the board's and
    // the assignment's together the board's new holding.
    let start = app.count("changes").await.to_string();
    app.created("/v1/transfers", &token, json!({
        "slug": "2027-01-01-till-vastra-gotaland", "from": GENDER_EQUALITY_AGENCY, "to": WEST_BOARD,
        "effective_on": "2027-01-01", "assignments": [SUPPORT_PROCESS], "source": SOURCE
    })).await;
    for (filter, expected) in [
        (
            format!("&agency={GENDER_EQUALITY_AGENCY}"),
            vec!["transfer_recorded", "holding_ended"],
        ),
        (
            format!("&assignment={SUPPORT_PROCESS}"),
            vec!["transfer_item_created", "holding_ended", "holding_started"],
        ),
        (
            format!("&agency={WEST_BOARD}&assignment={SUPPORT_PROCESS}"),
            vec!["holding_started"],
        ),
        (format!("&agency={STOCKHOLM_BOARD}"), vec![]),
    ] {
        let fed = whole_feed(&app, &start, &filter).await;
        assert_eq!(events(&fed), expected, "{filter}");
    }
    // Polling a quiet filter keeps its place, as the whole feed does.
    let page = app
        .get_json(&format!(
            "/v1/changes?after={start}&agency={STOCKHOLM_BOARD}"
        ))
        .await;
    assert_eq!(page["next_cursor"], start.as_str());
}

#[tokio::test]
async fn a_deleted_agency_is_followed_by_its_uuid_and_a_filter_naming_nothing_is_refused() {
    let app = TestApp::spawn().await;
    let token = app.writer().await;
    let created = app
        .created(
            "/v1/agencies",
            &token,
            json!({
                "slug": "myndigheten-for-delaktighet", "kind": "government_agency",
                "name": {"sv": "Myndigheten för delaktighet"}, "source": SOURCE
            }),
        )
        .await;
    let id = created["id"].as_str().unwrap().to_owned();
    let deleted = app
        .request(
            Method::DELETE,
            "/v1/agencies/myndigheten-for-delaktighet",
            &token,
        )
        .send()
        .await
        .unwrap();
    assert_eq!(deleted.status(), StatusCode::NO_CONTENT);
    // Its UUID still names it in the log: its creation and its deletion,
    // with its first name's.
    let fed = whole_feed(&app, "0", &format!("&agency={id}")).await;
    assert_eq!(
        events(&fed),
        [
            "agency_created",
            "agency_name_created",
            "agency_deleted",
            "agency_name_deleted"
        ],
        "{fed:?}"
    );
    // Its slug names nothing now; a slug misspelt is answered with the
    // agency it may have meant; a UUID no record had, or an agency's UUID
    // given as an assignment, names nothing.
    app.get_problem(
        "/v1/changes?agency=myndigheten-for-delaktighet",
        StatusCode::NOT_FOUND,
    )
    .await;
    let problem = app
        .get_problem(
            "/v1/changes?agency=jamstaldhetsmyndigheten",
            StatusCode::NOT_FOUND,
        )
        .await;
    assert_eq!(problem["suggestions"][0]["slug"], GENDER_EQUALITY_AGENCY);
    let problem = app
        .get_problem(
            "/v1/changes/stream?assignment=nationella-stodproc",
            StatusCode::NOT_FOUND,
        )
        .await;
    assert_eq!(problem["suggestions"][0]["slug"], SUPPORT_PROCESS);
    let nobody = uuid::Uuid::new_v4();
    app.get_problem(
        &format!("/v1/changes?agency={nobody}"),
        StatusCode::NOT_FOUND,
    )
    .await;
    app.get_problem(
        &format!("/v1/changes?assignment={id}"),
        StatusCode::NOT_FOUND,
    )
    .await;
    for (query, named) in [
        ("agency=Jämställdhet", "agency"),
        ("assignment=", "assignment"),
    ] {
        let problem = app
            .get_problem(&format!("/v1/changes?{query}"), StatusCode::BAD_REQUEST)
            .await;
        assert_eq!(problem["invalid_params"][0]["name"], named, "{problem}");
    }
}

#[tokio::test]
async fn a_stream_of_one_agency_sends_only_its_changes() {
    let app = TestApp::spawn().await;
    let token = app.writer().await;
    let mut stream = Stream::open(&app, &format!("?agency={WEST_BOARD}"), None).await;
    // A source names no agency; a contact point of the board does.
    add_source(&app, &token, "streamed-a").await;
    app.created(
        "/v1/contact-points",
        &token,
        json!({
            "agency": WEST_BOARD, "kind": "email", "value": "vastragotaland@lansstyrelsen.se",
            "source": SOURCE
        }),
    )
    .await;
    let event = stream.next(5).await.expect("the contact point's event");
    assert_eq!(event.1, "contact_added", "{event:?}");
    assert_eq!(event.2["after"]["value"], "vastragotaland@lansstyrelsen.se");
    assert!(stream.next(1).await.is_none(), "nothing else");
}

/// The text of each `<tag>` of `xml`, in order, unescaped as far as the
/// feed escapes an address.
fn elements(xml: &str, tag: &str) -> Vec<String> {
    xml.split(&format!("<{tag}>"))
        .skip(1)
        .map(|rest| {
            rest.split(&format!("</{tag}>"))
                .next()
                .unwrap()
                .replace("&amp;", "&")
        })
        .collect()
}

#[tokio::test]
async fn a_feed_reader_gets_the_latest_changes_of_an_agency_as_atom() {
    let app = TestApp::spawn().await;
    let json = whole_feed(&app, "0", &format!("&agency={GENDER_EQUALITY_AGENCY}")).await;
    let path = format!("/v1/changes?agency={GENDER_EQUALITY_AGENCY}&limit=3");
    for response in [
        app.get_with(&path, "accept", "application/atom+xml").await,
        app.get(&format!("{path}&format=atom")).await,
    ] {
        assert_eq!(response.status(), StatusCode::OK);
        assert_eq!(
            header(&response, "content-type"),
            "application/atom+xml; charset=utf-8"
        );
        let xml = response.text().await.unwrap();
        assert!(xml.starts_with("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\">"), "{xml}");
        // The latest three, newest first; each entry's id is the address
        // of that one change in the JSON feed.
        let ids = elements(&xml, "id");
        let (feed_id, entries) = ids.split_first().unwrap();
        assert!(feed_id.ends_with(&format!("/v1/changes?agency={GENDER_EQUALITY_AGENCY}")));
        assert_eq!(entries.len(), 3, "{xml}");
        let latest: Vec<&Value> = json.iter().rev().take(3).collect();
        for (entry, change) in entries.iter().zip(&latest) {
            let address = entry
                .split_once("/v1/")
                .map(|(_, rest)| format!("/v1/{rest}"))
                .unwrap();
            let one = app.get_json(&address).await;
            assert_eq!(&&one["items"][0], change, "{entry}");
        }
        let titles = elements(&xml, "title");
        let event = latest[0]["event"].as_str().unwrap().replace('_', " ");
        assert!(titles[1].to_lowercase().starts_with(&event), "{titles:?}");
        assert_eq!(
            elements(&xml, "updated")[0],
            latest[0]["recorded_at"].as_str().unwrap()[..19].to_owned() + "Z"
        );
    }
    // With `after`, the changes after it, as the JSON feed pages.
    let after = json[json.len() - 3]["cursor"].as_str().unwrap();
    let xml = app
        .get(&format!("{path}&format=atom&after={after}"))
        .await
        .text()
        .await
        .unwrap();
    assert_eq!(elements(&xml, "entry").len(), 2, "{xml}");
}
