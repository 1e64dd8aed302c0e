//! `/v1/search`: agencies and assignments found together, for one search
//! box (the order is [`crate::views::search`]'s).

use actix_web::{web, HttpResponse};
use serde::Deserialize;
use utoipa::IntoParams;

use crate::http::params::{at_date, search_text, ListReader, PageQuery, Paging};
use crate::http::Reply;
use crate::views::search::{self, SearchPage};

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct SearchQuery {
    /// What to search for: an agency's name of any time, other name or
    /// abbreviation (`skolverket`, `TRV`), or words of an assignment's title
    /// or text, or its case number, as `/v1/agencies?q=` and
    /// `/v1/assignments?q=` search them. Blank, or with no letters or
    /// digits: nothing is found.
    #[param(example = "skolverket", max_length = 200, pattern = "^[^\\x00]*$")]
    q: String,
    /// The date whose names, titles, status and holders to show,
    /// `YYYY-MM-DD`. Default: today in Europe/Stockholm.
    #[param(value_type = Option<chrono::NaiveDate>, example = "2018-01-08")]
    at: Option<String>,
}

/// Search agencies and assignments together
///
/// What one search box finds, in one order: first the agencies the text names (each of its words,
/// or the word's Swedish stem, is a whole word of one of their names of any time, other names or
/// slug, or begins one from three letters on: `skolverket` names Statens skolverk, `polisen`
/// Polismyndigheten), then the assignments it matches, best first, then the other agencies it
/// matches (a word inside a name, or a typo). Each is shown as its own list shows it: names,
/// titles, status and holders as on `at`. Up to the 200th match; for more, or for filters, search
/// `/v1/agencies` or `/v1/assignments`.
#[utoipa::path(get, path = "/v1/search", params(SearchQuery, PageQuery),
    responses((status = 200, description = "A page of agencies and assignments", body = SearchPage)))]
#[tracing::instrument(skip(db))]
pub async fn search(
    query: web::Query<SearchQuery>,
    paging: Paging,
    ListReader(mut db): ListReader,
) -> Reply {
    let q = search_text(Some(&query.q))?;
    let at = at_date(query.at.as_deref())?;
    let window = paging.window(true);
    let found = match q {
        Some(q) => search::search(&mut db, &q, at, &window).await?,
        None => Vec::new(),
    };
    // A search's page is by rank: its rows are counted, not keyed.
    let (items, next_cursor) = paging.page_in(found, &window, |_| String::new());
    Ok(HttpResponse::Ok().json(SearchPage { items, next_cursor }))
}
