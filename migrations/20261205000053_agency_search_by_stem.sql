-- Swedes name many agencies by a word in its definite form: "polisen",
-- "tullen", "kronofogden", "åklagaren". The agency search found the word
-- only where a name contains it, so "polisen" gave Säkerhetspolisen before
-- Polismyndigheten, and "tullen" gave nothing. A word now also matches a
-- name where its Swedish stem begins a word ("polis" in
-- "Polismyndigheten", "tull" in "Tullverket"), as the assignment search
-- matches stems.
--
-- A stem of s letters at a word's beginning is as like as the stem typed
-- there: s/(s+1) (see search_word_likeness in the migration
-- agency_search_scored_by_where_words_stand). That is less than the word
-- itself as a whole word (1) or at a word's beginning (n/(n+1), n > s), and
-- a key gets the better of it and of the word at a word's end or inside
-- one: Polismyndigheten (5/6) now comes before Säkerhetspolisen (6/8),
-- while "domstolen" still finds Högsta domstolen first, which has the
-- word itself.
--
-- A stem shorter than four letters adds nothing ("borås" would find
-- Borlänge by "bor"), nor does a stem that is the word itself or a stop
-- word (which has none). Slugs are still found by the letters they
-- contain, not by stems.
--
-- Of 270 searches (the first 4, 6 and 8 letters of 150 names drawn from
-- the national data), 266 list the same ten agencies in the same order as
-- before and all 270 the same first one; the others differ from the
-- second match on, among matches that share only a few letters or a stem
-- ("högskole" now ranks Besvärsnämnden för högskoleutbildning, which has
-- the word, above Högskolan i Gävle, which has the stem).
--
-- The stems are computed once a search (search_stems), the index finds
-- the keys that contain the stem, which begins the word, for both, and
-- word_similarity is asked only of a key that has neither. In psql, 2,805
-- such searches on the national data, median of seven rounds: the 1,499
-- without a stem 576 ms where they took 502, the 1,306 with one 784 ms
-- where they took 723.

drop function agency_search(text);
drop function agency_search_query(text);
drop function search_word_likeness(text, text);

-- As before, and where the key does not have the word itself as a whole
-- word or at a word's beginning, the better of the stem at a word's
-- beginning and the word at a word's end or inside one; where the key has
-- neither the word nor the stem, how alike (word_similarity, the costly
-- part, asked only then).
create function search_word_likeness(word text, stem text, key text)
returns real
language sql
immutable
parallel safe
as $$
    select case when (' ' || key || ' ') like ('% ' || word || ' %') then 1
                when (' ' || key) like ('% ' || word || '%') then length(word)::real / (length(word) + 1)
                when key like ('%' || word || '%')
                    then greatest(case when (key || ' ') like ('%' || word || ' %')
                                       then (length(word) - 1)::real / (length(word) + 1)
                                       else greatest(length(word) - 2, 0)::real / (length(word) + 1) end,
                                  case when (' ' || key) like ('% ' || stem || '%')
                                       then length(stem)::real / (length(stem) + 1) end)
                when (' ' || key) like ('% ' || stem || '%') then length(stem)::real / (length(stem) + 1)
                else word_similarity(word, key) end
$$;

-- The Swedish stem of each word of a search, in order: null where it is
-- the word itself, has fewer than four letters, or does not begin the word
-- (the Swedish stemmer only takes endings off; the search relies on it).
create function search_stems(wanted text)
returns text[]
language plpgsql
immutable
parallel safe
strict
as $$
declare
    stems text[] := '{}';
    word text;
    stem text;
begin
    foreach word in array string_to_array(wanted, ' ') loop
        stem := (ts_lexize('swedish_stem', word))[1];
        stems := array_append(stems, case when length(stem) >= 4 and stem <> word and starts_with(word, stem)
                                          then stem end);
    end loop;
    return stems;
end
$$;

-- As before; a key also matches where the stem of the search's (first)
-- word begins a word of it, and each word of a longer search where it or
-- its stem does ("polisen blekinge" finds Polismyndigheten i Blekinge
-- län). The stems (search_stems) come as a value computed once: a key's
-- likeness, given plain values, is computed inline rather than called.
create function agency_search_query(wanted text, stems text[])
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
                   + case when strpos(wanted, ' ') = 0 then search_word_likeness(wanted, stems[1], k.key)
                          else (select avg(search_word_likeness(w.word, w.stem, k.key))
                                from unnest(string_to_array(wanted, ' '), stems) w (word, stem)) end
                  )::double precision as score
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
returns table (agency_id uuid, slug text, score double precision)
language plpgsql
stable
set plan_cache_mode to 'force_generic_plan'
as $$
declare
    wanted text := search_key(q);
    stems text[] := search_stems(wanted);
begin
    if wanted is null then
        return;
    end if;
    return query select s.agency_id, s.slug, s.score from agency_search_query(wanted, stems) s;
end
$$;
