-- The lock every writer takes first: the API's writes, the imports, the
-- example data and the generator. Writes then commit one at a time, and the
-- change log stays in the order they commit. Named once, here.
create function lock_writes() returns void
language sql volatile
as $$ select pg_advisory_xact_lock(hashtext('registry: writes')) $$;
