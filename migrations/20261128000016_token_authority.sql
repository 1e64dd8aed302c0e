-- Authority follows the agency. A write token acts for the agencies it was
-- minted for (api_token_agencies); a token with the scope 'admin' acts as a
-- registrar, for all. Tokens may expire, and each records when it was last
-- used.
alter table api_tokens drop constraint api_tokens_scopes_known;
alter table api_tokens add constraint api_tokens_scopes_known
    check (scopes <@ array['read', 'write', 'admin']);
alter table api_tokens add column expires_at timestamptz;
alter table api_tokens add column last_used_at timestamptz;

create table api_token_agencies (
    token_id uuid not null references api_tokens (id) on delete cascade,
    agency_id uuid not null references agencies (id) on delete cascade,
    primary key (token_id, agency_id)
);

-- Tokens minted before agencies could be named wrote for every agency: they
-- keep doing so, as registrars.
update api_tokens set scopes = array_append(scopes, 'admin')
where 'write' = any (scopes) and not 'admin' = any (scopes);
