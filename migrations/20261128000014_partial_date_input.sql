-- A partial date as writes bind it, in the form the API takes and shows
-- ('YYYY', 'YYYY-MM' or 'YYYY-MM-DD', already checked by the API): the
-- first day it can mean, and how much of it is known. The inverse of
-- partial_date_text; null stays null.
create function partial_date_day(value text)
returns date
language sql
immutable
as $$
    select case length(value)
        when 4 then to_date(value, 'YYYY')
        when 7 then to_date(value, 'YYYY-MM')
        else to_date(value, 'YYYY-MM-DD')
    end
$$;

create function partial_date_precision(value text)
returns text
language sql
immutable
as $$
    select case length(value)
        when 4 then 'year'
        when 7 then 'month'
        when 10 then 'day'
    end
$$;
