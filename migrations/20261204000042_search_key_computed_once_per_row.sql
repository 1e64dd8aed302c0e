-- An agency search computes the search key of each name its indexes find
-- (to check the match and to score it), and the key was a SQL function
-- PostgreSQL cannot inline (it is immutable, for the indexes, and unaccent
-- is not), so every key was a function planned and run as a query of its
-- own: 30 microseconds, most of a search's time. As PL/pgSQL returning
-- the same expression it is evaluated directly: 3 microseconds, the same
-- key for every name and alias of the national data (so the indexes built
-- on it stay as they are).
--
-- Its cost was raised to 10,000 (indexes_at_national_scale) so that the
-- planner would use the search indexes rather than compute every row's
-- key. At 10,000 agencies that made a search's estimate large enough for
-- PostgreSQL to compile it to machine code first (JIT): 400 ms of a 700 ms
-- search. At 100 the planner still uses the indexes (a test checks it at
-- 10,000 agencies) and no search is compiled.
create or replace function search_key(input text)
returns text
language plpgsql
immutable
parallel safe
strict
cost 100
as $$
begin
    return btrim(regexp_replace(lower(public.unaccent('public.unaccent'::regdictionary, input)),
                                '[^a-z0-9]+', ' ', 'g'));
end
$$;
