-- What the benchmark at the scale `registry generate` makes (10,000
-- agencies, 100,000 assignments, 1,000,000 holdings) found slow; the answers
-- do not change.
--
-- Who held an assignment on a day asked owned_span() (a function with
-- queries of its own) of every holding the assignment ever had: with 2,000
-- holdings, 20 ms. A holding's owned span lies within its stored period, so
-- the stored period is asked first: it finds the one or two candidates
-- through the index of one holder at a time (assignment, period). Contact
-- points on a day get the same first cut.

create or replace function holding_on(assignment uuid, on_date date)
returns setof holdings
language sql
stable
as $$
    select *
    from holdings h
    where h.assignment_id = assignment
      and daterange(h.valid_from, h.valid_to, '[)') @> on_date
      and owned_span(h.agency_id, h.assignment_id, h.valid_from, h.valid_to) @> on_date
$$;

create or replace function contact_points_on_json(assignment_ids uuid[], agency uuid, on_date date)
returns jsonb
language plpgsql
stable
as $$
#variable_conflict use_column
begin
    return (
        select coalesce(jsonb_agg(contact_point_json(c.id, on_date)
                                  order by c.assignment_id is null, s.slug, c.kind, c.value), '[]')
        from contact_points c
        left join assignments s on s.id = c.assignment_id
        where (c.assignment_id = any(assignment_ids) or c.agency_id = agency)
          and (c.valid_from is null or c.valid_from <= on_date)
          and (c.valid_to is null or c.valid_to > on_date)
          and owned_span(c.agency_id, c.assignment_id, c.valid_from, c.valid_to) @> on_date
    );
end
$$;

-- The agency list without `q` still searched, for nothing, through every
-- name (30 ms at 10,000 agencies): no question, no search.
create or replace function agency_search(q text)
returns table (agency_id uuid, score double precision)
language plpgsql
stable
set plan_cache_mode to 'force_generic_plan'
as $$
declare
    wanted text := search_key(q);
begin
    if wanted is null then
        return;
    end if;
    return query select s.agency_id, s.score from agency_search_query(wanted) s;
end
$$;

-- The agency list pages through agencies in byte order of their slugs.
create index agencies_slug_in_byte_order on agencies (slug collate "C");
