-- A migration that added a column to a tracked table did three things:
-- added the column to `history.<table>` by hand, called track_changes()
-- so that the trigger names it, and recreated `known.<table>` with the
-- condition of migration 36 (migrations 35, 52 and 67 repeat that block).
-- track_changes() now does all three: it adds to the history table every
-- column of the table that it lacks (as nullable: a version recorded
-- before the column existed has none), remakes the trigger, and recreates
-- the known view with the table's columns. Adding a column to a tracked
-- table is then the `alter table` and `select track_changes('<table>')`.
create or replace function track_changes(tracked text)
returns void
language plpgsql
as $outer$
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

    select string_agg(format('%I', column_name), ', ' order by ordinal_position)
    into strict columns
    from information_schema.columns
    where table_schema = 'public' and table_name = tracked;
    execute format($function$
        create or replace function %1$I()
        returns trigger
        language plpgsql
        as $body$
        declare
            before jsonb := case when tg_op <> 'INSERT' then to_jsonb(old) end;
            after jsonb := case when tg_op <> 'DELETE' then to_jsonb(new) end;
            operation text := lower(tg_op);
            moment timestamptz := coalesce(nullif(current_setting('registry.recorded_at', true), '')::timestamptz, now());
        begin
            if before is not distinct from after then
                return null;
            end if;
            insert into changes (recorded_at, token_id, entity, entity_id, operation, event, before, after)
            values (
                moment,
                nullif(current_setting('registry.token_id', true), '')::uuid,
                tg_table_name,
                (coalesce(after, before) ->> 'id')::uuid,
                operation,
                case
                    when tg_table_name = 'agency_names' and operation = 'insert'
                         and exists (select 1 from agency_names n
                                     where n.agency_id = (after ->> 'agency_id')::uuid and n.id <> (after ->> 'id')::uuid)
                        then 'agency_renamed'
                    else change_event(tg_table_name, operation, before, after)
                end,
                before,
                after
            );
            if before is not null then
                update history.%2$I h
                set recorded = tstzrange(lower(h.recorded), greatest(lower(h.recorded), moment), '[)')
                where h.id = old.id and upper_inf(h.recorded);
            end if;
            if after is not null then
                insert into history.%2$I (%3$s, recorded) select new.*, tstzrange(moment, null, '[)');
            end if;
            return null;
        end
        $body$
    $function$, 'record_change_' || tracked, tracked, columns);
    execute format(
        'create or replace trigger %I after insert or update or delete on public.%I
         for each row execute function %I()',
        tracked || '_record_change', tracked, 'record_change_' || tracked);

    -- Migration 36's condition: the span's two ends, which the planner
    -- estimates as most rows, not `recorded @> moment`.
    execute format(
        'create or replace view known.%I as
         select %s from history.%I
         where lower(recorded) <= current_setting(''registry.known_at'')::timestamptz
           and (upper_inf(recorded) or upper(recorded) > current_setting(''registry.known_at'')::timestamptz)',
        tracked, columns, tracked);
end
$outer$;

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
