-- A holding lies within the lifetime of what it belongs to: its assignment
-- (and the assignments that one is a part of) and its agency. An unknown
-- start means "some time after the owners began", never "always"; a holding
-- of an agency that ended ends with it at the latest.

-- The first day an assignment can have existed, as far as the registry
-- knows: the start of its first version, and no earlier than the start of
-- the assignment it is a part of (at any depth). Null when nothing bounds it.
create function assignment_start(assignment uuid)
returns date
language sql
stable
as $$
    with recursive line (id, parent_id) as (
        select id, parent_id from assignments where id = assignment
        union all
        select a.id, a.parent_id from assignments a join line on a.id = line.parent_id
    )
    select max(first.valid_from)
    from line
    cross join lateral (
        select v.valid_from
        from assignment_versions v
        where v.assignment_id = line.id
        order by v.valid_from nulls first
        limit 1
    ) first
$$;

-- The earliest day a fact of `agency` and of `assignment` (either may be
-- null) can begin: no earlier than the agency and no earlier than the
-- assignment. Null when neither start is known.
create function earliest_start(agency uuid, assignment uuid)
returns date
language sql
stable
as $$
    select greatest((select started_on from agencies where id = agency),
                    assignment_start(assignment))
$$;

-- The days a fact of `agency` and of `assignment` (a holding, a contact
-- point, a participation) is answered for: its own period, an unknown start
-- replaced by the earliest it can be, and cut at the agency's end.
create function owned_span(agency uuid, assignment uuid, valid_from date, valid_to date)
returns daterange
language sql
stable
as $$
    select case
        when lower_bound is null or upper_bound is null or lower_bound < upper_bound
        then daterange(lower_bound, upper_bound, '[)')
        else 'empty'::daterange
    end
    from (
        select coalesce(valid_from, earliest_start(agency, assignment)) as lower_bound,
               least(valid_to, (select ended_on from agencies where id = agency)) as upper_bound
    ) bounds
$$;

-- Who holds an assignment on a date, within the lifetimes above.
create or replace function holding_on(assignment uuid, on_date date)
returns setof holdings
language sql
stable
as $$
    select *
    from holdings h
    where h.assignment_id = assignment
      and owned_span(h.agency_id, h.assignment_id, h.valid_from, h.valid_to) @> on_date
$$;

-- A period as the API shows it, for refusals: [2018-01-01, …).
create function period_text(from_day date, from_precision text, to_day date, to_precision text)
returns text
language sql
immutable
as $$
    select format('[%s, %s)',
                  coalesce(partial_date_text(from_day, from_precision), 'unknown start'),
                  coalesce(partial_date_text(to_day, to_precision), '…'))
$$;

-- Refuses a holding outside its owners' lifetimes (SQLSTATE RG001, which
-- the API answers 409 /problems/outside-lifetime with this message).
create function check_holding_lifetime()
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
    if (new.valid_from is not null and agency.started_on is not null and new.valid_from < agency.started_on)
       or (agency.ended_on is not null and (new.valid_to is null or new.valid_to > agency.ended_on)) then
        raise exception using
            errcode = 'RG001',
            message = format('The holding %s lies outside the lifetime of agency ''%s'' %s.',
                             holding, agency.slug,
                             period_text(agency.started_on, agency.started_on_precision,
                                         agency.ended_on, agency.ended_on_precision));
    end if;
    assignment_from := assignment_start(new.assignment_id);
    if new.valid_from is not null and assignment_from is not null and new.valid_from < assignment_from then
        select slug into assignment_slug from assignments where id = new.assignment_id;
        raise exception using
            errcode = 'RG001',
            message = format('The holding %s lies outside the lifetime of assignment ''%s'' [%s, …).',
                             holding, assignment_slug, assignment_from);
    end if;
    return new;
end
$$;

create trigger holdings_within_lifetime
before insert or update of agency_id, assignment_id, valid_from, valid_to on holdings
for each row execute function check_holding_lifetime();

-- An agency's lifetime may not shrink away from its holdings.
create function check_agency_holdings()
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
      and ((h.valid_from is not null and new.started_on is not null and h.valid_from < new.started_on)
           or (new.ended_on is not null and (h.valid_to is null or h.valid_to > new.ended_on)))
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

create trigger agencies_keep_their_holdings
after update of started_on, ended_on on agencies
for each row execute function check_agency_holdings();

-- A holding as answers show it; where its start is not known, also the
-- earliest day it can be.
create or replace function holding_json(holding uuid, name_on date)
returns jsonb
language sql
stable
as $$
    select jsonb_build_object(
        'agency', agency_ref_json(h.agency_id, coalesce(name_on, h.valid_from, h.valid_to - 1, current_date)),
        'valid_from', partial_date_text(h.valid_from, h.valid_from_precision),
        'earliest_from', case when h.valid_from is null
                              then to_char(earliest_start(h.agency_id, h.assignment_id), 'YYYY-MM-DD') end,
        'valid_to', partial_date_text(h.valid_to, h.valid_to_precision),
        'started_by_transfer', transfer_ref_json(h.started_by_transfer_id),
        'ended_by_transfer', transfer_ref_json(h.ended_by_transfer_id),
        'source', source_json(h.source_id))
    from holdings h
    where h.id = holding
$$;
