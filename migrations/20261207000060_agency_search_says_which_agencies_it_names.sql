-- One search box (GET /v1/search) shows first the agencies a search names
-- ("skolverket": Statens skolverk, by its other name; "polisen":
-- Polismyndigheten, by the stem), then the assignments, then the agencies
-- it only matches (a word inside a name, a typo's likeness). The agency
-- search's score does not tell those apart on one scale: the end of a
-- long word ("uppdrag" in "nämndemannauppdrag", 6/8) scores as the
-- beginning of a short one (3/4). So the search now also says whether it
-- names the agency: each word of the search, or its Swedish stem (of a
-- name, not a slug), begins a word of one of the agency's keys (a whole
-- word begins itself). Scores and order are unchanged.

drop function agency_search(text);
drop function agency_search_query(text, text[]);

create function agency_search_query(wanted text, stems text[])
returns table (agency_id uuid, slug text, score double precision, named boolean)
language sql
stable
as $$
    select scored.agency_id, a.slug,
           scored.score + case when a.ended_on is null or a.ended_on > current_date
                               then 0.001 else 0 end as score,
           scored.named
    from (
        select k.agency_id,
               max(case when k.key = wanted then 3
                        when k.key like wanted || '%' then 2
                        else 1 end
                   + case when strpos(wanted, ' ') = 0 then search_word_likeness(wanted, stems[1], k.key)
                          else (select avg(search_word_likeness(w.word, w.stem, k.key))
                                from unnest(string_to_array(wanted, ' '), stems) w (word, stem)) end
                  )::double precision as score,
               bool_or(case when strpos(wanted, ' ') = 0
                            then (' ' || k.key) like '% ' || wanted || '%'
                                 or (not k.is_slug and coalesce((' ' || k.key) like '% ' || stems[1] || '%', false))
                            else (select bool_and((' ' || k.key) like '% ' || w.word || '%'
                                                  or (not k.is_slug
                                                      and coalesce((' ' || k.key) like '% ' || w.stem || '%', false)))
                                  from unnest(string_to_array(wanted, ' '), stems) w (word, stem)) end) as named
        from agency_search_keys k
        -- The stem begins the word, so the keys that contain it are the
        -- index's candidates for both.
        where ((k.key like '%' || coalesce(stems[1], wanted) || '%'
                and (k.key like '%' || wanted || '%'
                     or (not k.is_slug and (' ' || k.key) like '% ' || stems[1] || '%')))
               or (not k.is_slug and wanted <% k.key))
          and (strpos(wanted, ' ') = 0
               or (select bool_and(k.key like '%' || w.word || '%' or w.word <% k.key
                                   or coalesce((' ' || k.key) like '% ' || w.stem || '%', false))
                   from unnest(string_to_array(wanted, ' '), stems) w (word, stem)))
        group by k.agency_id
    ) scored
    join agencies a on a.id = scored.agency_id
$$;

create function agency_search(q text)
returns table (agency_id uuid, slug text, score double precision, named boolean)
language plpgsql
stable
set plan_cache_mode to 'force_generic_plan'
as $$
declare
    wanted text := nullif(search_key(q), '');
    stems text[] := search_stems(wanted);
begin
    if wanted is null then
        return;
    end if;
    return query select s.agency_id, s.slug, s.score, s.named from agency_search_query(wanted, stems) s;
end
$$;
