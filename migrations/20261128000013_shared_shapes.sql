-- The shapes that many answers share, built in the same statement as the
-- answer: the source a fact cites, and an agency, an assignment or a
-- transfer named briefly. Reads select them as JSON next to their own
-- columns, so that no read needs a second round trip to fetch sources, and
-- the Rust side decodes them into `views::shared` (Source, AgencyRef, ...).
-- Each returns null when given null. They read tables by their plain names,
-- so a read as known at a past moment (search_path `known, public`) gets the
-- shapes as they were then.

-- Text in Swedish and, where there is one, English; null without Swedish.
create function localized_json(sv text, en text)
returns jsonb
language sql
immutable
as $$
    select case when sv is not null then jsonb_build_object('sv', sv, 'en', en) end
$$;

create function source_json(source uuid)
returns jsonb
language sql
stable
as $$
    select jsonb_build_object(
        'id', id, 'slug', slug, 'title', title, 'publisher', publisher,
        'published_on', published_on, 'url', url, 'language', language, 'note', note)
    from sources
    where id = source
$$;

-- An agency with its name on a date.
create function agency_ref_json(agency uuid, on_date date)
returns jsonb
language sql
stable
as $$
    select jsonb_build_object(
        'id', a.id, 'slug', a.slug,
        'name', localized_json(n.name_sv, n.name_en))
    from agencies a
    cross join lateral agency_name_on(a.id, on_date) n
    where a.id = agency
$$;

-- An assignment with its title on a date.
create function assignment_ref_json(assignment uuid, on_date date)
returns jsonb
language sql
stable
as $$
    select jsonb_build_object(
        'id', s.id, 'slug', s.slug,
        'title', localized_json(v.title_sv, v.title_en))
    from assignments s
    cross join lateral assignment_version_on(s.id, on_date) v
    where s.id = assignment
$$;

create function transfer_ref_json(transfer uuid)
returns jsonb
language sql
stable
as $$
    select jsonb_build_object('id', id, 'slug', slug, 'effective_on', effective_on)
    from transfers
    where id = transfer
$$;

create function county_json(county text)
returns jsonb
language sql
stable
as $$
    select jsonb_build_object('code', code, 'name', localized_json(name_sv, name_en))
    from counties
    where code = county
$$;

-- A holding as answers show it, its holder named as on `name_on` or, when
-- that is null, as during the holding.
create function holding_json(holding uuid, name_on date)
returns jsonb
language sql
stable
as $$
    select jsonb_build_object(
        'agency', agency_ref_json(h.agency_id, coalesce(name_on, h.valid_from, h.valid_to - 1, current_date)),
        'valid_from', partial_date_text(h.valid_from, h.valid_from_precision),
        'valid_to', partial_date_text(h.valid_to, h.valid_to_precision),
        'started_by_transfer', transfer_ref_json(h.started_by_transfer_id),
        'ended_by_transfer', transfer_ref_json(h.ended_by_transfer_id),
        'source', source_json(h.source_id))
    from holdings h
    where h.id = holding
$$;

-- A title and scope of an assignment, with its period.
create function assignment_version_json(version uuid)
returns jsonb
language sql
stable
as $$
    select jsonb_build_object(
        'title', localized_json(v.title_sv, v.title_en),
        'scope', localized_json(v.scope_sv, v.scope_en),
        'valid_from', partial_date_text(v.valid_from, v.valid_from_precision),
        'valid_to', partial_date_text(v.valid_to, v.valid_to_precision),
        'source', source_json(v.source_id))
    from assignment_versions v
    where v.id = version
$$;
