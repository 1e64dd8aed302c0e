-- PostgreSQL plans the body of a SQL-language function again on every
-- call unless it can inline it, and it inlines a function that returns one
-- value only when its body is a bare expression (no FROM). The functions
-- that build the answers (holding_json, agency_ref_json, owned_span, …) call
-- one another for every row, so a holder's answer was planned some twenty
-- times per request: 1,200 answers a second where the database can give
-- 5,000 (pgbench, 4 clients, holder_answer on the founding case).
--
-- PL/pgSQL keeps each statement's plan for the session (and plans again when
-- the search_path changes, as known_at reads do). So every such function
-- becomes PL/pgSQL returning the same query, with columns taking precedence
-- over parameters of the same name as they do in SQL functions. Functions
-- that return sets stay SQL: PostgreSQL inlines them into the query that
-- calls them. A test keeps it so for functions added later.
do $$
declare
    f record;
begin
    for f in
        select p.proname, pg_get_function_arguments(p.oid) as arguments,
               pg_get_function_result(p.oid) as result, p.prosrc,
               case p.provolatile when 'i' then 'immutable' when 's' then 'stable' else 'volatile' end as volatility,
               case when p.proisstrict then 'strict' else '' end as strictness
        from pg_proc p
        join pg_namespace n on n.oid = p.pronamespace
        join pg_language l on l.oid = p.prolang
        where n.nspname = 'public' and l.lanname = 'sql' and p.prokind = 'f'
          and not p.proretset and p.prosrc ~* '\mfrom\M'
    loop
        execute format(
            'create or replace function %I(%s) returns %s language plpgsql %s %s as %L',
            f.proname, f.arguments, f.result, f.volatility, f.strictness,
            E'#variable_conflict use_column\nbegin\n    return (\n'
                || regexp_replace(f.prosrc, ';\s*$', '')
                || E'\n    );\nend');
    end loop;
end
$$;
