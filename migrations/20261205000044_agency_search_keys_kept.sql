-- An agency search found its candidates by trigram indexes on each name's
-- search key (search_key(name_sv), …), and then computed every candidate's
-- key again: to recheck each index condition, to filter, to return it. A
-- key costs about 2.5 microseconds (unaccent, a regular expression), a word
-- similarity about 3, and a search for a word that a third of the names
-- share ('statens' at 10,000 agencies: 3,400 candidates) spent 60 of its
-- 65 ms on them. Each key is now computed once, when its name, alias or
-- slug is written, and kept in agency_search_keys with the index on it;
-- a search reads the keys, checks a substring before it measures
-- likeness, and measures each word's likeness once. The same search took
-- 6 ms in psql, with the same matches and scores.
--
-- The keys are kept by triggers on the three tables they come from; under
-- `known_at` (search_path `known, public`) the view known.agency_search_keys
-- computes them from the names, aliases and slugs known at the moment, as
-- the search did before.
create table agency_search_keys (
    -- The agency_names, agency_aliases or agencies row the key is read from.
    row_id uuid not null,
    agency_id uuid not null references agencies (id) on delete cascade,
    key text not null,
    -- A slug is found by the letters it contains, not by likeness.
    is_slug boolean not null
);

create function keep_agency_search_keys()
returns trigger
language plpgsql
as $$
begin
    if tg_op <> 'INSERT' then
        delete from agency_search_keys where row_id = old.id;
    end if;
    if tg_op = 'DELETE' then
        return null;
    end if;
    if tg_table_name = 'agency_names' then
        insert into agency_search_keys (row_id, agency_id, key, is_slug)
        select new.id, new.agency_id, k.key, false
        from unnest(array[search_key(new.name_sv), search_key(new.name_en)]) k (key)
        where k.key is not null;
    elsif tg_table_name = 'agency_aliases' then
        insert into agency_search_keys (row_id, agency_id, key, is_slug)
        values (new.id, new.agency_id, search_key(new.alias), false);
    else
        insert into agency_search_keys (row_id, agency_id, key, is_slug)
        values (new.id, new.id, search_key(new.slug), true);
    end if;
    return null;
end
$$;

create trigger agency_names_search_keys
    after insert or delete or update of agency_id, name_sv, name_en on agency_names
    for each row execute function keep_agency_search_keys();
create trigger agency_aliases_search_keys
    after insert or delete or update of agency_id, alias on agency_aliases
    for each row execute function keep_agency_search_keys();
-- An agency's delete takes its keys with it (the foreign key cascades).
create trigger agencies_search_keys
    after insert or update of slug on agencies
    for each row execute function keep_agency_search_keys();

insert into agency_search_keys (row_id, agency_id, key, is_slug)
select n.id, n.agency_id, search_key(n.name_sv), false from agency_names n
union all
select n.id, n.agency_id, search_key(n.name_en), false from agency_names n where n.name_en is not null
union all
select al.id, al.agency_id, search_key(al.alias), false from agency_aliases al
union all
select a.id, a.id, search_key(a.slug), true from agencies a;

create index agency_search_keys_row_id_idx on agency_search_keys (row_id);
create index agency_search_keys_key_idx on agency_search_keys
    using gin (key gin_trgm_ops) with (fastupdate = off);

create view known.agency_search_keys as
select n.id as row_id, n.agency_id, search_key(n.name_sv) as key, false as is_slug
from known.agency_names n
union all
select n.id, n.agency_id, search_key(n.name_en), false from known.agency_names n where n.name_en is not null
union all
select al.id, al.agency_id, search_key(al.alias), false from known.agency_aliases al
union all
select a.id, a.id, search_key(a.slug), true from known.agencies a;

drop index agency_names_sv_search_idx;
drop index agency_names_en_search_idx;
drop index agency_aliases_search_idx;
drop index agencies_slug_search_idx;

-- Scored as before: 3 for the whole key, 2 for its beginning, 1 for a
-- word in it, plus how like the key each word of the search is (on
-- average); an agency that exists today a thousandth more. Every word of
-- the search must be in the key or like a word of it, which a search of
-- one word, as most are, its match already says (and its likeness is
-- measured without a subquery: 16 ms for 'stat' at 10,000 agencies, 19
-- ms through one).
create or replace function agency_search_query(wanted text)
returns table (agency_id uuid, score double precision)
language sql
stable
as $$
    select scored.agency_id,
           scored.score + case when a.ended_on is null or a.ended_on > current_date
                               then 0.001 else 0 end as score
    from (
        select k.agency_id,
               max(case when k.key = wanted then 3
                        when k.key like wanted || '%' then 2
                        else 1 end
                   + case when strpos(wanted, ' ') = 0 then word_similarity(wanted, k.key)
                          else (select avg(word_similarity(word, k.key))
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
