-- A search of the assignments as known at a moment (`known_at`) read the
-- search documents as they are now: it found an assignment by a title
-- given after that moment, and missed one deleted since. Under `known_at`
-- (search_path `known, public`) this view answers instead:
-- - an assignment none of whose versions was recorded or ended after the
--   moment has the document it has now (kept in assignment_search, with
--   its index);
-- - the others' documents are built from their versions known at the
--   moment, as refresh_assignment_search builds them.
-- Building every document would take 0.8 s on the national data, 2.5 s
-- at 100,000 assignments. The two branches are a plain UNION ALL (no CTE)
-- so that a condition on the documents reaches the index in the first.
create index assignment_versions_recorded_lower_idx on history.assignment_versions (lower(recorded));
create index assignment_versions_recorded_upper_idx on history.assignment_versions (upper(recorded));

create view known.assignment_search as
select s.assignment_id, s.document
from public.assignment_search s
where not exists (
    select from history.assignment_versions h
    where h.assignment_id = s.assignment_id
      and (lower(h.recorded) > current_setting('registry.known_at')::timestamptz
           or upper(h.recorded) > current_setting('registry.known_at')::timestamptz))
union all
select v.assignment_id,
       string_agg(assignment_document(v.title_sv, v.scope_sv, v.title_en)::text, ' ')::tsvector
from known.assignment_versions v
where v.assignment_id in (
    select h.assignment_id from history.assignment_versions h
    where lower(h.recorded) > current_setting('registry.known_at')::timestamptz
       or upper(h.recorded) > current_setting('registry.known_at')::timestamptz)
group by v.assignment_id;
