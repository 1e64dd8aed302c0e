-- Lifetimes, completed. A dated record of an agency (a contact point, a
-- name, a participation in a body or in an assignment) was refused when it
-- began before the agency or ended after it, but not when it lay wholly
-- outside it: a contact point from 2020 of an agency that ended in 2010 was
-- accepted, and then never answered (its span within the lifetime is
-- empty). Such a record is now refused as well, when written and when the
-- agency's lifetime is corrected to leave it out: one that begins on or
-- after the agency's end, or ends on or before its start. The same holds
-- for holdings, and for a record of an assignment that ends before the
-- assignment begins.
--
-- An agency's correction that would leave out a record now names it ("its
-- name 'Nytt namn' [2027-01-01, …)", "its contact point 'registrator@…'")
-- instead of calling it "its record".

-- Whether the period [valid_from, valid_to) leaves [started, ended):
-- begins before it, ends after it (an open end stops with it), or lies
-- wholly before or after it. An unknown bound of either is no evidence.
create function leaves_lifetime(valid_from date, valid_to date, started date, ended date)
returns boolean
language sql
immutable
as $$
    select coalesce(valid_from < started, false)
        or coalesce(valid_to > ended, false)
        or coalesce(valid_from >= ended, false)
        or coalesce(valid_to <= started, false)
$$;

create or replace function check_fact_lifetime()
returns trigger
language plpgsql
as $$
declare
    noun text := case tg_table_name
                     when 'contact_points' then 'contact point'
                     when 'agency_names' then 'name'
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
    -- Only these tables have an assignment_id (NEW has no field otherwise).
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

create or replace function check_agency_facts()
returns trigger
language plpgsql
as $$
declare
    outside record;
begin
    if new.started_on is distinct from old.started_on then
        update agency_names
        set valid_from = new.started_on, valid_from_precision = new.started_on_precision
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

-- A holding of an agency that has ended ends with it at the latest, so an
-- open end is refused there too (as before).
create or replace function check_holding_lifetime()
returns trigger
language plpgsql
as $$
declare
    agency record;
    assignment_slug text;
    assignment_from date;
    holding text := period_text(new.valid_from, new.valid_from_precision, new.valid_to, new.valid_to_precision);
begin
    select slug, started_on, started_on_precision, ended_on, ended_on_precision
    into agency
    from agencies where id = new.agency_id;
    if leaves_lifetime(new.valid_from, new.valid_to, agency.started_on, agency.ended_on)
       or (agency.ended_on is not null and new.valid_to is null) then
        raise exception using
            errcode = 'RG001',
            message = format('The holding %s lies outside the lifetime of agency ''%s'' %s.',
                             holding, agency.slug,
                             period_text(agency.started_on, agency.started_on_precision,
                                         agency.ended_on, agency.ended_on_precision));
    end if;
    assignment_from := assignment_start(new.assignment_id);
    if leaves_lifetime(new.valid_from, new.valid_to, assignment_from, null) then
        select slug into assignment_slug from assignments where id = new.assignment_id;
        raise exception using
            errcode = 'RG001',
            message = format('The holding %s lies outside the lifetime of assignment ''%s'' [%s, …).',
                             holding, assignment_slug, assignment_from);
    end if;
    return new;
end
$$;

create or replace function check_agency_holdings()
returns trigger
language plpgsql
as $$
declare
    outside record;
begin
    select h.valid_from, h.valid_from_precision, h.valid_to, h.valid_to_precision, s.slug
    into outside
    from holdings h
    join assignments s on s.id = h.assignment_id
    where h.agency_id = new.id
      and (leaves_lifetime(h.valid_from, h.valid_to, new.started_on, new.ended_on)
           or (new.ended_on is not null and h.valid_to is null))
    order by h.valid_from desc nulls last, s.slug
    limit 1;
    if found then
        raise exception using
            errcode = 'RG001',
            message = format('The agency''s lifetime %s would leave out its holding of ''%s'' %s; end or correct the holding first.',
                             period_text(new.started_on, new.started_on_precision, new.ended_on, new.ended_on_precision),
                             outside.slug,
                             period_text(outside.valid_from, outside.valid_from_precision,
                                         outside.valid_to, outside.valid_to_precision));
    end if;
    return new;
end
$$;
