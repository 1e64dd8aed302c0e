-- record_change() wrote each row's version into its history table through
-- EXECUTE, which PL/pgSQL parses and plans again for every row: about half
-- the cost of a row written in bulk (an import, `registry generate`, a
-- transfer of many assignments). Each tracked table now records its changes
-- through a function of its own, record_change_<table>(), that does the same
-- with its history table named in the text, so its plans are kept.
--
-- track_changes(table) makes (or remakes) a table's function and trigger: a
-- migration that tracks a new table calls it once the table's history table
-- exists. record_change() stays, unused, as the reference the copies follow.
create function track_changes(tracked text)
returns void
language plpgsql
as $outer$
begin
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
                insert into history.%2$I select new.*, tstzrange(moment, null, '[)');
            end if;
            return null;
        end
        $body$
    $function$, 'record_change_' || tracked, tracked);
    execute format(
        'create or replace trigger %I after insert or update or delete on public.%I
         for each row execute function %I()',
        tracked || '_record_change', tracked, 'record_change_' || tracked);
end
$outer$;

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
