-- An assignment's status on a date, cheaply and for many at once: lists
-- filter thousands of government assignments by it.

-- The rule, in one place: an assignment has not started before its first
-- version's start (an unknown start does not bound it); it is reported from
-- the day after its final report was due (as its latest version says), or
-- from the end of its last holding where no due date bounds it (an
-- amendment that ended it); a government assignment without a due date is
-- under way for all we know (due_unknown).
create function assignment_status_rule(kind text, started date, ends date, on_date date)
returns text
language sql
immutable
parallel safe
as $$
    select case
        when started is not null and on_date < started then 'not_started'
        when ends is not null and on_date >= ends then 'reported'
        when kind <> 'standing' and ends is null then 'due_unknown'
        else 'active'
    end
$$;

-- The start and end the rule needs, of every assignment at once (one pass
-- over versions and holdings): its first version's start (null where any
-- start is unknown), the day after its latest version's due date, and the
-- end of its last holding (null while one is open).
create function assignment_bounds()
returns table (assignment_id uuid, kind text, started date, ends date)
language sql
stable
as $$
    select a.id, a.kind, v.started, coalesce(v.due_end, h.held_until)
    from assignments a
    left join (
        select v.assignment_id,
               case when bool_or(v.valid_from is null) then null else min(v.valid_from) end as started,
               (array_agg(partial_date_day_after(v.due_on, v.due_on_precision)
                          order by v.valid_from desc nulls last))[1] as due_end
        from assignment_versions v
        group by v.assignment_id
    ) v on v.assignment_id = a.id
    left join (
        select h.assignment_id,
               case when bool_or(h.valid_to is null) then null else max(h.valid_to) end as held_until
        from holdings h
        group by h.assignment_id
    ) h on h.assignment_id = a.id
$$;

-- One assignment's status on a date: the same bounds, read for it alone by
-- its indexes.
create or replace function assignment_status(assignment uuid, on_date date)
returns text
language sql
stable
as $$
    select assignment_status_rule(
               a.kind,
               (select case when bool_or(v.valid_from is null) then null else min(v.valid_from) end
                from assignment_versions v where v.assignment_id = a.id),
               coalesce(
                   (select partial_date_day_after(v.due_on, v.due_on_precision)
                    from assignment_versions v where v.assignment_id = a.id
                    order by v.valid_from desc nulls last limit 1),
                   (select case when bool_or(h.valid_to is null) then null else max(h.valid_to) end
                    from holdings h where h.assignment_id = a.id)),
               on_date)
    from assignments a
    where a.id = assignment
$$;

-- Every assignment with one status on a date, for filtering a list at once.
create function assignments_with_status(wanted text, on_date date)
returns setof uuid
language sql
stable
as $$
    select b.assignment_id
    from assignment_bounds() b
    where assignment_status_rule(b.kind, b.started, b.ends, on_date) = wanted
$$;

-- Due dates are looked up by range ("what is due this month").
create index assignment_versions_due_on_idx on assignment_versions (due_on) where due_on is not null;
