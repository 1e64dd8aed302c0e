-- Search as one function, so that every answer that searches agencies (and
-- the test that checks its plan at 10,000 agencies) runs the same query. It
-- is a single SQL query, so PostgreSQL inlines it where it is called and the
-- indexes on search_key serve the caller's parameter.
--
-- An agency matches when one of its names (Swedish or English, of any
-- time), other names or slug contains the query or is like it (pg_trgm's
-- word similarity, which forgives a typo); a query of several words must
-- match each word. An exact name scores highest, then a name that begins
-- with the query, then by similarity.
create function agency_search(q text)
returns table (agency_id uuid, score double precision)
language sql
stable
as $$
    with hits as (
        select n.agency_id, search_key(n.name_sv) as key
        from agency_names n
        where search_key(q) <% search_key(n.name_sv)
           or search_key(n.name_sv) like '%' || search_key(q) || '%'
        union all
        select n.agency_id, search_key(n.name_en)
        from agency_names n
        where search_key(q) <% search_key(n.name_en)
           or search_key(n.name_en) like '%' || search_key(q) || '%'
        union all
        select al.agency_id, search_key(al.alias)
        from agency_aliases al
        where search_key(q) <% search_key(al.alias)
           or search_key(al.alias) like '%' || search_key(q) || '%'
        union all
        select a.id, search_key(a.slug)
        from agencies a
        where search_key(a.slug) like '%' || search_key(q) || '%'
    )
    select h.agency_id,
           max(case when h.key = search_key(q) then 3
                    when h.key like search_key(q) || '%' then 2
                    else 1 end
               + (select avg(word_similarity(w, h.key))
                  from unnest(string_to_array(search_key(q), ' ')) w))
    from hits h
    where (select bool_and(w <% h.key or h.key like '%' || w || '%')
           from unnest(string_to_array(search_key(q), ' ')) w)
    group by h.agency_id
$$;
