-- A path that names no assignment is answered with the assignments it may
-- have meant (see `views/assignments/unknown.rs`): first those whose titles
-- match its words, as the search finds them; where none does (a slug
-- mistyped, `nationella-stodprocesen`), those whose slugs are most like it.
-- This index finds those without reading every slug.
create index assignments_slug_likeness_idx on assignments using gin (slug gin_trgm_ops);
