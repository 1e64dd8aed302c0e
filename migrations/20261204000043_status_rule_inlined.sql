-- An assignment's status applied its rule (assignment_status_rule) as a
-- function call of its own, planned anew for every assignment a list
-- showed: PostgreSQL inlines a SQL function only when each argument it uses
-- twice is simple, and the rule's arguments were subqueries. At 9,800 list
-- requests on the national data, pg_stat_statements counted 88,000 plans of
-- the rule, 1.5 s of planning. The bounds are now read first, into
-- variables, and the rule is inlined into an expression of them.
create or replace function assignment_status(assignment uuid, on_date date)
returns text
language plpgsql
stable
as $$
declare
    assignment_kind text;
    first_day date;
    end_day date;
begin
    select a.kind,
           (select case when bool_or(v.valid_from is null) then null else min(v.valid_from) end
            from assignment_versions v where v.assignment_id = a.id),
           coalesce(
               (select partial_date_day_after(v.due_on, v.due_on_precision)
                from assignment_versions v where v.assignment_id = a.id
                order by v.valid_from desc nulls last limit 1),
               (select case when bool_or(h.valid_to is null) then null else max(h.valid_to) end
                from holdings h where h.assignment_id = a.id))
    into assignment_kind, first_day, end_day
    from assignments a
    where a.id = assignment;
    if not found then
        return null;
    end if;
    return assignment_status_rule(assignment_kind, first_day, end_day, on_date);
end
$$;
