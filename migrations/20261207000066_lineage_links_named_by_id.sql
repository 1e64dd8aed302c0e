-- A lineage link is shown with its id, which names it in PATCH and DELETE
-- /v1/lineage-links/{id}: registrars record and correct which agency took
-- over from which. PL/pgSQL, which keeps its plan (see
-- functions_keep_their_plans); otherwise as before.
create or replace function lineage_json(agency uuid, on_date date, backwards boolean, max_generation int)
returns jsonb
language plpgsql
stable
as $$
#variable_conflict use_column
begin
    return (
        with recursive chain (link_id, reached, generation, path) as (
            select l.id,
                   case when backwards then l.predecessor_id else l.successor_id end,
                   1,
                   array[agency]
            from agency_lineage l
            where case when backwards then l.successor_id else l.predecessor_id end = agency
            union all
            select l.id,
                   case when backwards then l.predecessor_id else l.successor_id end,
                   c.generation + 1,
                   c.path || c.reached
            from chain c
            join agency_lineage l
              on case when backwards then l.successor_id else l.predecessor_id end = c.reached
            where c.generation < max_generation
              and not c.reached = any (c.path)
        )
        select coalesce(jsonb_agg(jsonb_build_object(
                   'id', l.id,
                   'predecessor', agency_ref_json(l.predecessor_id, on_date),
                   'successor', agency_ref_json(l.successor_id, on_date),
                   'kind', l.kind,
                   'effective_on', partial_date_text(l.effective_on, l.effective_on_precision),
                   'generation', c.generation,
                   'source', source_json(l.source_id))
               order by c.generation, l.effective_on nulls last, l.id), '[]')
        from (select link_id, min(generation) as generation from chain group by link_id) c
        join agency_lineage l on l.id = c.link_id
    );
end
$$;

-- Whether linking `predecessor` to `successor` would close a circle: the
-- successor already comes before the predecessor, over any number of
-- links. A set-returning helper would be inlined; this one answers one
-- value, so it is PL/pgSQL.
create function lineage_would_circle(predecessor uuid, successor uuid)
returns boolean
language plpgsql
stable
as $$
begin
    return exists (
        with recursive onward (reached, path) as (
            select successor, array[successor]
            union all
            select l.successor_id, o.path || l.successor_id
            from onward o
            join agency_lineage l on l.predecessor_id = o.reached
            where not l.successor_id = any (o.path)
        )
        select from onward where reached = predecessor
    );
end
$$;
