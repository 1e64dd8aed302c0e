-- Every transaction that records changes tells the API instances listening
-- on channel `registry_changes` once, when it commits (PostgreSQL delivers
-- notifications at commit and folds identical ones of one transaction into
-- one). An instance then reads the data version, the change log's last id,
-- and stops answering from what it cached under older versions.
create function notify_changes() returns trigger
language plpgsql as $$
begin
    perform pg_notify('registry_changes', '');
    return null;
end
$$;

create trigger changes_notify
    after insert on changes
    for each statement
    execute function notify_changes();

-- The data version: the id of the last change recorded, 0 before any.
create function data_version() returns bigint
language sql stable as $$
    select coalesce(max(id), 0) from changes
$$;
