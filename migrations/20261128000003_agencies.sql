-- Sweden's counties (län), by their official two-digit code.
create table counties (
    code text primary key constraint counties_code_format check (code ~ '^[0-9]{2}$'),
    name_sv text not null unique,
    name_en text not null unique
);

-- A public body. Its names live in agency_names because they change over time.
create table agencies (
    id uuid primary key default gen_random_uuid(),
    slug text not null constraint agencies_slug_key unique
        constraint agencies_slug_format check (slug_is_valid(slug)),
    kind text not null constraint agencies_kind_known check (
        kind in ('government_agency', 'county_administrative_board', 'municipality', 'region', 'other')
    ),
    organisation_number text constraint agencies_organisation_number_key unique
        constraint agencies_organisation_number_format check (organisation_number ~ '^[0-9]{6}-[0-9]{4}$'),
    county_code text references counties (code),
    seat text,
    started_on date,
    started_on_precision text,
    ended_on date,
    ended_on_precision text,
    source_id uuid not null references sources (id),
    constraint agencies_county_board_has_county
        check ((kind = 'county_administrative_board') = (county_code is not null)),
    constraint agencies_started_on_precision check (partial_date_is_valid(started_on, started_on_precision)),
    constraint agencies_ended_on_precision check (partial_date_is_valid(ended_on, ended_on_precision)),
    constraint agencies_ends_after_start check (started_on is null or ended_on is null or started_on < ended_on)
);

create index agencies_county_code_idx on agencies (county_code);

-- An agency's names over time, in Swedish and (where established) English.
create table agency_names (
    id uuid primary key default gen_random_uuid(),
    agency_id uuid not null references agencies (id) on delete cascade,
    name_sv text not null constraint agency_names_name_sv_not_blank check (btrim(name_sv) <> ''),
    name_en text constraint agency_names_name_en_not_blank check (btrim(name_en) <> ''),
    valid_from date,
    valid_from_precision text,
    valid_to date,
    valid_to_precision text,
    source_id uuid not null references sources (id),
    constraint agency_names_valid_from_precision check (partial_date_is_valid(valid_from, valid_from_precision)),
    constraint agency_names_valid_to_precision check (partial_date_is_valid(valid_to, valid_to_precision)),
    constraint agency_names_period_order check (valid_from is null or valid_to is null or valid_from < valid_to),
    constraint agency_names_one_name_at_a_time
        exclude using gist (agency_id with =, daterange(valid_from, valid_to, '[)') with &&)
);

create index agency_names_name_sv_idx on agency_names (lower(name_sv));
