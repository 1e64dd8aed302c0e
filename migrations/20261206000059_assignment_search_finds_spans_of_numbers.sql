-- PostgreSQL's text search parser reads "2018-2029" as two numbers, 2018
-- and -2029 (a signed integer), so the document of "Fastställelse av
-- nationell trafikslagsövergripande plan för transportinfrastrukturen för
-- perioden 2018-2029" has the word '-2029'. A query is split into words at
-- everything but letters and digits, so its own title asked for the word
-- '2029', which the document does not have: the search did not find it,
-- nor 38 other assignments whose titles have a span of numbers ("unga i
-- åldern 12-18 år"). A query's word of digits alone now also finds the
-- same number read as signed ('2029':* | '-2029':*).
--
-- The parser also reads "S2012/4487/SFÖ", "1072/2009", "10.7" and
-- "EU/EES-medborgare" as one word each (a file name, a version), which no
-- word of a query split at its slashes and dots was: 14 of 1,500 titles,
-- asked for in full, did not find their own assignment. A query now also
-- matches a document that has the words the parser reads in it, each as
-- the start of a word.

-- A word of a query as a term: itself at the start of a word, in the
-- given weights; a word of digits alone, also the number read as signed.
create function assignment_query_term(word text, weights text)
returns text
language plpgsql
stable
parallel safe
strict
as $$
begin
    if word ~ '^[0-9]+$' then
        return format('(%s:*%s | %s:*%s)', quote_literal(word), weights, quote_literal('-' || word), weights);
    end if;
    return quote_literal(word) || ':*' || weights;
end
$$;

create or replace function assignment_query(wanted text, weights text)
returns tsquery
language plpgsql
stable
parallel safe
strict
as $$
begin
    return (
        select to_tsquery('swedish', coalesce(string_agg(assignment_query_term(word, weights), ' & '), ''))
            || to_tsquery('simple', coalesce(string_agg(assignment_query_term(word, weights), ' & '), ''))
        from regexp_split_to_table(lower(wanted), '[^[:alnum:]]+') word
        where word <> ''
    ) || (
        -- The words as the parser reads them (12 is white space and
        -- punctuation between words).
        select to_tsquery('swedish', coalesce(string_agg(quote_literal(lower(part.token)) || ':*' || weights, ' & '), ''))
        from ts_parse('default', wanted) part
        where part.tokid <> 12
    );
end
$$;

-- The words themselves (see assignment_search_whole_words_first), a word
-- of digits also as the number read as signed.
create or replace function assignment_words_query(wanted text, weights text)
returns tsquery
language plpgsql
stable
parallel safe
strict
as $$
begin
    return (
        select to_tsquery('simple', coalesce(string_agg(
                   format('(%s%s | %s)', quote_literal(stem.lexeme), nullif(':' || weights, ':'),
                          assignment_query_term(word, weights)), ' & '), ''))
        from regexp_split_to_table(lower(wanted), '[^[:alnum:]]+') word
        cross join lateral (select (ts_lexize('swedish_stem', word))[1] as lexeme) stem
        where word <> '' and stem.lexeme is not null
    );
end
$$;

-- Reconciliation takes an assignment for the one meant only where no other
-- has the title or case number asked for: those are looked up by their
-- search keys, whatever the search ranks first.
create index assignment_versions_title_key_idx on assignment_versions (search_key(title_sv));
create index assignment_identifiers_value_key_idx on assignment_identifiers (search_key(value));
