//! Assignments as answers show them: listed ([`list`]), in full
//! ([`detail`]), who holds them ([`holdings`]), how to reach whoever does
//! ([`contacts`]) and their timeline ([`history`]).

mod candidates;
pub mod contacts;
pub mod detail;
pub mod history;
pub mod holdings;
pub mod participants;
mod unknown;

pub use candidates::{fits, fitting_fully, Fit};
pub use unknown::{unknown, AssignmentNotFound};

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use sqlx::types::Json;
use sqlx::PgConnection;
use utoipa::ToSchema;
use uuid::Uuid;

use super::shared::{AgencyRef, Listing, LocalizedText, Source};
use crate::domain::{AssignmentKind, AssignmentStatus, Jurisdiction, PartialDate, Reference};
use crate::error::ApiError;
use participants::UnresolvedRecipient;

/// An assignment as listed.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct AssignmentSummary {
    pub id: Uuid,
    #[schema(example = "nationellt-samordningsuppdrag-prostitution-manniskohandel")]
    pub slug: String,
    /// The title on `at`.
    pub title: LocalizedText,
    pub kind: AssignmentKind,
    /// Whether it is under way on `at`.
    pub status: AssignmentStatus,
    /// When it was given: for a government assignment the month it was
    /// published (or the day of the decision, where a later text cites it).
    pub started_on: Option<PartialDate>,
    /// When its final report is due, as the version on `at` says.
    pub due_on: Option<PartialDate>,
    pub jurisdiction: Jurisdiction,
    /// For a county assignment, the county's code.
    pub county_code: Option<String>,
    /// The assignment this one is a part of, if any.
    pub part_of: Option<Uuid>,
    /// Who holds it (its lead) on `at`; null when nobody does.
    pub holder: Option<AgencyRef>,
    /// Why it has no recipient agency, where it has none.
    pub unresolved: Option<UnresolvedRecipient>,
    /// Where the assignment is recorded from.
    pub source: Source,
}

/// A page of assignments: ordered by slug, or with `q` the best matches
/// first.
#[derive(Debug, Serialize, ToSchema)]
pub struct AssignmentPage {
    pub items: Vec<AssignmentSummary>,
    /// Pass as `cursor` for the next page; null on the last page.
    pub next_cursor: Option<String>,
}

/// Which assignments to list (see [`Listing`]): titles and holders as on
/// its date.
pub type AssignmentFilter<'a> = Listing<'a, AssignmentsOnly<'a>>;

/// Which assignments a list keeps: led on its date by `holder`, with
/// `participant` as co-recipient or consulted then, of one jurisdiction,
/// county or kind, with one status then, given in `[published_from,
/// published_to)`, due (as the version then says) in `[due_from, due_to)`,
/// with or without a recipient agency; all where none is given.
#[derive(Debug, Default)]
pub struct AssignmentsOnly<'a> {
    pub holder: Option<Uuid>,
    pub participant: Option<Uuid>,
    pub jurisdiction: Option<Jurisdiction>,
    pub county: Option<&'a str>,
    pub kind: Option<AssignmentKind>,
    pub status: Option<AssignmentStatus>,
    pub published_from: Option<NaiveDate>,
    pub published_to: Option<NaiveDate>,
    pub due_from: Option<NaiveDate>,
    pub due_to: Option<NaiveDate>,
    pub unresolved: Option<bool>,
}

/// Assignments ordered by slug; with `q`, the best matches first: titles
/// and texts searched in Swedish, stemmed, each word as a prefix
/// (`barnahus` finds "barnahusverksamheterna"), English titles word for
/// word, and case numbers from their start (`A2025/00141`); a match in
/// a title before a match in the texts alone, and the words themselves
/// before words that only begin like their stems ("bil", the stem of
/// "bilar", begins "bilda"). The page is chosen first; titles and
/// holders are looked up for the page only.
#[tracing::instrument(skip(conn))]
pub async fn list(
    conn: &mut PgConnection,
    filter: AssignmentFilter<'_>,
) -> Result<Vec<AssignmentSummary>, ApiError> {
    // The filters choose candidates at once (each a set, not a question
    // per row); then a page of them is taken, by slug or, with `q`, by
    // rank; then only the page is described.
    let assignments = sqlx::query_scalar!(
        r#"
        -- The sets a filter asks for, each read once and only when asked
        -- for (a plan made once sets up its branches for every request:
        -- read from here, a branch's filters are light to set up).
        with held as materialized (
            select h.assignment_id from holdings h
            where h.agency_id = $3::uuid
              and answered_on(h.agency_id, h.assignment_id, h.valid_from, h.valid_to, $1)
        ),
        taking_part as materialized (
            select p.assignment_id from assignment_participations p
            where p.agency_id = $4::uuid
              and answered_on(p.agency_id, p.assignment_id, p.valid_from, p.valid_to, $1)
        ),
        with_status as materialized (select assignments_with_status($8::text, $1::date) as assignment_id),
        published as materialized (
            select b.assignment_id from assignment_status_bounds b
            where b.started >= coalesce($9::date, '-infinity') and b.started < coalesce($10::date, 'infinity')
        ),
        due as materialized (
            select v.assignment_id from assignment_versions v
            where v.due_on >= coalesce($11::date, '-infinity') and v.due_on < coalesce($12::date, 'infinity')
              and daterange(v.valid_from, v.valid_to, '[)') @> $1::date
        ),
        candidates as not materialized (
            select s.id, s.slug
            from assignments s
            where ($3::uuid is null or s.id in (select assignment_id from held))
              and ($4::uuid is null or s.id in (select assignment_id from taking_part))
              and ($5::text is null or s.jurisdiction = $5)
              and ($6::text is null or s.county_code = $6)
              and ($7::text is null or s.kind = $7)
              and ($8::text is null
                   or case when $3::uuid is not null or $4::uuid is not null
                           -- An agency's few: each asked, not every status on the day.
                           then assignment_status(s.id, $1) = $8
                           else s.id in (select assignment_id from with_status) end)
              and (($9::date is null and $10::date is null) or s.id in (select assignment_id from published))
              and (($11::date is null and $12::date is null) or s.id in (select assignment_id from due))
              and ($13::boolean is null or (s.unresolved is not null) = $13)
        ),
        -- With `q`, the matches and their rank.
        found as not materialized (
            select hit.assignment_id, max(hit.rank) as rank
            from (
                -- The query as a value, not a row to join: a condition on
                -- the documents alone reaches the index through the view
                -- that answers for them under `known_at`.
                -- Ranked in tiers: the slug itself, then a case number,
                -- then a title with the words themselves, a title with
                -- words that only begin like their stems, the texts with
                -- the words themselves, the rest (see the migration
                -- assignment_search_whole_words_first; 'A' is a title's
                -- weight); within a tier by ts_rank, scaled below 1
                -- (rank/(rank+1)).
                select a.assignment_id,
                       (case when a.document @@ (select assignment_words_query($2::text, 'A')) then 3
                             when a.document @@ (select assignment_query($2::text, 'A')) then 2
                             when a.document @@ (select assignment_words_query($2::text, '')) then 1
                             else 0 end
                        + ts_rank(a.document, (select assignment_query($2::text, '')), 32))::float8 as rank
                from assignment_search a
                where a.document @@ (select assignment_query($2::text, ''))
                union all
                select i.assignment_id, 4.0
                from assignment_identifiers i
                where $2::text ~ '^[[:alpha:]]{1,4}[0-9]{4}/'
                  and upper(i.value) like upper($2::text) || '%'
                union all
                select a.id, 5.0 from assignments a where a.slug = lower($2::text)
            ) hit
            group by hit.assignment_id
        ),
        page as (
            -- No filter at all, as a browse asks: the slugs in order, read
            -- from their index from the cursor on (slugs are never empty).
            (select s.id, s.slug, null::float8 as rank
             from assignments s
             where num_nonnulls($2::text, $3::uuid, $4::uuid, $5::text, $6::text, $7::text, $8::text,
                                $9::date, $10::date, $11::date, $12::date, $13::boolean) = 0
               and s.slug > coalesce($14::text, '') collate "C"
             order by s.slug collate "C"
             limit $15)
            union all
            -- Filters alone: every assignment checked, the matches then
            -- sorted (walking the slug index instead, a rare filter would
            -- fetch every assignment, one at a time).
            (select c.id, c.slug, null::float8 as rank
             from candidates c
             where $2::text is null and $3::uuid is null and $4::uuid is null
               and num_nonnulls($5::text, $6::text, $7::text, $8::text, $9::date, $10::date, $11::date,
                                $12::date, $13::boolean) > 0
               and ($14::text is null or c.slug > $14 collate "C")
             order by c.slug collate "C"
             limit $15)
            union all
            -- With a holder (or a participant), what it holds first, each
            -- then checked against the filters: in any plan, a lookup by id,
            -- not a walk through every assignment.
            (select c.id, c.slug, null::float8
             from (select assignment_id from held
                   union
                   select assignment_id from taking_part where $3::uuid is null) theirs
             cross join lateral (select c.* from candidates c where c.id = theirs.assignment_id offset 0) c
             where $2::text is null and ($3::uuid is not null or $4::uuid is not null)
               and ($14::text is null or c.slug > $14 collate "C")
             order by c.slug collate "C"
             limit $15)
            union all
            -- A search alone: the best matches, as many as the page reaches
            -- (with any ranked the same as the last), and only those then
            -- read for their slugs.
            (select s.id, s.slug, best.rank
             from (select f.assignment_id, f.rank
                   from found f
                   where $2::text is not null
                     and num_nonnulls($3::uuid, $4::uuid, $5::text, $6::text, $7::text, $8::text, $9::date,
                                      $10::date, $11::date, $12::date, $13::boolean) = 0
                   order by f.rank desc
                   fetch first ($15 + $16) rows with ties) best
             cross join lateral (select s.id, s.slug from assignments s where s.id = best.assignment_id offset 0) s
             order by best.rank desc, s.slug collate "C"
             limit $15 offset $16)
            union all
            -- A search with filters: each match checked against them.
            (select c.id, c.slug, found.rank
             from found
             cross join lateral (select c.* from candidates c where c.id = found.assignment_id offset 0) c
             where $2::text is not null
               and num_nonnulls($3::uuid, $4::uuid, $5::text, $6::text, $7::text, $8::text, $9::date,
                                $10::date, $11::date, $12::date, $13::boolean) > 0
             order by found.rank desc, c.slug collate "C"
             limit $15 offset $16)
        )
        -- Then each row of the page described, by its id (a subquery per
        -- row: index lookups, however many rows the plan expects).
        select (select jsonb_build_object(
                           'id', s.id, 'slug', s.slug, 'title', localized_json(v.title_sv, v.title_en),
                           'kind', s.kind, 'status', assignment_status(s.id, $1),
                           'started_on', partial_date_text(first.valid_from, first.valid_from_precision),
                           'due_on', partial_date_text(v.due_on, v.due_on_precision),
                           'jurisdiction', s.jurisdiction, 'county_code', s.county_code, 'part_of', s.parent_id,
                           'holder', agency_ref_json(h.agency_id, $1), 'unresolved', unresolved_json(s.id),
                           'source', source.json)
                from assignments s
                join source_shapes source on source.id = s.source_id
                cross join lateral assignment_version_on(s.id, $1) v
                left join lateral holding_on(s.id, $1) h on true
                left join lateral (select f.valid_from, f.valid_from_precision from assignment_versions f
                                   where f.assignment_id = s.id order by f.valid_from nulls first limit 1) first on true
                where s.id = page.id)
               as "assignment!: Json<AssignmentSummary>"
        from page
        order by page.rank desc nulls last, page.slug collate "C"
        "#,
        filter.at,
        filter.q,
        filter.only.holder,
        filter.only.participant,
        filter.only.jurisdiction.map(Jurisdiction::as_str),
        filter.only.county,
        filter.only.kind.map(AssignmentKind::as_str),
        filter.only.status.map(AssignmentStatus::as_str),
        filter.only.published_from,
        filter.only.published_to,
        filter.only.due_from,
        filter.only.due_to,
        filter.only.unresolved,
        filter.window.after.as_deref(),
        filter.window.limit,
        filter.window.offset,
    )
    .fetch_all(conn)
    .await?;
    Ok(assignments
        .into_iter()
        .map(|Json(assignment)| assignment)
        .collect())
}

pub(crate) fn not_found(reference: &Reference) -> String {
    format!("There is no assignment '{reference}'.")
}
