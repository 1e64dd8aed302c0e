//! Bulk exports, for spreadsheets and sync jobs: every agency, every
//! assignment with its holder, every holding, every contact point and every
//! lineage link, a flat row each (`GET /v1/exports/{dataset}`, `registry
//! export`). A dataset is one statement, so an export is one consistent
//! snapshot, and its rows are handed on as they arrive, so memory stays the
//! same however large the registry grows. Names, titles, status and holders
//! are as on `at`; holdings, contact points and lineage links are all there
//! are, each with its period or date. Rows come in slug (or id) order, so
//! two exports compare line by line.

use std::fmt;

use chrono::NaiveDate;
use futures_util::{Stream, TryStreamExt};
use serde::{Deserialize, Serialize};
use sqlx::PgConnection;
use utoipa::ToSchema;
use uuid::Uuid;

/// What can be exported.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, ToSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Dataset {
    Agencies,
    Assignments,
    Holdings,
    ContactPoints,
    LineageLinks,
}

impl Dataset {
    pub const ALL: [Dataset; 5] = [
        Dataset::Agencies,
        Dataset::Assignments,
        Dataset::Holdings,
        Dataset::ContactPoints,
        Dataset::LineageLinks,
    ];

    /// Its name in a path or on the command line.
    pub fn name(self) -> &'static str {
        match self {
            Dataset::Agencies => "agencies",
            Dataset::Assignments => "assignments",
            Dataset::Holdings => "holdings",
            Dataset::ContactPoints => "contact-points",
            Dataset::LineageLinks => "lineage-links",
        }
    }

    pub fn parse(name: &str) -> Option<Dataset> {
        Dataset::ALL
            .into_iter()
            .find(|dataset| dataset.name() == name)
    }
}

impl fmt::Display for Dataset {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// An agency, with its name and status on the date exported.
#[derive(Debug, Default, Serialize, Deserialize)]
pub struct AgencyRow {
    pub id: Uuid,
    pub slug: String,
    pub name_sv: Option<String>,
    pub name_en: Option<String>,
    pub status: String,
    pub kind: String,
    pub organisation_number: Option<String>,
    pub county_code: Option<String>,
    pub seat: Option<String>,
    pub started_on: Option<String>,
    pub ended_on: Option<String>,
    /// The slug of the ministry it answers to on the date exported.
    pub ministry: Option<String>,
    /// The slug of the source it was recorded from.
    pub source: String,
    pub source_id: Uuid,
    /// The slug of the source of `started_on` and `ended_on`.
    pub lifetime_source: Option<String>,
    pub lifetime_source_id: Option<Uuid>,
    /// The slug of the source of the agency's register facts (its group,
    /// form of management, instructions and host, which
    /// `GET /v1/agencies/{id}` shows).
    pub register_source: Option<String>,
    pub register_source_id: Option<Uuid>,
    /// The slug of the source of `ministry`.
    pub ministry_source: Option<String>,
    pub ministry_source_id: Option<Uuid>,
}

/// An assignment, with its title, status and holder on the date exported.
#[derive(Debug, Default, Serialize, Deserialize)]
pub struct AssignmentRow {
    pub id: Uuid,
    pub slug: String,
    pub title_sv: Option<String>,
    pub title_en: Option<String>,
    pub kind: String,
    pub status: String,
    pub jurisdiction: String,
    pub county_code: Option<String>,
    /// The slug of the assignment it is a part of.
    pub part_of: Option<String>,
    pub part_of_id: Option<Uuid>,
    pub due_on: Option<String>,
    pub holder_id: Option<Uuid>,
    pub holder_slug: Option<String>,
    pub holder_name_sv: Option<String>,
    /// Since when the holder has held it.
    pub held_from: Option<String>,
    pub source: String,
    pub source_id: Uuid,
}

/// A holding: which agency held which assignment, when.
#[derive(Debug, Default, Serialize, Deserialize)]
pub struct HoldingRow {
    pub id: Uuid,
    pub assignment_id: Uuid,
    pub assignment_slug: String,
    pub agency_id: Uuid,
    pub agency_slug: String,
    pub valid_from: Option<String>,
    pub valid_to: Option<String>,
    /// The slug of the transfer that began it.
    pub started_by_transfer: Option<String>,
    pub started_by_transfer_id: Option<Uuid>,
    /// The slug of the transfer that ended it.
    pub ended_by_transfer: Option<String>,
    pub ended_by_transfer_id: Option<Uuid>,
    pub source: String,
    pub source_id: Uuid,
}

/// A contact point of an agency or of an assignment.
#[derive(Debug, Default, Serialize, Deserialize)]
pub struct ContactPointRow {
    pub id: Uuid,
    pub agency_id: Option<Uuid>,
    pub agency_slug: Option<String>,
    pub assignment_id: Option<Uuid>,
    pub assignment_slug: Option<String>,
    pub kind: String,
    pub value: String,
    pub label_sv: Option<String>,
    pub label_en: Option<String>,
    pub audience: String,
    pub valid_from: Option<String>,
    pub valid_to: Option<String>,
    pub source: String,
    pub source_id: Uuid,
}

/// One agency taking over from another.
#[derive(Debug, Default, Serialize, Deserialize)]
pub struct LineageLinkRow {
    pub id: Uuid,
    pub predecessor_id: Uuid,
    pub predecessor_slug: String,
    pub successor_id: Uuid,
    pub successor_slug: String,
    pub kind: String,
    pub effective_on: Option<String>,
    pub source: String,
    pub source_id: Uuid,
}

/// A row of a dataset: flat, so that CSV can hold it.
pub trait ExportRow: Serialize + Default + Send + Sync {
    const DATASET: Dataset;
}

impl ExportRow for AgencyRow {
    const DATASET: Dataset = Dataset::Agencies;
}

impl ExportRow for AssignmentRow {
    const DATASET: Dataset = Dataset::Assignments;
}

impl ExportRow for HoldingRow {
    const DATASET: Dataset = Dataset::Holdings;
}

impl ExportRow for ContactPointRow {
    const DATASET: Dataset = Dataset::ContactPoints;
}

impl ExportRow for LineageLinkRow {
    const DATASET: Dataset = Dataset::LineageLinks;
}

/// Where exported rows go, one at a time.
pub trait Rows {
    type Error: From<sqlx::Error>;

    /// The first call names the row type (for a header), with no row.
    fn begin<R: ExportRow>(&mut self) -> Result<(), Self::Error>;

    /// One row; may wait for the reader.
    fn row<R: ExportRow>(
        &mut self,
        row: &R,
    ) -> impl std::future::Future<Output = Result<(), Self::Error>> + Send;
}

/// Reads `dataset` as on `at` into `out`; returns how many rows it wrote.
pub async fn export<O: Rows + Send>(
    conn: &mut PgConnection,
    dataset: Dataset,
    at: NaiveDate,
    out: &mut O,
) -> Result<u64, O::Error> {
    match dataset {
        Dataset::Agencies => {
            let rows = sqlx::query_as!(
                AgencyRow,
                r#"
                select a.id, a.slug, n.name_sv as "name_sv?", n.name_en as "name_en?",
                       agency_status(a.started_on, a.ended_on, $1) as "status!",
                       a.kind, a.organisation_number, a.county_code, a.seat,
                       partial_date_text(a.started_on, a.started_on_precision) as started_on,
                       partial_date_text(a.ended_on, a.ended_on_precision) as ended_on,
                       m.slug as "ministry?", s.slug as source, s.id as source_id,
                       ls.slug as "lifetime_source?", ls.id as "lifetime_source_id?",
                       rs.slug as "register_source?", rs.id as "register_source_id?",
                       ms.slug as "ministry_source?", ms.id as "ministry_source_id?"
                from agencies a
                join sources s on s.id = a.source_id
                left join sources ls on ls.id = a.lifetime_source_id
                left join sources rs on rs.id = a.register_source_id
                left join ministry_links_on($1) l on l.agency_id = a.id
                left join sources ms on ms.id = l.source_id
                left join agencies m on m.id = l.ministry_id
                left join lateral agency_name_on(a.id, $1) n on true
                order by a.slug collate "C"
                "#,
                at,
            )
            .fetch(conn);
            drain::<AgencyRow, O>(rows, out).await
        }
        Dataset::Assignments => {
            let rows = sqlx::query_as!(
                AssignmentRow,
                r#"
                select a.id, a.slug, v.title_sv as "title_sv?", v.title_en as "title_en?",
                       a.kind, assignment_status(a.id, $1) as "status!", a.jurisdiction,
                       a.county_code, p.slug as "part_of?", p.id as "part_of_id?",
                       partial_date_text(v.due_on, v.due_on_precision) as due_on,
                       h.agency_id as "holder_id?", g.slug as "holder_slug?",
                       gn.name_sv as "holder_name_sv?",
                       partial_date_text(h.valid_from, h.valid_from_precision) as held_from,
                       s.slug as source, s.id as source_id
                from assignments a
                join sources s on s.id = a.source_id
                left join assignments p on p.id = a.parent_id
                left join lateral assignment_version_on(a.id, $1) v on true
                left join lateral holding_on(a.id, $1) h on true
                left join agencies g on g.id = h.agency_id
                left join lateral agency_name_on(g.id, $1) gn on true
                order by a.slug collate "C"
                "#,
                at,
            )
            .fetch(conn);
            drain::<AssignmentRow, O>(rows, out).await
        }
        Dataset::Holdings => {
            let rows = sqlx::query_as!(
                HoldingRow,
                r#"
                select h.id, h.assignment_id, a.slug as assignment_slug,
                       h.agency_id, g.slug as agency_slug,
                       partial_date_text(h.valid_from, h.valid_from_precision) as valid_from,
                       partial_date_text(h.valid_to, h.valid_to_precision) as valid_to,
                       st.slug as "started_by_transfer?", st.id as "started_by_transfer_id?",
                       et.slug as "ended_by_transfer?", et.id as "ended_by_transfer_id?",
                       s.slug as source, s.id as source_id
                from holdings h
                join assignments a on a.id = h.assignment_id
                join agencies g on g.id = h.agency_id
                join sources s on s.id = h.source_id
                left join transfers st on st.id = h.started_by_transfer_id
                left join transfers et on et.id = h.ended_by_transfer_id
                order by a.slug collate "C", h.valid_from nulls first, h.id
                "#,
            )
            .fetch(conn);
            drain::<HoldingRow, O>(rows, out).await
        }
        Dataset::ContactPoints => {
            let rows = sqlx::query_as!(
                ContactPointRow,
                r#"
                select c.id, c.agency_id, g.slug as "agency_slug?",
                       c.assignment_id, a.slug as "assignment_slug?",
                       c.kind, c.value, c.label_sv, c.label_en, c.audience,
                       partial_date_text(c.valid_from, c.valid_from_precision) as valid_from,
                       partial_date_text(c.valid_to, c.valid_to_precision) as valid_to,
                       s.slug as source, s.id as source_id
                from contact_points c
                join sources s on s.id = c.source_id
                left join agencies g on g.id = c.agency_id
                left join assignments a on a.id = c.assignment_id
                order by coalesce(g.slug, a.slug) collate "C", c.kind, c.value, c.id
                "#,
            )
            .fetch(conn);
            drain::<ContactPointRow, O>(rows, out).await
        }
        Dataset::LineageLinks => {
            let rows = sqlx::query_as!(
                LineageLinkRow,
                r#"
                select l.id, l.predecessor_id, p.slug as predecessor_slug,
                       l.successor_id, n.slug as successor_slug, l.kind,
                       partial_date_text(l.effective_on, l.effective_on_precision) as effective_on,
                       s.slug as source, s.id as source_id
                from agency_lineage l
                join agencies p on p.id = l.predecessor_id
                join agencies n on n.id = l.successor_id
                join sources s on s.id = l.source_id
                order by p.slug collate "C", n.slug collate "C"
                "#,
            )
            .fetch(conn);
            drain::<LineageLinkRow, O>(rows, out).await
        }
    }
}

async fn drain<R, O>(
    mut rows: impl Stream<Item = Result<R, sqlx::Error>> + Unpin,
    out: &mut O,
) -> Result<u64, O::Error>
where
    R: ExportRow,
    O: Rows + Send,
{
    out.begin::<R>()?;
    let mut count = 0;
    while let Some(row) = rows.try_next().await? {
        out.row(&row).await?;
        count += 1;
    }
    Ok(count)
}

/// How many rows `dataset` has (for a progress bar).
pub async fn count(conn: &mut PgConnection, dataset: Dataset) -> Result<i64, sqlx::Error> {
    let count = match dataset {
        Dataset::Agencies => sqlx::query_scalar!(r#"select count(*) as "n!" from agencies"#),
        Dataset::Assignments => {
            sqlx::query_scalar!(r#"select count(*) as "n!" from assignments"#)
        }
        Dataset::Holdings => sqlx::query_scalar!(r#"select count(*) as "n!" from holdings"#),
        Dataset::ContactPoints => {
            sqlx::query_scalar!(r#"select count(*) as "n!" from contact_points"#)
        }
        Dataset::LineageLinks => {
            sqlx::query_scalar!(r#"select count(*) as "n!" from agency_lineage"#)
        }
    };
    count.fetch_one(conn).await
}
