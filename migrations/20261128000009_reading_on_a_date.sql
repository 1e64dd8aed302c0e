-- Helpers for reading time-varying facts on a date. Each returns at most one
-- row. They are single-select SQL set-returning functions so that PostgreSQL
-- inlines them where they are called in FROM (a function returning one
-- composite would be planned anew on every call).

-- An agency's name on a date; before its first name or after its last, the
-- nearest one, so that an agency always has a name to show.
create function agency_name_on(agency uuid, on_date date)
returns setof agency_names
language sql
stable
as $$
    select *
    from agency_names
    where agency_id = agency
    order by daterange(valid_from, valid_to, '[)') @> on_date desc,
             (valid_from <= on_date) desc nulls first,
             valid_from desc nulls last
    limit 1
$$;

-- An assignment's title and scope on a date; the nearest version outside
-- them, as for names.
create function assignment_version_on(assignment uuid, on_date date)
returns setof assignment_versions
language sql
stable
as $$
    select *
    from assignment_versions
    where assignment_id = assignment
    order by daterange(valid_from, valid_to, '[)') @> on_date desc,
             (valid_from <= on_date) desc nulls first,
             valid_from desc nulls last
    limit 1
$$;

-- Who holds an assignment on a date; no row when nobody does.
create function holding_on(assignment uuid, on_date date)
returns setof holdings
language sql
stable
as $$
    select *
    from holdings
    where assignment_id = assignment
      and daterange(valid_from, valid_to, '[)') @> on_date
$$;

-- A transfer's place in the list of transfers, as one text: its date, then
-- its slug. Ordered byte by byte (collate "C"), this is date order, and any
-- text names a place in it, which is what a list cursor needs.
create function transfer_position(effective_on date, slug text)
returns text
language sql
immutable
as $$
    select to_char(effective_on, 'YYYY-MM-DD') || '/' || slug
$$;
