-- Search as one query, agency_search_query, so that every answer that
-- searches agencies (and the test that checks its plan at 10,000 agencies)
-- runs the same one. It is a single SQL query, which PostgreSQL inlines
-- where it is called. It takes the query's search_key (`wanted`), computed
-- once.
--
-- An agency matches when one of its names (Swedish or English, of any
-- time), other names or slug contains the query or is like it (pg_trgm's
-- word similarity, which forgives a typo); a query of several words must
-- match each word. An exact name scores highest, then a name that begins
-- with the query, then by similarity.
create function agency_search_query(wanted text)
returns table (agency_id uuid, score double precision)
language sql
stable
as $$
    with hits as (
        select n.agency_id, search_key(n.name_sv) as key
        from agency_names n
        where wanted <% search_key(n.name_sv)
           or search_key(n.name_sv) like '%' || wanted || '%'
        union all
        select n.agency_id, search_key(n.name_en)
        from agency_names n
        where wanted <% search_key(n.name_en)
           or search_key(n.name_en) like '%' || wanted || '%'
        union all
        select al.agency_id, search_key(al.alias)
        from agency_aliases al
        where wanted <% search_key(al.alias)
           or search_key(al.alias) like '%' || wanted || '%'
        union all
        select a.id, search_key(a.slug)
        from agencies a
        where search_key(a.slug) like '%' || wanted || '%'
    )
    select h.agency_id as agency_id,
           max(case when h.key = wanted then 3
                    when h.key like wanted || '%' then 2
                    else 1 end
               + (select avg(word_similarity(w, h.key))
                  from unnest(string_to_array(wanted, ' ')) w))::double precision as score
    from hits h
    where (select bool_and(w <% h.key or h.key like '%' || w || '%')
           from unnest(string_to_array(wanted, ' ')) w)
    group by h.agency_id
$$;

-- What answers call: the same query in PL/pgSQL, so that each connection
-- plans it once and reuses the plan (generic: the indexes on search_key
-- take the query as a runtime key). Planned anew for every request, it cost
-- four times its execution, about 2 ms against 0.5 ms.
create function agency_search(q text)
returns table (agency_id uuid, score double precision)
language plpgsql
stable
set plan_cache_mode = force_generic_plan
as $$
declare
    wanted text := search_key(q);
begin
    return query select s.agency_id, s.score from agency_search_query(wanted) s;
end
$$;
