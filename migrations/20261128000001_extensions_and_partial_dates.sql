-- btree_gist lets exclusion constraints combine "same id" (=) with
-- "overlapping period" (&&); uuid-ossp gives stable v5 ids for example data.
create extension if not exists btree_gist;
create extension if not exists "uuid-ossp";

-- A partial date is a date plus how much of it is known: 'year' (2009),
-- 'month' (2013-05) or 'day'. The stored date is the first day of the known
-- span, so periods can still be compared; the precision says how much of it
-- is fact. A null date means "not known" and then has no precision.
create function partial_date_is_valid(day date, known_to text)
returns boolean
language sql
immutable
as $$
    select case
        when day is null then known_to is null
        when known_to = 'day' then true
        when known_to = 'month' then extract(day from day) = 1
        when known_to = 'year' then extract(day from day) = 1 and extract(month from day) = 1
        else false
    end
$$;

-- Slugs are lowercase ASCII words joined by single hyphens.
create function slug_is_valid(value text)
returns boolean
language sql
immutable
as $$
    select value ~ '^[a-z0-9]+(-[a-z0-9]+)*$' and length(value) <= 100
$$;
