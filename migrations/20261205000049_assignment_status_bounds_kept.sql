-- An assignment's status on a day follows from three things
-- (assignment_status_rule): its kind, its first version's start, and the
-- day it ends (the day after its latest due date, else the end of its last
-- holding). The list's `status=` and `published_from`/`published_to` filters
-- worked them out for every assignment on every request (assignment_bounds:
-- every version and every holding, 0.5 s at 100,000 assignments and
-- 1,000,000 holdings), and each status shown read them again by three
-- subqueries. They are now kept, one narrow row per assignment, by triggers
-- on what they follow from, as the search documents are: a filter reads the
-- kept rows, a status one row.
--
-- Under `known_at` (search_path `known, public`) the view
-- known.assignment_status_bounds answers instead: assignment_bounds(), whose
-- body PostgreSQL inlines, and so reads, under that search path, the tables
-- as known at the moment (a condition on one assignment reaches its
-- versions and holdings by their indexes, as before).
create table assignment_status_bounds (
    assignment_id uuid primary key references assignments (id) on delete cascade,
    kind text not null,
    started date,
    ends date
);

insert into assignment_status_bounds (assignment_id, kind, started, ends)
select b.assignment_id, b.kind, b.started, b.ends from assignment_bounds() b;

create index assignment_status_bounds_started_idx on assignment_status_bounds (started);

create view known.assignment_status_bounds as
select b.assignment_id, b.kind, b.started, b.ends from assignment_bounds() b;

-- The assignments a changed row was and is of, their bounds worked out
-- again (each alone: assignment_bounds() for one assignment reads its own
-- versions and holdings by their indexes).
create function keep_assignment_status_bounds()
returns trigger
language plpgsql
as $$
declare
    changed uuid[];
    assignment uuid;
begin
    if tg_table_name = 'assignments' then
        changed := array[new.id];
    elsif tg_op = 'INSERT' then
        changed := array[new.assignment_id];
    elsif tg_op = 'DELETE' then
        changed := array[old.assignment_id];
    elsif old.assignment_id = new.assignment_id then
        changed := array[new.assignment_id];
    else
        changed := array[old.assignment_id, new.assignment_id];
    end if;
    foreach assignment in array changed loop
        insert into assignment_status_bounds (assignment_id, kind, started, ends)
        select b.assignment_id, b.kind, b.started, b.ends
        from assignment_bounds() b
        where b.assignment_id = assignment
        on conflict (assignment_id) do update
            set kind = excluded.kind, started = excluded.started, ends = excluded.ends;
    end loop;
    return null;
end
$$;

create trigger assignments_status_bounds
    after insert or update of kind on assignments
    for each row execute function keep_assignment_status_bounds();
create trigger assignment_versions_status_bounds
    after insert or delete or update of assignment_id, valid_from, due_on, due_on_precision
    on assignment_versions
    for each row execute function keep_assignment_status_bounds();
create trigger holdings_status_bounds
    after insert or delete or update of assignment_id, valid_to on holdings
    for each row execute function keep_assignment_status_bounds();

-- One assignment's status: its kept row, the rule inlined into it (its
-- arguments are columns).
create or replace function assignment_status(assignment uuid, on_date date)
returns text
language plpgsql
stable
as $$
begin
    return (
        select assignment_status_rule(b.kind, b.started, b.ends, on_date)
        from assignment_status_bounds b
        where b.assignment_id = assignment
    );
end
$$;

create or replace function assignments_with_status(wanted text, on_date date)
returns setof uuid
language sql
stable
as $$
    select b.assignment_id
    from assignment_status_bounds b
    where assignment_status_rule(b.kind, b.started, b.ends, on_date) = wanted
$$;
