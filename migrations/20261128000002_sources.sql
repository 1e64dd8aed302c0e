-- Where a fact comes from. Every fact in the registry cites one.
create table sources (
    id uuid primary key default gen_random_uuid(),
    slug text not null unique constraint sources_slug_format check (slug_is_valid(slug)),
    title text not null constraint sources_title_not_blank check (btrim(title) <> ''),
    publisher text,
    published_on date not null,
    url text,
    language text not null default 'sv',
    note text
);
