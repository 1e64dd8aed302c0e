//! How well the assignments a search found fit a name or a case number:
//! what a reconciliation query asks of assignments (see
//! [`crate::formats::reconciliation`]). The search itself is the
//! assignment search ([`super::list`] with
//! [`super::AssignmentFilter::search`]), and [`fitting_fully`] finds those
//! that fit fully, however the search ranks them.

use serde::Deserialize;
use sqlx::types::Json;
use sqlx::PgConnection;
use uuid::Uuid;

use crate::domain::PartialDate;
use crate::error::ApiError;
use crate::views::shared::AgencyRef;

/// How well an assignment fits what was looked for.
#[derive(Debug, Deserialize)]
pub struct Fit {
    pub id: Uuid,
    /// Its case numbers (diarienummer), in order.
    pub case_numbers: Vec<String>,
    /// Whether what was looked for is one of its case numbers (but for
    /// case, spaces and punctuation: `s2011/5508/fs` is `S2011/5508/FS`).
    pub by_case_number: bool,
    /// How alike what was looked for and its likest title of any time are,
    /// 0 to 1 (pg_trgm's similarity of their search keys); 1 where they
    /// are the same but for case, diacritics and punctuation.
    pub title_fit: f64,
    /// The agency it was first held by: the lead it was given to (named as
    /// then); none where nobody has held it.
    pub given_to: Option<AgencyRef>,
}

/// How well each of the assignments `ids` fits `wanted`, in their order;
/// an id that names no assignment is left out.
#[tracing::instrument(skip(conn))]
pub async fn fits(
    conn: &mut PgConnection,
    ids: &[Uuid],
    wanted: &str,
) -> Result<Vec<Fit>, ApiError> {
    let rows = sqlx::query_scalar!(
        r#"
        select jsonb_build_object(
                   'id', s.id,
                   'case_numbers', coalesce((select jsonb_agg(i.value order by i.value)
                                             from assignment_identifiers i
                                             where i.assignment_id = s.id), '[]'),
                   'by_case_number', exists (select 1 from assignment_identifiers i
                                             where i.assignment_id = s.id
                                               and search_key(i.value) = search_key($2)),
                   'title_fit', (select coalesce(max(case when search_key(v.title_sv) = search_key($2) then 1
                                                          else similarity(search_key(v.title_sv), search_key($2))
                                                     end)::float8, 0)
                                 from assignment_versions v
                                 where v.assignment_id = s.id),
                   'given_to', (select agency_ref_json(h.agency_id, coalesce(h.valid_from, current_date))
                                from holdings h
                                where h.assignment_id = s.id
                                order by h.valid_from nulls first
                                limit 1))
               as "fit!: Json<Fit>"
        from unnest($1::uuid[]) with ordinality asked (id, position)
        join assignments s on s.id = asked.id
        order by asked.position
        "#,
        ids,
        wanted,
    )
    .fetch_all(conn)
    .await?;
    Ok(rows.into_iter().map(|row| row.0).collect())
}

/// The assignments one of whose titles of any time or case numbers is
/// `wanted` (but for case, diacritics and punctuation), by their search
/// keys' indexes; at most `limit`, those given within `given` (where it is
/// asked about) first.
#[tracing::instrument(skip(conn))]
pub async fn fitting_fully(
    conn: &mut PgConnection,
    wanted: &str,
    given: Option<&PartialDate>,
    limit: i64,
) -> Result<Vec<Uuid>, ApiError> {
    let ids = sqlx::query_scalar!(
        r#"
        select fitting.id as "id!"
        from (select v.assignment_id as id from assignment_versions v
              where search_key(v.title_sv) = search_key($1)
              union
              select i.assignment_id from assignment_identifiers i
              where search_key(i.value) = search_key($1)) fitting
        left join lateral (select f.valid_from, f.valid_from_precision from assignment_versions f
                           where f.assignment_id = fitting.id
                           order by f.valid_from nulls first limit 1) first on true
        order by (first.valid_from < $3::date
                  and partial_date_day_after(first.valid_from, first.valid_from_precision) > $2::date)
                 desc nulls last,
                 fitting.id
        limit $4
        "#,
        wanted,
        given.map(PartialDate::first_day),
        given.map(PartialDate::day_after),
        limit,
    )
    .fetch_all(conn)
    .await?;
    Ok(ids)
}
