-- A reference that is absent (a holding no transfer started, a contact point
-- of an agency rather than an assignment) is answered null without running
-- the function's query: answers build many of them, and each run costs the
-- executor's start and end. The answers are what they were.

-- One argument: null in, null out, as before, and now without a call.
alter function transfer_ref_json(uuid) strict;
alter function source_json(uuid) strict;
alter function county_json(text) strict;

-- Two arguments, the second (the day names are on) may be null: return at
-- once when the first is.
do $$
declare
    f record;
begin
    for f in
        select p.oid, p.proname, pg_get_function_arguments(p.oid) as arguments,
               pg_get_function_result(p.oid) as result, p.prosrc,
               (p.proargnames)[1] as first
        from pg_proc p
        join pg_namespace n on n.oid = p.pronamespace
        where n.nspname = 'public' and p.proname in ('agency_ref_json', 'assignment_ref_json')
    loop
        execute format(
            'create or replace function %I(%s) returns %s language plpgsql stable as %L',
            f.proname, f.arguments, f.result,
            regexp_replace(f.prosrc, E'\\mbegin\\M',
                           format(E'begin\n    if %I is null then\n        return null;\n    end if;', f.first)));
    end loop;
end
$$;
