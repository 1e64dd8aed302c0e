-- An agency's instructions over time. SFS lists every instruction an
-- agency has had (Skatteverket: 2003:1106, 2007:780, 2017:154); the
-- registry kept only the last, and answered it for any date. An SFS number
-- names the year it was issued, so each instruction governed from that year
-- at the earliest, until the year of the next: the list dates them, to the
-- year, and the instruction on a day is the last one issued by then.
alter table agencies
    add column instructions text[] not null default '{}',
    add constraint agencies_instructions_are_sfs_numbers
        check (array_to_string(instructions, ' ') ~ '^(\d{4}:\d+( |$))*$');
select track_changes('agencies');

-- The first day of the year an SFS number names (null for text that is
-- not one).
create function sfs_year(sfs text)
returns date
language sql
immutable
as $$
    select case when sfs ~ '^\d{4}:\d+$' then make_date(left(sfs, 4)::int, 1, 1) end
$$;

-- An agency's instructions in the order they were issued, each from the
-- year its number names to the year of the next (the last one open): those
-- SFS lists, and the one the registers name as its instruction where SFS
-- lists it not.
create function agency_instructions(instructions text[], instruction text)
returns table (n bigint, sfs text, valid_from date, valid_to date)
language sql
immutable
as $$
    select row_number() over issued, i.sfs, sfs_year(i.sfs), lead(sfs_year(i.sfs)) over issued
    from (select distinct unnest(coalesce(instructions, '{}') || instruction) as sfs) i
    where i.sfs is not null
    window issued as (order by sfs_year(i.sfs) nulls first, length(i.sfs), i.sfs)
$$;
