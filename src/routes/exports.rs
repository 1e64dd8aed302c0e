//! Bulk exports (`GET /v1/exports/{dataset}`): every row of a dataset as
//! CSV, NDJSON or one JSON-LD document, written as PostgreSQL hands the rows
//! over. The rows are in [`crate::views::exports`], their encodings in
//! [`crate::formats::table`].

use std::io::ErrorKind;

use actix_web::http::header;
use actix_web::{web, HttpRequest, HttpResponse};

use crate::db::Reader;
use crate::error::ApiError;
use crate::formats::linked_data::Names;
use crate::formats::table::{Encoding, Table};
use crate::http::negotiation::Format;
use crate::http::params::{At, AtQuery};
use crate::http::{streamed, Reply};
use crate::views::exports::{export, Dataset};

/// How much of an export is held back before its status is sent: an
/// export that fails before (a read as known at a moment that ran past its
/// limit, say) is a problem response. Up to this much memory an export.
const HELD: usize = 4 * 1024 * 1024;

/// Export a dataset
///
/// Every agency (`agencies`), every assignment with its holder (`assignments`), every holding
/// (`holdings`), every contact point (`contact-points`) or every lineage link, which agency
/// took over from which (`lineage-links`), a flat row each: names, titles,
/// status and holders as on `at`; holdings and contact points each with its own period. CSV
/// with a header (the default), NDJSON with `Accept: application/x-ndjson` or `?format=ndjson`,
/// or one JSON-LD document (`@graph`, in the vocabularies of the single resources) with
/// `Accept: application/ld+json` or `?format=jsonld`. The rows are one consistent snapshot
/// and are sent as they are read. A CSV cell a spreadsheet would run as a formula (it begins
/// with `=`, `+`, `-` or `@` and is not just a number) gets a `'` in front.
#[utoipa::path(get, path = "/v1/exports/{dataset}",
    params(("dataset" = inline(Dataset), Path, description = "What to export", example = "assignments"), AtQuery),
    responses(
        (status = 200, description = "The dataset, a row a line",
            content((String = "text/csv", example = "id,slug,name_sv,…"), (String = "application/x-ndjson"),
                (Object = "application/ld+json"))),
        (status = 404, description = "No such dataset"),
    ))]
#[tracing::instrument(skip(db, req))]
pub async fn export_dataset(
    dataset: web::Path<String>,
    At(at): At,
    format: Format,
    mut db: Reader,
    req: HttpRequest,
) -> Reply {
    let dataset = Dataset::parse(&dataset).ok_or_else(|| {
        ApiError::NotFound(format!(
            "There is no dataset '{dataset}'; there are agencies, assignments, holdings, contact-points and lineage-links."
        ))
    })?;
    let encoding = match format {
        Format::Ndjson => Encoding::Ndjson,
        Format::JsonLd => Encoding::JsonLd(Names::of(&req)),
        _ => Encoding::Csv,
    };
    let extension = format.extension();
    let (chunks, mut body) = streamed::channel();
    tokio::spawn(async move {
        let mut table = Table::new(encoding, chunks);
        let written = export(&mut db, dataset, at, &mut table).await;
        match written {
            Ok(_) => {
                if let Err(error) = table.finish().await {
                    tracing::debug!(%error, "export not finished");
                }
            }
            Err(error) => {
                tracing::warn!(%error, %dataset, "export broken off");
                let cancelled = error
                    .downcast_ref::<sqlx::Error>()
                    .is_some_and(crate::error::is_cancelled);
                let kind = if cancelled {
                    ErrorKind::TimedOut
                } else {
                    ErrorKind::Other
                };
                table.into_sink().abort(kind, "the export broke off").await;
            }
        }
    });
    // What fails before the first HELD bytes is a problem response; what
    // fails later cuts the connection.
    body.hold(HELD).await.map_err(|error| match error.kind() {
        ErrorKind::TimedOut => ApiError::TooSlow,
        _ => ApiError::Internal(anyhow::anyhow!("the export broke off: {error}")),
    })?;
    Ok(HttpResponse::Ok()
        .content_type(format.content_type())
        .insert_header((
            header::CONTENT_DISPOSITION,
            format!("inline; filename=\"{dataset}-{at}.{extension}\""),
        ))
        .body(body))
}
