-- A path that names no agency or assignment is answered with those it may
-- have meant (see `views/{agencies,assignments}/unknown.rs`): those whose
-- slugs are very like it (`boveket` for `boverket`), else those whose names
-- or titles match its words, as the search finds them, else those whose
-- slugs are somewhat like it. GiST indexes give the slugs nearest first
-- (`slug <-> $1`) without reading every slug: on the national data about
-- 2 ms, where comparing each of the assignments' slugs took about 37 ms (a
-- GIN index was not chosen at this size).
create index agencies_slug_likeness_idx on agencies using gist (slug gist_trgm_ops);
create index assignments_slug_likeness_idx on assignments using gist (slug gist_trgm_ops);
