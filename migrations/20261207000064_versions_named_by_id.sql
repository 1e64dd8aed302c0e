-- A version of an assignment is shown with its id, which names it in
-- PATCH and DELETE /v1/assignments/{id}/versions/{version}: a version's
-- start may be unknown, so its date cannot name it. PL/pgSQL, which keeps
-- its plan (see functions_keep_their_plans).
create or replace function assignment_version_json(version uuid)
returns jsonb
language plpgsql
stable
as $$
#variable_conflict use_column
begin
    return (
        select jsonb_build_object(
            'id', v.id,
            'title', localized_json(v.title_sv, v.title_en),
            'scope', localized_json(v.scope_sv, v.scope_en),
            'valid_from', partial_date_text(v.valid_from, v.valid_from_precision),
            'valid_to', partial_date_text(v.valid_to, v.valid_to_precision),
            'due_on', partial_date_text(v.due_on, v.due_on_precision),
            'source', source_json(v.source_id))
        from assignment_versions v
        where v.id = version
    );
end
$$;
