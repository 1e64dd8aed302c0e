-- Government assignments (regeringsuppdrag): what the government has
-- assigned to agencies since 2006, to whom, with whom, until when.

-- What an assignment is: a standing responsibility (the founding case's),
-- a government assignment, or an amendment of one whose original is not in
-- the registry. An imported assignment keeps the words that named its
-- recipients, and why they name no agency where they do not.
alter table assignments
    add column kind text not null default 'standing'
        constraint assignments_kind_known
        check (kind in ('standing', 'government_assignment', 'amendment')),
    add column recipient_text text,
    add column unresolved text constraint assignments_unresolved_known
        check (unresolved in ('person', 'not_a_state_agency', 'annex', 'not_active', 'ambiguous',
                              'no_match', 'no_recipient'));

create index assignments_source_id_idx on assignments (source_id);
create index assignments_unresolved_idx on assignments (unresolved) where unresolved is not null;
create index sources_url_idx on sources (url);

-- The final report's due date, as each version of the assignment says it:
-- an amendment that moves the deadline is a new version.
alter table assignment_versions
    add column due_on date,
    add column due_on_precision text,
    add constraint assignment_versions_due_on_precision
        check (partial_date_is_valid(due_on, due_on_precision));

-- Interim reports an assignment's texts ask for, each citing the text.
create table assignment_reports (
    id uuid primary key default gen_random_uuid(),
    assignment_id uuid not null references assignments (id) on delete cascade,
    due_on date not null,
    due_on_precision text not null,
    source_id uuid not null references sources (id),
    constraint assignment_reports_due_on_precision check (partial_date_is_valid(due_on, due_on_precision)),
    constraint assignment_reports_one_each unique (assignment_id, due_on)
);

-- Case numbers (diarienummer) an assignment is known by.
create table assignment_identifiers (
    id uuid primary key default gen_random_uuid(),
    assignment_id uuid not null references assignments (id) on delete cascade,
    scheme text not null constraint assignment_identifiers_scheme_known check (scheme in ('diarienummer')),
    value text not null constraint assignment_identifiers_value_not_blank check (btrim(value) <> ''),
    source_id uuid not null references sources (id),
    constraint assignment_identifiers_one_each unique (assignment_id, scheme, value)
);
create index assignment_identifiers_value_idx on assignment_identifiers (upper(value) text_pattern_ops);

-- Agencies that take part in an assignment they do not lead: those given
-- it together with the lead (co_recipient), and those it is to consult.
-- The lead is the holder (holdings: one at a time); a co-recipient is a
-- role, never a second lead.
create table assignment_participations (
    id uuid primary key default gen_random_uuid(),
    assignment_id uuid not null references assignments (id) on delete cascade,
    agency_id uuid not null references agencies (id),
    role text not null constraint assignment_participations_role_known
        check (role in ('co_recipient', 'consulted')),
    valid_from date,
    valid_from_precision text,
    valid_to date,
    valid_to_precision text,
    source_id uuid not null references sources (id),
    constraint assignment_participations_valid_from_precision check (partial_date_is_valid(valid_from, valid_from_precision)),
    constraint assignment_participations_valid_to_precision check (partial_date_is_valid(valid_to, valid_to_precision)),
    constraint assignment_participations_period_order check (valid_from is null or valid_to is null or valid_from < valid_to),
    constraint assignment_participations_once_at_a_time
        exclude using gist (assignment_id with =, agency_id with =, daterange(valid_from, valid_to, '[)') with &&)
);
create index assignment_participations_agency_idx on assignment_participations (agency_id);
create index assignment_participations_assignment_idx on assignment_participations (assignment_id);

-- Searching titles and texts: in Swedish, stemmed (PostgreSQL's Swedish
-- snowball dictionary), and English titles word for word. Each assignment's
-- document (every version's titles and scope) is kept beside it, so that a
-- search reads an index and ranks without re-reading the texts; triggers
-- on the versions keep it current. It is derived, not a fact: the change
-- log does not keep it.
create function assignment_document(title_sv text, scope_sv text, title_en text)
returns tsvector
language sql
immutable
parallel safe
as $$
    select setweight(to_tsvector('swedish', coalesce(title_sv, '')), 'A')
        || setweight(to_tsvector('simple', coalesce(title_en, '')), 'A')
        || setweight(to_tsvector('swedish', coalesce(scope_sv, '')), 'B')
$$;

create table assignment_search (
    assignment_id uuid primary key references assignments (id) on delete cascade,
    document tsvector not null
);
create index assignment_search_document_idx on assignment_search using gin (document);

create function refresh_assignment_search()
returns trigger
language plpgsql
as $$
declare
    changed uuid := coalesce(new.assignment_id, old.assignment_id);
begin
    delete from assignment_search where assignment_id = changed;
    insert into assignment_search (assignment_id, document)
    select v.assignment_id, tsvector_agg_document
    from (select assignment_id,
                 string_agg(assignment_document(title_sv, scope_sv, title_en)::text, ' ')::tsvector
                     as tsvector_agg_document
          from assignment_versions
          where assignment_id = changed
          group by assignment_id) v
    where exists (select 1 from assignments where id = changed);
    return null;
end
$$;

create trigger assignment_versions_search
after insert or update or delete on assignment_versions
for each row execute function refresh_assignment_search();

insert into assignment_search (assignment_id, document)
select assignment_id, string_agg(assignment_document(title_sv, scope_sv, title_en)::text, ' ')::tsvector
from assignment_versions
group by assignment_id;

-- The query for what a person typed: every word, stemmed, as a prefix
-- ('barnahus':*), in Swedish or word for word. Stop words drop out;
-- nothing left matches nothing.
create function assignment_query(wanted text)
returns tsquery
language sql
stable
parallel safe
strict
as $$
    select to_tsquery('swedish', coalesce(string_agg(quote_literal(word) || ':*', ' & '), ''))
        || to_tsquery('simple', coalesce(string_agg(quote_literal(word) || ':*', ' & '), ''))
    from regexp_split_to_table(lower(wanted), '[^[:alnum:]]+') word
    where word <> ''
$$;

-- Lifetimes: an assignment participation lies within its agency's
-- lifetime (as participations in bodies do) and begins no earlier than its
-- assignment (as contact points do).
create or replace function check_fact_lifetime()
returns trigger
language plpgsql
as $$
declare
    noun text := case tg_table_name
                     when 'contact_points' then 'contact point'
                     when 'agency_names' then 'name'
                     else 'participation'
                 end;
    fact text := period_text(new.valid_from, new.valid_from_precision, new.valid_to, new.valid_to_precision);
    agency record;
    owner_slug text;
    owner_from date;
begin
    if new.agency_id is not null then
        select slug, started_on, started_on_precision, ended_on, ended_on_precision
        into agency
        from agencies where id = new.agency_id;
        if (new.valid_from is not null and agency.started_on is not null and new.valid_from < agency.started_on)
           or (new.valid_to is not null and agency.ended_on is not null and new.valid_to > agency.ended_on) then
            raise exception using
                errcode = 'RG001',
                message = format('The %s %s lies outside the lifetime of agency ''%s'' %s.',
                                 noun, fact, agency.slug,
                                 period_text(agency.started_on, agency.started_on_precision,
                                             agency.ended_on, agency.ended_on_precision));
        end if;
    end if;
    if tg_table_name in ('contact_points', 'assignment_participations') then
        if new.assignment_id is not null and new.valid_from is not null then
            owner_from := assignment_start(new.assignment_id);
            if owner_from is not null and new.valid_from < owner_from then
                select slug into owner_slug from assignments where id = new.assignment_id;
                raise exception using
                    errcode = 'RG001',
                    message = format('The %s %s lies outside the lifetime of assignment ''%s'' [%s, …).',
                                     noun, fact, owner_slug, owner_from);
            end if;
        end if;
    end if;
    return new;
end
$$;

create trigger assignment_participations_within_lifetime
before insert or update of agency_id, valid_from, valid_to on assignment_participations
for each row execute function check_fact_lifetime();

create or replace function check_agency_facts()
returns trigger
language plpgsql
as $$
declare
    outside record;
begin
    if new.started_on is distinct from old.started_on then
        update agency_names
        set valid_from = new.started_on, valid_from_precision = new.started_on_precision
        where agency_id = new.id
          and valid_from is not distinct from old.started_on
          and (new.started_on is null or valid_to is null or new.started_on < valid_to);
    end if;
    select valid_from, valid_from_precision, valid_to, valid_to_precision
    into outside
    from (
        select valid_from, valid_from_precision, valid_to, valid_to_precision
        from contact_points where agency_id = new.id
        union all
        select valid_from, valid_from_precision, valid_to, valid_to_precision
        from participations where agency_id = new.id
        union all
        select valid_from, valid_from_precision, valid_to, valid_to_precision
        from assignment_participations where agency_id = new.id
        union all
        select valid_from, valid_from_precision, valid_to, valid_to_precision
        from agency_names where agency_id = new.id
    ) facts
    where (valid_from is not null and new.started_on is not null and valid_from < new.started_on)
       or (valid_to is not null and new.ended_on is not null and valid_to > new.ended_on)
    limit 1;
    if found then
        raise exception using
            errcode = 'RG001',
            message = format('The agency''s lifetime %s would leave out its record %s; correct it first.',
                             period_text(new.started_on, new.started_on_precision, new.ended_on, new.ended_on_precision),
                             period_text(outside.valid_from, outside.valid_from_precision,
                                         outside.valid_to, outside.valid_to_precision));
    end if;
    return new;
end
$$;

-- The first day after a partial date's span: a report due in March 2019
-- is due until 2019-04-01.
create function partial_date_day_after(day date, known_to text)
returns date
language sql
immutable
as $$
    select (day + case known_to
                      when 'year' then interval '1 year'
                      when 'month' then interval '1 month'
                      else interval '1 day'
                  end)::date
$$;

-- Whether an assignment is under way on a date (see AssignmentStatus): it
-- starts with its first version; it is reported once the final report its
-- latest version asks for was due, or once its last holding ended (an
-- amendment that ends it); a government assignment without a due date is
-- under way for all we know.
create function assignment_status(assignment uuid, on_date date)
returns text
language sql
stable
as $$
    select case
        when s.started is null or on_date < s.started then 'not_started'
        when s.ended is not null and on_date >= s.ended then 'reported'
        when s.kind <> 'standing' and s.ended is null then 'due_unknown'
        else 'active'
    end
    from (
        select a.kind,
               assignment_start(a.id) as started,
               coalesce(
                   (select partial_date_day_after(v.due_on, v.due_on_precision)
                    from assignment_versions v
                    where v.assignment_id = a.id
                    order by v.valid_from desc nulls last
                    limit 1),
                   (select case when bool_or(h.valid_to is null) then null else max(h.valid_to) end
                    from holdings h where h.assignment_id = a.id)) as ended
        from assignments a
        where a.id = assignment
    ) s
$$;

-- The new tables are kept in the change log and answer known_at; the views
-- of the tables that gained columns are made anew.
drop view known.assignments;
drop view known.assignment_versions;
do $$
declare
    tracked text;
begin
    foreach tracked in array array['assignment_reports', 'assignment_identifiers', 'assignment_participations'] loop
        execute format(
            'create trigger %I after insert or update or delete on public.%I
             for each row execute function record_change()',
            tracked || '_record_change', tracked);
    end loop;
    foreach tracked in array array['assignments', 'assignment_versions', 'assignment_reports',
                                   'assignment_identifiers', 'assignment_participations'] loop
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

-- A title and scope of an assignment with its period, now with the final
-- report's due date as that version says it.
create or replace function assignment_version_json(version uuid)
returns jsonb
language sql
stable
as $$
    select jsonb_build_object(
        'title', localized_json(v.title_sv, v.title_en),
        'scope', localized_json(v.scope_sv, v.scope_en),
        'valid_from', partial_date_text(v.valid_from, v.valid_from_precision),
        'valid_to', partial_date_text(v.valid_to, v.valid_to_precision),
        'due_on', partial_date_text(v.due_on, v.due_on_precision),
        'source', source_json(v.source_id))
    from assignment_versions v
    where v.id = version
$$;

-- The agencies that take part in an assignment in one role on a date (all
-- dates when on_date is null), by name, each with its period and source.
create function assignment_participants_json(assignment uuid, wanted_role text, on_date date)
returns jsonb
language sql
stable
as $$
    select coalesce(jsonb_agg(jsonb_build_object(
               'agency', agency_ref_json(p.agency_id, coalesce(on_date, p.valid_from)),
               'role', p.role,
               'valid_from', partial_date_text(p.valid_from, p.valid_from_precision),
               'valid_to', partial_date_text(p.valid_to, p.valid_to_precision),
               'source', source_json(p.source_id))
           order by n.name_sv), '[]')
    from assignment_participations p
    cross join lateral agency_name_on(p.agency_id, coalesce(on_date, p.valid_from)) n
    where p.assignment_id = assignment
      and p.role = wanted_role
      and (on_date is null or owned_span(p.agency_id, p.assignment_id, p.valid_from, p.valid_to) @> on_date)
$$;

-- Why an assignment has no recipient agency, and the words that named its
-- recipients; null when it has one.
create function unresolved_json(assignment uuid)
returns jsonb
language sql
stable
as $$
    select case when a.unresolved is not null
                then jsonb_build_object('reason', a.unresolved, 'recipient_text', a.recipient_text)
           end
    from assignments a
    where a.id = assignment
$$;
