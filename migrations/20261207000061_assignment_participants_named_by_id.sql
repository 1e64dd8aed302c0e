-- An agency's part in an assignment (co-recipient or consulted) is shown
-- with its id, so that a registrar can correct or end it
-- (PATCH /v1/assignments/{id}/participants/{participant}). PL/pgSQL, as
-- the migration `functions_keep_their_plans` made it: it keeps its plan.
create or replace function assignment_participants_json(assignment uuid, wanted_role text, on_date date)
returns jsonb
language plpgsql
stable
as $$
#variable_conflict use_column
begin
    return (
        select coalesce(jsonb_agg(jsonb_build_object(
                   'id', p.id,
                   'agency', agency_ref_json(p.agency_id, coalesce(on_date, p.valid_from)),
                   'role', p.role,
                   'valid_from', partial_date_text(p.valid_from, p.valid_from_precision),
                   'valid_to', partial_date_text(p.valid_to, p.valid_to_precision),
                   'source', source_json(p.source_id))
               order by n.name_sv), '[]')
        from assignment_participations p
        cross join lateral agency_name_on(p.agency_id, coalesce(on_date, p.valid_from)) n
        where p.assignment_id = assignment
          and p.role = wanted_role
          and (on_date is null or owned_span(p.agency_id, p.assignment_id, p.valid_from, p.valid_to) @> on_date)
    );
end
$$;
