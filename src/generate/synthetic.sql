-- Synthetic data at any scale, for benchmarks. `registry generate` runs it in
-- one transaction with its sizes in the settings generate.seed (0-9),
-- generate.agencies, generate.assignments and generate.holdings.
--
-- Everything goes through the same constraints and triggers as any write
-- (lifetimes, one holder at a time, transfers matching their holdings, the
-- change log and the history tables). Every row cites one source,
-- 'generated-<seed>'; every slug begins 'g<seed>-'. The same seed and sizes
-- give the same data (the draws are hashes, not random()).
--
-- The shapes follow the real registers:
-- - agencies founded 1900-2000, a quarter of them dissolved (each with a
--   successor), some renamed once, some county administrative boards; each
--   with a postal address, a website, an e-mail address and a telephone
--   number (some with an older number that ended);
-- - assignments come in portfolios of eight that move together (as tasks
--   move when agencies are reorganised), a third of a portfolio being parts
--   of its first assignment; a portfolio's number of holdings is skewed, so
--   a few have histories of hundreds or thousands of holdings; half of the changes of
--   holder fall on 1 January;
-- - seven in ten changes of holder are transfers, one per portfolio and
--   date, with every assignment of the portfolio as an item;
-- - some assignments retitled once, ended, with a hotline or a co-recipient.

-- A number in [0, 1) drawn from (seed, what, i).
create function pg_temp.draw(what text, i bigint) returns double precision
language sql stable parallel safe as $$
    select ('x' || left(md5(current_setting('generate.seed') || what || i::text), 8))::bit(32)::bigint
           / 4294967296.0
$$;

-- NNNNNN-NNNN from nine digits and their Luhn check digit.
create function pg_temp.organisation_number(nine text) returns text
language sql immutable as $$
    select left(nine, 6) || '-' || right(nine, 3) || ((10 - sum(p % 10 + p / 10) % 10) % 10)::text
    from (select substr(nine, k, 1)::int * (2 - (k + 1) % 2) as p
          from generate_series(1, 9) k) products
$$;

create temp table g_run on commit drop as
select current_setting('generate.seed')::int as seed,
       current_setting('generate.agencies')::int as agencies,
       current_setting('generate.assignments')::int as assignments,
       current_setting('generate.holdings')::int as holdings,
       'g' || current_setting('generate.seed') || '-' as prefix,
       current_date as today,
       date '1950-01-01' as earliest_holding,
       array['vattenfrågor', 'digital förvaltning', 'kulturarv', 'sjöfart', 'folkhälsa',
             'arbetsmiljö', 'livsmedel', 'geodata', 'strålskydd', 'konsumentfrågor', 'energi',
             'skogsbruk', 'jämställdhet', 'ungdomsfrågor', 'statistik', 'kemikalier', 'tillväxt',
             'forskning', 'krisberedskap', 'elsäkerhet', 'läkemedel', 'transportanalys',
             'utbildning', 'spelmarknaden', 'rättsmedicin', 'havsmiljö', 'trafiksäkerhet',
             'bostäder', 'pensioner', 'upphandling'] as topics_sv,
       array['water', 'digital government', 'cultural heritage', 'shipping', 'public health',
             'work environment', 'food', 'geodata', 'radiation safety', 'consumer affairs',
             'energy', 'forestry', 'gender equality', 'youth affairs', 'statistics', 'chemicals',
             'growth', 'research', 'emergency preparedness', 'electrical safety', 'medicines',
             'transport analysis', 'education', 'gambling', 'forensic medicine', 'the marine environment',
             'road safety', 'housing', 'pensions', 'procurement'] as topics_en,
       (select array_agg(code order by code) from counties) as counties;

insert into sources (slug, title, publisher, published_on, language, note)
select 'generated-' || seed, format('Generated data, seed %s', seed), 'registry generate', today, 'en',
       format('Synthetic data for benchmarks, not real: %s agencies, %s assignments, about %s holdings.',
              agencies, assignments, holdings)
from g_run;

create temp table g_source on commit drop as
select s.id from sources s, g_run where s.slug = 'generated-' || g_run.seed;

-- step: agencies
-- Agencies. Agency 1 is founded in 1900 and never dissolved, so there is
-- always one that can hold anything.
create temp table g_agency on commit drop as
select i, gen_random_uuid() as id, prefix || 'agency-' || i as slug, topic, started,
       case when i > 1 and pg_temp.draw('dissolved', i) < 0.25
            then started + 365 + (pg_temp.draw('ends', i) * (today - started - 400))::int
       end as ended,
       case when pg_temp.draw('county board', i) < 0.03
            then counties[1 + floor(pg_temp.draw('county', i) * array_length(counties, 1))::int]
       end as county_code
from g_run,
     generate_series(1, agencies) i,
     lateral (select 1 + floor(pg_temp.draw('topic', i) * array_length(topics_sv, 1))::int as topic,
                     case when i = 1 then date '1900-01-01'
                          else date '1900-01-01' + (pg_temp.draw('started', i) * 36500)::int
                     end as drawn) d,
     -- Agencies founded before 1970 are known to the year.
     lateral (select case when drawn < date '1970-01-01' then date_trunc('year', drawn)::date
                          else drawn end as started) s;
create unique index on g_agency (i);

insert into agencies (id, slug, kind, organisation_number, county_code, seat,
                      started_on, started_on_precision, ended_on, ended_on_precision, source_id,
                      management_form)
select a.id, a.slug,
       case when a.county_code is null then 'government_agency' else 'county_administrative_board' end,
       pg_temp.organisation_number('29' || g_run.seed || lpad(a.i::text, 6, '0')),
       a.county_code,
       (array['Stockholm', 'Göteborg', 'Malmö', 'Uppsala', 'Umeå', 'Luleå', 'Karlstad', 'Östersund'])
           [1 + floor(pg_temp.draw('seat', a.i) * 8)::int],
       a.started, case when a.started < date '1970-01-01' then 'year' else 'day' end,
       a.ended, case when a.ended is not null then 'day' end,
       g_source.id,
       case when pg_temp.draw('form', a.i) < 0.7 then 'Enrådighetsmyndighet' else 'Styrelsemyndighet' end
from g_agency a, g_run, g_source;

-- step: agency names
-- Names: a third renamed once, between founding and dissolution (or today).
create temp table g_agency_name on commit drop as
select a.i, a.id, a.started,
       case when a.county_code is null and pg_temp.draw('renamed', a.i) < 0.33
            then a.started + 1 + (pg_temp.draw('renamed on', a.i) * (coalesce(a.ended, g_run.today) - a.started - 2))::int
       end as renamed,
       a.county_code, a.topic
from g_agency a, g_run;

insert into agency_names (agency_id, name_sv, name_en, valid_from, valid_from_precision,
                          valid_to, valid_to_precision, source_id)
select n.id,
       case when n.county_code is not null then format('Länsstyrelsen %s %s', c.name_sv, n.i)
            else format(form.sv, g_run.topics_sv[n.topic], n.i) end,
       case when n.county_code is not null then format('County Administrative Board %s %s', c.name_en, n.i)
            else format(form.en, g_run.topics_en[n.topic], n.i) end,
       n.started, case when n.started < date '1970-01-01' then 'year' else 'day' end,
       n.renamed, case when n.renamed is not null then 'day' end,
       g_source.id
from g_agency_name n
left join counties c on c.code = n.county_code
-- The form of the name, drawn once for both languages.
cross join lateral (
    select (array['Statens institut för %s %s', 'Nämnden för %s %s', 'Rådet för %s %s'])[form.i] as sv,
           (array['Swedish Institute for %s %s', 'Board for %s %s', 'Council for %s %s'])[form.i] as en
    from (select 1 + floor(pg_temp.draw('form of name', n.i) * 3)::int as i) form
) form
cross join g_run cross join g_source
union all
select n.id,
       format('Myndigheten för %s %s', g_run.topics_sv[n.topic], n.i),
       format('Swedish Agency for %s %s', g_run.topics_en[n.topic], n.i),
       n.renamed, 'day', null, null, g_source.id
from g_agency_name n, g_run, g_source
where n.renamed is not null and n.county_code is null;

-- step: lineage
-- Agencies that hold whatever the others cannot: founded before the first
-- holding, never dissolved.
create temp table g_steady on commit drop as
select row_number() over (order by i) as rank, i, id
from g_agency, g_run
where started <= earliest_holding and ended is null;
create unique index on g_steady (rank);

-- Each dissolved agency was replaced by a steady one.
insert into agency_lineage (predecessor_id, successor_id, kind, effective_on, effective_on_precision, source_id)
select a.id, s.id, 'replaced', a.ended, 'day', g_source.id
from g_agency a
join g_steady s on s.rank = 1 + floor(pg_temp.draw('successor', a.i) * (select count(*) from g_steady))::int
cross join g_source
where a.ended is not null and s.id <> a.id;

-- step: agency contact points
insert into contact_points (agency_id, kind, value, label_sv, valid_from, valid_from_precision,
                            valid_to, valid_to_precision, source_id)
select a.id, c.kind, c.value, c.label_sv, c.valid_from,
       case when c.valid_from is null then null
            when c.valid_from = a.started and a.started < date '1970-01-01' then 'year'
            else 'day' end,
       c.valid_to, case when c.valid_to is not null then 'day' end,
       g_source.id
from g_agency a
cross join g_run
cross join g_source
cross join lateral (
    select case when pg_temp.draw('new number', a.i) < 0.3
                then a.started + 1 + (pg_temp.draw('new number on', a.i)
                                      * (coalesce(a.ended, g_run.today) - a.started - 2))::int
           end as changed
) number
cross join lateral (
    values ('postal_address', format('Box %s, %s %s %s', 1000 + a.i % 9000,
                                     100 + a.i % 900, lpad((a.i % 100)::text, 2, '0'), 'Stockholm'),
            null::text, null::date, null::date),
           ('website', format('https://%sagency-%s.example', g_run.prefix, a.i), null, null, null),
           ('email', format('registrator@%sagency-%s.example', g_run.prefix, a.i), null, null, null),
           ('phone', '+468' || lpad((1000000 + a.i * 7 % 9000000)::text, 7, '0'), 'Växel',
            a.started, number.changed),
           ('phone', '+4610' || lpad((a.i * 13 % 10000000)::text, 7, '0'), 'Växel',
            number.changed, null)
) c (kind, value, label_sv, valid_from, valid_to)
where c.kind <> 'phone' or c.valid_from is not null;

-- step: assignments
-- Portfolios of eight assignments. Each begins on a day since 1990 (earlier
-- when its history is long), a seventh of them end, and its holdings are one
-- each plus a share, skewed, of the rest.
create temp table g_portfolio on commit drop as
with shares as (
    select p, count(*)::int as extra
    from g_run,
         generate_series(1, greatest((holdings - assignments) / 8, 0)) unit,
         lateral (select 1 + floor(ceil(assignments / 8.0) * pg_temp.draw('share', unit) ^ 2)::int as p) drawn
    group by p
)
select p, k, began, ended
from g_run,
     generate_series(1, ceil(assignments / 8.0)::int) p
     left join shares using (p),
     -- A holding lasts ten days or more; no portfolio begins before
     -- 1950-01-01, which caps its history at about 2,700 holdings.
     lateral (select least(1 + coalesce(shares.extra, 0), (g_run.today - g_run.earliest_holding) / 10) as k) sized,
     lateral (select greatest(least(date '1990-01-01' + (pg_temp.draw('began', p) * (today - date '1991-01-01'))::int,
                                    today - 10 * k - 30),
                              earliest_holding) as began) b,
     lateral (select case when pg_temp.draw('portfolio ends', p) < 0.15 and today - began >= 20 * k + 60
                          then began + ((today - began) * (0.5 + 0.45 * pg_temp.draw('portfolio ended', p)))::int
                     end as ended) e;

create temp table g_assignment on commit drop as
select i, gen_random_uuid() as id, g_run.prefix || 'assignment-' || i as slug, p.p, p.began, p.ended,
       (i - 1) % 8 as place,
       1 + floor(pg_temp.draw('topic', -i) * array_length(g_run.topics_sv, 1))::int as topic
from g_run,
     generate_series(1, assignments) i
     join g_portfolio p on p.p = (i - 1) / 8 + 1;
create unique index on g_assignment (i);

insert into assignments (id, slug, parent_id, jurisdiction, county_code, legal_basis, source_id, kind)
select a.id, a.slug,
       case when a.place > 0 and pg_temp.draw('part', a.i) < 0.33 then first.id end,
       case when county.code is null then 'national' else 'county' end,
       county.code,
       case when pg_temp.draw('legal basis', a.i) < 0.5
            then format('Förordning (%s:%s)', extract(year from a.began), 100 + a.i % 900)
       end,
       g_source.id,
       case when pg_temp.draw('kind', a.i) < 0.6 then 'government_assignment' else 'standing' end
from g_assignment a
join g_assignment first on first.i = a.i - a.place
cross join g_run
cross join g_source
cross join lateral (
    select case when pg_temp.draw('county', -a.i) < 0.05
                then g_run.counties[1 + floor(pg_temp.draw('which county', -a.i) * array_length(g_run.counties, 1))::int]
           end as code
) county;

-- step: assignment versions
-- Versions: a third retitled once.
insert into assignment_versions (assignment_id, title_sv, title_en, scope_sv, valid_from, valid_from_precision,
                                 valid_to, valid_to_precision, due_on, due_on_precision, source_id)
select a.id, v.title_sv, v.title_en, v.scope_sv, v.valid_from, 'day', v.valid_to,
       case when v.valid_to is not null then 'day' end,
       v.due_on, case when v.due_on is not null then 'day' end,
       g_source.id
from g_assignment a
cross join g_run
cross join g_source
cross join lateral (
    select case when pg_temp.draw('retitled', a.i) < 0.33 and coalesce(a.ended, g_run.today) - a.began > 60
                then a.began + 30 + (pg_temp.draw('retitled on', a.i) * (coalesce(a.ended, g_run.today) - a.began - 60))::int
           end as retitled,
           case when pg_temp.draw('due', a.i) < 0.4
                then a.began + 180 + (pg_temp.draw('due on', a.i) * 900)::int
           end as due_on
) d
cross join lateral (
    values (format('Uppdrag om %s %s', g_run.topics_sv[a.topic], a.i),
            format('Assignment on %s %s', g_run.topics_en[a.topic], a.i),
            format('Att samordna och följa upp arbetet med %s.', g_run.topics_sv[a.topic]),
            a.began, coalesce(d.retitled, a.ended), d.due_on),
           (format('Uppdrag att utveckla arbetet med %s %s', g_run.topics_sv[a.topic], a.i),
            format('Assignment to develop the work on %s %s', g_run.topics_en[a.topic], a.i),
            format('Att utveckla, samordna och följa upp arbetet med %s.', g_run.topics_sv[a.topic]),
            d.retitled, a.ended, d.due_on)
) v (title_sv, title_en, scope_sv, valid_from, valid_to, due_on)
where v.valid_from is not null;

-- step: holders
-- A portfolio's holdings: the first from its beginning, the next ones from
-- days spread over its history (half moved to 1 January when that keeps
-- them in order), the last open unless the portfolio ended.
create temp table g_holding on commit drop as
with spread as (
    select p.p, n, p.k,
           case when n = 1 then p.began
                else p.began + floor((coalesce(p.ended, g_run.today) - p.began)
                                     * (n - 1 + 0.8 * pg_temp.draw('boundary', p.p::bigint * 10000 + n)) / p.k)::int
           end as day
    from g_portfolio p, g_run, generate_series(1, p.k) n
),
moved as (
    select p, n, k,
           case when n > 1 and pg_temp.draw('new year', p::bigint * 10000 + n) < 0.5
                     and date_trunc('year', day)::date > lag(day) over w
                then date_trunc('year', day)::date
                else day
           end as valid_from
    from spread
    window w as (partition by p order by n)
),
periods as (
    select m.p, m.n, m.valid_from,
           case when m.n = m.k then p.ended else lead(m.valid_from) over (partition by m.p order by m.n) end as valid_to
    from moved m join g_portfolio p using (p)
)
select periods.*,
       case when candidate.started <= periods.valid_from
                 and (candidate.ended is null or candidate.ended >= periods.valid_to)
            then candidate.id
            else steady.id
       end as agency_id
from periods
join g_agency candidate
  on candidate.i = 1 + floor(pg_temp.draw('holder', periods.p::bigint * 10000 + periods.n)
                             * (select agencies from g_run))::int
join g_steady steady
  on steady.rank = 1 + floor(pg_temp.draw('steady holder', periods.p::bigint * 10000 + periods.n)
                             * (select count(*) from g_steady))::int;

-- step: transfers
-- Seven in ten changes of holder are transfers of the whole portfolio.
create temp table g_transfer on commit drop as
select gen_random_uuid() as id, h.p, h.n, h.valid_from as effective_on,
       previous.agency_id as from_agency_id, h.agency_id as to_agency_id
from g_holding h
join g_holding previous on previous.p = h.p and previous.n = h.n - 1
where previous.agency_id <> h.agency_id
  and pg_temp.draw('transfer', h.p::bigint * 10000 + h.n) < 0.7;
create unique index on g_transfer (p, n);

insert into transfers (id, slug, from_agency_id, to_agency_id, effective_on, note_sv, note_en, source_id)
select t.id, format('%stransfer-%s-%s', g_run.prefix, t.p, t.n), t.from_agency_id, t.to_agency_id,
       t.effective_on, 'Uppgifterna flyttas vid en omorganisation.',
       'The tasks move in a reorganisation.', g_source.id
from g_transfer t, g_run, g_source;

insert into transfer_items (transfer_id, assignment_id)
select t.id, a.id
from g_transfer t join g_assignment a on a.p = t.p;

-- step: holdings
insert into holdings (assignment_id, agency_id, valid_from, valid_from_precision, valid_to, valid_to_precision,
                      started_by_transfer_id, ended_by_transfer_id, source_id)
select a.id, h.agency_id, h.valid_from, 'day', h.valid_to, case when h.valid_to is not null then 'day' end,
       started.id, ended.id, g_source.id
from g_holding h
join g_assignment a on a.p = h.p
left join g_transfer started on started.p = h.p and started.n = h.n
left join g_transfer ended on ended.p = h.p and ended.n = h.n + 1
cross join g_source;

-- step: assignment contact points and co-recipients
-- A fifth of the assignments have an e-mail address of their own, some a
-- hotline; some a co-recipient, never an agency that holds it (the lead
-- takes no part).
insert into contact_points (assignment_id, kind, value, label_sv, audience, valid_from, valid_from_precision, source_id)
select a.id, c.kind, c.value, c.label_sv, c.audience, a.began, 'day', g_source.id
from g_assignment a
cross join g_run
cross join g_source
cross join lateral (
    values ('email', format('uppdrag-%s@%sexample.se', a.i, g_run.prefix), 'Frågor om uppdraget', 'professionals',
            pg_temp.draw('e-mail', a.i) < 0.2),
           ('hotline', '+4620' || lpad((a.i % 1000000)::text, 6, '0'), 'Stödlinje', 'public',
            pg_temp.draw('hotline', a.i) < 0.05)
) c (kind, value, label_sv, audience, present)
where c.present;

insert into assignment_participations (assignment_id, agency_id, role, valid_from, valid_from_precision,
                                       valid_to, valid_to_precision, source_id)
select a.id, s.id, 'co_recipient', a.began, 'day', a.ended, case when a.ended is not null then 'day' end,
       g_source.id
from g_assignment a
join g_steady s on s.rank = 1 + floor(pg_temp.draw('co-recipient', a.i) * (select count(*) from g_steady))::int
cross join g_source
where pg_temp.draw('has co-recipient', a.i) < 0.05
  and not exists (select from holdings h where h.assignment_id = a.id and h.agency_id = s.id);
