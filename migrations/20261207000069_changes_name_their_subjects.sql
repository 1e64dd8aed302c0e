-- Other agencies' systems keep in sync with the change feed, and most want
-- only what concerns them: one agency's records, or one assignment's. Each
-- change now names the agencies and assignments that its record names
-- (`subjects`): the agency or assignment itself, the owner of a part
-- (a name, a version, an identifier, a contact point), both sides of a
-- holding, a transfer or a lineage link, an agency's ministry and host, an
-- assignment's parent. PostgreSQL keeps it as the row is written, and an
-- index on it lets the feed filtered to one read only its changes. (UUIDs
-- do not collide, so agencies and assignments share the one array.)
create function change_subjects(entity text, entity_id uuid, before jsonb, after jsonb)
returns uuid[]
language plpgsql
immutable parallel safe
as $$
declare
    named uuid[];
begin
    select coalesce(array_agg(distinct subject order by subject), '{}')
    into named
    from (select entity_id as subject
          where entity in ('agencies', 'assignments')
          union all
          select (version ->> key)::uuid
          from unnest(array[before, after]) version,
               unnest(array['agency_id', 'from_agency_id', 'to_agency_id', 'predecessor_id',
                            'successor_id', 'ministry_id', 'host_agency_id', 'assignment_id',
                            'parent_id', 'coordinated_through']) key) subjects
    where subject is not null;
    return named;
end
$$;

alter table changes
    add column subjects uuid[] not null
        generated always as (change_subjects(entity, entity_id, before, after)) stored;

create index changes_subjects_idx on changes using gin (subjects);
