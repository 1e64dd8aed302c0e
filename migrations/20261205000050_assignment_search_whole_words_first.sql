-- A search matches each word's Swedish stem as the beginning of a word
-- (assignment_query), so that "barnahus" finds "barnahusverksamheterna".
-- The stemmer cuts deep, though: "bilar" becomes "bil", which also begins
-- "bilda" and "bilaterala"; "klimat" becomes "klim", which also begins
-- "klimakteriebesvär". The search keeps finding them (the stem is what
-- finds "skolan" for "skolor"), and ranks first those that have the word
-- itself: its stem as a whole word, or the word as typed at the start of
-- one. This query asks for that; a word the stemmer drops (a stop word)
-- is left out of it, as it is of the documents. It is PL/pgSQL, as is
-- every function with a query in it (see functions_keep_their_plans).
create function assignment_words_query(wanted text)
returns tsquery
language plpgsql
stable
parallel safe
strict
as $$
begin
    return (
        select to_tsquery('simple', coalesce(string_agg(
                   format('(%s | %s:*)', quote_literal(stem.lexeme), quote_literal(word)), ' & '), ''))
        from regexp_split_to_table(lower(wanted), '[^[:alnum:]]+') word
        cross join lateral (select (ts_lexize('swedish_stem', word))[1] as lexeme) stem
        where word <> '' and stem.lexeme is not null
    );
end
$$;
