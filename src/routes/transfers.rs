//! `/v1/transfers`: events that moved assignments from one agency to another
//! on an effective date.

use actix_web::{web, HttpResponse};
use serde::Deserialize;
use utoipa::IntoParams;

use crate::domain::Reference;
use crate::error::ApiError;
use crate::http::params::{optional_date, Id, KnownAt, Paging};
use crate::views::agencies::agency_ref;
use crate::views::transfers::{fetch_transfer, transfers_where, Filter, Transfer, TransferPage};

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
        (status = 404, description = "The `agency` does not exist"),
    )
)]
#[tracing::instrument(skip(known))]
pub async fn list_transfers(
    known: KnownAt,
    query: web::Query<TransferListQuery>,
) -> Result<HttpResponse, ApiError> {
    let from = optional_date("from", query.from.as_deref())?;
    let to = optional_date("to", query.to.as_deref())?;
    let paging = Paging::parse(query.limit.as_deref(), query.cursor.as_deref())?;
    let mut conn = known.reader().await?;
    let agency = match query.agency.as_deref() {
        Some(text) => {
            let reference =
                Reference::parse(text).map_err(|error| ApiError::invalid("agency", error))?;
            let today = crate::domain::today_in_stockholm();
            Some(agency_ref(&mut conn, &reference, today).await?.id)
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
    responses(
        (status = 200, description = "The transfer", body = Transfer),
    )
)]
#[tracing::instrument(skip(known))]
pub async fn get_transfer(known: KnownAt, Id(reference): Id) -> Result<HttpResponse, ApiError> {
    let mut conn = known.reader().await?;
    let transfer = fetch_transfer(&mut conn, &reference).await?;
    Ok(HttpResponse::Ok().json(transfer))
}
