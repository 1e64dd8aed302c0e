-- A path that names no assignment is answered with the assignments it may
-- have meant (see `views/assignments/unknown.rs`): first those whose titles
-- match its words, as the search finds them; where none does (a slug
-- mistyped, `nationella-stodprocesen`), those whose slugs are most like it.
-- A GiST index gives them nearest first (`slug <-> $1`) without reading
-- every slug: on the national data about 2 ms, where comparing each slug
-- took about 37 ms (a GIN index was not chosen at this size).
create index assignments_slug_likeness_idx on assignments using gist (slug gist_trgm_ops);
