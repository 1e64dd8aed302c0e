-- An agency search scored each matching key with pg_trgm's
-- word_similarity, about 2.5 microseconds a key: a search for a word that
-- a third of the names share ('stat' at 10,000 agencies: 4,385 keys) spent
-- 10 of its 18 ms on it. Where the word stands in the key says the same
-- far cheaper. For a word of n letters that the key contains, the
-- likeness is now where it stands: 1 as a whole word, n/(n+1) at a word's
-- beginning, (n-1)/(n+1) at its end and (n-2)/(n+1) inside it. Those are
-- word_similarity's own values for one occurrence: of the word's n+1
-- trigrams, the key has all; all but the one that ends the word; all but
-- the two that begin it; or all but those three. They are given as real,
-- as word_similarity gives them. (A word that repeats a trigram, as
-- "forskarsk" repeats "rsk", has fewer than n+1 different ones, and
-- word_similarity gives its matches a hundredth less, 8/9 where this
-- gives 9/10; the matches that contain it keep their order.)
-- word_similarity still measures a word the key only resembles (a typo).
-- On the national data, 212 of 215 searches (the first 3 to 9 letters of
-- names) list the same ten agencies in the same order; the 3 others
-- differ from the seventh on, among matches inside a word, where
-- word_similarity had counted letters of other words too
-- ('spe' in "Sprängämnesinspektionen" scored higher than in
-- "Finansinspektionen" for its "spr…").
--
-- The search also gives each agency's slug, so that a search without
-- filters can take its page by rank and slug before reading the page's
-- agencies, instead of reading every match.
create function search_word_likeness(word text, key text)
returns real
language sql
immutable
parallel safe
as $$
    select case when (' ' || key || ' ') like ('% ' || word || ' %') then 1
                when (' ' || key) like ('% ' || word || '%') then length(word)::real / (length(word) + 1)
                when (key || ' ') like ('%' || word || ' %') then (length(word) - 1)::real / (length(word) + 1)
                when key like ('%' || word || '%') then greatest(length(word) - 2, 0)::real / (length(word) + 1)
                else word_similarity(word, key) end
$$;

drop function agency_search(text);
drop function agency_search_query(text);

-- Scored as before: 3 for the whole key, 2 for its beginning, 1 for a
-- word in it, plus how like the key each word of the search is (on
-- average); an agency that exists today a thousandth more.
create function agency_search_query(wanted text)
returns table (agency_id uuid, slug text, score double precision)
language sql
stable
as $$
    select scored.agency_id, a.slug,
           scored.score + case when a.ended_on is null or a.ended_on > current_date
                               then 0.001 else 0 end as score
    from (
        select k.agency_id,
               max(case when k.key = wanted then 3
                        when k.key like wanted || '%' then 2
                        else 1 end
                   + case when strpos(wanted, ' ') = 0 then search_word_likeness(wanted, k.key)
                          else (select avg(search_word_likeness(word, k.key))
                                from unnest(string_to_array(wanted, ' ')) word) end
                  )::double precision as score
        from agency_search_keys k
        where (k.key like '%' || wanted || '%' or (not k.is_slug and wanted <% k.key))
          and (strpos(wanted, ' ') = 0
               or (select bool_and(k.key like '%' || word || '%' or word <% k.key)
                   from unnest(string_to_array(wanted, ' ')) word))
        group by k.agency_id
    ) scored
    join agencies a on a.id = scored.agency_id
$$;

create function agency_search(q text)
returns table (agency_id uuid, slug text, score double precision)
language plpgsql
stable
set plan_cache_mode to 'force_generic_plan'
as $$
declare
    wanted text := search_key(q);
begin
    if wanted is null then
        return;
    end if;
    return query select s.agency_id, s.slug, s.score from agency_search_query(wanted) s;
end
$$;
