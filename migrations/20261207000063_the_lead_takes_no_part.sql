-- An agency that holds an assignment (the lead) does not also take part in
-- it, as a co-recipient or as one to consult, on the same day. The API
-- checked this when a part was written, but not the other way: a holding
-- or a transfer to an agency taking part left it both. Checked here, for
-- every writer, both ways. Writes take one lock (lock_writes), so a check
-- of the other table cannot race another write.
create function check_the_lead_takes_no_part()
returns trigger
language plpgsql
as $$
declare
    part text;
begin
    if tg_table_name = 'holdings' then
        select p.role into part
        from assignment_participations p
        where p.assignment_id = new.assignment_id and p.agency_id = new.agency_id
          and daterange(p.valid_from, p.valid_to, '[)') && daterange(new.valid_from, new.valid_to, '[)')
        limit 1;
        if found then
            raise exception using
                errcode = 'RG002',
                message = format('agency: it takes part in the assignment (%s) over part of that period; '
                                 'end its part (PATCH /v1/assignments/{id}/participants/{participant}) '
                                 'before it holds the assignment', replace(part, '_', '-'));
        end if;
    elsif exists (
        select 1 from holdings h
        where h.assignment_id = new.assignment_id and h.agency_id = new.agency_id
          and daterange(h.valid_from, h.valid_to, '[)') && daterange(new.valid_from, new.valid_to, '[)')
    ) then
        raise exception using
            errcode = 'RG002',
            message = 'agency: it holds the assignment over part of that period; an agency takes part '
                      'only in an assignment it does not lead';
    end if;
    return new;
end
$$;

create trigger holdings_the_lead_takes_no_part
    before insert or update of assignment_id, agency_id, valid_from, valid_to on holdings
    for each row execute function check_the_lead_takes_no_part();

create trigger assignment_participations_the_lead_takes_no_part
    before insert or update of assignment_id, agency_id, valid_from, valid_to on assignment_participations
    for each row execute function check_the_lead_takes_no_part();
