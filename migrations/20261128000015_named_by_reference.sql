-- What a reference in a request names: a row's UUID or its slug. The API
-- has already parsed the reference; these functions find the row. Each is a
-- single select that PostgreSQL inlines where it is called in FROM, so the
-- lookup uses the primary key or the slug index; reads and writes alike
-- name rows through them, so the rule lives here once.

-- A reference's UUID, when it is one.
create function reference_uuid(reference text)
returns uuid
language sql
immutable
as $$
    select case
        when reference ~* '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$'
        then reference::uuid
    end
$$;

create function agency_named(reference text)
returns setof agencies
language sql
stable
as $$
    select * from agencies where id = reference_uuid(reference) or slug = reference
$$;

create function assignment_named(reference text)
returns setof assignments
language sql
stable
as $$
    select * from assignments where id = reference_uuid(reference) or slug = reference
$$;

create function transfer_named(reference text)
returns setof transfers
language sql
stable
as $$
    select * from transfers where id = reference_uuid(reference) or slug = reference
$$;

create function source_named(reference text)
returns setof sources
language sql
stable
as $$
    select * from sources where id = reference_uuid(reference) or slug = reference
$$;

create function body_named(reference text)
returns setof bodies
language sql
stable
as $$
    select * from bodies where id = reference_uuid(reference) or slug = reference
$$;
