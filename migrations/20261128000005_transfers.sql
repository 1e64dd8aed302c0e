-- One event that moves a set of assignments from one agency to another on an
-- effective date.
create table transfers (
    id uuid primary key default gen_random_uuid(),
    slug text not null constraint transfers_slug_key unique
        constraint transfers_slug_format check (slug_is_valid(slug)),
    from_agency_id uuid not null references agencies (id),
    to_agency_id uuid not null references agencies (id),
    effective_on date not null,
    note_sv text,
    note_en text,
    stays_behind_sv text,
    stays_behind_en text,
    source_id uuid not null references sources (id),
    constraint transfers_between_two_agencies check (from_agency_id <> to_agency_id),
    -- Targets for the holdings' foreign keys below: a holding started by a
    -- transfer starts on its date, held by its receiving agency.
    constraint transfers_id_effective_on_to_key unique (id, effective_on, to_agency_id),
    constraint transfers_id_effective_on_from_key unique (id, effective_on, from_agency_id)
);

create index transfers_effective_on_idx on transfers (effective_on);
create index transfers_from_agency_id_idx on transfers (from_agency_id);
create index transfers_to_agency_id_idx on transfers (to_agency_id);

create table transfer_items (
    transfer_id uuid not null references transfers (id) on delete cascade,
    assignment_id uuid not null references assignments (id),
    primary key (transfer_id, assignment_id)
);

create index transfer_items_assignment_id_idx on transfer_items (assignment_id);
