-- What the registry knew at a moment (known_at), read from history tables
-- instead of replaying the change log on every reference: with the whole
-- Swedish state and its government assignments (tens of thousands of
-- changes), a replaying view read inside a function called once a row made
-- a known_at list take longer than any client waits.
--
-- Each tracked table T has history.T: its columns, and `recorded`, the
-- span of time during which that version of the row was what the registry
-- held. record_change() keeps it, with the very timestamp it gives the
-- change log, so the two agree. known.T shows the versions recorded at
-- registry.known_at, with T's columns, as before.

create schema history;

do $$
declare
    tracked text;
    columns text;
    indexed record;
begin
    for tracked in
        select distinct event_object_table
        from information_schema.triggers
        where trigger_schema = 'public' and trigger_name = event_object_table || '_record_change'
        order by 1
    loop
        -- The columns without their constraints: a version recorded before
        -- a column existed has none.
        execute format('create table history.%I (like public.%I)', tracked, tracked);
        for indexed in
            select column_name from information_schema.columns
            where table_schema = 'history' and table_name = tracked and is_nullable = 'NO'
        loop
            execute format('alter table history.%I alter column %I drop not null', tracked, indexed.column_name);
        end loop;
        execute format('alter table history.%I add column recorded tstzrange not null', tracked);

        -- Every version the change log holds, from its change to the next
        -- change of the same row (a deletion ends the last).
        execute format(
            'insert into history.%I
             select (jsonb_populate_record(null::public.%I, v.after)).*,
                    tstzrange(v.recorded_at,
                              case when v.next_at is not null then greatest(v.recorded_at, v.next_at) end,
                              ''[)'')
             from (select c.after, c.recorded_at,
                          lead(c.recorded_at) over (partition by c.entity_id order by c.id) as next_at
                   from public.changes c
                   where c.entity = %L) v
             where v.after is not null',
            tracked, tracked, tracked);

        -- A column added since a version was recorded (with a default, as
        -- assignments.kind) reads as the row has it now.
        for indexed in
            select column_name from information_schema.columns
            where table_schema = 'public' and table_name = tracked and is_nullable = 'NO'
        loop
            execute format(
                'update history.%I h set %I = p.%I from public.%I p where h.id = p.id and h.%I is null',
                tracked, indexed.column_name, indexed.column_name, tracked, indexed.column_name);
        end loop;

        -- Read by id, by the rows they belong to, or by slug, each at a
        -- moment: one GiST index each on the key and the recorded span
        -- (btree_gist), so that a lookup finds the versions of its rows and
        -- of no others.
        for indexed in
            select column_name from information_schema.columns
            where table_schema = 'public' and table_name = tracked
              and (column_name = 'id' or column_name like '%\_id' or column_name = 'slug')
        loop
            execute format('create index on history.%I using gist (%I, recorded)', tracked, indexed.column_name);
        end loop;

        select string_agg(format('%I', column_name), ', ' order by ordinal_position)
        into columns
        from information_schema.columns
        where table_schema = 'public' and table_name = tracked;
        execute format('drop view if exists known.%I', tracked);
        execute format(
            'create view known.%I as
             select %s from history.%I
             where recorded @> current_setting(''registry.known_at'')::timestamptz',
            tracked, columns, tracked);
    end loop;
end
$$;

-- Records a row change in the change log and in the row's history, at one
-- moment: the transaction's, unless registry.recorded_at says otherwise (the
-- example data loader dates the founding case by its source).
create or replace function record_change()
returns trigger
language plpgsql
as $$
declare
    before jsonb := case when tg_op <> 'INSERT' then to_jsonb(old) end;
    after jsonb := case when tg_op <> 'DELETE' then to_jsonb(new) end;
    operation text := lower(tg_op);
    recorded timestamptz := coalesce(nullif(current_setting('registry.recorded_at', true), '')::timestamptz, now());
begin
    if before is not distinct from after then
        return null;
    end if;
    insert into changes (recorded_at, token_id, entity, entity_id, operation, event, before, after)
    values (
        recorded,
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
        execute format(
            'update history.%I set recorded = tstzrange(lower(recorded), greatest(lower(recorded), $1), ''[)'')
             where id = $2 and upper_inf(recorded)',
            tg_table_name)
        using recorded, (before ->> 'id')::uuid;
    end if;
    if after is not null then
        execute format(
            'insert into history.%I select (jsonb_populate_record(null::public.%I, $1)).*, tstzrange($2, null, ''[)'')',
            tg_table_name, tg_table_name)
        using after, recorded;
    end if;
    return null;
end
$$;
