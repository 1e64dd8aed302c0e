-- How to reach an agency that another runs (a board hosted by
-- Kammarkollegiet, Nämnden för hemslöjdsfrågor by Tillväxtverket) did not
-- say who runs it: eleven such agencies have no contact points of their
-- own, and their host, who answers for them, had to be looked up in the
-- agency's record. The answer now names the host, on a day both exist (the
-- registers do not say since when it hosts it), as the agency's record
-- does: one function says which host that is.
create function agency_host_on(agency uuid, on_date date)
returns uuid
language plpgsql
stable
as $$
begin
    return (
        select h.id
        from agencies a
        join agencies h on h.id = a.host_agency_id
        where a.id = agency
          and daterange(a.started_on, a.ended_on, '[)') @> on_date
          and daterange(h.started_on, h.ended_on, '[)') @> on_date);
end
$$;

-- As before otherwise (20261206000057): PL/pgSQL, planned generically.
create or replace function agency_contacts_answer(reference text, on_date date)
returns jsonb
language plpgsql
stable
set plan_cache_mode to 'force_generic_plan'
as $$
begin
    return (
        select jsonb_build_object(
                   'agency', agency_ref_json(a.id, on_date),
                   'status', status,
                   'predecessors', case when status = 'not_started'
                                        then lineage_json(a.id, on_date, true, 1) else '[]' end,
                   'successors', case when status = 'ended'
                                      then lineage_json(a.id, on_date, false, 1) else '[]' end,
                   'host', agency_ref_json(agency_host_on(a.id, on_date), on_date),
                   'items', contact_points_on_json('{}', a.id, on_date))
        from agency_named(reference) a
        cross join lateral agency_status(a.started_on, a.ended_on, on_date) status
    );
end
$$;
