//! Agencies listed and searched.

use sqlx::PgConnection;
use uuid::Uuid;

use super::AgencySummary;
use crate::domain::{AgencyKind, AgencyStatus};
use crate::error::ApiError;
use crate::views::shared::Listing;

/// Which agencies to list (see [`Listing`]).
pub type AgencyFilter<'a> = Listing<'a, AgenciesOnly<'a>>;

/// Which agencies a list keeps: of one kind, with one status on its date,
/// with one organisation number or answering to one ministry; all where
/// none is given.
#[derive(Debug, Default)]
pub struct AgenciesOnly<'a> {
    pub kind: Option<AgencyKind>,
    pub status: Option<AgencyStatus>,
    pub organisation_number: Option<&'a str>,
    /// Only agencies that answer to this ministry on the date asked about.
    pub ministry: Option<Uuid>,
}

/// Agencies ordered by slug; with `q`, those it names first (see
/// [`named`]), each the best matches first (see the SQL function
/// `agency_search`: case, diacritics, spaces and hyphens do not matter and
/// a typo is forgiven, with GIN indexes).
pub async fn list(
    conn: &mut PgConnection,
    filter: AgencyFilter<'_>,
) -> Result<Vec<AgencySummary>, ApiError> {
    let found = named(conn, filter).await?;
    Ok(found.into_iter().map(|(agency, _)| agency).collect())
}

/// As [`list`], each agency with whether `q` names it, rather than only
/// matches it: each word of the search, or its Swedish stem, begins a word
/// (or is one) of one of the agency's names of any time, other names or
/// slug (see the SQL function `agency_search`). Without `q`, none is named.
#[tracing::instrument(skip(conn))]
pub async fn named(
    conn: &mut PgConnection,
    filter: AgencyFilter<'_>,
) -> Result<Vec<(AgencySummary, bool)>, ApiError> {
    // The page is taken before names are looked up, for the page only.
    // The filters once; then without `q`, agencies in slug order (an index
    // has them so), with it the matches by rank: a branch each, the others
    // ruled out at once.
    let agencies = sqlx::query!(
        r#"
        with filtered as not materialized (
            select a.*
            from agencies a
            where ($2::text is null or a.kind = $2)
              and ($6::text is null or agency_status(a.started_on, a.ended_on, $1) = $6)
              and ($7::text is null
                   or a.organisation_number = $7
                   or exists (select 1 from agency_identifiers i
                              where i.agency_id = a.id and i.scheme = 'organisation_number' and i.value = $7))
              and ($9::uuid is null
                   or a.id in (select l.agency_id from ministry_links_on($1) l where l.ministry_id = $9))
        )
        select jsonb_build_object(
                   'id', a.id, 'slug', a.slug, 'name', localized_json(n.name_sv, n.name_en),
                   'status', agency_status(a.started_on, a.ended_on, $1),
                   'kind', a.kind, 'county_code', a.county_code, 'source', source.json)
               as "agency!: sqlx::types::Json<AgencySummary>",
               a.named as "named!"
        from (
            -- No filter at all, as a browse asks: the slugs in order, read
            -- from their index from the cursor on (slugs are never empty).
            (select a.*, null::double precision as score, false as named
             from agencies a
             where num_nonnulls($2::text, $3::text, $6::text, $7::text, $9::uuid) = 0
               and a.slug collate "C" > coalesce($4::text, '')
             order by a.slug collate "C"
             limit $5)
            union all
            -- Filters alone: every agency checked, the matches then sorted.
            (select a.*, null::double precision as score, false as named
             from filtered a
             where $3::text is null and num_nonnulls($2::text, $6::text, $7::text, $9::uuid) > 0
               and ($4::text is null or a.slug collate "C" > $4)
             order by a.slug collate "C"
             limit $5)
            union all
            -- A search alone: the page taken from the matches by rank and
            -- slug, then only the page's agencies read.
            (select a.*, found.score, found.named
             from (select found.agency_id, found.score, found.named
                   from agency_search($3::text) found
                   where $3::text is not null and num_nonnulls($2::text, $6::text, $7::text, $9::uuid) = 0
                   order by found.named desc, found.score desc, found.slug collate "C"
                   limit $5 offset $8) found
             cross join lateral (select a.* from agencies a where a.id = found.agency_id offset 0) a)
            union all
            (select a.*, found.score, found.named
             from agency_search($3::text) found
             -- Each match checked against the filters: a lookup by id, in
             -- any plan (planned once, a join may scan every agency).
             cross join lateral (select f.* from filtered f where f.id = found.agency_id offset 0) a
             where $3::text is not null and num_nonnulls($2::text, $6::text, $7::text, $9::uuid) > 0
             order by found.named desc, found.score desc, a.slug collate "C"
             limit $5 offset $8)
        ) a
        cross join lateral agency_name_on(a.id, $1) n
        -- The page's sources by id (a join planned for any page may read
        -- every source).
        cross join lateral (select s.json from source_shapes s where s.id = a.source_id offset 0) source
        order by a.named desc, a.score desc nulls last, a.slug collate "C"
        "#,
        filter.at,
        filter.only.kind.map(AgencyKind::as_str),
        filter.q,
        filter.window.after.as_deref(),
        filter.window.limit,
        filter.only.status.map(AgencyStatus::as_str),
        filter.only.organisation_number,
        filter.window.offset,
        filter.only.ministry,
    )
    .fetch_all(conn)
    .await?;
    Ok(agencies
        .into_iter()
        .map(|found| (found.agency.0, found.named))
        .collect())
}
