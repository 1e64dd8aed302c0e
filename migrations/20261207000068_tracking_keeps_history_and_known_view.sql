-- A migration that added a column to a tracked table did three things:
-- added the column to `history.<table>` by hand, called track_changes()
-- so that the trigger names it, and recreated `known.<table>` with the
-- condition of migration 36 (migrations 35, 52 and 67 repeat that block).
-- track_changes() now does all three: it adds to the history table every
-- column of the table that it lacks (as nullable: a version recorded
-- before the column existed has none), remakes the trigger with the
-- function migration 35 made (kept under the name of what it does), and
-- recreates the known view with the table's columns. Adding a column to a
-- tracked table is then the `alter table` and
-- `select track_changes('<table>')`.
alter function track_changes(text) rename to record_changes_of;

create function track_changes(tracked text)
returns void
language plpgsql
as $$
declare
    columns text;
    missing record;
begin
    for missing in
        select a.attname, format_type(a.atttypid, a.atttypmod) as type
        from pg_attribute a
        where a.attrelid = format('public.%I', tracked)::regclass
          and a.attnum > 0 and not a.attisdropped
          and not exists (select 1 from information_schema.columns h
                          where h.table_schema = 'history' and h.table_name = tracked
                            and h.column_name = a.attname)
        order by a.attnum
    loop
        execute format('alter table history.%I add column %I %s', tracked, missing.attname, missing.type);
    end loop;

    perform record_changes_of(tracked);

    -- Migration 36's condition: the span's two ends, which the planner
    -- estimates as most rows, not `recorded @> moment`.
    select string_agg(format('%I', column_name), ', ' order by ordinal_position)
    into strict columns
    from information_schema.columns
    where table_schema = 'public' and table_name = tracked;
    execute format(
        'create or replace view known.%I as
         select %s from history.%I
         where lower(recorded) <= current_setting(''registry.known_at'')::timestamptz
           and (upper_inf(recorded) or upper(recorded) > current_setting(''registry.known_at'')::timestamptz)',
        tracked, columns, tracked);
end
$$;

-- Every tracked table once, which changes nothing where all is in place.
do $$
declare
    tracked text;
begin
    for tracked in
        select distinct event_object_table::text
        from information_schema.triggers
        where trigger_schema = 'public' and trigger_name = event_object_table || '_record_change'
    loop
        perform track_changes(tracked);
    end loop;
end
$$;
