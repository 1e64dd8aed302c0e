-- A search matches each word's Swedish stem as the beginning of a word
-- (assignment_query), so that "barnahus" finds "barnahusverksamheterna".
-- The stemmer cuts deep, though: "bilar" becomes "bil", which also begins
-- "bilda" and "bilaterala"; "klimat" becomes "klim", which also begins
-- "klimakteriebesvär". The search keeps finding them (the stem is what
-- finds "skolan" for "skolor"), and ranks first those that have the
-- words in a title; in titles and in texts alike, those with the words
-- themselves (a word's stem as a whole word, or the word as typed at the
-- start of one) come before those with words that only begin like a stem.
-- A document marks its titles' words with weight A; a query for titles
-- alone asks for weight A ('klim':*A), which the document answers without
-- being taken apart.

-- The query for what a person typed (as before), its words only in the
-- given weights ('A', titles; '' anywhere).
drop function assignment_query(text);
create function assignment_query(wanted text, weights text)
returns tsquery
language plpgsql
stable
parallel safe
strict
as $$
begin
    return (
        select to_tsquery('swedish', coalesce(string_agg(quote_literal(word) || ':*' || weights, ' & '), ''))
            || to_tsquery('simple', coalesce(string_agg(quote_literal(word) || ':*' || weights, ' & '), ''))
        from regexp_split_to_table(lower(wanted), '[^[:alnum:]]+') word
        where word <> ''
    );
end
$$;

-- The words themselves: each word's stem as a whole word, or the word as
-- typed at the start of one, in the given weights. A word the stemmer
-- drops (a stop word) is left out, as it is of the documents.
create function assignment_words_query(wanted text, weights text)
returns tsquery
language plpgsql
stable
parallel safe
strict
as $$
begin
    return (
        select to_tsquery('simple', coalesce(string_agg(
                   format('(%s%s | %s:*%s)', quote_literal(stem.lexeme), nullif(':' || weights, ':'),
                          quote_literal(word), weights), ' & '), ''))
        from regexp_split_to_table(lower(wanted), '[^[:alnum:]]+') word
        cross join lateral (select (ts_lexize('swedish_stem', word))[1] as lexeme) stem
        where word <> '' and stem.lexeme is not null
    );
end
$$;
