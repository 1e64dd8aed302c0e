//! `GET /v1/changes`: the change log as a feed of domain events, in the
//! order they were committed, for other systems to keep in sync; `GET
//! /v1/changes/stream`: the same changes pushed as they commit.

use std::time::Duration;

use actix_web::http::header;
use actix_web::{web, HttpRequest, HttpResponse};
use serde::Deserialize;
use sqlx::{PgConnection, PgPool};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

use crate::data_version::{self, DataVersion};
use crate::domain::{Limit, Reference};
use crate::error::ApiError;
use crate::formats::atom;
use crate::http::base::base_url;
use crate::http::event_stream::{self, EventSender};
use crate::http::negotiation::Format;
use crate::http::Reply;
use crate::views::changes::{changes_after, latest_after, subject, ChangePage, Subject};

/// How often an idle stream sends a comment, so that proxies keep it open.
const HEARTBEAT: Duration = Duration::from_secs(15);

/// How often a stream asks the log while the instance cannot trust that it
/// hears of every commit (see [`DataVersion::trusted`]).
const POLL_WHILE_UNHEARD: Duration = Duration::from_secs(1);

/// How long a client waits before it reconnects, once a stream has ended.
const RECONNECT_MILLISECONDS: u64 = 1000;

/// A cursor of the feed, named `name` in a refusal.
fn cursor(name: &str, text: &str) -> Result<i64, ApiError> {
    text.parse()
        .ok()
        .filter(|n: &i64| *n >= 0 && text.len() <= 18 && text.bytes().all(|b| b.is_ascii_digit()))
        .ok_or_else(|| ApiError::invalid(name, format!("'{text}' is not a cursor from this feed")))
}

/// Which changes to read: those concerning one agency, one assignment,
/// or (both given) the two together.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct SubjectQuery {
    /// Only changes whose record names this agency (UUID or slug): the
    /// agency itself, its names, identifiers and contact points, its
    /// holdings and parts in assignments, transfers from or to it, its
    /// lineage links, and agencies that name it as their ministry or host.
    /// A UUID may name an agency deleted since.
    #[param(example = "jamstalldhetsmyndigheten")]
    agency: Option<String>,
    /// Only changes whose record names this assignment (UUID or slug): the
    /// assignment itself, its versions, identifiers, reports, contact
    /// points, holdings, participants and transfers, and its parts. A UUID
    /// may name an assignment deleted since.
    #[param(example = "nationella-stodprocessen")]
    assignment: Option<String>,
}

impl SubjectQuery {
    /// The feed's own path, with the filters as given, and what it
    /// follows, in prose.
    fn described(&self) -> (String, String) {
        let named: Vec<(&str, &String)> =
            [("agency", &self.agency), ("assignment", &self.assignment)]
                .into_iter()
                .filter_map(|(name, text)| text.as_ref().map(|text| (name, text)))
                .collect();
        if named.is_empty() {
            return ("/v1/changes".to_owned(), "every change".to_owned());
        }
        let query: Vec<String> = named
            .iter()
            .map(|(name, text)| format!("{name}={text}"))
            .collect();
        let things: Vec<String> = named
            .iter()
            .map(|(name, text)| format!("{name} {text}"))
            .collect();
        (
            format!("/v1/changes?{}", query.join("&")),
            format!("changes concerning {}", things.join(" and ")),
        )
    }

    /// The agencies and assignments the changes must name; none: all.
    async fn subjects(&self, conn: &mut PgConnection) -> Result<Vec<Uuid>, ApiError> {
        let mut subjects = Vec::new();
        for (name, text, kind) in [
            ("agency", &self.agency, Subject::Agency),
            ("assignment", &self.assignment, Subject::Assignment),
        ] {
            if let Some(text) = text {
                let reference = Reference::parse(text).map_err(|e| ApiError::invalid(name, e))?;
                subjects.push(subject(conn, &reference, kind).await?);
            }
        }
        Ok(subjects)
    }
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ChangesQuery {
    /// Where to continue: `next_cursor` from the previous page. Without it,
    /// the feed starts at the beginning.
    #[param(pattern = "^[0-9]{1,18}$", example = "0")]
    after: Option<String>,
    /// Changes per page, 1 to 100. Default 20.
    #[param(value_type = Option<u16>, minimum = 1, maximum = 100, example = 5)]
    limit: Option<String>,
}

/// The change feed
///
/// Every change recorded, oldest first, as domain events with the record
/// before and after. Writes are committed one at a time, so the feed never
/// skips a change that commits late: a client that keeps `next_cursor` and
/// polls sees everything exactly once. With `agency` or `assignment`, only
/// the changes concerning it, in the same order and with the same cursors.
///
/// As Atom (`Accept: application/atom+xml` or `?format=atom`), for a feed
/// reader: without `after`, the latest `limit` changes, newest first; each
/// entry's id is the address of that one change in this feed.
#[utoipa::path(get, path = "/v1/changes", params(ChangesQuery, SubjectQuery),
    responses((status = 200, description = "A page of changes", body = ChangePage)))]
#[tracing::instrument(skip(pool, req))]
pub async fn list_changes(
    pool: web::Data<PgPool>,
    query: web::Query<ChangesQuery>,
    concerning: web::Query<SubjectQuery>,
    format: Format,
    req: HttpRequest,
) -> Reply {
    let asked = (query.after.as_deref())
        .map(|text| cursor("after", text))
        .transpose()?;
    let limit = Limit::parse(query.limit.as_deref()).map_err(|e| ApiError::invalid("limit", e))?;
    let mut conn = pool.acquire().await?;
    let subjects = concerning.subjects(&mut conn).await?;
    let after = match (asked, format) {
        (Some(after), _) => after,
        (None, Format::Atom) => latest_after(&mut conn, limit, &subjects).await?,
        (None, _) => 0,
    };
    let (items, has_more) = changes_after(&mut conn, after, limit, &subjects).await?;
    if format == Format::Atom {
        let (path, title) = concerning.described();
        let feed = atom::Feed {
            base: &base_url(&req),
            path: &path,
            title: &title,
        };
        return Ok(HttpResponse::Ok()
            .content_type(Format::Atom.content_type())
            .body(atom::feed(&feed, &items)));
    }
    let next_cursor = items
        .last()
        .map_or(after.to_string(), |last| last.cursor.clone());
    Ok(HttpResponse::Ok().json(ChangePage {
        items,
        next_cursor,
        has_more,
    }))
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct StreamQuery {
    /// Where to start: changes after this cursor of the feed are sent first
    /// (`0`: the whole log). Without it or `Last-Event-ID`, the stream starts
    /// with the next change recorded.
    #[param(pattern = "^[0-9]{1,18}$", example = "0")]
    after: Option<String>,
}

/// One event of the change stream, as `text/event-stream` carries it: a
/// line for each field. (The stream is a sequence of these, as OpenAPI
/// 3.2's `itemSchema` would say; the stream also starts with a `retry:`
/// line and sends comments while idle, which carry no event.)
#[derive(ToSchema)]
#[allow(dead_code)] // describes the stream in the OpenAPI document only
pub struct StreamEvent {
    /// The change's cursor in the feed; a client that reconnects sends the
    /// last one it received as `Last-Event-ID`.
    #[schema(pattern = "^[0-9]{1,18}$", example = "1")]
    id: String,
    /// The domain event, as the feed's `event`.
    #[schema(example = "holding_started")]
    event: String,
    /// The change as one line of JSON: a `Change`, as the feed
    /// (`GET /v1/changes`) lists it.
    #[schema(content_media_type = "application/json")]
    data: String,
}

/// The change stream
///
/// The changes of the feed, pushed as they are committed, as Server-Sent
/// Events (`text/event-stream`): each change once and in order, as an event
/// whose `id` is its cursor, whose `event` is its domain event and whose
/// `data` is the change as the feed gives it. A client that reconnects with
/// `Last-Event-ID` (a browser's `EventSource` does so by itself) continues
/// after the last change it received. An idle stream sends a comment every
/// 15 seconds.
#[utoipa::path(get, path = "/v1/changes/stream",
    params(
        StreamQuery, SubjectQuery,
        ("Last-Event-ID" = Option<String>, Header, nullable = false, pattern = "^[0-9]{1,18}$",
         description = "The `id` of the last event received: the stream continues after it (it wins over `after`).")
    ),
    responses((status = 200, description = "Events, until the client closes the connection",
        content_type = "text/event-stream", body = StreamEvent)))]
#[tracing::instrument(skip(pool, versions, req))]
pub async fn stream_changes(
    req: HttpRequest,
    pool: web::Data<PgPool>,
    versions: web::Data<DataVersion>,
    query: web::Query<StreamQuery>,
    concerning: web::Query<SubjectQuery>,
) -> Reply {
    let resumed = req
        .headers()
        .get("last-event-id")
        .map(|value| value.to_str().unwrap_or("\u{fffd}"));
    // Both are checked where both are sent, though the header wins.
    let asked = query
        .after
        .as_deref()
        .map(|text| cursor("after", text))
        .transpose()?;
    let after = match (resumed, asked) {
        (Some(id), _) => cursor("Last-Event-ID", id.trim())?,
        (None, Some(after)) => after,
        (None, None) => data_version::read(&**pool).await?,
    };
    let subjects = concerning.subjects(&mut *pool.acquire().await?).await?;
    let (sender, body) = event_stream::channel();
    tokio::spawn(follow(
        pool.get_ref().clone(),
        versions.get_ref().clone(),
        after,
        subjects,
        sender,
    ));
    Ok(HttpResponse::Ok()
        .content_type(event_stream::CONTENT_TYPE)
        .insert_header((header::CACHE_CONTROL, "no-store"))
        // Proxies that buffer (nginx) would hold events back.
        .insert_header(("x-accel-buffering", "no"))
        .body(body))
}

/// Sends the changes after `after` (those naming `subjects`, where there are
/// any), then each change as it commits, until the client goes away (or
/// the log cannot be read: the client reconnects).
async fn follow(
    pool: PgPool,
    versions: DataVersion,
    mut after: i64,
    subjects: Vec<Uuid>,
    sender: EventSender,
) {
    let mut moved = versions.subscribe();
    if !sender.retry_after(RECONNECT_MILLISECONDS).await {
        return;
    }
    loop {
        let page = match pool.acquire().await {
            Ok(mut conn) => changes_after(&mut conn, after, Limit::largest(), &subjects).await,
            Err(error) => Err(error.into()),
        };
        let (changes, more) = match page {
            Ok(page) => page,
            Err(error) => {
                tracing::warn!(%error, "the change stream cannot read the log; it ends, and its client reconnects");
                return;
            }
        };
        for change in changes {
            let data = serde_json::to_string(&change).expect("a change serialises");
            if !sender.event(&change.cursor, &change.event, &data).await {
                return;
            }
            after = change.cursor.parse().expect("a cursor is a number");
        }
        if more {
            continue;
        }
        let wait = if versions.trusted().is_some() {
            HEARTBEAT
        } else {
            POLL_WHILE_UNHEARD
        };
        tokio::select! {
            heard = moved.changed() => {
                if heard.is_err() {
                    return;
                }
            }
            () = tokio::time::sleep(wait) => {
                if !sender.comment("heartbeat").await {
                    return;
                }
            }
            () = sender.closed() => return,
        }
    }
}
