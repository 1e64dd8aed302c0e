-- Reads in one round trip: each of these builds what one endpoint answers
-- from a reference and a day, in one statement, so that a read that misses
-- the response cache asks PostgreSQL once. The API turns an absent
-- assignment or agency (null) into 404 and a missing holder into the
-- no-holder problem; everything else is the answer as it goes out.

-- A contact point as answers show it, names as on a day.
create function contact_point_json(contact_point uuid, on_date date)
returns jsonb
language sql
stable
as $$
    select jsonb_build_object(
               'id', c.id, 'kind', c.kind, 'value', c.value, 'label', localized_json(c.label_sv, c.label_en),
               'audience', c.audience,
               'valid_from', partial_date_text(c.valid_from, c.valid_from_precision),
               'valid_to', partial_date_text(c.valid_to, c.valid_to_precision),
               'agency', agency_ref_json(c.agency_id, on_date),
               'assignment', assignment_ref_json(c.assignment_id, on_date),
               'source', source_json(c.source_id))
    from contact_points c
    where c.id = contact_point
$$;

-- The contact points valid on a day of any of some assignments or of an
-- agency: the assignments' own first (by slug), then the agency's.
create function contact_points_on_json(assignment_ids uuid[], agency uuid, on_date date)
returns jsonb
language sql
stable
as $$
    select coalesce(jsonb_agg(contact_point_json(c.id, on_date)
                              order by c.assignment_id is null, s.slug, c.kind, c.value), '[]')
    from contact_points c
    left join assignments s on s.id = c.assignment_id
    where (c.assignment_id = any(assignment_ids) or c.agency_id = agency)
      and owned_span(c.agency_id, c.assignment_id, c.valid_from, c.valid_to) @> on_date
$$;

-- The holdings of an assignment on a day (one, or none; two would be a bug
-- the API reports).
create function holdings_on_json(assignment uuid, on_date date)
returns jsonb
language sql
stable
as $$
    select coalesce(jsonb_agg(holding_json(h.id, on_date) order by h.valid_from nulls first), '[]')
    from holding_on(assignment, on_date) h
$$;

-- Who holds an assignment on a day: the assignment, the lead's holding,
-- the co-recipients, and why there is no recipient agency if there is none.
-- Null when no assignment has that reference.
create function holder_answer(reference text, on_date date)
returns jsonb
language sql
stable
as $$
    select jsonb_build_object(
               'assignment', assignment_ref_json(a.id, on_date),
               'holdings', holdings_on_json(a.id, on_date),
               'co_recipients', assignment_participants_json(a.id, 'co_recipient', on_date),
               'unresolved', unresolved_json(a.id))
    from assignment_named(reference) a
$$;

-- How to reach whoever holds an assignment on a day: the assignment, the
-- holding, and the contact points of the assignment, its parts at any depth
-- and the holder. Null when no assignment has that reference.
create function assignment_contacts_answer(reference text, on_date date)
returns jsonb
language sql
stable
as $$
    with recursive tree (id) as (
        select a.id from assignment_named(reference) a
        union
        select s.id from assignments s join tree on s.parent_id = tree.id
    )
    select jsonb_build_object(
               'assignment', assignment_ref_json(a.id, on_date),
               'holdings', holdings_on_json(a.id, on_date),
               'unresolved', unresolved_json(a.id),
               'items', case when h.agency_id is not null
                             then contact_points_on_json(array(select id from tree), h.agency_id, on_date)
                             else '[]' end)
    from assignment_named(reference) a
    left join lateral (select h.agency_id from holding_on(a.id, on_date) h limit 1) h on true
$$;

-- An agency's contact points valid on a day, with the agency. Null when no
-- agency has that reference.
create function agency_contacts_answer(reference text, on_date date)
returns jsonb
language sql
stable
as $$
    select jsonb_build_object(
               'agency', agency_ref_json(a.id, on_date),
               'items', contact_points_on_json('{}', a.id, on_date))
    from agency_named(reference) a
$$;
