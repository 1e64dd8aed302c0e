-- How to reach an agency on a day before it was formed answered its status
-- (`not_started`) and nothing more: whoever did its work then, the agencies
-- it took over from, had to be looked up in its lineage. The answer now
-- names them, as it names the successors of an agency that has ended: on
-- 2009-06-01, Trafikverket's contacts name Banverket, Vägverket and Statens
-- institut för kommunikationsanalys, which merged into it on 2010-04-01.
--
-- As before otherwise (20261206000056): PL/pgSQL, planned generically.
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
                   'items', contact_points_on_json('{}', a.id, on_date))
        from agency_named(reference) a
        cross join lateral agency_status(a.started_on, a.ended_on, on_date) status
    );
end
$$;
