-- What the last import read of each government assignment it wrote: the
-- facts as its file gives them, in the shape the import compares. A later
-- import compares a file's reading with this one, not with the registry's
-- facts, so it tells an assignment the file now reads otherwise from one
-- changed through the API since: it rewrites the first and keeps the
-- second. Not tracked: it is the import's memory, not a fact of the
-- registry.
create table assignment_readings (
    assignment_id uuid primary key references assignments (id) on delete cascade,
    reading jsonb not null,
    read_at timestamptz not null default now()
);
