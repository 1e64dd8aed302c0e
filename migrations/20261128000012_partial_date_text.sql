-- A partial date as the API shows it: 'YYYY', 'YYYY-MM' or 'YYYY-MM-DD',
-- as far as it is known; null when not known. Reads select it instead of
-- the stored pair, and the Rust side parses it as a PartialDate.
create function partial_date_text(day date, known_to text)
returns text
language sql
immutable
as $$
    select case known_to
        when 'year' then to_char(day, 'YYYY')
        when 'month' then to_char(day, 'YYYY-MM')
        when 'day' then to_char(day, 'YYYY-MM-DD')
    end
$$;
