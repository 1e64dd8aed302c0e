-- The ministry an agency answers to changes with governments (the 2023
-- reorganisation moved dozens of agencies), yet it was one value of the
-- agency's row, answered for every date asked about: unknown answered as
-- always. It is now a dated record of the agency, as its names are: a
-- link to the ministry with a period and a source, one at a time, within
-- the lifetimes of both (an unknown start is bounded by them, never
-- "always").
create table agency_ministries (
    id uuid primary key default gen_random_uuid(),
    agency_id uuid not null references agencies (id) on delete cascade,
    ministry_id uuid not null references agencies (id),
    valid_from date,
    valid_from_precision text,
    valid_to date,
    valid_to_precision text,
    source_id uuid not null references sources (id),
    constraint agency_ministries_valid_from_precision check (partial_date_is_valid(valid_from, valid_from_precision)),
    constraint agency_ministries_valid_to_precision check (partial_date_is_valid(valid_to, valid_to_precision)),
    constraint agency_ministries_period_order check (valid_from is null or valid_to is null or valid_from < valid_to),
    constraint agency_ministries_not_its_own check (ministry_id <> agency_id),
    constraint agency_ministries_one_at_a_time
        exclude using gist (agency_id with =, daterange(valid_from, valid_to, '[)') with &&)
);

-- The agencies answering to a ministry (the list's filter, the import's
-- check before it withdraws an agency).
create index agency_ministries_ministry_idx on agency_ministries (ministry_id);

-- Its history, as migration 28 made the others': the columns without their
-- constraints, the span each version was held, an index on each key.
create table history.agency_ministries (like public.agency_ministries);
alter table history.agency_ministries
    alter column id drop not null,
    alter column agency_id drop not null,
    alter column ministry_id drop not null,
    alter column source_id drop not null,
    add column recorded tstzrange not null;
create index on history.agency_ministries using gist (id, recorded);
create index on history.agency_ministries using gist (agency_id, recorded);
create index on history.agency_ministries using gist (ministry_id, recorded);
create index on history.agency_ministries using gist (source_id, recorded);

-- Its events read agency_ministry_created, _ended, _changed, _deleted.
create or replace function change_event(entity text, operation text, before jsonb, after jsonb)
returns text
language sql
immutable
as $$
    select case entity
               when 'agencies' then 'agency'
               when 'agency_names' then 'agency_name'
               when 'agency_ministries' then 'agency_ministry'
               when 'agency_identifiers' then 'agency_identifier'
               when 'agency_aliases' then 'agency_alias'
               when 'agency_lineage' then 'agency_lineage_link'
               when 'assignments' then 'assignment'
               when 'assignment_versions' then 'assignment_version'
               when 'assignment_identifiers' then 'assignment_identifier'
               when 'assignment_reports' then 'assignment_report'
               when 'assignment_participations' then 'assignment_participation'
               when 'transfers' then 'transfer'
               when 'transfer_items' then 'transfer_item'
               when 'holdings' then 'holding'
               when 'contact_points' then 'contact'
               when 'bodies' then 'body'
               when 'participations' then 'participation'
               when 'sources' then 'source'
               else entity
           end
        || '_'
        || case
               when operation = 'insert' and entity = 'transfers' then 'recorded'
               when operation = 'insert' and entity in ('holdings', 'participations', 'assignment_participations')
                   then 'started'
               when operation = 'insert' and entity = 'contact_points' then 'added'
               when operation = 'insert' then 'created'
               when operation = 'delete' then 'deleted'
               -- An end date set where there was none: the thing ended.
               when coalesce(before ->> 'valid_to', before ->> 'ended_on') is null
                    and coalesce(after ->> 'valid_to', after ->> 'ended_on') is not null then 'ended'
               else 'changed'
           end
$$;

select track_changes('agency_ministries');

-- A link lies within the lifetimes of the agency and of its ministry, as
-- the agency's other dated records lie within its own.
create or replace function check_fact_lifetime()
returns trigger
language plpgsql
as $$
declare
    noun text := case tg_table_name
                     when 'contact_points' then 'contact point'
                     when 'agency_names' then 'name'
                     when 'agency_ministries' then 'ministry'
                     else 'participation'
                 end;
    fact text := period_text(new.valid_from, new.valid_from_precision, new.valid_to, new.valid_to_precision);
    agency record;
    owner_slug text;
    owner_from date;
begin
    if new.agency_id is not null then
        select slug, started_on, started_on_precision, ended_on, ended_on_precision
        into agency
        from agencies where id = new.agency_id;
        if leaves_lifetime(new.valid_from, new.valid_to, agency.started_on, agency.ended_on) then
            raise exception using
                errcode = 'RG001',
                message = format('The %s %s lies outside the lifetime of agency ''%s'' %s.',
                                 noun, fact, agency.slug,
                                 period_text(agency.started_on, agency.started_on_precision,
                                             agency.ended_on, agency.ended_on_precision));
        end if;
    end if;
    -- Only this table has a ministry_id (NEW has no field otherwise).
    if tg_table_name = 'agency_ministries' then
        select slug, started_on, started_on_precision, ended_on, ended_on_precision
        into agency
        from agencies where id = new.ministry_id;
        if leaves_lifetime(new.valid_from, new.valid_to, agency.started_on, agency.ended_on) then
            raise exception using
                errcode = 'RG001',
                message = format('The %s %s lies outside the lifetime of ministry ''%s'' %s.',
                                 noun, fact, agency.slug,
                                 period_text(agency.started_on, agency.started_on_precision,
                                             agency.ended_on, agency.ended_on_precision));
        end if;
    end if;
    -- Only these tables have an assignment_id.
    if tg_table_name in ('contact_points', 'assignment_participations') then
        if new.assignment_id is not null then
            owner_from := assignment_start(new.assignment_id);
            if leaves_lifetime(new.valid_from, new.valid_to, owner_from, null) then
                select slug into owner_slug from assignments where id = new.assignment_id;
                raise exception using
                    errcode = 'RG001',
                    message = format('The %s %s lies outside the lifetime of assignment ''%s'' [%s, …).',
                                     noun, fact, owner_slug, owner_from);
            end if;
        end if;
    end if;
    return new;
end
$$;

create trigger agency_ministries_within_lifetime
before insert or update of agency_id, ministry_id, valid_from, valid_to on agency_ministries
for each row execute function check_fact_lifetime();

-- An agency's lifetime may not shrink away from the ministries it answers
-- to, nor a ministry's from the agencies answering to it.
create or replace function check_agency_facts()
returns trigger
language plpgsql
as $$
declare
    outside record;
begin
    if new.started_on is distinct from old.started_on then
        update agency_names
        set valid_from = new.started_on, valid_from_precision = new.started_on_precision,
            source_id = coalesce(new.lifetime_source_id, source_id)
        where agency_id = new.id
          and valid_from is not distinct from old.started_on
          and (new.started_on is null or valid_to is null or new.started_on < valid_to);
    end if;
    select what, valid_from, valid_from_precision, valid_to, valid_to_precision
    into outside
    from (
        select format('contact point ''%s''', value) as what,
               valid_from, valid_from_precision, valid_to, valid_to_precision
        from contact_points where agency_id = new.id
        union all
        select format('participation in body ''%s''', bodies.slug),
               participations.valid_from, participations.valid_from_precision,
               participations.valid_to, participations.valid_to_precision
        from participations join bodies on bodies.id = participations.body_id
        where participations.agency_id = new.id
        union all
        select format('part (%s) in assignment ''%s''', part.role, assignments.slug),
               part.valid_from, part.valid_from_precision, part.valid_to, part.valid_to_precision
        from assignment_participations part join assignments on assignments.id = part.assignment_id
        where part.agency_id = new.id
        union all
        select format('name ''%s''', name_sv),
               valid_from, valid_from_precision, valid_to, valid_to_precision
        from agency_names where agency_id = new.id
        union all
        select format('ministry ''%s''', ministry.slug),
               link.valid_from, link.valid_from_precision, link.valid_to, link.valid_to_precision
        from agency_ministries link join agencies ministry on ministry.id = link.ministry_id
        where link.agency_id = new.id
        union all
        select format('agency ''%s'' answering to it', agency.slug),
               link.valid_from, link.valid_from_precision, link.valid_to, link.valid_to_precision
        from agency_ministries link join agencies agency on agency.id = link.agency_id
        where link.ministry_id = new.id
    ) facts
    where leaves_lifetime(valid_from, valid_to, new.started_on, new.ended_on)
    order by valid_from desc nulls last, what
    limit 1;
    if found then
        raise exception using
            errcode = 'RG001',
            message = format('The agency''s lifetime %s would leave out its %s %s; correct it first.',
                             period_text(new.started_on, new.started_on_precision, new.ended_on, new.ended_on_precision),
                             outside.what,
                             period_text(outside.valid_from, outside.valid_from_precision,
                                         outside.valid_to, outside.valid_to_precision));
    end if;
    return new;
end
$$;

-- Each agency's ministry becomes its link, since a time not known (the
-- snapshot that named it says only that it held on its day), citing what
-- it cited; the change log records each (the agency's row no longer
-- carries it).
insert into agency_ministries (agency_id, ministry_id, source_id)
select id, ministry_id, coalesce(ministry_source_id, register_source_id, source_id)
from agencies
where ministry_id is not null;

-- Reads as known at a moment before this migration see the ministry each
-- version of the agency named then: a version of its link for each, under
-- the link's id where it is the same ministry as now.
create temporary table named_ministries on commit drop as
select pairs.agency_id, pairs.ministry_id, coalesce(link.id, gen_random_uuid()) as id
from (select distinct id as agency_id, ministry_id
      from history.agencies
      where ministry_id is not null) pairs
left join agency_ministries link
       on link.agency_id = pairs.agency_id and link.ministry_id = pairs.ministry_id;

insert into history.agency_ministries (id, agency_id, ministry_id, source_id, recorded)
select named.id, version.id, version.ministry_id,
       coalesce(version.ministry_source_id, version.register_source_id, version.source_id),
       tstzrange(lower(version.recorded),
                 case when upper_inf(version.recorded) or upper(version.recorded) > now()
                      then now() else upper(version.recorded) end,
                 '[)')
from history.agencies version
join named_ministries named
  on named.agency_id = version.id and named.ministry_id = version.ministry_id
where version.ministry_id is not null and lower(version.recorded) < now();

-- The agency's row no longer carries it.
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
    return new;
end
$$;

-- Nor does its history (each version's ministry is its link's now, above),
-- and known.agencies loses the columns with them; the view of search keys
-- that reads it is made again as it was.
do $$
declare
    search_keys text := pg_get_viewdef('known.agency_search_keys'::regclass);
begin
    drop view known.agency_search_keys;
    drop view known.agencies;
    alter table agencies
        drop column ministry_id,
        drop column ministry_as_of,
        drop column ministry_source_id;
    alter table history.agencies
        drop column ministry_id,
        drop column ministry_as_of,
        drop column ministry_source_id;
    perform track_changes('agencies');
    execute 'create view known.agency_search_keys as ' || search_keys;
end
$$;

-- The links in force on a day: each over that day, on a day its agency and
-- its ministry both lived (an unknown start is no earlier than either
-- began). Inlined, so that one agency's (`where agency_id = …`) and one
-- ministry's agencies (`where ministry_id = …`) are each read by their key.
create function ministry_links_on(on_date date)
returns setof agency_ministries
language sql
stable
as $$
    select link.*
    from agency_ministries link
    join agencies a on a.id = link.agency_id
    join agencies ministry on ministry.id = link.ministry_id
    where daterange(link.valid_from, link.valid_to, '[)') @> on_date
      and daterange(a.started_on, a.ended_on, '[)') @> on_date
      and daterange(ministry.started_on, ministry.ended_on, '[)') @> on_date
$$;

-- A link as answers show it, the ministry named as on `on_date`.
create function ministry_link_json(link uuid, on_date date)
returns jsonb
language plpgsql
stable
as $$
begin
    return (
        select jsonb_build_object(
                   'id', l.id, 'agency', agency_ref_json(l.ministry_id, on_date),
                   'valid_from', partial_date_text(l.valid_from, l.valid_from_precision),
                   'valid_to', partial_date_text(l.valid_to, l.valid_to_precision),
                   'source', source_json(l.source_id))
        from agency_ministries l
        where l.id = link);
end
$$;

-- Records that `agency` answers to `ministry` (null: to none) from `since`,
-- the day its source (`source`) says so, for a registrar's decision and a
-- snapshot of the registers alike:
-- - the link over `since` names that ministry already: nothing changes;
-- - it names another: it ends on `since` and the new one begins then (to
--   the old one's end), unless it began on `since` or its agency began no
--   earlier, where it is replaced;
-- - no link is over `since`: the new one begins when not known where the
--   agency has no other link (a snapshot says only that it held on its
--   day), else on `since`, up to the next link.
-- Returns whether anything changed.
create function answer_to(agency uuid, ministry uuid, since date, source uuid)
returns boolean
language plpgsql
as $$
declare
    current agency_ministries;
    began date;
    next_from date;
begin
    select l.* into current
    from agency_ministries l
    where l.agency_id = agency and daterange(l.valid_from, l.valid_to, '[)') @> since;
    if found then
        if current.ministry_id is not distinct from ministry then
            return false;
        end if;
        if exists (select from agencies a where a.id = agency and a.ended_on <= since) then
            raise exception using
                errcode = 'RG001',
                message = format('Agency ''%s'' had ended by %s: it answers to no ministry then.',
                                 (select slug from agencies where id = agency), since);
        end if;
        began := coalesce(current.valid_from, (select started_on from agencies where id = agency));
        if began is not null and began >= since then
            if ministry is null then
                delete from agency_ministries where id = current.id;
            else
                update agency_ministries set ministry_id = ministry, source_id = source where id = current.id;
            end if;
            return true;
        end if;
        update agency_ministries set valid_to = since, valid_to_precision = 'day' where id = current.id;
        if ministry is not null then
            insert into agency_ministries (agency_id, ministry_id, valid_from, valid_from_precision,
                                           valid_to, valid_to_precision, source_id)
            values (agency, ministry, since, 'day', current.valid_to, current.valid_to_precision, source);
        end if;
        return true;
    end if;
    if ministry is null then
        return false;
    end if;
    select min(l.valid_from) into next_from
    from agency_ministries l
    where l.agency_id = agency and l.valid_from > since;
    if exists (select from agency_ministries l where l.agency_id = agency) then
        insert into agency_ministries (agency_id, ministry_id, valid_from, valid_from_precision,
                                       valid_to, valid_to_precision, source_id)
        values (agency, ministry, since, 'day', next_from, case when next_from is not null then 'day' end,
                source);
    else
        insert into agency_ministries (agency_id, ministry_id, source_id)
        values (agency, ministry, source);
    end if;
    return true;
end
$$;
