-- A way to reach an agency, or whoever holds an assignment (a hotline stays
-- with its assignment when the assignment moves).
create table contact_points (
    id uuid primary key default gen_random_uuid(),
    agency_id uuid references agencies (id),
    assignment_id uuid references assignments (id),
    kind text not null constraint contact_points_kind_known check (
        kind in ('postal_address', 'visiting_address', 'email', 'phone', 'hotline', 'website')
    ),
    value text not null constraint contact_points_value_not_blank check (btrim(value) <> ''),
    label_sv text,
    label_en text,
    audience text not null default 'public' constraint contact_points_audience_known
        check (audience in ('public', 'professionals')),
    valid_from date,
    valid_from_precision text,
    valid_to date,
    valid_to_precision text,
    source_id uuid not null references sources (id),
    constraint contact_points_bound_to_one_owner check (num_nonnulls(agency_id, assignment_id) = 1),
    constraint contact_points_valid_from_precision check (partial_date_is_valid(valid_from, valid_from_precision)),
    constraint contact_points_valid_to_precision check (partial_date_is_valid(valid_to, valid_to_precision)),
    constraint contact_points_period_order check (valid_from is null or valid_to is null or valid_from < valid_to)
);

create index contact_points_agency_id_idx on contact_points (agency_id);
create index contact_points_assignment_id_idx on contact_points (assignment_id);
