-- The `known` views chose a table's versions recorded at the moment with
-- `recorded @> moment`. The moment is a setting, which the planner cannot
-- see, so it estimated that condition at its default for a range holding a
-- value: a row or so of a table that has thousands. A plan a session keeps
-- for a statement (after five runs PostgreSQL may keep one plan for any
-- values) was then costed as if every known table were nearly empty, and it
-- scanned versions where a lookup by id or slug was needed: after reads of
-- a moment before the data existed, Socialstyrelsen's assignments as known
-- today took 10 to 25 s instead of a few milliseconds.
--
-- The same condition written as the span's two ends is estimated by the
-- defaults for comparisons, a good part of the table, so the plans look
-- rows up by what the query names; the answers are the same. (The GiST
-- indexes on each key and `recorded` serve the key either way.)
--
-- A migration that adds a tracked table or a column recreates its view
-- with this condition.
do $$
declare
    known record;
    columns text;
begin
    for known in
        select table_name from information_schema.views where table_schema = 'known'
    loop
        select string_agg(format('%I', column_name), ', ' order by ordinal_position)
        into strict columns
        from information_schema.columns
        where table_schema = 'known' and table_name = known.table_name;
        execute format(
            'create or replace view known.%I as
             select %s from history.%I
             where lower(recorded) <= current_setting(''registry.known_at'')::timestamptz
               and (upper_inf(recorded) or upper(recorded) > current_setting(''registry.known_at'')::timestamptz)',
            known.table_name, columns, known.table_name);
    end loop;
end
$$;
