//! `/v1/transfers`: events that moved assignments from one agency to another
//! on an effective date.

use actix_web::{web, HttpResponse};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use sqlx::PgPool;
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

use super::representations::{
    cited, sources_by_id, AgencyRef, AssignmentRef, LocalizedText, Source,
};
use crate::domain::Reference;
use crate::error::ApiError;
use crate::http::params::{optional_date, reference, KnownAt, Paging};
use crate::http::problem::Problem;

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct TransferListQuery {
    /// Only transfers from or to this agency (UUID or slug).
    #[param(example = "jamstalldhetsmyndigheten")]
    agency: Option<String>,
    /// Only transfers effective on or after this date, `YYYY-MM-DD`.
    #[param(value_type = Option<NaiveDate>, example = "2018-01-01")]
    from: Option<String>,
    /// Only transfers effective before this date, `YYYY-MM-DD`. The range `[from, to)` is
    /// half-open; when `to` is not after `from` it is empty and matches nothing.
    #[param(value_type = Option<NaiveDate>, example = "2019-01-01")]
    to: Option<String>,
    /// Items per page, 1 to 100. Default 20.
    #[param(value_type = Option<u16>, minimum = 1, maximum = 100, example = 5)]
    limit: Option<String>,
    /// Where the page starts: `next_cursor` from the previous page, unchanged.
    cursor: Option<String>,
}

/// A transfer in full: which assignments moved, from whom, to whom, when.
#[derive(Debug, Serialize, ToSchema)]
pub struct Transfer {
    pub id: Uuid,
    #[schema(example = "2018-01-01-lansstyrelsen-stockholm-till-jamstalldhetsmyndigheten")]
    pub slug: String,
    /// The first day the receiving agency holds the assignments.
    #[schema(example = "2018-01-01")]
    pub effective_on: NaiveDate,
    /// The giving agency, named as it was the day before.
    pub from_agency: AgencyRef,
    /// The receiving agency, named as it was on the day.
    pub to_agency: AgencyRef,
    /// What the transfer is about.
    pub note: Option<LocalizedText>,
    /// What stays behind with the giving side.
    pub stays_behind: Option<LocalizedText>,
    /// Every assignment it moved, with its title on the day.
    pub assignments: Vec<AssignmentRef>,
    pub source: Source,
}

/// A page of transfers, ordered by effective date.
#[derive(Debug, Serialize, ToSchema)]
pub struct TransferPage {
    pub items: Vec<Transfer>,
    /// Pass as `cursor` for the next page; null on the last page.
    pub next_cursor: Option<String>,
}

/// List transfers
///
/// Transfers ordered by effective date, optionally only those involving one agency or within
/// a half-open date range `[from, to)`.
#[utoipa::path(
    get,
    path = "/v1/transfers",
    tag = "transfers",
    params(TransferListQuery),
    responses(
        (status = 200, description = "A page of transfers", body = TransferPage),
        (status = 400, description = "A parameter is malformed", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "The `agency` does not exist", body = Problem, content_type = "application/problem+json"),
    )
)]
#[tracing::instrument(skip(pool))]
pub async fn list_transfers(
    pool: web::Data<PgPool>,
    known: KnownAt,
    query: web::Query<TransferListQuery>,
) -> Result<HttpResponse, ApiError> {
    let from = optional_date("from", query.from.as_deref())?;
    let to = optional_date("to", query.to.as_deref())?;
    let paging = Paging::parse(query.limit.as_deref(), query.cursor.as_deref())?;
    let mut conn = known.reader(&pool).await?;
    let agency = match query.agency.as_deref() {
        Some(text) => {
            let reference =
                Reference::parse(text).map_err(|error| ApiError::invalid("agency", error))?;
            let today = crate::domain::today_in_stockholm();
            Some(
                super::agencies::agency_ref(&mut conn, &reference, today)
                    .await?
                    .id,
            )
        }
        None => None,
    };

    let transfers = transfers_where(
        &mut conn,
        Filter {
            agency,
            from,
            to,
            after: paging.cursor.as_ref().map(|cursor| cursor.key().to_owned()),
            limit: Some(paging.fetch()),
            ..Filter::default()
        },
    )
    .await?;
    let (items, next_cursor) = paging.page(transfers, |transfer| {
        format!("{}/{}", transfer.effective_on, transfer.slug)
    });
    Ok(HttpResponse::Ok().json(TransferPage { items, next_cursor }))
}

/// Get a transfer
///
/// By UUID or slug, with every assignment it moved.
#[utoipa::path(
    get,
    path = "/v1/transfers/{id}",
    tag = "transfers",
    params(("id" = String, Path, description = "The transfer's UUID or slug.",
            example = "2018-01-01-lansstyrelsen-stockholm-till-jamstalldhetsmyndigheten")),
    responses(
        (status = 200, description = "The transfer", body = Transfer),
        (status = 400, description = "A parameter is malformed", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such transfer", body = Problem, content_type = "application/problem+json"),
    )
)]
#[tracing::instrument(skip(pool))]
pub async fn get_transfer(
    pool: web::Data<PgPool>,
    known: KnownAt,
    id: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let reference = reference(&id)?;
    let mut conn = known.reader(&pool).await?;
    let transfer = fetch_transfer(&mut conn, &reference).await?;
    Ok(HttpResponse::Ok().json(transfer))
}

/// A transfer as `GET /v1/transfers/{id}` shows it.
pub async fn fetch_transfer(
    conn: &mut sqlx::PgConnection,
    reference: &Reference,
) -> Result<Transfer, ApiError> {
    let filter = Filter {
        id: reference.id(),
        slug: reference.slug().map(str::to_owned),
        ..Filter::default()
    };
    transfers_where(conn, filter)
        .await?
        .pop()
        .ok_or_else(|| ApiError::NotFound(format!("There is no transfer '{reference}'.")))
}

/// Which transfers to load.
#[derive(Debug, Default)]
struct Filter {
    id: Option<Uuid>,
    slug: Option<String>,
    agency: Option<Uuid>,
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
    /// The position key of the last transfer already shown.
    after: Option<String>,
    limit: Option<i64>,
}

/// Loads the transfers that match, ordered by effective date then slug, in
/// three queries however many there are: transfers, their items, sources.
#[tracing::instrument(skip(conn))]
async fn transfers_where(
    conn: &mut sqlx::PgConnection,
    filter: Filter,
) -> Result<Vec<Transfer>, ApiError> {
    let rows = sqlx::query!(
        r#"
        select t.id, t.slug, t.effective_on, t.note_sv, t.note_en, t.stays_behind_sv, t.stays_behind_en, t.source_id,
               fa.id as from_id, fa.slug as from_slug, fan.name_sv as "from_name_sv!", fan.name_en as from_name_en,
               ta.id as to_id, ta.slug as to_slug, tan.name_sv as "to_name_sv!", tan.name_en as to_name_en
        from transfers t
        join agencies fa on fa.id = t.from_agency_id
        cross join lateral agency_name_on(fa.id, t.effective_on - 1) fan
        join agencies ta on ta.id = t.to_agency_id
        cross join lateral agency_name_on(ta.id, t.effective_on) tan
        where ($1::uuid is null or t.id = $1)
          and ($2::text is null or t.slug = $2)
          and ($3::uuid is null or t.from_agency_id = $3 or t.to_agency_id = $3)
          and ($4::date is null or t.effective_on >= $4)
          and ($5::date is null or t.effective_on < $5)
          and ($6::text is null or transfer_position(t.effective_on, t.slug) > $6 collate "C")
        order by transfer_position(t.effective_on, t.slug) collate "C"
        limit $7
        "#,
        filter.id,
        filter.slug,
        filter.agency,
        filter.from,
        filter.to,
        filter.after,
        filter.limit,
    )
    .fetch_all(&mut *conn)
    .await?;

    let transfer_ids: Vec<Uuid> = rows.iter().map(|row| row.id).collect();
    let items = sqlx::query!(
        r#"
        select ti.transfer_id, s.id, s.slug, v.title_sv as "title_sv!", v.title_en
        from transfer_items ti
        join transfers t on t.id = ti.transfer_id
        join assignments s on s.id = ti.assignment_id
        cross join lateral assignment_version_on(s.id, t.effective_on) v
        where ti.transfer_id = any($1)
        order by s.parent_id nulls first, s.slug
        "#,
        &transfer_ids,
    )
    .fetch_all(&mut *conn)
    .await?;

    let source_ids: Vec<Uuid> = rows.iter().map(|row| row.source_id).collect();
    let sources = sources_by_id(conn, &source_ids).await?;
    rows.into_iter()
        .map(|row| {
            let assignments = items
                .iter()
                .filter(|item| item.transfer_id == row.id)
                .map(|item| AssignmentRef {
                    id: item.id,
                    slug: item.slug.clone(),
                    title: LocalizedText::new(item.title_sv.clone(), item.title_en.clone()),
                })
                .collect();
            Ok(Transfer {
                id: row.id,
                slug: row.slug,
                effective_on: row.effective_on,
                from_agency: AgencyRef {
                    id: row.from_id,
                    slug: row.from_slug,
                    name: LocalizedText::new(row.from_name_sv, row.from_name_en),
                },
                to_agency: AgencyRef {
                    id: row.to_id,
                    slug: row.to_slug,
                    name: LocalizedText::new(row.to_name_sv, row.to_name_en),
                },
                note: LocalizedText::optional(row.note_sv, row.note_en),
                stays_behind: LocalizedText::optional(row.stays_behind_sv, row.stays_behind_en),
                assignments,
                source: cited(&sources, row.source_id)?,
            })
        })
        .collect()
}
