//! Agencies listed and searched.

use chrono::NaiveDate;
use sqlx::types::Json;
use sqlx::PgConnection;

use super::AgencySummary;
use crate::domain::{AgencyKind, AgencyStatus};
use crate::error::ApiError;

/// Which agencies to list: names as on `at`, optionally only those matching
/// `q`, of one kind, with one status on `at`, or with one organisation
/// number; after the slug `after` (or, with `q`, after `offset` matches), at
/// most `limit`.
#[derive(Debug)]
pub struct AgencyFilter<'a> {
    pub at: NaiveDate,
    pub q: Option<&'a str>,
    pub kind: Option<AgencyKind>,
    pub status: Option<AgencyStatus>,
    pub organisation_number: Option<&'a str>,
    pub after: Option<&'a str>,
    /// With `q`: how many matches come before this page.
    pub offset: i64,
    pub limit: i64,
}

/// Agencies ordered by slug; with `q`, the best matches first ([`search`]).
#[tracing::instrument(skip(conn))]
pub async fn list(
    conn: &mut PgConnection,
    filter: AgencyFilter<'_>,
) -> Result<Vec<AgencySummary>, ApiError> {
    if let Some(q) = filter.q {
        return search(conn, q, &filter).await;
    }
    let agencies = sqlx::query_scalar!(
        r#"
        select jsonb_build_object(
                   'id', a.id, 'slug', a.slug, 'name', localized_json(n.name_sv, n.name_en),
                   'status', agency_status(a.started_on, a.ended_on, $1),
                   'kind', a.kind, 'county_code', a.county_code, 'source', source_json(a.source_id))
               as "agency!: Json<AgencySummary>"
        from (
            select a.*
            from agencies a
            where ($2::text is null or a.kind = $2)
              and ($5::text is null or agency_status(a.started_on, a.ended_on, $1) = $5)
              and ($6::text is null
                   or a.organisation_number = $6
                   or exists (select 1 from agency_identifiers i
                              where i.agency_id = a.id and i.scheme = 'organisation_number' and i.value = $6))
              and ($3::text is null or a.slug > $3 collate "C")
            order by a.slug collate "C"
            limit $4
        ) a
        cross join lateral agency_name_on(a.id, $1) n
        order by a.slug collate "C"
        "#,
        filter.at,
        filter.kind.map(AgencyKind::as_str),
        filter.after,
        filter.limit,
        filter.status.map(AgencyStatus::as_str),
        filter.organisation_number,
    )
    .fetch_all(conn)
    .await?;
    Ok(agencies.into_iter().map(|Json(agency)| agency).collect())
}

/// The agencies matching `q`, best first, after `filter.offset` matches.
///
/// The search compares `search_key`s (lower case, no diacritics, one space
/// between words) of every name, English name, other name and slug: a name
/// matches when it contains the query or is like it (pg_trgm's word
/// similarity, which forgives a typo; GIN indexes find both), and, for a
/// query of several words, when it matches each word. An exact name ranks
/// first, then names that begin with the query, then by similarity.
async fn search(
    conn: &mut PgConnection,
    q: &str,
    filter: &AgencyFilter<'_>,
) -> Result<Vec<AgencySummary>, ApiError> {
    let agencies = sqlx::query_scalar!(
        r#"
        with hits as (
            select n.agency_id, search_key(n.name_sv) as key
            from agency_names n
            where search_key($3::text) <% search_key(n.name_sv)
               or search_key(n.name_sv) like '%' || search_key($3::text) || '%'
            union all
            select n.agency_id, search_key(n.name_en)
            from agency_names n
            where search_key($3::text) <% search_key(n.name_en)
               or search_key(n.name_en) like '%' || search_key($3::text) || '%'
            union all
            select al.agency_id, search_key(al.alias)
            from agency_aliases al
            where search_key($3::text) <% search_key(al.alias)
               or search_key(al.alias) like '%' || search_key($3::text) || '%'
            union all
            select a.id, search_key(a.slug)
            from agencies a
            where search_key(a.slug) like '%' || search_key($3::text) || '%'
        ),
        scored as (
            select h.agency_id,
                   max(case when h.key = search_key($3::text) then 3
                            when h.key like search_key($3::text) || '%' then 2
                            else 1 end
                       + (select avg(word_similarity(w, h.key))
                          from unnest(string_to_array(search_key($3::text), ' ')) w)) as score
            from hits h
            where (select bool_and(w <% h.key or h.key like '%' || w || '%')
                   from unnest(string_to_array(search_key($3::text), ' ')) w)
            group by h.agency_id
        )
        select jsonb_build_object(
                   'id', a.id, 'slug', a.slug, 'name', localized_json(n.name_sv, n.name_en),
                   'status', agency_status(a.started_on, a.ended_on, $1),
                   'kind', a.kind, 'county_code', a.county_code, 'source', source_json(a.source_id))
               as "agency!: Json<AgencySummary>"
        from (
            select a.*, scored.score
            from scored
            join agencies a on a.id = scored.agency_id
            where ($2::text is null or a.kind = $2)
              and ($6::text is null or agency_status(a.started_on, a.ended_on, $1) = $6)
              and ($7::text is null
                   or a.organisation_number = $7
                   or exists (select 1 from agency_identifiers i
                              where i.agency_id = a.id and i.scheme = 'organisation_number' and i.value = $7))
            order by scored.score desc, a.slug collate "C"
            limit $4 offset $5
        ) a
        cross join lateral agency_name_on(a.id, $1) n
        order by a.score desc, a.slug collate "C"
        "#,
        filter.at,
        filter.kind.map(AgencyKind::as_str),
        q,
        filter.limit,
        filter.offset,
        filter.status.map(AgencyStatus::as_str),
        filter.organisation_number,
    )
    .fetch_all(conn)
    .await?;
    Ok(agencies.into_iter().map(|Json(agency)| agency).collect())
}
