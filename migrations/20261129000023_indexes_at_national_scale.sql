-- Reading at national scale: a row's facts by their owner. The exclusion
-- constraints' GiST indexes can find them too, but an order of magnitude
-- slower than a btree; with about 900 agencies, a list of 100 looked up a
-- name per agency through GiST.
create index agency_names_agency_id_idx on agency_names (agency_id);
create index assignment_versions_assignment_id_idx on assignment_versions (assignment_id);
create index holdings_assignment_id_idx on holdings (assignment_id);
create index participations_agency_id_idx on participations (agency_id);

-- Search finds agencies by slug as by name.
create index agencies_slug_search_idx on agencies using gin (search_key(slug) gin_trgm_ops);

-- The search indexes take each new row at once (no pending list, which a
-- search would scan row by row until a vacuum merged it: a fresh import
-- searched ten times slower), and the planner learns that a search key is
-- expensive to compute (unaccent), so that it uses them rather than
-- computing the key of every row.
alter index agency_names_sv_search_idx set (fastupdate = off);
alter index agency_names_en_search_idx set (fastupdate = off);
alter index agency_aliases_search_idx set (fastupdate = off);
alter index agencies_slug_search_idx set (fastupdate = off);
alter function search_key(text) cost 10000;
