-- An agency's names lie within its lifetime, as its contact points and
-- participations do: no name begins before the agency began or runs past
-- its end (SQLSTATE RG001: 409 outside-lifetime). An open-ended name stops
-- with the agency.

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
        if (new.valid_from is not null and agency.started_on is not null and new.valid_from < agency.started_on)
           or (new.valid_to is not null and agency.ended_on is not null and new.valid_to > agency.ended_on) then
            raise exception using
                errcode = 'RG001',
                message = format('The %s %s lies outside the lifetime of agency ''%s'' %s.',
                                 noun, fact, agency.slug,
                                 period_text(agency.started_on, agency.started_on_precision,
                                             agency.ended_on, agency.ended_on_precision));
        end if;
    end if;
    if tg_table_name = 'contact_points' then
        if new.assignment_id is not null and new.valid_from is not null then
            owner_from := assignment_start(new.assignment_id);
            if owner_from is not null and new.valid_from < owner_from then
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

create trigger agency_names_within_lifetime
before insert or update of agency_id, valid_from, valid_to on agency_names
for each row execute function check_fact_lifetime();

-- An agency's first name begins with the agency: when a correction moves
-- the agency's start, a first name that began on the old start moves with
-- it. Then its lifetime may not shrink away from any of its dated records.
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
    select valid_from, valid_from_precision, valid_to, valid_to_precision
    into outside
    from (
        select valid_from, valid_from_precision, valid_to, valid_to_precision
        from contact_points where agency_id = new.id
        union all
        select valid_from, valid_from_precision, valid_to, valid_to_precision
        from participations where agency_id = new.id
        union all
        select valid_from, valid_from_precision, valid_to, valid_to_precision
        from agency_names where agency_id = new.id
    ) facts
    where (valid_from is not null and new.started_on is not null and valid_from < new.started_on)
       or (valid_to is not null and new.ended_on is not null and valid_to > new.ended_on)
    limit 1;
    if found then
        raise exception using
            errcode = 'RG001',
            message = format('The agency''s lifetime %s would leave out its record %s; correct it first.',
                             period_text(new.started_on, new.started_on_precision, new.ended_on, new.ended_on_precision),
                             period_text(outside.valid_from, outside.valid_from_precision,
                                         outside.valid_to, outside.valid_to_precision));
    end if;
    return new;
end
$$;

-- Whether an agency existed on a date: 'not_started' before its start,
-- 'ended' from its end on, else 'active'. An unknown start or end does not
-- bound it; a start or end known to the month or year counts from its
-- first day.
create function agency_status(started_on date, ended_on date, on_date date)
returns text
language sql
immutable
as $$
    select case
        when ended_on is not null and on_date >= ended_on then 'ended'
        when started_on is not null and on_date < started_on then 'not_started'
        else 'active'
    end
$$;
