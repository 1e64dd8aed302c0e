-- The whole Swedish state: what the national agency registers say about an
-- agency beyond its names and lifetime. Each fact cites its source.

-- Sweden's counties are reference data, not example data: the import of the
-- national registers needs them as much as the founding case does.
insert into counties (code, name_sv, name_en) values
    ('01', 'Stockholms län', 'Stockholm County'),
    ('03', 'Uppsala län', 'Uppsala County'),
    ('04', 'Södermanlands län', 'Södermanland County'),
    ('05', 'Östergötlands län', 'Östergötland County'),
    ('06', 'Jönköpings län', 'Jönköping County'),
    ('07', 'Kronobergs län', 'Kronoberg County'),
    ('08', 'Kalmar län', 'Kalmar County'),
    ('09', 'Gotlands län', 'Gotland County'),
    ('10', 'Blekinge län', 'Blekinge County'),
    ('12', 'Skåne län', 'Skåne County'),
    ('13', 'Hallands län', 'Halland County'),
    ('14', 'Västra Götalands län', 'Västra Götaland County'),
    ('17', 'Värmlands län', 'Värmland County'),
    ('18', 'Örebro län', 'Örebro County'),
    ('19', 'Västmanlands län', 'Västmanland County'),
    ('20', 'Dalarnas län', 'Dalarna County'),
    ('21', 'Gävleborgs län', 'Gävleborg County'),
    ('22', 'Västernorrlands län', 'Västernorrland County'),
    ('23', 'Jämtlands län', 'Jämtland County'),
    ('24', 'Västerbottens län', 'Västerbotten County'),
    ('25', 'Norrbottens län', 'Norrbotten County')
on conflict (code) do nothing;

-- A ministry (departement) is an agency of its own kind: agencies answer to
-- one.
alter table agencies drop constraint agencies_kind_known;
alter table agencies add constraint agencies_kind_known check (
    kind in ('government_agency', 'county_administrative_board', 'ministry', 'municipality', 'region', 'other')
);

-- What the registers say of how an agency is run: SCB's group
-- (förvaltningsmyndighet, domstol, utlandsmyndighet …), Statskontoret's
-- form of management (enrådighet, styrelse, nämnd …), its instruction (the
-- SFS number of the ordinance that governs it), and the agency that hosts
-- it, where one does.
alter table agencies
    add column agency_group text constraint agencies_agency_group_not_blank check (btrim(agency_group) <> ''),
    add column management_form text constraint agencies_management_form_not_blank check (btrim(management_form) <> ''),
    add column instruction text constraint agencies_instruction_format check (instruction ~ '^[0-9]{4}:[0-9]+$'),
    add column host_agency_id uuid references agencies (id),
    add column ministry_id uuid references agencies (id),
    add column ministry_as_of date;

-- Identifiers an agency is known by elsewhere, each with its source. An
-- organisation number may be shared (Sweden's courts all use the Swedish
-- National Courts Administration's), so a value may name several agencies;
-- agencies.organisation_number holds an agency's own.
create table agency_identifiers (
    id uuid primary key default gen_random_uuid(),
    agency_id uuid not null references agencies (id) on delete cascade,
    scheme text not null constraint agency_identifiers_scheme_known
        check (scheme in ('organisation_number', 'wikidata', 'esv')),
    value text not null constraint agency_identifiers_value_not_blank check (btrim(value) <> ''),
    source_id uuid not null references sources (id),
    constraint agency_identifiers_one_each unique (agency_id, scheme, value)
);
create index agency_identifiers_value_idx on agency_identifiers (scheme, value);

-- Other names an agency is known by, without a known period: abbreviations
-- (TRV), former names, other spellings. Search finds agencies by them.
create table agency_aliases (
    id uuid primary key default gen_random_uuid(),
    agency_id uuid not null references agencies (id) on delete cascade,
    alias text not null constraint agency_aliases_alias_not_blank check (btrim(alias) <> ''),
    kind text not null constraint agency_aliases_kind_known
        check (kind in ('abbreviation', 'former_name', 'other_name')),
    source_id uuid not null references sources (id),
    constraint agency_aliases_one_each unique (agency_id, alias)
);

-- Which agency took over from which: replaced, merged into, split into,
-- renamed, dated where the sources say.
create table agency_lineage (
    id uuid primary key default gen_random_uuid(),
    predecessor_id uuid not null references agencies (id),
    successor_id uuid not null references agencies (id),
    kind text not null constraint agency_lineage_kind_known
        check (kind in ('replaced', 'merged_into', 'split_into', 'renamed')),
    effective_on date,
    effective_on_precision text,
    source_id uuid not null references sources (id),
    constraint agency_lineage_not_itself check (predecessor_id <> successor_id),
    constraint agency_lineage_one_each unique (predecessor_id, successor_id),
    constraint agency_lineage_effective_on_precision
        check (partial_date_is_valid(effective_on, effective_on_precision))
);
create index agency_lineage_successor_idx on agency_lineage (successor_id);

-- The new tables are kept in the change log and answer known_at, as the
-- others do; the view of agencies is made anew for its new columns.
drop view known.agencies;
do $$
declare
    tracked text;
begin
    foreach tracked in array array['agency_identifiers', 'agency_aliases', 'agency_lineage'] loop
        execute format(
            'create trigger %I after insert or update or delete on public.%I
             for each row execute function record_change()',
            tracked || '_record_change', tracked);
    end loop;
    foreach tracked in array array['agencies', 'agency_identifiers', 'agency_aliases', 'agency_lineage'] loop
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

-- Search as people type: case, diacritics, spaces and hyphens do not
-- matter (unaccent, lower case, one space), and a typo is forgiven
-- (trigram similarity, pg_trgm), with GIN indexes on every searched name.
create extension if not exists pg_trgm;
create extension if not exists unaccent;

create function search_key(input text)
returns text
language sql
immutable
parallel safe
strict
as $$
    select btrim(regexp_replace(lower(public.unaccent('public.unaccent'::regdictionary, input)),
                                '[^a-z0-9]+', ' ', 'g'))
$$;

create index agency_names_sv_search_idx on agency_names using gin (search_key(name_sv) gin_trgm_ops);
create index agency_names_en_search_idx on agency_names using gin (search_key(name_en) gin_trgm_ops);
create index agency_aliases_search_idx on agency_aliases using gin (search_key(alias) gin_trgm_ops);
