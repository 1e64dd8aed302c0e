-- The tables added for the national registers and the government's
-- assignments name their events in the singular, as the first tables do:
-- agency_identifier_created, assignment_participation_started (not
-- agency_identifiers_created). Events already recorded are named anew; an
-- event's name is derived from its row change, which is kept as it was.
create or replace function change_event(entity text, operation text, before jsonb, after jsonb)
returns text
language sql
immutable
as $$
    select case entity
               when 'agencies' then 'agency'
               when 'agency_names' then 'agency_name'
               when 'agency_identifiers' then 'agency_identifier'
               when 'agency_aliases' then 'agency_alias'
               when 'agency_lineage' then 'agency_lineage_link'
               when 'assignments' then 'assignment'
               when 'assignment_versions' then 'assignment_version'
               when 'assignment_identifiers' then 'assignment_identifier'
               when 'assignment_reports' then 'assignment_report'
               when 'assignment_participations' then 'assignment_participation'
               when 'transfers' then 'transfer'
               when 'transfer_items' then 'transfer_item'
               when 'holdings' then 'holding'
               when 'contact_points' then 'contact'
               when 'bodies' then 'body'
               when 'participations' then 'participation'
               when 'sources' then 'source'
               else entity
           end
        || '_'
        || case
               when operation = 'insert' and entity = 'transfers' then 'recorded'
               when operation = 'insert' and entity in ('holdings', 'participations', 'assignment_participations')
                   then 'started'
               when operation = 'insert' and entity = 'contact_points' then 'added'
               when operation = 'insert' then 'created'
               when operation = 'delete' then 'deleted'
               -- An end date set where there was none: the thing ended.
               when coalesce(before ->> 'valid_to', before ->> 'ended_on') is null
                    and coalesce(after ->> 'valid_to', after ->> 'ended_on') is not null then 'ended'
               else 'changed'
           end
$$;

update changes
set event = change_event(entity, operation, before, after)
where entity in ('agency_identifiers', 'agency_aliases', 'agency_lineage', 'assignment_identifiers',
                 'assignment_reports', 'assignment_participations');
