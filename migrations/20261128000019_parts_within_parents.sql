-- A part's lifetime lies within its parent's: no version of a part begins
-- before the assignment it is a part of, and a part may not be moved under
-- an assignment that began after the part or its holdings did.

-- The start of an assignment's own first version; null when not known.
create function assignment_own_start(assignment uuid)
returns date
language sql
stable
as $$
    select valid_from
    from assignment_versions
    where assignment_id = assignment
    order by valid_from nulls first
    limit 1
$$;

create function check_version_within_parent()
returns trigger
language plpgsql
as $$
declare
    part record;
    parent_from date;
begin
    select s.slug, p.slug as parent_slug, s.parent_id
    into part
    from assignments s left join assignments p on p.id = s.parent_id
    where s.id = new.assignment_id;
    if part.parent_id is null or new.valid_from is null then
        return new;
    end if;
    parent_from := assignment_start(part.parent_id);
    if parent_from is not null and new.valid_from < parent_from then
        raise exception using
            errcode = 'RG001',
            message = format('The version %s of ''%s'' lies outside the lifetime of the assignment it is a part of, ''%s'' [%s, …).',
                             period_text(new.valid_from, new.valid_from_precision, new.valid_to, new.valid_to_precision),
                             part.slug, part.parent_slug, parent_from);
    end if;
    return new;
end
$$;

create trigger assignment_versions_within_parent
before insert or update of valid_from, assignment_id on assignment_versions
for each row execute function check_version_within_parent();

create function check_part_within_parent()
returns trigger
language plpgsql
as $$
declare
    parent_from date;
    earliest date;
    parent_slug text;
begin
    if new.parent_id is null then
        return new;
    end if;
    parent_from := assignment_start(new.parent_id);
    select least(assignment_own_start(new.id),
                 (select min(valid_from) from holdings where assignment_id = new.id))
    into earliest;
    if parent_from is not null and earliest is not null and earliest < parent_from then
        select slug into parent_slug from assignments where id = new.parent_id;
        raise exception using
            errcode = 'RG001',
            message = format('part_of: ''%s'' began on %s, after ''%s'' or its holdings did (%s); a part lies within its parent.',
                             parent_slug, parent_from, new.slug, earliest);
    end if;
    return new;
end
$$;

create trigger assignments_within_parent
before insert or update of parent_id on assignments
for each row execute function check_part_within_parent();
