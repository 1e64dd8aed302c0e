//! The agencies a name, an organisation number and a date may mean: what
//! a reconciliation query asks (see [`crate::formats::reconciliation`]).

use chrono::NaiveDate;
use serde::Deserialize;
use sqlx::types::Json;
use sqlx::PgConnection;

use crate::domain::{OrganisationNumber, PartialDate};
use crate::error::ApiError;
use crate::views::shared::AgencyRef;

/// An agency a name or a number may mean, and how well it fits.
#[derive(Debug, Deserialize)]
pub struct Candidate {
    /// With its name on the date asked about.
    pub agency: AgencyRef,
    pub started_on: Option<PartialDate>,
    pub ended_on: Option<PartialDate>,
    /// Whether it has (or had) the organisation number asked about.
    pub by_number: bool,
    /// How well the name fits, as the agency search ranks it (see the SQL
    /// function `agency_search`): 4 or more where the name is one of the
    /// agency's names, former names, other names or its slug, letter for
    /// letter (but for case, diacritics, spaces and hyphens); less the
    /// less alike. Null where the name was not asked about or does not fit.
    pub name_score: Option<f64>,
}

/// What a reconciliation query looks for.
#[derive(Debug)]
pub struct Wanted<'a> {
    /// A name, of any time: as the agency search finds it.
    pub name: Option<&'a str>,
    /// The agency that has or had this number.
    pub organisation_number: Option<&'a OrganisationNumber>,
    /// Only agencies that existed at some time in this span, and their
    /// names as on its first day.
    pub existed: Option<&'a PartialDate>,
    /// Else names as on this date.
    pub at: NaiveDate,
    pub limit: i64,
}

/// The agencies `wanted` may mean, the best first: by number, then by how
/// well the name fits.
#[tracing::instrument(skip(conn))]
pub async fn candidates(
    conn: &mut PgConnection,
    wanted: Wanted<'_>,
) -> Result<Vec<Candidate>, ApiError> {
    let rows = sqlx::query_scalar!(
        r#"
        select jsonb_build_object(
                   'agency', agency_ref_json(a.id, coalesce($5::date, $3)),
                   'started_on', partial_date_text(a.started_on, a.started_on_precision),
                   'ended_on', partial_date_text(a.ended_on, a.ended_on_precision),
                   'by_number', hit.by_number, 'name_score', hit.name_score)
               as "candidate!: Json<Candidate>"
        from (
            select found.agency_id, bool_or(found.by_number) as by_number,
                   max(found.name_score) as name_score
            from (
                select a.id as agency_id, true as by_number, null::float8 as name_score
                from agencies a
                where a.organisation_number = $2
                   or exists (select 1 from agency_identifiers i
                              where i.agency_id = a.id and i.scheme = 'organisation_number'
                                and i.value = $2)
                union all
                select s.agency_id, false, s.score
                from agency_search($1) s
            ) found
            group by found.agency_id
        ) hit
        join agencies a on a.id = hit.agency_id
        where ($5::date is null or a.started_on is null or a.started_on < $6::date)
          and ($5::date is null or a.ended_on is null or a.ended_on > $5::date)
        order by hit.by_number desc, hit.name_score desc nulls last, a.slug collate "C"
        limit $4
        "#,
        wanted.name,
        wanted.organisation_number.map(OrganisationNumber::as_str),
        wanted.at,
        wanted.limit,
        wanted.existed.map(PartialDate::first_day),
        wanted.existed.map(PartialDate::day_after),
    )
    .fetch_all(conn)
    .await?;
    Ok(rows.into_iter().map(|row| row.0).collect())
}
