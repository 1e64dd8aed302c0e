-- An agency row cited one source for all it says. The national import
-- fills in what the registry's own records leave unknown (the founding
-- case's agencies got their lifetimes, SCB groups, forms of management,
-- instructions and ministries from the registers), and the row went on
-- citing the press release of 2018 for facts it never states: Skatteverket
-- "founded 2004-01-01" according to it.
--
-- Two facts of an agency now cite their own source:
--   lifetime_source_id  started_on and ended_on;
--   register_source_id  agency_group, management_form, instruction,
--                       ministry and host (what the registers say).
-- Each is set whenever what it cites is known, and null when nothing is.
-- A trigger keeps the second half: a writer names the source, and the
-- row drops it when the facts it cites are unknown.
alter table agencies
    add column lifetime_source_id uuid references sources (id),
    add column register_source_id uuid references sources (id);

alter table history.agencies
    add column lifetime_source_id uuid,
    add column register_source_id uuid;

-- What a new row says comes from its source, unless the insert names
-- another; a change names the source of what it changes (the API's PATCH,
-- the import). Facts that are unknown cite nothing.
create function cite_agency_facts()
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
       and new.ministry_id is null and new.host_agency_id is null then
        new.register_source_id := null;
    elsif tg_op = 'INSERT' and new.register_source_id is null then
        new.register_source_id := new.source_id;
    end if;
    return new;
end
$$;

create trigger agencies_cite_their_facts
before insert or update on agencies
for each row execute function cite_agency_facts();

-- The change log's versions carry the new columns, and reads as known at a
-- moment see them (null in versions recorded before).
select track_changes('agencies');

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

-- The registry's rows learn whose their facts are from the change log.
-- An import writes in one transaction, so every change it makes has one
-- moment; that moment's changes that cite a snapshot of the registers name
-- the snapshot. The last change that set a fact tells who set it: at such
-- a moment the snapshot, else the source the row cited then. The
-- corrections are changes like any other, recorded now.
create temporary table import_moments on commit drop as
select distinct on (c.recorded_at) c.recorded_at, s.id as source_id
from changes c
join sources s on s.id = (c.after ->> 'source_id')::uuid
where s.publisher = 'Civic Tech Sweden (Myndighetsdata)'
order by c.recorded_at, c.id;

create temporary table agency_fact_setters on commit drop as
select a.id,
       (select coalesce(m.source_id, (c.after ->> 'source_id')::uuid)
        from changes c left join import_moments m on m.recorded_at = c.recorded_at
        where c.entity = 'agencies' and c.entity_id = a.id and c.after is not null
          and (c.after -> 'started_on', c.after -> 'started_on_precision',
               c.after -> 'ended_on', c.after -> 'ended_on_precision')
              is distinct from
              (c.before -> 'started_on', c.before -> 'started_on_precision',
               c.before -> 'ended_on', c.before -> 'ended_on_precision')
        order by c.id desc
        limit 1) as lifetime_by,
       (select coalesce(m.source_id, (c.after ->> 'source_id')::uuid)
        from changes c left join import_moments m on m.recorded_at = c.recorded_at
        where c.entity = 'agencies' and c.entity_id = a.id and c.after is not null
          and (c.after -> 'agency_group', c.after -> 'management_form', c.after -> 'instruction',
               c.after -> 'ministry_id', c.after -> 'host_agency_id')
              is distinct from
              (c.before -> 'agency_group', c.before -> 'management_form', c.before -> 'instruction',
               c.before -> 'ministry_id', c.before -> 'host_agency_id')
        order by c.id desc
        limit 1) as register_by
from agencies a;

update agencies a
set lifetime_source_id = coalesce(s.lifetime_by, a.source_id),
    register_source_id = coalesce(s.register_by, a.source_id)
from agency_fact_setters s
where s.id = a.id;

-- A name the import dated (the name the founding case gave, moved to the
-- start the registers give, or dated where an earlier name ends) cites the
-- snapshot that dated it.
update agency_names n
set source_id = dated.source_id
from (select distinct on (c.entity_id) c.entity_id, m.source_id
      from changes c left join import_moments m on m.recorded_at = c.recorded_at
      where c.entity = 'agency_names' and c.before is not null and c.after is not null
        and (c.after -> 'valid_from', c.after -> 'valid_from_precision',
             c.after -> 'valid_to', c.after -> 'valid_to_precision')
            is distinct from
            (c.before -> 'valid_from', c.before -> 'valid_from_precision',
             c.before -> 'valid_to', c.before -> 'valid_to_precision')
      order by c.entity_id, c.id desc) dated
where n.id = dated.entity_id and dated.source_id is not null and n.source_id <> dated.source_id;

alter table agencies
    add constraint agencies_lifetime_cited
        check ((lifetime_source_id is null) = (started_on is null and ended_on is null)),
    add constraint agencies_register_facts_cited
        check ((register_source_id is null)
               = (agency_group is null and management_form is null and instruction is null
                  and ministry_id is null and host_agency_id is null));

-- A name whose start moves with the agency's start is dated by the
-- lifetime's source from then on.
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
