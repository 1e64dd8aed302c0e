-- A body in which agencies and functions take part, such as the National
-- Method Support Team (NMT). coordinated_through is the assignment whose
-- holder coordinates the body.
create table bodies (
    id uuid primary key default gen_random_uuid(),
    slug text not null constraint bodies_slug_key unique
        constraint bodies_slug_format check (slug_is_valid(slug)),
    name_sv text not null constraint bodies_name_sv_not_blank check (btrim(name_sv) <> ''),
    name_en text,
    abbreviation text,
    coordinated_through uuid references assignments (id),
    source_id uuid not null references sources (id)
);

-- An agency, or a function that is not one agency (the municipal social
-- services), taking part in a body with a role over a period.
create table participations (
    id uuid primary key default gen_random_uuid(),
    body_id uuid not null references bodies (id),
    agency_id uuid references agencies (id),
    function_name_sv text,
    function_name_en text,
    role text not null default 'member' constraint participations_role_known
        check (role in ('member', 'coordinator')),
    valid_from date,
    valid_from_precision text,
    valid_to date,
    valid_to_precision text,
    source_id uuid not null references sources (id),
    constraint participations_agency_or_function check (num_nonnulls(agency_id, function_name_sv) = 1),
    constraint participations_valid_from_precision check (partial_date_is_valid(valid_from, valid_from_precision)),
    constraint participations_valid_to_precision check (partial_date_is_valid(valid_to, valid_to_precision)),
    constraint participations_period_order check (valid_from is null or valid_to is null or valid_from < valid_to)
);

create index participations_body_id_idx on participations (body_id);
