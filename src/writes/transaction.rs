//! The frame of every write: one transaction that
//! - waits its turn: writes are serialised by one advisory lock, so that the
//!   change log's order is commit order (no reader of the feed can miss a
//!   change that commits late) and checks see no half-done rival write;
//! - tells the change log which token writes (`registry.token_id`);
//! - answers a retried `Idempotency-Key` with the first response, and keeps
//!   the response of a new key in the same transaction as the write (see
//!   [`super::idempotency`]).

use std::future::Future;
use std::pin::Pin;

use actix_web::dev::Payload;
use actix_web::http::{header, StatusCode};
use actix_web::{web, FromRequest, HttpRequest, HttpResponse};
use chrono::NaiveDate;
use serde::de::DeserializeOwned;
use serde::Serialize;
use sqlx::{PgConnection, PgPool, Postgres, Transaction};
use uuid::Uuid;

use super::idempotency::Idempotency;
use super::{source_id, today};
use crate::auth::Authority;
use crate::data_version::{self, DataVersion};
use crate::db::ReadPool;
use crate::domain::{Period, Reference};
use crate::error::ApiError;
use crate::http::auth::Writer;
use crate::http::body;
use crate::http::cache::Committed;
use crate::http::etag::{self, Asked, Moment, Tag};
use crate::http::params::pool;
use crate::http::Reply;

/// A write as its handler receives it: the authenticated token (401/403
/// first), then the body (at most [`body::MAX_BODY_BYTES`]).
pub struct WriteRequest {
    writer: Writer,
    pool: web::Data<PgPool>,
    req: HttpRequest,
    body: web::Bytes,
}

impl FromRequest for WriteRequest {
    type Error = actix_web::Error;
    type Future = Pin<Box<dyn Future<Output = Result<Self, Self::Error>>>>;

    fn from_request(req: &HttpRequest, payload: &mut Payload) -> Self::Future {
        let writer = Writer::from_request(req, payload);
        let body = web::Bytes::from_request(req, payload);
        let req = req.clone();
        Box::pin(async move {
            let writer = writer.await?;
            let body = body.await?;
            let pool = pool(&req)?;
            Ok(WriteRequest {
                writer,
                pool,
                req,
                body,
            })
        })
    }
}

impl WriteRequest {
    /// The JSON body as `T` (see [`body::parse`]).
    pub fn body<T: DeserializeOwned + utoipa::PartialSchema>(&self) -> Result<T, ApiError> {
        body::parse(&self.req, &self.body)
    }

    /// Begins the write (see [`WriteTx::begin`]); use [`crate::begin_write`].
    pub async fn begin(&self) -> Result<Begun, ApiError> {
        WriteTx::begin(&self.pool, &self.writer, &self.req, &self.body).await
    }
}

pub struct WriteTx {
    tx: Transaction<'static, Postgres>,
    idempotency: Option<Idempotency>,
    req: HttpRequest,
    authority: Authority,
    /// The day the answer shows the resource on, if not today.
    shown_on: Option<NaiveDate>,
}

/// A resource as a write fetches it on its connection (see [`Fetch`]).
pub type Fetched<'c, T> = Pin<Box<dyn Future<Output = Result<T, ApiError>> + 'c>>;

/// A resource a write can create: where it is read (`Location`).
pub trait Located: Serialize {
    fn location(&self) -> String;
}

/// How a write reads the resource it writes: by id, as shown on a day (a
/// record without days ignores it). What `If-Match` is checked against, and
/// what a change answers with.
pub type Fetch<T> = for<'c> fn(&'c mut PgConnection, Uuid, NaiveDate) -> Fetched<'c, T>;

/// A write about to happen, or the answer already given to its key.
pub enum Begun {
    Fresh(WriteTx),
    Replay(HttpResponse),
}

impl WriteTx {
    async fn begin(
        pool: &PgPool,
        writer: &Writer,
        req: &HttpRequest,
        body: &[u8],
    ) -> Result<Begun, ApiError> {
        let idempotency = Idempotency::of(req, writer, body)?;
        let mut tx = pool.begin().await?;
        sqlx::query!(
            "select lock_writes(), set_config('registry.token_id', $1, true)",
            writer.token_id.to_string(),
        )
        .fetch_one(&mut *tx)
        .await?;
        if let Some(idempotency) = &idempotency {
            if let Some(response) = idempotency.earlier_answer(&mut tx).await? {
                return Ok(Begun::Replay(response));
            }
        }
        Ok(Begun::Fresh(WriteTx {
            tx,
            idempotency,
            req: req.clone(),
            authority: writer.authority.clone(),
            shown_on: None,
        }))
    }

    pub fn conn(&mut self) -> &mut PgConnection {
        &mut self.tx
    }

    /// Refuses the write (403) unless the token may act for `agency`: an
    /// agency's token for its own agencies, a registrar's for all.
    pub async fn act_for(&mut self, agency: Uuid) -> Result<(), ApiError> {
        self.act_for_any(&[agency]).await
    }

    /// Refuses the write (403) unless the token may act for one of
    /// `agencies` (a transfer: the giving or the receiving agency).
    pub async fn act_for_any(&mut self, agencies: &[Uuid]) -> Result<(), ApiError> {
        if agencies.iter().any(|agency| self.authority.covers(*agency)) {
            return Ok(());
        }
        let slugs = sqlx::query_scalar!(
            "select slug from agencies where id = any($1) order by slug",
            agencies,
        )
        .fetch_all(self.conn())
        .await?;
        Err(ApiError::Forbidden(format!(
            "This token may not change the records of {}; it acts for other agencies.",
            slugs
                .iter()
                .map(|slug| format!("'{slug}'"))
                .collect::<Vec<_>>()
                .join(" or ")
        )))
    }

    /// Refuses the write (403) unless the token is a registrar's; `what`
    /// says what only a registrar may do.
    pub fn as_registrar(&self, what: &str) -> Result<(), ApiError> {
        match self.authority {
            Authority::Registrar => Ok(()),
            Authority::Agencies(_) => Err(ApiError::Forbidden(format!(
                "Only a registrar's token (scope admin) may {what}."
            ))),
        }
    }

    /// Refuses the write (412) unless `If-Match` (when sent) names the
    /// resource as it is now: `current`, as `fetch` renders it on a day.
    /// A tag of an older data version names it too if the resource, as it
    /// was known at that version and shown for the tag's day, is the same
    /// (see [`etag`]): a change to something else is no reason to refuse.
    pub async fn check_if_match<T: Serialize>(
        &mut self,
        current: &T,
        id: Uuid,
        fetch: Fetch<T>,
    ) -> Result<(), ApiError> {
        let asked = Asked::resource(&self.req, self.req.path());
        self.check_if_match_of(&asked, current, id, fetch).await
    }

    /// As [`Self::current`], for a write to a part of the resource at
    /// `path` that has no representation of its own (an assignment's
    /// interim report): `If-Match` names the resource as `GET path`
    /// answered it.
    pub async fn current_of<T: Serialize>(
        &mut self,
        path: &str,
        id: Uuid,
        fetch: Fetch<T>,
    ) -> Result<T, ApiError> {
        let current = fetch(&mut self.tx, id, today()).await?;
        self.check_if_match_of(&Asked::resource(&self.req, path), &current, id, fetch)
            .await?;
        Ok(current)
    }

    async fn check_if_match_of<T: Serialize>(
        &mut self,
        asked: &Asked,
        current: &T,
        id: Uuid,
        fetch: Fetch<T>,
    ) -> Result<(), ApiError> {
        let Some(tags) = etag::if_match(&self.req)? else {
            return Ok(());
        };
        let now = data_version::read(&mut *self.tx).await?;
        let today = today();
        for tag in &tags {
            match tag {
                Tag::Any => return Ok(()),
                Tag::Read { version, day, .. } if tag.is_for(asked) => {
                    if (*version, *day) == (now, today)
                        || self
                            .unchanged_since(*version, *day, current, id, fetch)
                            .await?
                    {
                        return Ok(());
                    }
                }
                Tag::Read { .. } | Tag::Other => {}
            }
        }
        let list = self
            .req
            .headers()
            .get(header::IF_MATCH)
            .and_then(|value| value.to_str().ok())
            .unwrap_or_default();
        Err(etag::stale(
            list,
            &etag::derived(Moment::Version(now), today, asked),
        ))
    }

    /// Whether the resource as known at data version `version`, shown for
    /// `day`, is `current`. Read in this transaction, through the `known`
    /// views, as a read with `known_at` would.
    async fn unchanged_since<T: Serialize>(
        &mut self,
        version: i64,
        day: NaiveDate,
        current: &T,
        id: Uuid,
        fetch: Fetch<T>,
    ) -> Result<bool, ApiError> {
        let Some(moment) =
            sqlx::query_scalar!("select recorded_at from changes where id = $1", version)
                .fetch_optional(&mut *self.tx)
                .await?
        else {
            return Ok(false);
        };
        let search_path = sqlx::query!(
            r#"select current_setting('search_path') as "search_path!",
                      set_config('registry.known_at', $1::timestamptz::text, true) as known_at,
                      set_config('search_path', 'known, public', true) as known_path"#,
            moment,
        )
        .fetch_one(&mut *self.tx)
        .await?
        .search_path;
        let then = fetch(&mut self.tx, id, day).await;
        sqlx::query!(
            "select set_config('search_path', $1, true) as search_path,
                    set_config('registry.known_at', '', true) as known_at",
            search_path,
        )
        .fetch_one(&mut *self.tx)
        .await?;
        let json =
            |value: &T| serde_json::to_value(value).map_err(|e| ApiError::Internal(e.into()));
        match then {
            Ok(then) => Ok(json(&then)? == json(current)?),
            Err(ApiError::NotFound(_) | ApiError::NotFoundSuggesting { .. }) => Ok(false),
            Err(error) => Err(error),
        }
    }

    /// Commits and answers `status` with `body` (and `Location`), keeping
    /// the answer for the idempotency key, if there is one.
    async fn commit(
        mut self,
        status: StatusCode,
        location: Option<String>,
        body: &impl Serialize,
    ) -> Reply {
        let bytes = serde_json::to_vec(body).map_err(|e| ApiError::Internal(e.into()))?;
        if let Some(idempotency) = &self.idempotency {
            idempotency
                .remember(&mut self.tx, status, location.as_deref(), &bytes)
                .await?;
        }
        let version = self.finish().await?;
        let mut response = HttpResponse::build(status);
        response.content_type("application/json");
        if let Some(location) = location {
            response.insert_header((header::LOCATION, location));
        }
        let mut response = response.body(bytes);
        response.extensions_mut().insert(Committed(version));
        Ok(response)
    }

    /// Answers with the resource as on the day `written` begins, where that
    /// is after today ([`Period::shown_on`]): a version from next year, say.
    pub fn show_from(&mut self, written: &Period) {
        self.shown_on = Some(written.shown_on(today()));
    }

    /// Commits a creation: 201 with the new resource `id` as `fetch` shows
    /// it now ([`Self::show_from`]), and `Location` naming it.
    pub async fn created<T: Located>(mut self, id: Uuid, fetch: Fetch<T>) -> Reply {
        let created = fetch(&mut self.tx, id, self.shown_on.unwrap_or_else(today)).await?;
        let location = created.location();
        self.commit(StatusCode::CREATED, Some(location), &created)
            .await
    }

    /// The resource `id` as `fetch` shows it today, once `If-Match` (when
    /// sent) names it as it is now ([`Self::check_if_match`]).
    pub async fn current<T: Serialize>(
        &mut self,
        id: Uuid,
        fetch: Fetch<T>,
    ) -> Result<T, ApiError> {
        let current = fetch(&mut self.tx, id, today()).await?;
        self.check_if_match(&current, id, fetch).await?;
        Ok(current)
    }

    /// Commits a change: 200 with the resource `id` as `fetch` shows it now.
    pub async fn changed<T: Serialize>(mut self, id: Uuid, fetch: Fetch<T>) -> Reply {
        let changed = fetch(&mut self.tx, id, self.shown_on.unwrap_or_else(today)).await?;
        self.commit(StatusCode::OK, None, &changed).await
    }

    /// The source a change cites: the one `given` names, or else the
    /// record's `current` one.
    pub async fn source_or(
        &mut self,
        given: Option<&Reference>,
        current: Uuid,
    ) -> Result<Uuid, ApiError> {
        match given {
            Some(source) => source_id(self.conn(), source).await,
            None => Ok(current),
        }
    }

    /// Commits a write that answers with no body (a deletion).
    pub async fn deleted(self) -> Reply {
        let version = self.finish().await?;
        let mut response = HttpResponse::NoContent().finish();
        response.extensions_mut().insert(Committed(version));
        Ok(response)
    }

    /// Commits, and raises this instance's data version to the one the
    /// write committed at, so that its next reads see it; unless reads go
    /// to a replica, which must replay it first (the notification of the
    /// commit raises it then: see [`data_version::listen`]).
    async fn finish(mut self) -> Result<i64, ApiError> {
        let version = data_version::read(&mut *self.tx).await?;
        self.tx.commit().await?;
        let reads_here = !matches!(
            self.req.app_data::<web::Data<ReadPool>>(),
            Some(reads) if reads.replica
        );
        if let (true, Some(versions)) = (reads_here, self.req.app_data::<web::Data<DataVersion>>())
        {
            versions.advance_to(version);
        }
        Ok(version)
    }
}

/// Begins the write of a [`WriteRequest`]: the fresh transaction, or
/// returns the answer already given to its `Idempotency-Key`.
#[macro_export]
macro_rules! begin_write {
    ($write:expr) => {
        match $write.begin().await? {
            $crate::writes::transaction::Begun::Fresh(tx) => tx,
            $crate::writes::transaction::Begun::Replay(response) => return Ok(response),
        }
    };
}
