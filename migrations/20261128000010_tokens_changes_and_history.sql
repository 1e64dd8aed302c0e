-- Writes: who may make them (tokens), what they changed (changes), what the
-- registry knew at any moment (the known schema) and retried requests
-- (idempotency keys).

-- Bearer tokens. Only a SHA-256 hash of the secret is stored; a token is
-- never deleted (changes refer to it), only revoked.
create table api_tokens (
    id uuid primary key default gen_random_uuid(),
    name text not null constraint api_tokens_name_not_blank check (btrim(name) <> ''),
    secret_sha256 bytea not null constraint api_tokens_secret_sha256_length check (length(secret_sha256) = 32),
    scopes text[] not null constraint api_tokens_scopes_known check (scopes <@ array['read', 'write']),
    created_at timestamptz not null default now(),
    revoked_at timestamptz
);

-- Every change to a fact, in the order it was committed (writes are
-- serialised, see src/writes/transaction.rs), with the row before and after.
-- It is the audit trail, the source of "as known at" reads and the change
-- feed.
create table changes (
    id bigint generated always as identity primary key,
    recorded_at timestamptz not null,
    transaction_id bigint not null default txid_current(),
    token_id uuid references api_tokens (id),
    entity text not null,
    entity_id uuid not null,
    operation text not null constraint changes_operation_known check (operation in ('insert', 'update', 'delete')),
    event text not null,
    before jsonb,
    after jsonb
);

create index changes_entity_idx on changes (entity, entity_id, id);
create index changes_recorded_at_idx on changes (recorded_at);

-- transfer_items had only a composite key; the change log needs one id per row.
alter table transfer_items add column id uuid not null default gen_random_uuid()
    constraint transfer_items_id_key unique;

-- The domain event a row change stands for: agency_created, holding_ended,
-- contact_changed, agency_renamed …
create function change_event(entity text, operation text, before jsonb, after jsonb)
returns text
language sql
immutable
as $$
    select case entity
               when 'agencies' then 'agency'
               when 'agency_names' then 'agency_name'
               when 'assignments' then 'assignment'
               when 'assignment_versions' then 'assignment_version'
               when 'transfers' then 'transfer'
               when 'transfer_items' then 'transfer_item'
               when 'holdings' then 'holding'
               when 'contact_points' then 'contact'
               when 'bodies' then 'body'
               when 'participations' then 'participation'
               when 'sources' then 'source'
               else entity
           end
        || '_'
        || case
               when operation = 'insert' and entity = 'transfers' then 'recorded'
               when operation = 'insert' and entity in ('holdings', 'participations') then 'started'
               when operation = 'insert' and entity = 'contact_points' then 'added'
               when operation = 'insert' then 'created'
               when operation = 'delete' then 'deleted'
               -- An end date set where there was none: the thing ended.
               when coalesce(before ->> 'valid_to', before ->> 'ended_on') is null
                    and coalesce(after ->> 'valid_to', after ->> 'ended_on') is not null then 'ended'
               else 'changed'
           end
$$;

-- Records a row change. The token comes from the transaction's setting
-- registry.token_id; the time is the transaction's, unless registry.recorded_at
-- says otherwise (only the example data loader sets it, to date the founding
-- case by its source).
create function record_change()
returns trigger
language plpgsql
as $$
declare
    before jsonb := case when tg_op <> 'INSERT' then to_jsonb(old) end;
    after jsonb := case when tg_op <> 'DELETE' then to_jsonb(new) end;
    operation text := lower(tg_op);
begin
    if before is not distinct from after then
        return null;
    end if;
    insert into changes (recorded_at, token_id, entity, entity_id, operation, event, before, after)
    values (
        coalesce(nullif(current_setting('registry.recorded_at', true), '')::timestamptz, now()),
        nullif(current_setting('registry.token_id', true), '')::uuid,
        tg_table_name,
        (coalesce(after, before) ->> 'id')::uuid,
        operation,
        case
            when tg_table_name = 'agency_names' and operation = 'insert'
                 and exists (select 1 from agency_names n
                             where n.agency_id = (after ->> 'agency_id')::uuid and n.id <> (after ->> 'id')::uuid)
                then 'agency_renamed'
            else change_event(tg_table_name, operation, before, after)
        end,
        before,
        after
    );
    return null;
end
$$;

-- The state as known at the moment in the setting registry.known_at: for
-- each tracked table, a view in schema "known" with the same name and
-- columns, built from the last change to each row recorded by then. A read
-- "as known at" puts this schema first on its search_path, so the same
-- queries answer from the past.
create schema known;

do $$
declare
    tracked text;
begin
    foreach tracked in array array[
        'sources', 'agencies', 'agency_names', 'assignments', 'assignment_versions', 'transfers',
        'transfer_items', 'holdings', 'contact_points', 'bodies', 'participations'
    ] loop
        execute format(
            'create trigger %I after insert or update or delete on public.%I
             for each row execute function record_change()',
            tracked || '_record_change', tracked);
        -- Facts already present when this migration runs are recorded as
        -- known from now on.
        execute format(
            'insert into changes (recorded_at, entity, entity_id, operation, event, after)
             select now(), %L, t.id, ''insert'', change_event(%L, ''insert'', null, to_jsonb(t)), to_jsonb(t)
             from public.%I t',
            tracked, tracked, tracked);
        execute format(
            'create view known.%I as
             select r.*
             from (select distinct on (c.entity_id) c.after
                   from public.changes c
                   where c.entity = %L
                     and c.recorded_at <= current_setting(''registry.known_at'')::timestamptz
                   order by c.entity_id, c.id desc) latest
             cross join lateral jsonb_populate_record(null::public.%I, latest.after) r
             where latest.after is not null',
            tracked, tracked, tracked);
    end loop;
end
$$;

-- POST retries: the first response to a key is kept and replayed.
create table idempotency_keys (
    token_id uuid not null references api_tokens (id),
    key text not null,
    request_sha256 bytea not null,
    status smallint not null,
    location text,
    body bytea not null,
    created_at timestamptz not null default now(),
    primary key (token_id, key)
);
