-- Contact points and participations lie within the lifetime of what they
-- belong to, as holdings do: an agency's between its start and its end, an
-- assignment's no earlier than the assignment began. An unknown start means
-- "some time after the owner began"; an open end stops with the owner's.

-- They are answered for the days of owned_span (see the migration
-- holdings_within_lifetimes).

-- Refuses a contact point or participation that starts before its owner
-- began or ends after it ended (SQLSTATE RG001: 409 outside-lifetime).
create function check_fact_lifetime()
returns trigger
language plpgsql
as $$
declare
    noun text := case tg_table_name when 'contact_points' then 'contact point' else 'participation' end;
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

create trigger contact_points_within_lifetime
before insert or update of agency_id, assignment_id, valid_from, valid_to on contact_points
for each row execute function check_fact_lifetime();

create trigger participations_within_lifetime
before insert or update of agency_id, valid_from, valid_to on participations
for each row execute function check_fact_lifetime();

-- An agency's lifetime may not shrink away from its contact points and
-- participations (their open ends stop with it).
create function check_agency_facts()
returns trigger
language plpgsql
as $$
declare
    outside record;
begin
    select 'contact point' as noun, valid_from, valid_from_precision, valid_to, valid_to_precision
    into outside
    from (
        select valid_from, valid_from_precision, valid_to, valid_to_precision
        from contact_points where agency_id = new.id
        union all
        select valid_from, valid_from_precision, valid_to, valid_to_precision
        from participations where agency_id = new.id
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

create trigger agencies_keep_their_facts
after update of started_on, ended_on on agencies
for each row execute function check_agency_facts();
