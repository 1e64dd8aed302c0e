-- A search of text with no letters or digits ("!!", "-", "😀", "東京")
-- listed every agency: its search key is the empty string, not null, and
-- every key contains the empty string. It now finds nothing, as the
-- assignment search already did.

create or replace function agency_search(q text)
returns table (agency_id uuid, slug text, score double precision)
language plpgsql
stable
set plan_cache_mode to 'force_generic_plan'
as $$
declare
    wanted text := nullif(search_key(q), '');
    stems text[] := search_stems(wanted);
begin
    if wanted is null then
        return;
    end if;
    return query select s.agency_id, s.slug, s.score from agency_search_query(wanted, stems) s;
end
$$;
