-- The ministry an agency answers to changes with governments, and
-- registrars now record it through the API. It cites a source of its own
-- (`ministry_source_id`): the registers' source went on covering the SCB
-- group, form of management, instruction and host, which a registrar's
-- word on the ministry does not.
alter table agencies add column ministry_source_id uuid references sources (id);
alter table history.agencies add column ministry_source_id uuid;

-- The change log's versions carry the new column from here on (the
-- corrections below are changes like any other), and reads as known at a
-- moment see it.
select track_changes('agencies');

-- Until now the registers' source cited the ministry: so it does in the
-- versions recorded before, where they name one (those before the
-- registers' source was kept name none, and answers fall back on the
-- agency's own source).
update agencies
set ministry_source_id = register_source_id
where ministry_id is not null;
update history.agencies
set ministry_source_id = register_source_id
where ministry_id is not null;

-- An agency whose only register fact was its ministry cites no register
-- source any more.
alter table agencies drop constraint agencies_register_facts_cited;
update agencies
set register_source_id = null
where agency_group is null and management_form is null and instruction is null
  and host_agency_id is null and register_source_id is not null;

alter table agencies
    add constraint agencies_register_facts_cited
        check ((register_source_id is null)
               = (agency_group is null and management_form is null and instruction is null
                  and host_agency_id is null)),
    add constraint agencies_ministry_cited
        check ((ministry_source_id is null) = (ministry_id is null)),
    add constraint agencies_ministry_as_of_known
        check ((ministry_as_of is null) = (ministry_id is null)),
    add constraint agencies_not_their_own_ministry
        check (ministry_id <> id);

-- A new row's facts come from its source unless the insert names another;
-- facts that are unknown cite nothing.
create or replace function cite_agency_facts()
returns trigger
language plpgsql
as $$
begin
    if new.started_on is null and new.ended_on is null then
        new.lifetime_source_id := null;
    elsif tg_op = 'INSERT' and new.lifetime_source_id is null then
        new.lifetime_source_id := new.source_id;
    end if;
    if new.agency_group is null and new.management_form is null and new.instruction is null
       and new.host_agency_id is null then
        new.register_source_id := null;
    elsif tg_op = 'INSERT' and new.register_source_id is null then
        new.register_source_id := new.source_id;
    end if;
    if new.ministry_id is null then
        new.ministry_source_id := null;
    elsif tg_op = 'INSERT' and new.ministry_source_id is null then
        new.ministry_source_id := new.source_id;
    end if;
    return new;
end
$$;

do $$
declare
    columns text;
begin
    select string_agg(format('%I', column_name), ', ' order by ordinal_position)
    into strict columns
    from information_schema.columns
    where table_schema = 'public' and table_name = 'agencies';
    execute format(
        'create or replace view known.agencies as
         select %s from history.agencies
         where lower(recorded) <= current_setting(''registry.known_at'')::timestamptz
           and (upper_inf(recorded) or upper(recorded) > current_setting(''registry.known_at'')::timestamptz)',
        columns);
end
$$;
