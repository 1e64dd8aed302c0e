-- How to reach an agency on a day it no longer existed answered an empty
-- list and nothing more: a system that keeps an agency's reference (or a
-- frontend showing its contacts) could not tell "ended" from "no contact
-- points recorded", nor learn whom to reach instead without asking the
-- agency's lineage. The answer now says where the agency stands on the day
-- and, where it has ended, the agencies that took over from it (its own
-- lineage links, as `GET /v1/agencies/{id}` shows them).
--
-- Written in PL/pgSQL as the answers with a FROM are, planned generically
-- as before (20261204000041).
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
                   'successors', case when status = 'ended'
                                      then lineage_json(a.id, on_date, false, 1) else '[]' end,
                   'items', contact_points_on_json('{}', a.id, on_date))
        from agency_named(reference) a
        cross join lateral agency_status(a.started_on, a.ended_on, on_date) status
    );
end
$$;
