-- Correcting transfers, and starting a new name or version from a date.

-- Correcting a transfer's date moves both holdings it joins and the transfer
-- in one transaction; the foreign keys tying them are checked at commit, so
-- the three may pass through a state where they disagree.
alter table holdings alter constraint holdings_started_by_transfer_fkey deferrable initially immediate;
alter table holdings alter constraint holdings_ended_by_transfer_fkey deferrable initially immediate;
alter table holdings alter constraint holdings_started_by_transfer_item_fkey deferrable initially immediate;
alter table holdings alter constraint holdings_ended_by_transfer_item_fkey deferrable initially immediate;

-- The known schema's views list the tables' columns as they were when
-- they were created: a migration that adds a column to a tracked table must
-- recreate its view (see 20261128000010).

-- Makes room for a new row of a fact that changes over time (an agency's
-- name, an assignment's title and scope) starting on from_day: the row in
-- force that day ends there. Returns where the new row should end (where the
-- row it cut ended, or where the next recorded row begins; null: open) and
-- 'ok', or 'taken' and changes nothing when a row already starts that day.
create function make_room_from(
    fact regclass, owner_column text, owner uuid, from_day date, from_precision text,
    out state text, out valid_to date, out valid_to_precision text
)
language plpgsql
as $$
declare
    cut record;
begin
    execute format(
        'select id, valid_from, valid_to, valid_to_precision from %s
         where %I = $1 and daterange(valid_from, valid_to, ''[)'') @> $2', fact, owner_column)
        into cut using owner, from_day;
    if cut.id is null then
        execute format(
            'select valid_from, valid_from_precision from %s
             where %I = $1 and valid_from > $2 order by valid_from limit 1', fact, owner_column)
            into valid_to, valid_to_precision using owner, from_day;
        state := 'ok';
    elsif cut.valid_from = from_day then
        state := 'taken';
    else
        execute format('update %s set valid_to = $2, valid_to_precision = $3 where id = $1', fact)
            using cut.id, from_day, from_precision;
        valid_to := cut.valid_to;
        valid_to_precision := cut.valid_to_precision;
        state := 'ok';
    end if;
end
$$;
