//! `/v1/transfers`: events that moved assignments from one agency to another
//! on an effective date.

use actix_web::{web, HttpResponse};
use serde::Deserialize;
use utoipa::IntoParams;

use super::agencies::filter_agency;
use crate::db::Reader;
use crate::formats::linked_data::Names;
use crate::formats::{Negotiated, NegotiatedReply};
use crate::http::params::{optional_date, Id, PageQuery, Paging};
use crate::http::Reply;
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
}

/// List transfers
///
/// Transfers ordered by effective date, optionally only those involving one agency or within
/// a half-open date range `[from, to)`.
#[utoipa::path(get, path = "/v1/transfers", params(TransferListQuery, PageQuery),
    responses((status = 200, description = "A page of transfers", body = TransferPage)))]
#[tracing::instrument(skip(db))]
pub async fn list_transfers(
    query: web::Query<TransferListQuery>,
    paging: Paging,
    mut db: Reader,
) -> Reply {
    let from = optional_date("from", query.from.as_deref())?;
    let to = optional_date("to", query.to.as_deref())?;
    let today = crate::domain::today_in_stockholm();
    let agency = filter_agency(&mut db, "agency", query.agency.as_deref(), today).await?;
    let window = paging.window(false);
    let filter = Filter {
        agency,
        from,
        to,
        after: window.after.clone(),
        limit: Some(window.limit),
        ..Filter::default()
    };
    let transfers = transfers_where(&mut db, filter).await?;
    let (items, next_cursor) = paging.page_in(transfers, &window, |transfer| {
        format!("{}/{}", transfer.effective_on, transfer.slug)
    });
    Ok(HttpResponse::Ok().json(TransferPage { items, next_cursor }))
}

/// Get a transfer
///
/// By UUID or slug, with every assignment it moved.
///
/// As JSON-LD (an `org:ChangeEvent`) with `Accept: application/ld+json` or `?format=jsonld`.
#[utoipa::path(get, path = "/v1/transfers/{id}",
    responses((status = 200, description = "The transfer", body = Transfer)))]
#[tracing::instrument(skip(db))]
pub async fn get_transfer(Id(reference): Id, mut db: Reader) -> NegotiatedReply<Transfer> {
    let transfer = fetch_transfer(&mut db, &reference).await?;
    Ok(Negotiated::linked(transfer, Names::transfer))
}
