-- Deletes a row of a fact that changes over time (an agency's name, an
-- assignment's version) recorded by mistake: the row before it, which
-- ended where it began, runs on in its place to where it ended. Returns
-- 'deleted', or 'first' and changes nothing when no row ends where it
-- begins (the owner begins with it, or its start is unknown): that one is
-- corrected, not deleted. The counterpart of make_room_from.
create function close_up_after(fact regclass, owner_column text, row_id uuid)
returns text
language plpgsql
as $$
declare
    before uuid;
    gone record;
begin
    execute format(
        'select b.id from %1$s b join %1$s r on r.%2$I = b.%2$I
         where r.id = $1 and b.valid_to = r.valid_from', fact, owner_column)
        into before using row_id;
    if before is null then
        return 'first';
    end if;
    execute format('delete from %s where id = $1 returning valid_to, valid_to_precision', fact)
        into gone using row_id;
    execute format('update %s set valid_to = $2, valid_to_precision = $3 where id = $1', fact)
        using before, gone.valid_to, gone.valid_to_precision;
    return 'deleted';
end
$$;
