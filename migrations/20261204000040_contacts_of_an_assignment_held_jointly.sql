-- How to reach whoever is responsible for an assignment on a day, also
-- where it was given to several with none leading (the county boards
-- together): the answer names them as the holder answer does
-- ('co_recipients'), and its contact points are the assignment's own and
-- its parts', then each of theirs, in the order they are named. Before,
-- such an assignment was answered as held by nobody. With a lead, the
-- contact points are the assignment's and the lead's, as before.
-- PL/pgSQL, as every function that returns a value from a query (see
-- functions_keep_their_plans).
create or replace function assignment_contacts_answer(reference text, on_date date)
returns jsonb
language plpgsql
stable
as $$
#variable_conflict use_column
begin
    return (
    with recursive tree (id) as (
        select a.id from assignment_named(reference) a
        union
        select s.id from assignments s join tree on s.parent_id = tree.id
    )
    select jsonb_build_object(
               'assignment', assignment_ref_json(a.id, on_date),
               'holdings', holdings_on_json(a.id, on_date),
               'co_recipients', co.recipients,
               'unresolved', unresolved_json(a.id),
               'items', case
                   when h.agency_id is not null
                       then contact_points_on_json(array(select id from tree), h.agency_id, on_date)
                   else contact_points_on_json(array(select id from tree), null, on_date)
                        || coalesce((select jsonb_agg(item order by p.position, i.position)
                                     from jsonb_array_elements(co.recipients)
                                              with ordinality p (participant, position)
                                     cross join lateral jsonb_array_elements(
                                         contact_points_on_json('{}',
                                                                (p.participant #>> '{agency,id}')::uuid,
                                                                on_date))
                                              with ordinality i (item, position)),
                                    '[]')
               end)
    from assignment_named(reference) a
    cross join lateral (select assignment_participants_json(a.id, 'co_recipient', on_date)
                            as recipients) co
    left join lateral (select h.agency_id from holding_on(a.id, on_date) h limit 1) h on true
    );
end
$$;
