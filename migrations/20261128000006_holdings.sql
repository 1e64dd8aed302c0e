-- Which agency holds which assignment over which half-open period
-- [valid_from, valid_to). A null valid_from means the start is not known; a
-- null valid_to means it still holds. At most one holder at any instant.
create table holdings (
    id uuid primary key default gen_random_uuid(),
    assignment_id uuid not null references assignments (id),
    agency_id uuid not null references agencies (id),
    valid_from date,
    valid_from_precision text,
    valid_to date,
    valid_to_precision text,
    started_by_transfer_id uuid,
    ended_by_transfer_id uuid,
    source_id uuid not null references sources (id),
    constraint holdings_valid_from_precision check (partial_date_is_valid(valid_from, valid_from_precision)),
    constraint holdings_valid_to_precision check (partial_date_is_valid(valid_to, valid_to_precision)),
    constraint holdings_period_order check (valid_from is null or valid_to is null or valid_from < valid_to),
    constraint holdings_one_holder_at_a_time
        exclude using gist (assignment_id with =, daterange(valid_from, valid_to, '[)') with &&),
    -- A holding started by a transfer begins on its effective date, held by
    -- the receiving agency, for an assignment the transfer moved.
    constraint holdings_started_by_transfer_fkey foreign key (started_by_transfer_id, valid_from, agency_id)
        references transfers (id, effective_on, to_agency_id),
    constraint holdings_started_by_transfer_item_fkey foreign key (started_by_transfer_id, assignment_id)
        references transfer_items (transfer_id, assignment_id),
    -- A holding ended by a transfer ends on its effective date (its last day
    -- is the day before), held by the giving agency.
    constraint holdings_ended_by_transfer_fkey foreign key (ended_by_transfer_id, valid_to, agency_id)
        references transfers (id, effective_on, from_agency_id),
    constraint holdings_ended_by_transfer_item_fkey foreign key (ended_by_transfer_id, assignment_id)
        references transfer_items (transfer_id, assignment_id)
);

create index holdings_agency_id_idx on holdings (agency_id);
