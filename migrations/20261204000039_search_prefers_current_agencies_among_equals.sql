-- Among equally good matches, an agency that exists today comes first.
-- Word similarity gives many exact ties (it counts trigrams), which the
-- slug then broke: 'försäkringskassn', a typo, listed Allmänna
-- försäkringskassorna (ended 2002) before Försäkringskassan, and
-- 'forsakring' Försäkringsinspektionen (ended) before it too. A current
-- agency now scores a thousandth more: enough to break a tie, too little to
-- pass a better match. Otherwise the query is as before.
create or replace function agency_search_query(wanted text)
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
    select scored.agency_id,
           scored.score + case when a.ended_on is null or a.ended_on > current_date
                               then 0.001 else 0 end as score
    from (
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
    ) scored
    join agencies a on a.id = scored.agency_id
$$;
