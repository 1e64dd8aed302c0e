-- A transfer's legal basis: the statute or decision it rests on, cited as
-- the assignments' own is (`assignments.legal_basis`). The founding case's
-- is the receiving agency's instruction, which took effect on the transfer's
-- day.
alter table transfers add column legal_basis text
    constraint transfers_legal_basis_not_blank check (btrim(legal_basis) <> '');

-- Its history has the column too; versions recorded before it have none.
alter table history.transfers add column legal_basis text;

-- The history trigger wrote `new.*` into the history table by position, so
-- a history table could only have its columns in its table's order, and a
-- column added to a table (which comes after `recorded` in its history)
-- would have broken it. It now names them: a migration that adds a column
-- adds it to the history table and calls track_changes() again.
create or replace function track_changes(tracked text)
returns void
language plpgsql
as $outer$
declare
    columns text;
begin
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

-- Reads as known at a moment see the column (null before it was recorded).
create or replace view known.transfers as
select id, slug, from_agency_id, to_agency_id, effective_on, note_sv, note_en,
       stays_behind_sv, stays_behind_en, source_id, legal_basis
from history.transfers
where recorded @> current_setting('registry.known_at')::timestamptz;

-- A registry that holds the founding case already learns its legal basis
-- now (a new database loads it with the founding case).
update transfers
set legal_basis = 'Förordning (2017:937) med instruktion för Jämställdhetsmyndigheten'
where slug = '2018-01-01-lansstyrelsen-stockholm-till-jamstalldhetsmyndigheten'
  and legal_basis is null;
