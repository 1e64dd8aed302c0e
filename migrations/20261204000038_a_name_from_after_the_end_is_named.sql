-- A new name of an agency from a day on or after the agency's end is
-- refused. Renaming first makes room, shortening the name in force to end
-- where the new one begins; for a name from after the end it was that
-- shortened name that was refused, so the refusal named the wrong name
-- ("The name [2000, 2015-01-01) lies outside …" for a new name from 2015).
-- Asked before making room, it names the new one. (A name from before the
-- agency began is refused when inserted, already naming it.)
create function check_name_before_end(agency uuid, from_day date, from_precision text)
returns void
language plpgsql
stable
as $$
declare
    owner record;
begin
    select slug, started_on, started_on_precision, ended_on, ended_on_precision
    into owner
    from agencies where id = agency;
    if from_day >= owner.ended_on then
        raise exception using
            errcode = 'RG001',
            message = format('The name %s lies outside the lifetime of agency ''%s'' %s.',
                             period_text(from_day, from_precision, null, null), owner.slug,
                             period_text(owner.started_on, owner.started_on_precision,
                                         owner.ended_on, owner.ended_on_precision));
    end if;
end
$$;
