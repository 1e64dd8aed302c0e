-- The founding case: the press release of 2018-01-08 (../shared/sources/
-- 2018-01-08-national-assignment-moves.txt) as data. Every fact here is in
-- that release or is the name of a body it mentions; what it does not say
-- (when the regional assignments or the parts started, organisation numbers)
-- is left unknown rather than invented.
--
-- Ids are UUIDv5 of "<kind>/<slug>" in the project's namespace, so the
-- example data has the same ids on every install.

create function pg_temp.example_id(kind text, slug text) returns uuid
language sql immutable
as $$ select uuid_generate_v5('6f0c4a55-2f3e-5b8e-9c1d-7a1c2b3d4e5f'::uuid, kind || '/' || slug) $$;

insert into sources (id, slug, title, publisher, published_on, url, language, note)
values (
    pg_temp.example_id('source', '2018-01-08-nationella-uppdrag-flyttar'),
    '2018-01-08-nationella-uppdrag-flyttar',
    'Länsstyrelsens nationella uppdrag mot prostitution och människohandel flyttar till Jämställdhetsmyndigheten',
    null,
    '2018-01-08',
    null,
    'sv',
    'Press release, published 2018-01-08. Publisher and address are not stated in the archived text.'
);

create temporary table example_counties (code text, slug text, name_sv text, name_en text) on commit drop;
insert into example_counties values
    ('01', 'stockholm', 'Stockholms län', 'Stockholm County'),
    ('03', 'uppsala', 'Uppsala län', 'Uppsala County'),
    ('04', 'sodermanland', 'Södermanlands län', 'Södermanland County'),
    ('05', 'ostergotland', 'Östergötlands län', 'Östergötland County'),
    ('06', 'jonkoping', 'Jönköpings län', 'Jönköping County'),
    ('07', 'kronoberg', 'Kronobergs län', 'Kronoberg County'),
    ('08', 'kalmar', 'Kalmar län', 'Kalmar County'),
    ('09', 'gotland', 'Gotlands län', 'Gotland County'),
    ('10', 'blekinge', 'Blekinge län', 'Blekinge County'),
    ('12', 'skane', 'Skåne län', 'Skåne County'),
    ('13', 'halland', 'Hallands län', 'Halland County'),
    ('14', 'vastra-gotaland', 'Västra Götalands län', 'Västra Götaland County'),
    ('17', 'varmland', 'Värmlands län', 'Värmland County'),
    ('18', 'orebro', 'Örebro län', 'Örebro County'),
    ('19', 'vastmanland', 'Västmanlands län', 'Västmanland County'),
    ('20', 'dalarna', 'Dalarnas län', 'Dalarna County'),
    ('21', 'gavleborg', 'Gävleborgs län', 'Gävleborg County'),
    ('22', 'vasternorrland', 'Västernorrlands län', 'Västernorrland County'),
    ('23', 'jamtland', 'Jämtlands län', 'Jämtland County'),
    ('24', 'vasterbotten', 'Västerbottens län', 'Västerbotten County'),
    ('25', 'norrbotten', 'Norrbottens län', 'Norrbotten County');

-- The counties are reference data (a migration loads them); the founding
-- case names its county boards after them.

-- Agencies: the 21 county administrative boards, the new agency, and the
-- agencies taking part in the NMT.
create temporary table example_agencies (
    slug text, kind text, county_code text, seat text, started_on date, name_sv text, name_en text
) on commit drop;
insert into example_agencies
select 'lansstyrelsen-' || slug, 'county_administrative_board', code, null, null::date,
       'Länsstyrelsen i ' || name_sv, 'County Administrative Board of ' || replace(name_en, ' County', '')
from example_counties;
insert into example_agencies values
    ('jamstalldhetsmyndigheten', 'government_agency', null, 'Göteborg', '2018-01-01',
     'Jämställdhetsmyndigheten', 'Swedish Gender Equality Agency'),
    ('polismyndigheten', 'government_agency', null, null, null, 'Polismyndigheten', 'Swedish Police Authority'),
    ('migrationsverket', 'government_agency', null, null, null, 'Migrationsverket', 'Swedish Migration Agency'),
    ('aklagarmyndigheten', 'government_agency', null, null, null, 'Åklagarmyndigheten', 'Swedish Prosecution Authority'),
    ('arbetsmiljoverket', 'government_agency', null, null, null, 'Arbetsmiljöverket', 'Swedish Work Environment Authority'),
    ('skatteverket', 'government_agency', null, null, null, 'Skatteverket', 'Swedish Tax Agency');

insert into agencies (id, slug, kind, county_code, seat, started_on, started_on_precision, source_id)
select pg_temp.example_id('agency', slug), slug, kind, county_code, seat,
       started_on, case when started_on is not null then 'day' end,
       pg_temp.example_id('source', '2018-01-08-nationella-uppdrag-flyttar')
from example_agencies;

insert into agency_names (id, agency_id, name_sv, name_en, valid_from, valid_from_precision, source_id)
select pg_temp.example_id('agency-name', slug), pg_temp.example_id('agency', slug), name_sv, name_en,
       started_on, case when started_on is not null then 'day' end,
       pg_temp.example_id('source', '2018-01-08-nationella-uppdrag-flyttar')
from example_agencies;

-- Assignments. The national coordination assignment (held since 2009, scope
-- widened in 2013) and the five further parts that moved with it.
create temporary table example_assignments (
    slug text, parent_slug text, jurisdiction text, county_code text, legal_basis text
) on commit drop;
insert into example_assignments values
    ('nationellt-samordningsuppdrag-prostitution-manniskohandel', null, 'national', null, 'Regeringsuppdrag'),
    ('nationella-metodstodsteamet', 'nationellt-samordningsuppdrag-prostitution-manniskohandel', 'national', null, null),
    ('nationella-stodprocessen', 'nationellt-samordningsuppdrag-prostitution-manniskohandel', 'national', null, null),
    ('regionkoordinatorer-finansiering', 'nationellt-samordningsuppdrag-prostitution-manniskohandel', 'national', null, null),
    ('atervandandeprogrammet-finansiering', 'nationellt-samordningsuppdrag-prostitution-manniskohandel', 'national', null, null),
    ('nmt-webbplats-och-kampanjsidor', 'nationellt-samordningsuppdrag-prostitution-manniskohandel', 'national', null, null);
insert into example_assignments
select 'regionalt-uppdrag-prostitution-manniskohandel-' || slug, null, 'county', code, null
from example_counties;

insert into assignments (id, slug, parent_id, jurisdiction, county_code, legal_basis, source_id)
select pg_temp.example_id('assignment', slug), slug,
       case when parent_slug is not null then pg_temp.example_id('assignment', parent_slug) end,
       jurisdiction, county_code, legal_basis,
       pg_temp.example_id('source', '2018-01-08-nationella-uppdrag-flyttar')
from example_assignments
order by parent_slug nulls first;

create temporary table example_versions (
    assignment_slug text, version int, title_sv text, title_en text, scope_sv text, scope_en text,
    valid_from date, valid_from_precision text, valid_to date, valid_to_precision text
) on commit drop;
insert into example_versions values
    ('nationellt-samordningsuppdrag-prostitution-manniskohandel', 1,
     'Nationellt samordningsuppdrag mot prostitution och människohandel för sexuella ändamål',
     'National coordination assignment against prostitution and trafficking in human beings for sexual purposes',
     'Samordningsarbete mot prostitution och människohandel för sexuella ändamål.',
     'Coordination of the work against prostitution and trafficking in human beings for sexual purposes.',
     '2009-01-01', 'year', '2013-01-01', 'year'),
    ('nationellt-samordningsuppdrag-prostitution-manniskohandel', 2,
     'Nationellt samordningsuppdrag mot prostitution och alla former av människohandel',
     'National coordination assignment against prostitution and all forms of human trafficking',
     'Samordningsarbete mot prostitution och människohandel, även för andra ändamål än sexuella, till exempel exploatering för avlägsnande av organ, krigstjänst, tvångsarbete eller annan verksamhet i en situation som innebär nödläge för den utsatte.',
     'Coordination of the work against prostitution and trafficking in human beings, also for purposes other than sexual ones, for example exploitation for organ removal, military service, forced labour or other activity in a situation of distress for the person exploited.',
     '2013-01-01', 'year', null, null),
    ('nationella-metodstodsteamet', 1,
     'Samordning av och ansvar för Nationella metodstödsteamet mot prostitution och människohandel (NMT)',
     'Coordination of, and responsibility for, the National Method Support Team against prostitution and human trafficking (NMT)',
     'Samordning och fortsatt ansvar för arbetet med NMT, där Polismyndigheten, Migrationsverket, Åklagarmyndigheten, socialtjänsten, Arbetsmiljöverket och Skatteverket ingår.',
     'Coordination of, and continued responsibility for, the work of the NMT, in which the Swedish Police Authority, the Swedish Migration Agency, the Swedish Prosecution Authority, the social services, the Swedish Work Environment Authority and the Swedish Tax Agency take part.',
     null, null, null, null),
    ('nationella-stodprocessen', 1,
     'Förvaltningen av den formaliserade nationella stödprocessen för utsatta',
     'Management of the formalised national support process for victims',
     'Förvaltningen av den formaliserade nationella stödprocessen för utsatta, där bland annat stödtelefonen till yrkesverksamma ingår.',
     'Management of the formalised national support process for victims, which includes the support hotline for professionals.',
     null, null, null, null),
    ('regionkoordinatorer-finansiering', 1,
     'Delfinansiering av och arbetsstöd till regionkoordinatorerna mot prostitution och människohandel',
     'Part-financing of, and work support to, the regional coordinators against prostitution and human trafficking',
     null, null, null, null, null, null),
    ('atervandandeprogrammet-finansiering', 1,
     'Finansiering av återvändandeprogrammet för personer utsatta för människohandel',
     'Financing of the return programme for victims of human trafficking',
     null, null, null, null, null, null),
    ('nmt-webbplats-och-kampanjsidor', 1,
     'Webbplatsen nmtsverige.se samt kampanjsidorna duavgor.se, resekurage.se och safetrip.se',
     'The website nmtsverige.se and the campaign sites duavgor.se, resekurage.se and safetrip.se',
     null, null, null, null, null, null);
insert into example_versions
select 'regionalt-uppdrag-prostitution-manniskohandel-' || slug, 1,
       'Regionalt uppdrag mot prostitution och människohandel i ' || name_sv,
       'Regional assignment against prostitution and human trafficking in ' || name_en,
       'Det regionala uppdraget för arbetet mot prostitution och människohandel i länet.',
       'The regional assignment for the work against prostitution and human trafficking in the county.',
       null, null, null, null
from example_counties;

insert into assignment_versions (
    id, assignment_id, title_sv, title_en, scope_sv, scope_en,
    valid_from, valid_from_precision, valid_to, valid_to_precision, source_id
)
select pg_temp.example_id('assignment-version', assignment_slug || '/' || version),
       pg_temp.example_id('assignment', assignment_slug), title_sv, title_en, scope_sv, scope_en,
       valid_from, valid_from_precision, valid_to, valid_to_precision,
       pg_temp.example_id('source', '2018-01-08-nationella-uppdrag-flyttar')
from example_versions;

-- The transfer of 2018-01-01 and the six assignments it moved. Its legal
-- basis, not in the press release: the new agency's instruction, in force
-- from that day (SFS 2017:937, in the national registers' sfs.json).
insert into transfers (
    id, slug, from_agency_id, to_agency_id, effective_on,
    note_sv, note_en, stays_behind_sv, stays_behind_en, legal_basis, source_id
)
values (
    pg_temp.example_id('transfer', '2018-01-01-lansstyrelsen-stockholm-till-jamstalldhetsmyndigheten'),
    '2018-01-01-lansstyrelsen-stockholm-till-jamstalldhetsmyndigheten',
    pg_temp.example_id('agency', 'lansstyrelsen-stockholm'),
    pg_temp.example_id('agency', 'jamstalldhetsmyndigheten'),
    '2018-01-01',
    'De nationella uppdragen mot prostitution och människohandel flyttar från Länsstyrelsen Stockholm till den nya Jämställdhetsmyndigheten, som startade sin verksamhet i Göteborg den 1 januari 2018.',
    'The national assignments against prostitution and human trafficking move from the County Administrative Board of Stockholm to the new Swedish Gender Equality Agency, which started its work in Gothenburg on 1 January 2018.',
    'Kvar på landets länsstyrelser stannar det regionala uppdraget för arbetet mot prostitution och människohandel i länet.',
    'The regional assignment for the work against prostitution and human trafficking in each county stays with the county administrative boards.',
    'Förordning (2017:937) med instruktion för Jämställdhetsmyndigheten',
    pg_temp.example_id('source', '2018-01-08-nationella-uppdrag-flyttar')
);

insert into transfer_items (transfer_id, assignment_id)
select pg_temp.example_id('transfer', '2018-01-01-lansstyrelsen-stockholm-till-jamstalldhetsmyndigheten'),
       pg_temp.example_id('assignment', slug)
from example_assignments
where jurisdiction = 'national';

-- Holdings: the County Administrative Board of Stockholm until the transfer
-- (since 2009 for the coordination assignment; since an unknown date for the
-- parts), the new agency from it; each county board its own county.
insert into holdings (
    id, assignment_id, agency_id, valid_from, valid_from_precision, valid_to, valid_to_precision,
    started_by_transfer_id, ended_by_transfer_id, source_id
)
select pg_temp.example_id('holding', slug || '/lansstyrelsen-stockholm'),
       pg_temp.example_id('assignment', slug),
       pg_temp.example_id('agency', 'lansstyrelsen-stockholm'),
       case when parent_slug is null then '2009-01-01'::date end,
       case when parent_slug is null then 'year' end,
       '2018-01-01'::date, 'day',
       null::uuid,
       pg_temp.example_id('transfer', '2018-01-01-lansstyrelsen-stockholm-till-jamstalldhetsmyndigheten'),
       pg_temp.example_id('source', '2018-01-08-nationella-uppdrag-flyttar')
from example_assignments
where jurisdiction = 'national'
union all
select pg_temp.example_id('holding', slug || '/jamstalldhetsmyndigheten'),
       pg_temp.example_id('assignment', slug),
       pg_temp.example_id('agency', 'jamstalldhetsmyndigheten'),
       '2018-01-01', 'day', null, null,
       pg_temp.example_id('transfer', '2018-01-01-lansstyrelsen-stockholm-till-jamstalldhetsmyndigheten'),
       null,
       pg_temp.example_id('source', '2018-01-08-nationella-uppdrag-flyttar')
from example_assignments
where jurisdiction = 'national'
union all
select pg_temp.example_id('holding', a.slug || '/lansstyrelsen-' || c.slug),
       pg_temp.example_id('assignment', a.slug),
       pg_temp.example_id('agency', 'lansstyrelsen-' || c.slug),
       null, null, null, null, null, null,
       pg_temp.example_id('source', '2018-01-08-nationella-uppdrag-flyttar')
from example_assignments a
join example_counties c on c.code = a.county_code;

-- Contact points. The hotline and the websites belong to their assignments and
-- go with them; the new agency's contact details apply from 2018-01-08.
insert into contact_points (
    id, agency_id, assignment_id, kind, value, label_sv, label_en, audience,
    valid_from, valid_from_precision, source_id
)
select pg_temp.example_id('contact-point', owner || '/' || kind || '/' || value),
       case when owner_kind = 'agency' then pg_temp.example_id('agency', owner) end,
       case when owner_kind = 'assignment' then pg_temp.example_id('assignment', owner) end,
       kind, value, label_sv, label_en, audience,
       valid_from, case when valid_from is not null then 'day' end,
       pg_temp.example_id('source', '2018-01-08-nationella-uppdrag-flyttar')
from (values
    ('assignment', 'nationella-stodprocessen', 'hotline', '020-390 000',
     'Stödtelefonen till yrkesverksamma', 'Support hotline for professionals', 'professionals', null::date),
    ('assignment', 'nmt-webbplats-och-kampanjsidor', 'website', 'https://www.nmtsverige.se',
     'Nationella metodstödsteamets webbplats', 'Website of the National Method Support Team', 'public', null),
    ('assignment', 'nmt-webbplats-och-kampanjsidor', 'website', 'https://www.duavgor.se',
     'Kampanjsida', 'Campaign site', 'public', null),
    ('assignment', 'nmt-webbplats-och-kampanjsidor', 'website', 'https://www.resekurage.se',
     'Kampanjsida', 'Campaign site', 'public', null),
    ('assignment', 'nmt-webbplats-och-kampanjsidor', 'website', 'https://www.safetrip.se',
     'Kampanjsida', 'Campaign site', 'public', null),
    ('agency', 'jamstalldhetsmyndigheten', 'postal_address', 'Box 73, 424 22 Angered',
     'Frågor om överflytten och de nationella uppdragen mot prostitution och människohandel',
     'Questions about the move and the national assignments against prostitution and human trafficking',
     'public', '2018-01-08'),
    ('agency', 'jamstalldhetsmyndigheten', 'visiting_address', 'Angereds Torg 9',
     'Besöksadress', 'Visiting address', 'public', '2018-01-08'),
    ('agency', 'jamstalldhetsmyndigheten', 'email', 'info@jamy.se',
     'Frågor om överflytten och de nationella uppdragen mot prostitution och människohandel',
     'Questions about the move and the national assignments against prostitution and human trafficking',
     'public', '2018-01-08'),
    ('agency', 'jamstalldhetsmyndigheten', 'phone', '031-392 90 00',
     'Frågor om överflytten och de nationella uppdragen mot prostitution och människohandel',
     'Questions about the move and the national assignments against prostitution and human trafficking',
     'public', '2018-01-08')
) as c (owner_kind, owner, kind, value, label_sv, label_en, audience, valid_from);

-- The NMT and who takes part in it.
insert into bodies (id, slug, name_sv, name_en, abbreviation, coordinated_through, source_id)
values (
    pg_temp.example_id('body', 'nmt'), 'nmt',
    'Nationella metodstödsteamet mot prostitution och människohandel',
    'National Method Support Team against prostitution and human trafficking',
    'NMT',
    pg_temp.example_id('assignment', 'nationella-metodstodsteamet'),
    pg_temp.example_id('source', '2018-01-08-nationella-uppdrag-flyttar')
);

insert into participations (id, body_id, agency_id, function_name_sv, function_name_en, role, source_id)
select pg_temp.example_id('participation', 'nmt/' || coalesce(agency_slug, function_name_sv)),
       pg_temp.example_id('body', 'nmt'),
       case when agency_slug is not null then pg_temp.example_id('agency', agency_slug) end,
       function_name_sv, function_name_en, 'member',
       pg_temp.example_id('source', '2018-01-08-nationella-uppdrag-flyttar')
from (values
    ('polismyndigheten', null, null),
    ('migrationsverket', null, null),
    ('aklagarmyndigheten', null, null),
    (null, 'Socialtjänsten (kommunal funktion)', 'The social services (a municipal function)'),
    ('arbetsmiljoverket', null, null),
    ('skatteverket', null, null)
) as p (agency_slug, function_name_sv, function_name_en);
