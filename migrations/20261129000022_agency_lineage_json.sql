-- An agency's lineage as answers show it: the links back to its
-- predecessors (backwards) or on to its successors, following chains up to
-- max_generation links away (1: the agency's own links), each link once,
-- nearest first. Names are those on on_date (the nearest name outside an
-- agency's lifetime).
create function lineage_json(agency uuid, on_date date, backwards boolean, max_generation int)
returns jsonb
language sql
stable
as $$
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
               'predecessor', agency_ref_json(l.predecessor_id, on_date),
               'successor', agency_ref_json(l.successor_id, on_date),
               'kind', l.kind,
               'effective_on', partial_date_text(l.effective_on, l.effective_on_precision),
               'generation', c.generation,
               'source', source_json(l.source_id))
           order by c.generation, l.effective_on nulls last, l.id), '[]')
    from (select link_id, min(generation) as generation from chain group by link_id) c
    join agency_lineage l on l.id = c.link_id
$$;
