-- A responsibility that can be held. A part (component) of an assignment is an
-- assignment of its own with parent_id set, so it can move with its parent or
-- separately.
create table assignments (
    id uuid primary key default gen_random_uuid(),
    slug text not null constraint assignments_slug_key unique
        constraint assignments_slug_format check (slug_is_valid(slug)),
    parent_id uuid references assignments (id),
    jurisdiction text not null constraint assignments_jurisdiction_known
        check (jurisdiction in ('national', 'county')),
    county_code text references counties (code),
    legal_basis text,
    source_id uuid not null references sources (id),
    constraint assignments_county_jurisdiction_has_county
        check ((jurisdiction = 'county') = (county_code is not null)),
    constraint assignments_not_part_of_itself check (parent_id <> id)
);

create index assignments_parent_id_idx on assignments (parent_id);
create index assignments_county_code_idx on assignments (county_code);

-- Title and scope over time: a changed scope is a new version of the same
-- assignment, not a new assignment.
create table assignment_versions (
    id uuid primary key default gen_random_uuid(),
    assignment_id uuid not null references assignments (id) on delete cascade,
    title_sv text not null constraint assignment_versions_title_sv_not_blank check (btrim(title_sv) <> ''),
    title_en text constraint assignment_versions_title_en_not_blank check (btrim(title_en) <> ''),
    scope_sv text,
    scope_en text,
    valid_from date,
    valid_from_precision text,
    valid_to date,
    valid_to_precision text,
    source_id uuid not null references sources (id),
    constraint assignment_versions_valid_from_precision check (partial_date_is_valid(valid_from, valid_from_precision)),
    constraint assignment_versions_valid_to_precision check (partial_date_is_valid(valid_to, valid_to_precision)),
    constraint assignment_versions_period_order check (valid_from is null or valid_to is null or valid_from < valid_to),
    constraint assignment_versions_one_version_at_a_time
        exclude using gist (assignment_id with =, daterange(valid_from, valid_to, '[)') with &&)
);
